"""bench/generate.py: realistische, geldige en deterministische plannen voor de benchmark."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import Cli

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(naam: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{naam}", BENCH / f"{naam}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # werkprocessen (fork) vinden de functies op naam
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _module("generate")


def test_gegenereerde_plannen_zijn_geldig(generate: ModuleType, tmp_path: Path) -> None:
    # Seed 1: bij de eerste 40 zitten een meldcodespoor, een afwezigheid en vrijstellingen.
    root = generate.genereer(40, tmp_path / "bench", seed=1, processen=1)
    plannen = sorted((root / "casussen").glob("*/plan.yaml"))
    assert len(plannen) == 40
    teksten = [p.read_text(encoding="utf-8") for p in plannen]
    assert all(t.count("\n") >= 100 for t in teksten)
    assert any("\nmeldcode:" in t for t in teksten)
    assert any("afwezigheden:" in t for t in teksten)
    assert any("vrijstellingen:" in t for t in teksten)
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in plannen)
    uitslag = json.loads(Cli(root)("check", "--json").stdout)
    assert uitslag["ok"] is True
    assert [p for p in uitslag["problemen"] if p["ernst"] == "fout"] == []
    # Alles in één commit vastgelegd: niets onvastgelegd.
    assert not [p for p in uitslag["problemen"] if p["code"] == "onvastgelegd"]
    lijst = Cli(root).json("list")
    assert len(lijst) == 40


def test_deterministisch(generate: ModuleType, tmp_path: Path) -> None:
    a = generate.genereer(6, tmp_path / "a", seed=5, processen=1)
    b = generate.genereer(6, tmp_path / "b", seed=5, processen=2)
    bestanden = sorted(p.relative_to(a) for p in (a / "casussen").glob("*/plan.yaml"))
    assert bestanden == sorted(p.relative_to(b) for p in (b / "casussen").glob("*/plan.yaml"))
    for rel in bestanden:
        assert (a / rel).read_bytes() == (b / rel).read_bytes()


def test_variatie_en_unieke_ids(generate: ModuleType) -> None:
    from jeugdplan.domein.model import Plan

    plannen = [Plan.model_validate(generate.plan_data(i, 1)) for i in range(600)]
    assert len({p.id for p in plannen}) == 600
    assert any(p.verzuim.afwezigheden for p in plannen)
    assert any(p.verzuim.vrijstellingen for p in plannen)
    assert any(p.meldcode is not None for p in plannen)
    assert any(p.status == "afgesloten" for p in plannen)
    met_iets = sum(1 for p in plannen if p.verzuim.afwezigheden or p.verzuim.vrijstellingen
                   or p.meldcode)
    assert 0.02 * 600 < met_iets < 0.2 * 600  # een paar procent
    for p in plannen:
        assert len(p.signalen) >= 3 and len(p.doelen) >= 3 and len(p.acties) >= 4
        assert len(p.journaal) >= 5 and p.toestemmingen and len(p.betrokkenen) >= 2


def test_voornamen_lijken_niet_op_elkaar(generate: ModuleType) -> None:
    from jeugdplan.domein.dubbel import zelfde_kind

    namen = generate.VOORNAMEN
    assert len(namen) >= 20
    for i, a in enumerate(namen):
        for b in namen[i + 1:]:
            assert not zelfde_kind(a, "x", b, "x")
