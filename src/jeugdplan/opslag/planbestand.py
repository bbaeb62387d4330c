"""Eén `plan.yaml` lezen: veilig (geen symlink, begrensd), ontsleuteld en gevalideerd.

Dit is de ene manier waarop een plan van schijf een `Plan` wordt, voor één plan (`show`) en
voor duizenden (`opslag.inlezen`, ook in werkprocessen). `inhoud_sleutel` is de sleutel van de
cache: git's blob-id van de bytes op schijf, zoals `git ls-files -s` hem ook geeft.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from jeugdplan.domein.errors import PlanOngeldig, Probleem
from jeugdplan.opslag.bestanden import lees_bytes
from jeugdplan.opslag.versleuteling import ontsleutel

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan


def inhoud_sleutel(ruw: bytes) -> str:
    """Het blob-id dat git aan deze inhoud geeft (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(ruw) + ruw, usedforsecurity=False).hexdigest()


def geweigerd(relatief: str, melding: str, code: str = "bestand") -> PlanOngeldig:
    probleem = Probleem(relatief, None, None, "", melding, code=code)
    return PlanOngeldig(str(probleem), [probleem])


def lees_ruw(casussen: Path, ident: str, relatief: str) -> bytes:
    """De bytes van `casussen/<ident>/plan.yaml` zoals ze op schijf staan. Een symlink (de
    map of het bestand) wordt nooit gevolgd: wie de gedeelde repository kan beschrijven, kan
    zo geen bestand van buiten de repository laten lezen of tonen."""
    map_ = casussen / ident
    for pad, wat in ((map_, "de map"), (map_ / "plan.yaml", "het plan")):
        try:
            info = os.lstat(pad)
        except OSError as e:
            raise geweigerd(relatief, f"bestand kan niet gelezen worden ({e.strerror})") from None
        if stat.S_ISLNK(info.st_mode):
            raise geweigerd(relatief, f"{wat} is een symbolische koppeling; jeugdplan volgt die "
                            "niet (verwijder de koppeling en zet het plan er zelf neer)",
                            "symlink")
    return lees_bytes(map_ / "plan.yaml", relatief)


def plantekst(ruw: bytes, relatief: str) -> str:
    """De leesbare tekst van een plan (ontsleuteld als het versleuteld is)."""
    from jeugdplan.opslag.yamlio import decodeer

    return decodeer(ontsleutel(ruw, relatief), relatief)


def plan_uit(tekst: str, relatief: str) -> Plan:
    """Het gevalideerde plan; fouten met bestand, regel en kolom."""
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.bronnen import valideer
    from jeugdplan.opslag.yamlio import laad_snel

    return valideer(Plan, laad_snel(tekst, relatief), relatief, tekst)
