"""Wijzigingen aan één plan: zuivere functies op een `Plan` die het commitbericht teruggeven.

Elke functie past het plan aan of gooit een `JeugdplanError` (dan wordt niets geschreven).
`Repo.bewerk` zorgt voor valideren, schrijven en vastleggen. Commitberichten noemen de
casus en wat er veranderde, nooit de naam van het kind.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

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
    from jeugdplan.domein.onderdelen import niet_afgesloten

    niet_afgesloten(plan)


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


def trek_toestemming_in(plan: Plan, *, partij: str | None, datum: date,
                        ident: str | None = None) -> str:
    """Trekt één toestemming in (op id) of alle nog geldige voor een partij."""
    if ident is not None:
        from jeugdplan.domein.onderdelen import zoek

        geldig = [zoek(plan, "toestemmingen", ident)]
        if geldig[0].ingetrokken is not None:
            raise JeugdplanError(f"toestemming {geldig[0].id} is al ingetrokken op "
                                 f"{geldig[0].ingetrokken}")
        partij = geldig[0].partij
    else:
        assert partij is not None
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


def actie_gedaan(plan: Plan, *, actie_id: str, datum: date, vandaag: date | None = None) -> str:
    actie = _zoek(plan.acties, actie_id, "actie")
    if vandaag is not None:
        _niet_in_toekomst(datum, vandaag, "de datum")
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


def geef_regie(plan: Plan, *, ident: str, datum: date) -> str:
    """De regie naar een betrokkene (de vorige regiehouder blijft betrokkene)."""
    from jeugdplan.domein.model import Regie
    from jeugdplan.domein.onderdelen import heeft_regie, zoek

    _niet_afgesloten(plan)
    b = zoek(plan, "betrokkenen", ident)
    if heeft_regie(plan, b):
        raise JeugdplanError(f"betrokkene {b.id} heeft de regie al")
    plan.regie = Regie(naam=b.naam, organisatie=b.organisatie, rol=b.rol, sinds=datum)
    return f"regie naar betrokkene {b.id} ({b.rol})"


def zet_ondersteuning(plan: Plan, velden: dict[str, Any], wis: list[str]) -> str:
    """Niveau en omschrijving van de ondersteuning op school (het OPP heeft eigen opdrachten)."""
    from jeugdplan.domein.onderdelen import zet_velden

    _niet_afgesloten(plan)
    if "opp" in wis:
        raise JeugdplanError("het OPP verwijdert u met 'jeugdplan opp verwijder ID --reden ...'")
    gewijzigd = zet_velden(plan.ondersteuning, velden, wis, "de ondersteuning")
    return f"ondersteuning gewijzigd ({', '.join(gewijzigd)})"


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


def zet_zienswijze(plan: Plan, *, ouders: str | None, kind: str | None,
                   wis: list[str] | None = None) -> str:
    wis = wis or []
    if ouders is None and kind is None and not wis:
        raise JeugdplanError("geef --ouders en/of --kind: de zienswijze in hun eigen woorden")
    onbekend = set(wis) - {"ouders", "kind"}
    if onbekend:
        raise JeugdplanError(f"--wis: onbekend {sorted(onbekend)[0]!r}; kies ouders of kind")
    wie, weg = [], []
    for naam, waarde in (("ouders", ouders), ("kind", kind)):
        if waarde is not None:
            setattr(plan.zienswijze, naam, waarde)
            wie.append(naam)
        elif naam in wis:
            setattr(plan.zienswijze, naam, None)
            weg.append(naam)
    delen = [f"zienswijze van {' en '.join(wie)} vastgelegd"] if wie else []
    delen += [f"zienswijze van {' en '.join(weg)} leeggemaakt"] if weg else []
    return "; ".join(delen)


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


def heropen(plan: Plan, *, reden: str, auteur: str, datum: date) -> str:
    """Een afgesloten casus weer actief maken; de reden komt in het journaal."""
    from jeugdplan.domein.onderdelen import journaal

    if plan.status != "afgesloten":
        raise JeugdplanError(f"casus {plan.id} is niet afgesloten (status {plan.status})")
    if plan.afgesloten is not None and datum < plan.afgesloten:
        raise JeugdplanError(f"heropenen op {datum} ligt vóór de afsluiting ({plan.afgesloten})")
    plan.status, plan.afgesloten, plan.reden_afsluiting = "actief", None, None
    regel = journaal(plan, f"casus heropend: {reden}", auteur, datum)
    return f"casus heropend (reden in journaal {regel})"


T = TypeVar("T", Doel, Actie)


def _zoek(items: list[T], ident: str, soort: str) -> T:
    for item in items:
        if item.id.lower() == ident.strip().lower():
            return item
    bekend = ", ".join(i.id for i in items) or "geen"
    raise JeugdplanError(f"{soort} {ident!r} bestaat niet in dit plan (wel: {bekend})")
