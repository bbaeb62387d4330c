"""Een nieuw plan en één kind, één plan: de kandidaten (naam en geboortedatum van elk
plan) komen uit de cache en zijn gelijk aan elk plan lezen, ook na wijzigingen buiten
jeugdplan om."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from jeugdplan.diensten import plannen
from jeugdplan.opslag.store import Repo

DAG = date(2016, 4, 3)


def zonder_cache(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Wat elk plan lezen (zonder cache) oplevert."""
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    try:
        return [k for _i, p, _f in Repo.open(root).lees_alle() if p is not None
                and (k := plannen.kandidaat(p))[3] == DAG]
    finally:
        monkeypatch.setenv("JEUGDPLAN_CACHE", "1")


def zoek(root: Path) -> list[Any]:
    return plannen.kandidaten_op_datum(Repo.open(root), DAG)


@pytest.fixture
def vier(kind: Callable[..., str]) -> list[str]:
    return [kind(), kind(voornaam="Daan", achternaam="Bakker", geboortedatum="2014-02-01"),
            kind(voornaam="Mohammed", achternaam="Jansen", toch=""),
            kind(voornaam="Yara", achternaam="El Amrani", geboortedatum="2012-09-09",
                 onderwijssoort="vo")]


def test_gelijk_aan_alles_lezen(vier: list[str], repo_pad: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    verwacht = zonder_cache(repo_pad, monkeypatch)
    assert [k[0] for k in verwacht] == sorted([vier[0], vier[2]])
    assert zoek(repo_pad) == zoek(repo_pad) == verwacht


def test_nieuw_vindt_dubbel(vier: list[str], jp: Any) -> None:
    r = jp("new", "--voornaam", "Sanne", "--achternaam", "de Vries", "--geboortedatum",
           "2016-04-03", "--gemeente", "Velsen", "--school", "X", "--onderwijssoort", "po",
           code=1)
    assert f"er is al een plan voor dit kind: {vier[0]}" in r.stderr


def test_wijzigingen_buiten_jeugdplan(vier: list[str], repo_pad: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    zoek(repo_pad)
    pad = repo_pad / "casussen" / vier[1] / "plan.yaml"
    pad.write_text(pad.read_text().replace("geboortedatum: 2014-02-01", "geboortedatum: 2016-04-03"))
    naam = repo_pad / "casussen" / vier[0] / "plan.yaml"
    naam.write_text(naam.read_text().replace("voornaam: Sanne", "voornaam: Sanna"))
    verwacht = zonder_cache(repo_pad, monkeypatch)
    assert vier[1] in [k[0] for k in verwacht] and "Sanna" in [k[1] for k in verwacht]
    assert zoek(repo_pad) == verwacht


def test_nieuw_verwijderd_en_ongeldig_plan(vier: list[str], repo_pad: Path,
                                           kind: Callable[..., str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    zoek(repo_pad)
    nieuw = kind(voornaam="Sanne", achternaam="Vries", toch="")
    (repo_pad / "casussen" / vier[0] / "plan.yaml").unlink()
    (repo_pad / "casussen" / vier[0]).rmdir()
    kapot = repo_pad / "casussen" / vier[2] / "plan.yaml"
    kapot.write_text(kapot.read_text().replace("onderwijssoort: po", "onderwijssoort: xx"))
    assert [k[0] for k in zoek(repo_pad)] == [nieuw] == [k[0] for k in zonder_cache(
        repo_pad, monkeypatch)]
