"""Een onderdeel van een plan corrigeren of verwijderen, per id (zuivere functies).

Elk onderdeel van een lijst heeft een vast id (`o1`, `s2`, `t-3fa2c1`, ...). `wijzig` zet
velden van één onderdeel, `verwijder` haalt het weg en schrijft de reden in het journaal van
de casus: zo staat de reden bij het plan (ook versleuteld) en niet in het commitbericht, dat
geen namen of vrije tekst mag bevatten. Wat er stond blijft in de git-geschiedenis
(`jeugdplan log`, `jeugdplan show --op`).

Het meldcodespoor staat hier bewust niet bij: dat is een verantwoording stap voor stap en
wordt niet achteraf gewijzigd of verwijderd.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import JeugdplanError

if TYPE_CHECKING:
    from jeugdplan.domein.model import MetId, Plan


@dataclass(frozen=True)
class Lijst:
    """Een lijst met onderdelen in het plan."""

    pad: tuple[str, ...]
    naam: str
    """Hoe één onderdeel heet in meldingen en commitberichten: `gezinslid`."""
    gebeurtenis: tuple[str, ...] = ()
    """Datumvelden van een gebeurtenis: niet in de toekomst, niet vóór de geboorte."""
    periode: tuple[str, ...] = ()
    """Overige datumvelden: niet vóór de geboorte."""


LIJSTEN: dict[str, Lijst] = {
    "gezin": Lijst(("gezin",), "gezinslid"),
    "signalen": Lijst(("signalen",), "signaal", ("datum",)),
    "ouders_geinformeerd": Lijst(("ouders_geinformeerd",), "gesprek met ouders", ("datum",)),
    "toestemmingen": Lijst(("toestemmingen",), "toestemming", ("datum", "ingetrokken")),
    "betrokkenen": Lijst(("betrokkenen",), "betrokkene", (), ("sinds",)),
    "krachten": Lijst(("krachten",), "kracht"),
    "zorgen": Lijst(("zorgen",), "zorg"),
    "netwerk": Lijst(("netwerk",), "netwerklid"),
    "doelen": Lijst(("doelen",), "doel", (), ("evaluatiedatum",)),
    "acties": Lijst(("acties",), "actie", ("gedaan",), ("deadline",)),
    "jeugdhulp": Lijst(("jeugdhulp",), "jeugdhulp", (), ("start", "einde")),
    "evaluaties": Lijst(("evaluaties",), "evaluatie", ("datum",)),
    "journaal": Lijst(("journaal",), "journaalregel", ("datum",)),
    "opp.belemmerend": Lijst(("ondersteuning", "opp", "onderbouwing", "belemmerend"),
                             "belemmerende factor"),
    "opp.bevorderend": Lijst(("ondersteuning", "opp", "onderbouwing", "bevorderend"),
                             "bevorderende factor"),
    "opp.evaluaties": Lijst(("ondersteuning", "opp", "evaluaties"), "OPP-evaluatie", ("datum",)),
    "verzuim.inschrijvingen": Lijst(("verzuim", "inschrijvingen"), "inschrijving", (),
                                    ("van", "tot")),
    "verzuim.afwezigheden": Lijst(("verzuim", "afwezigheden"), "afwezigheid", (), ("van", "tot")),
    "verzuim.deels_afwezig": Lijst(("verzuim", "deels_afwezig"), "afwezigheid in uren",
                                   ("datum",)),
    "verzuim.vrijstellingen": Lijst(("verzuim", "vrijstellingen"), "vrijstelling", (),
                                    ("van", "tot")),
    "verzuim.vervangende_leerplicht": Lijst(("verzuim", "vervangende_leerplicht"),
                                            "vervangende leerplicht", (), ("van", "tot")),
    "verzuim.aanbod": Lijst(("verzuim", "aanbod"), "aanbod", (), ("van", "tot")),
}


def lijst_van(plan: Plan, sleutel: str) -> list[Any]:
    """De lijst `sleutel` (uit `LIJSTEN`) van dit plan."""
    obj: Any = plan
    for stap in LIJSTEN[sleutel].pad:
        obj = getattr(obj, stap)
        if obj is None:
            raise JeugdplanError(f"casus {plan.id} heeft geen {_wat_ontbreekt(stap)}")
    return obj


def _wat_ontbreekt(stap: str) -> str:
    return "ontwikkelingsperspectief (OPP); stel het vast met 'jeugdplan opp vaststellen'" \
        if stap == "opp" else stap


def zoek(plan: Plan, sleutel: str, ident: str) -> Any:
    """Het onderdeel met id `ident` uit lijst `sleutel`; de fout noemt de ids die er wel zijn."""
    lijst, naam = lijst_van(plan, sleutel), LIJSTEN[sleutel].naam
    gezocht = ident.strip().lower()
    for item in lijst:
        if item.id.lower() == gezocht:
            return item
    anders = next((k for k in LIJSTEN if k != sleutel and _heeft(plan, k, gezocht)), None)
    elders = f"; {ident} is een {LIJSTEN[anders].naam}" if anders else ""
    bekend = ", ".join(i.id for i in lijst) or "geen"
    raise JeugdplanError(f"{naam} {ident!r} bestaat niet in casus {plan.id} (wel: {bekend})"
                         + elders)


def _heeft(plan: Plan, sleutel: str, gezocht: str) -> bool:
    try:
        return any(i.id.lower() == gezocht for i in lijst_van(plan, sleutel))
    except JeugdplanError:
        return False


def niet_afgesloten(plan: Plan) -> None:
    if plan.status == "afgesloten":
        raise JeugdplanError(
            f"casus {plan.id} is afgesloten op {plan.afgesloten}; een afgesloten plan wijzigt "
            f"niet meer. Heropen het eerst met 'jeugdplan heropen {plan.id} --reden ...'")


def controleer_datum(plan: Plan, veld: str, waarde: date, vandaag: date,
                     gebeurtenis: bool) -> None:
    """Een datum mag niet vóór de geboorte liggen; een gebeurtenis niet in de toekomst."""
    if waarde < plan.kind.geboortedatum:
        raise JeugdplanError(f"{veld} ({waarde}) ligt vóór de geboortedatum van het kind")
    if gebeurtenis and waarde > vandaag:
        raise JeugdplanError(f"{veld} ({waarde}) ligt in de toekomst")


def zet_velden(obj: Any, velden: dict[str, Any], wis: list[str], wat: str) -> list[str]:
    """Zet `velden` en maakt `wis` leeg op een model; geeft de namen van wat veranderde.

    Alleen bestaande velden (geen `id`); leegmaken kan alleen bij een veld dat leeg mag zijn.
    Een waarde die het model weigert geeft een pydantic-fout (de CLI meldt die per optie)."""
    bekende = {n: v for n, v in type(obj).model_fields.items() if n != "id"}
    for naam in [*velden, *wis]:
        if naam not in bekende:
            raise JeugdplanError(f"{wat} heeft geen veld {naam!r}; wel: {', '.join(bekende)}")
    for naam in wis:
        veld = bekende[naam]
        if veld.is_required():
            raise JeugdplanError(f"{naam} van {wat} mag niet leeg zijn")
        standaard = veld.get_default(call_default_factory=True)
        if standaard is not None and standaard != []:
            raise JeugdplanError(f"{naam} van {wat} kan niet leeg gemaakt worden")
    if not velden and not wis:
        raise JeugdplanError(f"geef minstens één veld om te wijzigen van {wat}")
    gewijzigd = []
    for naam, waarde in velden.items():
        if getattr(obj, naam) != waarde:
            setattr(obj, naam, waarde)
            gewijzigd.append(naam)
    for naam in wis:
        leeg = bekende[naam].get_default(call_default_factory=True)
        if getattr(obj, naam) != leeg:
            setattr(obj, naam, leeg)
            gewijzigd.append(naam)
    if not gewijzigd:
        raise JeugdplanError(f"{wat} is al zo; er is niets gewijzigd")
    return gewijzigd


def wijzig(plan: Plan, sleutel: str, ident: str, velden: dict[str, Any], wis: list[str],
           vandaag: date) -> str:
    """Zet velden van één onderdeel; het commitbericht noemt alleen welke velden."""
    niet_afgesloten(plan)
    lijst = LIJSTEN[sleutel]
    item = zoek(plan, sleutel, ident)
    for veld, waarde in velden.items():
        if isinstance(waarde, date):
            controleer_datum(plan, veld, waarde, vandaag, veld in lijst.gebeurtenis)
    regie = sleutel == "betrokkenen" and heeft_regie(plan, item)
    gewijzigd = zet_velden(item, velden, wis, f"{lijst.naam} {item.id}")
    if regie and plan.regie is not None:  # de regie volgt de betrokkene die haar heeft
        for veld in ("naam", "organisatie", "rol"):
            if veld in gewijzigd:
                setattr(plan.regie, veld, getattr(item, veld))
    return f"{lijst.naam} {item.id} gewijzigd ({', '.join(gewijzigd)})"


def heeft_regie(plan: Plan, betrokkene: Any) -> bool:
    return plan.regie is not None and plan.regie.naam.lower() == betrokkene.naam.lower()


def verwijder(plan: Plan, sleutel: str, ident: str, reden: str, auteur: str,
              datum: date) -> str:
    """Haalt één onderdeel weg; de reden komt in het journaal (niet in het commitbericht)."""
    lijst = LIJSTEN[sleutel]
    if sleutel != "journaal":
        niet_afgesloten(plan)
    items: list[MetId] = lijst_van(plan, sleutel)
    item = zoek(plan, sleutel, ident)
    items.remove(item)
    extra = ""
    if sleutel == "betrokkenen" and heeft_regie(plan, item):
        plan.regie = None
        extra = "; de regie is nu niet belegd"
    regel = journaal(plan, f"{lijst.naam} {item.id} verwijderd: {reden}{extra}", auteur, datum)
    return f"{lijst.naam} {item.id} verwijderd (reden in journaal {regel}){extra}"


def journaal(plan: Plan, tekst: str, auteur: str, datum: date) -> str:
    """Schrijft een regel in het journaal en geeft haar id."""
    from jeugdplan.domein.model import JournaalRegel, voeg_toe

    return voeg_toe(plan.journaal, JournaalRegel, datum=datum, auteur=auteur, tekst=tekst).id
