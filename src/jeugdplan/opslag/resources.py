"""Vindt de meegeleverde mappen `data/` en `templates/`, en leest de YAML-gegevens daarin.

In een geïnstalleerd wiel staan ze naast het pakket (`jeugdplan/data`); in de broncode-map
staan ze twee niveaus hoger. Gegevens worden eenmaal per proces gelezen, en wat de YAML-lader
ervan maakte wordt bewaard in de lokale cache van de gebruiker onder de hash van de inhoud
(nooit verouderd): een opdracht die één plan toont hoeft de YAML-lader dan niet te laden.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from functools import cache
from pathlib import Path
from typing import Any

from jeugdplan.opslag.lokaal import prive_map, xdg

_PAKKET = Path(__file__).resolve().parent.parent
"""De map van het pakket `jeugdplan` (deze module staat in `jeugdplan/opslag/`)."""


def _map(naam: str) -> Path:
    for kandidaat in (_PAKKET / naam, _PAKKET.parent.parent / naam):
        if kandidaat.is_dir():
            return kandidaat
    raise FileNotFoundError(f"meegeleverde map {naam!r} niet gevonden bij {_PAKKET}")


def data_map() -> Path:
    return _map("data")


def templates_map() -> Path:
    return _map("templates")


@cache
def lees_data(relatief: str) -> Any:
    """Leest `data/<relatief>` met de snelle, veilige YAML-lader (of uit de lokale cache)."""
    ruw = (data_map() / relatief).read_bytes()
    bewaard = _gegevenscache(ruw)
    if bewaard is not None:
        with contextlib.suppress(Exception):
            return marshal.loads(bewaard.read_bytes())
    from jeugdplan.opslag.yamlio import laad_snel

    waarde = laad_snel(ruw, str(relatief))
    if bewaard is not None:
        # marshal: ingebouwd (geen import) en voert nooit code uit; een waarde die het niet
        # kan bewaren (een datum) wordt gewoon elke keer gelezen.
        with contextlib.suppress(Exception):
            from jeugdplan.opslag.store import schrijf_atomair

            prive_map(bewaard.parent)
            schrijf_atomair(bewaard, marshal.dumps(waarde))
    return waarde


def cache_aan() -> bool:
    """`JEUGDPLAN_CACHE=0` zet alle caches uit (vergelijken, foutzoeken)."""
    return os.environ.get("JEUGDPLAN_CACHE", "1") not in ("0", "nee", "uit")


def _gegevenscache(ruw: bytes) -> Path | None:
    """Waar de gelezen gegevens van deze inhoud bewaard worden (None: cache uit)."""
    if not cache_aan():
        return None
    from jeugdplan.opslag.cache import blake2b

    sleutel = blake2b(ruw, digest_size=16).hexdigest()
    return xdg("XDG_CACHE_HOME", ".cache") / "jeugdplan" / "gegevens" / f"{sleutel}.marshal"


@cache
def codelijst(naam: str) -> dict[str, str]:
    """Codes en omschrijvingen van een codelijst uit `data/codelijsten.yaml`."""
    lijsten = lees_data("codelijsten.yaml")
    return dict(lijsten[naam]["codes"])


def bekende_regios() -> list[str]:
    """De meegeleverde regio's: de bestanden in `data/regio/`."""
    return sorted(p.stem for p in (data_map() / "regio").glob("*.yaml"))
