"""`jeugdplan verzuim ...`: afwezigheid, in- en uitschrijving, vrijstelling, startkwalificatie
en aanbod vastleggen. Elke opdracht is één git-commit; de regels staan in `verzuim.py`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import IdArg, datum, nieuwe_app, optionele_datum, optionele_tekst, tekst, vandaag

verzuim_app = nieuwe_app(
    "Schoolverzuim: afwezigheid, in- en uitschrijving, vrijstellingen, startkwalificatie en "
    "aanbod, als periodes in het plan (voor 'jeugdplan report thuiszitters')."
)

DatumVerplicht = Annotated[str, typer.Option("--datum", metavar="JJJJ-MM-DD",
                                             help="De datum (of 'vandaag').")]


@verzuim_app.command("afwezig")
def afwezig(
    ident: IdArg,
    sinds: Annotated[str, typer.Option("--sinds", metavar="JJJJ-MM-DD", help="Eerste dag van ongeoorloofde "
                                       "afwezigheid (JJJJ-MM-DD).")],
) -> None:
    """Ongeoorloofde afwezigheid begint (geoorloofd verzuim, zoals ziekte, legt u niet vast)."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(sinds, "--sinds"), vandaag()
    common.bewerk(ident, lambda p: verzuim.afwezig(p, sinds=dag, vandaag=nu))


@verzuim_app.command("hervat")
def hervat(ident: IdArg, op: DatumVerplicht) -> None:
    """Het kind is weer op school vanaf deze datum: sluit de lopende afwezigheid."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    common.bewerk(ident, lambda p: verzuim.hervat(p, datum=dag, vandaag=nu))


@verzuim_app.command("uitschrijving")
def uitschrijving(ident: IdArg, op: DatumVerplicht) -> None:
    """Vanaf deze datum op geen school ingeschreven (leerplichtig: absoluut verzuim)."""
    from jeugdplan.domein import verzuim

    dag = datum(op, "--datum")
    common.bewerk(ident, lambda p: verzuim.uitschrijving(p, datum=dag))


@verzuim_app.command("inschrijving")
def inschrijving(
    ident: IdArg,
    op: DatumVerplicht,
    school: Annotated[str | None, typer.Option(
        metavar="NAAM", help="De school (standaard de school uit het plan).")] = None,
) -> None:
    """Vanaf deze datum ingeschreven op een school."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    naar = optionele_tekst(school, "--school")
    common.bewerk(ident, lambda p: verzuim.inschrijving(p, datum=dag, school=naar, vandaag=nu))


@verzuim_app.command("vrijstelling")
def vrijstelling(
    ident: IdArg,
    artikel: Annotated[str, typer.Option(
        metavar="ARTIKEL", help="Artikel van de Leerplichtwet: 5a, 5b, 5c, 15, 3a of 3b.")],
    van: Annotated[str, typer.Option(metavar="JJJJ-MM-DD", help="Begin van de vrijstelling.")],
    tot: Annotated[str | None, typer.Option(
        metavar="JJJJ-MM-DD",
        help="Eerste dag dat de vrijstelling niet meer geldt (leeg: loopt nog).")] = None,
) -> None:
    """Leg een vrijstelling van de leerplicht vast (telt apart, niet als thuiszitter)."""
    from jeugdplan.domein import verzuim
    from jeugdplan.opslag.bronnen import gegevens

    begin, einde = datum(van, "--van"), optionele_datum(tot, "--tot")
    g = gegevens()
    common.bewerk(ident, lambda p: verzuim.vrijstelling(p, artikel=artikel, van=begin, tot=einde,
                                                        g=g))


@verzuim_app.command("startkwalificatie")
def startkwalificatie(
    ident: IdArg,
    op: DatumVerplicht,
    staatsexamen: Annotated[bool, typer.Option(
        "--staatsexamen", help="Behaald via een staatsexamen, niet op een school.")] = False,
) -> None:
    """Startkwalificatie behaald (havo, vwo of mbo-2): einde van de kwalificatieplicht."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    common.bewerk(ident, lambda p: verzuim.startkwalificatie(p, datum=dag, vandaag=nu,
                                                             staatsexamen=staatsexamen))


@verzuim_app.command("aanbod")
def aanbod(
    ident: IdArg,
    omschrijving: Annotated[str, typer.Option(
        help="Het aanbod van onderwijs en/of zorg, bijvoorbeeld 'dagbesteding zorgboerderij'.")],
    van: Annotated[str, typer.Option(metavar="JJJJ-MM-DD", help="Begin van het aanbod.")],
    tot: Annotated[str | None, typer.Option(
        metavar="JJJJ-MM-DD", help="Eerste dag dat het aanbod niet meer geldt (leeg: loopt nog).")] = None,
) -> None:
    """Leg een aanbod van onderwijs en/of zorg vast voor een kind dat thuis zit."""
    from jeugdplan.domein import verzuim

    wat = tekst(omschrijving, "--omschrijving")
    begin, einde = datum(van, "--van"), optionele_datum(tot, "--tot")
    common.bewerk(ident, lambda p: verzuim.aanbod(p, omschrijving=wat, van=begin, tot=einde))


_PERIODES = {"in": "verzuim.inschrijvingen", "af": "verzuim.afwezigheden",
             "vr": "verzuim.vrijstellingen", "ab": "verzuim.aanbod"}


@verzuim_app.command("verwijder")
def verwijder(
    ident: IdArg,
    onderdeel: Annotated[str, typer.Argument(
        metavar="PERIODE", help="Het id van de periode (in1, af1, vr1, ab1; zie 'jeugdplan show "
        "ID --json'), of 'startkwalificatie'.")],
    reden: Annotated[str, typer.Option(metavar="TEKST", help="Waarom dit weg moet; komt in het "
                                       "journaal van de casus.")],
) -> None:
    """Verwijder een verkeerd vastgelegde periode of startkwalificatie, met reden (daarna
    opnieuw vastleggen met de juiste datums)."""
    from jeugdplan.domein.errors import JeugdplanError

    if onderdeel.strip().lower() == "startkwalificatie":
        from jeugdplan.domein.onderdelen import journaal

        waarom, wie, nu = tekst(reden, "--reden"), common.auteur(), vandaag()

        def weg(p: Any) -> str:
            if p.verzuim.startkwalificatie is None:
                raise JeugdplanError(f"casus {p.id} heeft geen startkwalificatie")
            p.verzuim.startkwalificatie = None
            regel = journaal(p, f"startkwalificatie verwijderd: {waarom}", wie, nu)
            return f"verzuim: startkwalificatie verwijderd (reden in journaal {regel})"

        common.bewerk(ident, weg)
        return
    sleutel = _PERIODES.get(onderdeel.strip().lower()[:2])
    if sleutel is None:
        raise JeugdplanError(f"{onderdeel!r} is geen verzuimperiode; een id begint met in, af, "
                             "vr of ab (of geef 'startkwalificatie')")
    from jeugdplan.cli.onderdelen import verwijder_onderdeel

    verwijder_onderdeel(ident, sleutel, onderdeel, reden)


def registreer(app: typer.Typer) -> None:
    app.add_typer(verzuim_app, name="verzuim")
