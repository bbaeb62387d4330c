"""Inhoudelijke controles bovenop het schema, elk met een naam (zoals `hledger check`).

Een controle is een functie `(plan, vandaag) -> list[Bevinding]`. Onmogelijke feiten zijn
fouten (geboortedatum in de toekomst, gebeurtenis vóór de geboorte, einde vóór begin);
wat aandacht vraagt is een waarschuwing (evaluatiedatum verstreken, actie over tijd, doel
zonder eigenaar, partner betrokken zonder toestemming). Controles over casussen heen (een
tweede plan voor hetzelfde kind) staan in `over_casussen`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from jeugdplan.domein.dubbel import dubbele_groepen
from jeugdplan.domein.errors import Ernst, Probleem
from jeugdplan.domein.toestemming import heeft_toestemming, leeftijd, zonder_toestemming
from jeugdplan.opslag.resources import lees_data

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.store import Repo

Loc = tuple[str | int, ...]
MAX_LEEFTIJD = 27
"""Ouder dan dit bij aanmelding is geen jeugdige meer (Jeugdwet: tot 18, verlengd tot 23)."""


@dataclass(frozen=True)
class Bevinding:
    code: str
    ernst: Ernst
    loc: Loc
    melding: str


Controle = Callable[["Plan", date], Iterator[Bevinding]]
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
def _geboortedatum(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    geboren = plan.kind.geboortedatum
    loc = ("kind", "geboortedatum")
    if geboren > vandaag:
        yield _fout("geboortedatum", loc, f"geboortedatum {geboren} ligt in de toekomst")
    elif leeftijd(geboren, plan.aangemeld) > MAX_LEEFTIJD:
        yield _fout("geboortedatum", loc,
                    f"geboortedatum {geboren}: bij aanmelding ouder dan {MAX_LEEFTIJD} jaar; "
                    "typfout in het jaar?")


@controle("voor-geboorte")
def _voor_geboorte(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    for loc, datum in _datums(plan):
        if datum < plan.kind.geboortedatum:
            yield _fout("voor-geboorte", loc, f"{datum} ligt vóór de geboortedatum van het kind")


@controle("einde-voor-begin")
def _einde_voor_begin(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    for loc, begin, einde, wat in _periodes(plan):
        if begin is not None and einde is not None and einde < begin:
            yield _fout("einde-voor-begin", loc, f"{wat} {einde} ligt vóór het begin ({begin})")


@controle("meldcode-spoor")
def _meldcode_spoor(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    """Een met de hand bewerkt meldcodespoor moet door de stappenmachine te volgen zijn."""
    if plan.meldcode is None:
        return
    from jeugdplan.domein.meldcode import toestand

    for fout in toestand(plan.meldcode).fouten:
        yield _fout("meldcode-spoor", ("meldcode",), fout)


@controle("verzuim-tegenstrijdig")
def _verzuim(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    """Verzuimperiodes die elkaar tegenspreken (overlap, afwezig zonder inschrijving)."""
    v = plan.verzuim
    if not (v.inschrijvingen or v.afwezigheden or v.vrijstellingen or v.aanbod):
        return
    from jeugdplan.domein.verzuim import tegenstrijdigheden

    for melding in tegenstrijdigheden(plan):
        yield _fout("verzuim-tegenstrijdig", ("verzuim",), melding)


@controle("status")
def _status(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    if plan.status == "afgesloten" and plan.afgesloten is None:
        yield _fout("status", ("status",), "afgesloten casus zonder datum 'afgesloten'")
    if plan.status != "afgesloten" and plan.afgesloten is not None:
        yield _fout("status", ("afgesloten",),
                    f"datum 'afgesloten' terwijl de status '{plan.status}' is")


@controle("unieke-ids")
def _unieke_ids(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    for lijst in ("signalen", "doelen", "acties", "verwijzingen"):
        gezien: set[str] = set()
        for i, item in enumerate(getattr(plan, lijst)):
            if item.id in gezien:
                yield _fout("unieke-ids", (lijst, i, "id"), f"id {item.id} komt twee keer voor")
            gezien.add(item.id)


def _open(plan: Plan) -> bool:
    return plan.status != "afgesloten"


@controle("evaluatie-verstreken")
def _evaluatie(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
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
def _actie(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    if not _open(plan):
        return
    for i, actie in enumerate(plan.acties):
        if actie.gedaan is None and actie.deadline is not None and actie.deadline < vandaag:
            yield _waarschuwing("actie-over-tijd", ("acties", i, "deadline"),
                                f"actie {actie.id} is over tijd (deadline {actie.deadline})")


@controle("doel-zonder-eigenaar")
def _eigenaar(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    for i, doel in enumerate(plan.doelen):
        if not doel.eigenaar and doel.status == "lopend":
            yield _waarschuwing("doel-zonder-eigenaar", ("doelen", i),
                                f"doel {doel.id} heeft geen eigenaar")


@controle("zonder-toestemming")
def _toestemming(plan: Plan, vandaag: date) -> Iterator[Bevinding]:
    if not _open(plan):
        return
    vrij = zonder_toestemming() | set(lees_data("toestemming.yaml")["school_intern"]["rollen"])
    for i, b in enumerate(plan.betrokkenen):
        if b.rol in vrij:
            continue
        kandidaten = [b.organisatie or "", b.naam, b.rol]
        if not heeft_toestemming(plan, kandidaten, vandaag):
            wie = b.organisatie or b.naam
            yield _waarschuwing("zonder-toestemming", ("betrokkenen", i),
                                f"{wie} ({b.rol}) is betrokken zonder geldige toestemming "
                                "om gegevens te delen")


def controleer_plan(plan: Plan, vandaag: date) -> list[Bevinding]:
    bevindingen: list[Bevinding] = []
    for functie in CONTROLES.values():
        bevindingen.extend(functie(plan, vandaag))
    return bevindingen


def over_casussen(kinderen: list[PlanControle], repo: Repo | None = None
                  ) -> dict[str, list[Bevinding]]:
    """Controles over casussen heen: waarschijnlijk twee plannen voor één kind (tenzij met
    `new --toch` is vastgelegd dat het een ander kind is). Met `repo` komen de groepen uit
    de cache zolang geen naam of geboortedatum veranderde."""
    uit: dict[str, list[Bevinding]] = {}
    kandidaten = [k.kind for k in kinderen]
    anders = {(k.id, ander) for k in kinderen for ander in k.niet_dezelfde_als}
    if repo is None:
        groepen = dubbele_groepen(kandidaten)
    else:
        from jeugdplan.opslag.cache import onthoud

        groepen = onthoud(repo, "dubbel", kandidaten, lambda: dubbele_groepen(kandidaten))
    for a, b in groepen:
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


def _met_regels(repo: Repo, ident: str, bevindingen: Iterable[Bevinding]) -> list[Probleem]:
    """Bevindingen met regel en kolom; het round-trip-document wordt alleen gelezen als er
    bevindingen zijn."""
    from jeugdplan.domein.errors import PlanOngeldig
    from jeugdplan.opslag.store import CASUSSEN, PLAN
    from jeugdplan.opslag.validatie import veldpad
    from jeugdplan.opslag.versleuteling import lees_plan_bytes as lees_bytes  # ontsleutelt zo nodig
    from jeugdplan.opslag.yamlio import decodeer, knopen_snel, plaats_in_knopen

    bevindingen = list(bevindingen)
    if not bevindingen:
        return []
    relatief = f"{CASUSSEN}/{ident}/{PLAN}"
    try:
        # Alleen de knopen (C-composer): ~1 ms in plaats van ~15 ms round-trip per plan.
        knopen = knopen_snel(decodeer(lees_bytes(repo.casussen / ident / PLAN, relatief),
                                      relatief))
    except (PlanOngeldig, OSError):
        knopen = None
    uit = []
    for b in bevindingen:
        regel, kolom = plaats_in_knopen(knopen, b.loc) if knopen is not None else (None, None)
        uit.append(Probleem(relatief, regel, kolom, veldpad(b.loc), b.melding, b.ernst, b.code))
    return uit


def controleer_plan_in_repo(repo: Repo, plan: Plan, vandaag: date) -> PlanControle:
    k = plan.kind
    return PlanControle(
        plan.id, tuple(_met_regels(repo, plan.id, controleer_plan(plan, vandaag))),
        (plan.id, k.voornaam, k.achternaam, k.geboortedatum), tuple(k.niet_dezelfde_als))


def controleer_repository(repo: Repo, ids: list[str] | None, vandaag: date) -> list[Probleem]:
    """Alle problemen in de repository (of in `ids`), met bestand en regel.

    Schemafouten komen uit het laden; de inhoudelijke bevindingen per plan komen uit de
    cache zolang het plan niet veranderde (`cache.per_plan`).
    """
    from jeugdplan.opslag import gitrepo
    from jeugdplan.opslag.cache import per_plan
    from jeugdplan.opslag.store import controleer_id

    gekozen = None if not ids else {controleer_id(i) for i in ids}
    if gekozen:
        for ident in sorted(gekozen):
            repo.bestaand_plan_pad(ident)
    onvastgelegd = gitrepo.onvastgelegd_op_achtergrond(repo.root)
    problemen: list[Probleem] = []
    kinderen: list[PlanControle] = []
    modi: dict[str, tuple[int, int]] = {}
    for ident, controle, fouten in per_plan(repo, f"check:{vandaag}",
                                            lambda p: controleer_plan_in_repo(repo, p, vandaag),
                                            modi):
        if controle is not None:
            kinderen.append(controle)
        if gekozen is not None and ident not in gekozen:
            continue
        problemen.extend(fouten)
        if controle is None:
            continue
        if controle.id != ident:
            problemen.extend(_met_regels(repo, ident, [_fout(
                "id", ("id",), f"id {controle.id!r} wijkt af van de mapnaam {ident!r}")]))
        problemen.extend(controle.problemen)
    for ident, bevindingen in sorted(over_casussen(kinderen, repo).items()):
        if gekozen is None or ident in gekozen:
            problemen.extend(_met_regels(repo, ident, bevindingen))
    for pad in onvastgelegd():
        if gekozen is None or any(f"/{i}/" in f"/{pad}" for i in gekozen):
            problemen.append(Probleem(pad, None, None, "", "wijziging is niet vastgelegd in git "
                                      "(de vorige opdracht werd onderbroken?)", "waarschuwing",
                                      "onvastgelegd"))
    problemen.extend(leesbaar_voor_anderen(modi, gekozen))
    if gekozen is None:
        problemen.extend(_instellingen(repo))
    return problemen


def leesbaar_voor_anderen(modi: dict[str, tuple[int, int]],
                          gekozen: set[str] | None = None) -> list[Probleem]:
    """Controle `leesbaar-voor-anderen`: een plan (of zijn map) dat groep of anderen mogen
    lezen. Plannen bevatten bijzondere persoonsgegevens: alleen de eigenaar (0600/0700).

    `modi`: id -> st_mode van map en plan.yaml, verzameld bij het lezen van de plannen
    (`cache.per_plan`); zo kost dit geen tweede ronde stats."""
    import os
    import stat

    from jeugdplan.opslag.store import CASUSSEN, PLAN

    uit: list[Probleem] = []
    for ident, (map_modus, plan_modus) in sorted(modi.items()):
        if (gekozen is not None and ident not in gekozen) or not stat.S_ISDIR(map_modus):
            continue
        relatief = f"{CASUSSEN}/{ident}/{PLAN}"
        for pad, modus, soort, advies in ((f"{CASUSSEN}/{ident}", map_modus, "map", "700"),
                                          (relatief, plan_modus, "bestand", "600")):
            if modus & 0o077:
                uit.append(Probleem(
                    relatief, None, None, "",
                    f"{soort} is leesbaar voor anderen (rechten {stat.S_IMODE(modus):04o}); "
                    f"plannen bevatten bijzondere persoonsgegevens: chmod {advies} "
                    f"{os.path.normpath(pad)}",
                    "waarschuwing", "leesbaar-voor-anderen"))
    return uit


def _instellingen(repo: Repo) -> list[Probleem]:
    """`jeugdplan.yaml` zelf (wordt pas gelezen door opdrachten die de instellingen nodig
    hebben; `check` meldt een fout erin altijd). Onthouden per inhoud van het bestand, zodat
    warm `check` er geen pydantic voor laadt."""
    from jeugdplan.domein.errors import PlanOngeldig
    from jeugdplan.opslag.cache import onthoud
    from jeugdplan.opslag.store import INSTELLINGEN

    def controleer() -> list[Probleem]:
        try:
            repo.instellingen  # noqa: B018 - valideert bij het eerste gebruik
        except PlanOngeldig as e:
            return e.problemen
        return []

    try:
        inhoud = (repo.root / INSTELLINGEN).read_bytes()
    except OSError:
        return controleer()
    problemen: list[Probleem] = onthoud(repo, "instellingen", inhoud, controleer)
    return problemen
