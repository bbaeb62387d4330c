"""Eén kind, één plan: herkent een tweede plan voor hetzelfde kind.

Hetzelfde kind = dezelfde geboortedatum en een naam die overeenkomt, ook met kleine
spelverschillen (Mohammed/Mohamed, Jansen/Janssen, met of zonder accent of tussenvoegsel).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "op", "el"}


@functools.lru_cache(maxsize=65536)
def normaliseer(naam: str) -> str:
    """Kleine letters, zonder accenten, tussenvoegsels en leestekens."""
    zonder = unicodedata.normalize("NFKD", naam)
    zonder = "".join(c for c in zonder if not unicodedata.combining(c)).lower()
    woorden = ["".join(c for c in w if c.isalnum()) for w in zonder.replace("-", " ").split()]
    return " ".join(w for w in woorden if w and w not in TUSSENVOEGSELS)


def afstand(a: str, b: str) -> int:
    """Levenshtein-afstand (klein: namen zijn kort)."""
    if a == b:
        return 0
    vorige = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        huidige = [i]
        for j, cb in enumerate(b, 1):
            huidige.append(min(vorige[j] + 1, huidige[j - 1] + 1, vorige[j - 1] + (ca != cb)))
        vorige = huidige
    return vorige[-1]


def _lijkt(a: str, b: str) -> bool:
    if a == b:
        return True
    grens = 1 if max(len(a), len(b)) <= 6 else 2
    return afstand(a, b) <= grens


def zelfde_kind(voornaam_a: str, achternaam_a: str, voornaam_b: str, achternaam_b: str) -> bool:
    return _lijkt(normaliseer(voornaam_a), normaliseer(voornaam_b)) and _lijkt(
        normaliseer(achternaam_a), normaliseer(achternaam_b)
    )


Kandidaat = tuple[str, str, str, date]
"""(id, voornaam, achternaam, geboortedatum)"""


def zoek_dubbel(voornaam: str, achternaam: str, geboortedatum: date,
                bestaande: Iterable[Kandidaat]) -> list[str]:
    """Ids van bestaande plannen die waarschijnlijk over hetzelfde kind gaan."""
    return [
        ident for ident, vn, an, gd in bestaande
        if gd == geboortedatum and zelfde_kind(voornaam, achternaam, vn, an)
    ]


def dubbele_groepen(alle: Iterable[Kandidaat]) -> list[list[str]]:
    """Groepen ids die waarschijnlijk hetzelfde kind zijn (gegroepeerd per geboortedatum)."""
    per_datum: dict[date, list[Kandidaat]] = defaultdict(list)
    for kandidaat in alle:
        per_datum[kandidaat[3]].append(kandidaat)
    groepen = []
    for kandidaten in per_datum.values():
        if len(kandidaten) < 2:
            continue
        for i, (ident, vn, an, _gd) in enumerate(kandidaten):
            for ander, vn2, an2, _ in kandidaten[i + 1:]:
                if zelfde_kind(vn, an, vn2, an2):
                    groepen.append([ident, ander])
    return groepen
