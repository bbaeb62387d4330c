"""Het overzicht van casussen voor `jeugdplan list`: filteren en zeggen wat aandacht vraagt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Plan


@dataclass
class Regel:
    id: str
    status: str
    gemeente: str
    school: str | None
    onderwijssoort: str
    leeftijd: int
    regie: str | None
    signalen: int
    laatste_signaal: date | None
    aandacht: list[str] = field(default_factory=list)

    def als_json(self) -> dict[str, object]:
        return {
            "id": self.id, "status": self.status, "gemeente": self.gemeente,
            "school": self.school, "onderwijssoort": self.onderwijssoort,
            "leeftijd": self.leeftijd, "regie": self.regie, "signalen": self.signalen,
            "laatste_signaal": self.laatste_signaal.isoformat() if self.laatste_signaal else None,
            "aandacht": self.aandacht,
        }


def _past(waarde: str | None, filter: str | None) -> bool:
    return filter is None or (waarde or "").strip().lower() == filter.strip().lower()


def aandacht(plan: Plan, vandaag: date, g: Gegevens) -> list[str]:
    # De regels zelf pas hier: warm `list` pakt alleen bewaarde regels uit (`Regel`, `kies`).
    from jeugdplan.domein import ouders
    from jeugdplan.domein.agenda import punten
    from jeugdplan.domein.meldcode import open_signalen
    from jeugdplan.domein.opp import reden_verplicht

    if plan.status == "afgesloten":
        return []
    uit = []
    week = punten(plan, vandaag, vandaag + timedelta(days=7), g)
    over_tijd = [p for p in week if p.over_tijd]
    binnenkort = [p for p in week if not p.over_tijd]
    if over_tijd:
        uit.append(f"{len(over_tijd)} over tijd")
    if binnenkort:
        uit.append(f"{len(binnenkort)} binnen 7 dagen")
    if ouders.nog_niet_besproken(plan) or ouders.veiligheid_zonder_gesprek(plan):
        uit.append("ouders nog niet geïnformeerd")
    if plan.regie is None and plan.status == "actief":
        uit.append("geen regie")
    if plan.meldcode and plan.meldcode[-1].afgerond is None \
            and plan.meldcode[-1].geannuleerd is None:
        uit.append("meldcode loopt")
    elif open_signalen(plan):
        uit.append("meldcode nodig")
    if plan.ondersteuning.opp is None and reden_verplicht(plan, vandaag, g) is not None:
        uit.append("OPP ontbreekt")
    if any(a.tot is None for a in plan.verzuim.afwezigheden):
        uit.append("verzuim")
    return uit


def regel(plan: Plan, vandaag: date, g: Gegevens) -> Regel:
    """De regel van één plan in het overzicht (per plan te cachen)."""
    from jeugdplan.domein.toestemming import leeftijd

    k = plan.kind
    return Regel(
        id=plan.id, status=plan.status, gemeente=k.gemeente, school=k.school,
        onderwijssoort=k.onderwijssoort, leeftijd=leeftijd(k.geboortedatum, vandaag),
        regie=plan.regie.naam if plan.regie else None, signalen=len(plan.signalen),
        laatste_signaal=max((s.datum for s in plan.signalen), default=None),
        aandacht=aandacht(plan, vandaag, g),
    )


def kies(regels: Iterable[Regel], *, status: str | None = None, school: str | None = None,
         gemeente: str | None = None, regie: str | None = None) -> list[Regel]:
    """Filteren en sorteren: wat aandacht vraagt eerst, afgesloten casussen achteraan."""
    gekozen = [r for r in regels if _past(r.status, status) and _past(r.school, school)
               and _past(r.gemeente, gemeente) and _past(r.regie or "", regie)]
    return sorted(gekozen, key=lambda r: (r.status == "afgesloten", not r.aandacht, r.id))


def overzicht(plannen: Iterable[Plan], vandaag: date, g: Gegevens,
              **filters: str | None) -> list[Regel]:
    return kies((regel(p, vandaag, g) for p in plannen), **filters)
