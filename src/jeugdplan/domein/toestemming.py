"""Toestemming om gegevens te delen: wie moet toestemmen, en is er geldige toestemming?

Regels (DOMAIN.md §1, Wgbo/Jeugdwet, `data/toestemming.yaml`): onder 12 de ouders met
gezag; van 12 tot 16 het kind én de ouders met gezag; vanaf 16 de jongere zelf.
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


def vereist(plan: Plan, op: date, g: Gegevens) -> Vereist:
    jaren = leeftijd(plan.kind.geboortedatum, op)
    gezag = [o.naam for o in plan.gezin if o.gezag]
    for regel in g.toestemming.leeftijden:
        if regel.van <= jaren < regel.tot:
            wie = regel.wie
            ouders = gezag if "ouders" in wie else []
            kind = "kind" in wie
            delen = []
            if ouders:
                delen.append("de ouders met gezag (" + ", ".join(ouders) + ")")
            elif "ouders" in wie:
                delen.append("de ouders met gezag")
            if kind:
                delen.append(f"{plan.kind.voornaam} zelf")
            return Vereist(ouders, kind, f"{' en '.join(delen)} ({regel.omschrijving})")
    return Vereist([], True, "de jongere zelf")


def _noemt(gegeven_door: list[str], naam: str) -> bool:
    doel = normaliseer(naam)
    return any(normaliseer(g) == doel or (doel and doel in normaliseer(g)) for g in gegeven_door)


def is_geldig(plan: Plan, toestemming: Toestemming, op: date, g: Gegevens) -> bool:
    if toestemming.datum > op:
        return False
    if toestemming.ingetrokken is not None and toestemming.ingetrokken <= op:
        return False
    nodig = vereist(plan, toestemming.datum, g)
    namen = toestemming.gegeven_door
    if nodig.kind:
        kind_namen = [plan.kind.voornaam, f"{plan.kind.voornaam} {plan.kind.achternaam}"]
        if not (any(_noemt(namen, n) for n in kind_namen)
                or any(normaliseer(g) in KIND_WOORDEN for g in namen)):
            return False
    return all(_noemt(namen, ouder) for ouder in nodig.ouders)


def _past(partij: str, kandidaten: list[str]) -> bool:
    p = normaliseer(partij)
    return any(p and (p == normaliseer(k) or p in normaliseer(k) or normaliseer(k) in p)
               for k in kandidaten if k)


def heeft_toestemming(plan: Plan, kandidaten: list[str], op: date, g: Gegevens) -> bool:
    """Is er op `op` geldige toestemming voor een partij die één van `kandidaten` heet
    (organisatie, rol of naam)?"""
    return any(_past(t.partij, kandidaten) and is_geldig(plan, t, op, g)
               for t in plan.toestemmingen)
