"""Plannen inlezen via de cache (`opslag.cache`): gelijk aan elk bestand lezen en valideren,
maar wat al eens gelezen of afgeleid is, komt uit de cache.

De sleutel van een plan is zijn **inhoud**: git's blob-id van de bytes op schijf.
`git ls-files -s` en `git diff-files` geven die voor alle plannen tegelijk (git lost zelf de
randgevallen van tijdstempels op); een plan dat git niet kent of dat anders is dan in de index,
wordt gelezen en zijn id uitgerekend (`planbestand.inhoud_sleutel`).

Onder die sleutel staat het gevalideerde `Plan` zelf (soort `plan`; een ongeldig plan: zijn
problemen) en wat er per plan van afgeleid is (`per_plan`). Ontbreekt een resultaat, dan rekent
een werkproces het uit uit het bewaarde plan of, als ook dat ontbreekt, uit het bestand; bij
veel plannen verdeeld over de processorkernen (`concurrent.futures`, ook met 'spawn'). Een
bewaard plan is het echte, bij het bewaren gevalideerde `Plan` (gepickled): uitpakken bouwt
geen validatieschema, zodat een opdracht die één plan leest (`show`, `route`) snel start.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import sqlite3
import subprocess
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jeugdplan.domein.errors import PlanOngeldig, Probleem
from jeugdplan.opslag.cache import Cache, aan
from jeugdplan.opslag.paden import CASUSSEN, ID_PATROON, PLAN
from jeugdplan.opslag.planbestand import inhoud_sleutel, lees_ruw, plan_uit, plantekst
from jeugdplan.opslag.versleuteling import controleer_toegang

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan

PLANSOORT = "plan"
"""De soort waaronder het gevalideerde plan zelf (pickle) of zijn problemen (JSON) staan."""
PARALLEL_VANAF = 200
"""Zoveel plannen uit te rekenen: dan over de processorkernen verdelen."""
BLOK = 250
"""Plannen per taak van een werkproces."""
UITVOER_BLOK = 2000
"""Zoveel nieuw gelezen plannen worden per keer bewaard: het geheugen blijft begrensd, ook bij
100.000."""

Resultaat = tuple[str, Any, list[Probleem]]
"""(id, plan of het gevraagde resultaat, problemen); bij problemen is het tweede None."""


# --- de sleutels: welke inhoud heeft elk plan nu ------------------------------------------


@dataclass(frozen=True)
class Stand:
    """Wat er nu in `casussen/` staat: per id de inhoudssleutel (None: nog te lezen) of een
    probleem (een symlink, geen plan)."""

    sleutels: dict[str, str | None]
    problemen: dict[str, Probleem]


_INDEX = re.compile(rf"(\S) (\d+) ([0-9a-f]+) (\d)\t{CASUSSEN}/([^/\0]+)/{re.escape(PLAN)}\0")
"""Een regel van `git ls-files -s -v -z` voor `casussen/<id>/plan.yaml`."""


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
    # Alleen een gewoon bestand dat niet midden in een samenvoeging zit en waarvan git de
    # inhoud ook echt bijhoudt ('H'; niet 'assume-unchanged' of 'skip-worktree').
    index: dict[str, str | None] = {
        ident: blob if soort == "H" and modus in ("100644", "100755") and fase == "0" else None
        for soort, modus, blob, fase, ident in _INDEX.findall(_uitvoer(ls))}
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
"""(id, inhoudssleutel, nieuw te bewaren plan, plan of resultaat, problemen)."""


def _werk(taak: _Taak) -> list[_Uitkomst]:
    """Rekent een blok plannen uit (in een werkproces of in het hoofdproces): het plan uit de
    cache (al gevalideerd) of uit het bestand, en zo gevraagd `functie(plan)`."""
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
        waarde = bewaard.get(sleutel) if sleutel is not None else None
        plan: Plan | None = None
        problemen: list[Probleem] = []
        if waarde is not None:
            bekend = _plan_uit_cache(waarde)
            if isinstance(bekend, list):
                problemen = bekend  # ongeldig, en zo gebleven: niet opnieuw lezen
            else:
                plan = bekend
        if plan is None and not problemen:
            sleutel, nieuw, plan, problemen = _lees(Path(taak.casussen), ident)
        if plan is not None and taak.functie is not None:
            uit.append((ident, sleutel, nieuw, taak.functie(plan), problemen))
        else:
            uit.append((ident, sleutel, nieuw, plan, problemen))
    return uit


def _lees(casussen: Path, ident: str) -> tuple[str | None, bytes | None, Plan | None,
                                                list[Probleem]]:
    """(sleutel, te bewaren plan of problemen, plan of None, problemen) uit het bestand."""
    import json

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
    return sleutel, pickle.dumps(plan), plan, []


def _plan_uit_cache(waarde: bytes) -> Plan | list[Probleem] | None:
    """Een bewaard plan, of de bewaarde problemen van een ongeldig plan (JSON-lijst); None
    als het beschadigd is (dan opnieuw lezen)."""
    import json

    from jeugdplan.domein.model import Plan

    with contextlib.suppress(Exception):
        if waarde[:1] == b"[":
            return [Probleem(**p) for p in json.loads(waarde)]
        plan = pickle.loads(waarde)  # noqa: S301 - eigen bestand, alleen voor de gebruiker
        if isinstance(plan, Plan):
            return plan
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
    controleer_toegang(root)  # versleuteld en vergrendeld: duidelijke fout, ook als alles bewaard is
    nu = stand(root, set(idents) if idents is not None else None)
    alle = idents is None
    huidig = {s for s in nu.sleutels.values() if s is not None}
    volgorde = sorted({*nu.sleutels, *nu.problemen})
    with Cache(root) as cache:
        bewaard = cache.haal(soort or PLANSOORT)
        sleutels = {ident: sleutel or _sleutel_van_bestand(root, ident)
                    for ident, sleutel in nu.sleutels.items()}
        # In de volgorde van `volgorde`: `_Rekenaar.volgende` geeft ze in die volgorde terug.
        te_doen = [(i, sleutels[i]) for i in volgorde
                   if i in sleutels and (sleutels[i] is None or sleutels[i] not in bewaard)]
        nieuw_plan: list[tuple[str, bytes]] = []
        nieuw_resultaat: list[tuple[str, bytes]] = []
        with _Rekenaar(root, cache, functie, te_doen) as rekenaar:
            for ident in volgorde:
                if ident in nu.problemen:
                    yield ident, None, [nu.problemen[ident]]
                    continue
                sleutel = sleutels[ident]
                waarde = bewaard.get(sleutel) if sleutel is not None else None
                uit = _uit_cache(ident, waarde, soort is not None) \
                    if waarde is not None else None
                if uit is not None:
                    yield uit
                    continue
                _i, sleutel, plan, waarde, problemen = rekenaar.volgende(ident, sleutel)
                if sleutel is not None and plan is not None:
                    nieuw_plan.append((sleutel, plan))
                if soort is not None and sleutel is not None and not problemen:
                    nieuw_resultaat.append((sleutel, pickle.dumps(waarde)))
                if len(nieuw_plan) >= UITVOER_BLOK:  # het geheugen blijft begrensd
                    cache.bewaar(PLANSOORT, nieuw_plan)
                    nieuw_plan = []
                yield ident, waarde if not problemen else None, problemen
        _statistiek(len(sleutels) + len(nu.problemen) - rekenaar.gerekend, rekenaar.gerekend)
        if nieuw_plan or (alle and soort is None):
            cache.bewaar(PLANSOORT, nieuw_plan, houd=huidig if alle else None)
        if soort is not None and (nieuw_resultaat or alle):
            cache.bewaar(soort, nieuw_resultaat, houd=huidig if alle else None)


def _uit_cache(ident: str, waarde: bytes, afgeleid: bool) -> Resultaat | None:
    """Een bewaard resultaat (of plan, of de problemen van een ongeldig plan); None als het
    beschadigd is (dan opnieuw uitrekenen)."""
    if not afgeleid:
        uit = _plan_uit_cache(waarde)
        if uit is None:
            return None
        return (ident, None, uit) if isinstance(uit, list) else (ident, uit, [])
    try:
        return ident, pickle.loads(waarde), []  # noqa: S301 - eigen bestand
    except Exception:  # noqa: BLE001 - beschadigd of van een andere vorm: opnieuw
        return None


class _Rekenaar:
    """Rekent uit wat niet in de cache stond, op volgorde van id. Bij veel plannen verdeeld
    over de processorkernen: de eerste blokken gaan meteen weg, de werkprocessen blijven bezig
    terwijl het hoofdproces doorgeeft, en er zijn steeds maar een paar blokken onderweg (het
    geheugen blijft begrensd, ook bij 100.000 plannen)."""

    def __init__(self, root: Path, cache: Cache, functie: Callable[[Plan], Any] | None,
                 te_doen: list[tuple[str, str | None]]) -> None:
        self.taak = partial(_Taak, str(root / CASUSSEN),
                            str(cache.pad) if cache.db is not None else None, functie=functie)
        self.taken = deque(self.taak(te_doen[i:i + BLOK]) for i in range(0, len(te_doen), BLOK))
        self.klaar: deque[_Uitkomst] = deque()
        self.gerekend = 0
        self.kernen = os.cpu_count() or 1
        self.pool: Any = None
        self.onderweg: deque[Any] = deque()
        if self.kernen > 1 and te_doen and len(te_doen) >= PARALLEL_VANAF:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=min(self.kernen, len(self.taken)))
            self._verstuur()

    def _verstuur(self) -> None:
        while self.taken and len(self.onderweg) < 2 * self.kernen:
            self.onderweg.append(self.pool.submit(_werk, self.taken.popleft()))

    def volgende(self, ident: str, sleutel: str | None) -> _Uitkomst:
        """De uitkomst voor `ident`: de volgende uit de rij, of (een beschadigd resultaat in
        de cache) meteen hier uitgerekend."""
        self.gerekend += 1
        if not self.klaar:
            if self.onderweg:
                self.klaar.extend(self.onderweg.popleft().result())
                self._verstuur()
            elif self.taken and self.pool is None:
                self.klaar.extend(_werk(self.taken.popleft()))
        if self.klaar and self.klaar[0][0] == ident:
            return self.klaar.popleft()
        return _werk(self.taak([(ident, sleutel)]))[0]

    def __enter__(self) -> _Rekenaar:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def lees_een(root: Path, ident: str) -> Plan:
    """Eén gevalideerd plan: uit de cache zolang het bestand dezelfde inhoud heeft, anders
    gelezen, gevalideerd en bewaard. Een ongeldig plan geeft `PlanOngeldig` met regel en
    kolom."""
    plan: Plan = _een(root, ident, None, None)
    return plan


def afgeleid_een(root: Path, ident: str, soort: str, functie: Callable[[Plan], Any]) -> Any:
    """`functie(plan)` voor één plan, uit de cache zolang het bestand dezelfde inhoud heeft
    (`per_plan` voor één plan, zonder git te vragen): `show` en `meldcode next` pakken warm
    geen `Plan` uit en laden geen model. `soort` noemt alles waar het resultaat behalve het
    plan van afhangt (`"show:2026-11-25"`); het resultaat moet te picklen zijn."""
    return _een(root, ident, soort, functie)


def _een(root: Path, ident: str, soort: str | None,
         functie: Callable[[Plan], Any] | None) -> Any:
    controleer_toegang(root)
    relatief = f"{CASUSSEN}/{ident}/{PLAN}"
    ruw = lees_ruw(root / CASUSSEN, ident, relatief)
    sleutel = inhoud_sleutel(ruw)
    with Cache(root) as cache:
        if soort is not None:
            bewaard = cache.een(soort, sleutel)
            if bewaard is not None:
                with contextlib.suppress(Exception):  # beschadigd: opnieuw uitrekenen
                    return pickle.loads(bewaard)  # noqa: S301 - eigen bestand
        bewaard = cache.een(PLANSOORT, sleutel)
        uit = _plan_uit_cache(bewaard) if bewaard is not None else None
        if uit is None or isinstance(uit, list):
            uit = plan_uit(plantekst(ruw, relatief), relatief)
            cache.bewaar(PLANSOORT, [(sleutel, pickle.dumps(uit))])
        if soort is None or functie is None:
            return uit
        waarde = functie(uit)
        # `houd`: dezelfde soort met een andere parameter (gisteren) verdwijnt, en het aantal
        # rijen van deze soort blijft begrensd.
        cache.bewaar(soort, [(sleutel, pickle.dumps(waarde))], houd={sleutel})
        return waarde


def na_schrijven(root: Path, ruw: bytes, plan: Plan) -> None:
    """Een zojuist geschreven plan meteen als plan in de cache (onder de inhoud die nu op
    schijf staat): de volgende opdracht hoeft het niet te lezen."""
    if not aan():
        return
    with contextlib.suppress(Exception), Cache(root) as cache:
        cache.bewaar(PLANSOORT, [(inhoud_sleutel(ruw), pickle.dumps(plan))])


def _statistiek(uit_cache: int, gelezen: int) -> None:
    """Voor de benchmark: `JEUGDPLAN_CACHE_STATS=PAD` schrijft hoeveel plannen uit de cache
    kwamen en hoeveel opnieuw uitgerekend werden."""
    pad = os.environ.get("JEUGDPLAN_CACHE_STATS")
    if pad:
        with contextlib.suppress(OSError):
            Path(pad).write_text(f'{{"uit_cache": {uit_cache}, "gelezen": {gelezen}}}')
