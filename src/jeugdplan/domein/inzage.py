"""Inzage in het plan als procedure: wie mag inzien, wat blijft achter en op welke grond, en
het logboek daarvan in het plan (`inzages`).

- Wie (`data/inzage.yaml`, Jeugdwet 7.3.10, 7.3.11 en 7.3.15): onder 12 de ouders met gezag;
  van 12 tot 16 het kind en de ouders met gezag; vanaf 16 de jongere, een ouder alleen met
  toestemming van de jongere. Een ouder van wie vastligt dat die geen gezag heeft, weigeren we.
- Wat blijft achter (standaard): een lopend meldcodespoor, de reden waarom stap 3 om de
  veiligheid is overgeslagen, de kindcheck en de bron van informatie van derden, en de
  contactgegevens van andere gezinsleden. Elke beperking noemt wat en op welke grond; het
  geheel wordt nooit geweigerd. `volledig` (met een reden) geeft alles, op eigen oordeel.
- Elke export komt in het logboek `inzages` van het plan; dat logboek is metadata en laat de
  bewaartermijn niet opnieuw beginnen (`bewaartermijn.laatste_wijziging`).

Zuivere functies: de dienst (`diensten.privacy.exporteer`) leest het plan en de geschiedenis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from jeugdplan.domein.dubbel import normaliseer
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.gegevens import Gegevens, InzageLeeftijd
from jeugdplan.domein.meldcode import signalen_van_lopend
from jeugdplan.domein.model import Inzage, InzageBeperking, Plan, voeg_toe
from jeugdplan.domein.taal import aantal
from jeugdplan.domein.toestemming import leeftijd

Aanvrager = Literal["ouder", "jeugdige"]
WEGGELATEN = "[weggelaten, zie 'inzage']"


@dataclass(frozen=True)
class Verzoek:
    aanvrager: Aanvrager
    naam: str | None = None
    toestemming_jongere: bool = False
    """De jongere (16+) stemde in met inzage door de ouder."""
    volledig: bool = False
    reden: str | None = None


@dataclass
class Beoordeling:
    hoedanigheid: str
    weggelaten: list[dict[str, str]] = field(default_factory=list)
    """[{"wat", "grond", "bron"}]: wat achterblijft en waarom."""
    lopend: list[str] = field(default_factory=list)
    """Ids van de lopende meldcodesporen die achterblijven."""
    signalen: list[str] = field(default_factory=list)
    """Ids van de signalen over veiligheid die bij een lopend spoor horen (blijven ook achter)."""
    waarschuwingen: list[str] = field(default_factory=list)


def _band(plan: Plan, vandaag: date, g: Gegevens) -> tuple[int, InzageLeeftijd]:
    jaren = leeftijd(plan.kind.geboortedatum, vandaag)
    for band in g.inzage.leeftijden:
        if band.van <= jaren < band.tot:
            return jaren, band
    raise JeugdplanError(f"geen inzageregel voor leeftijd {jaren} (data/inzage.yaml)")


def beoordeel(plan: Plan, verzoek: Verzoek, vandaag: date, g: Gegevens) -> Beoordeling:
    """Mag deze aanvrager inzien, in welke hoedanigheid, en wat blijft er achter? Een verzoek
    dat niet mag is een `JeugdplanError` met de grond."""
    if verzoek.volledig and not (verzoek.reden or "").strip():
        raise JeugdplanError("een volledige inzage vraagt een reden (--reden): het eigen "
                             "oordeel van de professional wordt vastgelegd")
    jaren, band = _band(plan, vandaag, g)
    naam = plan.kind.voornaam
    uitleg = " ".join(band.uitleg.split()).rstrip(".")
    if verzoek.aanvrager == "jeugdige":
        if not band.jeugdige:
            raise JeugdplanError(
                f"{naam} is {jaren}: {uitleg} ({band.bron}). Vraag de ouders met gezag het "
                "verzoek te doen (--aanvrager ouder)")
        uit = Beoordeling(f"jeugdige ({jaren} jaar)")
    else:
        persoon = None
        if verzoek.naam:
            gezocht = normaliseer(verzoek.naam)
            persoon = next((o for o in plan.gezin if normaliseer(o.naam) == gezocht), None)
        if persoon is not None and persoon.gezag is False:
            raise JeugdplanError(
                f"{persoon.naam} heeft volgens het plan geen gezag: alleen een ouder met gezag "
                f"vertegenwoordigt het kind bij inzage ({band.bron}). Controleer het gezag "
                "(uittreksel BRP of gezagsregister) en pas het plan aan als het anders is")
        if band.ouder == "toestemming" and not verzoek.toestemming_jongere:
            raise JeugdplanError(
                f"{naam} is {jaren}: {uitleg} ({band.bron}). Vraag {naam} om toestemming en "
                "geef dan --toestemming-jongere")
        if band.ouder == "toestemming":
            uit = Beoordeling(f"ouder, met toestemming van de jongere ({jaren} jaar)")
        else:
            uit = Beoordeling("ouder met gezag" if persoon is not None and persoon.gezag is True
                              else "ouder")
            if jaren >= 12:
                uit.waarschuwingen.append(
                    f"{naam} is {jaren}: {uitleg}. Overweeg wat {naam} zelf wil, en of iets niet "
                    "gedeeld kan worden zonder goed hulpverlenerschap te schaden "
                    f"({band.bron})")
            if persoon is None:
                uit.waarschuwingen.append(
                    "de aanvrager is niet (met --naam) als gezinslid met gezag herkend: "
                    "controleer dat de aanvrager het gezag heeft")
            elif persoon.gezag == "onbekend":
                uit.waarschuwingen.append(
                    f"het gezag van {persoon.naam} is onbekend: controleer het (uittreksel BRP "
                    "of gezagsregister) voordat u de export geeft")
    if verzoek.volledig:
        return uit
    b = g.inzage.beperkingen

    def laat_weg(sleutel: str, extra: str = "") -> None:
        beperking = b[sleutel]
        wat = beperking.wat + extra
        if not any(w["wat"] == wat for w in uit.weggelaten):
            uit.weggelaten.append({"wat": wat, "grond": " ".join(beperking.grond.split()),
                                   "bron": beperking.bron})

    for nummer, spoor in enumerate(plan.meldcode, 1):
        if spoor.afgerond is None and spoor.geannuleerd is None:
            uit.lopend.append(spoor.id)
            # De signalen over veiligheid die (nog) niet bij een afgerond spoor horen: die
            # noemen het vermoeden waar het lopende spoor over gaat.
            uit.signalen = [s.id for s in signalen_van_lopend(plan, spoor)]
            laat_weg("lopend-meldcodespoor", f" (spoor {nummer}, gestart {spoor.gestart}, "
                     "met de signalen erover)")
            continue
        if any(o.grond == "veiligheid" for o in spoor.overgeslagen):
            laat_weg("overslaan-veiligheid")
        if any(s.kindcheck for s in spoor.stappen):
            laat_weg("kindcheck")
        if any(s.met for s in spoor.stappen if s.stap == 1):
            laat_weg("bron-derden")
    if any(o.contact for o in plan.gezin if not _is(o.naam, verzoek.naam)):
        laat_weg("contact-gezin")
    return uit


def _is(naam: str, gezocht: str | None) -> bool:
    return gezocht is not None and normaliseer(naam) == normaliseer(gezocht)


def beperk(data: dict[str, Any], verzoek: Verzoek, b: Beoordeling) -> dict[str, Any]:
    """Het plan (als `als_json_data`) zonder wat volgens de beoordeling achterblijft."""
    if verzoek.volledig:
        return data
    uit = dict(data)
    sporen = []
    for spoor in data.get("meldcode", []):
        if spoor.get("id") in b.lopend:
            continue
        spoor = dict(spoor)
        spoor["overgeslagen"] = [{**o, "reden": WEGGELATEN} if o.get("grond") == "veiligheid"
                                 else o for o in spoor.get("overgeslagen", [])]
        stappen = []
        for s in spoor.get("stappen", []):
            s = dict(s)
            if "kindcheck" in s:
                s["kindcheck"] = WEGGELATEN
            if s.get("stap") == 1 and "met" in s:
                s["met"] = WEGGELATEN
            stappen.append(s)
        spoor["stappen"] = stappen
        sporen.append(spoor)
    if "meldcode" in data:
        uit["meldcode"] = sporen
    if b.signalen:
        uit["signalen"] = [x for x in data.get("signalen", []) if x.get("id") not in b.signalen]
    uit["gezin"] = [o if _is(o["naam"], verzoek.naam) or "contact" not in o
                    else {**o, "contact": WEGGELATEN} for o in data.get("gezin", [])]
    return uit


def leg_vast(plan: Plan, verzoek: Verzoek, *, hoedanigheid: str, gegeven: list[str],
             weggelaten: list[dict[str, str]], datum: date, door: str) -> str:
    """Zet de export in het logboek `inzages` van het plan (ook als het plan is afgesloten:
    inzage hoort bij het hele bewaren)."""
    beperkingen: list[InzageBeperking] = []
    for w in weggelaten:
        voeg_toe(beperkingen, InzageBeperking, wat=w["wat"], grond=w["grond"])
    voeg_toe(plan.inzages, Inzage,
             datum=datum, aanvrager=verzoek.aanvrager, naam=verzoek.naam,
             hoedanigheid=hoedanigheid, door=door, gegeven=gegeven, weggelaten=beperkingen,
             volledig=verzoek.volledig, reden=verzoek.reden if verzoek.volledig else None)
    wat = "volledig" if verzoek.volledig else (
        aantal(len(weggelaten), "beperking") if weggelaten else "niets weggelaten")
    return f"inzage-export vastgelegd ({verzoek.aanvrager}; {wat})"
