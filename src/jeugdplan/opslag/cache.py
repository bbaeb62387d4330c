"""Eén cache, gesleuteld op inhoud: nooit verouderd.

Wat jeugdplan uit een plan afleidt (het gevalideerde plan zelf, de regel van `list`, de
bevindingen van `check`, de categorie voor het thuiszittersrapport, ...) staat in één
SQLite-bestand per kloon, in de lokale map van de gebruiker
(`$XDG_CACHE_HOME/jeugdplan/`, 0700; het bestand 0600), onder twee sleutels:

- de **inhoud** van het plan: git's blob-id van de bytes op schijf. `git ls-files -s` en
  `git diff-files` geven die voor alle plannen tegelijk (git lost zelf de randgevallen van
  tijdstempels op); een plan dat git niet kent of dat anders is dan in de index, wordt gelezen
  en zijn id uitgerekend;
- de **soort** resultaat (`overzicht:2026-11-25`: wie een resultaat vraagt, zet alles waar het
  behalve het plan van afhangt in de soort).

Plus één **versie** voor de hele cache: een hash over de geïnstalleerde code, `data/` en de
Python-versie. Een andere versie wist de cache. Zo'n sleutel is nooit verouderd: geen
tijdstempels, geen 'racy'-regels, en `chmod`, `touch` of een verse kloon veranderen niets.

De cache is veilig te wissen (hij wordt opnieuw opgebouwd), een onleesbaar bestand wordt
weggegooid, en kan er niet geschreven worden, dan werkt alles zonder cache.
`JEUGDPLAN_CACHE=0` zet hem uit. Ontbreekt een resultaat, dan rekent een werkproces het uit uit
het bewaarde plan (`Plan.model_validate_json`) of, als ook dat ontbreekt, uit het bestand; bij
veel plannen verdeeld over de processorkernen (`concurrent.futures`, ook met 'spawn').

De cache staat nooit in de repository (die kan op een gedeelde schijf staan en een collega kan
erin schrijven): wat erin staat zijn leesbare, bijzondere persoonsgegevens.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag.lokaal import prive_map, xdg
from jeugdplan.opslag.paden import CASUSSEN, ID_PATROON, PLAN
from jeugdplan.opslag.versleuteling import (
    bewerk_map,
    controleer_toegang,
    identiteiten,
    publieke_sleutel,
    versleuteld_repo,
)

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan

PLANSOORT = "plan"
"""De soort waaronder het gevalideerde plan zelf (JSON) of zijn problemen staan."""
PARALLEL_VANAF = 200
"""Zoveel plannen uit te rekenen: dan over de processorkernen verdelen."""
BLOK = 250
"""Plannen per taak van een werkproces."""
UITVOER_BLOK = 2000
"""Plannen per keer uitgerekend en doorgegeven: het geheugen blijft begrensd, ook bij 100.000."""

Resultaat = tuple[str, Any, list[Probleem]]
"""(id, plan of het gevraagde resultaat, problemen); bij problemen is het tweede None."""


def aan() -> bool:
    """`JEUGDPLAN_CACHE=0` zet de cache uit (vergelijken, foutzoeken)."""
    return os.environ.get("JEUGDPLAN_CACHE", "1") not in ("0", "nee", "uit")


@functools.cache
def versie() -> str:
    """Verandert als de code, `data/` of Python verandert: dan telt niets uit de cache."""
    from hashlib import blake2b

    from jeugdplan import __version__
    from jeugdplan.opslag.bronnen import data_map

    h = blake2b(f"{__version__}\0{sys.version}".encode(), digest_size=12)
    pakket = Path(__file__).resolve().parent.parent
    for pad in sorted([*pakket.rglob("*.py"), *data_map().rglob("*.yaml")]):
        h.update(pad.name.encode())
        with contextlib.suppress(OSError):
            h.update(pad.read_bytes())
    return h.hexdigest()


def cachebestand(root: Path) -> Path:
    """Het cachebestand van deze kloon: per pad van de kloon, en bij een versleutelde
    repository ook per ontgrendelde sleutel (wat de cache weet, is wat díé sleutel kon lezen)."""
    from hashlib import blake2b

    sleutels = ",".join(sorted(publieke_sleutel(i) for i in identiteiten()))
    wie = blake2b(sleutels.encode(), digest_size=5).hexdigest()
    return _map() / f"cache-{_kloon(root)}-{wie}.sqlite"


def _map() -> Path:
    return xdg("XDG_CACHE_HOME", ".cache") / "jeugdplan"


def _kloon(root: Path) -> str:
    from hashlib import blake2b

    return blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()


def wis_alles(root: Path) -> None:
    """Verwijdert elke cache van deze kloon (ook die van een andere sleutel): na `purge`, of
    als versleuteling aangaat (de cache van daarvoor bevat leesbare gegevens)."""
    _ruim_oude_cache_op(root)
    for pad in _map().glob(f"cache-{_kloon(root)}-*"):
        with contextlib.suppress(OSError):
            pad.unlink()


class Cache:
    """Eén verbinding met het cachebestand (of geen, als de cache uit of onbruikbaar is)."""

    def __init__(self, root: Path) -> None:
        self.pad = cachebestand(root)
        self.db: sqlite3.Connection | None = None
        _ruim_oude_cache_op(root)
        if aan():
            self.db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        for poging in range(2):
            try:
                prive_map(self.pad.parent)
                db = sqlite3.connect(self.pad, timeout=30, isolation_level=None)
                with contextlib.suppress(OSError):
                    os.chmod(self.pad, 0o600)
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                db.executescript(
                    "CREATE TABLE IF NOT EXISTS meta (sleutel TEXT PRIMARY KEY, waarde TEXT);"
                    "CREATE TABLE IF NOT EXISTS resultaat (soort TEXT, inhoud TEXT, waarde BLOB,"
                    " PRIMARY KEY (soort, inhoud)) WITHOUT ROWID;")
                rij = db.execute("SELECT waarde FROM meta WHERE sleutel = 'versie'").fetchone()
                if rij is None or rij[0] != versie():
                    with db:
                        db.execute("DELETE FROM resultaat")
                        db.execute("INSERT OR REPLACE INTO meta VALUES ('versie', ?)", (versie(),))
                return db
            except (sqlite3.Error, OSError, JeugdplanError):
                if poging == 0:  # kapot of onleesbaar: weggooien en één keer opnieuw
                    self.wis()
        return None

    def wis(self) -> None:
        """Verwijdert het cachebestand (met de bestanden die SQLite ernaast zet)."""
        self.sluit()
        for achter in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.pad}{achter}")

    def sluit(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None

    def haal(self, soort: str) -> dict[str, bytes]:
        """Alle bewaarde resultaten van een soort: inhoud -> waarde."""
        if self.db is None:
            return {}
        try:
            return dict(self.db.execute(
                "SELECT inhoud, waarde FROM resultaat WHERE soort = ?", (soort,)))
        except sqlite3.Error:
            return {}

    def bewaar(self, soort: str, rijen: Iterable[tuple[str, bytes]], houd: set[str] | None = None
               ) -> None:
        """Bewaart resultaten. Met `houd` (alle inhouden die nu bestaan) verdwijnen de rijen van
        deze soort voor inhoud die er niet meer is, en de rijen van dezelfde soort met een
        andere parameter (`overzicht:<gisteren>` als `overzicht:<vandaag>` bewaard wordt)."""
        if self.db is None:
            return
        rijen = list(rijen)
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO resultaat VALUES (?, ?, ?)",
                                    [(soort, k, v) for k, v in rijen])
                if houd is not None:
                    naam = soort.split(":", 1)[0]
                    self.db.execute("DELETE FROM resultaat WHERE soort >= ? AND soort < ? "
                                    "AND soort != ?", (f"{naam}:", f"{naam};", soort))
                    self._ruim_op(soort, houd)
        except sqlite3.Error:
            pass  # dan niet: de volgende keer wordt het opnieuw uitgerekend

    def _ruim_op(self, soort: str, houd: set[str]) -> None:
        assert self.db is not None
        aantal = self.db.execute("SELECT count(*) FROM resultaat WHERE soort = ?",
                                 (soort,)).fetchone()[0]
        if aantal <= 2 * len(houd) + 100:
            return
        weg = [(soort, k) for (k,) in self.db.execute(
            "SELECT inhoud FROM resultaat WHERE soort = ?", (soort,)) if k not in houd]
        self.db.executemany("DELETE FROM resultaat WHERE soort = ? AND inhoud = ?", weg)

    def onthoud(self, soort: str, inhoud: bytes, functie: Callable[[], Any]) -> Any:
        """Het resultaat van `functie()` voor deze inhoud (bijvoorbeeld de controle van
        `jeugdplan.yaml`), uit de cache zolang inhoud en versie gelijk zijn."""
        import pickle

        from jeugdplan.opslag.planbestand import inhoud_sleutel

        sleutel = inhoud_sleutel(inhoud)
        bewaard = self.haal(soort).get(sleutel)
        if bewaard is not None:
            with contextlib.suppress(Exception):
                return pickle.loads(bewaard)  # noqa: S301 - eigen bestand, alleen voor de gebruiker
        waarde = functie()
        self.bewaar(soort, [(sleutel, pickle.dumps(waarde))], houd={sleutel})
        return waarde

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_: object) -> None:
        self.sluit()


def _ruim_oude_cache_op(root: Path) -> None:
    """Caches van eerdere versies stonden in de repository (`.jeugdplan/cache-v1.sqlite`):
    leesbare gegevens op een mogelijk gedeelde schijf. Weg ermee; en in een versleutelde
    repository ook de leesbare bewerkingen van vóór de versleuteling (`bewerk_map`)."""
    oud = root / ".jeugdplan" / "cache-v1.sqlite"
    for achter in ("", "-wal", "-shm", "-journal", "-kandidaten"):
        with contextlib.suppress(OSError):
            os.unlink(f"{oud}{achter}")
    if versleuteld_repo(root) and (root / ".jeugdplan" / "bewerk").is_dir():
        with contextlib.suppress(OSError, JeugdplanError):
            bewerk_map(root)


# --- de sleutels: welke inhoud heeft elk plan nu ------------------------------------------


@dataclass(frozen=True)
class Stand:
    """Wat er nu in `casussen/` staat: per id de inhoudssleutel (None: nog te lezen) of een
    probleem (een symlink, geen plan)."""

    sleutels: dict[str, str | None]
    problemen: dict[str, Probleem]


def stand(root: Path, idents: set[str] | None = None) -> Stand:
    """De inhoud van elk plan volgens git (`ls-files -s` en `diff-files`, samen gestart);
    een plan dat git niet kent of dat anders is dan in de index: None (wordt gelezen)."""
    casussen = root / CASUSSEN
    ls = _git(root, "ls-files", "-s", "-v", "-z", "--", CASUSSEN)
    gewijzigd = _git(root, "diff-files", "--name-only", "-z", "--", CASUSSEN)
    kandidaten: dict[str, bool] = {}
    try:
        with os.scandir(casussen) as it:
            for e in it:
                if ID_PATROON.match(e.name) and (idents is None or e.name in idents):
                    kandidaten[e.name] = e.is_symlink()
    except OSError:
        pass
    index: dict[str, str | None] = {}
    for regel in _uitvoer(ls).split("\0"):
        kop, _, pad = regel.partition("\t")
        delen = pad.split("/")
        if len(delen) != 3 or delen[2] != PLAN or len(kop.split()) != 4:
            continue
        soort, modus, blob, fase = kop.split()
        # Alleen een gewoon bestand dat niet midden in een samenvoeging zit en waarvan git de
        # inhoud ook echt bijhoudt ('H'; niet 'assume-unchanged' of 'skip-worktree').
        index[delen[1]] = blob if (soort == "H" and modus in ("100644", "100755")
                                   and fase == "0") else None
    for pad in _uitvoer(gewijzigd).split("\0"):
        delen = pad.split("/")
        if len(delen) == 3:
            index[delen[1]] = None
    sleutels: dict[str, str | None] = {}
    problemen: dict[str, Probleem] = {}
    for ident in sorted(kandidaten):
        relatief = f"{CASUSSEN}/{ident}/{PLAN}"
        if kandidaten[ident]:
            problemen[ident] = Probleem(relatief, None, None, "", "de map is een symbolische "
                                        "koppeling; jeugdplan volgt die niet", code="symlink")
        elif index.get(ident) is not None:  # git kent het en het is ongewijzigd
            sleutels[ident] = index[ident]
        elif os.path.lexists(casussen / ident / PLAN):
            sleutels[ident] = None  # (nog) niet in git: lezen
        # een map zonder plan is geen casus
    return Stand(sleutels, problemen)


def _sleutel_van_bestand(root: Path, ident: str) -> str | None:
    """De inhoudssleutel van een plan dat git niet (ongewijzigd) kent: de bytes lezen en hun
    blob-id uitrekenen kost veel minder dan het plan lezen. None als het bestand niet te lezen
    is (dan meldt het uitrekenen waarom)."""
    from jeugdplan.opslag.planbestand import inhoud_sleutel, lees_ruw

    try:
        return inhoud_sleutel(lees_ruw(root / CASUSSEN, ident, f"{CASUSSEN}/{ident}/{PLAN}"))
    except PlanOngeldig:
        return None


def _git(root: Path, *args: str) -> subprocess.Popen[bytes] | None:
    from jeugdplan.opslag.gitrepo import omgeving

    try:
        return subprocess.Popen(["git", *args], cwd=root, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL,
                                env={**omgeving(), "GIT_OPTIONAL_LOCKS": "0"})
    except OSError:
        return None


def _uitvoer(proces: subprocess.Popen[bytes] | None) -> str:
    if proces is None:
        return ""
    uit = proces.communicate()[0]
    return uit.decode("utf-8", "surrogateescape") if proces.returncode == 0 else ""


# --- lezen en afleiden (ook in werkprocessen) ----------------------------------------------


@dataclass(frozen=True)
class _Taak:
    casussen: str
    cachepad: str | None
    plannen: list[tuple[str, str | None]]
    """(id, inhoudssleutel of None) van de plannen om uit te rekenen."""
    functie: Callable[[Plan], Any] | None


_Uitkomst = tuple[str, str | None, bytes | None, Any, list[Probleem]]
"""(id, inhoudssleutel, nieuw te bewaren plan-JSON, plan of resultaat, problemen)."""


def _werk(taak: _Taak) -> list[_Uitkomst]:
    """Rekent een blok plannen uit (in een werkproces of in het hoofdproces): het plan uit de
    cache (JSON, al gevalideerd) of uit het bestand, en zo gevraagd `functie(plan)`."""
    from jeugdplan.domein.model import Plan

    bewaard: dict[str, bytes] = {}
    if taak.cachepad is not None:
        sleutels = [s for _i, s in taak.plannen if s is not None]
        with contextlib.suppress(sqlite3.Error):
            db = sqlite3.connect(f"file:{taak.cachepad}?mode=ro", uri=True)
            try:
                for begin in range(0, len(sleutels), 500):
                    deel = sleutels[begin:begin + 500]
                    bewaard.update(db.execute(
                        f"SELECT inhoud, waarde FROM resultaat WHERE soort = '{PLANSOORT}' "
                        f"AND inhoud IN ({','.join('?' * len(deel))})", deel))
            finally:
                db.close()
    uit: list[_Uitkomst] = []
    for ident, sleutel in taak.plannen:
        nieuw: bytes | None = None
        json = bewaard.get(sleutel) if sleutel is not None else None
        plan: Plan | None = None
        problemen: list[Probleem] = []
        if json is not None and json[:1] == b"{":
            with contextlib.suppress(ValueError):
                plan = Plan.model_validate_json(json)
        elif json is not None and (bekend := _problemen_uit(json)) is not None:
            problemen = bekend  # ongeldig, en zo gebleven: niet opnieuw lezen
        if plan is None and not problemen:
            sleutel, nieuw, plan, problemen = _lees(Path(taak.casussen), ident)
        if plan is not None and taak.functie is not None:
            uit.append((ident, sleutel, nieuw, taak.functie(plan), problemen))
        else:
            uit.append((ident, sleutel, nieuw, plan, problemen))
    return uit


def _lees(casussen: Path, ident: str) -> tuple[str | None, bytes | None, Plan | None,
                                                list[Probleem]]:
    """(sleutel, te bewaren JSON of problemen, plan of None, problemen) uit het bestand."""
    import json

    from jeugdplan.opslag.planbestand import inhoud_sleutel, lees_ruw, plan_uit, plantekst

    relatief = f"{CASUSSEN}/{ident}/{PLAN}"
    try:
        ruw = lees_ruw(casussen, ident, relatief)
    except PlanOngeldig as e:
        return None, None, None, e.problemen
    sleutel = inhoud_sleutel(ruw)
    try:
        plan = plan_uit(plantekst(ruw, relatief), relatief)
    except PlanOngeldig as e:
        # Ook de problemen van een ongeldig plan worden bewaard (zolang het zo blijft).
        return sleutel, json.dumps([p.als_dict() for p in e.problemen]).encode(), None, \
            e.problemen
    return sleutel, plan.model_dump_json(by_alias=True, exclude_none=True).encode(), plan, []


def _problemen_uit(waarde: bytes) -> list[Probleem] | None:
    """Bewaarde problemen van een ongeldig plan (JSON-lijst), of None."""
    import json

    if waarde[:1] != b"[":
        return None
    with contextlib.suppress(ValueError, TypeError):
        return [Probleem(**p) for p in json.loads(waarde)]
    return None


# --- de twee ingangen ----------------------------------------------------------------------


class MetRoot(Protocol):
    """Een casusrepository (`store.Repo`): alleen haar map is nodig."""

    root: Path


def lees_alle(repo: MetRoot, idents: list[str] | None = None) -> Iterator[Resultaat]:
    """(id, plan of None, problemen) voor elk plan (of de gevraagde), op volgorde van id.
    Gelijk aan elk bestand lezen en valideren; wat al in de cache staat (het plan als JSON)
    wordt niet opnieuw gelezen."""
    yield from _bereken(repo.root, idents, None, None)


def per_plan(repo: MetRoot, soort: str, functie: Callable[[Plan], Any],
             idents: list[str] | None = None) -> Iterator[Resultaat]:
    """(id, functie(plan) of None, problemen) voor elk plan, op volgorde van id.

    Het resultaat komt uit de cache zolang het plan (en de code) niet veranderde; `soort`
    moet alles noemen waar `functie` behalve het plan van afhangt (`"overzicht:2026-11-25"`).
    `functie` moet te 'picklen' zijn (een functie op moduleniveau, of `functools.partial`
    daarvan): bij veel plannen rekenen werkprocessen haar uit. Het resultaat ook."""
    yield from _bereken(repo.root, idents, soort, functie)


def _bereken(root: Path, idents: list[str] | None, soort: str | None,
             functie: Callable[[Plan], Any] | None) -> Iterator[Resultaat]:
    import pickle

    controleer_toegang(root)  # versleuteld en vergrendeld: duidelijke fout, ook als alles bewaard is
    nu = stand(root, set(idents) if idents is not None else None)
    alle = idents is None
    huidig = {s for s in nu.sleutels.values() if s is not None}
    volgorde = sorted({*nu.sleutels, *nu.problemen})
    with Cache(root) as cache, _Rekenaar(root, cache, functie) as rekenaar:
        bewaard = cache.haal(soort or PLANSOORT)
        nieuw_plan: list[tuple[str, bytes]] = []
        nieuw_resultaat: list[tuple[str, bytes]] = []
        teller = [0, 0]
        for begin in range(0, len(volgorde), UITVOER_BLOK):
            klaar: dict[str, Resultaat] = {}
            te_doen: list[tuple[str, str | None]] = []
            for ident in volgorde[begin:begin + UITVOER_BLOK]:
                if ident in nu.problemen:
                    klaar[ident] = (ident, None, [nu.problemen[ident]])
                    continue
                sleutel = nu.sleutels[ident] or _sleutel_van_bestand(root, ident)
                waarde = bewaard.get(sleutel) if sleutel is not None else None
                uit = _uit_cache(ident, waarde, soort is not None, pickle.loads) \
                    if waarde is not None else None
                if uit is not None:
                    klaar[ident] = uit
                else:
                    te_doen.append((ident, sleutel))
            teller[0] += len(klaar)
            teller[1] += len(te_doen)
            for ident, sleutel, json, waarde, problemen in rekenaar.reken(te_doen):
                if sleutel is not None and json is not None:
                    nieuw_plan.append((sleutel, json))
                if soort is not None and sleutel is not None and not problemen:
                    nieuw_resultaat.append((sleutel, pickle.dumps(waarde)))
                klaar[ident] = (ident, waarde if not problemen else None, problemen)
            for ident in volgorde[begin:begin + UITVOER_BLOK]:
                yield klaar[ident]
        _statistiek(*teller)
        if nieuw_plan or (alle and soort is None):
            cache.bewaar(PLANSOORT, nieuw_plan, houd=huidig if alle else None)
        if soort is not None and (nieuw_resultaat or alle):
            cache.bewaar(soort, nieuw_resultaat, houd=huidig if alle else None)


def _uit_cache(ident: str, waarde: bytes, afgeleid: bool,
               laad: Callable[[bytes], Any]) -> Resultaat | None:
    """Een bewaard resultaat (of plan, of de problemen van een ongeldig plan); None als het
    beschadigd is (dan opnieuw uitrekenen)."""
    problemen = _problemen_uit(waarde) if not afgeleid else None
    if problemen is not None:
        return ident, None, problemen
    try:
        if afgeleid:
            return ident, laad(waarde), []
        from jeugdplan.domein.model import Plan

        return ident, Plan.model_validate_json(waarde), []
    except Exception:  # noqa: BLE001 - beschadigd of van een andere vorm: opnieuw
        return None


class _Rekenaar:
    """Rekent uit wat niet in de cache stond: een paar in dit proces, veel verdeeld over de
    processorkernen (één pool voor de hele opdracht, pas gestart als het nodig is)."""

    def __init__(self, root: Path, cache: Cache, functie: Callable[[Plan], Any] | None) -> None:
        self.casussen = str(root / CASUSSEN)
        self.cachepad = str(cache.pad) if cache.db is not None else None
        self.functie = functie
        self.pool: Any = None

    def reken(self, te_doen: list[tuple[str, str | None]]) -> Iterator[_Uitkomst]:
        taken = [_Taak(self.casussen, self.cachepad, te_doen[i:i + BLOK], self.functie)
                 for i in range(0, len(te_doen), BLOK)]
        kernen = os.cpu_count() or 1
        if self.pool is None and (len(te_doen) < PARALLEL_VANAF or kernen < 2):
            for taak in taken:
                yield from _werk(taak)
            return
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=kernen)
        for blok in self.pool.map(_werk, taken):
            yield from blok

    def __enter__(self) -> _Rekenaar:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def na_schrijven(root: Path, ruw: bytes, plan: Plan) -> None:
    """Een zojuist geschreven plan meteen als plan in de cache (onder de inhoud die nu op
    schijf staat): de volgende opdracht hoeft het niet te lezen."""
    if not aan():
        return
    from jeugdplan.opslag.planbestand import inhoud_sleutel

    with contextlib.suppress(Exception), Cache(root) as cache:
        cache.bewaar(PLANSOORT, [(inhoud_sleutel(ruw),
                                  plan.model_dump_json(by_alias=True, exclude_none=True).encode())])


def _statistiek(uit_cache: int, gelezen: int) -> None:
    """Voor de benchmark: `JEUGDPLAN_CACHE_STATS=PAD` schrijft hoeveel plannen uit de cache
    kwamen en hoeveel opnieuw uitgerekend werden."""
    pad = os.environ.get("JEUGDPLAN_CACHE_STATS")
    if pad:
        with contextlib.suppress(OSError):
            Path(pad).write_text(f'{{"uit_cache": {uit_cache}, "gelezen": {gelezen}}}')
