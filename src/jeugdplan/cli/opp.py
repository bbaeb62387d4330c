"""`jeugdplan opp ...`: het ontwikkelingsperspectief vaststellen, bijstellen, de instemming van
de ouders, factoren van de onderbouwing, evalueren en verwijderen. De regels en bronnen staan
in `data/opp.yaml`; `check` en `agenda` bewaken ze (`domein/opp.py`)."""

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
from jeugdplan.cli.onderdelen import (
    RedenOptie,
    WisOptie,
    onderdeel_arg,
    verwijder_onderdeel,
    wijzig_onderdeel,
)

opp_app = nieuwe_app(
    "Het ontwikkelingsperspectief (OPP): uitstroom met onderbouwing, de begeleiding waarmee "
    "ouders instemmen, en de evaluatie elk schooljaar met ouders en leerling.")
factor_app = nieuwe_app("Factoren van de onderbouwing van de uitstroom: wat helpt, wat "
                        "belemmert.")


def _datum(help: str, naam: str) -> Any:
    return typer.Option(naam, metavar="JJJJ-MM-DD", help=help)


UitstroomOptie = Annotated[str, typer.Option(
    "--uitstroom", metavar="BESTEMMING",
    help="Verwachte uitstroombestemming, bijvoorbeeld vmbo-kb, havo, pro, arbeidsmarkt "
         "(de keuzes hangen af van de onderwijssoort).")]
BegeleidingOptie = Annotated[str, typer.Option(
    "--begeleiding", metavar="TEKST",
    help="De individuele begeleiding (het handelingsdeel, waarmee de ouders instemmen).")]
AfwijkingenOptie = Annotated[str | None, typer.Option(
    "--afwijkingen", metavar="TEKST",
    help="Onderdelen van het onderwijsprogramma waarvan wordt afgeweken.")]
InbrengOptie = Annotated[str | None, typer.Option(
    "--inbreng", metavar="TEKST",
    help="De inbreng van de leerling en hoe die het OPP heeft beïnvloed.")]


@opp_app.command("vaststellen")
def vaststellen(
    ident: IdArg,
    uitstroom: UitstroomOptie,
    begeleiding: BegeleidingOptie,
    afwijkingen: AfwijkingenOptie = None,
    inbreng: InbrengOptie = None,
    inschrijving: Annotated[str | None, _datum(
        "Inschrijving of definitieve plaatsing; het OPP moet binnen 6 weken daarna vastgesteld "
        "zijn.", "--inschrijving")] = None,
    op: DatumOptie = None,
    evaluatie: Annotated[str | None, _datum(
        "Geplande evaluatie met ouders en leerling (anders: vóór het einde van het "
        "schooljaar).", "--evaluatie")] = None,
) -> None:
    """Stel het OPP vast (na overleg met de ouders; het handelingsdeel met hun instemming)."""
    from jeugdplan.domein import opp
    from jeugdplan.opslag.bronnen import gegevens

    nu, g = vandaag(), gegevens()
    velden: dict[str, Any] = {
        "uitstroom": tekst(uitstroom, "--uitstroom"),
        "begeleiding": tekst(begeleiding, "--begeleiding"),
        "afwijkingen": optionele_tekst(afwijkingen, "--afwijkingen"),
        "inbreng": optionele_tekst(inbreng, "--inbreng"),
        "inschrijving": optionele_datum(inschrijving, "--inschrijving"),
        "datum": datum(op, "--datum", nu),
        "evaluatiedatum": optionele_datum(evaluatie, "--evaluatie"),
    }
    plan = common.bewerk(ident, lambda p: opp.vaststellen(p, g=g, vandaag=nu, **velden))
    o = plan.ondersteuning.opp
    termijn = opp.termijn_vaststellen(plan, g)
    if o is not None and o.vastgesteld is not None and termijn is not None \
            and o.vastgesteld > termijn:
        common.meld(f"let op: vastgesteld na de termijn van {g.opp.vaststellen.weken} weken na "
                    f"de inschrijving (uiterlijk {termijn})")
    if o is not None and o.instemming_ouders is None:
        common.meld(f"let op: leg de instemming van de ouders met de begeleiding vast met "
                    f"'jeugdplan opp instemming {plan.id}'")


@opp_app.command("wijzig")
def wijzig(
    ident: IdArg,
    uitstroom: Annotated[str | None, typer.Option(
        "--uitstroom", metavar="BESTEMMING", help="Uitstroombestemming.")] = None,
    begeleiding: Annotated[str | None, typer.Option(
        "--begeleiding", metavar="TEKST", help="De individuele begeleiding (daarna opnieuw "
        "instemming van de ouders nodig).")] = None,
    afwijkingen: AfwijkingenOptie = None,
    inbreng: InbrengOptie = None,
    inschrijving: Annotated[str | None, _datum("Inschrijving of plaatsing.", "--inschrijving")
                            ] = None,
    evaluatie: Annotated[str | None, _datum("Geplande evaluatie.", "--evaluatie")] = None,
    op: DatumOptie = None,
    wis: WisOptie = None,
) -> None:
    """Stel het OPP bij (na overleg met de ouders); een bijgestelde begeleiding vraagt opnieuw
    hun instemming."""
    from jeugdplan.domein import opp
    from jeugdplan.opslag.bronnen import gegevens

    namen = {"uitstroom": "uitstroombestemming", "inbreng": "inbreng_leerling",
             "evaluatie": "evaluatiedatum"}
    velden = {k: v for k, v in {
        "uitstroombestemming": optionele_tekst(uitstroom, "--uitstroom"),
        "begeleiding": optionele_tekst(begeleiding, "--begeleiding"),
        "afwijkingen": optionele_tekst(afwijkingen, "--afwijkingen"),
        "inbreng_leerling": optionele_tekst(inbreng, "--inbreng"),
        "inschrijving": optionele_datum(inschrijving, "--inschrijving"),
        "evaluatiedatum": optionele_datum(evaluatie, "--evaluatie")}.items() if v is not None}
    leeg = [namen.get(w.strip().lower(), w.strip().lower()) for w in wis or []]
    nu, g = vandaag(), gegevens()
    dag = datum(op, "--datum", nu)
    common.bewerk(ident, lambda p: opp.bijstellen(p, velden, leeg, dag, g, nu))


@opp_app.command("instemming")
def instemming(ident: IdArg, op: DatumOptie = None) -> None:
    """Leg vast dat de ouders instemmen met de individuele begeleiding (het handelingsdeel)."""
    from jeugdplan.domein import opp

    nu = vandaag()
    dag = datum(op, "--datum", nu)
    common.bewerk(ident, lambda p: opp.instemming(p, dag, nu))


@opp_app.command("evaluatie")
def evaluatie(
    ident: IdArg,
    notitie: Annotated[str, typer.Option(metavar="TEKST",
                                         help="Wat is bereikt, wat verandert, wat nu.")],
    met_ouders: Annotated[bool, typer.Option(
        "--met-ouders/--zonder-ouders", help="Waren de ouders erbij (de wet vraagt dat).")] = True,
    met_leerling: Annotated[bool, typer.Option(
        "--met-leerling/--zonder-leerling", help="Was de leerling erbij.")] = True,
    volgende: Annotated[str | None, _datum("Datum van de volgende evaluatie.", "--volgende")
                        ] = None,
    door: Annotated[str | None, typer.Option(metavar="NAAM",
                                             help="Wie evalueerde (standaard u).")] = None,
    op: DatumOptie = None,
) -> None:
    """Leg een evaluatie van het OPP vast (ten minste één per schooljaar, met ouders en
    leerling)."""
    from jeugdplan.domein import opp

    nu = vandaag()
    dag = datum(op, "--datum", nu)
    wie = tekst(door, "--door") if door is not None else common.auteur()
    common.bewerk(ident, lambda p: opp.evalueer(
        p, datum=dag, door=wie, notitie=tekst(notitie, "--notitie"), met_ouders=met_ouders,
        met_leerling=met_leerling, volgende=optionele_datum(volgende, "--volgende"), vandaag=nu))


@opp_app.command("verwijder")
def verwijder(ident: IdArg, reden: RedenOptie) -> None:
    """Verwijder het OPP (bijvoorbeeld: geen extra ondersteuning meer nodig), met reden."""
    from jeugdplan.domein import opp

    waarom, wie, nu = tekst(reden, "--reden"), common.auteur(), vandaag()
    common.bewerk(ident, lambda p: opp.verwijder(p, reden=waarom, auteur=wie, datum=nu))


@factor_app.command("add")
def factor_add(
    ident: IdArg,
    belemmerend: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Een factor die de ontwikkeling belemmert.")] = None,
    bevorderend: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Een factor die de ontwikkeling bevordert.")] = None,
) -> None:
    """Voeg een belemmerende of bevorderende factor toe aan de onderbouwing."""
    from jeugdplan.domein import opp
    from jeugdplan.domein.errors import GebruiksFout

    if (belemmerend is None) == (bevorderend is None):
        raise GebruiksFout("geef --belemmerend of --bevorderend (één factor per keer)")
    waarde = tekst(belemmerend or bevorderend or "",
                   "--belemmerend" if belemmerend else "--bevorderend")
    common.bewerk(ident, lambda p: opp.voeg_factor_toe(p, belemmerend=belemmerend is not None,
                                                       tekst=waarde))


def _soort(factor: str) -> str:
    return "opp.belemmerend" if factor.lower().startswith("fb") else "opp.bevorderend"


@factor_app.command("wijzig")
def factor_wijzig(ident: IdArg, factor: Annotated[str, onderdeel_arg("FACTOR", "fb1")],
                  tekst_: Annotated[str, typer.Option("--tekst", metavar="TEKST",
                                                      help="De nieuwe tekst.")]) -> None:
    """Herschrijf een factor van de onderbouwing."""
    wijzig_onderdeel(ident, _soort(factor), factor, {"tekst": tekst(tekst_, "--tekst")}, None)


@factor_app.command("verwijder")
def factor_verwijder(ident: IdArg, factor: Annotated[str, onderdeel_arg("FACTOR", "fv1")],
                     reden: RedenOptie) -> None:
    """Verwijder een factor van de onderbouwing, met reden."""
    verwijder_onderdeel(ident, _soort(factor), factor, reden)


opp_app.add_typer(factor_app, name="factor")


def registreer(app: typer.Typer) -> None:
    app.add_typer(opp_app, name="opp")
