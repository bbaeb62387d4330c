"""Waar wat staat: de namen en ids van een casusrepository (hoe een casus-id eruitziet), en
de meegeleverde mappen `data/` en `templates/`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from jeugdplan.domein.errors import JeugdplanError

INSTELLINGEN = "jeugdplan.yaml"
CASUSSEN = "casussen"
PLAN = "plan.yaml"

ID_PATROON = re.compile(r"^[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?$")
_ID_TEKENS = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Zonder 0/O, 1/I/L en U: makkelijk over te typen en voor te lezen."""

def controleer_id(ruw: str) -> str:
    """Normaliseert een casus-id; weigert alles wat een pad zou kunnen zijn."""
    kandidaat = ruw.strip().upper()
    if not ID_PATROON.match(kandidaat):
        raise JeugdplanError(
            f"ongeldig casus-id {ruw[:40]!r}: een id bestaat uit hoogstens 12 letters, "
            "cijfers en streepjes (bijvoorbeeld 2026-K7QXM2)"
        )
    return kandidaat


def nieuw_id(jaar: int, bestaat: Callable[[str], bool]) -> str:
    """Kort, typbaar en willekeurig (30^6 mogelijkheden per jaar): twee klonen die elk
    casussen aanmaken botsen praktisch nooit, en `sync` controleert het toch."""
    import secrets

    for _ in range(100):
        kandidaat = f"{jaar}-" + "".join(secrets.choice(_ID_TEKENS) for _ in range(6))
        if not bestaat(kandidaat):
            return kandidaat
    raise JeugdplanError("kon geen vrij casus-id vinden")  # pragma: no cover


_PAKKET = Path(__file__).resolve().parent.parent
"""De map van het pakket `jeugdplan` (deze module staat in `jeugdplan/opslag/`)."""


def _meegeleverd(naam: str) -> Path:
    """In een geïnstalleerd wiel staan `data/` en `templates/` naast het pakket
    (`jeugdplan/data`); in de broncode-map twee niveaus hoger."""
    for kandidaat in (_PAKKET / naam, _PAKKET.parent.parent / naam):
        if kandidaat.is_dir():
            return kandidaat
    raise FileNotFoundError(f"meegeleverde map {naam!r} niet gevonden bij {_PAKKET}")


def data_map() -> Path:
    return _meegeleverd("data")


def templates_map() -> Path:
    return _meegeleverd("templates")
