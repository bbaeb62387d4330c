"""Privacy van de casusrepository: inzage-export, bewaartermijnen en verwijderen (purge).

- `exporteer`: een kopie van één plan voor het inzagerecht van ouders of jongere (AVG art. 15;
  Jeugdwet 7.3.10): de velden, de tekst van het bestand (ook opmerkingen) en de
  wijzigingsgeschiedenis uit git (wie, wanneer, wat), zonder wat volgens `domein.inzage`
  achterblijft (een lopend meldcodespoor, informatie over derden), met wat en waarom.
- `purge`: één casus uit de werkmap verwijderen (één commit), met elke kopie die jeugdplan
  in deze kloon kan bereiken (cache, bewerkingen, resten van git), en alleen op uitdrukkelijk
  verzoek ook uit de geschiedenis van deze repository (`git filter-branch`). De kloon
  onthoudt het id (`inkomend.begraaf`), zodat `sync` de casus niet terughaalt.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jeugdplan.diensten.bewerken import wis_bewerking
from jeugdplan.diensten.historie import plan_versies
from jeugdplan.diensten.inkomend import begraaf
from jeugdplan.domein.bewaartermijn import einde_termijn, termijn_van
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.taal import aantal
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.bronnen import gegevens
from jeugdplan.opslag.slot import vergrendeld
from jeugdplan.opslag.store import CASUSSEN, Repo, controleer_id
from jeugdplan.opslag.versleuteling import lees_plan_bytes
from jeugdplan.opslag.yamlio import decodeer

if TYPE_CHECKING:
    from jeugdplan.domein.inzage import Verzoek

# --- inzage-export ------------------------------------------------------------------------


def _velden_gewijzigd(oud: dict[str, Any] | None, nieuw: dict[str, Any] | None) -> list[str]:
    oud, nieuw = oud or {}, nieuw or {}
    return [k for k in dict.fromkeys([*oud, *nieuw]) if oud.get(k) != nieuw.get(k)]


def _sporen(data: dict[str, Any] | None) -> dict[str, Any]:
    """De meldcodesporen van een versie per id (een plan van vóór de sporen: één spoor m1)."""
    waarde = (data or {}).get("meldcode")
    if isinstance(waarde, dict):
        waarde = [{"id": "m1", **waarde}]
    return {str(s.get("id")): s for s in waarde or [] if isinstance(s, dict)}


def _per_id(data: dict[str, Any] | None, lijst: str) -> dict[str, Any]:
    if lijst == "meldcode":
        return _sporen(data)
    return {str(x.get("id")): x for x in (data or {}).get(lijst) or [] if isinstance(x, dict)}


def _raakt(oud: dict[str, Any] | None, nieuw: dict[str, Any] | None,
           ids: dict[str, set[str]]) -> bool:
    """Veranderde een van de onderdelen `ids` (lijst -> ids) tussen deze twee versies?"""
    for lijst, gezocht in ids.items():
        a, b = _per_id(oud, lijst), _per_id(nieuw, lijst)
        if any(a.get(i) != b.get(i) for i in gezocht):
            return True
    return False


def exporteer(repo: Repo, ruw_id: str, vandaag: date, verzoek: Verzoek) -> dict[str, Any]:
    """Een kopie van dit plan met de geschiedenis voor inzage (AVG art. 15; Jeugdwet
    7.3.10): wat volgens `inzage.beoordeel` achterblijft staat er niet in, wel wat en op welke
    grond. Weigert (JeugdplanError) als deze aanvrager geen inzage mag krijgen."""
    from jeugdplan.domein.inzage import beoordeel, beperk

    g = gegevens()
    geladen = repo.laad(ruw_id)
    plan = geladen.plan
    beoordeling = beoordeel(plan, verzoek, vandaag, g)
    tekst = decodeer(lees_plan_bytes(geladen.pad, geladen.relatief), geladen.relatief)
    # Per commit welke onderdelen veranderden (oudste eerst vergelijken); niet `git log
    # --follow`: dat toont na een hernoeming ook de commits van een ander kind met het oude id.
    geschiedenis = []
    verborgen = 0
    vorige: dict[str, Any] | None = None
    lopend = {"meldcode": set(beoordeling.lopend), "signalen": set(beoordeling.signalen)}
    for w, versie in reversed(plan_versies(repo, geladen.relatief)):
        if beoordeling.lopend and _raakt(vorige, versie, lopend):
            verborgen += 1  # wie, wanneer en wat in een lopend spoor: blijft ook achter
        else:
            geschiedenis.append({"hash": w.hash, "auteur": w.auteur, "datum": w.datum,
                                 "bericht": w.bericht,
                                 "onderdelen": _velden_gewijzigd(vorige, versie)})
        vorige = versie
    geschiedenis.reverse()
    bijlagen_map = geladen.pad.parent / "bijlagen"
    bijlagen = sorted(p.relative_to(geladen.pad.parent).as_posix()
                      for p in bijlagen_map.rglob("*") if p.is_file()) \
        if bijlagen_map.is_dir() and repo.binnen_repository(bijlagen_map) else []
    t = termijn_van(plan, g)
    einde = einde_termijn(plan, g)
    weggelaten = list(beoordeling.weggelaten)
    if verborgen:
        lopend_ = g.inzage.beperkingen["lopend-meldcodespoor"]
        weggelaten.append({"wat": f"{aantal(verborgen, 'wijziging')} in de geschiedenis die het lopende "
                                  "meldcodespoor of zijn signalen betreffen",
                           "grond": " ".join(lopend_.grond.split()), "bron": lopend_.bron})
    if weggelaten:
        weggelaten.append({"wat": "het bestand zoals het is opgeslagen (plan_yaml): het bevat "
                                  "wat hierboven is weggelaten",
                           "grond": "zie de beperkingen hierboven", "bron": "AVG art. 15 lid 4"})
    plan_data = beperk(plan.als_json_data(), verzoek, beoordeling)
    return {
        "soort": "inzage-export (AVG art. 15; Jeugdwet art. 7.3.10)",
        "id": plan.id,
        "gemaakt_op": vandaag.isoformat(),
        "organisatie": repo.instellingen.organisatie,
        "bestand": geladen.relatief,
        "plan": plan_data,
        "plan_yaml": None if weggelaten else tekst,
        "geschiedenis": geschiedenis,
        "bijlagen": bijlagen,
        "bewaartermijn": {"termijn_jaren": t.jaren, "grond": t.grond,
                          "bewaren_tot": einde.isoformat() if einde else None,
                          "onzeker": t.onzeker},
        "inzage": {
            "aanvrager": verzoek.aanvrager, "naam": verzoek.naam,
            "hoedanigheid": beoordeling.hoedanigheid, "volledig": verzoek.volledig,
            "reden": verzoek.reden if verzoek.volledig else None,
            "gegeven": [*plan_data, "geschiedenis", "bijlagen"],
            "weggelaten": weggelaten,
            "waarschuwingen": beoordeling.waarschuwingen,
            "termijn": " ".join(g.inzage.termijn.uitleg.split()),
        },
    }


# --- verwijderen --------------------------------------------------------------------------


@dataclass
class PurgeUitkomst:
    id: str
    commit: str | None
    uit_geschiedenis: bool


def purge(repo: Repo, ruw_id: str, uit_geschiedenis: bool = False) -> PurgeUitkomst:
    """Verwijdert casus `ruw_id` (map met plan en bijlagen) uit de werkmap in één commit;
    met `uit_geschiedenis` ook uit alle commits van deze repository."""
    ident = controleer_id(ruw_id)
    gitrepo.identiteit(repo.root)
    with vergrendeld(repo.root):
        gitrepo.weiger_als_half(repo.root)
        map_ = repo.casussen / ident
        relatief = f"{CASUSSEN}/{ident}"
        if map_.is_symlink():
            raise JeugdplanError(f"{relatief} is een symlink; verwijder die zelf")
        gevolgd = bool(gitrepo.git(repo.root, "ls-files", "--", relatief).strip())
        in_historie = bool(gitrepo.git(repo.root, "log", "--all", "-1", "--format=%H", "--",
                                       relatief).strip())
        if not map_.exists() and not gevolgd and not (uit_geschiedenis and in_historie):
            raise JeugdplanError(f"geen casus met id {ident}; 'jeugdplan list' toont de casussen")
        if uit_geschiedenis:
            _schoon_genoeg(repo, relatief)
        commit = None
        if gevolgd:
            gitrepo.git(repo.root, "rm", "-r", "-q", "--cached", "--", relatief)
        if map_.exists():
            shutil.rmtree(map_)
        _wis_afgeleid(repo, ident)
        if gevolgd:
            try:
                gitrepo.git(repo.root, "commit", "-q", "--no-verify", "-m",
                            f"{ident}: casus verwijderd (purge)", "--", relatief)
            except gitrepo.GitFout as e:
                raise JeugdplanError(
                    f"casus {ident} is uit de werkmap verwijderd, maar vastleggen in git "
                    f"mislukte: {e.melding}. 'git status' toont de verwijdering; leg die vast "
                    "met git commit") from None
            commit = gitrepo.git(repo.root, "rev-parse", "HEAD").strip()
        begraaf(repo.root, ident)  # sync haalt de casus niet terug
        if uit_geschiedenis:
            _uit_geschiedenis(repo, relatief)
            commit = gitrepo.git(repo.root, "rev-parse", "HEAD").strip()
        return PurgeUitkomst(ident, commit, uit_geschiedenis)


def _wis_afgeleid(repo: Repo, ident: str) -> None:
    """Elke kopie van het plan buiten git die jeugdplan kan bereiken: elke cache van deze
    kloon (heel, want SQLite houdt gewiste rijen vast in vrije pagina's; hij bouwt zich vanzelf
    weer op), een onafgemaakte `edit`-kopie van deze casus (lokaal, en oude in
    `.jeugdplan/bewerk/` en de lokale map van oudere versies), en wat een afgebroken git-merge
    of een oudere `sync` achterliet (`.merge_file_*`, `jeugdplan-sync-*.jsonl` in de tijdelijke
    map)."""
    import os
    import tempfile
    from pathlib import Path

    from jeugdplan.opslag.cache import wis_alles
    from jeugdplan.opslag.versleuteling import bewerk_map

    wis_alles(repo.root)
    wis_bewerking(repo.root, ident)
    bewerkingen = [repo.root / ".jeugdplan" / "bewerk", bewerk_map(repo.root)]
    resten = [*repo.root.glob(".merge_file_*"),
              *Path(tempfile.gettempdir()).glob("jeugdplan-sync-*.jsonl"),
              *(p for map_ in bewerkingen if map_.is_dir() and not map_.is_symlink()
                for p in map_.glob(f"{ident}*"))]
    for pad in resten:
        with contextlib.suppress(OSError):
            if pad.is_symlink() or (pad.is_file() and pad.lstat().st_uid == os.getuid()):
                pad.unlink()


def _schoon_genoeg(repo: Repo, relatief: str) -> None:
    """filter-branch weigert bij niet-vastgelegde wijzigingen aan gevolgde bestanden."""
    anders = [regel[3:] for regel in gitrepo.git(
        repo.root, "status", "--porcelain", "--untracked-files=no").splitlines()
        if not regel[3:].startswith(relatief + "/")]
    if anders:
        raise JeugdplanError(
            "verwijderen uit de geschiedenis kan alleen als alle andere wijzigingen zijn "
            f"vastgelegd; nog niet vastgelegd: {', '.join(anders[:5])}. Er is niets verwijderd")


def _uit_geschiedenis(repo: Repo, relatief: str) -> None:
    # Het id is gecontroleerd (alleen letters, cijfers, streepjes): veilig in de filteropdracht.
    filter_ = f"git rm -r -q --cached --ignore-unmatch -- {relatief}"
    try:
        gitrepo.git(repo.root, "filter-branch", "--force", "--prune-empty", "--index-filter",
                    filter_, "--", "--all",
                    extra_omgeving={"FILTER_BRANCH_SQUELCH_WARNING": "1"})
    except gitrepo.GitFout as e:
        if "unchanged" not in e.melding:
            raise JeugdplanError(
                f"verwijderen uit de geschiedenis mislukte: {e.melding}; de casus is wel uit "
                "de werkmap verwijderd") from None
    # Oude verwijzingen, reflog en losse objecten opruimen, anders staat het plan er nog.
    for ref in gitrepo.git(repo.root, "for-each-ref", "--format=%(refname)",
                           "refs/original/").split():
        gitrepo.git(repo.root, "update-ref", "-d", ref)
    gitrepo.git(repo.root, "reflog", "expire", "--expire=now", "--all")
    gitrepo.git(repo.root, "gc", "-q", "--prune=now")
    if gitrepo.git(repo.root, "log", "--all", "-1", "--format=%H", "--", relatief).strip():
        raise JeugdplanError(  # pragma: no cover - zou git-gedrag moeten veranderen
            f"{relatief} staat nog in de geschiedenis; controleer met 'git log --all -- "
            f"{relatief}'")


PURGE_WAARSCHUWING_GESCHIEDENIS = (
    "De casus wordt ook uit alle eerdere commits van DEZE repository verwijderd: alle "
    "commit-hashes veranderen. Klonen bij collega's, remotes en back-ups houden hun eigen "
    "kopie; die moeten apart worden opgeschoond (een remote met 'git push --force', daarna "
    "moet iedereen opnieuw klonen). Deze kloon onthoudt de casus: sync haalt hem niet terug, "
    "maar weigert zolang de gedeelde repository hem nog heeft."
)
