"""Nederlandse teksten voor wat typer zelf toont (gebruik, fouten, hulp).

typer (vanaf 0.26) heeft een eigen kopie van click. Drie wegen, alle drie via typer zelf:

- de teksten die typer nog via `gettext` opvraagt (kopjes, "[verplicht]", "[standaard: …]",
  "Onbekende opdracht") vertaalt `installeer` met de tabel `VERTALING`;
- de gebruiksregel en de hulpoptie maken onze eigen klassen `Opdracht` en `Groep` (elke app
  van jeugdplan gebruikt ze, zie `common.nieuwe_app`);
- foutmeldingen die typer als vaste Engelse tekst maakt, vertaalt `vertaal` met de patronen in
  `FOUTEN`; `toon_fout` toont ze zoals click dat deed, in het Nederlands.

Onbekende teksten blijven Engels.
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

VERTALING = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Arguments": "Argumenten",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Install completion for the current shell.":
        "Installeer aanvulling (tab-completion) voor de huidige shell.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "Toon het aanvulscript voor de huidige shell.",
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

# Meldingen die typer zonder gettext maakt: (Engels patroon, Nederlands). Een `{naam}` in het
# patroon vangt een stuk tekst; `vertaal` vertaalt een gevangen `{melding}` ook zelf.
FOUTEN: list[tuple[str, str]] = [
    ("Missing argument {naam}.", "Argument ontbreekt {naam}."),
    ("Missing option {naam}.", "Optie ontbreekt {naam}."),
    ("Missing parameter: {naam}", "Parameter ontbreekt: {naam}"),
    ("No such option: {naam}", "Onbekende optie: {naam}"),
    ("Option {naam} does not take a value.", "Optie {naam} neemt geen waarde."),
    ("Option {naam} requires an argument.", "Optie {naam} heeft een waarde nodig."),
    ("Option {naam} requires {n} arguments.", "Optie {naam} heeft {n} waarden nodig."),
    ("Got unexpected extra argument(s) ({args})", "Onverwacht extra argument ({args})"),
    ("Invalid value for {naam}: {melding}", "Ongeldige waarde voor {naam}: {melding}"),
    ("Invalid value: {melding}", "Ongeldige waarde: {melding}"),
    ("{eerst}. Did you mean {suggestie}?", "{eerst}. Bedoelde u {suggestie}?"),
    ("{waarde} is not a valid int range.", "{waarde} is geen geldig geheel getal."),
    ("{waarde} is not a valid int.", "{waarde} is geen geldig geheel getal."),
    ("{waarde} is not a valid float range.", "{waarde} is geen geldig getal."),
    ("{waarde} is not a valid float.", "{waarde} is geen geldig getal."),
    ("{waarde} is not a valid boolean. Recognized values: {waarden}",
     "{waarde} is geen ja/nee-waarde. Mogelijk: {waarden}"),
    ("{waarde} is not in the range {bereik}.", "{waarde} ligt niet binnen {bereik}."),
    ("Value {waarde} is not a valid {soort}.", "{waarde} is geen geldige {soort}."),
    ("{waarde} is not a valid {soort}.", "{waarde} is geen geldige {soort}."),
    ("{waarde} is not one of {keuzes}.", "{waarde} is niet een van {keuzes}."),
    # typer 0.29 zet waarden om met pydantic, met diens meldingen:
    ("Input should be a valid integer{rest}", "moet een geheel getal zijn"),
    ("Input should be a valid number{rest}", "moet een getal zijn"),
    ("Input should be a valid boolean{rest}", "moet ja of nee zijn"),
    ("Input should be less than or equal to {n}", "mag hoogstens {n} zijn"),
    ("Input should be greater than or equal to {n}", "moet minstens {n} zijn"),
    ("Input should be less than {n}", "moet kleiner zijn dan {n}"),
    ("Input should be greater than {n}", "moet groter zijn dan {n}"),
]


def _patroon(engels: str) -> re.Pattern[str]:
    delen = re.split(r"\{(\w+)\}", engels)
    return re.compile("".join(re.escape(d) if i % 2 == 0 else f"(?P<{d}>.*?)"
                              for i, d in enumerate(delen)) + "$", re.DOTALL)


_FOUTEN = [(_patroon(engels), nl) for engels, nl in FOUTEN]


def vertaal(tekst: str) -> str:
    """Een tekst van typer in het Nederlands (uit `VERTALING` of `FOUTEN`), anders ongewijzigd."""
    if tekst in VERTALING:
        return VERTALING[tekst]
    for patroon, nl in _FOUTEN:
        gevonden = patroon.match(tekst)
        if gevonden:
            delen = gevonden.groupdict()
            if "melding" in delen:
                delen["melding"] = vertaal(delen["melding"])
            return nl.format(**delen)
    return tekst


def _nvertaal(enkel: str, meervoud: str, n: int) -> str:
    return vertaal(enkel if n == 1 else meervoud)


_GEDAAN = False


def installeer() -> None:
    """Zet de vertaling aan voor de teksten die typer via gettext opvraagt (eenmaal per proces)."""
    global _GEDAAN
    if _GEDAAN:
        return
    import typer.core

    module: Any = typer.core
    module._ = vertaal
    if hasattr(module, "ngettext"):
        module.ngettext = _nvertaal
    _GEDAAN = True


class _Nederlands:
    """Gebruiksregel en de hulp van typers eigen opties (`--help`, aanvulling) in het
    Nederlands, voor `Opdracht` en `Groep`."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        stukken = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(stukken), prefix="Gebruik: ")

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "help", None) in VERTALING:
                param.help = VERTALING[param.help]
        return params


class Opdracht(_Nederlands, TyperCommand):
    """Een opdracht van jeugdplan (Nederlandse gebruiksregel en hulp)."""


class Groep(_Nederlands, TyperGroup):
    """Een groep opdrachten van jeugdplan (Nederlandse gebruiksregel en hulp)."""


def toon_fout(fout: typer.TyperException) -> int:
    """Toont een fout van typer (verkeerd gebruik: met de gebruiksregel) zoals click dat deed,
    in het Nederlands, op stderr; geeft de exitcode."""
    ctx: typer.Context | None = getattr(fout, "ctx", None)
    if type(fout).__name__ == "NoArgsIsHelpError":  # opdracht zonder argumenten: de hulp
        typer.echo(fout.format_message(), err=True)
        return fout.exit_code
    if ctx is not None:
        hulp = "--help" if "--help" in ctx.help_option_names else ctx.help_option_names[0]
        typer.echo(f"{ctx.get_usage()}\nZie '{ctx.command_path} {hulp}' voor hulp.\n", err=True)
    typer.echo(f"fout: {vertaal(fout.format_message())}", err=True)
    return fout.exit_code
