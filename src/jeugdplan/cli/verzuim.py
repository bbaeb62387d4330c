"""`jeugdplan verzuim ...`: afwezigheid, in- en uitschrijving, vrijstelling, startkwalificatie
en aanbod vastleggen. Elke opdracht is één git-commit; de regels staan in `verzuim.py`."""

from __future__ import annotations

from typing import Annotated

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
        help="De school (standaard de school uit het plan).")] = None,
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
        help="Artikel van de Leerplichtwet: 5a, 5b, 5c, 15, 3a of 3b.")],
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
def startkwalificatie(ident: IdArg, op: DatumVerplicht) -> None:
    """Startkwalificatie behaald (havo, vwo of mbo-2): einde van de kwalificatieplicht."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    common.bewerk(ident, lambda p: verzuim.startkwalificatie(p, datum=dag, vandaag=nu))


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


def registreer(app: typer.Typer) -> None:
    app.add_typer(verzuim_app, name="verzuim")
