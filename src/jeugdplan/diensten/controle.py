"""`check` over de hele repository: de bevindingen per plan (uit de cache zolang het plan niet
veranderde) met bestand en regel, plus wat alleen de repository kan zeggen: twee plannen voor
één kind, niet vastgelegde wijzigingen, te ruime rechten en fouten in `jeugdplan.yaml`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from jeugdplan.domein.checks import Bevinding, PlanControle, controleer_plan, over_casussen
from jeugdplan.domein.errors import Probleem
from jeugdplan.opslag.store import Repo

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Plan


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


def controleer_plan_in_repo(repo: Repo, plan: Plan, vandaag: date, g: Gegevens) -> PlanControle:
    k = plan.kind
    return PlanControle(
        plan.id, tuple(_met_regels(repo, plan.id, controleer_plan(plan, vandaag, g))),
        (plan.id, k.voornaam, k.achternaam, k.geboortedatum), tuple(k.niet_dezelfde_als))


def controleer_repository(repo: Repo, ids: list[str] | None, vandaag: date) -> list[Probleem]:
    """Alle problemen in de repository (of in `ids`), met bestand en regel.

    Schemafouten komen uit het laden; de inhoudelijke bevindingen per plan komen uit de
    cache zolang het plan niet veranderde (`cache.per_plan`).
    """
    from jeugdplan.opslag import gitrepo
    from jeugdplan.opslag.bronnen import gegevens
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
                                            lambda p: controleer_plan_in_repo(repo, p, vandaag, gegevens()),
                                            modi):
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
    for ident, bevindingen in sorted(over_casussen(kinderen).items()):
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
