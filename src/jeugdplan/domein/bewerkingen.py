"""Wijzigingen aan één plan: zuivere functies op een `Plan` die het commitbericht teruggeven.

Elke functie past het plan aan of gooit een `JeugdplanError` (dan wordt niets geschreven).
`Repo.bewerk` zorgt voor valideren, schrijven en vastleggen. Commitberichten noemen de
casus en wat er veranderde, nooit de naam van het kind.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import (
    Actie,
    Betrokkene,
    Doel,
    Evaluatie,
    JournaalRegel,
    Kind,
    Opvoeder,
    OudersGeinformeerd,
    Plan,
    Signaal,
    Toestemming,
    voeg_toe,
)


def nieuw_plan(ident: str, kind: Kind, vandaag: date) -> Plan:
    return Plan(id=ident, status="aangemeld", aangemeld=vandaag, kind=kind)


def _niet_afgesloten(plan: Plan) -> None:
    if plan.status == "afgesloten":
        raise JeugdplanError(
            f"casus {plan.id} is afgesloten op {plan.afgesloten}; een afgesloten plan wijzigt "
            "niet meer (heropen het met 'jeugdplan edit' als dat echt nodig is)"
        )


def _niet_voor_geboorte(plan: Plan, datum: date, wat: str) -> None:
    if datum < plan.kind.geboortedatum:
        raise JeugdplanError(f"{wat} ({datum}) ligt vóór de geboortedatum van het kind")


def _niet_in_toekomst(datum: date, vandaag: date, wat: str) -> None:
    if datum > vandaag:
        raise JeugdplanError(f"{wat} ({datum}) ligt in de toekomst")


def _activeer(plan: Plan, datum: date) -> None:
    if plan.status == "aangemeld":
        plan.status = "actief"
        plan.actief_sinds = datum


def voeg_signaal_toe(
    plan: Plan, *, datum: date, bron: str, domein: str, zwaarte: str, omschrijving: str,
    interpretatie: str | None, vandaag: date,
) -> str:
    _niet_afgesloten(plan)
    _niet_voor_geboorte(plan, datum, "de datum van het signaal")
    _niet_in_toekomst(datum, vandaag, "de datum van het signaal")
    signaal = voeg_toe(plan.signalen, Signaal, datum=datum, bron=bron, domein=domein,
                       zwaarte=zwaarte, omschrijving=omschrijving, interpretatie=interpretatie)
    lopend = plan.meldcode[-1] if plan.meldcode else None
    if (domein == "veiligheid" and lopend is not None and lopend.afgerond is None
            and lopend.geannuleerd is None):
        lopend.signalen.append(signaal.id)  # hoort bij het lopende meldcodespoor
    _activeer(plan, datum)
    return f"signaal {signaal.id} toegevoegd ({domein}, {zwaarte})"


def informeer_ouders(
    plan: Plan, *, datum: date, door: str, notitie: str | None, vandaag: date
) -> str:
    _niet_afgesloten(plan)
    _niet_in_toekomst(datum, vandaag, "de datum")
    _niet_voor_geboorte(plan, datum, "de datum")
    voeg_toe(plan.ouders_geinformeerd, OudersGeinformeerd, datum=datum, door=door, notitie=notitie)
    return f"ouders geïnformeerd op {datum}"


def geef_toestemming(
    plan: Plan, *, partij: str, door: list[str], doel: str | None, datum: date, vandaag: date
) -> str:
    _niet_afgesloten(plan)
    _niet_in_toekomst(datum, vandaag, "de datum van de toestemming")
    _niet_voor_geboorte(plan, datum, "de datum van de toestemming")
    voeg_toe(plan.toestemmingen, Toestemming, partij=partij, doel=doel, datum=datum,
             gegeven_door=door)
    return f"toestemming vastgelegd voor {partij}"


def trek_toestemming_in(plan: Plan, *, partij: str, datum: date) -> str:
    geldig = [t for t in plan.toestemmingen
              if t.partij.lower() == partij.lower() and t.ingetrokken is None]
    if not geldig:
        bekend = sorted({t.partij for t in plan.toestemmingen if t.ingetrokken is None})
        raise JeugdplanError(
            f"geen geldige toestemming voor {partij!r} in casus {plan.id}"
            + (f"; wel voor: {', '.join(bekend)}" if bekend else "")
        )
    for toestemming in geldig:
        if datum < toestemming.datum:
            raise JeugdplanError(
                f"intrekken op {datum} ligt vóór het geven van de toestemming ({toestemming.datum})"
            )
        toestemming.ingetrokken = datum
    return f"toestemming ingetrokken voor {partij}"


def voeg_doel_toe(
    plan: Plan, *, omschrijving: str, eigenaar: str | None, evaluatiedatum: date | None
) -> str:
    _niet_afgesloten(plan)
    doel = voeg_toe(plan.doelen, Doel, omschrijving=omschrijving, eigenaar=eigenaar,
                    evaluatiedatum=evaluatiedatum)
    return f"doel {doel.id} toegevoegd"


def zet_doelstatus(plan: Plan, *, doel_id: str, status: str) -> str:
    doel = _zoek(plan.doelen, doel_id, "doel")
    oud = doel.status
    doel.status = status
    return f"doel {doel.id}: status {oud} → {status}"


def voeg_actie_toe(
    plan: Plan, *, omschrijving: str, eigenaar: str | None, deadline: date | None
) -> str:
    _niet_afgesloten(plan)
    actie = voeg_toe(plan.acties, Actie, omschrijving=omschrijving, eigenaar=eigenaar,
                     deadline=deadline)
    return f"actie {actie.id} toegevoegd"


def actie_gedaan(plan: Plan, *, actie_id: str, datum: date) -> str:
    actie = _zoek(plan.acties, actie_id, "actie")
    if actie.gedaan is not None:
        raise JeugdplanError(f"actie {actie.id} is al gedaan op {actie.gedaan}")
    actie.gedaan = datum
    return f"actie {actie.id} gedaan"


def voeg_betrokkene_toe(
    plan: Plan, *, rol: str, naam: str, organisatie: str | None, contact: str | None,
    datum: date, regie: bool,
) -> str:
    _niet_afgesloten(plan)
    voeg_toe(plan.betrokkenen, Betrokkene, rol=rol, naam=naam, organisatie=organisatie,
             contact=contact, sinds=datum)
    if regie:
        from jeugdplan.domein.model import Regie

        plan.regie = Regie(naam=naam, organisatie=organisatie, rol=rol, sinds=datum)
        return f"betrokkene toegevoegd ({rol}), met regie"
    return f"betrokkene toegevoegd ({rol})"


def voeg_opvoeder_toe(plan: Plan, *, naam: str, relatie: str, gezag: bool | str,
                      contact: str | None) -> str:
    _niet_afgesloten(plan)
    if any(o.naam.lower() == naam.lower() for o in plan.gezin):
        raise JeugdplanError(f"{naam!r} staat al bij het gezin van casus {plan.id}")
    voeg_toe(plan.gezin, Opvoeder, naam=naam, relatie=relatie, gezag=gezag, contact=contact)
    wat = {True: ", met gezag", "onbekend": ", gezag onbekend"}.get(gezag, "")
    return f"gezinslid toegevoegd ({relatie}{wat})"


def voeg_evaluatie_toe(plan: Plan, *, datum: date, door: str, notitie: str,
                       doelen: list[str], vandaag: date) -> str:
    _niet_in_toekomst(datum, vandaag, "de datum van de evaluatie")
    if datum < plan.aangemeld:
        raise JeugdplanError(f"evaluatie op {datum} ligt vóór de aanmelding ({plan.aangemeld})")
    ids = [_zoek(plan.doelen, d, "doel").id for d in doelen]
    voeg_toe(plan.evaluaties, Evaluatie, datum=datum, door=door, notitie=notitie, doelen=ids)
    return "evaluatie vastgelegd" + (f" ({', '.join(ids)})" if ids else "")


def zet_zienswijze(plan: Plan, *, ouders: str | None, kind: str | None) -> str:
    if ouders is None and kind is None:
        raise JeugdplanError("geef --ouders en/of --kind: de zienswijze in hun eigen woorden")
    wie = []
    if ouders is not None:
        plan.zienswijze.ouders = ouders
        wie.append("ouders")
    if kind is not None:
        plan.zienswijze.kind = kind
        wie.append("kind")
    return f"zienswijze van {' en '.join(wie)} vastgelegd"


def schrijf_journaal(plan: Plan, *, tekst: str, auteur: str, datum: date) -> str:
    voeg_toe(plan.journaal, JournaalRegel, datum=datum, auteur=auteur, tekst=tekst)
    return "journaal bijgewerkt"


def sluit(plan: Plan, *, reden: str, datum: date) -> str:
    _niet_afgesloten(plan)
    if datum < plan.aangemeld:
        raise JeugdplanError(f"afsluitdatum {datum} ligt vóór de aanmelding ({plan.aangemeld})")
    plan.status = "afgesloten"
    plan.afgesloten = datum
    plan.reden_afsluiting = reden
    return "casus afgesloten"


T = TypeVar("T", Doel, Actie)


def _zoek(items: list[T], ident: str, soort: str) -> T:
    for item in items:
        if item.id.lower() == ident.strip().lower():
            return item
    bekend = ", ".join(i.id for i in items) or "geen"
    raise JeugdplanError(f"{soort} {ident!r} bestaat niet in dit plan (wel: {bekend})")
