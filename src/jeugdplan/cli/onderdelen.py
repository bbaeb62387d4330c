"""Opdrachten die één onderdeel van een plan toevoegen of wijzigen: signaal, ouders,
toestemming, doel, actie, betrokkene en journaal. Elke opdracht is één git-commit."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import (
    DatumOptie,
    IdArg,
    datum,
    nieuwe_app,
    optionele_datum,
    optionele_tekst,
    tekst,
    vandaag,
)


class _Lui:
    """`b.functie` laadt `jeugdplan.domein.bewerkingen` (en daarmee pydantic) pas als een opdracht
    draait: `--help` en het opstarten blijven snel (issue 6)."""

    def __getattr__(self, naam: str) -> Any:
        from jeugdplan.domein import bewerkingen

        return getattr(bewerkingen, naam)


b = _Lui()


signaal = nieuwe_app("Signalen: wat is er gezien of gehoord (feiten, met bron en domein).")
ouders = nieuwe_app("Ouders: vastleggen dat de zorgen met de ouders zijn besproken.")
toestemming = nieuwe_app("Toestemming om gegevens te delen: geven en intrekken.")
doel = nieuwe_app("Doelen van het plan, met eigenaar en evaluatiedatum.")
actie = nieuwe_app("Acties: wie doet wat wanneer.")
betrokkene = nieuwe_app("Betrokken professionals en wie de regie heeft.")
journaal = nieuwe_app("Het journaal: korte aantekeningen bij de casus.")
gezin = nieuwe_app("Het gezin: ouders en verzorgers, en wie het gezag heeft.")
evaluatie = nieuwe_app("Evaluaties van het plan en zijn doelen.")


@signaal.command("add")
def signaal_add(
    ident: IdArg,
    domein: Annotated[str, typer.Option(help="Domein, bijvoorbeeld gedrag, thuis, veiligheid.")],
    omschrijving: Annotated[str, typer.Option(help="Wat is er gezien of gehoord (feiten).")],
    zwaarte: Annotated[str, typer.Option(help="licht, complex of specialistisch.")] = "licht",
    bron: Annotated[str, typer.Option(help="Wie signaleerde: leerkracht, ouder, kind, ...")
                    ] = "leerkracht",
    interpretatie: Annotated[str | None, typer.Option(help="Duiding, apart van de feiten.")
                             ] = None,
    op: DatumOptie = None,
) -> None:
    """Voeg een signaal toe aan het plan."""
    velden: dict[str, Any] = {
        "domein": common.code(domein, "domeinen", "--domein"),
        "zwaarte": common.code(zwaarte, "zwaarte", "--zwaarte"),
        "bron": common.code(bron, "bronnen", "--bron"),
        "omschrijving": tekst(omschrijving, "--omschrijving"),
        "interpretatie": optionele_tekst(interpretatie, "--interpretatie"),
    }
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    plan = common.bewerk(ident, lambda p: b.voeg_signaal_toe(p, datum=dag, vandaag=nu, **velden))
    if velden["zwaarte"] == "acuut":
        from jeugdplan.opslag.bronnen import gegevens

        common.meld("LET OP: " + " ".join(gegevens().crisis.voorwaarde.split())
                    + f" Zie 'jeugdplan route {plan.id}'.")
    if velden["domein"] in ("veiligheid", "grensoverschrijdend-personeel"):
        common.meld(f"let op: dit is een veiligheidssignaal; zie 'jeugdplan meldcode next {plan.id}'")


@ouders.command("informeer")
def ouders_informeer(
    ident: IdArg,
    op: DatumOptie = None,
    door: Annotated[str | None, typer.Option(help="Wie sprak de ouders (standaard u).")] = None,
    notitie: Annotated[str | None, typer.Option(help="Hoe reageerden de ouders?")] = None,
) -> None:
    """Leg vast dat de zorgen met de ouders zijn besproken (ouders eerst)."""
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    wie = tekst(door, "--door") if door is not None else common.auteur()
    common.bewerk(ident, lambda p: b.informeer_ouders(
        p, datum=dag, door=wie, notitie=optionele_tekst(notitie, "--notitie"), vandaag=nu))


@toestemming.command("add")
def toestemming_add(
    ident: IdArg,
    partij: Annotated[str, typer.Option(help="Met wie gegevens gedeeld mogen worden.")],
    door: Annotated[list[str], typer.Option(
        help="Wie gaf toestemming (herhaal voor meer personen).")],
    doel_: Annotated[str | None, typer.Option("--doel", help="Waarvoor.")] = None,
    op: DatumOptie = None,
) -> None:
    """Leg toestemming vast om gegevens met een partij te delen."""
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    namen = [tekst(d, "--door") for d in door]
    plan = common.bewerk(ident, lambda p: b.geef_toestemming(
        p, partij=tekst(partij, "--partij"), door=namen,
        doel=optionele_tekst(doel_, "--doel"), datum=dag, vandaag=nu))
    from jeugdplan.domein.toestemming import is_geldig, vereist
    from jeugdplan.opslag.bronnen import gegevens

    laatste, g = plan.toestemmingen[-1], gegevens()
    if not is_geldig(plan, laatste, nu, g):
        nodig = vereist(plan, dag, g)
        common.meld(f"let op: nodig is toestemming van {nodig.omschrijving}; de toestemming "
                    f"is nog niet volledig.{nodig.aanwijzing(plan.id)}")


@toestemming.command("intrekken")
def toestemming_intrekken(
    ident: IdArg,
    partij: Annotated[str, typer.Option(help="De partij waarvoor de toestemming vervalt.")],
    op: DatumOptie = None,
) -> None:
    """Trek een toestemming in."""
    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: b.trek_toestemming_in(p, partij=partij, datum=dag))


@doel.command("add")
def doel_add(
    ident: IdArg,
    omschrijving: Annotated[str, typer.Option(help="Concreet en toetsbaar doel.")],
    eigenaar: Annotated[str | None, typer.Option(help="Wie is eigenaar van dit doel.")] = None,
    evaluatie: Annotated[str | None, typer.Option("--evaluatie", help="Evaluatiedatum.")] = None,
) -> None:
    """Voeg een doel toe."""
    wanneer = optionele_datum(evaluatie, "--evaluatie")
    common.bewerk(ident, lambda p: b.voeg_doel_toe(
        p, omschrijving=tekst(omschrijving, "--omschrijving"),
        eigenaar=optionele_tekst(eigenaar, "--eigenaar"), evaluatiedatum=wanneer))


@doel.command("status")
def doel_status(
    ident: IdArg,
    doel_id: Annotated[str, typer.Argument(metavar="DOEL", help="Bijvoorbeeld d1.")],
    status: Annotated[str, typer.Argument(help="lopend, behaald, bijgesteld of gestopt.")],
) -> None:
    """Zet de status van een doel."""
    nieuw = common.code(status, "doelstatussen", "STATUS")
    common.bewerk(ident, lambda p: b.zet_doelstatus(p, doel_id=doel_id, status=nieuw))


@actie.command("add")
def actie_add(
    ident: IdArg,
    omschrijving: Annotated[str, typer.Option(help="Wat moet er gebeuren.")],
    eigenaar: Annotated[str | None, typer.Option(help="Wie doet het.")] = None,
    deadline: Annotated[str | None, typer.Option(help="Uiterlijk op (JJJJ-MM-DD).")] = None,
) -> None:
    """Voeg een actie toe."""
    wanneer = optionele_datum(deadline, "--deadline")
    common.bewerk(ident, lambda p: b.voeg_actie_toe(
        p, omschrijving=tekst(omschrijving, "--omschrijving"),
        eigenaar=optionele_tekst(eigenaar, "--eigenaar"), deadline=wanneer))


@actie.command("done")
def actie_done(
    ident: IdArg,
    actie_id: Annotated[str, typer.Argument(metavar="ACTIE", help="Bijvoorbeeld a1.")],
    op: DatumOptie = None,
) -> None:
    """Markeer een actie als gedaan."""
    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: b.actie_gedaan(p, actie_id=actie_id, datum=dag))


@betrokkene.command("add")
def betrokkene_add(
    ident: IdArg,
    rol: Annotated[str, typer.Option(help="Rol, bijvoorbeeld jmw, cjg-coach, ib, ggd.")],
    naam: Annotated[str, typer.Option(help="Naam van de professional.")],
    organisatie: Annotated[str | None, typer.Option(help="Organisatie.")] = None,
    contact: Annotated[str | None, typer.Option(help="Telefoon of e-mail.")] = None,
    regie: Annotated[bool, typer.Option("--regie", help="Deze persoon heeft de regie.")] = False,
    op: DatumOptie = None,
) -> None:
    """Voeg een betrokken professional toe (met --regie: ook regiehouder)."""
    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: b.voeg_betrokkene_toe(
        p, rol=common.code(rol, "rollen", "--rol"), naam=tekst(naam, "--naam"),
        organisatie=optionele_tekst(organisatie, "--organisatie"),
        contact=optionele_tekst(contact, "--contact"), datum=dag, regie=regie))


@journaal.command("add")
def journaal_add(
    ident: IdArg,
    tekst_: Annotated[str, typer.Option("--tekst", help="De aantekening.")],
    op: DatumOptie = None,
) -> None:
    """Schrijf een aantekening in het journaal."""
    dag = datum(op, "--datum", vandaag())
    wie = common.auteur()
    common.bewerk(ident, lambda p: b.schrijf_journaal(
        p, tekst=tekst(tekst_, "--tekst"), auteur=wie, datum=dag))


@gezin.command("add")
def gezin_add(
    ident: IdArg,
    naam: Annotated[str, typer.Option(help="Naam van de ouder of verzorger.")],
    relatie: Annotated[str, typer.Option(help="Bijvoorbeeld moeder, vader, pleegouder, voogd.")],
    gezag: Annotated[bool, typer.Option("--gezag/--geen-gezag",
                                        help="Heeft deze persoon ouderlijk gezag?")] = True,
    gezag_onbekend: Annotated[bool, typer.Option(
        "--gezag-onbekend", help="Nog niet bekend of deze persoon gezag heeft (toestemming is "
                                 "dan niet volledig).")] = False,
    contact: Annotated[str | None, typer.Option(help="Telefoon of e-mail.")] = None,
) -> None:
    """Voeg een ouder of verzorger toe (gezag bepaalt wie toestemming geeft)."""
    waarde: bool | str = "onbekend" if gezag_onbekend else gezag
    common.bewerk(ident, lambda p: b.voeg_opvoeder_toe(
        p, naam=tekst(naam, "--naam"), relatie=tekst(relatie, "--relatie"), gezag=waarde,
        contact=optionele_tekst(contact, "--contact")))


@evaluatie.command("add")
def evaluatie_add(
    ident: IdArg,
    notitie: Annotated[str, typer.Option(help="Wat is bereikt, wat niet, wat nu.")],
    doel_: Annotated[list[str] | None, typer.Option(
        "--doel", help="Geëvalueerd doel, bijvoorbeeld d1 (herhaal voor meer).")] = None,
    door: Annotated[str | None, typer.Option(help="Wie evalueerde (standaard u).")] = None,
    op: DatumOptie = None,
) -> None:
    """Leg een evaluatie vast (de agenda rekent de evaluatie van de doelen dan als gedaan)."""
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    wie = tekst(door, "--door") if door is not None else common.auteur()
    common.bewerk(ident, lambda p: b.voeg_evaluatie_toe(
        p, datum=dag, door=wie, notitie=tekst(notitie, "--notitie"), doelen=doel_ or [],
        vandaag=nu))


def zienswijze(
    ident: IdArg,
    ouders_: Annotated[str | None, typer.Option("--ouders", help="De kijk van de ouders, "
                                                "in hun eigen woorden.")] = None,
    kind_: Annotated[str | None, typer.Option("--kind", help="De kijk van het kind, in eigen "
                                              "woorden.")] = None,
) -> None:
    """Leg de zienswijze van ouders en kind vast, in hun eigen woorden."""
    common.bewerk(ident, lambda p: b.zet_zienswijze(
        p, ouders=optionele_tekst(ouders_, "--ouders"), kind=optionele_tekst(kind_, "--kind")))


def registreer(app: typer.Typer) -> None:
    app.add_typer(gezin, name="gezin")
    app.add_typer(evaluatie, name="evaluatie")
    app.command()(zienswijze)
    app.add_typer(signaal, name="signaal")
    app.add_typer(ouders, name="ouders")
    app.add_typer(toestemming, name="toestemming")
    app.add_typer(doel, name="doel")
    app.add_typer(actie, name="actie")
    app.add_typer(betrokkene, name="betrokkene")
    app.add_typer(journaal, name="journaal")
