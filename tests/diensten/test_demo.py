"""De demo: bouwt een repository die elke controle doorstaat en laat de rondleiding zien."""

from __future__ import annotations

from pathlib import Path

from jeugdplan.diensten.demo import MARKERING, bouw_demo
from jeugdplan.opslag.clock import vandaag
from tests.conftest import Cli


def test_demo_bouwt_geldige_repository(tmp_path: Path) -> None:
    r = Cli(None)("demo", str(tmp_path / "demo"))
    assert "12 fictieve casussen aangemaakt" in r.stdout
    assert "$ jeugdplan list" in r.stdout
    assert "$ jeugdplan log DEMO-01" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr
    demo = Cli(tmp_path / "demo")
    check = demo.json("check")
    assert check["ok"] is True, check
    assert all(p["ernst"] == "waarschuwing" for p in check["problemen"])
    # opnieuw draaien vervangt de demo
    Cli(None)("demo", str(tmp_path / "demo"))


def test_demo_raakt_geen_andere_map_aan(tmp_path: Path) -> None:
    (tmp_path / "werk").mkdir()
    (tmp_path / "werk" / "belangrijk.txt").write_text("x")
    r = Cli(None)("demo", str(tmp_path / "werk"), code=1)
    assert "is geen demorepository" in r.stderr
    assert (tmp_path / "werk" / "belangrijk.txt").exists()


def test_demo_gebruikt_elk_deel_van_het_plan(tmp_path: Path) -> None:
    repo = bouw_demo(tmp_path / "d", vandaag())
    assert (repo.root / MARKERING).exists()
    plannen = repo.plannen()
    assert len(plannen) == 12
    velden = ["gezin", "signalen", "ouders_geinformeerd", "toestemmingen", "betrokkenen",
              "krachten", "zorgen", "netwerk", "doelen", "acties", "jeugdhulp", "evaluaties",
              "journaal"]
    for veld in velden:
        assert any(getattr(p, veld) for p in plannen), veld
    assert any(p.ondersteuning.opp for p in plannen)
    assert any(p.meldcode for p in plannen)
    assert any(p.regie for p in plannen)
    assert any(p.zienswijze.ouders and p.zienswijze.kind for p in plannen)
    v = [p.verzuim for p in plannen]
    assert any(x.afwezigheden for x in v) and any(x.vrijstellingen for x in v)
    assert any(x.inschrijvingen for x in v) and any(x.startkwalificatie for x in v)
    assert any(x.aanbod for x in v)
    assert {p.status for p in plannen} == {"aangemeld", "actief", "afgesloten"}
    assert {p.kind.gemeente for p in plannen} == {"Velsen", "Beverwijk", "Heemskerk",
                                                  "Castricum", "Uitgeest"}


def test_demo_niet_binnen_een_andere_repository(tmp_path: Path) -> None:
    """`jeugdplan demo` vanuit de broncode (een git-repository) maakt geen geneste repository."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path / "bron")], check=True)
    r = Cli(None)("demo", str(tmp_path / "bron" / "jeugdplan-demo"), code=1)
    assert "ligt in de git-repository" in r.stderr
    assert "jeugdplan demo ~/jeugdplan-demo" in r.stderr
    assert not (tmp_path / "bron" / "jeugdplan-demo").exists()
