"""Afgeleide cache van gelezen plannen: snel lezen van tienduizenden plannen.

De cache is een SQLite-bestand `<repo>/.jeugdplan/cache-v1.sqlite` (door `init`
genegeerd in git). Per plan staat er het gevalideerde plan (`codeer`, als gecomprimeerde
marshal), of de problemen als het plan ongeldig is, met de *stempel* van het bestand waaruit
het gelezen werd: grootte, mtime_ns, ctime_ns en inode. Regels:

- Nooit vertrouwd als het plan veranderde: een andere stempel betekent opnieuw lezen. Lag
  de mtime bij het lezen binnen de tijdsresolutie van het bestandssysteem (hier ruim: 2 s),
  dan kan een volgende wijziging dezelfde stempel geven; dan bewaren we ook een hash van
  de inhoud en vergelijken die bij gebruik (zoals git's 'racy git'-regel).
- De stempel wordt genomen *vóór* het lezen van de inhoud: verandert het bestand tijdens het
  lezen, dan klopt de stempel later niet meer en wordt het opnieuw gelezen. Zo geven twee
  gelijktijdige aanroepen nooit een verouderd antwoord; SQLite-transacties voorkomen een
  half geschreven cache.
- Veilig te wissen; een kapotte of onleesbare cache wordt weggegooid en opnieuw opgebouwd;
  kan er niet geschreven worden (alleen-lezen), dan werkt alles zonder cache.
- Een andere versie van het model of de codelijsten maakt de hele cache ongeldig.
- `JEUGDPLAN_CACHE=0` zet de cache uit (vergelijken, foutzoeken).

Koud (zonder cache) worden plannen gelezen met de snelle lader (`yamlio.laad_snel`), bij
veel plannen verdeeld over de processorkernen. De regels (checks, verzuim, overzicht)
draaien op hetzelfde `Plan`-model; de cache bewaart alleen wat het lezen opleverde. Eén
plan alleen lezen (`lees_licht`, voor `show`, `route`, `meldcode next`) kan zonder pydantic:
dezelfde velden als lichte objecten (`licht.py`). Round-trip YAML blijft de enige manier
waarop plannen worden geschreven.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import re
import sqlite3
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag.lokaal import prive_map, xdg
from jeugdplan.opslag.versleuteling import (
    bewerk_map,
    identiteiten,
    publieke_sleutel,
    repo_kenmerk,
    versleuteld_repo,
)

try:  # hashlib laadt ook OpenSSL (~3 ms bij elke opdracht); blake2b zit in _blake2
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - een Python zonder _blake2
    from hashlib import blake2b

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan

MAP = ".jeugdplan"


class Repo(Protocol):
    """Wat de cache van een repository (`store.Repo`) gebruikt."""

    root: Path

    @property
    def casussen(self) -> Path: ...

    def binnen_repository(self, pad: Path) -> bool: ...


_ID_PATROON = re.compile(r"^[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?$")
"""Zoals `store.ID_PATROON` (store gebruikt deze module)."""
BESTAND = "cache-v1.sqlite"
BIJ = ("", "-wal", "-shm", "-journal", "-kandidaten")
"""Achtervoegsels van de bestanden van een cache: het SQLite-bestand met zijn WAL-bestanden
en de kandidatenindex van `new` (`plannen.INDEX`). Wissen of verplaatsen gaat over alle."""
RACY_NS = 2_000_000_000
"""Ruime tijdsresolutie van bestandssystemen (FAT: 2 s; ext4/NTFS veel fijner)."""
PARALLEL_VANAF = 400
"""Vanaf zoveel te lezen plannen loont het om over processen te verdelen."""
BLOK = 2000
"""Plannen per blok: begrenst het geheugen bij 100.000 plannen."""
ACHTERGROND_VANAF = 1000
"""Zoveel plannen uit de cache: dan leest één werkproces de gewijzigde plannen tegelijk."""
REKENEN_TOT = 50
"""Zoveel plannen in de cache zonder het gevraagde resultaat rekent dat werkproces uit;
bij meer (bijvoorbeeld de eerste keer op een nieuwe dag) doet het hoofdproces het zelf."""

Stempel = tuple[int, int, int, int]
Resultaat = tuple[str, "Plan | None", list[Probleem]]
Blok = tuple[list[tuple[str, "Stempel | None", bool]], dict[str, Resultaat], list[str],
             list[tuple[str, Stempel, "bytes | None", Any]]]
"""(blok van de stand, uit de cache, nog te lezen, nieuwe resultaten voor `afgeleid`)."""


def aan() -> bool:
    """`JEUGDPLAN_CACHE=0` zet de cache uit (vergelijken, foutzoeken)."""
    return os.environ.get("JEUGDPLAN_CACHE", "1") not in ("0", "nee", "uit")


FORMAAT = 2
"""Vorm van de rijen; een andere vorm maakt een bestaande cache ongeldig."""


@functools.cache
def _kenmerk() -> str:
    """Verandert als het model of de codelijsten veranderen (dan is alles ongeldig)."""
    from jeugdplan import __version__
    from jeugdplan.opslag.bronnen import data_map

    h = blake2b(digest_size=12)
    h.update(f"{__version__} {sys.version} {BESTAND} {FORMAAT}".encode())
    # De bestanden van de modellen, zonder ze te importeren (pydantic laden kost tijd).
    domein = Path(__file__).parent.parent / "domein"
    for pad in (domein / "model.py", domein / "regiomodel.py",
                data_map() / "codelijsten.yaml"):
        try:
            h.update(pad.read_bytes())
        except OSError:  # pragma: no cover
            h.update(str(pad).encode())
    return h.hexdigest()


def _pickle() -> Any:
    """pickle en json pas laden als ze nodig zijn: één plan tonen heeft ze niet nodig."""
    import pickle

    return pickle


def _json() -> Any:
    import json

    return json


def _stempel(st: os.stat_result) -> Stempel:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _hash(ruw: bytes) -> bytes:
    return blake2b(ruw, digest_size=16).digest()


# --- snelle (de)serialisatie van een gevalideerd plan --------------------------------------
#
# Een plan in de cache is al gevalideerd (en het kenmerk bewaakt dat model en codelijsten
# niet veranderden). Opnieuw valideren kost ~0,8 ms per plan; daarom bewaren we de
# modelboom zelf in `marshal`-vorm (model = (klasse, waarden, gezette velden), datum =
# (ordinaal,)) en bouwen we de modellen terug zoals pickle dat doet, zonder validatie.


_GEWOON = frozenset({str, int, float, bool, type(None)})
_VELDEN: dict[type, tuple[str, tuple[str, ...]]] = {}
"""Per modelklasse: (naam, veldnamen in volgorde); koud telt elke microseconde per plan."""


def codeer(waarde: Any) -> Any:
    """Plan (of deel) naar gewone waarden die `marshal` kan bewaren."""
    soort = type(waarde)
    if soort in _GEWOON:
        return waarde
    if soort is list:
        return [codeer(v) for v in waarde]
    if soort is dict:
        return {k: codeer(v) for k, v in waarde.items()}
    velden = _VELDEN.get(soort)
    if velden is None:
        if isinstance(waarde, date):
            return (waarde.toordinal(),)
        if isinstance(waarde, str | int | float):
            return waarde
        from pydantic import BaseModel

        if not isinstance(waarde, BaseModel):  # pragma: no cover
            raise TypeError(f"onverwacht type in plan: {soort.__name__}")
        velden = _VELDEN[soort] = (soort.__name__, tuple(soort.model_fields))
    naam, namen = velden
    d = waarde.__dict__
    gezet = waarde.__pydantic_fields_set__
    masker = 0
    for i, n in enumerate(namen):
        if n in gezet:
            masker |= 1 << i
    return (naam, [codeer(d[n]) for n in namen], masker)


_KLASSEN: dict[str, tuple[type, list[str]]] = {}


def _klasse(naam: str) -> tuple[type, list[str]]:
    if not _KLASSEN:
        from pydantic import BaseModel

        from jeugdplan.domein import model

        for k, v in vars(model).items():
            if isinstance(v, type) and issubclass(v, BaseModel) and v.__module__ == model.__name__:
                _KLASSEN[k] = (v, list(v.model_fields))
    return _KLASSEN[naam]


_setattr = object.__setattr__


def bouw(waarde: Any) -> Any:
    """Omgekeerde van `codeer` (met de pydantic-klassen; `licht.bouw` zonder)."""
    soort = type(waarde)
    if soort is list:
        return [bouw(v) if type(v) in (tuple, list, dict) else v for v in waarde]
    if soort is dict:
        return {k: bouw(v) for k, v in waarde.items()}
    if soort is not tuple:
        return waarde
    if len(waarde) == 1:
        return date.fromordinal(waarde[0])
    klasse, namen = _klasse(waarde[0])
    masker = waarde[2]
    m: Any = object.__new__(klasse)
    _setattr(m, "__dict__", {n: bouw(v) if type(v) in (tuple, list, dict) else v
                             for n, v in zip(namen, waarde[1], strict=True)})
    _setattr(m, "__pydantic_fields_set__", {n for i, n in enumerate(namen) if masker >> i & 1})
    _setattr(m, "__pydantic_extra__", None)
    _setattr(m, "__pydantic_private__", None)
    return m


# --- lezen van één plan (ook in werkprocessen) --------------------------------------------


Gelezen = tuple[str, "Stempel | None", "bytes | None", "bytes | None", list[dict[str, Any]],
                bool, Any]
"""(id, stempel, inhoudshash als racy, plan gecomprimeerd, problemen, afgeleid?, afgeleid)."""

_AFGELEID: Callable[[Plan], Any] | None = None
"""De functie van `per_plan` tijdens een lees-ronde; werkprocessen erven hem bij fork, zodat
ze het resultaat per plan zelf uitrekenen (het hoofdproces bouwt dan geen `Plan`)."""


def _lees_bestand(pad: str, relatief: str) -> tuple[Stempel | None, bytes | None, Plan | None,
                                                     list[dict[str, Any]]]:
    """Leest één plan: (stempel of None, hash of None, plan of None, problemen).

    Zonder stempel (bestand onleesbaar) wordt het resultaat niet bewaard.
    """
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.bronnen import valideer
    from jeugdplan.opslag.versleuteling import ontsleutel
    from jeugdplan.opslag.yamlio import decodeer, laad_rt, laad_snel, lees_bytes

    try:
        nu = time.time_ns()
        st = os.stat(pad)
        ruw = lees_bytes(Path(pad), relatief)
    except OSError as e:
        return None, None, None, [Probleem(relatief, None, None, "", "bestand kan niet gelezen "
                                           f"worden ({e.strerror})").als_dict()]
    except PlanOngeldig as e:
        return None, None, None, [p.als_dict() for p in e.problemen]
    stempel = _stempel(st)
    # Ook de ctime: wie de mtime terugzet (touch -d) maakt de ctime nieuw.
    racy = _hash(ruw) if max(st.st_mtime_ns, st.st_ctime_ns) >= nu - RACY_NS else None
    try:  # een versleuteld plan (versleuteling.py); de stempel en hash gaan over de bytes op schijf
        ruw = ontsleutel(ruw, relatief)
    except PlanOngeldig as e:
        return stempel, racy, None, [p.als_dict() for p in e.problemen]
    try:
        plan = valideer(Plan, laad_snel(ruw, relatief), relatief)
    except PlanOngeldig:
        # Opnieuw round-trip, om de regels te kunnen noemen.
        try:
            tekst = decodeer(ruw, relatief)
            doc = laad_rt(tekst, relatief)
            plan = valideer(Plan, doc, relatief, doc)
        except PlanOngeldig as e:
            return stempel, racy, None, [p.als_dict() for p in e.problemen]
    return stempel, racy, plan, []


def na_schrijven(repo: Repo, ident: str) -> None:
    """Zet een zojuist geschreven plan meteen in de cache (stempel en inhoud van wat nu op
    schijf staat, zoals bij gewoon lezen), zodat de volgende opdracht het niet opnieuw hoeft te
    lezen. Lukt dat niet, dan leest de volgende opdracht het gewoon zelf."""
    if not aan():
        return
    with contextlib.suppress(Exception):
        gelezen = _werk((str(repo.casussen), [ident]))
        cache = Cache(repo.root)
        try:
            cache.bewaar(gelezen)
        finally:
            cache.sluit()


def _werk(taak: tuple[str, list[str]]) -> list[Gelezen]:
    """Leest een reeks plannen (in een werkproces of in het hoofdproces)."""
    casussen, idents = taak
    uit: list[Gelezen] = []
    for ident in idents:
        stempel, racy, plan, problemen = _lees_bestand(f"{casussen}/{ident}/plan.yaml",
                                                       f"casussen/{ident}/plan.yaml")
        data = zlib.compress(marshal.dumps(codeer(plan), 4), 1) if plan is not None else None
        if plan is not None and _AFGELEID is not None:
            uit.append((ident, stempel, racy, data, problemen, True, _AFGELEID(plan)))
        else:
            uit.append((ident, stempel, racy, data, problemen, False, None))
    return uit


# --- de cache -----------------------------------------------------------------------------


def cachebestand(root: Path) -> Path:
    """Waar de cache van deze repository staat: `<repo>/.jeugdplan/`, of bij een versleutelde
    repository lokaal bij de gebruiker (`_cache_pad`)."""
    return _cache_pad(root, root / MAP / BESTAND)


def _cache_pad(root: Path, standaard: Path) -> Path:
    """Waar de afgeleide cache van deze repository staat. Bij een versleutelde repository niet
    in de repository (die kan op een gedeelde schijf staan) maar lokaal, alleen voor de
    gebruiker: `$XDG_CACHE_HOME/jeugdplan/cache-<kloon>-<sleutel>.sqlite`."""
    if not versleuteld_repo(root):
        return standaard
    # Een cache (ook de kandidatenindex met namen) en bewerkingen van vóór de versleuteling
    # (ook in een andere kloon) bevatten leesbare gegevens: weg uit de repository.
    for achter in BIJ:
        with contextlib.suppress(OSError):
            os.unlink(f"{standaard}{achter}")
    if (root / ".jeugdplan" / "bewerk").is_dir():
        with contextlib.suppress(OSError, JeugdplanError):
            bewerk_map(root)
    try:
        map_ = prive_map(xdg("XDG_CACHE_HOME", ".cache") / "jeugdplan")
    except (OSError, JeugdplanError):
        # Geen bruikbare lokale map: dan zonder cache (de cache kan daar niet openen), en
        # nooit terug naar de repository.
        return Path(os.devnull) / standaard.name
    # Per sleutel een eigen cache: wat de cache weet, is wat déze sleutel kon ontsleutelen
    # (een andere sleutel van dezelfde gebruiker krijgt niet de gegevens van de eerste).
    import hashlib

    try:
        publiek = sorted(publieke_sleutel(i) for i in identiteiten())
    except JeugdplanError:
        publiek = []
    wie = hashlib.blake2b(",".join(publiek).encode(), digest_size=6).hexdigest() if publiek \
        else "vergrendeld"
    return map_ / f"cache-{repo_kenmerk(root)}-{wie}.sqlite"



class Cache:
    """Eén verbinding met het cachebestand van een repository (of geen, als dat niet kan)."""

    def __init__(self, root: Path) -> None:
        self.pad = cachebestand(root)
        self.db: sqlite3.Connection | None = None
        if aan():
            self.db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        for poging in range(2):
            try:
                self.pad.parent.mkdir(mode=0o700, exist_ok=True)
                db = sqlite3.connect(self.pad, timeout=30, isolation_level=None)
                db.execute("PRAGMA busy_timeout = 30000")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                db.executescript(
                    "CREATE TABLE IF NOT EXISTS meta (sleutel TEXT PRIMARY KEY, waarde TEXT);"
                    "CREATE TABLE IF NOT EXISTS plan (id TEXT PRIMARY KEY, grootte INT,"
                    " mtime INT, ctime INT, inode INT, hash BLOB, data BLOB, problemen TEXT);"
                    "CREATE TABLE IF NOT EXISTS afgeleid (id TEXT, naam TEXT, grootte INT,"
                    " mtime INT, ctime INT, inode INT, hash BLOB, data BLOB,"
                    " PRIMARY KEY (id, naam));"
                    # Alle resultaten van één soort (per_plan) zonder de hele tabel te lezen.
                    "CREATE INDEX IF NOT EXISTS afgeleid_naam ON afgeleid (naam, id);"
                )
                kenmerk = _kenmerk()
                rij = db.execute("SELECT waarde FROM meta WHERE sleutel='kenmerk'").fetchone()
                if rij is None or rij[0] != kenmerk:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("DELETE FROM plan")
                    db.execute("DELETE FROM afgeleid")
                    db.execute("DELETE FROM meta")  # ook de veldnamen van het oude model
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('kenmerk', ?)", (kenmerk,))
                    db.execute("COMMIT")
                with contextlib.suppress(OSError):
                    os.chmod(self.pad, 0o600)
                return db
            except (sqlite3.Error, OSError):
                # Kapot of onleesbaar: weggooien en één keer opnieuw beginnen.
                if poging == 0:
                    self.wis()
        return None

    def wis(self) -> None:
        """Verwijdert het cachebestand (met de WAL-bestanden van SQLite en de
        kandidatenindex)."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None
        for achter in BIJ:
            with contextlib.suppress(OSError):
                os.unlink(f"{self.pad}{achter}")

    def sluit(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def stempels(self, idents: list[str] | None = None
                 ) -> dict[str, tuple[Stempel, bytes | None]]:
        """Stempel en racy-hash per bewaard plan (alle, of alleen `idents` als dat er weinig
        zijn: één plan tonen hoeft geen 100.000 rijen te lezen)."""
        if self.db is None:
            return {}
        sql = "SELECT id, grootte, mtime, ctime, inode, hash FROM plan"
        rijen: Iterable[Any]
        if idents is not None and len(idents) <= 100:
            rijen = (r for i in idents for r in self.db.execute(f"{sql} WHERE id=?", (i,)))
        else:
            rijen = self.db.execute(sql)
        try:
            return {r[0]: ((r[1], r[2], r[3], r[4]), r[5]) for r in rijen}
        except sqlite3.Error:
            self._kapot()
            return {}

    def haal(self, ident: str) -> tuple[bytes | None, str | None] | None:
        if self.db is None:
            return None
        try:
            rij = self.db.execute("SELECT data, problemen FROM plan WHERE id=?",
                                  (ident,)).fetchone()
        except sqlite3.Error:
            self._kapot()
            return None
        if rij is None:
            return None
        return rij[0], rij[1]

    def bewaar(self, gelezen: list[Gelezen]) -> None:
        """Gelezen plannen (`_werk`): het plan als gecomprimeerde `marshal` van `codeer`, of
        de problemen. Zonder stempel (onleesbaar) wordt niets bewaard."""
        rijen = [(ident, *st, racy, data,
                  _json().dumps(problemen, ensure_ascii=False) if data is None else None)
                 for ident, st, racy, data, problemen, _h, _w in gelezen if st is not None]
        if self.db is None or not rijen:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO plan VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                rijen)
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._kapot()

    def velden(self) -> dict[str, tuple[str, ...]]:
        """Klassenaam -> veldnamen voor `licht.bouw`; de eerste keer (na een nieuw kenmerk)
        uit de modellen zelf en dan bewaard, zodat het daarna zonder pydantic kan."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error, ValueError, TypeError):
                rij = self.db.execute("SELECT waarde FROM meta WHERE sleutel='velden'").fetchone()
                if rij is not None:
                    bewaard: dict[str, tuple[str, ...]] = marshal.loads(rij[0])
                    return bewaard
        from jeugdplan.opslag.licht import velden_van_model

        velden = velden_van_model()
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('velden', ?)",
                                (marshal.dumps(velden),))
        return velden

    def alle_afgeleid(self, naam: str, ident: str | None = None) -> dict[str, tuple[Any, ...]]:
        """Alle per plan bewaarde resultaten onder `naam`, in één query (id -> rij); met
        `ident` alleen dat ene."""
        if self.db is None:
            return {}
        sql = "SELECT id, grootte, mtime, ctime, inode, hash, data FROM afgeleid WHERE naam=?"
        try:
            return {r[0]: r[1:] for r in self.db.execute(
                *((sql, (naam,)) if ident is None else (f"{sql} AND id=?", (naam, ident))))}
        except sqlite3.Error:
            self._kapot()
            return {}

    @staticmethod
    def past(rij: tuple[Any, ...] | None, stempel: Stempel, racy: bytes | None) -> bool:
        """Hoort een bewaard resultaat bij precies deze stempel en inhoudshash?"""
        return rij is not None and tuple(rij[:4]) == stempel and rij[4] == racy

    @staticmethod
    def uit_afgeleid(rij: tuple[Any, ...] | None, stempel: Stempel,
                     racy: bytes | None) -> tuple[bool, Any]:
        """(gevonden, waarde) van een per plan bewaard resultaat bij precies deze stempel en
        inhoudshash (een resultaat van een oudere versie telt nooit)."""
        if not Cache.past(rij, stempel, racy):
            return False, None
        assert rij is not None
        try:
            return True, _pickle().loads(rij[5])
        except Exception:  # noqa: BLE001 - beschadigd: opnieuw uitrekenen
            return False, None

    def bewaar_afgeleid(self, naam: str, rijen: list[tuple[str, Stempel, bytes | None, Any]],
                        dumps: Callable[[Any], bytes] | None = None) -> None:
        """Resultaten per plan, als pickle (of met `dumps`, bijvoorbeeld `marshal.dumps`)."""
        if self.db is None or not rijen:
            return
        pickle = _pickle()
        dumps = dumps or functools.partial(pickle.dumps, protocol=5)
        # De soort: wat vóór de eerste ':' of '@' staat ("check:2026-11-25@regelversie",
        # "kandidaat@regelversie", "regio:hash").
        soort = naam.split(":", 1)[0].split("@", 1)[0]
        try:
            self.db.execute("BEGIN IMMEDIATE")
            # Resultaten van een andere dag of regelversie van dezelfde soort zijn nooit meer
            # nodig: opruimen, zodat de cache niet elke dag groeit.
            self.db.execute("DELETE FROM afgeleid WHERE (naam LIKE ? OR naam LIKE ?) "
                            "AND naam != ?", (f"{soort}:%", f"{soort}@%", naam))
            self.db.executemany(
                "INSERT OR REPLACE INTO afgeleid VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(ident, naam, *st, racy, dumps(waarde)) for ident, st, racy, waarde in rijen])
            self.db.execute("COMMIT")
        except (sqlite3.Error, pickle.PicklingError, TypeError, ValueError, AttributeError):
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def zonder_hash(self, rijen: list[tuple[str, Stempel]]) -> None:
        """Laat de inhoudshash weg bij plannen die niet meer 'racy' zijn (zie `_stempels`),
        alleen zolang de stempel nog dezelfde is; ook bij hun afgeleide resultaten."""
        if self.db is None or not rijen:
            return
        waar = "WHERE id=? AND grootte=? AND mtime=? AND ctime=? AND inode=?"
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for tabel in ("plan", "afgeleid"):
                self.db.executemany(f"UPDATE {tabel} SET hash=NULL {waar}",
                                    [(ident, *st) for ident, st in rijen])
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._kapot()

    def vergeet(self, idents: list[str]) -> None:
        """Rijen van plannen die niet meer bestaan."""
        if self.db is None or not idents:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("DELETE FROM plan WHERE id=?", [(i,) for i in idents])
            self.db.executemany("DELETE FROM afgeleid WHERE id=?", [(i,) for i in idents])
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._kapot()

    def _kapot(self) -> None:
        # Een fout midden in het gebruik (schijf vol, bestand beschadigd): verder zonder cache
        # en de volgende keer opnieuw opbouwen.
        self.wis()


def _geldig(pad: str, opgeslagen: tuple[Stempel, bytes | None] | None,
            huidig: Stempel) -> bool:
    if opgeslagen is None or opgeslagen[0] != huidig:
        return False
    racy = opgeslagen[1]
    if racy is None:
        return True
    try:
        with open(pad, "rb") as f:
            return _hash(f.read()) == racy
    except OSError:
        return False


def _buiten(ident: str) -> Probleem:
    # Een symlink naar buiten: nooit lezen (anders lekt een vreemd bestand in rapportages).
    return Probleem(f"casussen/{ident}/plan.yaml", None, None, "", "wijst naar een bestand "
                    "buiten de repository; overgeslagen (verwijder de symlink)", "fout",
                    "buiten-repository")


def _maak_plan(data: bytes) -> Plan:
    plan: Plan = bouw(marshal.loads(zlib.decompress(data)))
    return plan


def _problemen(tekst: str | None) -> list[Probleem]:
    return [Probleem(**p) for p in _json().loads(tekst)] if tekst else []


@functools.cache
def regelversie() -> str:
    """Verandert als de code of de regels (data/) veranderen: een per plan bewaard resultaat
    van een oudere versie van de regels telt dan niet meer.

    Uit de versie en naam, grootte en mtime van elk bestand: een stat in plaats van alles
    lezen (dat kostte elke opdracht een paar ms); een gewijzigd bestand krijgt een andere
    mtime, ook bij installeren of uitchecken."""
    from jeugdplan import __version__
    from jeugdplan.opslag.bronnen import data_map

    h = blake2b(__version__.encode(), digest_size=8)
    pakket = Path(__file__).parent.parent
    for pad in sorted([*pakket.rglob("*.py"), *data_map().rglob("*.yaml")]):
        with contextlib.suppress(OSError):
            st = pad.stat()
            h.update(f"{pad.relative_to(pad.parent.parent)}\0{st.st_size}\0"
                     f"{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def per_plan(repo: Repo, naam: str, functie: Callable[[Plan], Any],
             modi: dict[str, tuple[int, int]] | None = None
             ) -> Iterator[tuple[str, Any, list[Probleem]]]:
    """(id, functie(plan) of None bij een ongeldig plan, problemen) voor elk plan.

    Voor opdrachten over alle plannen: `functie` bevat de regel (uit `overzicht`, `checks`,
    `verzuim`, ...) en geeft een klein, te picklen resultaat; dat wordt per plan bewaard
    onder `naam` (neem daar alles in op waar het resultaat van afhangt, zoals de peildatum)
    met de stempel en inhoudshash van het plan. Warm wordt dan geen `Plan` meer gebouwd;
    een gewijzigd plan wordt opnieuw gelezen en uitgerekend. `modi` krijgt (als gegeven) per
    plan de st_mode van zijn map en van plan.yaml (die laatste uit de stat van de stempel).
    """
    return lees_alle(repo, afgeleid=(f"{naam}@{regelversie()}", functie), modi=modi)


def onthoud(repo: Repo, soort: str, invoer: Any, functie: Callable[[], Any]) -> Any:
    """`functie()` over de hele repository (bijv. dubbele kinderen zoeken), bewaard onder een
    hash van `invoer` (alles waar het resultaat van afhangt) en de regelversie: dezelfde
    invoer geeft het bewaarde resultaat, andere invoer rekent opnieuw."""
    pickle = _pickle()
    sleutel = blake2b(pickle.dumps(invoer, 5), digest_size=16).hexdigest()
    cache = Cache(repo.root)
    try:
        return _onthoud(cache, f"{soort}:{sleutel}@{regelversie()}", functie,
                        functools.partial(pickle.dumps, protocol=5), pickle.loads)
    finally:
        cache.sluit()


def onthoud_licht(repo: Repo, soort: str, invoer: Any, functie: Callable[[], Any]) -> Any:
    """Als `onthoud`, voor een resultaat met modellen erin (zoals de regioregels), en zonder
    pickle: bewaard als `codeer`-boom (marshal) en teruggegeven als lichte objecten
    (`licht.bouw`), ook de eerste keer. `invoer` (gewone waarden) bevat alles waar het
    resultaat van afhangt, ook code buiten de modellen (die bewaakt het kenmerk van de cache)."""
    from jeugdplan.opslag.licht import bouw as bouw_licht

    naam = f"{soort}:{blake2b(marshal.dumps(invoer, 2), digest_size=16).hexdigest()}"
    cache = Cache(repo.root)
    try:
        boom = _onthoud(cache, naam, lambda: codeer(functie()), marshal.dumps, marshal.loads)
        return bouw_licht(boom, cache.velden())
    finally:
        cache.sluit()


def _onthoud(cache: Cache, naam: str, functie: Callable[[], Any],
             dumps: Callable[[Any], bytes], loads: Callable[[bytes], Any]) -> Any:
    """Het onder `naam` bewaarde resultaat, of `functie()` (dan ook bewaard)."""
    rij = cache.alle_afgeleid(naam, "*").get("*")
    if rij is not None:
        with contextlib.suppress(Exception):
            return loads(rij[5])
    waarde = functie()
    cache.bewaar_afgeleid(naam, [("*", (0, 0, 0, 0), None, waarde)], dumps)
    return waarde


def lees_licht(repo: Repo, ident: str) -> Any | None:
    """Eén plan als lichte, alleen-lezen objecten (`licht`), zonder pydantic: alleen als de
    cache het plan heeft en het bestand sindsdien niet veranderde; anders None (lees het dan
    gewoon, met `lees_alle`)."""
    from jeugdplan.opslag.licht import bouw as bouw_licht
    from jeugdplan.opslag.versleuteling import controleer_toegang

    if not aan():
        return None
    controleer_toegang(repo.root)
    cache = Cache(repo.root)
    try:
        kandidaat = [(ident, os.path.islink(f"{repo.casussen}/{ident}"))]
        stand, buiten, _weg = _stempels(repo, kandidaat, cache.stempels([ident]), False, None)
        if not stand[0][2] or buiten:
            return None
        rij = cache.haal(ident)
        if rij is None or rij[0] is None:
            return None
        try:
            return bouw_licht(marshal.loads(zlib.decompress(rij[0])), cache.velden())
        except Exception:  # noqa: BLE001 - beschadigd of andere vorm: gewoon lezen
            return None
    finally:
        cache.sluit()


def _kandidaten(repo: Repo) -> list[tuple[str, bool]]:
    """(id, map is een symlink) van elke map in `casussen/` met een geldig id, op volgorde.

    Uit één `scandir` (het type staat in de map zelf): geen stat per casus. Of er een
    plan.yaml in staat blijkt bij het lezen van de stempel."""

    try:
        with os.scandir(repo.casussen) as it:
            uit = [(e.name, e.is_symlink()) for e in it
                   if _ID_PATROON.match(e.name) and e.is_dir()]
    except OSError:
        return []
    uit.sort()
    return uit


def lees_alle(repo: Repo, idents: list[str] | None = None,
              afgeleid: tuple[str, Callable[[Plan], Any]] | None = None,
              modi: dict[str, tuple[int, int]] | None = None) -> Iterator[Resultaat]:
    """(id, plan of None, problemen) voor elk plan, in volgorde van id.

    Uit de cache waar die klopt; de rest wordt gelezen (parallel als het er veel zijn) en in
    de cache gezet. Het resultaat is gelijk aan lezen zonder cache. Met `afgeleid`
    (zie `per_plan`) staat op de plaats van het plan het resultaat van de functie.
    """
    global _AFGELEID
    from jeugdplan.opslag.versleuteling import controleer_toegang

    controleer_toegang(repo.root)  # versleuteld en vergrendeld: duidelijke fout, ook bij een warme cache
    alle = idents is None
    kandidaten = _kandidaten(repo) if idents is None else [
        (i, os.path.islink(f"{repo.casussen}/{i}")) for i in idents]
    casussen = str(repo.casussen)
    cache = Cache(repo.root)
    teller = {"uit_cache": 0, "gelezen": 0}
    _AFGELEID = afgeleid[1] if afgeleid is not None else None
    pool = achtergrond = None
    meer_kernen = (os.cpu_count() or 1) > 1
    try:
        if meer_kernen and alle and len(kandidaten) >= ACHTERGROND_VANAF:
            # Vooruit: één werkproces laadt alvast pydantic en het model (~0,15 s) terwijl
            # hier de stempels gelezen worden, voor het geval er een paar plannen veranderden.
            # Blijkt er niets te lezen, dan wordt het gestopt (kost ~0,01 s).
            pool = _maak_pool(1)
            pool.apply_async(_voorbereiden)
        vooruit_gestart = pool
        opgeslagen = cache.stempels(None if alle else [i for i, _ in kandidaten])
        vooraf = cache.alle_afgeleid(afgeleid[0]) if afgeleid is not None else {}
        niet_meer_racy: list[tuple[str, Stempel]] = []
        stand, buiten, weg = _stempels(repo, kandidaten, opgeslagen, alle, modi, niet_meer_racy)
        te_lezen = [ident for ident, _st, geldig in stand if not geldig and ident not in buiten]
        # Een paar plannen die wel in de cache staan maar nog zonder dit resultaat (net door
        # jeugdplan geschreven): het vooruit gestarte werkproces rekent het uit, dan hoeft het
        # hoofdproces pydantic niet te laden om ze uit de cache op te bouwen.
        te_rekenen: list[tuple[str, bytes]] = []
        if afgeleid is not None and vooruit_gestart is not None:
            zonder = [ident for ident, huidig, geldig in stand
                      if geldig and huidig is not None and ident not in buiten
                      and not Cache.past(vooraf.get(ident), huidig, opgeslagen[ident][1])]
            if len(zonder) <= REKENEN_TOT:
                te_rekenen = [(i, rij[0]) for i in zonder
                              if (rij := cache.haal(i)) is not None and rij[0] is not None]
        # Veel te lezen: verdeeld over de kernen, per blok. Een paar (na een wijziging)
        # terwijl de rest uit de cache komt: één werkproces leest ze meteen, zodat pydantic
        # laden en valideren samenvallen met het lezen van de cache.
        if (meer_kernen and len(stand) >= PARALLEL_VANAF
                and len(te_lezen) >= max(1, PARALLEL_VANAF // 4)):
            pool = _maak_pool()
        elif meer_kernen and te_lezen and len(stand) - len(te_lezen) >= ACHTERGROND_VANAF:
            pool = pool or _maak_pool(1)
            achtergrond = pool.apply_async(_werk, ((casussen, te_lezen),))
        elif not te_rekenen:
            pool = None
        rekenen = (pool.apply_async(_reken, (te_rekenen,))
                   if te_rekenen and pool is vooruit_gestart and pool is not None else None)
        if vooruit_gestart is not None and vooruit_gestart is not pool:
            _stop(vooruit_gestart)
        vooruit: dict[str, Gelezen] = {}
        berekend: dict[str, Any] = {}
        uitgesteld = {i for i, _d in te_rekenen} if rekenen is not None else set()

        def uit_cache(blok: list[tuple[str, Stempel | None, bool]]) -> Blok:
            """Wat de cache van dit blok weet; de rest (missers) wordt gelezen in `vul_aan`."""
            treffers: dict[str, Resultaat] = {}
            missers: list[str] = []
            nieuw_afgeleid: list[tuple[str, Stempel, bytes | None, Any]] = []
            for ident, huidig, geldig in blok:
                if ident in buiten:
                    treffers[ident] = (ident, None, [_buiten(ident)])
                    continue
                if geldig and huidig is not None:
                    racy = opgeslagen[ident][1]
                    gevonden, waarde = (cache.uit_afgeleid(vooraf.get(ident), huidig, racy)
                                        if afgeleid is not None else (False, None))
                    if gevonden:
                        treffers[ident] = (ident, waarde, [])
                    elif ident in uitgesteld:  # het werkproces rekent het uit (vul_aan)
                        missers.append(ident)
                        continue
                    elif (uit := _uit_plan(cache.haal(ident), afgeleid)) is not None:
                        if afgeleid is not None and uit[0] is not None:
                            nieuw_afgeleid.append((ident, huidig, racy, uit[0]))
                        treffers[ident] = (ident, *uit)
                    if ident in treffers:
                        teller["uit_cache"] += 1
                        continue
                missers.append(ident)
            return blok, treffers, missers, nieuw_afgeleid

        def vul_aan(treffers: dict[str, Resultaat], missers: list[str],
                    nieuw_afgeleid: list[tuple[str, Stempel, bytes | None, Any]]) -> None:
            nonlocal achtergrond, vooruit, rekenen, berekend
            if rekenen is not None and any(i in uitgesteld for i in missers):
                berekend = dict(rekenen.get())
                rekenen = None
            for ident in [i for i in missers if i in berekend]:
                waarde = berekend.pop(ident)
                stempel, racy = opgeslagen[ident]
                nieuw_afgeleid.append((ident, stempel, racy, waarde))
                treffers[ident] = (ident, waarde, [])
                teller["uit_cache"] += 1
            missers = [i for i in missers if i not in treffers]
            if missers:
                if achtergrond is not None:
                    vooruit = {g[0]: g for g in achtergrond.get()}
                    achtergrond = None
                if vooruit:
                    gelezen = [vooruit.pop(i) for i in missers if i in vooruit]
                    al = {g[0] for g in gelezen}
                    gelezen += _lees(casussen, [i for i in missers if i not in al], None)
                else:
                    gelezen = _lees(casussen, missers, pool)
                teller["gelezen"] += len(gelezen)
                cache.bewaar(gelezen)
                for ident, st_, racy_, data, probl, heeft, waarde in gelezen:
                    if heeft:
                        if st_ is not None:
                            nieuw_afgeleid.append((ident, st_, racy_, waarde))
                        treffers[ident] = (ident, waarde, [])
                    elif afgeleid is not None and data is not None:
                        treffers[ident] = (ident, afgeleid[1](_maak_plan(data)), [])
                    else:
                        plan = _maak_plan(data) if data is not None else None
                        treffers[ident] = (ident, plan, [Probleem(**p) for p in probl])
            if afgeleid is not None:
                cache.bewaar_afgeleid(afgeleid[0], nieuw_afgeleid)

        wacht: list[Blok] = []
        for begin in range(0, len(stand), BLOK):
            wacht.append(uit_cache(stand[begin:begin + BLOK]))
            # Leest het werkproces nog (pydantic laden, valideren) en zijn de resultaten klein
            # (`afgeleid`): eerst verder met de cache, in plaats van te wachten op het blok
            # met het gewijzigde plan.
            bezig = [a for a in (achtergrond, rekenen) if a is not None and not a.ready()]
            if bezig and afgeleid is not None and begin + BLOK < len(stand):
                continue
            for blok, treffers, missers, nieuw_afgeleid in wacht:
                vul_aan(treffers, missers, nieuw_afgeleid)
                for ident, _st, _g in blok:
                    yield treffers[ident]
            wacht = []
        cache.vergeet(sorted(weg))
        cache.zonder_hash(niet_meer_racy)
    finally:
        if pool is not None:  # alle resultaten zijn binnen, of afgebroken: niets meer nodig
            _stop(pool)
        _AFGELEID = None
        cache.sluit()
        _statistiek(teller)


def _stempels(repo: Repo, kandidaten: list[tuple[str, bool]],
              opgeslagen: dict[str, tuple[Stempel, bytes | None]], alle: bool,
              modi: dict[str, tuple[int, int]] | None,
              niet_meer_racy: list[tuple[str, Stempel]] | None = None
              ) -> tuple[list[tuple[str, Stempel | None, bool]], set[str], set[str]]:
    """Eén lstat per plan: (id, stempel of None, klopt de cache), de symlinks naar buiten de
    repository, en de ids die de cache kan vergeten (weg, of een map zonder plan).

    `niet_meer_racy` krijgt de plannen waarvan de cache een inhoudshash bewaarde (vlak na
    een wijziging gelezen), die nog klopt, en waarvan mtime en ctime nu ruim voorbij de
    resolutie liggen: zoals een plan dat toen al oud was, hoeft de hash niet meer (anders
    leest elke volgende opdracht het bestand opnieuw om het te vergelijken)."""
    grens = time.time_ns() - RACY_NS
    casussen = str(repo.casussen)
    stand: list[tuple[str, Stempel | None, bool]] = []
    buiten: set[str] = set()
    weg = set(opgeslagen).difference(i for i, _ in kandidaten) if alle else set()
    for ident, map_is_link in kandidaten:
        pad = f"{casussen}/{ident}/plan.yaml"
        try:
            st = os.lstat(pad)
            if map_is_link or stat.S_ISLNK(st.st_mode):
                if not repo.binnen_repository(Path(pad)):
                    buiten.add(ident)
                    stand.append((ident, None, False))
                    continue
                st = os.stat(pad)
        except OSError:
            if alle:  # een map zonder plan is geen casus
                weg.add(ident)
            else:
                stand.append((ident, None, False))
            continue
        if modi is not None:
            with contextlib.suppress(OSError):
                modi[ident] = (os.stat(f"{casussen}/{ident}").st_mode, st.st_mode)
        huidig = _stempel(st)
        bewaard = opgeslagen.get(ident)
        geldig = _geldig(pad, bewaard, huidig)
        if (geldig and niet_meer_racy is not None and bewaard is not None
                and bewaard[1] is not None and max(st.st_mtime_ns, st.st_ctime_ns) < grens):
            niet_meer_racy.append((ident, huidig))
        stand.append((ident, huidig, geldig))
    return stand, buiten, weg


def _uit_plan(rij: tuple[bytes | None, str | None] | None,
              afgeleid: tuple[str, Callable[[Plan], Any]] | None
              ) -> tuple[Any, list[Probleem]] | None:
    """(plan of, met `afgeleid`, functie(plan); problemen) uit een bewaard plan. None als het
    er niet is of beschadigd is (dan opnieuw lezen)."""
    if rij is None:
        return None
    data, problemen = rij
    try:
        plan = _maak_plan(data) if data is not None else None
        if plan is not None and afgeleid is not None:
            return afgeleid[1](plan), []
        return plan, _problemen(problemen)
    except Exception:  # noqa: BLE001 - beschadigd: opnieuw lezen
        return None


def _statistiek(teller: dict[str, int]) -> None:
    """Voor de benchmark: JEUGDPLAN_CACHE_STATS=PAD schrijft hoeveel plannen uit de cache
    kwamen en hoeveel opnieuw gelezen werden."""
    pad = os.environ.get("JEUGDPLAN_CACHE_STATS")
    if pad:
        with contextlib.suppress(OSError):
            Path(pad).write_text(_json().dumps(teller))


def _voorbereiden() -> None:
    """In een vooruit gestart werkproces: model, validatie en YAML-lader laden en het
    validatieschema bouwen, zodat een gewijzigd plan daarna meteen gelezen wordt. Met lage
    voorrang: het mag het hoofdproces (en `git status` van `check`) niet ophouden."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.bronnen import valideer  # noqa: F401
    from jeugdplan.opslag.yamlio import laad_snel  # noqa: F401

    Plan.model_rebuild(force=True)


def _reken(rijen: list[tuple[str, bytes]]) -> list[tuple[str, Any]]:
    """In het werkproces: het resultaat van `per_plan` (de functie in `_AFGELEID`) voor
    plannen uit de cache, (id, gecomprimeerd plan) -> (id, resultaat)."""
    assert _AFGELEID is not None
    return [(ident, _AFGELEID(_maak_plan(data))) for ident, data in rijen]


def _stop(pool: Any) -> None:
    pool.terminate()
    pool.join()


def _maak_pool(processen: int | None = None) -> Any:
    import multiprocessing

    # 'fork' deelt de al geïmporteerde modules (pydantic, model) met de werkprocessen.
    methode = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return multiprocessing.get_context(methode).Pool(processen or os.cpu_count() or 2)


def _lees(casussen: str, idents: list[str], pool: Any) -> list[Gelezen]:
    if pool is None:
        return _werk((casussen, idents))
    stuk = max(25, len(idents) // 16)
    taken = [(casussen, idents[i:i + stuk]) for i in range(0, len(idents), stuk)]
    uit: list[Gelezen] = []
    for deel in pool.imap(_werk, taken):
        uit.extend(deel)
    return uit
