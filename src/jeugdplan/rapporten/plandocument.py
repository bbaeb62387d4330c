"""De gegevens van `jeugdplan report plan`: het integrale plan als document voor een gesprek
met ouders, in gewone taal.

Bewust niet in dit document: het meldcodespoor en het journaal (werkaantekeningen van
professionals; het meldcodespoor kan de veiligheid van het kind raken als het zonder afweging
wordt gedeeld) en de duiding (`interpretatie`) bij signalen: ouders lezen de feiten. Ouders
hebben wel inzagerecht in het hele dossier (AVG art. 15); dat loopt via de organisatie.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jeugdplan.domein.gegevens import Gegevens
from jeugdplan.domein.kalender import Kalender
from jeugdplan.domein.model import Plan
from jeugdplan.domein.toestemming import is_geldig, leeftijd, vereist
from jeugdplan.domein.verzuim import Stand, classificeer, gronden, school_op
from jeugdplan.rapporten.reports import datum_nl

NIVEAUS_GEWOON = {
    "basis": "de gewone ondersteuning die elke leerling op school kan krijgen",
    "extra": "extra ondersteuning op school, met een ontwikkelingsperspectief (OPP)",
    "arrangement": "een arrangement van het samenwerkingsverband",
}

VERWIJZING_GEWOON = {
    "voorgesteld": "voorgesteld", "aangevraagd": "aangevraagd", "geaccepteerd": "geaccepteerd",
    "afgewezen": "niet doorgegaan", "gestart": "begonnen", "afgerond": "afgerond",
}

STATUS_GEWOON = {
    "lopend": "we werken eraan", "behaald": "gelukt", "bijgesteld": "aangepast",
    "gestopt": "gestopt",
}


def context(plan: Plan, vandaag: date, g: Gegevens, kal: Kalender) -> dict[str, Any]:
    k = plan.kind
    rollen = g.codelijsten.codes("rollen")
    domeinen = g.codelijsten.codes("domeinen")
    nodig = vereist(plan, vandaag, g)
    toestemmingen = [
        {"partij": t.partij, "doel": t.doel, "datum": t.datum, "door": ", ".join(t.gegeven_door),
         "ingetrokken": t.ingetrokken, "geldig": is_geldig(plan, t, vandaag, g)}
        for t in plan.toestemmingen
    ]
    # Hulp is jeugdhulp én een verwijzing die begonnen is (zoals een CJG-coach).
    hulp: list[dict[str, Any]] = [
        {"wat": j.vorm, "door": j.aanbieder, "sinds": j.start, "tot": j.einde}
        for j in plan.jeugdhulp if j.start is None or j.start <= vandaag]
    for v in plan.verwijzingen:
        if v.status in ("gestart", "afgerond"):
            stappen = {s.status: s.datum for s in v.historie}
            hulp.append({"wat": rollen.get(v.rol, v.rol), "door": v.organisatie,
                         "sinds": stappen.get("gestart"), "tot": stappen.get("afgerond")})
    stand = classificeer(plan, vandaag, g, kal)
    school = {
        "naam": school_op(plan, vandaag),
        "verzuim": _verzuim_gewoon(plan, stand, g) if stand else None,
        "aanbod": [a for a in plan.verzuim.aanbod
                   if a.van is not None and a.van <= vandaag and (a.tot is None or a.tot > vandaag)],
        "heeft_gegevens": bool(plan.verzuim.afwezigheden or plan.verzuim.inschrijvingen
                               or plan.verzuim.vrijstellingen or plan.verzuim.aanbod),
    }
    return {
        "plan": plan, "kind": k, "vandaag": vandaag,
        "leeftijd": leeftijd(k.geboortedatum, vandaag),
        "rollen": rollen, "domeinen": domeinen,
        "niveau": NIVEAUS_GEWOON.get(plan.ondersteuning.niveau, plan.ondersteuning.niveau),
        "doelstatus": STATUS_GEWOON,
        "toestemming_nodig": nodig.omschrijving,
        "toestemmingen": toestemmingen,
        "open_acties": [a for a in plan.acties if a.gedaan is None],
        "gedane_acties": [a for a in plan.acties if a.gedaan is not None],
        "school": school,
        "opp": _opp_gewoon(plan, vandaag, g),
        "verwijzingen": [
            {"organisatie": v.organisatie, "rol": rollen.get(v.rol, v.rol), "datum": v.datum,
             "status": VERWIJZING_GEWOON.get(v.status, v.status)}
            for v in plan.verwijzingen if v.status not in ("gestart", "afgerond")
        ],
        "hulp": hulp,
        "hulp_nu": any(h["tot"] is None or h["tot"] > vandaag for h in hulp),
    }


def _opp_gewoon(plan: Plan, vandaag: date, g: Gegevens) -> dict[str, Any] | None:
    """Het OPP in woorden voor ouders: uitstroom als omschrijving, wie bij de evaluaties was,
    en wanneer de volgende evaluatie is (zie `domein/opp.py`)."""
    from jeugdplan.domein.opp import volgende_evaluatie

    opp = plan.ondersteuning.opp
    if opp is None:
        return None
    bestemmingen = g.opp.bestemmingen(plan.kind.onderwijssoort)
    evaluaties = []
    for e in opp.evaluaties:
        met = [w for w, ja in (("ouders", e.met_ouders), ("leerling", e.met_leerling)) if ja]
        evaluaties.append({"datum": e.datum, "met": " en ".join(met), "notitie": e.notitie})
    return {
        "uitstroom": bestemmingen.get(opp.uitstroombestemming, opp.uitstroombestemming),
        "vastgesteld": opp.vastgesteld, "begeleiding": opp.begeleiding,
        "afwijkingen": opp.afwijkingen, "inbreng": opp.inbreng_leerling,
        "bevorderend": [f.tekst for f in opp.onderbouwing.bevorderend],
        "belemmerend": [f.tekst for f in opp.onderbouwing.belemmerend],
        "instemming": opp.instemming_ouders, "evaluaties": evaluaties,
        "volgende": volgende_evaluatie(opp, vandaag, g) or opp.evaluatiedatum,
    }


def _verzuim_gewoon(plan: Plan, stand: Stand, g: Gegevens) -> str:
    """De verzuimstand in woorden voor ouders (geen rapportagecategorieën)."""
    naam, sinds = plan.kind.voornaam, datum_nl(stand.sinds)
    if stand.categorie == "absoluut_verzuim":
        return f"{naam} staat sinds {sinds} op geen school ingeschreven."
    if stand.categorie == "vrijstelling":
        grond = gronden(g).get(stand.artikel or "")
        reden = grond.omschrijving if grond else ""
        return (f"{naam} heeft sinds {sinds} vrijstelling van de leerplicht"
                + (f" ({reden})." if reden else "."))
    return f"{naam} is sinds {sinds} niet op school geweest zonder geldige reden ({stand.dagen} dagen)."
