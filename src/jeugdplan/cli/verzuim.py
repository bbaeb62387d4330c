"""`jeugdplan verzuim ...`: afwezigheid (hele dagen en uren), in- en uitschrijving,
vrijstellingen en vervangende leerplicht, het einde van de plichten, de melding van 16 uur en
aanbod vastleggen, en de stand tonen. Elke wijziging is één git-commit; de regels staan in
`domein/verzuim.py`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import (
    IdArg,
    JsonOptie,
    datum,
    nieuwe_app,
    optionele_datum,
    optionele_tekst,
    tekst,
    vandaag,
)
from jeugdplan.domein.taal import aantal, getal

verzuim_app = nieuwe_app(
    "Schoolverzuim: afwezigheid, in- en uitschrijving, vrijstellingen, startkwalificatie en "
    "aanbod, als periodes in het plan (voor 'jeugdplan report thuiszitters'). Verzuim telt "
    "in schooltijd (lesweken, lesuren)."
)

DatumVerplicht = Annotated[str, typer.Option("--datum", metavar="JJJJ-MM-DD",
                                             help="De datum (of 'vandaag').")]
VanOptie = Annotated[str, typer.Option(metavar="JJJJ-MM-DD", help="Begin (JJJJ-MM-DD).")]
TotOptie = Annotated[str | None, typer.Option(
    metavar="JJJJ-MM-DD", help="Eerste dag dat het niet meer geldt (leeg: volgens de wet).")]


def _kalender() -> Any:
    from jeugdplan.diensten.kalender import kalender_van

    return kalender_van(common.repo())


def _gegevens() -> Any:
    from jeugdplan.opslag.bronnen import gegevens

    return gegevens()


@verzuim_app.command("afwezig")
def afwezig(
    ident: IdArg,
    sinds: Annotated[str, typer.Option("--sinds", metavar="JJJJ-MM-DD", help="Eerste dag van ongeoorloofde "
                                       "afwezigheid (JJJJ-MM-DD).")],
) -> None:
    """Ongeoorloofde afwezigheid begint (hele lesdagen; geoorloofd verzuim, zoals ziekte, legt
    u niet vast)."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(sinds, "--sinds"), vandaag()
    common.bewerk(ident, lambda p: verzuim.afwezig(p, sinds=dag, vandaag=nu))


@verzuim_app.command("hervat")
def hervat(ident: IdArg, op: DatumVerplicht) -> None:
    """Het kind is weer op school vanaf deze datum: sluit de lopende afwezigheid."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    common.bewerk(ident, lambda p: verzuim.hervat(p, datum=dag, vandaag=nu))


def _decimaal(tekst: str) -> float:
    """Een getal met een komma of een punt (`1,5` of `1.5`)."""
    try:
        waarde = float(tekst.strip().replace(",", "."))
    except ValueError:
        raise typer.BadParameter(f"{tekst!r} is geen getal (bijvoorbeeld 2 of 1,5)") from None
    if waarde != waarde or waarde in (float("inf"), float("-inf")):
        raise typer.BadParameter(f"{tekst!r} is geen getal (bijvoorbeeld 2 of 1,5)")
    return waarde


@verzuim_app.command("uren")
def uren(
    ident: IdArg,
    op: DatumVerplicht,
    aantal: Annotated[float, typer.Option(
        "--uren", metavar="N", parser=_decimaal,
        help="Verzuimde lesuren op die lesdag (bijvoorbeeld 2 of 1,5).")],
) -> None:
    """Ongeoorloofd afwezig op een deel van een lesdag (telt mee voor de 16-urenregel)."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    g, kal = _gegevens(), _kalender()
    common.bewerk(ident, lambda p: verzuim.uren(p, datum=dag, aantal=aantal, vandaag=nu, g=g,
                                                kal=kal))


@verzuim_app.command("gemeld")
def gemeld(ident: IdArg, op: DatumVerplicht) -> None:
    """De school meldde het verzuim van 16 uur bij leerplicht (DUO-verzuimloket) op deze
    datum."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    g, kal = _gegevens(), _kalender()
    common.bewerk(ident, lambda p: verzuim.gemeld(p, datum=dag, vandaag=nu, g=g, kal=kal))


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
        metavar="GROND",
        help="De grond: lpw_5_onder_a, lpw_5_onder_b, lpw_5_onder_c, lpw_5a (trekkend "
             "bestaan), lpw_15 (alleen kwalificatieplicht) of lpw_11a (onder 6, uren); ook "
             "'5 onder a', '15'.")],
    van: VanOptie,
    tot: TotOptie = None,
    nooit_geschikt: Annotated[bool, typer.Option(
        "--nooit-geschikt", help="Art. 5 onder a: de verklaring zegt dat het kind nooit geschikt "
                                 "zal zijn (geen jaarlijkse kennisgeving).")] = False,
    uren_per_week: Annotated[int | None, typer.Option(
        "--uren-per-week", min=1, help="Art. 11a: vrijgestelde uren per week.")] = None,
) -> None:
    """Leg een vrijstelling vast; wat volgens de Leerplichtwet niet past wordt geweigerd. Art.
    5 onder a-c geldt tot 31 juli en vraagt elk jaar een kennisgeving vóór 1 juli
    ('jeugdplan verzuim verleng')."""
    from jeugdplan.domein import verzuim

    begin, einde = datum(van, "--van"), optionele_datum(tot, "--tot")
    g = _gegevens()
    common.bewerk(ident, lambda p: verzuim.vrijstelling(
        p, artikel=artikel, van=begin, tot=einde, g=g, nooit_geschikt=nooit_geschikt,
        uren_per_week=uren_per_week))


@verzuim_app.command("verleng")
def verleng(ident: IdArg, op: DatumVerplicht) -> None:
    """Kennisgeving voor het volgende schooljaar van de lopende vrijstelling (artikel 5 onder
    a-c: vóór 1 juli)."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    g = _gegevens()
    common.bewerk(ident, lambda p: verzuim.verleng(p, datum=dag, vandaag=nu, g=g))


@verzuim_app.command("vervangend")
def vervangend(
    ident: IdArg,
    artikel: Annotated[str, typer.Option(help="lpw_3a (vanaf 14 jaar) of lpw_3b (laatste "
                                              "leerplichtige schooljaar, mbo of vavo).")],
    van: VanOptie,
    tot: TotOptie = None,
) -> None:
    """Leg vervangende leerplicht vast (artikel 3a of 3b): geen vrijstelling, het kind blijft
    ingeschreven en afwezigheid blijft verzuim. Geldt per schooljaar."""
    from jeugdplan.domein import verzuim

    begin, einde = datum(van, "--van"), optionele_datum(tot, "--tot")
    g = _gegevens()
    common.bewerk(ident, lambda p: verzuim.vervangend(p, artikel=artikel, van=begin, tot=einde,
                                                      g=g))


@verzuim_app.command("twaalf-schooljaren")
def twaalf_schooljaren(ident: IdArg, op: DatumVerplicht) -> None:
    """Het einde (31 juli) van het twaalfde volledige schooljaar: daar eindigt de leerplicht
    (artikel 3; een verkorte basisschool telt als acht jaar). De kwalificatieplicht loopt
    door."""
    from jeugdplan.domein import verzuim

    dag = datum(op, "--datum")
    g = _gegevens()
    common.bewerk(ident, lambda p: verzuim.twaalf_schooljaren(p, datum=dag, g=g))


@verzuim_app.command("nieuwkomer")
def nieuwkomer(ident: IdArg, op: DatumVerplicht) -> None:
    """Het kind kwam in Nederland wonen: ingeschreven in een gemeente op deze datum. De plicht
    (en absoluut verzuim) telt vanaf dan."""
    from jeugdplan.domein import verzuim

    dag, nu = datum(op, "--datum"), vandaag()
    common.bewerk(ident, lambda p: verzuim.nieuwkomer(p, datum=dag, vandaag=nu))


@verzuim_app.command("startkwalificatie")
def startkwalificatie(
    ident: IdArg,
    op: DatumVerplicht,
    staatsexamen: Annotated[bool, typer.Option(
        "--staatsexamen", help="Behaald via een staatsexamen, niet op een school.")] = False,
) -> None:
    """Startkwalificatie behaald (havo, vwo of mbo 2-4): einde van de kwalificatieplicht."""
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
             "du": "verzuim.deels_afwezig", "vr": "verzuim.vrijstellingen",
             "vl": "verzuim.vervangende_leerplicht", "ab": "verzuim.aanbod"}


@verzuim_app.command("verwijder")
def verwijder(
    ident: IdArg,
    onderdeel: Annotated[str, typer.Argument(
        metavar="PERIODE", help="Het id van de periode (in1, af1, du1, vr1, vl1, ab1; zie "
        "'jeugdplan show ID --json'), of 'startkwalificatie'.")],
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
                             "du, vr, vl of ab (of geef 'startkwalificatie')")
    from jeugdplan.cli.onderdelen import verwijder_onderdeel

    verwijder_onderdeel(ident, sleutel, onderdeel, reden)


@verzuim_app.command("status")
def status(
    ident: IdArg,
    op: Annotated[str | None, typer.Option(
        "--datum", metavar="JJJJ-MM-DD", help="De peildatum (standaard vandaag).")] = None,
    json: JsonOptie = False,
) -> None:
    """De verzuimstand van één kind (intern): plicht, categorie in schooltijd, meldingen van
    16 uur, vrijstellingen met hun geldigheid, en wat aandacht vraagt."""
    from jeugdplan.domein import verzuim

    dag = datum(op, "--datum", vandaag())
    data = verzuim.overzicht(common.repo().lees(ident), dag, _gegevens(), _kalender())
    if json:
        common.print_json(data)
        return
    _toon(data)


def _toon(d: dict[str, Any]) -> None:
    echo = typer.echo
    echo(f"Casus {d['id']}, verzuim op {d['peildatum']}")
    plicht = d["plicht"] or "niet leer- of kwalificatieplichtig"
    echo(f"  plicht: {plicht} (begin {d['plicht_begin']}, leerplicht tot en met "
         f"{d['leerplicht_einde']}, kwalificatieplicht tot en met {d['kwalificatieplicht_einde']})")
    echo(f"  school: {d['school'] or 'geen (niet ingeschreven)'}; vakantieregio: "
         f"{d['vakantieregio'] or 'onbekend'}")
    if d["categorie"]:
        echo(f"  categorie: {d['categorie']} sinds {d['sinds']} ({aantal(d['dagen'], 'dag')}, "
             f"{d['dagen_schooltijd']} in schooltijd){'; met aanbod' if d['aanbod'] else ''}")
    else:
        echo("  categorie: geen (telt niet mee in het thuiszittersrapport)")
    meldingen = d["meldingen_16_uur"]
    open_ = [m for m in meldingen if not m["gemeld"]]
    if meldingen:
        echo(f"  16 uur verzuim: {aantal(len(meldingen), 'melding')}, {len(open_)} nog niet "
             "gemeld")
        for m in open_:
            echo(f"    {m['begin']} tot en met {m['einde']}: {getal(m['uren'])} uur, melden uiterlijk "
                 f"{m['uiterlijk']}")
    for soort in ("vrijstellingen", "vervangende_leerplicht"):
        for v in d[soort]:
            einde = f"laatste dag {v['laatste_dag']}" if v["laatste_dag"] else "loopt door"
            echo(f"  {soort.replace('_', ' ')}: {v['grond'] or v['artikel']} vanaf {v['van']} "
                 f"({einde}{', geldt nu' if v['geldt'] else ''})")
    for wat in d["aandacht"]:
        echo(f"  let op: {wat}")
    for wat in d["tegenstrijdig"]:
        echo(f"  tegenstrijdig: {wat}")


def registreer(app: typer.Typer) -> None:
    app.add_typer(verzuim_app, name="verzuim")
