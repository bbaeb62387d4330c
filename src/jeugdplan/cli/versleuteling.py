"""Opdrachten voor versleuteling in rust: `sleutel` (eigen sleutel en sessie) en
`versleuteling` (aanzetten, ontvangers beheren), plus de verborgen `textconv` voor git diff.

Het werk gebeurt in `jeugdplan.opslag.versleuteling`; pyrage wordt pas daar en pas bij gebruik
geladen.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from jeugdplan.cli.common import JsonOptie, interactief, meld, nieuwe_app, print_json, repo
from jeugdplan.domein.errors import GebruiksFout, JeugdplanError
from jeugdplan.domein.taal import aantal

if TYPE_CHECKING:
    from jeugdplan.diensten.versleuteling import Uitkomst

sleutel_app = nieuwe_app(
    "Uw eigen age-sleutel: maken, ontgrendelen voor een sessie, vergrendelen, status.")
versleuteling_app = nieuwe_app(
    "Versleuteling in rust van de plannen in deze repository: aanzetten, status, ontvangers.")
ontvanger_app = nieuwe_app(
    "Wie de plannen kan lezen: een ontvanger toevoegen of verwijderen (versleutelt opnieuw).")

WachtwoordStdin = Annotated[bool, typer.Option(
    "--wachtwoord-stdin",
    help="Lees het wachtwoord als eerste regel van stdin (voor scripts) in plaats van het "
         "verborgen te vragen.")]


def _wachtwoord(stdin: bool, herhaal: bool = False) -> str:
    if stdin:
        regel = sys.stdin.readline()
        if not regel:
            raise JeugdplanError("--wachtwoord-stdin: geen wachtwoord op stdin; er is niets "
                                 "gewijzigd")
        return regel.rstrip("\r\n")
    if not interactief():
        raise JeugdplanError("er is geen terminal om het wachtwoord te vragen; gebruik "
                             "--wachtwoord-stdin")
    eerste: str = typer.prompt("Wachtwoord", hide_input=True, err=True)
    if herhaal:
        tweede: str = typer.prompt("Herhaal het wachtwoord", hide_input=True, err=True)
        if eerste != tweede:
            raise JeugdplanError("de wachtwoorden verschillen; er is niets opgeslagen")
    return eerste


# --- sleutel ------------------------------------------------------------------------------


@sleutel_app.command("maak")
def sleutel_maak(stdin: WachtwoordStdin = False) -> None:
    """Maak uw eigen age-sleutel, met een wachtwoord versleuteld opgeslagen in uw
    configuratiemap; toont de publieke sleutel."""
    from jeugdplan.opslag.versleuteling import identiteit_pad, maak_sleutel

    publiek = maak_sleutel(_wachtwoord(stdin, herhaal=True))
    typer.echo(publiek)
    meld(f"sleutel gemaakt en met uw wachtwoord versleuteld opgeslagen in {identiteit_pad()} "
         "(alleen leesbaar voor u). Onthoud het wachtwoord: zonder is de sleutel niet te "
         "herstellen. Geef de publieke sleutel hierboven aan wie de repository beheert, of zet "
         "versleuteling aan met 'jeugdplan versleuteling aan'")


@sleutel_app.command("ontgrendel")
def sleutel_ontgrendel(
    stdin: WachtwoordStdin = False,
    duur: Annotated[str, typer.Option(
        "--duur", metavar="DUUR",
        help="Hoe lang de sleutel ontgrendeld blijft, bijvoorbeeld 8u, 30m of 1u30m.")] = "8u",
) -> None:
    """Ontgrendel uw sleutel met het wachtwoord voor een sessie (standaard 8 uur)."""
    import time

    from jeugdplan.opslag.versleuteling import duur_uit_tekst, ontgrendel, sessie_pad

    seconden = duur_uit_tekst(duur)
    sessie = ontgrendel(_wachtwoord(stdin), seconden)
    tot = time.strftime("%Y-%m-%d %H:%M", time.localtime(sessie.verloopt))
    meld(f"sleutel ontgrendeld tot {tot} ({sessie.publiek[:16]}...; sessie in {sessie_pad()}). "
         "Vergrendel eerder met 'jeugdplan sleutel vergrendel'")


@sleutel_app.command("vergrendel")
def sleutel_vergrendel() -> None:
    """Vergrendel uw sleutel: de sessie wordt verwijderd."""
    from jeugdplan.opslag.versleuteling import vergrendel

    meld("sleutel vergrendeld" if vergrendel() else "de sleutel was al vergrendeld")


@sleutel_app.command("status")
def sleutel_status(json: JsonOptie = False) -> None:
    """Toon of u een sleutel hebt, uw publieke sleutel en of hij ontgrendeld is."""
    from jeugdplan.opslag.versleuteling import sleutelstatus

    uit = sleutelstatus()
    if json:
        print_json(uit)
        return
    if not uit["bestaat"] and not uit["ontgrendeld"]:
        typer.echo(f"geen sleutel ({uit['sleutel']}); maak er een met 'jeugdplan sleutel maak'")
        return
    if uit["publiek"]:
        typer.echo(f"publieke sleutel: {uit['publiek']}")
    if uit["ontgrendeld"]:
        tot = f" tot {uit['verloopt']}" if uit["verloopt"] else ""
        typer.echo(f"ontgrendeld{tot} (bron: {uit['bron']})")
    else:
        typer.echo("vergrendeld; ontgrendel met 'jeugdplan sleutel ontgrendel'")


# --- versleuteling ------------------------------------------------------------------------


def _ontvanger_uit_optie(waarde: str) -> tuple[str, str]:
    naam, scheiding, sleutel = waarde.partition("=")
    if not scheiding or not naam.strip() or not sleutel.strip():
        raise GebruiksFout(f"--ontvanger: schrijf NAAM=age1..., niet {waarde[:30]!r}")
    return naam.strip(), sleutel.strip()


def _toon_uitkomst(uitkomst: Uitkomst) -> None:
    for w in uitkomst.waarschuwingen:
        meld(w)


@versleuteling_app.command("aan")
def versleuteling_aan(
    ontvanger: Annotated[list[str] | None, typer.Option(
        "--ontvanger", metavar="NAAM=age1...",
        help="Een professional die de plannen mag lezen (herhaal voor meer). Zonder: alleen "
             "uzelf, met uw eigen publieke sleutel.")] = None,
    naam: Annotated[str | None, typer.Option(
        "--naam", metavar="NAAM",
        help="Uw naam bij de ontvangers als u geen --ontvanger geeft (standaard uw "
             "git-naam).")] = None,
) -> None:
    """Zet versleuteling aan: alle plannen worden versleuteld voor de ontvangers en
    ontvangers.yaml wordt vastgelegd, in één commit."""
    from jeugdplan.diensten.versleuteling import zet_aan
    from jeugdplan.opslag import gitrepo
    from jeugdplan.opslag.versleuteling import (
        Ontvanger,
        controleer_naam,
        controleer_sleutel,
        eigen_publieke_sleutels,
    )

    r = repo()
    lijst = []
    for waarde in ontvanger or []:
        n, s = _ontvanger_uit_optie(waarde)
        n = controleer_naam(n)
        lijst.append(Ontvanger(n, controleer_sleutel(s, n)))
    if not lijst:
        eigen = eigen_publieke_sleutels()
        if not eigen:
            raise JeugdplanError("u hebt nog geen sleutel; maak er een met 'jeugdplan sleutel "
                                 "maak' (of geef --ontvanger NAAM=age1...)")
        lijst = [Ontvanger(controleer_naam(naam or gitrepo.identiteit(r.root).naam), eigen[0])]
    uitkomst = zet_aan(r, lijst)
    meld(f"versleuteling aan: {aantal(uitkomst.plannen, 'plan')} versleuteld voor "
         f"{aantal(len(uitkomst.ontvangers), 'ontvanger', 'ontvangers')} "
         f"({', '.join(o.naam for o in lijst)}); "
         f"vastgelegd in commit {str(uitkomst.commit)[:7]}")
    _toon_uitkomst(uitkomst)


@versleuteling_app.command("status")
def versleuteling_status(json: JsonOptie = False) -> None:
    """Toon of de plannen versleuteld zijn, voor wie, en of u ze nu kunt lezen."""
    from jeugdplan.diensten.versleuteling import status

    uit = status(repo())
    if json:
        print_json(uit)
        return
    if not uit["versleuteld"]:
        typer.echo("versleuteling: uit (plannen staan leesbaar op schijf en in git); zet aan "
                   "met 'jeugdplan versleuteling aan'")
        if uit["eigen_sleutel"] is None:
            typer.echo("u hebt nog geen sleutel; maak er een met 'jeugdplan sleutel maak'")
        return
    typer.echo(f"versleuteling: aan; {aantal(uit['plannen_versleuteld'], 'plan')} versleuteld")
    typer.echo("ontvangers (✓ = door u bevestigd; alleen voor hen versleutelt deze kloon):")
    for o in uit["ontvangers"]:
        teken = "✓" if o["sleutel"] in uit["bevestigd"] else "?"
        typer.echo(f"  {teken} {o['naam']}  {o['sleutel']}")
    if uit["onbevestigd"]:
        typer.echo(f"let op: {aantal(len(uit['onbevestigd']), 'ontvanger', 'ontvangers')} nog "
                   "niet bevestigd (?); bevestig met 'jeugdplan versleuteling ontvanger "
                   "bevestig' of verwijder met 'jeugdplan versleuteling ontvanger remove NAAM'")
    if not uit["ontvangers_bestand"]:
        typer.echo("let op: ontvangers.yaml ontbreekt; deze kloon blijft versleutelen voor de "
                   f"{aantal(len(uit['bevestigd']), 'sleutel', 'sleutels')} die u bevestigde. Zet "
                   "het bestand terug (git revert) of zet versleuteling uit met 'jeugdplan "
                   "versleuteling uit'")
    if uit["plannen_onversleuteld"]:
        ids = uit["plannen_onversleuteld"]
        typer.echo(f"let op: {aantal(len(ids), 'plan')} staan onversleuteld op schijf: "
                   f"{', '.join(ids[:5])}{', ...' if len(ids) > 5 else ''} (herstel met "
                   "'jeugdplan versleuteling herversleutel')")
    if uit["bijlagen_onversleuteld"]:
        typer.echo(f"let op: {aantal(uit['bijlagen_onversleuteld'], 'bijlage', 'bijlagen')} worden niet "
                   "versleuteld")
    if not uit["eigen_sleutel_is_ontvanger"]:
        typer.echo("uw sleutel staat niet bij de ontvangers: u kunt de plannen niet lezen")
    typer.echo("uw sleutel: " + ("ontgrendeld" if uit["ontgrendeld"]
                                 else "vergrendeld ('jeugdplan sleutel ontgrendel')"))
    typer.echo(f"cache (lokaal): {uit['cache']}")


@versleuteling_app.command("herversleutel")
def versleuteling_herversleutel() -> None:
    """Versleutel alle plannen opnieuw voor de ontvangers die u hebt bevestigd (bijvoorbeeld
    na een sync die de ontvangers veranderde), in één commit."""
    from jeugdplan.diensten.versleuteling import herversleutel

    uitkomst = herversleutel(repo(), "jeugdplan: alle plannen opnieuw versleuteld voor de "
                             "ontvangers")
    meld(f"{aantal(uitkomst.plannen, 'plan')} opnieuw versleuteld voor "
         f"{aantal(len(uitkomst.ontvangers), 'ontvanger', 'ontvangers')}")


@versleuteling_app.command("uit")
def versleuteling_uit(
    ja: Annotated[bool, typer.Option("--ja", help="Niet om bevestiging vragen.")] = False,
) -> None:
    """Zet versleuteling uit: alle plannen onversleuteld, ontvangers.yaml weg, in één commit.
    Alleen zo schrijft een kloon die versleutelde weer leesbare plannen."""
    from jeugdplan.diensten.versleuteling import zet_uit

    if not ja:
        if not interactief():
            raise JeugdplanError("versleuteling uit vraagt om bevestiging en er is geen "
                                 "terminal; gebruik --ja als u het zeker weet. Er is niets "
                                 "gewijzigd")
        if not typer.confirm("Alle plannen onversleuteld opslaan (en bij sync delen)?",
                             default=False, err=True):
            raise JeugdplanError("afgebroken; er is niets gewijzigd")
    uitkomst = zet_uit(repo())
    meld(f"versleuteling uit: {aantal(uitkomst.plannen, 'plan')} onversleuteld opgeslagen")
    _toon_uitkomst(uitkomst)


@ontvanger_app.command("add")
def ontvanger_add(
    naam: Annotated[str, typer.Argument(metavar="NAAM", help="Naam (en rol) van de "
                                        "professional, bijvoorbeeld 'Jan JMW'.")],
    sleutel: Annotated[str, typer.Argument(metavar="SLEUTEL", help="Diens publieke age-sleutel "
                                           "(age1...), uit 'jeugdplan sleutel maak'.")],
) -> None:
    """Voeg een ontvanger toe: NAAM (naam en rol) met diens publieke age-sleutel SLEUTEL
    (age1..., uit 'jeugdplan sleutel maak'). Alle plannen worden opnieuw versleuteld en
    vastgelegd."""
    from jeugdplan.diensten.versleuteling import ontvanger_toevoegen

    uitkomst = ontvanger_toevoegen(repo(), naam, sleutel)
    meld(f"ontvanger toegevoegd; {aantal(uitkomst.plannen, 'plan')} opnieuw versleuteld voor "
         f"{aantal(len(uitkomst.ontvangers), 'ontvanger', 'ontvangers')}. Deel met 'jeugdplan sync'")


@ontvanger_app.command("remove")
def ontvanger_remove(
    naam: Annotated[str, typer.Argument(metavar="NAAM", help="Naam van de ontvanger zoals in "
                                        "'jeugdplan versleuteling status'.")],
) -> None:
    """Verwijder ontvanger NAAM; alle plannen worden opnieuw versleuteld (oudere versies in
    de geschiedenis en bestaande klonen blijven voor die persoon leesbaar)."""
    from jeugdplan.diensten.versleuteling import ontvanger_verwijderen

    uitkomst = ontvanger_verwijderen(repo(), naam)
    meld(f"ontvanger verwijderd; {aantal(uitkomst.plannen, 'plan')} opnieuw versleuteld voor "
         f"{aantal(len(uitkomst.ontvangers), 'ontvanger', 'ontvangers')}. Deel met 'jeugdplan sync'")
    _toon_uitkomst(uitkomst)


@ontvanger_app.command("bevestig")
def ontvanger_bevestig() -> None:
    """Bevestig de ontvangers in ontvangers.yaml zoals ze nu zijn (zie 'jeugdplan versleuteling
    status'): deze kloon versleutelt alleen voor ontvangers die u hebt bevestigd."""
    from jeugdplan.diensten.versleuteling import bevestig

    uitkomst = bevestig(repo())
    if not uitkomst.nieuw:
        meld("alle ontvangers waren al bevestigd")
        return
    namen = ", ".join(f"{o.naam} ({o.sleutel[:16]}...)" for o in uitkomst.nieuw)
    meld(f"bevestigd: {namen}; deze kloon versleutelt voortaan voor "
         f"{aantal(len(uitkomst.ontvangers), 'ontvanger', 'ontvangers')}")
    if uitkomst.plannen:
        meld(f"{aantal(uitkomst.plannen, 'plan')} opnieuw versleuteld; deel met 'jeugdplan "
             "sync'")


def textconv(
    pad: Annotated[str, typer.Argument(help="Het bestand dat git aanlevert.")],
) -> None:
    """Leesbare inhoud van een (versleuteld) plan voor git diff (door git aangeroepen)."""
    from pathlib import Path

    from jeugdplan.opslag.versleuteling import textconv as leesbaar

    sys.stdout.flush()
    sys.stdout.buffer.write(leesbaar(Path(pad)))
    sys.stdout.buffer.flush()


def registreer(app: typer.Typer) -> None:
    versleuteling_app.add_typer(ontvanger_app, name="ontvanger")
    app.add_typer(sleutel_app, name="sleutel")
    app.add_typer(versleuteling_app, name="versleuteling")
    app.command("textconv", hidden=True)(textconv)
