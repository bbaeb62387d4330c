"""Eén cache, gesleuteld op inhoud: nooit verouderd.

Wat jeugdplan afleidt (het gevalideerde plan zelf, de regel van `list`, de bevindingen van
`check`, de gelezen regels uit `data/`, ...) staat in SQLite, in de lokale map van de
gebruiker (`$XDG_CACHE_HOME/jeugdplan/`, 0700; de bestanden 0600): één bestand per kloon (en
per ontgrendelde sleutel) voor wat uit de plannen komt, en één algemeen bestand voor wat
alleen van de installatie afhangt. Elke rij heeft twee sleutels:

- de **inhoud** waaruit het resultaat komt (voor een plan: git's blob-id van de bytes op
  schijf, zie `opslag.inlezen`);
- de **soort** resultaat (`overzicht:2026-11-25`: wie een resultaat vraagt, zet alles waar het
  behalve de inhoud van afhangt in de soort).

Plus één **versie** voor het hele bestand: een hash over de geïnstalleerde code, `data/` en de
Python-versie. Een andere versie wist het. Zo'n sleutel is nooit verouderd: geen
tijdstempels, geen 'racy'-regels, en `chmod`, `touch` of een verse kloon veranderen niets.

De cache is veilig te wissen (hij wordt opnieuw opgebouwd), een onleesbaar bestand wordt
weggegooid, en kan er niet geschreven worden, dan werkt alles zonder cache.
`JEUGDPLAN_CACHE=0` zet hem uit. Waarden zijn `pickle`s van eigen objecten, in een bestand dat
alleen de gebruiker kan lezen en schrijven.

De cache staat nooit in de repository (die kan op een gedeelde schijf staan en een collega kan
erin schrijven): wat erin staat zijn leesbare, bijzondere persoonsgegevens.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.opslag.lokaal import prive_map, xdg
from jeugdplan.opslag.paden import data_map
from jeugdplan.opslag.versleuteling import (
    bewerk_map,
    identiteiten,
    publieke_sleutel,
    versleuteld_repo,
)


def aan() -> bool:
    """`JEUGDPLAN_CACHE=0` zet de cache uit (vergelijken, foutzoeken)."""
    return os.environ.get("JEUGDPLAN_CACHE", "1") not in ("0", "nee", "uit")


@functools.cache
def versie() -> str:
    """Verandert als de code, `data/` of Python verandert: dan telt niets uit de cache."""
    from hashlib import blake2b

    from jeugdplan import __version__

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
    """Eén verbinding met het cachebestand van kloon `root`, of met het algemene bestand
    (`root` None: wat alleen van de installatie afhangt, zoals de regels uit `data/`). Geen
    verbinding als de cache uit of onbruikbaar is: dan werkt alles zonder."""

    def __init__(self, root: Path | None) -> None:
        self.pad = cachebestand(root) if root is not None else _map() / "cache-algemeen.sqlite"
        self.db: sqlite3.Connection | None = None
        if root is not None:
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

    def een(self, soort: str, inhoud: str) -> bytes | None:
        """Eén bewaard resultaat, of None."""
        if self.db is None:
            return None
        try:
            rij = self.db.execute("SELECT waarde FROM resultaat WHERE soort = ? AND inhoud = ?",
                                  (soort, inhoud)).fetchone()
        except sqlite3.Error:
            return None
        return None if rij is None else bytes(rij[0])

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
        from hashlib import blake2b

        sleutel = blake2b(inhoud, digest_size=20).hexdigest()
        bewaard = self.een(soort, sleutel)
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
