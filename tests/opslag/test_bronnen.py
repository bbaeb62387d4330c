"""De meegeleverde regels in `data/` als getypeerde waarden: een fout erin is een melding met
bestand en regel, nooit een KeyError midden in een opdracht."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugdplan.domein.errors import PlanOngeldig
from jeugdplan.domein.gegevens import Gegevens
from jeugdplan.opslag import bronnen


@pytest.fixture
def eigen_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Een kopie van `data/` die de test mag wijzigen."""
    kopie = tmp_path / "data"
    shutil.copytree(bronnen.data_map(), kopie)
    monkeypatch.setattr(bronnen, "data_map", lambda: kopie)
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")  # de cache kent alleen de echte data/
    bronnen.gegevens.cache_clear()
    yield kopie
    bronnen.gegevens.cache_clear()


def test_alle_gegevens_gelezen_en_getypeerd() -> None:
    g = bronnen.gegevens()
    assert isinstance(g, Gegevens)
    assert set(Gegevens.model_fields) == {p.stem for p in bronnen.data_map().glob("*.yaml")}
    assert "veiligheid" in g.codelijsten.codes("domeinen")
    assert g.meldcode.veilig_thuis.telefoon == "0800-2000"
    assert bronnen.gegevens() is g  # één keer per proces


def test_typfout_in_een_sleutel_noemt_bestand_en_regel(eigen_data: Path) -> None:
    pad = eigen_data / "kwaliteit.yaml"
    tekst = pad.read_text()
    pad.write_text(tekst.replace("  drempel: 5", "  drempl: 5"))
    regel = tekst.splitlines().index("  drempel: 5") + 1
    with pytest.raises(PlanOngeldig) as fout:
        bronnen.gegevens()
    plaatsen = {(p.pad, p.regel, p.veld) for p in fout.value.problemen}
    assert ("data/kwaliteit.yaml", regel, "kleine_groep.drempl") in plaatsen


def test_ontbrekende_stap_is_een_melding_geen_keyerror(eigen_data: Path) -> None:
    pad = eigen_data / "meldcode.yaml"
    pad.write_text(pad.read_text().replace("  - nummer: 5\n    titel:", "  - nummer: 6\n    titel:"))
    with pytest.raises(PlanOngeldig) as fout:
        bronnen.gegevens()
    assert {p.pad for p in fout.value.problemen} == {"data/meldcode.yaml"}
    assert any("stap" in p.melding or "nummer" in p.veld for p in fout.value.problemen)


def test_samenhang_tussen_bestanden(eigen_data: Path) -> None:
    pad = eigen_data / "toestemming.yaml"
    pad.write_text(pad.read_text().replace("rollen: [leerplicht,", "rollen: [leerplichtt,"))
    with pytest.raises(PlanOngeldig, match="onbekende rol 'leerplichtt'"):
        bronnen.gegevens()


def test_onbekende_code_in_een_plan() -> None:
    from jeugdplan.domein.model import Signaal

    with pytest.raises(PlanOngeldig, match="onbekende waarde 'school' voor domein"):
        bronnen.valideer(Signaal, {"id": "s1", "datum": "2026-01-01", "bron": "ib",
                                   "domein": "school", "omschrijving": "x"}, "invoer")


# --- wat gebruikers zien noemt bronnen bij hun eigen titel ---------------------------------

INTERN = re.compile(r"\bseeds?\s*\d|DOMAIN(-2)?\.md|DOMAIN\s*§|\bissue\s*\d|\bdata/\w+\.yaml"
                    r"|src/jeugdplan|\.py\b", re.IGNORECASE)
"""Interne verwijzingen: de seeds en domeinnotities van het project, issues, bestandsnamen."""

def _teksten(waarde: object) -> Iterator[str]:
    if isinstance(waarde, str):
        yield waarde
    elif isinstance(waarde, dict):
        for k, v in waarde.items():
            yield str(k)
            yield from _teksten(v)
    elif isinstance(waarde, list):
        for v in waarde:
            yield from _teksten(v)


def test_geen_interne_verwijzingen_in_gegevens_en_sjablonen() -> None:
    """Bronnen staan er zo dat u ze aan ouders kunt laten zien: wetsartikelen en documenten
    bij hun eigen titel en organisatie, nooit interne bestandsnamen of notities."""
    from ruamel.yaml import YAML

    data, sjablonen = bronnen.data_map(), bronnen.templates_map()
    gevonden = []
    for pad in sorted(data.rglob("*.yaml")):
        for tekst in _teksten(YAML(typ="safe").load(pad.read_text(encoding="utf-8"))):
            gevonden += [f"{pad.relative_to(data)}: {m.group()!r} in {tekst[:60]!r}"
                         for m in INTERN.finditer(tekst)]
    for pad in sorted(sjablonen.glob("*.j2")):
        # Jinja-commentaar ({# ... #}) ziet de gebruiker niet.
        tekst = re.sub(r"\{#.*?#\}", "", pad.read_text(encoding="utf-8"), flags=re.DOTALL)
        gevonden += [f"{pad.name}: {m.group()!r}" for m in INTERN.finditer(tekst)]
    assert gevonden == []


def test_de_controle_op_interne_verwijzingen_werkt() -> None:
    for fout in ("seed 000", "(seed 004, tip 9)", "DOMAIN.md §3", "DOMAIN-2.md", "issue 2",
                 "data/toestemming.yaml"):
        assert INTERN.search(fout), fout
    for goed in ("Jeugdwet art. 7.3.8 lid 3", "Nederlands Jeugdinstituut, tip 6",
                 "Wmo 2015 art. 5.2.6", "Veilig Thuis: 0800-2000"):
        assert not INTERN.search(goed), goed
