"""Vindt de meegeleverde mappen `data/` en `templates/`, en leest de YAML-gegevens daarin.

In een geïnstalleerd wiel staan ze naast het pakket (`jeugdplan/data`); in de broncode-map
staan ze twee niveaus hoger. Gegevens worden eenmaal per proces gelezen.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

_PAKKET = Path(__file__).resolve().parent


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
    """Leest `data/<relatief>` met de snelle, veilige YAML-lader."""
    from jeugdplan.yamlio import laad_snel

    return laad_snel((data_map() / relatief).read_bytes(), str(relatief))


def bekende_regios() -> list[str]:
    """De meegeleverde regio's: de bestanden in `data/regio/`."""
    return sorted(p.stem for p in (data_map() / "regio").glob("*.yaml"))
