"""De opdrachtregel `jeugdplan`: hoofdapp, globale opties en de ene foutafhandeling.

Exitcodes: 0 gelukt; 1 een probleem dat de gebruiker kan oplossen (ongeldig plan, onbekende
casus, geweigerde stap); 2 verkeerd gebruik (onbekende optie, ontbrekend argument).
Een `JeugdplanError` wordt één Nederlandse regel op stderr, nooit een traceback.

**Een opdracht toevoegen**: schrijf haar in een module onder `cli/` en registreer haar in de
`registreer(app)` van die module; een nieuwe opdracht op het hoogste niveau krijgt ook een
regel in `_OPDRACHTEN` hieronder (naam, module, korte hulp). De hoofdgroep laadt een module pas
als een van haar opdrachten nodig is (het patroon "Lazily Loading Subcommands" van click:
`list_commands` en `get_command`), zodat `jeugdplan --help` geen opdrachtmodule laadt.
"""

from __future__ import annotations

import difflib
import gc
import importlib
import sys
from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any

import typer

from jeugdplan import __version__
from jeugdplan.cli import nl
from jeugdplan.cli.common import als_invoerfout, meld, nieuwe_app, staat
from jeugdplan.domein.errors import JeugdplanError

# De opdrachten van `jeugdplan`, in de volgorde van `jeugdplan --help`: naam -> (module in
# jeugdplan.cli die haar met `registreer(app)` toevoegt, korte hulp). `--help` toont de korte
# hulp uit deze tabel, zodat het geen opdrachtmodule hoeft te laden; tests/cli/test_main.py
# vergelijkt de tabel met de echte opdrachten (naam, module, eerste zin van de hulp).
_OPDRACHTEN: dict[str, tuple[str, str]] = {
    "init": ("casus", "Maak een nieuwe casusrepository (git, jeugdplan.yaml, casussen/, eerste commit)."),
    "instellingen": ("casus", "Toon of wijzig de instellingen van deze repository: de afzender van "
                     "rapporten voor gemeente en Inspectie (organisatie, contact) en de regio."),
    "new": ("casus", "Maak een nieuw integraal plan voor een kind (één kind, één plan)."),
    "show": ("casus", "Toon een plan, leesbaar of als JSON met dezelfde sleutels als de YAML."),
    "list": ("casus", "Toon de casussen, met wat aandacht vraagt."),
    "agenda": ("casus", "Wat is over tijd of binnenkort aan de beurt: acties, evaluaties, OPP's, "
               "termijnen."),
    "check": ("casus", "Controleer alle plannen: schema, onmogelijke feiten en wat aandacht vraagt."),
    "edit": ("casus", "Bewerk een plan in $EDITOR; na opslaan wordt het gecontroleerd en vastgelegd."),
    "close": ("casus", "Sluit een casus af, met reden."),
    "heropen": ("casus", "Heropen een afgesloten casus, met reden."),
    "samenvoegen": ("casus", "Voeg twee plannen voor hetzelfde kind samen (één kind, één plan): "
                    "alles uit ID2 komt in ID, ID2 verdwijnt uit de werkmap; de geschiedenis "
                    "van beide blijft ('jeugdplan log ID')."),
    "log": ("casus", "De geschiedenis van een casus: wie, wanneer, en wat er per veld veranderde."),
    "demo": ("casus", "Bouw een demorepository met fictieve casussen en laat zien wat jeugdplan doet."),
    "zienswijze": ("onderdelen", "Leg de zienswijze van ouders en kind vast, in hun eigen woorden."),
    "ondersteuning": ("onderdelen", "Leg de ondersteuning op school vast: basis, extra of een "
                      "arrangement van het samenwerkingsverband (het OPP: 'jeugdplan opp')."),
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
    "kind": ("onderdelen", "Het kind: naam, geboortedatum, gemeente, school, groep of leerjaar."),
    "gezin": ("onderdelen", "Het gezin: ouders en verzorgers, en wie het gezag heeft."),
    "signaal": ("onderdelen", "Signalen: wat is er gezien of gehoord (feiten, met bron en domein)."),
    "ouders": ("onderdelen", "Ouders: vastleggen dat de zorgen met de ouders zijn besproken."),
    "toestemming": ("onderdelen", "Toestemming om gegevens te delen: geven, intrekken, "
                    "corrigeren."),
    "betrokkene": ("onderdelen", "Betrokken professionals en wie de regie heeft."),
    "kracht": ("onderdelen", "Krachten: wat gaat goed, waar is het kind trots op."),
    "zorg": ("onderdelen", "Zorgen: waar maken school, ouders en hulp zich zorgen over."),
    "netwerk": ("onderdelen", "Het netwerk: familie, buren en anderen die steunen."),
    "doel": ("onderdelen", "Doelen van het plan, met eigenaar en evaluatiedatum."),
    "actie": ("onderdelen", "Acties: wie doet wat wanneer."),
    "jeugdhulp": ("onderdelen", "Jeugdhulp: welke hulp, door wie, sinds en tot wanneer."),
    "evaluatie": ("onderdelen", "Evaluaties van het plan en zijn doelen."),
    "journaal": ("onderdelen", "Het journaal: korte aantekeningen bij de casus."),
    "opp": ("opp", "Het ontwikkelingsperspectief (OPP): uitstroom met onderbouwing, de begeleiding "
            "waarmee ouders instemmen, en de evaluatie elk schooljaar met ouders en leerling."),
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


@cache
def module_opdrachten(module: str) -> dict[str, Any]:
    """De opdrachten die `jeugdplan.cli.<module>` met `registreer(app)` toevoegt, gebouwd
    (één keer per proces)."""
    klad = nieuwe_app("")
    importlib.import_module(f"jeugdplan.cli.{module}").registreer(klad)
    return dict(typer.main.get_group(klad).commands)


def _schets(naam: str) -> nl.Opdracht:
    """Naam, korte hulp en verborgen uit de tabel, voor `--help` zonder modules te laden."""
    return nl.Opdracht(naam, help=_OPDRACHTEN[naam][1], hidden=naam in _VERBORGEN)


class Hoofdgroep(nl.Groep):
    """`jeugdplan`: laadt de module van een opdracht pas als die opdracht nodig is, en toont
    elke fout als één Nederlandse melding met de juiste exitcode."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*_OPDRACHTEN, *(naam for naam in self.commands if naam not in _OPDRACHTEN)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name in _OPDRACHTEN:
            return module_opdrachten(_OPDRACHTEN[cmd_name][0])[cmd_name]
        return None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        schetsen = {naam: self.commands.get(naam) or _schets(naam)
                    for naam in self.list_commands(ctx)}
        nl.Groep(name=self.name, commands=schetsen).format_commands(ctx, formatter)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        naam = args[0] if args else ""
        if (naam and not naam.startswith("-") and not ctx.resilient_parsing
                and self.get_command(ctx, naam) is None):
            melding = nl.vertaal("No such command {name!r}.").format(name=naam)
            gelijkend = difflib.get_close_matches(naam, self.list_commands(ctx))
            if gelijkend:
                melding += f" (bedoelde u {', '.join(repr(g) for g in gelijkend)}?)"
            ctx.fail(melding)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except JeugdplanError as e:
            melding = als_invoerfout(e).melding
            code = e.exit_code
        except KeyboardInterrupt:
            melding, code = "afgebroken; er is niets half geschreven", 1
        except Exception as e:
            if type(e).__name__ != "ValidationError":
                raise
            from jeugdplan.opslag.validatie import problemen_uit

            problemen = problemen_uit(e, "invoer")  # type: ignore[arg-type]
            melding = als_invoerfout(JeugdplanError("", problemen)).melding
            code = 1
        typer.echo(f"fout: {melding}", err=True)
        raise typer.Exit(code)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Zoals typer, maar elke fout in het Nederlands (`nl.toon_fout`). Zonder
        `standalone_mode` geeft het de exitcode terug in plaats van te stoppen."""
        nl.installeer()
        try:
            uitkomst = super().main(args, prog_name, complete_var, standalone_mode=False,
                                    windows_expand_args=windows_expand_args, **extra)
            code = uitkomst if isinstance(uitkomst, int) else 0
        except typer.Abort:
            typer.echo(nl.vertaal("Aborted!"), err=True)
            code = 1
        except typer.TyperException as e:
            code = nl.toon_fout(e)
        if standalone_mode:
            sys.exit(code)
        return code


app = nieuwe_app(
    "jeugdplan: één kind, één plan. Integrale plannen in een git-repository, verwijzing "
    "volgens regionale regels, de meldcode stap voor stap en rapportages.",
    cls=Hoofdgroep,
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


def cli() -> Any:
    """Het gebouwde commando `jeugdplan` (voor `main` en de demo)."""
    return typer.main.get_command(app)


def main() -> None:
    # Een opdracht duurt kort, en plannen lezen laat geen kringverwijzingen achter (getest in
    # tests/opslag/test_cache.py): referentietelling ruimt alles op. Zonder de automatische
    # garbage collector, die bij tienduizenden resultaten steeds alle objecten doorloopt,
    # is een warm overzicht zo'n 10% sneller.
    gc.disable()
    try:
        cli()(prog_name="jeugdplan")
    finally:
        # Bij het afsluiten doorloopt Python de objecten nog één keer met de garbage collector
        # (na een bewerking ~0,3 s: pydantic en ruamel maken er honderdduizenden). Er is niets
        # op te ruimen (zie boven; bestanden en processen sluiten met `with`): bevries ze.
        gc.freeze()
