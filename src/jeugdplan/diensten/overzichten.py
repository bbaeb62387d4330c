"""Overzichten over alle plannen van een repository: `list`, `agenda`, `meldcode status`,
`bewaartermijn`.

Het resultaat per plan (een regel, de agendapunten, het meldcodeadvies) komt uit de cache
zolang het plan en de code niet veranderden (`opslag.inlezen.per_plan`); het domein rekent het
uit en sorteert. Een plan dat niet te lezen is verdwijnt nooit stil: zijn id komt in
`onleesbaar` (als gegeven), zodat de opdracht het kan melden.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import astuple
from datetime import date, timedelta
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jeugdplan.domein import overzicht
from jeugdplan.opslag.bronnen import gegevens
from jeugdplan.opslag.inlezen import per_plan
from jeugdplan.opslag.store import Repo

if TYPE_CHECKING:
    from jeugdplan.domein import agenda, kwaliteit, meldcode, thuiszitters
    from jeugdplan.domein.model import Plan

# Alleen `overzicht` op moduleniveau: warm `list` laadt zo niet de regels van agenda,
# meldcode en thuiszitters (die alleen nodig zijn als er iets uit te rekenen is).


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
    rijen = per_plan(repo, f"overzicht:{vandaag}", partial(_regel, vandaag=vandaag))
    return overzicht.kies((overzicht.Regel(*r) for r in _gelezen(rijen, onleesbaar)), **filters)


def _regel(plan: Plan, vandaag: date) -> tuple[Any, ...]:
    """De regel van één plan als gewone tuple: zo is hij snel uit de cache te pakken."""
    return astuple(overzicht.regel(plan, vandaag, gegevens()))


def agenda_repo(repo: Repo, vandaag: date, weken: int = 2,
                onleesbaar: list[str] | None = None) -> list[agenda.Punt]:
    """Alle agendapunten tot `weken` weken vooruit, over tijd eerst (ook de termijnen rond
    verzuim, die van de schoolkalender afhangen)."""
    from jeugdplan.diensten.kalender import kenmerk
    from jeugdplan.domein import agenda

    tot = vandaag + timedelta(weeks=weken)
    sleutel = kenmerk(repo)
    per = per_plan(repo, f"agenda:{vandaag}:{tot}:{sleutel}",
                   partial(_agendapunten, vandaag=vandaag, tot=tot, repo=repo, sleutel=sleutel))
    return agenda.sorteer(agenda.Punt(*p) for lijst in _gelezen(per, onleesbaar) for p in lijst)


def _agendapunten(plan: Plan, vandaag: date, tot: date, repo: Repo,
                  sleutel: str) -> list[tuple[Any, ...]]:
    """De punten van één plan als gewone tuples (zoals `_regel`)."""
    from jeugdplan.diensten.kalender import kalender_van
    from jeugdplan.domein import agenda

    g = gegevens()
    return [astuple(p) for p in agenda.punten(plan, vandaag, tot, g)
            + agenda.verzuimpunten(plan, vandaag, tot, g, kalender_van(repo, sleutel))]


def meldcode_status_repo(repo: Repo, vandaag: date, onleesbaar: list[str] | None = None
                         ) -> list[meldcode.Advies]:
    """Alle lopende meldcodesporen: verstreken termijnen eerst."""
    from jeugdplan.domein import meldcode

    return meldcode.lopend(_gelezen(per_plan(
        repo, f"meldcode:{vandaag}", partial(_meldcodespoor, vandaag=vandaag)), onleesbaar))


def _meldcodespoor(plan: Plan, vandaag: date) -> meldcode.Advies | None:
    from jeugdplan.domein import meldcode

    return meldcode.spoor(plan, vandaag, meldcode.machine(gegevens()))


def bewaartermijn_repo(repo: Repo, vandaag: date, onleesbaar: list[str] | None = None
                       ) -> list[dict[str, Any]]:
    """Afgesloten plannen waarvan de bewaartermijn op `vandaag` is verstreken, oudste eerst.
    De termijn per plan hangt niet van vandaag af: hij blijft bewaard tot het plan verandert."""
    from jeugdplan.domein.bewaartermijn import verlopen

    return verlopen(_gelezen(per_plan(repo, "bewaartermijn", _termijnrij), onleesbaar), vandaag)


def _termijnrij(plan: Plan) -> dict[str, Any] | None:
    from jeugdplan.domein.bewaartermijn import rij

    return rij(plan, gegevens())


def kinderen(repo: Repo, ids: set[str]) -> dict[str, tuple[str, str]]:
    """(voornaam, achternaam) per casus, voor een agenda met of zonder namen (`agenda --ics`)."""
    return {ident: naam for ident, naam, _ in per_plan(repo, "naam", _naam, sorted(ids))
            if naam is not None}


def _naam(plan: Plan) -> tuple[str, str]:
    return plan.kind.voornaam, plan.kind.achternaam


def thuiszitters_per_plan(plan: Plan, peildatum: date, repo: Repo,
                          sleutel: str) -> thuiszitters.PlanResultaat:
    """Wat één plan bijdraagt aan het thuiszittersrapport (per plan in de cache; `sleutel`:
    het kenmerk van de schoolkalender van de repository)."""
    from jeugdplan.diensten.kalender import kalender_van
    from jeugdplan.domein import thuiszitters

    return thuiszitters.plan_resultaat(plan, peildatum, gegevens(), kalender_van(repo, sleutel))


def kwaliteit_per_plan(plan: Plan, van: date, tot: date, repo: Repo,
                       sleutel: str) -> kwaliteit.Bijdrage:
    """Wat één plan bijdraagt aan het kwaliteitsrapport over [van, tot] (per plan in de cache;
    `sleutel`: het kenmerk van de regiobestanden, waar de schoolkalender en de indeling in
    lichte en specialistische hulp van afhangen)."""
    from jeugdplan.diensten.kalender import kalender_van
    from jeugdplan.domein import kwaliteit

    return kwaliteit.bijdrage(plan, van, tot, _hulpindeling(repo.root, sleutel), gegevens(),
                              kalender_van(repo, sleutel))


@cache
def _hulpindeling(root: Path, sleutel: str) -> dict[str, bool]:
    """De indeling van de geldende regio (één keer per proces zolang de bestanden gelijk zijn)."""
    from jeugdplan.diensten.regio import regio_van
    from jeugdplan.domein.kwaliteit import hulpindeling

    return hulpindeling(regio_van(Repo.open(root), sleutel))
