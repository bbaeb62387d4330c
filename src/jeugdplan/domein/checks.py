"""Inhoudelijke controles bovenop het schema, elk met een naam (zoals `hledger check`).

Een controle is een functie `(plan, vandaag, g) -> list[Bevinding]`. Onmogelijke feiten zijn
fouten (geboortedatum in de toekomst, gebeurtenis vóór de geboorte, einde vóór begin);
wat aandacht vraagt is een waarschuwing (evaluatiedatum verstreken, actie over tijd, doel
zonder eigenaar, partner betrokken zonder toestemming). Controles over casussen heen (een
tweede plan voor hetzelfde kind) staan in `over_casussen`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from jeugdplan.domein.dubbel import dubbele_groepen
from jeugdplan.domein.errors import Ernst, Probleem
from jeugdplan.domein.toestemming import heeft_toestemming, leeftijd, zonder_toestemming

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Plan

Loc = tuple[str | int, ...]
MAX_LEEFTIJD = 27
"""Ouder dan dit bij aanmelding is geen jeugdige meer (Jeugdwet: tot 18, verlengd tot 23)."""


@dataclass(frozen=True)
class Bevinding:
    code: str
    ernst: Ernst
    loc: Loc
    melding: str


Controle = Callable[["Plan", date, "Gegevens"], Iterator[Bevinding]]
CONTROLES: dict[str, Controle] = {}


def controle(naam: str) -> Callable[[Controle], Controle]:
    def registreer(functie: Controle) -> Controle:
        CONTROLES[naam] = functie
        return functie

    return registreer


def _fout(code: str, loc: Loc, melding: str) -> Bevinding:
    return Bevinding(code, "fout", loc, melding)


def _waarschuwing(code: str, loc: Loc, melding: str) -> Bevinding:
    return Bevinding(code, "waarschuwing", loc, melding)


def _datums(plan: Plan) -> Iterator[tuple[Loc, date]]:
    """Alle datums van gebeurtenissen in het plan, met hun plaats."""
    yield ("aangemeld",), plan.aangemeld
    for naam in ("actief_sinds", "afgesloten"):
        waarde = getattr(plan, naam)
        if waarde is not None:
            yield (naam,), waarde
    for lijst in ("signalen", "ouders_geinformeerd", "toestemmingen", "evaluaties", "journaal"):
        for i, item in enumerate(getattr(plan, lijst)):
            yield (lijst, i, "datum"), item.datum
    for i, hulp in enumerate(plan.jeugdhulp):
        if hulp.start:
            yield ("jeugdhulp", i, "start"), hulp.start
    if plan.meldcode:
        yield ("meldcode", "gestart"), plan.meldcode.gestart


def _periodes(plan: Plan) -> Iterator[tuple[Loc, date | None, date | None, str]]:
    for i, t in enumerate(plan.toestemmingen):
        yield ("toestemmingen", i, "ingetrokken"), t.datum, t.ingetrokken, "intrekking"
    for i, h in enumerate(plan.jeugdhulp):
        yield ("jeugdhulp", i, "einde"), h.start, h.einde, "einde"
    yield ("afgesloten",), plan.aangemeld, plan.afgesloten, "afsluiting"
    v = plan.verzuim
    for naam, lijst in (("inschrijvingen", v.inschrijvingen), ("afwezigheden", v.afwezigheden),
                        ("vrijstellingen", v.vrijstellingen), ("aanbod", v.aanbod)):
        for i, p in enumerate(lijst):
            yield ("verzuim", naam, i, "tot"), p.van, p.tot, "einde"


@controle("geboortedatum")
def _geboortedatum(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    geboren = plan.kind.geboortedatum
    loc = ("kind", "geboortedatum")
    if geboren > vandaag:
        yield _fout("geboortedatum", loc, f"geboortedatum {geboren} ligt in de toekomst")
    elif leeftijd(geboren, plan.aangemeld) > MAX_LEEFTIJD:
        yield _fout("geboortedatum", loc,
                    f"geboortedatum {geboren}: bij aanmelding ouder dan {MAX_LEEFTIJD} jaar; "
                    "typfout in het jaar?")


@controle("voor-geboorte")
def _voor_geboorte(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    for loc, datum in _datums(plan):
        if datum < plan.kind.geboortedatum:
            yield _fout("voor-geboorte", loc, f"{datum} ligt vóór de geboortedatum van het kind")


@controle("einde-voor-begin")
def _einde_voor_begin(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    for loc, begin, einde, wat in _periodes(plan):
        if begin is not None and einde is not None and einde < begin:
            yield _fout("einde-voor-begin", loc, f"{wat} {einde} ligt vóór het begin ({begin})")


@controle("meldcode-spoor")
def _meldcode_spoor(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    """Een met de hand bewerkt meldcodespoor moet door de stappenmachine te volgen zijn."""
    if plan.meldcode is None:
        return
    from jeugdplan.domein.meldcode import machine, toestand

    for fout in toestand(plan.meldcode, machine(g)).fouten:
        yield _fout("meldcode-spoor", ("meldcode",), fout)


@controle("verzuim-tegenstrijdig")
def _verzuim(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    """Verzuimperiodes die elkaar tegenspreken (overlap, afwezig zonder inschrijving)."""
    v = plan.verzuim
    if not (v.inschrijvingen or v.afwezigheden or v.vrijstellingen or v.aanbod):
        return
    from jeugdplan.domein.verzuim import tegenstrijdigheden

    for melding in tegenstrijdigheden(plan, g):
        yield _fout("verzuim-tegenstrijdig", ("verzuim",), melding)


@controle("vrijstelling")
def _vrijstelling(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    """Vrijstellingen en vervangende leerplicht die vervallen zijn of binnenkort een termijn
    hebben (vernieuwen vóór 1 juli, verlengen, einde)."""
    if not _open(plan) or not (plan.verzuim.vrijstellingen
                               or plan.verzuim.vervangende_leerplicht):
        return
    from jeugdplan.domein.verzuim import aandacht

    vooraf = g.leerplicht.aandacht.dagen_vooraf
    for a in aandacht(plan, vandaag, g, None):
        if a.verlopen or (a.datum - vandaag).days <= vooraf:
            yield _waarschuwing(a.soort, a.loc, a.wat)


@controle("status")
def _status(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    if plan.status == "afgesloten" and plan.afgesloten is None:
        yield _fout("status", ("status",), "afgesloten casus zonder datum 'afgesloten'")
    if plan.status != "afgesloten" and plan.afgesloten is not None:
        yield _fout("status", ("afgesloten",),
                    f"datum 'afgesloten' terwijl de status '{plan.status}' is")


@controle("unieke-ids")
def _unieke_ids(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    for lijst in ("signalen", "doelen", "acties", "verwijzingen"):
        gezien: set[str] = set()
        for i, item in enumerate(getattr(plan, lijst)):
            if item.id in gezien:
                yield _fout("unieke-ids", (lijst, i, "id"), f"id {item.id} komt twee keer voor")
            gezien.add(item.id)


def _open(plan: Plan) -> bool:
    return plan.status != "afgesloten"


@controle("evaluatie-verstreken")
def _evaluatie(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    if not _open(plan):
        return
    laatste = max((e.datum for e in plan.evaluaties), default=None)
    for i, doel in enumerate(plan.doelen):
        if doel.status != "lopend" or doel.evaluatiedatum is None:
            continue
        if doel.evaluatiedatum < vandaag and (laatste is None or laatste < doel.evaluatiedatum):
            yield _waarschuwing("evaluatie-verstreken", ("doelen", i, "evaluatiedatum"),
                                f"evaluatiedatum {doel.evaluatiedatum} van doel {doel.id} "
                                "is verstreken zonder evaluatie")
    opp = plan.ondersteuning.opp
    if opp and opp.evaluatiedatum and opp.evaluatiedatum < vandaag:
        yield _waarschuwing("evaluatie-verstreken", ("ondersteuning", "opp", "evaluatiedatum"),
                            f"OPP-evaluatie {opp.evaluatiedatum} is verstreken")


@controle("actie-over-tijd")
def _actie(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    if not _open(plan):
        return
    for i, actie in enumerate(plan.acties):
        if actie.gedaan is None and actie.deadline is not None and actie.deadline < vandaag:
            yield _waarschuwing("actie-over-tijd", ("acties", i, "deadline"),
                                f"actie {actie.id} is over tijd (deadline {actie.deadline})")


@controle("doel-zonder-eigenaar")
def _eigenaar(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    for i, doel in enumerate(plan.doelen):
        if not doel.eigenaar and doel.status == "lopend":
            yield _waarschuwing("doel-zonder-eigenaar", ("doelen", i),
                                f"doel {doel.id} heeft geen eigenaar")


@controle("zonder-toestemming")
def _toestemming(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    if not _open(plan):
        return
    vrij = zonder_toestemming(g) | set(g.toestemming.school_intern.rollen)
    for i, b in enumerate(plan.betrokkenen):
        if b.rol in vrij:
            continue
        kandidaten = [b.organisatie or "", b.naam, b.rol]
        if not heeft_toestemming(plan, kandidaten, vandaag, g):
            wie = b.organisatie or b.naam
            yield _waarschuwing("zonder-toestemming", ("betrokkenen", i),
                                f"{wie} ({b.rol}) is betrokken zonder geldige toestemming "
                                "om gegevens te delen")


def controleer_plan(plan: Plan, vandaag: date, g: Gegevens) -> list[Bevinding]:
    bevindingen: list[Bevinding] = []
    for functie in CONTROLES.values():
        bevindingen.extend(functie(plan, vandaag, g))
    return bevindingen


def over_casussen(kinderen: list[PlanControle]) -> dict[str, list[Bevinding]]:
    """Controles over casussen heen: waarschijnlijk twee plannen voor één kind (tenzij met
    `new --toch` is vastgelegd dat het een ander kind is)."""
    uit: dict[str, list[Bevinding]] = {}
    anders = {(k.id, ander) for k in kinderen for ander in k.niet_dezelfde_als}
    for a, b in dubbele_groepen([k.kind for k in kinderen]):
        if (a, b) in anders or (b, a) in anders:
            continue
        for ident, ander in ((a, b), (b, a)):
            uit.setdefault(ident, []).append(_fout(
                "dubbel-kind", ("kind",),
                f"waarschijnlijk hetzelfde kind als casus {ander} (één kind, één plan: "
                "voeg de plannen samen)"))
    return uit


@dataclass(frozen=True)
class PlanControle:
    """Wat `check` per plan uitrekent (en de cache per plan bewaart): de bevindingen met hun
    regel, en wat de controle over casussen heen van het kind nodig heeft."""

    id: str
    problemen: tuple[Probleem, ...]
    kind: tuple[str, str, str, date]
    niet_dezelfde_als: tuple[str, ...]
