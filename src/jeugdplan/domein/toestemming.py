"""Toestemming om gegevens te delen: wie moet toestemmen, en is er geldige toestemming?

Regels (`data/toestemming.yaml`, Jeugdwet 7.3.4, 7.3.11 en 7.3.15, UAVG art. 5): onder 12 de
ouders met gezag; van 12 tot 16 het kind én de ouders met gezag; vanaf 16 de jongere zelf.
Alleen wie het gezag heeft telt (niet een stiefouder, pleegouder of ouder zonder gezag); staat
er niemand met gezag in het plan, of is het gezag van iemand onbekend, dan is de toestemming
niet volledig. Toestemmingen voor dezelfde partij en hetzelfde doel tellen samen (twee ouders
op verschillende dagen): de toestemming is compleet bij de laatste. Gegeven toen het kind
jonger was dan 12 en nu niet door het kind zelf: een waarschuwing om het opnieuw te vragen.
Leerplicht, RMC en Veilig Thuis hebben een eigen wettelijke grondslag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from jeugdplan.domein.dubbel import normaliseer

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Plan, Toestemming

KIND_WOORDEN = {"kind", "jeugdige", "jongere", "leerling"}


def leeftijd(geboortedatum: date, op: date) -> int:
    jaren = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def zonder_toestemming(g: Gegevens) -> set[str]:
    """Rollen die geen toestemming nodig hebben (eigen wettelijke grondslag)."""
    return set(g.toestemming.zonder_toestemming.rollen)


@dataclass(frozen=True)
class Vereist:
    ouders: list[str]
    """Namen van de ouders/verzorgers met gezag die moeten toestemmen."""
    kind: bool
    omschrijving: str
    ouders_nodig: bool = False
    """Moeten (op deze leeftijd) de gezagsdragers toestemmen?"""
    gezag_onbekend: list[str] | None = None
    """Gezinsleden van wie onbekend is of ze gezag hebben."""

    @property
    def gezag_onduidelijk(self) -> bool:
        """De gezagsdragers moeten toestemmen, maar wie dat zijn staat niet (volledig) vast."""
        return self.ouders_nodig and (not self.ouders or bool(self.gezag_onbekend))

    def aanwijzing(self, ident: str) -> str:
        """Wat de professional eerst moet vastleggen als het gezag onduidelijk is ('')."""
        if not self.gezag_onduidelijk:
            return ""
        return (" Leg eerst vast wie het gezag heeft (uittreksel BRP of gezagsregister): "
                f"'jeugdplan gezin add {ident} --naam ... --relatie ... --gezag' of "
                "'--geen-gezag'; zolang dat niet vaststaat is de toestemming niet volledig.")


def vereist(plan: Plan, op: date, g: Gegevens) -> Vereist:
    jaren = leeftijd(plan.kind.geboortedatum, op)
    gezag = [o.naam for o in plan.gezin if o.gezag is True]
    onbekend = [o.naam for o in plan.gezin if o.gezag == "onbekend"]
    for regel in g.toestemming.leeftijden:
        if regel.van <= jaren < regel.tot:
            nodig = "ouders" in regel.wie
            kind = "kind" in regel.wie
            delen = []
            if nodig and gezag:
                delen.append("de ouders met gezag (" + ", ".join(gezag) + ")")
            elif nodig:
                delen.append("de ouders met gezag")
            if kind:
                delen.append(f"{plan.kind.voornaam} zelf")
            tekst = f"{' en '.join(delen)} ({regel.omschrijving})"
            if nodig and onbekend:
                tekst += f"; het gezag van {', '.join(onbekend)} is nog onbekend"
            elif nodig and not gezag:
                tekst += "; nog niet vastgelegd wie het gezag heeft"
            return Vereist(gezag if nodig else [], kind, tekst, nodig, onbekend if nodig else [])
    return Vereist([], True, "de jongere zelf")


def _noemt(gegeven_door: list[str], naam: str) -> bool:
    doel = normaliseer(naam)
    return any(normaliseer(g) == doel or (doel and doel in normaliseer(g)) for g in gegeven_door)


def _noemt_kind(plan: Plan, namen: list[str]) -> bool:
    kind_namen = [plan.kind.voornaam, f"{plan.kind.voornaam} {plan.kind.achternaam}"]
    return (any(_noemt(namen, n) for n in kind_namen)
            or any(normaliseer(g) in KIND_WOORDEN for g in namen))


def _voldoet(plan: Plan, namen: list[str], nodig: Vereist) -> bool:
    if nodig.kind and not _noemt_kind(plan, namen):
        return False
    if nodig.gezag_onduidelijk:
        return False
    return all(_noemt(namen, ouder) for ouder in nodig.ouders)


def _zelfde(a: Toestemming, b: Toestemming) -> bool:
    return (normaliseer(a.partij) == normaliseer(b.partij)
            and normaliseer(a.doel or "") == normaliseer(b.doel or ""))


@dataclass(frozen=True)
class Stand:
    """De toestemming voor één partij en doel op een datum (alle records samen)."""

    geldig: bool
    gegeven_door: list[str]
    sinds: date | None
    """Sinds wanneer de toestemming compleet is (de datum van de laatste die nodig was)."""
    opnieuw: str | None = None
    """Geldig, maar het kind moet nu zelf ook toestemmen (12 geworden, of 16)."""


def stand(plan: Plan, toestemming: Toestemming, op: date, g: Gegevens) -> Stand:
    """De stand van de toestemming waar `toestemming` bij hoort: records voor dezelfde partij
    en hetzelfde doel tellen samen; de toestemming is compleet bij de laatste die nodig was."""
    actief = sorted((t for t in plan.toestemmingen if _zelfde(t, toestemming)
                     and t.datum <= op and (t.ingetrokken is None or t.ingetrokken > op)),
                    key=lambda t: t.datum)
    namen: list[str] = []
    sinds = None
    for t in actief:
        namen += [n for n in t.gegeven_door if n not in namen]
        if sinds is None and _voldoet(plan, namen, vereist(plan, t.datum, g)):
            sinds = t.datum
    if sinds is None:
        return Stand(False, namen, None)
    opnieuw = None
    nu = vereist(plan, op, g)
    if nu.kind and not _noemt_kind(plan, namen):
        naam, jaren = plan.kind.voornaam, leeftijd(plan.kind.geboortedatum, op)
        opnieuw = (f"toestemming voor {toestemming.partij} (compleet op {sinds}) is gegeven "
                   f"zonder {naam} zelf; nu {naam} {jaren} is, is ook de toestemming van {naam} "
                   f"nodig: {' '.join(g.toestemming.opnieuw_vragen.uitleg.split())}")
    return Stand(True, namen, sinds, opnieuw)


def is_geldig(plan: Plan, toestemming: Toestemming, op: date, g: Gegevens) -> bool:
    return stand(plan, toestemming, op, g).geldig


def _past(partij: str, kandidaten: list[str]) -> bool:
    p = normaliseer(partij)
    return any(p and (p == normaliseer(k) or p in normaliseer(k) or normaliseer(k) in p)
               for k in kandidaten if k)


def geldige(plan: Plan, kandidaten: list[str], op: date, g: Gegevens) -> list[Stand]:
    """De geldige toestemmingen op `op` voor een partij die één van `kandidaten` heet
    (organisatie, rol of naam)."""
    uit = []
    for t in plan.toestemmingen:
        if _past(t.partij, kandidaten):
            s = stand(plan, t, op, g)
            if s.geldig:
                uit.append(s)
    return uit


def heeft_toestemming(plan: Plan, kandidaten: list[str], op: date, g: Gegevens) -> bool:
    """Is er op `op` geldige toestemming voor een partij die één van `kandidaten` heet?"""
    return bool(geldige(plan, kandidaten, op, g))


def opnieuw_vragen(plan: Plan, op: date, g: Gegevens) -> list[str]:
    """Geldige toestemmingen die het kind nu zelf ook moet geven (een keer per partij en doel)."""
    uit: list[str] = []
    for t in plan.toestemmingen:
        s = stand(plan, t, op, g)
        if s.opnieuw and s.opnieuw not in uit:
            uit.append(s.opnieuw)
    return uit
