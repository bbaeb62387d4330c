"""Ouders eerst: wanneer zijn de zorgen met de ouders besproken, en over welke signalen nog niet.

De zorgen zijn met de ouders besproken op elk moment dat het plan dat vastlegt: `ouders
informeer`, maar ook een gesprek in stap 3 van de meldcode met een ouder (`--met moeder`) en
een melding aan Veilig Thuis waarover een ouder is geïnformeerd (`--geinformeerd moeder`).
Data tellen: een signaal van ná het laatste gesprek brengt de voorwaarde terug (behalve een
signaal dat van een ouder zelf kwam). Signalen over
veiligheid lopen via de meldcode (het gesprek is stap 3), een mogelijk zedendelict door iemand
met taken op school via de meldplicht, en bij acuut gevaar wacht niets op het gesprek.

Zuivere functies die alleen velden lezen (ook de lichte objecten uit de cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from jeugdplan.domein.dubbel import normaliseer

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan, Signaal

VEILIGHEID = "veiligheid"
PERSONEEL = "grensoverschrijdend-personeel"
ACUUT = "acuut"

OUDER_WOORDEN = frozenset({
    "ouder", "ouders", "moeder", "vader", "verzorger", "verzorgers", "voogd", "pleegouder",
    "pleegouders", "pleegmoeder", "pleegvader", "stiefmoeder", "stiefvader", "mama", "papa",
})
"""Woorden in `--met` of `--geinformeerd` die een ouder of verzorger aanduiden."""

ONTKENNING = frozenset({"niet", "geen", "nee", "nog"})
"""'niet geïnformeerd: vader dreigt ...' telt niet als een gesprek met de ouders."""


@dataclass(frozen=True)
class Moment:
    datum: date
    via: str
    """'ouders informeer', 'meldcode stap 3' of 'melding aan Veilig Thuis'."""
    door: str | None = None
    id: str | None = None
    """Het id van een gesprek uit `ouders informeer` (om te corrigeren of te verwijderen)."""


def noemt_ouder(plan: Plan, tekst: str | None) -> bool:
    """Noemt deze vrije tekst (met wie gesproken, wie geïnformeerd) een ouder of verzorger?"""
    if not tekst:
        return False
    woorden = set(normaliseer(tekst).split())
    if not woorden or woorden & ONTKENNING:
        return False
    if woorden & OUDER_WOORDEN:
        return True
    namen = [normaliseer(o.naam) for o in plan.gezin]
    schoon = normaliseer(tekst)
    return any(naam and (naam in schoon or naam.split()[0] in woorden) for naam in namen)


def momenten(plan: Plan) -> list[Moment]:
    """Alle vastgelegde momenten waarop de zorgen met de ouders zijn besproken, oudste eerst."""
    uit = [Moment(o.datum, "ouders informeer", o.door, o.id) for o in plan.ouders_geinformeerd]
    for spoor in plan.meldcode:
        uit += [Moment(s.datum, "meldcode stap 3", s.door) for s in spoor.stappen
                if s.stap == 3 and noemt_ouder(plan, s.met)]
        uit += [Moment(x.datum, "melding aan Veilig Thuis", x.door) for x in spoor.meldingen
                if noemt_ouder(plan, x.geinformeerd)]
    return sorted(uit, key=lambda m: m.datum)


def laatste(plan: Plan) -> date | None:
    return max((m.datum for m in momenten(plan)), default=None)


def gewoon(signaal: Signaal) -> bool:
    """Een signaal waarvoor ouders eerst geldt (niet veiligheid, meldplicht of acuut gevaar)."""
    return signaal.domein not in (VEILIGHEID, PERSONEEL) and signaal.zwaarte != ACUUT


def nog_niet_besproken(plan: Plan) -> list[Signaal]:
    """De gewone signalen van ná het laatste gesprek met de ouders (alle, zonder gesprek). Een
    signaal dat van een ouder zelf kwam (bron `ouder`) is met de ouders besproken."""
    sinds = laatste(plan)
    return [s for s in plan.signalen if gewoon(s) and s.bron != "ouder"
            and (sinds is None or s.datum > sinds)]


def veiligheid_zonder_gesprek(plan: Plan) -> bool:
    """Signalen over veiligheid terwijl er nog nooit met de ouders is gesproken (het gesprek
    volgt via meldcode stap 3, of de stap is met een grond overgeslagen)."""
    return (any(s.domein == VEILIGHEID for s in plan.signalen) and laatste(plan) is None)
