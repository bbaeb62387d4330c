"""De gegevens van `jeugdplan report thuiszitters`: per kind de categorie op een peildatum, en
het rapport daarover.

De classificatie zelf staat in `verzuim.py`. Het rapport gaat naar de Inspectie, de gemeente
en het Thuiszitterspact, en is daarom standaard geaggregeerd: aantallen per categorie, en met
`per` per school of gemeente alleen wat geen kind kan aanwijzen (`onderdrukking`). Geen
casus-ids, geen namen, geen gronden van vrijstellingen (art. 5 onder a is een
gezondheidsgrond). Rijen per leerling (casus, categorie, sinds, school, grond) alleen met
`per_leerling`, en dan gemarkeerd als intern; namen en geboortedatums alleen met `met_namen`.
Plannen die op of vóór de peildatum zijn afgesloten tellen niet mee.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from jeugdplan.domein.onderdrukking import onderdruk_cellen
from jeugdplan.domein.verzuim import (
    GETELD,
    THUISZITTER,
    artikel_tekst,
    categorie_omschrijvingen,
    classificeer,
    schoolkalender,
    tegenstrijdigheden,
)

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.kalender import Kalender
    from jeugdplan.domein.model import Plan

Per = Literal["school", "gemeente"]
GEEN_SCHOOL = "(op geen school ingeschreven)"


@dataclass(frozen=True)
class Leerling:
    id: str
    categorie: str
    sinds: date
    dagen: int
    dagen_schooltijd: int
    gemeente: str
    school: str | None
    onderwijssoort: str
    aanbod: bool
    zonder_aanbod_3m: bool
    """Thuiszitter, langer dan 3 maanden, zonder aanbod (Thuiszitterspact)."""
    artikel: str | None = None
    naam: str | None = None
    geboortedatum: date | None = None

    def als_json(self, met_namen: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "categorie": self.categorie, "sinds": self.sinds.isoformat(),
            "dagen": self.dagen, "dagen_schooltijd": self.dagen_schooltijd,
            "gemeente": self.gemeente, "school": self.school,
            "onderwijssoort": self.onderwijssoort, "aanbod": self.aanbod, "artikel": self.artikel,
        }
        if met_namen:
            data["naam"] = self.naam
            data["geboortedatum"] = self.geboortedatum.isoformat() if self.geboortedatum else None
        return data


@dataclass
class Groep:
    naam: str
    totalen: dict[str, int | None]
    """None: niet getoond (te klein aantal)."""


@dataclass
class Rapport:
    peildatum: date
    leerlingen: list[Leerling]
    """Alle getelde leerlingen (de vier categorieën), gesorteerd."""
    dreigend: list[Leerling]
    drempel: int
    telling: str
    """Hoe de 4 weken tellen: `lesweken` of `kalenderweken` (data/leerplicht.yaml)."""
    per: Per | None = None
    per_leerling: bool = False
    met_namen: bool = False
    groepen: list[Groep] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    """Tegenstrijdige verzuimgegevens per casus (alleen het id, voor stderr)."""

    @property
    def intern(self) -> bool:
        return self.per_leerling

    @property
    def totalen(self) -> dict[str, int]:
        return _tel(self.leerlingen)

    @property
    def thuiszitters(self) -> int:
        return sum(self.totalen[c] for c in THUISZITTER)

    @property
    def zonder_aanbod_3m(self) -> int:
        return sum(1 for r in self.leerlingen if r.zonder_aanbod_3m)

    @property
    def onderdrukt(self) -> bool:
        return any(v is None for gr in self.groepen for v in gr.totalen.values())

    def als_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "peildatum": self.peildatum.isoformat(),
            "intern": self.intern,
            "totalen": self.totalen,
            "thuiszitters": self.thuiszitters,
            "langer_dan_3_maanden_zonder_aanbod": self.zonder_aanbod_3m,
            "dreigend": len(self.dreigend),
            "telling": {"vier_weken": self.telling, "drie_maanden": "kalendermaanden"},
        }
        if self.per is not None:
            data["per"] = self.per
            data["drempel"] = None if self.intern else self.drempel
            data["groepen"] = [{"naam": gr.naam, "totalen": gr.totalen} for gr in self.groepen]
        if self.per_leerling:
            data["leerlingen"] = [r.als_json(self.met_namen) for r in self.leerlingen]
            data["dreigend_leerlingen"] = [r.als_json(self.met_namen) for r in self.dreigend]
        return data

    def context(self, g: Gegevens, kal: Kalender) -> dict[str, Any]:
        """Wat de sjablonen `thuiszitters.<formaat>.j2` krijgen. Rijen per leerling alleen in
        de interne variant: ook een eigen (ouder) sjabloon kan ze dan niet naar buiten
        brengen."""
        lp = g.leerplicht
        regios = sorted({r for r in kal.gemeenten.values()}
                        | ({kal.standaard_regio} if kal.standaard_regio else set()))
        return {
            "peildatum": self.peildatum, "totalen": self.totalen, "intern": self.intern,
            "thuiszitters": self.thuiszitters, "zonder_aanbod_3m": self.zonder_aanbod_3m,
            "leerlingen": self.leerlingen if self.intern else [],
            "dreigend": self.dreigend if self.intern else [],
            "aantal_dreigend": len(self.dreigend), "per": self.per,
            "groepen": self.groepen, "onderdrukt": self.onderdrukt, "drempel": self.drempel,
            "per_leerling": self.per_leerling, "met_namen": self.met_namen,
            "categorieen": categorie_omschrijvingen(g), "geteld": list(GETELD),
            "artikel": lambda code: artikel_tekst(code, g),
            "melding": lp.melding_16_uur, "termijnen": lp.termijnen,
            "vakantieregios": regios,
            "vakanties_bron": next(v.bron for v in g.vakanties.vakanties if v.verplicht),
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


def leerling(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender) -> Leerling | None:
    """De regel van één kind op de peildatum, of None als het niet meetelt."""
    if plan.afgesloten is not None and plan.afgesloten <= peildatum:
        return None
    stand = classificeer(plan, peildatum, g, kal)
    if stand is None:
        return None
    k = plan.kind
    return Leerling(
        id=plan.id, categorie=stand.categorie, sinds=stand.sinds, dagen=stand.dagen,
        dagen_schooltijd=stand.dagen_schooltijd, gemeente=k.gemeente, school=stand.school,
        onderwijssoort=k.onderwijssoort, aanbod=stand.aanbod,
        zonder_aanbod_3m=stand.drie_maanden_zonder_aanbod(peildatum, g), artikel=stand.artikel,
        naam=f"{k.voornaam} {k.achternaam}", geboortedatum=k.geboortedatum,
    )


PlanResultaat = tuple[Leerling | None, list[str]]


def plan_resultaat(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender) -> PlanResultaat:
    """Wat één plan bijdraagt aan het rapport: de regel (of None) en waarschuwingen.
    Per plan te cachen; het rapport zelf telt en groepeert daarna."""
    if plan.afgesloten is not None and plan.afgesloten <= peildatum:
        return None, []
    waarschuwingen = [f"{plan.id}: {t}" for t in tegenstrijdigheden(plan, g)]
    regel = leerling(plan, peildatum, g, kal)
    if (regel is not None and regel.categorie in ("relatief_4w_3m", "relatief_3m_plus", "dreigend")
            and g.leerplicht.termijnen.vier_weken_telling == "lesweken"):
        sk = schoolkalender(plan, peildatum, kal)
        if sk.onbekend(regel.sinds, peildatum):
            regio = f"regio {sk.regio}" if sk.regio else "onbekende vakantieregio"
            waarschuwingen.append(
                f"{plan.id}: schoolvakanties van {regel.sinds} tot {peildatum} niet (volledig) "
                f"bekend ({regio}): die weken tellen als lesweken")
    return regel, waarschuwingen


def rapport(plannen: Iterable[Plan], peildatum: date, g: Gegevens, kal: Kalender, *,
            per: Per | None = None, per_leerling: bool = False,
            met_namen: bool = False) -> Rapport:
    return rapport_uit((plan_resultaat(p, peildatum, g, kal) for p in plannen), peildatum,
                       instellingen(g), per=per, per_leerling=per_leerling, met_namen=met_namen)


def instellingen(g: Gegevens) -> tuple[int, str]:
    """Wat het rapport uit de gegevens nodig heeft: (drempel voor kleine aantallen, telling
    van de 4 weken). Klein en te cachen: een warm rapport leest de gegevens niet."""
    return g.kwaliteit.kleine_groep.drempel, g.leerplicht.termijnen.vier_weken_telling


def rapport_uit(resultaten: Iterable[PlanResultaat], peildatum: date,
                instelling: tuple[int, str], *, per: Per | None = None,
                per_leerling: bool = False, met_namen: bool = False) -> Rapport:
    drempel, telling = instelling
    alle: list[Leerling] = []
    waarschuwingen: list[str] = []
    for regel, meldingen in resultaten:
        if regel is not None:
            alle.append(regel)
        waarschuwingen += meldingen
    met_namen = met_namen and per_leerling
    geteld = _sorteer([r for r in alle if r.categorie in GETELD])
    dreigend = _sorteer([r for r in alle if r.categorie == "dreigend"])
    if not met_namen:
        # Namen en geboortedatums verlaten deze module niet zonder --met-namen.
        geteld = [replace(r, naam=None, geboortedatum=None) for r in geteld]
        dreigend = [replace(r, naam=None, geboortedatum=None) for r in dreigend]
    groepen: list[Groep] = []
    if per is not None:
        indeling: dict[str, list[Leerling]] = {}
        for r in geteld:
            sleutel = (r.school or GEEN_SCHOOL) if per == "school" else r.gemeente
            indeling.setdefault(sleutel, []).append(r)
        namen = sorted(indeling)
        rijen = [_tel(indeling[n]) for n in namen]
        getoond: list[dict[str, int | None]] = (
            [dict(r) for r in rijen] if per_leerling
            else onderdruk_cellen(rijen, GETELD, drempel))
        groepen = [Groep(n, t) for n, t in zip(namen, getoond, strict=True)]
    return Rapport(peildatum, geteld, dreigend, drempel, telling, per, per_leerling, met_namen,
                   groepen, waarschuwingen)
