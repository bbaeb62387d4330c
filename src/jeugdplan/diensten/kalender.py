"""De schoolkalender van een casusrepository (`domein.kalender`): uit de meegeleverde gegevens
en de geldende regio (`jeugdplan.yaml`, de eigen `regio.yaml`).

Overzichten die per plan in de cache staan (thuiszitters, agenda) hangen van de kalender af;
ze zetten daarvoor het `kenmerk` van de regiobestanden in hun soort (`diensten.regio`). De
kalender zelf staat onder dat kenmerk in de cache; de meegeleverde `data/` valt onder de versie
van de cache.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jeugdplan.diensten.regio import kenmerk
from jeugdplan.opslag.store import Repo

__all__ = ["kalender_van", "kenmerk"]

if TYPE_CHECKING:
    from jeugdplan.domein.kalender import Kalender

def kalender_van(repo: Repo, sleutel: str | None = None) -> Kalender:
    """De kalender van de repository (één keer per proces zolang de bestanden gelijk zijn;
    `sleutel`: het `kenmerk`, als dat al bekend is)."""
    return _kalender(repo.root, sleutel or kenmerk(repo))


@cache
def _kalender(root: Path, sleutel: str) -> Kalender:
    from jeugdplan.diensten.regio import regio_van
    from jeugdplan.domein.kalender import kalender
    from jeugdplan.opslag.bronnen import gegevens
    from jeugdplan.opslag.cache import Cache

    repo = Repo.open(root)
    with Cache(root) as bewaard:
        waarde: Kalender = bewaard.onthoud(
            "kalender", sleutel.encode(), lambda: kalender(gegevens(), regio_van(repo, sleutel)))
    return waarde
