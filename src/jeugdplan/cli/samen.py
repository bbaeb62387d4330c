"""Samenwerken via git: `sync`, `diff` en de verborgen `merge-driver` die git aanroept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jeugdplan.cli.common import JsonOptie, meld, optionele_datum, print_json, repo
from jeugdplan.domein.errors import GebruiksFout
from jeugdplan.domein.taal import aantal

if TYPE_CHECKING:
    from jeugdplan.diensten.inkomend import Ontvangerswijziging


def _namen(auteurs: list[str]) -> str:
    return ", ".join(auteurs)


def sync(
    remote: Annotated[str, typer.Option("--remote", metavar="NAAM",
                                        help="De gedeelde repository (git-remote).")] = "origin",
    kies: Annotated[str | None, typer.Option(
        "--kies", metavar="ons|hun",
        help="Bij een conflict: 'ons' (uw waarde wint) of 'hun' (de waarde van de ander "
             "wint); de andere waarde komt in het journaal.")] = None,
    json: JsonOptie = False,
) -> None:
    """Deel de casusrepository: ophalen, samenvoegen per onderdeel en versturen."""
    from jeugdplan.diensten.sync import SyncConflict
    from jeugdplan.diensten.sync import sync as doe_sync

    if kies is not None and kies.strip().lower() not in ("ons", "hun"):
        raise GebruiksFout(f"--kies: kies 'ons' of 'hun', niet {kies[:20]!r}")
    keuze = kies.strip().lower() if kies else None
    try:
        uit = doe_sync(repo(), remote=remote, kies=keuze)
    except SyncConflict as e:
        if json:
            print_json({"remote": remote, "conflicten": [m.als_json() for m in e.conflicten],
                        "bestanden": e.bestanden})
        raise
    if json:
        print_json(uit.als_json())
        return
    if uit.ingesteld:
        typer.echo("ingesteld: plannen worden voortaan per onderdeel samengevoegd "
                   "(.gitattributes vastgelegd)")
    for oud, nieuw in uit.hernoemd:
        typer.echo(f"casus-id botste: uw nieuwe casus {oud} bestond ook bij {uit.remote}; "
                   f"uw casus heet nu {nieuw} (één commit)")
    if uit.binnengekomen:
        typer.echo(f"binnengekomen van {uit.remote}: {aantal(len(uit.binnengekomen), 'casus')}")
        for c in uit.binnengekomen:
            typer.echo(f"  {c.id}  {aantal(c.commits, 'wijziging')} door {_namen(c.auteurs)}")
    for m in uit.meldingen:
        typer.echo(f"samengevoegd: {m.casus}: {m.tekst}")
    if uit.buiten_casussen:
        typer.echo(f"binnengekomen buiten de casussen: {aantal(len(uit.buiten_casussen), 'bestand')}")
        for b in uit.buiten_casussen:
            let_op = f"  (let op: {b.let_op})" if b.let_op else ""
            typer.echo(f"  {b.pad}  door {_namen(b.auteurs)}{let_op}")
    if uit.ontvangers is not None:
        _toon_ontvangers(uit.ontvangers)
    for ident in uit.alsnog_vastgelegd:
        meld(f"{ident}: nieuw plan dat nog niet was vastgelegd, is nu vastgelegd en gedeeld")
    for tekst in uit.niet_gedeeld:
        meld(f"let op: niet gedeeld (niet vastgelegd en ongeldig): {tekst}; zie 'jeugdplan check'")
    if uit.verstuurd:
        waarheen = f"{uit.remote} (eerste keer gedeeld)" if uit.eerste_keer else uit.remote
        typer.echo(f"verstuurd naar {waarheen}: {aantal(len(uit.verstuurd), 'casus')}")
        for c in uit.verstuurd:
            typer.echo(f"  {c.id}  {aantal(c.commits, 'wijziging')} door {_namen(c.auteurs)}")
    elif uit.eerste_keer:
        typer.echo(f"verstuurd naar {uit.remote} (eerste keer gedeeld): nog geen casussen")
    if (not uit.binnengekomen and not uit.verstuurd and not uit.eerste_keer
            and not uit.buiten_casussen):
        typer.echo(f"al bijgewerkt: niets binnengekomen van en niets te versturen naar "
                   f"{uit.remote}")


def _toon_ontvangers(w: Ontvangerswijziging) -> None:
    """Wat een collega aan de ontvangers veranderde: wie de plannen kan lezen."""
    door = _namen(w.door) or "onbekend"
    if w.bestand_verwijderd:
        meld(f"let op: ontvangers.yaml is verwijderd door {door}; deze kloon blijft versleutelen "
             "voor de ontvangers die u bevestigde (uitzetten kan alleen met 'jeugdplan "
             "versleuteling uit')")
    for o in w.verwijderd:
        meld(f"ontvanger verwijderd door {door}: {o.naam} ({o.sleutel[:16]}...); deze kloon "
             "versleutelt niet meer voor hem of haar")
    for o in w.toegevoegd:
        meld(f"let op: ontvanger toegevoegd door {door}: {o.naam} ({o.sleutel[:16]}...)")
    if w.onbevestigd:
        namen = ", ".join(o.naam for o in w.onbevestigd)
        deze = "deze ontvanger" if len(w.onbevestigd) == 1 else "deze ontvangers"
        meld(f"nog niet bevestigd, dus niet gebruikt: {namen}. Ken en vertrouwt u {deze}? "
             "Bevestig met 'jeugdplan versleuteling ontvanger bevestig'; anders "
             "'jeugdplan versleuteling ontvanger remove NAAM'")


def diff(
    ident: Annotated[str, typer.Argument(metavar="ID", help="Het casus-id.")],
    sinds: Annotated[str | None, typer.Option(
        "--sinds", metavar="JJJJ-MM-DD", help="Wat er op of na deze datum veranderde; "
        "zonder: wat in het bestand nog niet is vastgelegd.")] = None,
    json: JsonOptie = False,
) -> None:
    """Wat er aan een plan veranderde, per veld."""
    from jeugdplan.diensten.historie import verschil

    uit = verschil(repo(), ident, optionele_datum(sinds, "--sinds"))
    if json:
        print_json(uit.als_json())
        return
    if uit.sinds is not None:
        kop = f"{uit.id}: wijzigingen sinds {uit.sinds}"
        if uit.auteurs:
            kop += f" (door {_namen(uit.auteurs)})"
    else:
        kop = f"{uit.id}: nog niet vastgelegde wijzigingen"
    if not uit.wijzigingen:
        meld(kop.split(":")[0] + (f": geen wijzigingen sinds {uit.sinds}" if uit.sinds
                                  else ": geen niet-vastgelegde wijzigingen (zie ook --sinds D)"))
        return
    typer.echo(kop)
    for w in uit.wijzigingen:
        typer.echo(f"  {w.tekst}")


def merge_driver(
    basis: Annotated[str, typer.Argument(help="%O: de gemeenschappelijke basis.")],
    ons: Annotated[str, typer.Argument(help="%A: de eigen versie; hier komt het resultaat.")],
    hun: Annotated[str, typer.Argument(help="%B: de versie van de ander.")],
    pad: Annotated[str, typer.Argument(help="%P: het pad van het plan.")] = "plan.yaml",
) -> None:
    """Merge-driver voor plan.yaml (wordt door git aangeroepen, niet met de hand)."""
    from jeugdplan.diensten.mergedriver import draai_driver

    raise typer.Exit(draai_driver(basis, ons, hun, pad))


def registreer(app: typer.Typer) -> None:
    app.command()(sync)
    app.command()(diff)
    app.command("merge-driver", hidden=True)(merge_driver)
