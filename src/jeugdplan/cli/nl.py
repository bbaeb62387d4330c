"""Eén Nederlandse opdrachtregel: wat click en typer zelf tonen (gebruik, hulp, fouten) in
dezelfde stijl als de meldingen van jeugdplan.

- Teksten die click via `gettext` opvraagt: de tabel `VERTALING` (onbekende blijven Engels;
  `tests/test_cli_hulp.py` loopt elke `--help` na op Engelse woorden en kale metavars).
- De gebruiksregel: `[OPTIES]` en `OPDRACHT [ARGUMENTEN]...`.
- Metavars zonder eigen naam heten naar hun soort (`TEKST`, `GETAL`, `PAD`); een bereik is
  "minstens 1" of "0 tot en met 520", geen `0<=x<=520`.
- Fouten in één stijl, zoals `JeugdplanError`-meldingen: `optie --reden ontbreekt`,
  `argument ID ontbreekt`, `--weken: 900 ligt buiten het bereik (0 tot en met 520)`.
- Een ontbrekende verplichte optie wordt op een terminal gevraagd (met de keuzes als die er
  zijn); zonder terminal (script, pipe, CI) blijft het een gebruiksfout, exitcode 2.

Alles wordt eenmaal per proces aangezet door `installeer`.
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
    "Error: {e.message}": "fout: {e.message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Missing command.": "geef een opdracht",
    "No such command {name!r}.": "onbekende opdracht {name!r}",
    "No such option {name!r}.": "onbekende optie {name!r}",
    "No such option: {name}": "onbekende optie {name}",
    "Option {name!r} does not take a value.": "optie {name!r} neemt geen waarde",
    "Option {name!r} requires an argument.": "optie {name!r} heeft een waarde nodig",
    "Option {name!r} requires {nargs} arguments.": "optie {name!r} heeft {nargs} waarden nodig",
    "Got unexpected extra argument ({args})": "onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "onverwachte extra argumenten ({args})",
    "Invalid value: {message}": "ongeldige waarde: {message}",
    "{value!r} is not {choice}.": "onbekende waarde {value!r}; kies {choice}",
    "{value!r} is not one of {choices}.": "onbekende waarde {value!r}; kies uit: {choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen {number_type}",
    "{value} is not in the range {range}.": "{value} ligt buiten het bereik ({range})",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja of nee (mogelijk: {states})",
    "Did you mean {possibility}?": "(bedoelde u {possibility}?)",
    "(Did you mean one of: {possibilities}?)": "(bedoelde u een van: {possibilities}?)",
    "Aborted!": "afgebroken; er is niets veranderd",
    "Aborted.": "afgebroken; er is niets veranderd",
    "Error": "fout",
    "default: {default}": "standaard: {default}",
    "[default: {}]": "[standaard: {}]",
    "required": "verplicht",
    "[required]": "[verplicht]",
    "env var: {var}": "omgevingsvariabele: {var}",
    "[env var: {}]": "[omgevingsvariabele: {}]",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "fout: de twee waarden verschillen",
    "Error: invalid input": "fout: ongeldige invoer",
    "Do you want to continue?": "Wilt u doorgaan?",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "integer": "geheel getal",
    "float": "getal",
    "text": "tekst",
    "Takes {nargs} values but 1 was given.": "neemt {nargs} waarden, maar er is er 1 gegeven",
    "Takes {nargs} values but {len} were given.": "neemt {nargs} waarden, maar er zijn er {len} gegeven",
}

GEBRUIK = {
    "[OPTIONS]": "[OPTIES]",
    "COMMAND [ARGS]...": "OPDRACHT [ARGUMENTEN]...",
}
"""Stukken van de gebruiksregel."""

SOORTEN = {
    "StringParamType": "tekst", "IntParamType": "getal", "IntRange": "getal",
    "FloatParamType": "getal", "FloatRange": "getal", "BoolParamType": "ja|nee",
    "Path": "pad", "File": "bestand", "DateTime": "datum", "UUIDParameterType": "uuid",
}
"""Naam (en zo de metavar) van click's soorten waarden; `TEXT` wordt `TEKST`."""

_MODULES = ["core", "exceptions", "parser", "types", "decorators", "termui", "formatting",
            "utils"]

_GEDAAN = False


def _vertaal(tekst: str) -> str:
    return VERTALING.get(tekst, tekst)


def _nvertaal(enkel: str, meervoud: str, n: int) -> str:
    return _vertaal(enkel if n == 1 else meervoud)


def _getal(waarde: Any) -> str:
    return str(waarde).replace(".", ",") if isinstance(waarde, float) else str(waarde)


def _bereik(self: Any) -> str:
    """`click.IntRange` in woorden: "minstens 1", "0 tot en met 520"."""
    laag, hoog = self.min, self.max
    if laag is not None and hoog is not None and not self.min_open and not self.max_open:
        return f"{_getal(laag)} tot en met {_getal(hoog)}"
    delen = []
    if laag is not None:
        delen.append(f"{'meer dan' if self.min_open else 'minstens'} {_getal(laag)}")
    if hoog is not None:
        delen.append(f"{'minder dan' if self.max_open else 'hoogstens'} {_getal(hoog)}")
    return " en ".join(delen)


def hint(param: Any) -> str:
    """Hoe een parameter in een melding heet: `--reden` of `ID` (zonder aanhalingstekens)."""
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "argument" or not opts:
        return str(getattr(param, "human_readable_name", None) or param.name).upper()
    return "/".join(opts)


def _ontbreekt(self: Any) -> str:
    """`MissingParameter` zoals de eigen meldingen: `optie --reden ontbreekt`."""
    soort = self.param_type or (self.param.param_type_name if self.param is not None else "")
    wie = {"argument": "argument", "option": "optie"}.get(soort, "waarde")
    if self.param_hint is not None:
        naam = self.param_hint if isinstance(self.param_hint, str) else "/".join(self.param_hint)
    else:
        naam = hint(self.param) if self.param is not None else ""
    return f"{wie} {naam.strip(chr(39))} ontbreekt".replace("  ", " ") + (
        f" ({self.message})" if self.message else "")


def _ongeldig(self: Any) -> str:
    """`BadParameter`: `--weken: 600 ligt buiten het bereik (0 tot en met 520)`."""
    if isinstance(self.param_hint, str):
        naam = self.param_hint.strip("'")
    elif self.param is not None:
        naam = hint(self.param)
    else:
        return _vertaal("Invalid value: {message}").format(message=self.message)
    return f"{naam}: {self.message}"


def _help_bij_argument(klasse: Any) -> None:
    """typer < 0.20 zet de hulp van een argument vóór click 8.3+ die weer leegmaakt: daarna
    opnieuw zetten, anders toont `--help` bij `ID` alleen `[verplicht]`."""
    oud = klasse.__init__
    if getattr(oud, "_jeugdplan", False):
        return

    def init(self: Any, *args: Any, help: str | None = None, **kwargs: Any) -> None:
        oud(self, *args, help=help, **kwargs)
        self.help = help

    init._jeugdplan = True  # type: ignore[attr-defined]
    klasse.__init__ = init


def vraag(param: Any, ctx: Any) -> Any:
    """Vraagt een ontbrekende verplichte optie op de terminal (op stderr, zodat stdout vrij
    blijft), met de keuzes als die er zijn; een ongeldig antwoord wordt opnieuw gevraagd."""
    from jeugdplan.cli._click import click

    tekst = (param.help or hint(param)).split(". ")[0].rstrip(".")
    keuzes = _keuzes(param)
    if keuzes:
        tekst += f" (kies uit: {', '.join(keuzes)})"
    if param.multiple:
        tekst += " (meer dan één: scheid met ;)"

    def omzetten(waarde: str) -> Any:
        from jeugdplan.domein.errors import JeugdplanError

        if not waarde.strip():
            raise click.UsageError("geef een waarde (of Ctrl-C om af te breken)")
        try:
            if param.multiple:
                return tuple(param.type.convert(d.strip(), param, ctx)
                             for d in waarde.split(";") if d.strip())
            return param.type.convert(waarde, param, ctx)
        except JeugdplanError as e:  # opnieuw vragen, met de melding
            raise click.UsageError(e.melding) from None

    return click.prompt(tekst, err=True, value_proc=omzetten)


def _keuzes(param: Any) -> list[str]:
    soort = param.type
    if hasattr(soort, "keuzes"):
        return list(soort.keuzes())
    return [str(c) for c in getattr(soort, "choices", ())]


def _verwerk(oud: Any) -> Any:
    """`Parameter.process_value` dat een ontbrekende verplichte optie op een terminal vraagt
    in plaats van te weigeren (zie `common.interactief`)."""

    def process_value(self: Any, ctx: Any, value: Any) -> Any:
        from jeugdplan.cli._click import click

        try:
            return oud(self, ctx, value)
        except click.MissingParameter:
            from jeugdplan.cli.common import interactief

            if (not isinstance(self, click.Option) or ctx.resilient_parsing
                    or not interactief()):
                raise
            return oud(self, ctx, vraag(self, ctx))

    process_value._jeugdplan = True  # type: ignore[attr-defined]
    return process_value


def _gebruik(oud: Any) -> Any:
    def collect_usage_pieces(self: Any, ctx: Any) -> list[str]:
        return [GEBRUIK.get(stuk, stuk) for stuk in oud(self, ctx)]

    collect_usage_pieces._jeugdplan = True  # type: ignore[attr-defined]
    return collect_usage_pieces


def installeer() -> None:
    """Zet de Nederlandse opdrachtregel aan in click en typer (eenmaal per proces)."""
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
    for klassenaam, soort in SOORTEN.items():
        klasse = getattr(click.types, klassenaam, None)
        if klasse is not None:
            klasse.name = soort
    setattr(click.types._NumberRangeBase, "_describe_range", _bereik)  # noqa: B010
    click.exceptions.MissingParameter.format_message = _ontbreekt  # type: ignore[method-assign]
    click.exceptions.BadParameter.format_message = _ongeldig  # type: ignore[method-assign]
    for klasse in (click.Command, click.Group):
        if not getattr(klasse.collect_usage_pieces, "_jeugdplan", False):
            klasse.collect_usage_pieces = _gebruik(  # type: ignore[method-assign]
                klasse.__dict__["collect_usage_pieces"])
    if not getattr(click.core.Parameter.process_value, "_jeugdplan", False):
        click.core.Parameter.process_value = _verwerk(  # type: ignore[method-assign]
            click.core.Parameter.process_value)
    import typer.core

    _help_bij_argument(typer.core.TyperArgument)
    # click 8.3+ toont argumenten zelf ook (`format_arguments`); typer doet dat al bij de opties.
    for klasse in (typer.core.TyperCommand, typer.core.TyperGroup):
        klasse.format_arguments = lambda self, ctx, formatter: None  # type: ignore[method-assign]
    # jeugdplan toont hulp en fouten zonder rich-opmaak; zonder deze vlag zet typer toch
    # rich-escapes in de hulp ("\\[standaard: md]") en laadt het rich bij elke --help.
    typer.core.HAS_RICH = False
    _GEDAAN = True
