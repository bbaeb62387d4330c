"""De datum van vandaag, te vervangen door `JEUGDPLAN_VANDAAG=JJJJ-MM-DD` (reproduceerbaar)."""

from __future__ import annotations

import os
from datetime import date

from jeugdplan.domein.errors import GebruiksFout


def vandaag() -> date:
    waarde = os.environ.get("JEUGDPLAN_VANDAAG")
    if not waarde:
        return date.today()
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        raise GebruiksFout(
            f"JEUGDPLAN_VANDAAG={waarde[:40]!r} is geen geldige datum (JJJJ-MM-DD)"
        ) from None
