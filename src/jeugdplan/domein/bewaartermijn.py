"""Bewaartermijnen: welke termijn geldt voor een plan (regels en bronnen in
`data/bewaartermijnen.yaml`), vanaf wanneer hij telt, en welke afgesloten plannen erover zijn.

De termijn telt vanaf de laatste wijziging in het dossier (Jeugdwet 7.3.8 lid 3), nooit vóór
de afsluiting: een journaalregel na het afsluiten laat de termijn opnieuw beginnen. Geplande
datums (evaluatie, deadline, termijn) en het logboek van inzage-exports zijn geen wijziging.
Coaching door een CJG- of JG-coach is jeugdhulp; advies, voorlichting en cursussen zijn
preventie.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.dubbel import normaliseer

if TYPE_CHECKING:  # alleen voor de typen: `verlopen` (warm `bewaartermijn`) laadt geen pydantic
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Plan


@dataclass(frozen=True)
class Termijn:
    naam: str
    jaren: int
    bron: str
    reden: str
    onzeker: str | None

    @property
    def grond(self) -> str:
        return f"{self.naam} ({self.jaren} jaar; {self.reden}): {self.bron}"


def _gevuld(data: dict[str, Any], veld: str) -> bool:
    waarde: Any = data
    for deel in veld.split("."):
        if not isinstance(waarde, dict):
            return False
        waarde = waarde.get(deel)
    return bool(waarde)


def _jeugdhulp(data: dict[str, Any], g: Gegevens) -> dict[str, Any]:
    """`data` zonder jeugdhulp die naar haar vorm preventie is (advies, cursus, ...)."""
    woorden = [normaliseer(w) for w in g.bewaartermijnen.preventie.vormen]
    hulp = [h for h in data.get("jeugdhulp", [])
            if not any(w and w in normaliseer(str(h.get("vorm", ""))) for w in woorden)]
    return {**data, "jeugdhulp": hulp}


def termijn_van(plan: Plan, g: Gegevens) -> Termijn:
    """De bewaartermijn die voor dit plan geldt: de langste van de toepasselijke regels."""
    regels = g.bewaartermijnen
    data = _jeugdhulp(plan.als_yaml_data(), g)
    rollen = {b.rol for b in plan.betrokkenen} | ({plan.regie.rol} if plan.regie else set())
    kandidaten: list[Termijn] = []
    for regel in regels.regels:
        gevuld = [v for v in regel.als if _gevuld(data, v)]
        gevuld += [f"betrokkene {r}" for r in regel.rollen if r in rollen]
        if (regel.als or regel.rollen) and not gevuld:
            continue
        t = regels.termijnen[regel.termijn]
        reden = ("plan bevat " + ", ".join(gevuld)) if gevuld else "elk plan"
        kandidaten.append(Termijn(regel.termijn, t.jaren, t.bron, reden, t.onzeker))
    return max(kandidaten, key=lambda t: t.jaren)


def plus_jaren(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 februari: de dag erna (nooit te vroeg)
        return date(dag.year + jaren, 3, 1)


def laatste_wijziging(plan: Plan, g: Gegevens) -> date | None:
    """De laatste datum van een wijziging in het dossier: de jongste datum in het plan, zonder
    geplande datums en zonder het logboek van inzage-exports."""
    telling = g.bewaartermijnen.telling
    planning, niet_mee = set(telling.planning), set(telling.niet_mee)

    def datums(waarde: Any, sleutel: str | None) -> list[date]:
        if isinstance(waarde, dict):
            return [d for k, v in waarde.items() if k not in planning for d in datums(v, k)]
        if isinstance(waarde, list):
            return [d for v in waarde for d in datums(v, sleutel)]
        return [waarde] if isinstance(waarde, date) else []

    data = {k: v for k, v in plan.als_yaml_data().items() if k not in niet_mee}
    return max(datums(data, None), default=None)


def vanaf(plan: Plan, g: Gegevens) -> date | None:
    """Vanaf wanneer de termijn telt: de afsluiting of een latere wijziging (None: open plan)."""
    if plan.status != "afgesloten" or plan.afgesloten is None:
        return None
    laatste = laatste_wijziging(plan, g)
    return max(plan.afgesloten, laatste) if laatste is not None else plan.afgesloten


def einde_termijn(plan: Plan, g: Gegevens) -> date | None:
    begin = vanaf(plan, g)
    if begin is None:
        return None
    return plus_jaren(begin, termijn_van(plan, g).jaren)


def rij(plan: Plan, g: Gegevens) -> dict[str, Any] | None:
    """De bewaartermijn van één afgesloten plan als gewone waarden (None: open plan). Hangt
    niet af van vandaag, dus per plan te bewaren tot het plan verandert."""
    begin = vanaf(plan, g)
    if begin is None:
        return None
    t = termijn_van(plan, g)
    return {"id": plan.id, "afgesloten": plan.afgesloten, "termijn_jaren": t.jaren,
            "verlopen_sinds": plus_jaren(begin, t.jaren), "grond": t.grond,
            "laatste_wijziging": begin}


def verlopen(rijen: Iterable[dict[str, Any] | None], vandaag: date) -> list[dict[str, Any]]:
    """De rijen (`rij`) waarvan de bewaartermijn op `vandaag` is verstreken, oudste eerst."""
    uit = [r for r in rijen if r is not None and r["verlopen_sinds"] <= vandaag]
    return sorted(uit, key=lambda r: (r["verlopen_sinds"], r["id"]))
