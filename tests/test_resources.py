"""resources.py: de meegeleverde gegevens, één keer geparsed en daarna uit de lokale cache
van de gebruiker (onder de hash van de inhoud, dus nooit verouderd)."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugdplan.opslag import resources, yamlio


@pytest.fixture(autouse=True)
def vers() -> Iterator[None]:
    resources.lees_data.cache_clear()
    yield
    resources.lees_data.cache_clear()


def _bewaard(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "xdg-cache" / "jeugdplan" / "gegevens").glob("*.marshal"))


def test_gegevens_uit_de_lokale_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    verwacht = yamlio.laad_snel((resources.data_map() / "meldcode.yaml").read_bytes(), "m")
    assert resources.lees_data("meldcode.yaml") == verwacht
    [bestand] = _bewaard(tmp_path)
    assert stat.S_IMODE(bestand.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(bestand.stat().st_mode) == 0o600
    resources.lees_data.cache_clear()

    def niet_parsen(*_a: object) -> None:
        raise AssertionError("de YAML-lader had niet nodig moeten zijn")

    monkeypatch.setattr(yamlio, "laad_snel", niet_parsen)
    assert resources.lees_data("meldcode.yaml") == verwacht


def test_beschadigd_bestand_wordt_opnieuw_gelezen(tmp_path: Path) -> None:
    verwacht = resources.lees_data("toestemming.yaml")
    [bestand] = _bewaard(tmp_path)
    bestand.write_bytes(b"kapot")
    resources.lees_data.cache_clear()
    assert resources.lees_data("toestemming.yaml") == verwacht


def test_andere_inhoud_ander_bestand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.yaml").write_text("a: 1\n")
    monkeypatch.setattr(resources, "data_map", lambda: data)
    assert resources.lees_data("x.yaml") == {"a": 1}
    (data / "x.yaml").write_text("a: 2\n")
    resources.lees_data.cache_clear()
    assert resources.lees_data("x.yaml") == {"a": 2}
    assert len(_bewaard(tmp_path)) == 2


def test_cache_uit_of_onbruikbaar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    assert resources.lees_data("codelijsten.yaml")["rollen"]
    assert _bewaard(tmp_path) == []
    monkeypatch.delenv("JEUGDPLAN_CACHE")
    resources.lees_data.cache_clear()
    (tmp_path / "bestand").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "bestand"))  # geen map te maken
    assert resources.lees_data("codelijsten.yaml")["rollen"]
