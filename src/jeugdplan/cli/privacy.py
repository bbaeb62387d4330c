"""Opdrachten voor privacy: inzage-export, bewaartermijnen en verwijderen (purge)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jeugdplan.cli.common import (
    IdArg,
    JsonOptie,
    OverschrijfOptie,
    auteur,
    bewerk,
    json_tekst,
    meld,
    optionele_tekst,
    print_json,
    repo,
    schrijf_uitvoer,
    uitvoerpad,
    vandaag,
)
from jeugdplan.domein.taal import aantal


def export(
    ident: IdArg,
    aanvrager: Annotated[str, typer.Option(
        "--aanvrager", metavar="ouder|jeugdige",
        help="Wie vraagt inzage: ouder of jeugdige.")],
    naam: Annotated[str | None, typer.Option(
        "--naam", metavar="NAAM",
        help="Naam van de aanvrager (een ouder: zoals in het gezin van het plan).")
    ] = None,
    toestemming_jongere: Annotated[bool, typer.Option(
        "--toestemming-jongere",
        help="Een ouder vraagt inzage voor een jongere van 16 of ouder, en de jongere stemde "
             "daarmee in.")] = False,
    volledig: Annotated[bool, typer.Option(
        "--volledig", help="Geef alles, ook wat standaard achterblijft (met --reden: uw eigen "
                           "oordeel wordt vastgelegd).")] = False,
    reden: Annotated[str | None, typer.Option(
        "--reden", metavar="TEKST", help="Waarom de inzage volledig is (bij --volledig).")
    ] = None,
    formaat: Annotated[str | None, typer.Option(
        "--format", metavar="json|html",
        help="Uitvoerformaat (html: te lezen en af te drukken voor ouders of jongere). "
        "Standaard html als --out op .html eindigt, anders json.")] = None,
    uit: Annotated[Path | None, typer.Option(
        "--out", metavar="BESTAND",
        help="Schrijf naar dit bestand (alleen leesbaar voor u) in plaats van stdout.")] = None,
    overschrijf: OverschrijfOptie = False,
) -> None:
    """Inzage in één plan voor ouder of jeugdige (AVG art. 15; Jeugdwet 7.3.10), met de
    geschiedenis; wat achterblijft staat erbij met de grond, en de export komt in het plan."""
    from jeugdplan.diensten.privacy import exporteer
    from jeugdplan.domein.errors import GebruiksFout
    from jeugdplan.domein.inzage import Verzoek, leg_vast

    if formaat is None:
        formaat = "html" if uit is not None and uit.suffix.lower() in (".html", ".htm") else "json"
    if formaat not in ("json", "html"):
        raise GebruiksFout(f"--format: onbekend formaat {formaat[:20]!r}; kies json of html")
    wie = aanvrager.strip().lower()
    if wie not in ("ouder", "jeugdige"):
        raise GebruiksFout(f"--aanvrager: kies ouder of jeugdige, niet {aanvrager[:20]!r}")
    if volledig and reden is None:
        raise GebruiksFout("--volledig vraagt --reden: waarom u alles geeft")
    if reden is not None and not volledig:
        raise GebruiksFout("--reden hoort bij --volledig")
    if toestemming_jongere and wie != "ouder":
        raise GebruiksFout("--toestemming-jongere hoort bij --aanvrager ouder")
    if uit is not None:
        uitvoerpad(uit, overschrijf)  # vóór het vastleggen van de inzage
    verzoek = Verzoek(wie, optionele_tekst(naam, "--naam"),  # type: ignore[arg-type]
                      toestemming_jongere, volledig, optionele_tekst(reden, "--reden"))
    r = repo()
    nu, door = vandaag(), auteur()
    gegevens = exporteer(r, ident, nu, verzoek)
    inzage = gegevens["inzage"]
    if formaat == "json":
        tekst = json_tekst(gegevens, naar_terminal=uit is None) + "\n"
    else:
        from jeugdplan.opslag.bronnen import gegevens as regels
        from jeugdplan.rapporten.reports import render

        # Codes in het document met hun omschrijving ("ib" -> "Intern begeleider"), per veld.
        c = regels().codelijsten
        codes = {"domein": c.domeinen.codes, "zwaarte": c.zwaarte.codes, "bron": c.bronnen.codes,
                 "rol": c.rollen.codes, "onderwijssoort": c.onderwijssoorten.codes,
                 "niveau": c.ondersteuningsniveaus.codes}
        tekst = render("export", {"e": gegevens, "codes": codes}, "html", r.root)
    # Eerst vastleggen (verantwoording), dan pas geven: mislukt het vastleggen, dan geen export.
    bewerk(ident, lambda p: leg_vast(
        p, verzoek, hoedanigheid=inzage["hoedanigheid"], gegeven=inzage["gegeven"],
        weggelaten=inzage["weggelaten"], datum=nu, door=door))
    for w in inzage["waarschuwingen"]:
        meld(f"let op: {w}")
    for w in inzage["weggelaten"]:
        meld(f"weggelaten: {w['wat']} (grond: {w['grond']}; {w['bron']})")
    if not verzoek.volledig:
        meld("controleer vóór het geven de vrije tekst (journaal, zorgen, notities) op "
             "gegevens van anderen: die ziet jeugdplan niet")
    doel = schrijf_uitvoer(tekst, uit, overschrijf)
    if doel is None:
        return
    meld(f"inzage-export van {gegevens['id']} geschreven naar {doel} (alleen leesbaar voor u; "
         "bevat bijzondere persoonsgegevens: geef het alleen aan wie recht op inzage heeft)")


def bewaartermijn(json: JsonOptie = False) -> None:
    """Afgesloten plannen waarvan de bewaartermijn is verstreken (data/bewaartermijnen.yaml)."""
    from jeugdplan.diensten.overzichten import bewaartermijn_repo

    ongeldig: list[str] = []
    rijen = bewaartermijn_repo(repo(), vandaag(), ongeldig)
    if ongeldig:
        # Nooit stil overslaan: een ongeldig plan kan ook over zijn termijn zijn.
        meld(f"let op: {aantal(len(ongeldig), 'ongeldig plan', 'ongeldige plannen')} "
             "niet beoordeeld "
             f"({', '.join(ongeldig[:5])}{', ...' if len(ongeldig) > 5 else ''}); "
             "zie 'jeugdplan check'")
    if json:
        print_json(rijen)
        return
    if not rijen:
        meld("geen afgesloten plannen over hun bewaartermijn")
        return
    for rij in rijen:
        typer.echo(f"{rij['id']}  afgesloten {rij['afgesloten']}  termijn {rij['termijn_jaren']} "
                   f"jaar  verlopen sinds {rij['verlopen_sinds']}  ({rij['grond']})")
    meld(f"{aantal(len(rijen), 'plan')} over de bewaartermijn; verwijder met 'jeugdplan purge ID'")


def purge(
    ident: IdArg,
    ja: Annotated[bool, typer.Option("--ja", help="Niet om bevestiging vragen.")] = False,
    uit_geschiedenis: Annotated[bool, typer.Option(
        "--uit-geschiedenis",
        help="Verwijder de casus ook uit de git-geschiedenis van deze repository "
             "(klonen en remotes houden hun kopie).")] = False,
) -> None:
    """Verwijder één casus (plan en bijlagen) uit de werkmap, in één commit; met
    --uit-geschiedenis ook uit de geschiedenis."""
    from jeugdplan.diensten.privacy import PURGE_WAARSCHUWING_GESCHIEDENIS
    from jeugdplan.diensten.privacy import purge as verwijder
    from jeugdplan.domein.bewaartermijn import einde_termijn
    from jeugdplan.domein.errors import JeugdplanError
    from jeugdplan.opslag.bronnen import gegevens
    from jeugdplan.opslag.store import controleer_id

    r = repo()
    sleutel = controleer_id(ident)
    meld(f"let op: dit verwijdert casus {sleutel} (plan en bijlagen) uit de werkmap, in één "
         "commit.")
    if r.plan_pad(sleutel).is_file() and r.binnen_repository(r.plan_pad(sleutel)):
        try:
            einde = einde_termijn(r.laad(sleutel).plan, gegevens())
        except JeugdplanError:
            einde = None
            meld("  het plan is ongeldig; de bewaartermijn is niet te bepalen.")
        else:
            if einde is None:
                meld("  de casus is niet afgesloten: de bewaartermijn is nog niet begonnen.")
            elif einde > vandaag():
                meld(f"  de bewaartermijn loopt nog tot {einde}: eerder verwijderen mag alleen "
                     "met een grond (bijvoorbeeld een verzoek tot verwijdering).")
            else:
                meld(f"  de bewaartermijn is verstreken sinds {einde}.")
    if uit_geschiedenis:
        meld("  " + PURGE_WAARSCHUWING_GESCHIEDENIS)
    else:
        meld("  Het plan blijft in de git-geschiedenis staan (en in klonen en remotes); "
             "gebruik --uit-geschiedenis om het ook daaruit te verwijderen.")
    if not ja:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise JeugdplanError("purge vraagt om bevestiging en er is geen terminal; "
                                 "gebruik --ja als u het zeker weet. Er is niets verwijderd")
        if not typer.confirm(f"Casus {sleutel} verwijderen?", default=False, err=True):
            raise JeugdplanError("afgebroken; er is niets verwijderd")
    uitkomst = verwijder(r, sleutel, uit_geschiedenis)
    if uitkomst.uit_geschiedenis:
        meld(f"casus {sleutel} verwijderd uit de werkmap en uit de geschiedenis van deze "
             "repository. Vergeet klonen, remotes en back-ups niet.")
    else:
        meld(f"casus {sleutel} verwijderd uit de werkmap (commit {str(uitkomst.commit)[:7]}); "
             "de geschiedenis bevat hem nog")


def registreer(app: typer.Typer) -> None:
    from jeugdplan.opslag import slot

    # Meldingen van het repositoryslot (wachten, herstel) naar stderr.
    slot.melder = meld
    app.command()(export)
    app.command()(bewaartermijn)
    app.command()(purge)
