"""Overzichten over alle plannen van een repository: `list`, `agenda`, `meldcode status`.

Het resultaat per plan (een regel, de agendapunten, het meldcodeadvies) komt uit de cache
zolang het plan en de code niet veranderden (`opslag.cache.per_plan`); het domein rekent het
uit en sorteert. Een plan dat niet te lezen is verdwijnt nooit stil: zijn id komt in
`onleesbaar` (als gegeven), zodat de opdracht het kan melden.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from jeugdplan.domein import agenda, meldcode, overzicht
from jeugdplan.opslag.bronnen import gegevens
from jeugdplan.opslag.cache import per_plan
from jeugdplan.opslag.store import Repo


def _gelezen(per: Iterable[tuple[str, Any, Any]], onleesbaar: list[str] | None
             ) -> Iterator[Any]:
    """De resultaten van `per_plan` (zonder None); de ids van plannen die niet te lezen of
    ongeldig zijn in `onleesbaar`."""
    for ident, waarde, problemen in per:
        if waarde is not None:
            yield waarde
        elif problemen and onleesbaar is not None:
            onleesbaar.append(ident)


def overzicht_repo(repo: Repo, vandaag: date, onleesbaar: list[str] | None = None,
                   **filters: str | None) -> list[overzicht.Regel]:
    """Het overzicht van `jeugdplan list` (gefilterd zoals `overzicht.kies`)."""
    regels = per_plan(repo, f"overzicht:{vandaag}", lambda p: overzicht.regel(p, vandaag))
    return overzicht.kies(_gelezen(regels, onleesbaar), **filters)


def agenda_repo(repo: Repo, vandaag: date, weken: int = 2,
                onleesbaar: list[str] | None = None) -> list[agenda.Punt]:
    """Alle agendapunten tot `weken` weken vooruit, over tijd eerst."""
    tot = vandaag + timedelta(weeks=weken)
    per = per_plan(repo, f"agenda:{vandaag}:{tot}", lambda p: agenda.punten(p, vandaag, tot))
    return agenda.sorteer(p for lijst in _gelezen(per, onleesbaar) for p in lijst)


def meldcode_status_repo(repo: Repo, vandaag: date, onleesbaar: list[str] | None = None
                         ) -> list[meldcode.Advies]:
    """Alle lopende meldcodesporen: verstreken termijnen eerst."""
    return meldcode.lopend(a for a in _gelezen(per_plan(
        repo, f"meldcode:{vandaag}",
        lambda p: meldcode.spoor(p, vandaag, meldcode.machine(gegevens()))), onleesbaar))
