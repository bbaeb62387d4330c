"""`check` over de hele repository: de bevindingen per plan (uit de cache zolang het plan niet
veranderde) met bestand en regel, plus wat alleen de repository kan zeggen: twee plannen voor
één kind, niet vastgelegde wijzigingen, te ruime rechten en fouten in `jeugdplan.yaml`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple
from datetime import date
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.checks import Bevinding, PlanControle, controleer_plan, over_casussen
from jeugdplan.domein.errors import Probleem
from jeugdplan.opslag.store import Repo

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan


def _met_regels(repo: Repo, ident: str, bevindingen: Iterable[Bevinding]) -> list[Probleem]:
    """Bevindingen met regel en kolom; het plan wordt alleen opnieuw gelezen als er
    bevindingen zijn."""
    from jeugdplan.domein.errors import PlanOngeldig
    from jeugdplan.opslag.planbestand import lees_ruw, plantekst
    from jeugdplan.opslag.store import CASUSSEN, PLAN
    from jeugdplan.opslag.validatie import veldpad
    from jeugdplan.opslag.yamlio import knopen, plaats

    bevindingen = list(bevindingen)
    if not bevindingen:
        return []
    relatief = f"{CASUSSEN}/{ident}/{PLAN}"
    try:
        doc = knopen(plantekst(lees_ruw(repo.casussen, ident, relatief), relatief))
    except PlanOngeldig:
        doc = None
    return [Probleem(relatief, *plaats(doc, b.loc), veldpad(b.loc), b.melding, b.ernst, b.code)
            for b in bevindingen]


Rij = tuple[str, tuple[tuple[Any, ...], ...], tuple[str, str, str, date], tuple[str, ...]]
"""Een `PlanControle` als gewone tuples, zoals de cache hem bewaart: zonder eigen klassen is
hij vele malen sneller uit te pakken (warm `check` pakt er één per plan uit)."""


def controleer_plan_in_repo(plan: Plan, repo: Repo, vandaag: date) -> Rij:
    """Wat `check` per plan uitrekent (in een werkproces en bewaard in de cache)."""
    from jeugdplan.opslag.bronnen import gegevens

    k = plan.kind
    problemen = _met_regels(repo, plan.id, controleer_plan(plan, vandaag, gegevens()))
    return (plan.id, tuple(astuple(p) for p in problemen),
            (plan.id, k.voornaam, k.achternaam, k.geboortedatum), tuple(k.niet_dezelfde_als))


def _controle(rij: Rij) -> PlanControle:
    ident, problemen, kind, niet_dezelfde_als = rij
    return PlanControle(ident, tuple(Probleem(*p) for p in problemen), kind, niet_dezelfde_als)


def controleer_repository(repo: Repo, ids: list[str] | None, vandaag: date) -> list[Probleem]:
    """Alle problemen in de repository (of in `ids`), met bestand en regel.

    Schemafouten komen uit het laden; de inhoudelijke bevindingen per plan komen uit de
    cache zolang het plan niet veranderde (`cache.per_plan`).
    """
    from functools import partial

    from jeugdplan.opslag import gitrepo
    from jeugdplan.opslag.inlezen import per_plan
    from jeugdplan.opslag.store import controleer_id

    gekozen = None if not ids else {controleer_id(i) for i in ids}
    if gekozen:
        for ident in sorted(gekozen):
            repo.bestaand_plan_pad(ident)
    onvastgelegd = gitrepo.onvastgelegd_op_achtergrond(repo.root)
    problemen: list[Probleem] = []
    kinderen: list[PlanControle] = []
    functie = partial(controleer_plan_in_repo, repo=repo, vandaag=vandaag)
    for ident, rij, fouten in per_plan(repo, f"check:{vandaag}", functie):
        controle = _controle(rij) if rij is not None else None
        if controle is not None:
            kinderen.append(controle)
        if gekozen is not None and ident not in gekozen:
            continue
        problemen.extend(fouten)
        if controle is None:
            continue
        if controle.id != ident:
            problemen.extend(_met_regels(repo, ident, [Bevinding(
                "id", "fout", ("id",), f"id {controle.id!r} wijkt af van de mapnaam {ident!r}")]))
        problemen.extend(controle.problemen)
    for ident, bevindingen in sorted(_over_casussen(repo, kinderen).items()):
        if gekozen is None or ident in gekozen:
            problemen.extend(_met_regels(repo, ident, bevindingen))
    for pad in onvastgelegd():
        if gekozen is None or any(f"/{i}/" in f"/{pad}" for i in gekozen):
            problemen.append(Probleem(pad, None, None, "", "wijziging is niet vastgelegd in git "
                                      "(de vorige opdracht werd onderbroken?)", "waarschuwing",
                                      "onvastgelegd"))
    problemen.extend(leesbaar_voor_anderen(_modi(repo, gekozen), gekozen))
    if gekozen is None:
        problemen.extend(_instellingen(repo))
    return problemen


def _over_casussen(repo: Repo, kinderen: list[PlanControle]) -> dict[str, list[Bevinding]]:
    """`over_casussen`, onthouden zolang namen, geboortedata en `niet_dezelfde_als` van alle
    plannen gelijk blijven (warm `check` vergelijkt dan niet opnieuw elk paar)."""
    from jeugdplan.opslag.cache import Cache

    inhoud = repr([(k.kind, k.niet_dezelfde_als) for k in kinderen]).encode()
    with Cache(repo.root) as cache:
        uitkomst: dict[str, list[Bevinding]] = cache.onthoud(
            "over-casussen", inhoud, lambda: over_casussen(kinderen))
    return uitkomst


def _modi(repo: Repo, gekozen: set[str] | None) -> dict[str, tuple[int, int]]:
    """id -> rechten van map en plan.yaml (zonder symbolische koppelingen te volgen)."""
    import os

    from jeugdplan.opslag.paden import ID_PATROON

    uit: dict[str, tuple[int, int]] = {}
    try:
        with os.scandir(repo.casussen) as it:
            mappen = [e for e in it if ID_PATROON.match(e.name)
                      and (gekozen is None or e.name in gekozen)]
    except OSError:
        return uit
    for e in mappen:
        try:
            uit[e.name] = (e.stat(follow_symlinks=False).st_mode,
                           os.lstat(os.path.join(e.path, "plan.yaml")).st_mode)
        except OSError:
            continue  # een map zonder plan is geen casus
    return uit


def leesbaar_voor_anderen(modi: dict[str, tuple[int, int]],
                          gekozen: set[str] | None = None) -> list[Probleem]:
    """Controle `leesbaar-voor-anderen`: een plan (of zijn map) dat groep of anderen mogen
    lezen. Plannen bevatten bijzondere persoonsgegevens: alleen de eigenaar (0600/0700).

    `modi`: id -> st_mode van map en plan.yaml, verzameld bij het lezen van de plannen
    (`_modi`)."""
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
    from jeugdplan.opslag.cache import Cache
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
    with Cache(repo.root) as cache:
        problemen: list[Probleem] = cache.onthoud("instellingen", inhoud, controleer)
    return problemen
