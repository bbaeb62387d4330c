"""De schoolkalender van een casusrepository (`domein.kalender`): uit de meegeleverde gegevens
en de geldende regio (`jeugdplan.yaml`, de eigen `regio.yaml`).

Overzichten die per plan in de cache staan (thuiszitters, agenda) hangen van de kalender af.
`kenmerk` geeft daarvoor een korte hash van de bestanden van de repository waar de kalender
uit komt, zonder ze te ontleden: warm laadt zo'n overzicht geen pydantic of YAML. De
meegeleverde `data/` valt onder de regelversie van de cache.
"""

from __future__ import annotations

import os
import stat
from functools import cache
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING

from jeugdplan.opslag.store import Repo

if TYPE_CHECKING:
    from jeugdplan.domein.kalender import Kalender

BESTANDEN = ("jeugdplan.yaml", "regio.yaml")


def kenmerk(repo: Repo) -> str:
    """Verandert als `jeugdplan.yaml` of `regio.yaml` verandert (een symlink wordt niet
    gevolgd: dan telt alleen dat het er een is; het laden van de regio weigert hem)."""
    h = blake2b(digest_size=8)
    for naam in BESTANDEN:
        pad = repo.root / naam
        try:
            st = os.lstat(pad)
        except OSError:
            h.update(f"{naam}:-\n".encode())
            continue
        if not stat.S_ISREG(st.st_mode):
            h.update(f"{naam}:{st.st_mode}\n".encode())
            continue
        try:
            h.update(f"{naam}:".encode() + pad.read_bytes() + b"\n")
        except OSError:
            h.update(f"{naam}:?\n".encode())
    return h.hexdigest()


def kalender_van(repo: Repo, sleutel: str | None = None) -> Kalender:
    """De kalender van de repository (één keer per proces zolang de bestanden gelijk zijn;
    `sleutel`: het `kenmerk`, als dat al bekend is)."""
    return _kalender(repo.root, sleutel or kenmerk(repo))


@cache
def _kalender(root: Path, _kenmerk: str) -> Kalender:
    from jeugdplan.diensten.regio import regio_van
    from jeugdplan.domein.kalender import kalender
    from jeugdplan.opslag.bronnen import gegevens

    return kalender(gegevens(), regio_van(Repo.open(root)))
