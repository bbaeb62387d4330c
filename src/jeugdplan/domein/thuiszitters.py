"""De gegevens van `jeugdplan report thuiszitters`: per kind de categorie op een peildatum.

De classificatie zelf staat in `verzuim.py`. Dit rapport gaat naar de Inspectie en de
gemeente: zonder `met_namen` bevat het geen namen, geboortedatums of vrije tekst (ook niet de
omschrijving van een aanbod: alleen óf er een aanbod is). Plannen die op of vóór de peildatum
zijn afgesloten tellen niet mee.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from jeugdplan.domein.verzuim import (
    GETELD,
    THUISZITTER,
    categorie_omschrijvingen,
    classificeer,
    tegenstrijdigheden,
)

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Plan

Per = Literal["school", "gemeente"]
GEEN_SCHOOL = "(op geen school ingeschreven)"


@dataclass(frozen=True)
class Leerling:
    id: str
    categorie: str
    sinds: date
    dagen: int
    gemeente: str
    school: str | None
    onderwijssoort: str
    aanbod: bool
    artikel: str | None = None
    naam: str | None = None
    geboortedatum: date | None = None

    def als_json(self, met_namen: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "categorie": self.categorie, "sinds": self.sinds.isoformat(),
            "dagen": self.dagen, "gemeente": self.gemeente, "school": self.school,
            "onderwijssoort": self.onderwijssoort, "aanbod": self.aanbod,
        }
        if met_namen:
            data["naam"] = self.naam
            data["geboortedatum"] = self.geboortedatum.isoformat() if self.geboortedatum else None
        return data


@dataclass
class Groep:
    naam: str
    totalen: dict[str, int]


@dataclass
class Rapport:
    peildatum: date
    leerlingen: list[Leerling]
    """Alle getelde leerlingen (de vier categorieën), gesorteerd."""
    dreigend: list[Leerling]
    per: Per | None = None
    met_namen: bool = False
    groepen: list[Groep] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    """Tegenstrijdige verzuimgegevens per casus (alleen het id, voor stderr)."""

    @property
    def totalen(self) -> dict[str, int]:
        return _tel(self.leerlingen)

    @property
    def thuiszitters(self) -> int:
        return sum(self.totalen[c] for c in THUISZITTER)

    def als_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "peildatum": self.peildatum.isoformat(),
            "totalen": self.totalen,
            "leerlingen": [leerling.als_json(self.met_namen) for leerling in self.leerlingen],
        }
        if self.per is not None:
            data["per"] = self.per
            data["groepen"] = [{"naam": g.naam, "totalen": g.totalen} for g in self.groepen]
        return data

    def context(self, g: Gegevens) -> dict[str, Any]:
        """Wat de sjablonen `thuiszitters.<formaat>.j2` krijgen."""
        duo = g.leerplicht.duo_melding
        return {
            "peildatum": self.peildatum, "totalen": self.totalen,
            "thuiszitters": self.thuiszitters, "leerlingen": self.leerlingen,
            "dreigend": self.dreigend, "per": self.per, "groepen": self.groepen,
            "met_namen": self.met_namen, "categorieen": categorie_omschrijvingen(g),
            "geteld": list(GETELD), "duo": duo, "termijnen": g.leerplicht.termijnen,
        }


def _tel(leerlingen: Iterable[Leerling]) -> dict[str, int]:
    totalen = dict.fromkeys(GETELD, 0)
    for leerling in leerlingen:
        if leerling.categorie in totalen:
            totalen[leerling.categorie] += 1
    return totalen


def _sorteer(leerlingen: list[Leerling]) -> list[Leerling]:
    volgorde = {c: i for i, c in enumerate((*GETELD, "dreigend"))}
    return sorted(leerlingen, key=lambda r: (volgorde[r.categorie], -r.dagen, r.id))


def leerling(plan: Plan, peildatum: date, g: Gegevens) -> Leerling | None:
    """De regel van één kind op de peildatum, of None als het niet meetelt."""
    if plan.afgesloten is not None and plan.afgesloten <= peildatum:
        return None
    stand = classificeer(plan, peildatum, g)
    if stand is None:
        return None
    k = plan.kind
    return Leerling(
        id=plan.id, categorie=stand.categorie, sinds=stand.sinds, dagen=stand.dagen,
        gemeente=k.gemeente, school=stand.school, onderwijssoort=k.onderwijssoort,
        aanbod=stand.aanbod, artikel=stand.artikel,
        naam=f"{k.voornaam} {k.achternaam}", geboortedatum=k.geboortedatum,
    )


PlanResultaat = tuple[Leerling | None, list[str]]


def plan_resultaat(plan: Plan, peildatum: date, g: Gegevens) -> PlanResultaat:
    """Wat één plan bijdraagt aan het rapport: de regel (of None) en waarschuwingen.
    Per plan te cachen; het rapport zelf telt en groepeert daarna."""
    waarschuwingen: list[str] = []
    if plan.afgesloten is None or plan.afgesloten > peildatum:
        waarschuwingen = [f"{plan.id}: {t}" for t in tegenstrijdigheden(plan, g)]
    return leerling(plan, peildatum, g), waarschuwingen


def rapport(plannen: Iterable[Plan], peildatum: date, g: Gegevens, *, per: Per | None = None,
            met_namen: bool = False) -> Rapport:
    return rapport_uit((plan_resultaat(p, peildatum, g) for p in plannen), peildatum, per=per,
                       met_namen=met_namen)


def rapport_uit(resultaten: Iterable[PlanResultaat], peildatum: date, *,
                per: Per | None = None, met_namen: bool = False) -> Rapport:
    alle: list[Leerling] = []
    waarschuwingen: list[str] = []
    for regel, meldingen in resultaten:
        if regel is not None:
            alle.append(regel)
        waarschuwingen += meldingen
    geteld = _sorteer([r for r in alle if r.categorie in GETELD])
    dreigend = _sorteer([r for r in alle if r.categorie == "dreigend"])
    if not met_namen:
        # Namen en geboortedatums verlaten deze module niet zonder --met-namen.
        geteld = [_zonder_namen(r) for r in geteld]
        dreigend = [_zonder_namen(r) for r in dreigend]
    groepen: list[Groep] = []
    if per is not None:
        namen: dict[str, list[Leerling]] = {}
        for r in geteld:
            sleutel = (r.school or GEEN_SCHOOL) if per == "school" else r.gemeente
            namen.setdefault(sleutel, []).append(r)
        groepen = [Groep(naam, _tel(rs)) for naam, rs in sorted(namen.items())]
    return Rapport(peildatum, geteld, dreigend, per, met_namen, groepen, waarschuwingen)


def _zonder_namen(r: Leerling) -> Leerling:
    from dataclasses import replace

    return replace(r, naam=None, geboortedatum=None)
