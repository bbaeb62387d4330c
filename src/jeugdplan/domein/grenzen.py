"""Grenzen aan invoer: stuurtekens in tekst en datums buiten de kalender van een plan.

Licht (alleen `re` en `datetime`): de opdrachtregel gebruikt dit ook zonder het model te laden.

**Stuurtekens**: herkennen (om te weigeren) en onschadelijk tonen.

Tekst uit een plan, een optie, git (auteursnamen, commitberichten, paden) of een sjabloon
kan stuurtekens bevatten die een terminal uitvoert in plaats van toont: `ESC ]0;…BEL` (de
venstertitel), `ESC [2J` (scherm wissen), OSC 52 (het klembord vullen), U+009B (CSI in één
teken) of U+202E (tekst achterstevoren, zodat een naam of bedrag anders leest). `toonbaar`
is de ene functie waarmee alles wat jeugdplan toont zulke tekens zichtbaar maakt; plannen en
opties weigeren ze bij het valideren (`stuurteken`).
"""

from __future__ import annotations

import re
from datetime import date

STUURTEKENS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 (behalve tab en regeleinde), DEL, C1 en de tekens die de schrijfrichting sturen."""


def _escape(treffer: re.Match[str]) -> str:
    return f"\\u{ord(treffer.group()):04x}"


def toonbaar(tekst: str) -> str:
    """`tekst` met elk stuurteken als `\\uXXXX` (zichtbaar, en binnen een JSON-tekst een
    geldige escape, zodat ook JSON-uitvoer zo beschermd wordt)."""
    return STUURTEKENS.sub(_escape, tekst) if STUURTEKENS.search(tekst) else tekst


def stuurteken(tekst: str) -> str | None:
    """Het eerste stuurteken in `tekst` als `U+XXXX`, of None."""
    treffer = STUURTEKENS.search(tekst)
    return f"U+{ord(treffer.group()):04X}" if treffer else None


MIN_DATUM = date(1900, 1, 1)
MAX_DATUM = date(2199, 12, 31)
"""Elke datum in een plan en in een optie ligt hiertussen: een jaar 1 of 9999 is een typfout,
en rekenen met termijnen (+20 jaar bewaren) mag nooit buiten de kalender lopen."""


def controleer_datum(waarde: date) -> date:
    """`waarde` als die tussen `MIN_DATUM` en `MAX_DATUM` ligt; anders een ValueError met een
    Nederlandse melding."""
    if not MIN_DATUM <= waarde <= MAX_DATUM:
        raise ValueError(f"{waarde.isoformat()} ligt buiten {MIN_DATUM.isoformat()} tot en met "
                         f"{MAX_DATUM.isoformat()}; typfout in het jaar?")
    return waarde
