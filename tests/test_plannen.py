"""`plannen`: één kind, één plan via de kandidatenindex, met precies hetzelfde resultaat als
alle plannen lezen; nooit verouderd, veilig te wissen en bestand tegen beschadiging.

Geen tijdmetingen: snelheid toont bench/run.py."""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from jeugdplan.diensten import plannen
from jeugdplan.opslag import cache
from jeugdplan.opslag.store import Repo
from tests.test_cache import vervang_gelijk

DAG = date(2016, 4, 3)


def zonder_cache(root: Path, geboortedatum: date, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Wat elk plan lezen (zonder cache of index) oplevert."""
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    try:
        return [k for _i, p, _f in Repo.open(root).lees_alle() if p is not None
                and (k := plannen._kandidaat(p))[3] == geboortedatum]
    finally:
        monkeypatch.setenv("JEUGDPLAN_CACHE", "1")


def index(root: Path) -> dict[str, Any]:
    return plannen._lees_index(plannen._indexpad(Repo.open(root)))


def zoek(root: Path, geboortedatum: date = DAG) -> list[Any]:
    return plannen.kandidaten_op_datum(Repo.open(root), geboortedatum)


@pytest.fixture
def oud_genoeg(monkeypatch: pytest.MonkeyPatch) -> None:
    """Zonder 'racy'-marge: net geschreven plannen mogen meteen in de index (anders zou een
    test twee seconden moeten wachten)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture
def vier(kind: Callable[..., str]) -> list[str]:
    return [kind(), kind(voornaam="Daan", achternaam="Bakker", geboortedatum="2014-02-01"),
            kind(voornaam="Mohammed", achternaam="Jansen", toch=""),
            kind(voornaam="Yara", achternaam="El Amrani", geboortedatum="2012-09-09",
                 onderwijssoort="vo")]


def test_gelijk_aan_alles_lezen(vier: list[str], repo_pad: Path, oud_genoeg: None,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    for dag in (DAG, date(2014, 2, 1), date(2012, 9, 9), date(2000, 1, 1)):
        verwacht = zonder_cache(repo_pad, dag, monkeypatch)
        assert zoek(repo_pad, dag) == verwacht  # eerste keer: index opgebouwd
        assert zoek(repo_pad, dag) == verwacht  # uit de index
    assert [k[0] for k in zoek(repo_pad)] == sorted([vier[0], vier[2]])
    assert set(index(repo_pad)) == set(vier)


def test_vers_geschreven_plan_niet_in_de_index(vier: list[str], repo_pad: Path) -> None:
    # Met de gewone marge zijn alle plannen te vers: gelezen, maar niet bewaard.
    assert [k[0] for k in zoek(repo_pad)] == sorted([vier[0], vier[2]])
    assert index(repo_pad) == {}


def test_nieuw_vindt_dubbel_uit_de_index(vier: list[str], jp: Any, oud_genoeg: None) -> None:
    zoek(jp.root)
    r = jp("new", "--voornaam", "Sanne", "--achternaam", "de Vries", "--geboortedatum",
           "2016-04-03", "--gemeente", "Velsen", "--school", "X", "--onderwijssoort", "po",
           code=1)
    assert f"er is al een plan voor dit kind: {', '.join(sorted([vier[0]]))}" in r.stderr


def test_geboortedatum_buiten_jeugdplan_gewijzigd(vier: list[str], repo_pad: Path,
                                                  oud_genoeg: None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    zoek(repo_pad)
    # Daan krijgt dezelfde geboortedatum: zelfde grootte, oude mtime teruggezet.
    pad = repo_pad / "casussen" / vier[1] / "plan.yaml"
    vervang_gelijk(pad, "geboortedatum: 2014-02-01", "geboortedatum: 2016-04-03")
    verwacht = zonder_cache(repo_pad, DAG, monkeypatch)
    assert vier[1] in [k[0] for k in verwacht]
    assert zoek(repo_pad) == verwacht
    # en weer terug: niet meer gevonden
    vervang_gelijk(pad, "geboortedatum: 2016-04-03", "geboortedatum: 2014-02-01")
    assert zoek(repo_pad) == zonder_cache(repo_pad, DAG, monkeypatch)
    assert vier[1] not in [k[0] for k in zoek(repo_pad)]


def test_naam_gewijzigd_en_ander_plan_bewerkt(vier: list[str], repo_pad: Path, jp: Any,
                                              oud_genoeg: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    zoek(repo_pad)
    jp("signaal", "add", vier[3], "--domein", "gedrag", "--omschrijving", "Onrustig.")
    pad = repo_pad / "casussen" / vier[0] / "plan.yaml"
    vervang_gelijk(pad, "voornaam: Sanne", "voornaam: Sanna")
    verwacht = zonder_cache(repo_pad, DAG, monkeypatch)
    assert ("Sanna" in [k[1] for k in verwacht])
    assert zoek(repo_pad) == verwacht


def test_nieuw_en_verwijderd_plan(vier: list[str], repo_pad: Path, kind: Callable[..., str],
                                  oud_genoeg: None, monkeypatch: pytest.MonkeyPatch) -> None:
    zoek(repo_pad)
    nieuw = kind(voornaam="Sanne", achternaam="Vries", toch="")
    (repo_pad / "casussen" / vier[0] / "plan.yaml").unlink()
    (repo_pad / "casussen" / vier[0]).rmdir()
    verwacht = zonder_cache(repo_pad, DAG, monkeypatch)
    assert [k[0] for k in verwacht] == sorted([vier[2], nieuw])
    assert zoek(repo_pad) == verwacht
    assert vier[0] not in index(repo_pad)


@pytest.mark.parametrize("schade", ["wissen", "kapot", "afgekapt", "andere-versie", "leeg"])
def test_index_wissen_of_beschadigd(vier: list[str], repo_pad: Path, oud_genoeg: None,
                                    schade: str, monkeypatch: pytest.MonkeyPatch) -> None:
    verwacht = zonder_cache(repo_pad, DAG, monkeypatch)
    zoek(repo_pad)
    pad = plannen._indexpad(Repo.open(repo_pad))
    ruw = pad.read_bytes()
    if schade == "wissen":
        for p in (repo_pad / ".jeugdplan").iterdir():
            if p.name.startswith("cache-"):
                p.unlink()
    elif schade == "kapot":
        pad.write_bytes(ruw[:-20] + b"\x00" * 20)
    elif schade == "afgekapt":
        pad.write_bytes(ruw[: len(ruw) // 2])
    elif schade == "andere-versie":
        kop, _versie, rest = ruw.split(b"\n", 2)
        pad.write_bytes(kop + b"\nandere\n" + rest)
    else:
        pad.write_bytes(b"")
    assert zoek(repo_pad) == verwacht
    assert set(index(repo_pad)) == set(vier)


def test_vervalste_index_zonder_juiste_controlesom_telt_niet(
        vier: list[str], repo_pad: Path, oud_genoeg: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    zoek(repo_pad)
    pad = plannen._indexpad(Repo.open(repo_pad))
    kop, versie, som, _data = pad.read_bytes().split(b"\n", 3)
    pad.write_bytes(b"\n".join((kop, versie, som, marshal.dumps({}))))
    assert zoek(repo_pad) == zonder_cache(repo_pad, DAG, monkeypatch)


def test_ongeldig_plan_is_geen_kandidaat(vier: list[str], repo_pad: Path, oud_genoeg: None,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    pad = repo_pad / "casussen" / vier[0] / "plan.yaml"
    pad.write_text(pad.read_text().replace("gemeente: Velsen", "gemeente: [", 1))
    os.utime(pad, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    verwacht = zonder_cache(repo_pad, DAG, monkeypatch)
    assert [k[0] for k in verwacht] == [vier[2]]
    assert zoek(repo_pad) == verwacht
    assert vier[0] not in index(repo_pad)  # een ongeldig plan leest steeds de cache
    assert vier[2] in index(repo_pad)
    assert zoek(repo_pad) == verwacht


def test_symlink_wordt_gelezen_maar_niet_bewaard(vier: list[str], repo_pad: Path,
                                                 oud_genoeg: None, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    buiten = tmp_path / "buiten"
    buiten.mkdir()
    (buiten / "plan.yaml").write_text(
        (repo_pad / "casussen" / vier[0] / "plan.yaml").read_text())
    (repo_pad / "casussen" / "2026-BUITEN").symlink_to(buiten)
    binnen = repo_pad / "casussen" / "2026-BINNEN"
    binnen.symlink_to(repo_pad / "casussen" / vier[2])
    verwacht = zonder_cache(repo_pad, DAG, monkeypatch)
    assert zoek(repo_pad) == verwacht
    assert zoek(repo_pad) == verwacht
    assert not {"2026-BUITEN", "2026-BINNEN"} & set(index(repo_pad))


def test_cache_uit_schrijft_geen_index(vier: list[str], repo_pad: Path, oud_genoeg: None,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for p in (repo_pad / ".jeugdplan").iterdir():
        if p.name.startswith("cache-"):
            p.unlink()
    verwacht = zonder_cache(repo_pad, DAG, monkeypatch)
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    assert zoek(repo_pad) == verwacht
    assert not plannen._indexpad(Repo.open(repo_pad)).exists()


def test_alleen_lezen_werkt_zonder_index(vier: list[str], repo_pad: Path, oud_genoeg: None,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plannen, "_indexpad",
                        lambda repo: Path(os.devnull) / "kan-niet" / "index")
    assert zoek(repo_pad) == zonder_cache(repo_pad, DAG, monkeypatch)


_PROCES = """
import json, sys
from datetime import date
from pathlib import Path
from jeugdplan.opslag import cache
from jeugdplan.diensten import plannen
from jeugdplan.opslag.store import Repo
cache.RACY_NS = 0
repo = Repo.open(Path(sys.argv[1]))
rondes = [[k[0] for k in plannen.kandidaten_op_datum(repo, date(2016, 4, 3))]
          for _ in range(int(sys.argv[2]))]
print(json.dumps(rondes))
"""


def test_gelijktijdige_processen(vier: list[str], repo_pad: Path) -> None:
    """Processen lezen en herschrijven de index tegelijk terwijl een geboortedatum verandert:
    na de wijziging nooit meer het oude antwoord, en de index blijft heel."""
    import json
    import subprocess
    import sys

    env = {**os.environ, "JEUGDPLAN_CACHE": "1"}
    procs = [subprocess.Popen([sys.executable, "-c", _PROCES, str(repo_pad), "15"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    pad = repo_pad / "casussen" / vier[1] / "plan.yaml"
    vervang_gelijk(pad, "geboortedatum: 2014-02-01", "geboortedatum: 2016-04-03")
    oud, nieuw = sorted([vier[0], vier[2]]), sorted([vier[0], vier[1], vier[2]])
    for p in procs:
        uit, fout = p.communicate(timeout=120)
        assert p.returncode == 0, fout
        rondes = json.loads(uit)
        assert all(r in (oud, nieuw) for r in rondes)
        if nieuw in rondes:
            assert oud not in rondes[rondes.index(nieuw):]
    na = subprocess.run([sys.executable, "-c", _PROCES, str(repo_pad), "2"], env=env,
                        capture_output=True, text=True, check=True)
    assert json.loads(na.stdout) == [nieuw, nieuw]
    assert set(index(repo_pad)) == set(vier)


def test_index_hoort_bij_de_bestanden_van_de_cache() -> None:
    """Wissen (en het opruimen bij versleutelen) gaat over `cache.BIJ`: de index hoort erbij."""
    assert plannen.INDEX in cache.BIJ
