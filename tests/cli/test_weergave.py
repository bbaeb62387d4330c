"""Gouden bestanden voor de leesbare uitvoer (show, list, agenda, check) op de demogegevens.

Bijwerken na een bewuste wijziging: JEUGDPLAN_GOLDEN_BIJWERKEN=1 python -m pytest tests/cli/test_weergave.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jeugdplan.diensten.demo import bouw_demo
from jeugdplan.opslag.clock import vandaag
from tests.conftest import Cli

GOUD = Path(__file__).parents[1] / "testdata" / "weergave"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("JEUGDPLAN_VANDAAG", "2026-11-25")
    mp.setenv("GIT_CONFIG_GLOBAL", str(tmp_path_factory.mktemp("git") / "leeg"))
    pad = tmp_path_factory.mktemp("demo") / "demo"
    bouw_demo(pad, vandaag())
    mp.undo()
    return pad


def vergelijk(naam: str, uitvoer: str) -> None:
    bestand = GOUD / naam
    if os.environ.get("JEUGDPLAN_GOLDEN_BIJWERKEN"):
        bestand.write_text(uitvoer, encoding="utf-8")
    assert uitvoer == bestand.read_text(encoding="utf-8")


@pytest.mark.parametrize(("naam", "args"), [
    ("show-demo-01.txt", ["show", "DEMO-01"]),
    ("show-demo-03.txt", ["show", "DEMO-03"]),
    ("list.txt", ["list"]),
    ("agenda.txt", ["agenda", "--weken", "4"]),
    ("check.txt", ["check"]),
])
def test_gouden_uitvoer(demo: Path, naam: str, args: list[str]) -> None:
    vergelijk(naam, Cli(demo)(*args).stdout)
