"""licht.py: lichte plannen uit de cache lezen net zo als het model (velden, weergave, route,
meldcode), zonder pydantic, en zijn niet te wijzigen."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from jeugdplan.cli.weergave import toon_plan
from jeugdplan.diensten.demo import bouw_demo
from jeugdplan.diensten.regio import laad_regio, regio_van
from jeugdplan.domein import meldcode, routing
from jeugdplan.opslag import cache, licht
from jeugdplan.opslag.bronnen import gegevens
from jeugdplan.opslag.store import Repo

G = gegevens()

VANDAAG = date(2026, 11, 25)
BENCH = Path(__file__).resolve().parent.parent / "bench"


def _gegenereerd(pad: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    root: Path = module.genereer(40, pad, seed=1, processen=1)
    return root


@pytest.fixture(scope="module", params=["demo", "gegenereerd"])
def repo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """De demo (alle soorten plannen) en 40 gegenereerde plannen (meldcode, verzuim, ...)."""
    pad = tmp_path_factory.mktemp("licht") / "r"
    with pytest.MonkeyPatch.context() as mp:
        for sleutel in ("NAME", "EMAIL"):
            mp.setenv(f"GIT_AUTHOR_{sleutel}", "t@x" if sleutel == "EMAIL" else "T")
            mp.setenv(f"GIT_COMMITTER_{sleutel}", "t@x" if sleutel == "EMAIL" else "T")
        if request.param == "demo":
            return bouw_demo(pad, VANDAAG)
        return Repo.open(_gegenereerd(pad))


def _data(obj: Any) -> Any:
    """Model of licht object als gewone gegevens, om ze te vergelijken."""
    if isinstance(obj, BaseModel):
        return {n: _data(getattr(obj, n)) for n in type(obj).model_fields}
    if isinstance(obj, licht.Licht):
        return {n: _data(getattr(obj, n)) for n in type(obj).__slots__}
    if isinstance(obj, list):
        return [_data(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _data(v) for k, v in obj.items()}
    return obj


def _paren(repo: Repo) -> list[tuple[Any, Any]]:
    uit = []
    for ident in repo.ids():
        volledig = repo.lees(ident)  # vult ook de cache
        licht_plan = cache.lees_licht(repo, ident)
        assert isinstance(licht_plan, licht.Licht), ident
        uit.append((volledig, licht_plan))
    return uit


def test_zelfde_velden_en_waarden(repo: Repo) -> None:
    for volledig, licht_plan in _paren(repo):
        assert type(licht_plan).__name__ == "Plan"
        assert _data(licht_plan) == _data(volledig)


def test_zelfde_weergave(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    for volledig, licht_plan in _paren(repo):
        toon_plan(volledig, VANDAAG, G)
        verwacht = capsys.readouterr().out
        toon_plan(licht_plan, VANDAAG, G)
        assert capsys.readouterr().out == verwacht
        assert verwacht.startswith(f"{volledig.kind.voornaam} {volledig.kind.achternaam}")


def test_zelfde_route(repo: Repo) -> None:
    volledige_regio = laad_regio(repo.instellingen.regio, repo.root)
    lichte_regio = regio_van(repo)
    for volledig, licht_plan in _paren(repo):
        assert (routing.route(licht_plan, lichte_regio, VANDAAG, G).als_dict()
                == routing.route(volledig, volledige_regio, VANDAAG, G).als_dict())


def test_zelfde_meldcode_advies(repo: Repo) -> None:
    sporen = 0
    for volledig, licht_plan in _paren(repo):
        sporen += len(volledig.meldcode)
        assert (meldcode.volgende(licht_plan, VANDAAG, meldcode.machine(G)).als_json()
                == meldcode.volgende(volledig, VANDAAG, meldcode.machine(G)).als_json())
        for licht_spoor, spoor in zip(licht_plan.meldcode, volledig.meldcode, strict=True):
            assert (meldcode.toestand(licht_spoor, meldcode.machine(G)).__dict__
                    == meldcode.toestand(spoor, meldcode.machine(G)).__dict__)
    assert sporen > 0  # er zitten echte meldcodesporen tussen


def test_alleen_lezen(repo: Repo) -> None:
    _volledig, licht_plan = _paren(repo)[0]
    with pytest.raises(AttributeError, match="alleen-lezen"):
        licht_plan.status = "afgesloten"
    with pytest.raises(AttributeError):
        licht_plan.bestaat_niet = 1
    with pytest.raises(TypeError):
        hash(licht_plan)


def test_velden_van_model_dekt_alle_modellen() -> None:
    from jeugdplan.domein import model, regiomodel

    velden = licht.velden_van_model()
    assert velden["Plan"] == tuple(model.Plan.model_fields)
    assert velden["RegioRegels"] == tuple(regiomodel.RegioRegels.model_fields)
    assert velden["Inschrijving"] == ("van", "tot", "school")  # ook geërfde velden


def test_bouw_datums_lijsten_en_woordenboeken() -> None:
    velden = {"A": ("x", "y")}
    boom = {"k": ("A", [(date(2026, 1, 2).toordinal(),), [1, ("A", [None, "z"], 0)]], 3)}
    gebouwd = licht.bouw(boom, velden)
    a = gebouwd["k"]
    assert a.x == date(2026, 1, 2)
    assert a.y[0] == 1 and a.y[1].y == "z" and a.y[1].x is None
    assert repr(a.y[1]) == "A(x=None, y='z')"
    assert a == licht.bouw(boom, velden)["k"]
