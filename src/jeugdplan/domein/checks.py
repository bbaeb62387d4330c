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
from jeugdplan.domein.toestemming import (
    heeft_toestemming,
    leeftijd,
    opnieuw_vragen,
    zonder_toestemming,
)

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
    for i, spoor in enumerate(plan.meldcode):
        yield ("meldcode", i, "gestart"), spoor.gestart


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
    """Met de hand bewerkte meldcodesporen moeten door de stappenmachine te volgen zijn, ook
    in de tijd (stap 2 niet vóór stap 1, de melding niet vóór het besluit, ...). Een signaal
    over veiligheid na een afgerond spoor vraagt een nieuw spoor."""
    from jeugdplan.domein.meldcode import fouten, machine, open_signalen

    for fout in fouten(plan, machine(g)) if plan.meldcode else []:
        yield _fout("meldcode-spoor", ("meldcode",), fout)
    open_ = open_signalen(plan) if _open(plan) else []
    if open_:
        wat = ("kwam na het laatste meldcodespoor: start een nieuw spoor" if plan.meldcode
               else "heeft nog geen meldcodespoor: start de meldcode")
        yield _waarschuwing("meldcode-spoor", ("signalen",),
                            f"signaal {', '.join(s.id for s in open_)} over veiligheid {wat} "
                            f"('jeugdplan meldcode start {plan.id}')")


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
    """Binnen elke lijst (ook genest: de historie van elke verwijzing) is elk id uniek."""
    from jeugdplan.domein.model import id_lijsten

    for pad in id_lijsten():
        for loc, lijst in _lijsten_op(plan, pad, ()):
            gezien: set[str] = set()
            for i, item in enumerate(lijst):
                if item.id in gezien:
                    yield _fout("unieke-ids", (*loc, i, "id"), f"id {item.id} komt twee keer voor")
                gezien.add(item.id)


def _lijsten_op(obj: object, pad: tuple[str, ...], loc: Loc) -> Iterator[tuple[Loc, list]]:
    """De lijsten op `pad` (met "*" voor elk onderdeel van een tussenliggende lijst)."""
    if obj is None:
        return
    if not pad:
        if isinstance(obj, list):
            yield loc, obj
        return
    stap, rest = pad[0], pad[1:]
    if stap == "*":
        for i, item in enumerate(obj if isinstance(obj, list) else []):
            yield from _lijsten_op(item, rest, (*loc, i))
    else:
        yield from _lijsten_op(getattr(obj, "schema_versie" if stap == "schema" else stap, None),
                               rest, (*loc, stap))


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
    if opp and opp.evaluatiedatum and opp.evaluatiedatum < vandaag and not any(
            e.datum >= opp.evaluatiedatum for e in opp.evaluaties):
        yield _waarschuwing("evaluatie-verstreken", ("ondersteuning", "opp", "evaluatiedatum"),
                            f"OPP-evaluatie {opp.evaluatiedatum} is verstreken")


@controle("opp")
def _opp(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    """Het OPP volgens de wet (data/opp.yaml): verplicht, op tijd, volledig, met instemming
    en met een evaluatie per schooljaar."""
    from jeugdplan.domein.opp import bevindingen

    for b in bevindingen(plan, vandaag, g):
        yield Bevinding(b.code, b.ernst, b.loc, b.melding)


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


@controle("toestemming-opnieuw")
def _toestemming_opnieuw(plan: Plan, vandaag: date, g: Gegevens) -> Iterator[Bevinding]:
    """Toestemming gegeven zonder het kind, dat nu (12 of 16 geworden) zelf moet toestemmen."""
    if not _open(plan):
        return
    for melding in opnieuw_vragen(plan, vandaag, g):
        yield _waarschuwing("toestemming-opnieuw", ("toestemmingen",), melding)


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
