"""Overzichten over alle plannen van een repository: `list`, `agenda`, `meldcode status`.

Het resultaat per plan (een regel, de agendapunten, het meldcodeadvies) komt uit de cache
zolang het plan en de code niet veranderden (`opslag.cache.per_plan`); het domein rekent het
uit en sorteert.
"""

from __future__ import annotations

from datetime import date, timedelta

from jeugdplan.domein import agenda, meldcode, overzicht
from jeugdplan.opslag.bronnen import gegevens
from jeugdplan.opslag.cache import per_plan
from jeugdplan.opslag.store import Repo


def overzicht_repo(repo: Repo, vandaag: date, **filters: str | None) -> list[overzicht.Regel]:
    """Het overzicht van `jeugdplan list` (gefilterd zoals `overzicht.kies`)."""
    regels = per_plan(repo, f"overzicht:{vandaag}", lambda p: overzicht.regel(p, vandaag))
    return overzicht.kies((r for _, r, _ in regels if r is not None), **filters)


def agenda_repo(repo: Repo, vandaag: date, weken: int = 2) -> list[agenda.Punt]:
    """Alle agendapunten tot `weken` weken vooruit, over tijd eerst (ook de termijnen rond
    verzuim, die van de schoolkalender afhangen)."""
    from jeugdplan.diensten.kalender import kalender_van, kenmerk
    from jeugdplan.domein.verzuim import agendapunten

    tot = vandaag + timedelta(weeks=weken)
    sleutel = kenmerk(repo)
    per = per_plan(repo, f"agenda:{vandaag}:{tot}:{sleutel}",
                   lambda p: agenda.punten(p, vandaag, tot)
                   + agendapunten(p, vandaag, tot, gegevens(), kalender_van(repo, sleutel)))
    return agenda.sorteer(p for _i, lijst, _f in per for p in lijst or [])


def meldcode_status_repo(repo: Repo, vandaag: date) -> list[meldcode.Advies]:
    """Alle lopende meldcodesporen: verstreken termijnen eerst."""
    return meldcode.lopend(a for _i, a, _f in per_plan(
        repo, f"meldcode:{vandaag}",
        lambda p: meldcode.spoor(p, vandaag, meldcode.machine(gegevens()))))
