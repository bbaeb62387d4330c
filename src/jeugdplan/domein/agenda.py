"""Wat moet er gebeuren: acties, evaluaties, het OPP (vaststellen, evalueren) en termijnen
van de meldcode die over tijd of binnenkort zijn.

Zoals Primero: "over tijd" en "binnen 7 dagen", hier met een instelbaar aantal weken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.kalender import Kalender
    from jeugdplan.domein.model import Plan

Soort = Literal["actie", "doel-evaluatie", "opp-vaststellen", "opp-evaluatie",
                "meldcode-termijn", "meldcode-terugkoppeling", "verzuim-melding", "vrijstelling",
                "vervangende-leerplicht"]


@dataclass(frozen=True)
class Punt:
    id: str
    soort: Soort
    wat: str
    datum: date
    eigenaar: str | None
    over_tijd: bool
    dagen: int
    """Dagen tot de datum (negatief: zoveel dagen over tijd)."""
    onderdeel: str = ""
    """Het onderdeel (`a1`, `d2`, `opp`, `m1`, `vr1`): samen met id en soort een vaste sleutel,
    zodat een agenda-import een afspraak bijwerkt in plaats van verdubbelt."""

    def als_json(self) -> dict[str, object]:
        data = asdict(self)
        data["datum"] = self.datum.isoformat()
        return data


def punten(plan: Plan, vandaag: date, tot: date, g: Gegevens) -> list[Punt]:
    if plan.status == "afgesloten":
        return []
    uit: list[Punt] = []

    def voeg_toe(soort: Soort, wat: str, datum: date | None, eigenaar: str | None,
                 onderdeel: str) -> None:
        if datum is not None and datum <= tot:
            uit.append(Punt(plan.id, soort, wat, datum, eigenaar, datum < vandaag,
                            (datum - vandaag).days, onderdeel))

    for actie in plan.acties:
        if actie.gedaan is None:
            voeg_toe("actie", f"actie {actie.id}: {actie.omschrijving}", actie.deadline,
                     actie.eigenaar, actie.id)
    laatste_evaluatie = max((e.datum for e in plan.evaluaties), default=None)
    for doel in plan.doelen:
        if doel.status == "lopend" and doel.evaluatiedatum is not None and not (
            laatste_evaluatie is not None and laatste_evaluatie >= doel.evaluatiedatum
        ):
            voeg_toe("doel-evaluatie", f"evaluatie doel {doel.id}: {doel.omschrijving}",
                     doel.evaluatiedatum, doel.eigenaar, doel.id)
    from jeugdplan.domein.opp import agendapunten

    for soort, wat, datum in agendapunten(plan, vandaag, g):
        voeg_toe(soort, wat, datum, None, "opp")  # type: ignore[arg-type]
    for nummer, spoor in enumerate(plan.meldcode, 1):
        if spoor.geannuleerd is not None:
            continue
        # Alleen zolang het besluit 'hulp' is staat vraag 5 nog open (zie meldcode.py).
        if spoor.afgerond is None and spoor.besluit == "hulp":
            termijnen = [a.termijn for a in spoor.afwegingen if a.termijn]
            if termijnen:
                voeg_toe("meldcode-termijn", f"meldcode spoor {nummer}: afwegingsvraag 5 "
                         "beantwoorden", max(termijnen), spoor.door, spoor.id)
        # Na een melding: de terugkoppeling van Veilig Thuis, tot die is vastgelegd.
        verwacht = [x.terugkoppeling_verwacht for x in spoor.meldingen
                    if x.terugkoppeling_verwacht is not None]
        if verwacht and not spoor.terugkoppelingen:
            voeg_toe("meldcode-terugkoppeling", f"meldcode spoor {nummer}: terugkoppeling van "
                     "Veilig Thuis (navragen als die uitblijft)", max(verwacht),
                     spoor.meldingen[-1].door, spoor.id)
    return uit


def verzuimpunten(plan: Plan, vandaag: date, tot: date, g: Gegevens, kal: Kalender) -> list[Punt]:
    """De termijnen rond verzuim en vrijstellingen (`verzuim.aandacht`) als agendapunten tot
    `tot` (over tijd: altijd); het onderdeel is het id van de vrijstelling of vervangende
    leerplicht."""
    from jeugdplan.domein.verzuim import aandacht

    if plan.status == "afgesloten":
        return []

    def onderdeel(loc: tuple[str | int, ...]) -> str:
        if len(loc) == 3 and isinstance(loc[1], str) and isinstance(loc[2], int):
            return str(getattr(plan.verzuim, loc[1])[loc[2]].id)
        return "verzuim"

    return [Punt(plan.id, a.soort, a.wat, a.datum, None, a.verlopen, (a.datum - vandaag).days,
                 onderdeel(a.loc))
            for a in aandacht(plan, vandaag, g, kal) if a.datum <= tot or a.verlopen]


def agenda(plannen: Iterable[Plan], vandaag: date, g: Gegevens, weken: int = 2) -> list[Punt]:
    """Alle punten tot `weken` weken vooruit, over tijd eerst, dan op datum."""
    tot = vandaag + timedelta(weeks=weken)
    return sorteer(p for plan in plannen for p in punten(plan, vandaag, tot, g))


def sorteer(alle: Iterable[Punt]) -> list[Punt]:
    return sorted(alle, key=lambda p: (not p.over_tijd, p.datum, p.id))
