"""Bewaartermijnen: welke termijn geldt voor een plan (regels en bronnen in
`data/bewaartermijnen.yaml`) en welke afgesloten plannen erover zijn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

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


def termijn_van(plan: Plan, g: Gegevens) -> Termijn:
    """De bewaartermijn die voor dit plan geldt: de langste van de toepasselijke regels."""
    regels = g.bewaartermijnen
    data = plan.als_yaml_data()
    kandidaten: list[Termijn] = []
    for regel in regels.regels:
        gevuld = [v for v in regel.als if _gevuld(data, v)]
        if regel.als and not gevuld:
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


def einde_termijn(plan: Plan, g: Gegevens) -> date | None:
    if plan.status != "afgesloten" or plan.afgesloten is None:
        return None
    return plus_jaren(plan.afgesloten, termijn_van(plan, g).jaren)


def verlopen(plannen: list[Plan], vandaag: date, g: Gegevens) -> list[dict[str, Any]]:
    """Afgesloten plannen waarvan de bewaartermijn is verstreken, oudste eerst."""
    uit = []
    for plan in plannen:
        einde = einde_termijn(plan, g)
        if einde is None or einde > vandaag:
            continue
        t = termijn_van(plan, g)
        uit.append({"id": plan.id, "afgesloten": plan.afgesloten, "termijn_jaren": t.jaren,
                    "verlopen_sinds": einde, "grond": t.grond})
    return sorted(uit, key=lambda r: (r["verlopen_sinds"], r["id"]))
