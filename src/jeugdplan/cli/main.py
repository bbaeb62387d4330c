"""De opdrachtregel `jeugdplan`: hoofdapp, globale opties en de ene foutafhandeling.

Exitcodes: 0 gelukt; 1 een probleem dat de gebruiker kan oplossen (ongeldig plan, onbekende
casus, geweigerde stap); 2 verkeerd gebruik (onbekende optie, ontbrekend argument).
Een `JeugdplanError` wordt één Nederlandse regel op stderr, nooit een traceback.

De opdrachten staan in modules met `registreer(app)`; de hoofdgroep laadt en bouwt een module
pas als een van haar opdrachten nodig is, zodat `jeugdplan --help` en `jeugdplan show ID` niet
op de hele boom van opdrachten wachten.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core

from jeugdplan import __version__
from jeugdplan.cli import nl
from jeugdplan.cli._click import click
from jeugdplan.cli.common import meld, nieuwe_app, staat
from jeugdplan.domein.errors import GebruiksFout, JeugdplanError

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


class _Fout(click.ClickException):
    """Een `JeugdplanError` in de vorm die click begrijpt (exitcode 1; een `GebruiksFout`
    wordt een `_GebruikFout` met exitcode 2)."""

    exit_code = 1

    def __init__(self, fout: JeugdplanError) -> None:
        super().__init__(fout.melding)

    def show(self, file: Any = None) -> None:
        click.echo(f"fout: {self.message}", err=True)


class _GebruikFout(click.UsageError):
    """Een `GebruiksFout`: toont het gebruik van de opdracht, exitcode 2."""


# De opdrachten van `jeugdplan`, in de volgorde van `jeugdplan --help`: naam -> (module in
# jeugdplan.cli die haar met `registreer(app)` toevoegt, korte hulp). typer zet losse opdrachten
# vóór groepen. `--help` toont de korte hulp uit deze tabel, zodat het geen opdrachtmodule
# hoeft te laden. Een nieuwe of hernoemde opdracht, of een andere eerste zin van haar hulp:
# pas de tabel aan; tests/test_cli_main.py vergelijkt haar met de echte opdrachten.
_OPDRACHTEN: dict[str, tuple[str, str]] = {
    "init": ("casus", "Maak een nieuwe casusrepository (git, jeugdplan.yaml, casussen/, eerste commit)."),
    "new": ("casus", "Maak een nieuw integraal plan voor een kind (één kind, één plan)."),
    "show": ("casus", "Toon een plan, leesbaar of als JSON met dezelfde sleutels als de YAML."),
    "list": ("casus", "Toon de casussen, met wat aandacht vraagt."),
    "agenda": ("casus", "Wat is over tijd of binnenkort aan de beurt: acties, evaluaties, OPP's, "
               "termijnen."),
    "check": ("casus", "Controleer alle plannen: schema, onmogelijke feiten en wat aandacht vraagt."),
    "edit": ("casus", "Bewerk een plan in $EDITOR; na opslaan wordt het gecontroleerd en vastgelegd."),
    "close": ("casus", "Sluit een casus af, met reden."),
    "log": ("casus", "De geschiedenis van een casus: wie, wanneer, en wat er per veld veranderde."),
    "demo": ("casus", "Bouw een demorepository met fictieve casussen en laat zien wat jeugdplan doet."),
    "zienswijze": ("onderdelen", "Leg de zienswijze van ouders en kind vast, in hun eigen woorden."),
    "route": ("route", "Advies: welke partner nu betrekken, wat moet eerst, en waarom (volgens de "
              "regioregels)."),
    "verwijzing": ("route", "Zet een verwijzing een stap verder: voorgesteld -> aangevraagd -> "
                   "geaccepteerd of afgewezen -> gestart -> afgerond."),
    "sync": ("samen", "Deel de casusrepository: ophalen, samenvoegen per onderdeel en versturen."),
    "diff": ("samen", "Wat er aan een plan veranderde, per veld."),
    "merge-driver": ("samen", "Merge-driver voor plan.yaml (wordt door git aangeroepen, niet met de "
                     "hand)."),
    "export": ("privacy", "Inzage in één plan voor ouder of jeugdige (AVG art."),
    "bewaartermijn": ("privacy", "Afgesloten plannen waarvan de bewaartermijn is verstreken "
                      "(data/bewaartermijnen.yaml)."),
    "purge": ("privacy", "Verwijder één casus (plan en bijlagen) uit de werkmap, in één commit; met "
              "--uit-geschiedenis ook uit de geschiedenis."),
    "textconv": ("versleuteling", "Leesbare inhoud van een (versleuteld) plan voor git diff (door "
                 "git aangeroepen)."),
    "gezin": ("onderdelen", "Het gezin: ouders en verzorgers, en wie het gezag heeft."),
    "evaluatie": ("onderdelen", "Evaluaties van het plan en zijn doelen."),
    "signaal": ("onderdelen", "Signalen: wat is er gezien of gehoord (feiten, met bron en domein)."),
    "ouders": ("onderdelen", "Ouders: vastleggen dat de zorgen met de ouders zijn besproken."),
    "toestemming": ("onderdelen", "Toestemming om gegevens te delen: geven en intrekken."),
    "doel": ("onderdelen", "Doelen van het plan, met eigenaar en evaluatiedatum."),
    "actie": ("onderdelen", "Acties: wie doet wat wanneer."),
    "betrokkene": ("onderdelen", "Betrokken professionals en wie de regie heeft."),
    "journaal": ("onderdelen", "Het journaal: korte aantekeningen bij de casus."),
    "meldcode": ("meldcode", "De meldcode huiselijk geweld en kindermishandeling: vijf stappen en het "
                 "afwegingskader, vastgelegd in het plan."),
    "regio": ("route", "Regioregels: welke partners, routes en verwijzers gelden (tonen, "
              "controleren)."),
    "verzuim": ("verzuim", "Schoolverzuim: afwezigheid, in- en uitschrijving, vrijstellingen, "
                "startkwalificatie en aanbod, als periodes in het plan (voor 'jeugdplan report "
                "thuiszitters')."),
    "report": ("report", "Rapportages: thuiszitters, het plandocument, kwaliteit, meldcodedossier."),
    "sleutel": ("versleuteling", "Uw eigen age-sleutel: maken, ontgrendelen voor een sessie, "
                "vergrendelen, status."),
    "versleuteling": ("versleuteling", "Versleuteling in rust van de plannen in deze repository: "
                      "aanzetten, status, ontvangers."),
}

_VERBORGEN = frozenset({"merge-driver", "textconv"})
"""Opdrachten die wel werken maar niet in `--help` staan."""

MODULES = tuple(dict.fromkeys(module for module, _ in _OPDRACHTEN.values()))
"""De opdrachtmodules, in de volgorde waarin ze vroeger alle tegelijk werden geregistreerd."""

_EERST = {"report": ("meldcode",)}
"""`meldcode.registreer` hangt `report meldcode` aan de report-groep: eerst meldcode laden."""


@cache
def _registratie(module: str) -> typer.Typer:
    """De kladapp waarop `jeugdplan.cli.<module>` haar opdrachten registreert (één keer)."""
    for eerder in _EERST.get(module, ()):
        _registratie(eerder)
    kladapp = nieuwe_app("")
    importlib.import_module(f"jeugdplan.cli.{module}").registreer(kladapp)
    return kladapp


def opdrachten_van(module: str) -> dict[str, click.Command]:
    """Alle click-opdrachten die `jeugdplan.cli.<module>` registreert (voor de tests)."""
    return dict(typer.main.get_group(_registratie(module)).commands)


@cache
def opdracht(naam: str) -> click.Command:
    """Bouwt één opdracht (of groep) van `_OPDRACHTEN`, niet de rest van haar module: typer
    leest bij het bouwen de handtekening van elke functie, en dat kost per opdracht tijd."""
    return _bouw(_registratie(_OPDRACHTEN[naam][0]), naam)


def _naam(info: typer.models.CommandInfo) -> str:
    return info.name or typer.main.get_command_name(getattr(info.callback, "__name__", ""))


def _bouw(app: typer.Typer, naam: str) -> click.Command:
    """Opdracht of groep `naam` van `app`. Van een groep (`meldcode`, `signaal`, ...) wordt
    eerst alleen de groep zelf gebouwd; haar subopdrachten pas als ze nodig zijn."""
    enkel = nieuwe_app("")
    enkel.registered_commands = [c for c in app.registered_commands if _naam(c) == naam]
    enkel.registered_groups = [g for g in app.registered_groups if g.name == naam]
    if not enkel.registered_groups:
        return typer.main.get_group(enkel).commands[naam]
    sub = enkel.registered_groups[0].typer_instance
    assert sub is not None
    # typer bouwt een groep met al haar subopdrachten tegelijk: even zonder registreren, en
    # de subopdrachten daarna lui (`_Opdrachten`).
    opdrachten, groepen = sub.registered_commands, sub.registered_groups
    sub.registered_commands, sub.registered_groups = [], []
    try:
        groep = typer.main.get_group(enkel).commands[naam]
    finally:
        sub.registered_commands, sub.registered_groups = opdrachten, groepen
    assert isinstance(groep, click.Group)
    namen = [_naam(c) for c in opdrachten] + [str(g.name) for g in groepen]
    groep.commands = _Opdrachten(namen, cache(lambda n: _bouw(sub, n)))
    return groep


class _Opdrachten(MutableMapping[str, click.Command]):
    """`commands` van een groep: alle opdrachten op volgorde (`namen`), maar een opdracht
    wordt pas gebouwd (`bouw`) als iemand haar opvraagt. Namen opsommen of opzoeken met `in`
    bouwt niets. Voor de hoofdgroep (namen uit `_OPDRACHTEN`) en voor elke subgroep."""

    def __init__(self, namen: Iterable[str], bouw: Callable[[str], click.Command],
                 extra: Mapping[str, click.Command] | None = None) -> None:
        self._namen = dict.fromkeys(namen)  # op volgorde
        self._bouw = bouw
        self._extra = dict(extra or {})  # met add_command toegevoegd
        self._weg: set[str] = set()

    def __getitem__(self, naam: str) -> click.Command:
        if naam in self._extra:
            return self._extra[naam]
        if naam not in self._namen or naam in self._weg:
            raise KeyError(naam)
        return self._bouw(naam)

    def __contains__(self, naam: object) -> bool:
        return naam in self._extra or (naam in self._namen and naam not in self._weg)

    def __iter__(self) -> Iterator[str]:
        yield from (naam for naam in self._namen if naam not in self._weg)
        yield from (naam for naam in self._extra if naam not in self._namen)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __setitem__(self, naam: str, opdracht: click.Command) -> None:
        self._extra[naam] = opdracht
        self._weg.discard(naam)

    def __delitem__(self, naam: str) -> None:
        if naam not in self:
            raise KeyError(naam)
        self._extra.pop(naam, None)
        if naam in self._namen:
            self._weg.add(naam)

    def schets(self, naam: str) -> click.Command:
        """De opdracht voor de lijst in `--help` en tab-aanvulling: uit de tabel als ze nog
        niet geladen is (alleen naam, korte hulp en verborgen)."""
        if naam in self._extra or naam not in _OPDRACHTEN:
            return self[naam]
        return click.Command(naam, help=_OPDRACHTEN[naam][1], hidden=naam in _VERBORGEN)


class Groep(typer.core.TyperGroup):
    """Hoofdgroep: laadt een opdrachtmodule pas als een van haar opdrachten nodig is, en zet
    domeinfouten om in nette meldingen met de juiste exitcode."""

    commands: _Opdrachten

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _Opdrachten(_OPDRACHTEN, opdracht, self.commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Zoals bij click, maar met de korte hulp uit de tabel: laadt geen opdrachtmodule."""
        schetsen = {naam: self.commands.schets(naam) for naam in self.list_commands(ctx)}
        typer.core.TyperGroup(commands=schetsen).format_commands(ctx, formatter)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """Tab-aanvulling zoals bij click (opdrachten, dan opties), zonder modules te laden."""
        aanvulling = importlib.import_module(f"{click.__name__}.shell_completion")
        schetsen = [self.commands.schets(naam) for naam in self.list_commands(ctx)
                    if naam.startswith(incomplete)]
        items = [aanvulling.CompletionItem(s.name, help=s.get_short_help_str()) for s in schetsen
                 if not s.hidden]
        items.extend(click.Command.shell_complete(self, ctx, incomplete))
        return items

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GebruiksFout as e:
            raise _GebruikFout(e.melding) from None
        except JeugdplanError as e:
            raise _Fout(e) from None
        except Exception as e:
            if type(e).__name__ != "ValidationError":
                raise
            from jeugdplan.opslag.validatie import problemen_uit

            problemen = problemen_uit(e, "invoer")  # type: ignore[arg-type]
            raise _Fout(JeugdplanError("; ".join(str(p) for p in problemen))) from None
        except KeyboardInterrupt:
            raise _Fout(JeugdplanError("afgebroken; er is niets half geschreven")) from None


app = nieuwe_app(
    "jeugdplan: één kind, één plan. Integrale plannen in een git-repository, verwijzing "
    "volgens regionale regels, de meldcode stap voor stap en rapportages.",
    cls=Groep,
    name="jeugdplan",
)


def _versie(waarde: bool) -> None:
    if waarde:
        typer.echo(f"jeugdplan {__version__}")
        raise typer.Exit()


@app.callback()
def _hoofd(
    dir: Annotated[
        str | None,
        typer.Option("--dir", metavar="PAD", help="De casusrepository (anders JEUGDPLAN_DIR, "
                     "of de map met jeugdplan.yaml in of boven de werkmap)."),
    ] = None,
    versie: Annotated[
        bool, typer.Option("--version", help="Toon de versie en stop.", callback=_versie,
                           is_eager=True),
    ] = False,
) -> None:
    """jeugdplan: één kind, één plan."""
    staat.dir = dir
    from jeugdplan.opslag import slot

    # Meldingen van het repositoryslot (wachten, herstel) naar stderr, ook als de opdracht
    # uit een andere module komt dan privacy (die dit ook doet).
    slot.melder = meld


_COMPLETION_HULP = {
    "install_completion": "Installeer aanvulling (tab-completion) voor de huidige shell.",
    "show_completion": "Toon het aanvulscript voor de huidige shell.",
}


@cache
def cli() -> click.Command:
    """Het click-commando (gebouwd en vertaald), ook voor tests met CliRunner."""
    nl.installeer()
    commando = typer.main.get_command(app)
    for param in commando.params:
        if param.name in _COMPLETION_HULP and isinstance(param, click.Option):
            param.help = _COMPLETION_HULP[param.name]
    return commando


def main() -> None:
    cli()(prog_name="jeugdplan")
