"""Het ontwikkelingsperspectief (OPP) als wettelijk document: vaststellen, bijstellen,
instemming van de ouders, evalueren, en wat `check` en `agenda` erover zeggen.

De regels staan met hun bron in `data/opp.yaml` (Wet op het primair onderwijs art. 40a, Wet
voortgezet onderwijs 2020 art. 2.44, Wet op de expertisecentra art. 41a):

- verplicht in sbo, so, vso en praktijkonderwijs, en op een gewone school bij extra
  ondersteuning (`ondersteuning.niveau` extra of arrangement);
- vastgesteld uiterlijk zes weken na de inschrijving (`opp.inschrijving`);
- over de individuele begeleiding (het handelingsdeel) moeten de ouders instemmen, ook na
  een bijstelling daarvan;
- het OPP beschrijft de begeleiding, zo nodig de afwijkingen van het programma en de inbreng
  van de leerling; het uitstroomperspectief met onderbouwing;
- ten minste één evaluatie per schooljaar met de ouders en de leerling.

Bewerkende functies geven het commitbericht (zonder namen); `bevindingen` en `agendapunten`
zijn zuiver en lezen alleen velden (ook van de lichte objecten uit de cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import Ernst, JeugdplanError
from jeugdplan.domein.onderdelen import controleer_datum, journaal, niet_afgesloten, zet_velden

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Opp, Plan


# --- regels --------------------------------------------------------------------------------


def reden_verplicht(plan: Plan, vandaag: date, g: Gegevens) -> str | None:
    """Waarom dit kind een OPP moet hebben (of None: niet verplicht, of op geen school
    ingeschreven of vrijgesteld, zodat er geen school is die het vaststelt)."""
    from jeugdplan.domein.verzuim import plicht, school_op, vrijstelling_op

    if school_op(plan, vandaag) is None:
        return None
    welke = plicht(plan, vandaag, g, None)  # zonder schoolkalender: alleen of er een plicht is
    if welke is not None and vrijstelling_op(plan, vandaag, g, welke) is not None:
        return None
    v = g.opp.verplicht
    soort = plan.kind.onderwijssoort
    if soort in v.onderwijssoorten:
        return f"elke leerling in het {g.codelijsten.codes('onderwijssoorten')[soort].lower()}"
    if plan.ondersteuning.niveau in v.niveaus:
        return "een leerling met extra ondersteuning"
    return None


def begin_termijn(plan: Plan) -> date | None:
    """Waar de termijn van zes weken begint: `opp.inschrijving`, anders het begin van de
    lopende inschrijving uit het verzuim (`jeugdplan verzuim inschrijving`)."""
    opp = plan.ondersteuning.opp
    if opp is not None and opp.inschrijving is not None:
        return opp.inschrijving
    return max((i.van for i in plan.verzuim.inschrijvingen if i.tot is None and i.van),
               default=None)


def termijn_vaststellen(plan: Plan, g: Gegevens) -> date | None:
    """Uiterlijke datum om het OPP vast te stellen (zes weken na de inschrijving)."""
    begin = begin_termijn(plan)
    return None if begin is None else begin + timedelta(weeks=g.opp.vaststellen.weken)


def schooljaar(dag: date, g: Gegevens) -> tuple[date, date]:
    """(eerste dag, laatste dag) van het schooljaar waarin `dag` valt."""
    einde = g.opp.evaluatie.schooljaar_einde
    laatste = date(dag.year, einde.maand, einde.dag)
    if dag > laatste:
        laatste = date(dag.year + 1, einde.maand, einde.dag)
    eerste = date(laatste.year - 1, einde.maand, einde.dag) + timedelta(days=1)
    return eerste, laatste


def _met_ouders(opp: Opp, van: date, tot: date) -> bool:
    return any(e.met_ouders and van <= e.datum <= tot for e in opp.evaluaties)


def volgende_evaluatie(opp: Opp, vandaag: date, g: Gegevens) -> date | None:
    """Wanneer het OPP weer met ouders en leerling geëvalueerd moet worden: de geplande
    evaluatiedatum zolang die nog niet gehouden is, anders het einde van het schooljaar als
    er dit schooljaar nog geen evaluatie met de ouders was."""
    if opp.vastgesteld is None:
        return None
    laatste = max((e.datum for e in opp.evaluaties if e.met_ouders), default=None)
    if opp.evaluatiedatum is not None and (laatste is None or laatste < opp.evaluatiedatum):
        return opp.evaluatiedatum
    eerste, einde = schooljaar(vandaag, g)
    if _met_ouders(opp, eerste, einde):
        return schooljaar(einde + timedelta(days=1), g)[1]
    return einde


@dataclass(frozen=True)
class Bevinding:
    code: str
    ernst: Ernst
    loc: tuple[str | int, ...]
    melding: str


_OPP = ("ondersteuning", "opp")


def bevindingen(plan: Plan, vandaag: date, g: Gegevens) -> list[Bevinding]:
    """Wat `check` over het OPP zegt (waarschuwingen: het plan is niet onmogelijk, wel
    onvolledig volgens de wet)."""
    if plan.status == "afgesloten":
        return []
    opp = plan.ondersteuning.opp
    uit: list[Bevinding] = []

    def let_op(code: str, loc: tuple[str | int, ...], melding: str) -> None:
        uit.append(Bevinding(code, "waarschuwing", loc, melding))

    reden = reden_verplicht(plan, vandaag, g)
    if opp is None and reden is not None:
        let_op("opp-ontbreekt", ("ondersteuning",),
               f"een ontwikkelingsperspectief (OPP) is verplicht voor {reden} "
               f"({g.opp.verplicht.bron}); stel het vast met 'jeugdplan opp vaststellen "
               f"{plan.id}'")
    if opp is None or opp.vastgesteld is None:
        termijn = termijn_vaststellen(plan, g)
        if (opp is not None or reden is not None) and termijn is not None and termijn < vandaag:
            let_op("opp-termijn", (*_OPP, "inschrijving") if opp else ("ondersteuning",),
                   f"het OPP is niet vastgesteld binnen {g.opp.vaststellen.weken} weken na de "
                   f"inschrijving ({begin_termijn(plan)}; uiterlijk {termijn})")
        return uit
    ontbreekt = [wat for wat, leeg in (
        ("de individuele begeleiding", not opp.begeleiding),
        ("de inbreng van de leerling", not opp.inbreng_leerling),
        ("de onderbouwing van de uitstroom",
         not (opp.onderbouwing.belemmerend or opp.onderbouwing.bevorderend))) if leeg]
    if ontbreekt:
        from jeugdplan.domein.taal import opsomming

        let_op("opp-inhoud", _OPP, f"het OPP beschrijft {opsomming(ontbreekt)} nog niet "
               f"({g.opp.inhoud.bron})")
    if opp.begeleiding and opp.instemming_ouders is None:
        let_op("opp-instemming", (*_OPP, "begeleiding"),
               f"de ouders hebben nog niet ingestemd met {g.opp.instemming.onderdeel}; leg het "
               f"vast met 'jeugdplan opp instemming {plan.id}'")
    elif (opp.instemming_ouders is not None and opp.bijgesteld is not None
          and opp.instemming_ouders < opp.bijgesteld):
        let_op("opp-instemming", (*_OPP, "instemming_ouders"),
               f"{g.opp.instemming.onderdeel} is bijgesteld op {opp.bijgesteld}, na de instemming "
               f"van de ouders ({opp.instemming_ouders}): opnieuw instemming nodig")
    vorig_eerste, vorig_einde = schooljaar(schooljaar(vandaag, g)[0] - timedelta(days=1), g)
    if opp.vastgesteld <= vorig_eerste and not _met_ouders(opp, vorig_eerste, vorig_einde):
        let_op("opp-evaluatie", (*_OPP, "evaluaties"),
               f"het OPP is in het schooljaar {vorig_eerste.year}-{vorig_einde.year} niet met "
               f"{g.opp.evaluatie.met} geëvalueerd ({g.opp.evaluatie.bron})")
    return uit


def agendapunten(plan: Plan, vandaag: date, g: Gegevens) -> list[tuple[str, str, date]]:
    """(soort, wat, datum) voor de agenda: het OPP vaststellen, en de volgende evaluatie."""
    opp = plan.ondersteuning.opp
    if opp is None or opp.vastgesteld is None:
        termijn = termijn_vaststellen(plan, g)
        nodig = opp is not None or reden_verplicht(plan, vandaag, g) is not None
        return [("opp-vaststellen", f"OPP vaststellen (uiterlijk {g.opp.vaststellen.weken} "
                 "weken na de inschrijving)", termijn)] if termijn and nodig else []
    dag = volgende_evaluatie(opp, vandaag, g)
    return [("opp-evaluatie", f"evaluatie OPP met {g.opp.evaluatie.met}", dag)] if dag else []


# --- bewerkingen ---------------------------------------------------------------------------


def _opp(plan: Plan) -> Opp:
    opp = plan.ondersteuning.opp
    if opp is None:
        raise JeugdplanError(f"casus {plan.id} heeft geen ontwikkelingsperspectief (OPP); stel "
                             f"het vast met 'jeugdplan opp vaststellen {plan.id}'")
    return opp


def controleer_bestemming(plan: Plan, bestemming: str, g: Gegevens) -> str:
    codes = g.opp.bestemmingen(plan.kind.onderwijssoort)
    schoon = bestemming.strip().lower()
    if schoon not in codes:
        raise JeugdplanError(
            f"--uitstroom: onbekende bestemming {bestemming[:30]!r} voor onderwijssoort "
            f"{plan.kind.onderwijssoort}; kies uit: {', '.join(codes)}")
    return schoon


def vaststellen(plan: Plan, *, uitstroom: str, begeleiding: str, afwijkingen: str | None,
                inbreng: str | None, inschrijving: date | None, datum: date,
                evaluatiedatum: date | None, g: Gegevens, vandaag: date) -> str:
    """Stelt het OPP vast (of vult een eerder met de hand begonnen OPP aan)."""
    from jeugdplan.domein.model import Opp

    niet_afgesloten(plan)
    oud = plan.ondersteuning.opp
    if oud is not None and oud.vastgesteld is not None:
        raise JeugdplanError(f"het OPP van casus {plan.id} is al vastgesteld op {oud.vastgesteld}; "
                             f"stel het bij met 'jeugdplan opp wijzig {plan.id}'")
    controleer_datum(plan, "--datum", datum, vandaag, gebeurtenis=True)
    if inschrijving is not None:
        controleer_datum(plan, "--inschrijving", inschrijving, vandaag, gebeurtenis=True)
    if evaluatiedatum is not None and evaluatiedatum < datum:
        raise JeugdplanError(f"--evaluatie ({evaluatiedatum}) ligt vóór de vaststelling ({datum})")
    velden: dict[str, Any] = {
        "uitstroombestemming": controleer_bestemming(plan, uitstroom, g),
        "inschrijving": inschrijving or begin_termijn(plan),
        "vastgesteld": datum, "begeleiding": begeleiding, "afwijkingen": afwijkingen,
        "inbreng_leerling": inbreng, "evaluatiedatum": evaluatiedatum,
    }
    if oud is None:
        plan.ondersteuning.opp = Opp(**velden)
    else:
        for naam, waarde in velden.items():
            if waarde is not None:
                setattr(oud, naam, waarde)
    bericht = f"OPP vastgesteld (uitstroom {velden['uitstroombestemming']})"
    if plan.ondersteuning.niveau not in g.opp.verplicht.niveaus \
            and plan.kind.onderwijssoort not in g.opp.verplicht.onderwijssoorten:
        plan.ondersteuning.niveau = g.opp.verplicht.niveaus[0]
        bericht += f"; ondersteuning: {plan.ondersteuning.niveau}"
    return bericht


HANDELINGSDEEL = ("begeleiding", "afwijkingen")
"""Velden waarmee de ouders moeten instemmen: een bijstelling vraagt opnieuw instemming."""


def bijstellen(plan: Plan, velden: dict[str, Any], wis: list[str], datum: date, g: Gegevens,
               vandaag: date) -> str:
    """Stelt het OPP bij; verandert het handelingsdeel, dan is opnieuw instemming nodig."""
    niet_afgesloten(plan)
    opp = _opp(plan)
    if "uitstroombestemming" in velden:
        velden["uitstroombestemming"] = controleer_bestemming(plan, velden["uitstroombestemming"],
                                                              g)
    for naam in ("inschrijving", "vastgesteld", "instemming_ouders"):
        if velden.get(naam) is not None:
            controleer_datum(plan, naam, velden[naam], vandaag, gebeurtenis=True)
    gewijzigd = zet_velden(opp, velden, wis, "het OPP")
    bericht = f"OPP bijgesteld ({', '.join(gewijzigd)})"
    if set(gewijzigd) & set(HANDELINGSDEEL):
        controleer_datum(plan, "--datum", datum, vandaag, gebeurtenis=True)
        opp.bijgesteld = datum
        if opp.instemming_ouders is not None:
            # Een eerdere instemming gold het oude handelingsdeel (die staat in de geschiedenis).
            opp.instemming_ouders = None
            bericht += "; opnieuw instemming van de ouders nodig"
    return bericht


def instemming(plan: Plan, datum: date, vandaag: date) -> str:
    niet_afgesloten(plan)
    opp = _opp(plan)
    if not opp.begeleiding:
        raise JeugdplanError("het OPP beschrijft nog geen individuele begeleiding om mee in te "
                             f"stemmen; vul die aan met 'jeugdplan opp wijzig {plan.id} "
                             "--begeleiding ...'")
    controleer_datum(plan, "--datum", datum, vandaag, gebeurtenis=True)
    if opp.bijgesteld is not None and datum < opp.bijgesteld:
        raise JeugdplanError(f"de instemming ({datum}) ligt vóór de laatste bijstelling van het "
                             f"handelingsdeel ({opp.bijgesteld})")
    opp.instemming_ouders = datum
    return f"OPP: instemming ouders met het handelingsdeel op {datum}"


def evalueer(plan: Plan, *, datum: date, door: str, notitie: str, met_ouders: bool,
             met_leerling: bool, volgende: date | None, vandaag: date) -> str:
    from jeugdplan.domein.model import OppEvaluatie, voeg_toe

    niet_afgesloten(plan)
    opp = _opp(plan)
    controleer_datum(plan, "--datum", datum, vandaag, gebeurtenis=True)
    if opp.vastgesteld is not None and datum < opp.vastgesteld:
        raise JeugdplanError(f"de evaluatie ({datum}) ligt vóór de vaststelling van het OPP "
                             f"({opp.vastgesteld})")
    if volgende is not None and volgende <= datum:
        raise JeugdplanError(f"--volgende ({volgende}) moet na de evaluatie ({datum}) liggen")
    evaluatie = voeg_toe(opp.evaluaties, OppEvaluatie, datum=datum, door=door, notitie=notitie,
                         met_ouders=met_ouders, met_leerling=met_leerling)
    opp.evaluatiedatum = volgende
    wie = [w for w, ja in (("ouders", met_ouders), ("leerling", met_leerling)) if ja]
    return f"OPP geëvalueerd ({evaluatie.id}" + (f", met {' en '.join(wie)})" if wie else ")")


def voeg_factor_toe(plan: Plan, *, belemmerend: bool, tekst: str) -> str:
    from jeugdplan.domein.model import Belemmering, Bevordering, voeg_toe

    niet_afgesloten(plan)
    onderbouwing = _opp(plan).onderbouwing
    if belemmerend:
        ident = voeg_toe(onderbouwing.belemmerend, Belemmering, tekst=tekst).id
        return f"OPP: belemmerende factor {ident} toegevoegd"
    ident = voeg_toe(onderbouwing.bevorderend, Bevordering, tekst=tekst).id
    return f"OPP: bevorderende factor {ident} toegevoegd"


def verwijder(plan: Plan, *, reden: str, auteur: str, datum: date) -> str:
    niet_afgesloten(plan)
    _opp(plan)
    plan.ondersteuning.opp = None
    regel = journaal(plan, f"ontwikkelingsperspectief (OPP) verwijderd: {reden}", auteur, datum)
    return f"OPP verwijderd (reden in journaal {regel})"
