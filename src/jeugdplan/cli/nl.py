"""Eén Nederlandse opdrachtregel: wat typer zelf toont (gebruik, hulp, fouten) in dezelfde
stijl als de meldingen van jeugdplan.

typer (vanaf 0.26) heeft een eigen kopie van click; alles hier gaat via typer zelf:

- teksten die typer nog via `gettext` opvraagt (kopjes, "[verplicht]", "[standaard: …]",
  "Onbekende opdracht") vertaalt `installeer` met de tabel `VERTALING` (onbekende blijven
  Engels; `tests/cli/test_hulp.py` loopt elke `--help` na op Engelse woorden en kale metavars);
- onze eigen klassen `Opdracht` en `Groep` (elke app van jeugdplan gebruikt ze, zie
  `common.nieuwe_app`) maken de gebruiksregel (`[OPTIES]`, `OPDRACHT [ARGUMENTEN]...`), geven
  metavars zonder eigen naam de naam van hun soort (`TEKST`, `GETAL`), schrijven een bereik in
  woorden ("minstens 1", "0 tot en met 520" in plaats van `0<=x<=520`) en vragen een
  ontbrekende verplichte optie op een terminal (met de keuzes als die er zijn); zonder
  terminal (script, pipe, CI) blijft dat een gebruiksfout, exitcode 2;
- foutmeldingen die typer als vaste Engelse tekst maakt, vertaalt `vertaal` met de patronen in
  `FOUTEN`, in de stijl van `JeugdplanError`: `optie --reden ontbreekt`, `argument ID
  ontbreekt`, `--weken: 900 ligt buiten het bereik (0 tot en met 520)`; `toon_fout` toont ze
  met de gebruiksregel erboven.
"""

from __future__ import annotations

import os
import re
import sys
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
        "Installeer tab-aanvulling voor uw opdrachtregel (bash, zsh, fish); open daarna een "
        "nieuw venster.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "Toon het aanvulscript voor uw opdrachtregel (om het zelf te installeren).",
    "Error: {message}": "fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Missing argument": "argument ontbreekt",
    "Missing option": "optie ontbreekt",
    "Missing parameter": "waarde ontbreekt",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Missing parameter: {param_name}": "waarde {param_name} ontbreekt",
    "Missing command.": "geef een opdracht",
    "No such command {name!r}.": "onbekende opdracht {name!r}",
    "No such option {name!r}.": "onbekende optie {name!r}",
    "No such option: {name}": "onbekende optie '{name}'",
    "Option {name!r} does not take a value.": "optie {name} neemt geen waarde",
    "Option {name!r} requires an argument.": "optie {name} heeft een waarde nodig",
    "Option {name!r} requires {nargs} arguments.": "optie {name} heeft {nargs} waarden nodig",
    "Got unexpected extra argument ({args})": "onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "onverwachte extra argumenten ({args})",
    "Invalid value for {param_hint}: {message}": "{param_hint}: {message}",
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
    "Takes {nargs} values but {len} were given.":
        "neemt {nargs} waarden, maar er zijn er {len} gegeven",
}

# Meldingen die typer zonder gettext maakt: (Engels patroon, Nederlands). Een `{naam}` in het
# patroon vangt een stuk tekst (de naam van een optie of argument zonder aanhalingstekens);
# `vertaal` vertaalt een gevangen `{melding}` ook zelf en schrijft een `{bereik}` in woorden.
FOUTEN: list[tuple[str, str]] = [
    ("Missing argument {naam}.", "argument {naam} ontbreekt"),
    ("Missing option {naam}.", "optie {naam} ontbreekt"),
    ("Missing parameter: {naam}", "waarde {naam} ontbreekt"),
    ("No such option: {naam}", "onbekende optie '{naam}'"),
    ("Option {naam} does not take a value.", "optie {naam} neemt geen waarde"),
    ("Option {naam} requires an argument.", "optie {naam} heeft een waarde nodig"),
    ("Option {naam} requires {n} arguments.", "optie {naam} heeft {n} waarden nodig"),
    ("Got unexpected extra argument ({args})", "onverwacht extra argument ({args})"),
    ("Got unexpected extra arguments ({args})", "onverwachte extra argumenten ({args})"),
    ("Got unexpected extra argument(s) ({args})", "onverwacht extra argument ({args})"),
    ("Invalid value for {naam}: {melding}", "{naam}: {melding}"),
    ("Invalid value: {melding}", "ongeldige waarde: {melding}"),
    ("{eerst}. Did you mean {suggestie}?", "{eerst} (bedoelde u {suggestie}?)"),
    ("{waarde} is not a valid int range.", "{waarde} is geen geheel getal"),
    ("{waarde} is not a valid int.", "{waarde} is geen geheel getal"),
    ("{waarde} is not a valid integer range.", "{waarde} is geen geheel getal"),
    ("{waarde} is not a valid integer.", "{waarde} is geen geheel getal"),
    ("{waarde} is not a valid float range.", "{waarde} is geen getal"),
    ("{waarde} is not a valid float.", "{waarde} is geen getal"),
    ("{waarde} is not a valid boolean. Recognized values: {waarden}",
     "{waarde} is geen ja of nee (mogelijk: {waarden})"),
    ("{waarde} is not in the range {bereik}.", "{waarde} ligt buiten het bereik ({bereik})"),
    ("Value {waarde} is not a valid {soort}.", "{waarde} is geen geldige {soort}"),
    ("{waarde} is not a valid {soort}.", "{waarde} is geen geldige {soort}"),
    ("{waarde} is not one of {keuzes}.", "onbekende waarde {waarde}; kies uit: {keuzes}"),
    ("{waarde} is not {keuze}.", "onbekende waarde {waarde}; kies {keuze}"),
    # typer 0.29 zet waarden om met pydantic, met diens meldingen:
    ("Input should be a valid integer{rest}", "moet een geheel getal zijn"),
    ("Input should be a valid number{rest}", "moet een getal zijn"),
    ("Input should be a valid boolean{rest}", "moet ja of nee zijn"),
    ("Input should be less than or equal to {n}", "mag hoogstens {n} zijn"),
    ("Input should be greater than or equal to {n}", "moet minstens {n} zijn"),
    ("Input should be less than {n}", "moet kleiner zijn dan {n}"),
    ("Input should be greater than {n}", "moet groter zijn dan {n}"),
]

GEBRUIK = {"[OPTIONS]": "[OPTIES]", "COMMAND [ARGS]...": "OPDRACHT [ARGUMENTEN]..."}
"""Stukken van de gebruiksregel."""

SOORTEN = {
    "StringParamType": "tekst", "IntParamType": "getal", "IntRange": "getal",
    "FloatParamType": "getal", "FloatRange": "getal", "BoolParamType": "ja|nee",
    "Path": "pad", "File": "bestand", "DateTime": "datum", "UUIDParameterType": "uuid",
}
"""De metavar van een optie zonder eigen metavar, naar de soort waarde: `TEXT` wordt `TEKST`."""


def _patroon(engels: str) -> re.Pattern[str]:
    delen = re.split(r"\{(\w+)\}", engels)
    return re.compile("".join(re.escape(d) if i % 2 == 0 else f"(?P<{d}>.*?)"
                              for i, d in enumerate(delen)) + "$", re.DOTALL)


_FOUTEN = [(_patroon(engels), nl) for engels, nl in FOUTEN]

_GETAL = r"-?\d+(?:\.\d+)?"
_BEREIK = re.compile(rf"(?P<laag>{_GETAL})(?P<lop><=?)x(?P<rop><=?)(?P<hoog>{_GETAL})"
                     rf"|x(?P<op>[<>]=?)(?P<grens>{_GETAL})")


def _getal(tekst: str) -> str:
    return tekst.replace(".", ",")


def _in_woorden(gevonden: re.Match[str]) -> str:
    if gevonden["op"]:
        woord = {">=": "minstens", ">": "meer dan", "<=": "hoogstens", "<": "minder dan"}
        return f"{woord[gevonden['op']]} {_getal(gevonden['grens'])}"
    laag, hoog = _getal(gevonden["laag"]), _getal(gevonden["hoog"])
    if gevonden["lop"] == "<=" and gevonden["rop"] == "<=":
        return f"{laag} tot en met {hoog}"
    return (f"{'minstens' if gevonden['lop'] == '<=' else 'meer dan'} {laag} en "
            f"{'hoogstens' if gevonden['rop'] == '<=' else 'minder dan'} {hoog}")


def bereik_in_woorden(tekst: str) -> str:
    """Een bereik van typer in woorden: `0<=x<=520` -> "0 tot en met 520", `x>=1` ->
    "minstens 1"."""
    return _BEREIK.sub(_in_woorden, tekst)


def vertaal(tekst: str) -> str:
    """Een tekst van typer in het Nederlands (uit `VERTALING` of `FOUTEN`), anders ongewijzigd."""
    if tekst in VERTALING:
        return VERTALING[tekst]
    for patroon, nl in _FOUTEN:
        gevonden = patroon.match(tekst)
        if gevonden:
            delen = gevonden.groupdict()
            if "naam" in delen:
                delen["naam"] = delen["naam"].strip("'\"")
            if "melding" in delen:
                delen["melding"] = vertaal(delen["melding"])
            if "bereik" in delen:
                delen["bereik"] = bereik_in_woorden(delen["bereik"])
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


def interactief() -> bool:
    """Mag er iets gevraagd worden? Alleen als invoer én meldingen op een terminal staan (nooit
    in een pipe of script), of met JEUGDPLAN_INTERACTIEF=1 (tests)."""
    if os.environ.get("JEUGDPLAN_INTERACTIEF"):
        return os.environ["JEUGDPLAN_INTERACTIEF"] != "0"
    return sys.stdin.isatty() and sys.stderr.isatty()


def hint(param: Any) -> str:
    """Hoe een parameter in een melding heet: `--reden` of `ID` (zonder aanhalingstekens)."""
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "argument" or not opts:
        return str(getattr(param, "human_readable_name", None) or param.name).upper()
    return "/".join(opts)


def keuzes(param: Any) -> list[str]:
    """De mogelijke waarden van een optie (een codelijst via `common.code_optie`, of vaste
    keuzes), of leeg."""
    soort = param.type
    eigen = getattr(getattr(soort, "func", None), "keuzes", None)
    if eigen is not None:
        return list(eigen())
    return [str(c) for c in getattr(soort, "choices", ())]


def vraag(param: Any, ctx: Any) -> list[str]:
    """Vraagt een ontbrekende verplichte optie op de terminal (op stderr, zodat stdout vrij
    blijft), met de keuzes als die er zijn; een ongeldig antwoord wordt met de melding opnieuw
    gevraagd. Geeft de waarde(n) zoals ze getypt zijn (meer dan één: gescheiden door ;)."""
    from jeugdplan.domein.errors import JeugdplanError

    tekst = (param.help or hint(param)).split(". ")[0].rstrip(".")
    mogelijk = keuzes(param)
    if mogelijk:
        tekst += f" (kies uit: {', '.join(mogelijk)})"
    if param.multiple:
        tekst += " (meer dan één: scheid met ;)"
    while True:
        antwoord: str = typer.prompt(tekst, err=True)
        waarden = ([d.strip() for d in antwoord.split(";") if d.strip()] if param.multiple
                   else [antwoord] if antwoord.strip() else [])
        try:
            if not waarden:
                raise JeugdplanError("geef een waarde (of Ctrl-C om af te breken)")
            for waarde in waarden:
                param.type.convert(waarde, param, ctx)
            return waarden
        except JeugdplanError as e:
            typer.echo(f"fout: {e.melding}", err=True)
        except typer.BadParameter as e:
            typer.echo(f"fout: {vertaal(e.format_message())}", err=True)


def _metavars(params: list[Any]) -> None:
    """Opties zonder eigen metavar heten naar hun soort: `TEKST`, `GETAL`, `PAD`."""
    for param in params:
        if param.param_type_name == "option" and param.metavar is None:
            soort = SOORTEN.get(type(param.type).__name__)
            if soort is not None:
                param.metavar = soort.upper()


class _Nederlands:
    """Gebruiksregel, hulp, metavars en het vragen van ontbrekende opties in het Nederlands,
    voor `Opdracht` en `Groep`."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        stukken = [GEBRUIK.get(stuk, re.sub(r"^\{(.+)\}$", r"\1", stuk))
                   for stuk in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(stukken), prefix="Gebruik: ")

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "help", None) in VERTALING:
                param.help = VERTALING[param.help]
        _metavars(params)
        return params

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Zoals typer (argumenten, dan opties), met een bereik in woorden."""
        argumenten: list[tuple[str, str]] = []
        opties: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            regel = param.get_help_record(ctx)
            if regel is not None:
                naam, hulp = regel
                (argumenten if param.param_type_name == "argument" else opties).append(
                    (naam, bereik_in_woorden(hulp)))
        for kop, regels in (("Arguments", argumenten), ("Options", opties)):
            if regels:
                with formatter.section(vertaal(kop)):
                    formatter.write_dl(regels)
        if isinstance(self, TyperGroup):
            self.format_commands(ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> Any:
        """Een ontbrekende verplichte optie wordt op een terminal gevraagd (`vraag`) en
        toegevoegd; zonder terminal blijft het een gebruiksfout."""
        while True:
            try:
                return super().parse_args(ctx, list(args))  # type: ignore[misc]
            except typer.BadParameter as e:
                param = getattr(e, "param", None)
                if (type(e).__name__ != "MissingParameter" or param is None
                        or param.param_type_name != "option" or ctx.resilient_parsing
                        or not interactief()):
                    raise
                optie = max(param.opts, key=len)
                args = [*args, *(f"{optie}={w}" if optie.startswith("--") else f"{optie}{w}"
                                 for w in vraag(param, ctx))]


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
