"""Nederlandse teksten voor wat click en typer zelf tonen (gebruik, fouten, hulp).

click vraagt zijn teksten op via `gettext`; we vervangen die functie in de click- en
typer-modules door een opzoeking in deze tabel. Onbekende teksten blijven Engels.
"""

from __future__ import annotations

import importlib
from typing import Any

VERTALING = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Arguments": "Argumenten",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Error: {message}": "fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Missing argument": "Argument ontbreekt",
    "Missing option": "Optie ontbreekt",
    "Missing parameter": "Parameter ontbreekt",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Missing parameter: {param_name}": "Parameter ontbreekt: {param_name}",
    "Missing command.": "Geef een opdracht.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} heeft {nargs} waarden nodig.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet binnen {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja/nee-waarde. Mogelijk: {states}",
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van: {possibilities}?)",
    "Aborted!": "Afgebroken.",
    "Aborted.": "Afgebroken.",
    "Error": "Fout",
    "default: {default}": "standaard: {default}",
    "[default: {}]": "[standaard: {}]",
    "required": "verplicht",
    "[required]": "[verplicht]",
    "env var: {var}": "omgevingsvariabele: {var}",
    "[env var: {}]": "[omgevingsvariabele: {}]",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "fout: de twee waarden verschillen.",
    "Error: invalid input": "fout: ongeldige invoer",
    "Do you want to continue?": "Wilt u doorgaan?",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "integer": "geheel getal",
    "float": "getal",
    "text": "tekst",
    "Takes {nargs} values but 1 was given.": "Neemt {nargs} waarden, maar 1 gegeven.",
    "Takes {nargs} values but {len} were given.": "Neemt {nargs} waarden, maar {len} gegeven.",
}

_MODULES = ["core", "exceptions", "parser", "types", "decorators", "termui", "formatting",
            "utils"]

_GEDAAN = False


def _vertaal(tekst: str) -> str:
    return VERTALING.get(tekst, tekst)


def _nvertaal(enkel: str, meervoud: str, n: int) -> str:
    return _vertaal(enkel if n == 1 else meervoud)


def installeer() -> None:
    """Zet de vertaling aan in click en typer (eenmaal per proces)."""
    global _GEDAAN
    if _GEDAAN:
        return
    from jeugdplan.cli._click import click

    for naam in [f"{click.__name__}.{m}" for m in _MODULES] + ["typer.core"]:
        try:
            module: Any = importlib.import_module(naam)
        except ImportError:  # pragma: no cover
            continue
        if hasattr(module, "_"):
            module._ = _vertaal
        if hasattr(module, "ngettext"):
            module.ngettext = _nvertaal
    # jeugdplan toont hulp en fouten zonder rich-opmaak; zonder deze vlag zet typer toch
    # rich-escapes in de hulp ("\\[standaard: md]") en laadt het rich bij elke --help.
    import typer.core

    typer.core.HAS_RICH = False
    _GEDAAN = True
