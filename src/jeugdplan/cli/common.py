"""Gedeelde hulpmiddelen voor de opdrachten: repository, invoer controleren, uitvoer.

Opdrachtmodules blijven dun: argumenten lezen (met de helpers hier), één domeinfunctie
aanroepen, het resultaat tonen. Zware modules (rich, pydantic) worden pas geladen als een
opdracht ze nodig heeft.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jeugdplan.cli import nl
from jeugdplan.cli.nl import interactief
from jeugdplan.domein.errors import GebruiksFout, JeugdplanError

if TYPE_CHECKING:
    from rich.console import Console

    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.store import Repo

MAX_TEKST = 10_000

# Gedeelde argumenten en opties van de opdrachten (één definitie, één hulptekst).
IdArg = Annotated[str, typer.Argument(metavar="ID", help="Het casus-id, bijvoorbeeld 2026-K7QXM2.")]
JsonOptie = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON (voor scripts).")]
DatumOptie = Annotated[str | None, typer.Option("--datum", metavar="JJJJ-MM-DD",
                                                help="De datum (standaard vandaag).")]


class App(typer.Typer):
    """Een typer-app waarvan elke opdracht `nl.Opdracht` is (Nederlandse gebruiksregel en hulp)."""

    def command(self, name: str | None = None, *, cls: Any = None, **extra: Any) -> Any:
        return super().command(name, cls=cls or nl.Opdracht, **extra)


def nieuwe_app(help: str, **extra: Any) -> typer.Typer:
    """Een (sub)app met de instellingen van jeugdplan: Nederlandse hulp, geen rich-markup."""
    extra.setdefault("cls", nl.Groep)
    return App(
        help=help,
        rich_markup_mode=None,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        **extra,
    )


class _Staat:
    dir: str | None = None


staat = _Staat()


def repo() -> Repo:
    from jeugdplan.opslag.store import Repo

    return Repo.vind(staat.dir)


def vandaag() -> date:
    from jeugdplan.opslag.clock import vandaag as _vandaag

    return _vandaag()


def datum(waarde: str | None, optie: str, standaard: date | None = None) -> date:
    """Leest een datum uit een optie (JJJJ-MM-DD); 'vandaag' mag ook."""
    if waarde is None:
        if standaard is None:
            raise GebruiksFout(f"optie {optie} ontbreekt")
        return standaard
    tekst = waarde.strip()
    if tekst.lower() == "vandaag":
        return vandaag()
    try:
        dag = date.fromisoformat(tekst)
    except ValueError:
        raise JeugdplanError(
            f"{optie}: {_kort(tekst)!r} is geen geldige datum (schrijf JJJJ-MM-DD, "
            "bijvoorbeeld 2026-03-01)"
        ) from None
    from jeugdplan.domein.grenzen import controleer_datum

    try:
        return controleer_datum(dag)
    except ValueError as e:
        raise JeugdplanError(f"{optie}: {e}") from None


def optionele_datum(waarde: str | None, optie: str) -> date | None:
    return None if waarde is None else datum(waarde, optie)


def tekst(waarde: str, optie: str) -> str:
    """Controleert vrije tekst uit een optie: niet leeg, niet absurd lang."""
    if len(waarde) > MAX_TEKST:
        raise JeugdplanError(
            f"{optie} is te lang ({len(waarde)} tekens; hooguit {MAX_TEKST})"
        )
    if not waarde.strip():
        raise JeugdplanError(f"{optie} mag niet leeg zijn")
    from jeugdplan.domein.grenzen import stuurteken

    teken = stuurteken(waarde)
    if teken is not None:
        raise JeugdplanError(f"{optie} bevat een stuurteken ({teken}); alleen gewone tekst, "
                             "tabs en regeleinden zijn toegestaan")
    return waarde.strip()


def optionele_tekst(waarde: str | None, optie: str) -> str | None:
    return None if waarde is None else tekst(waarde, optie)


def code(waarde: str, lijst: str, optie: str) -> str:
    """Controleert een waarde tegen een codelijst uit data/codelijsten.yaml."""
    from jeugdplan.opslag.bronnen import gegevens

    codes = gegevens().codelijsten.codes(lijst)
    schoon = waarde.strip().lower()
    if schoon not in codes:
        raise JeugdplanError(f"{optie}: onbekende waarde {_kort(waarde)!r}; kies uit: "
                             + ", ".join(codes))
    return schoon


def _kort(waarde: str) -> str:
    return waarde if len(waarde) <= 40 else waarde[:37] + "..."


def auteur() -> str:
    """De naam van wie de wijziging maakt (git-identiteit)."""
    from jeugdplan.opslag import gitrepo

    return gitrepo.identiteit(repo().root).naam


def bewerk(ident: str, wijzig: Any) -> Plan:
    """Voert een wijziging uit als één commit en meldt wat er gebeurde."""
    r = repo()
    bericht: list[str] = []

    def met_bericht(plan: Plan) -> str:
        wat: str = wijzig(plan)
        bericht.append(wat)
        return wat

    plan = r.bewerk(ident, met_bericht)
    meld(f"{plan.id}: {bericht[0]}")
    return plan


OverschrijfOptie = Annotated[bool, typer.Option(
    "--overschrijf", help="Met --out: een bestaand bestand vervangen.")]


def uitvoerpad(out: str | Path, overschrijf: bool = False) -> Path:
    """Het pad van `--out`, gecontroleerd vóór er iets gebeurt: geen map, niet in de
    casusrepository (een plan, `.git/config`: een rapport zou het overschrijven en bij de
    volgende sync gedeeld worden) en geen bestaand bestand, tenzij `overschrijf`."""
    pad = Path(out).expanduser()
    if pad.is_dir():
        raise JeugdplanError(f"--out: {out} is een map; geef een bestandsnaam")
    root = repo().root.resolve()
    if pad.parent.resolve().is_relative_to(root):
        raise JeugdplanError(f"--out: {out} ligt in de casusrepository ({root}); schrijf "
                             "een rapport of export daarbuiten. Er is niets geschreven")
    if (pad.exists() or pad.is_symlink()) and not overschrijf:
        raise JeugdplanError(f"--out: {out} bestaat al; kies een andere naam of geef "
                             "--overschrijf. Er is niets geschreven")
    return pad


def schrijf_uitvoer(tekst: str, out: str | Path | None, overschrijf: bool = False,
                    crlf: bool = False) -> Path | None:
    """Uitvoer naar het scherm, of met --out (`uitvoerpad`) atomair naar een bestand dat
    alleen de eigenaar mag lezen. Geeft het pad als er een bestand is geschreven.
    Stuurtekens worden zichtbaar gemaakt (`toonbaar`), ook in een bestand; met `crlf` blijven
    regeleinden CRLF (een formaat dat dat vraagt, zoals iCalendar)."""
    from jeugdplan.domein.grenzen import toonbaar

    tekst = toonbaar(tekst.replace("\r\n", "\n") if crlf else tekst)
    if crlf:
        tekst = tekst.replace("\n", "\r\n")
    if out is None:
        typer.echo(tekst, nl=not tekst.endswith("\n"))
        return None
    from jeugdplan.opslag.bestanden import schrijf_atomair

    pad = uitvoerpad(out, overschrijf)
    try:
        schrijf_atomair(pad, tekst)
    except OSError as e:
        raise JeugdplanError(f"--out: kan {out} niet schrijven ({e.strerror})") from None
    return pad


def meld(regel: str) -> None:
    """Korte bevestiging op stderr (stdout blijft vrij voor gegevens en --json)."""
    from jeugdplan.domein.grenzen import toonbaar

    typer.echo(toonbaar(regel), err=True)


def meld_onleesbaar(onleesbaar: list[str], wat: str) -> None:
    """Een plan dat niet te lezen is verdwijnt nooit stil uit een overzicht."""
    from jeugdplan.domein.taal import aantal

    if onleesbaar:
        kon, ontbreekt = ("kon", "ontbreekt") if len(onleesbaar) == 1 else ("konden", "ontbreken")
        meld(f"let op: {aantal(len(onleesbaar), 'plan')} {kon} niet gelezen worden "
             f"({', '.join(onleesbaar[:5])}{', ...' if len(onleesbaar) > 5 else ''}) en "
             f"{ontbreekt} in {wat}; zie 'jeugdplan check'")


def print_json(data: Any) -> None:
    """JSON op stdout: ingesprongen op een terminal, compact (en veel sneller: de C-encoder)
    als een script de uitvoer leest."""
    typer.echo(json_tekst(data, naar_terminal=True))


def json_tekst(data: Any, naar_terminal: bool = False) -> str:
    """JSON zoals overal in jeugdplan: ingesprongen alleen als het naar een terminal gaat
    (`naar_terminal` en stdout is een terminal), anders compact op één regel (pipe, bestand).
    Stuurtekens als `\\uXXXX` (`toonbaar`)."""
    import json

    from jeugdplan.domein.grenzen import toonbaar

    indent = 2 if naar_terminal and sys.stdout.isatty() else None
    return toonbaar(json.dumps(data, ensure_ascii=False, indent=indent, default=str))


def console(stderr: bool = False) -> Console:
    """Een rich-console; kleur uit bij NO_COLOR of als de uitvoer geen terminal is."""
    from rich.console import Console

    uit = sys.stderr if stderr else sys.stdout
    # Buiten een terminal: breed genoeg voor tabellen, en geen harde regelafbreking in tekst.
    breedte = None if uit.isatty() else 160
    return Console(stderr=stderr, highlight=False, markup=False, soft_wrap=not uit.isatty(),
                   width=breedte)


def vraag_of_fout(waarde: str | None, optie: str, vraag: str,
                  keuzes: Callable[[], list[str]] | None = None) -> str:
    """Een ontbrekende verplichte waarde: vragen op een terminal (op stderr, met de keuzes;
    die worden pas opgezocht als er gevraagd wordt), anders een gebruiksfout zoals bij elke
    ontbrekende optie."""
    if waarde is not None:
        return waarde
    if interactief():
        if keuzes is not None:
            vraag += f" (kies uit: {', '.join(keuzes())})"
        antwoord: str = typer.prompt(vraag, err=True)
        return antwoord
    raise GebruiksFout(f"optie {optie} ontbreekt")


class Keuze:
    """Een waarde uit een codelijst (`data/codelijsten.yaml`) of uit vaste `keuzes`, als
    `parser` van een typer-optie: controleert en normaliseert (`Gedrag` -> `gedrag`), geeft de
    keuzes bij een vraag op de terminal (`nl.vraag`) en bij tab-aanvulling. De lijst wordt pas
    gelezen als er een waarde is (niet voor `--help`).

    Een onbekende waarde uit een codelijst is een fout die de gebruiker herstelt (exitcode 1),
    zoals een ongeldige datum, met dezelfde melding als `code()`; bij vaste keuzes is het
    verkeerd gebruik (exitcode 2)."""

    def __init__(self, optie: str, lijst: str | None = None, vast: tuple[str, ...] = ()) -> None:
        self.optie, self.lijst, self.vast = optie, lijst, vast
        self.__name__ = optie.lstrip("-")

    def keuzes(self) -> dict[str, str]:
        """Code -> omschrijving."""
        if self.lijst is None:
            return dict.fromkeys(self.vast, "")
        from jeugdplan.opslag.bronnen import gegevens

        return gegevens().codelijsten.codes(self.lijst)

    def __call__(self, waarde: str) -> str:
        schoon = str(waarde).strip().lower()
        if schoon not in self.keuzes():
            fout = JeugdplanError if self.lijst is not None else GebruiksFout
            raise fout(f"{self.optie}: onbekende waarde {_kort(str(waarde))!r}; kies uit: "
                       + ", ".join(self.keuzes()))
        return schoon

    def aanvulling(self, begin: str) -> list[tuple[str, str]]:
        return [(c, o) for c, o in self.keuzes().items() if c.startswith(begin.lower())]


def code_optie(lijst: str, metavar: str, help: str, naam: str) -> Any:
    """Een typer-optie `naam` met een waarde uit codelijst `lijst`."""
    keuze = Keuze(naam, lijst)
    return typer.Option(naam, metavar=metavar, help=help, parser=keuze,
                        autocompletion=keuze.aanvulling)


def keuze_optie(keuzes: tuple[str, ...], metavar: str, help: str, naam: str) -> Any:
    """Een typer-optie `naam` met een van vaste `keuzes`."""
    keuze = Keuze(naam, vast=keuzes)
    return typer.Option(naam, metavar=metavar, help=help, parser=keuze,
                        autocompletion=keuze.aanvulling)


def als_invoerfout(fout: JeugdplanError) -> JeugdplanError:
    """Een schemafout in wat een opdracht invoerde (pad `invoer`) als melding per optie:
    `--groep: mag hoogstens 8 zijn` in plaats van `invoer: 1 probleem ...`."""
    if not fout.problemen or any(p.pad != "invoer" for p in fout.problemen):
        return fout
    return JeugdplanError("; ".join(
        f"--{p.veld.split('.')[-1].replace('_', '-')}: {p.melding}" if p.veld else p.melding
        for p in fout.problemen))
