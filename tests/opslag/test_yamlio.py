"""De YAML-laders onder vuur: 'billion laughs', objectconstructie, te grote en kapotte
bestanden. Beide laders (round-trip en snel) weigeren vóór er iets wordt opgeblazen, met
begrensde tijd en begrensd geheugen."""

from __future__ import annotations

import re
import time
import tracemalloc
from pathlib import Path

import pytest

from jeugdplan.domein.errors import PlanOngeldig
from jeugdplan.opslag.bestanden import MAX_GROOTTE, lees_bytes
from jeugdplan.opslag.yamlio import decodeer, laad_rt, laad_snel
from tests.voorbeelden import biljoen

LADERS = [pytest.param(laad_rt, id="round-trip"), pytest.param(laad_snel, id="snel")]


@pytest.mark.parametrize("lader", LADERS)
@pytest.mark.parametrize("lagen", [3, 12, 30])
def test_billion_laughs_begrensd(lader, lagen):
    tekst = biljoen(lagen)
    tracemalloc.start()
    begin = time.monotonic()
    try:
        with pytest.raises(PlanOngeldig) as fout:
            lader(tekst, "plan.yaml")
        duur = time.monotonic() - begin
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "aliassen (*naam) zijn in een plan niet toegestaan" in fout.value.melding
    assert re.match(r"plan\.yaml:2:\d+: ", fout.value.melding)  # het gedeelde onderdeel
    assert duur < 2
    assert piek < 20 * 1024 * 1024


@pytest.mark.parametrize("lader", LADERS)
def test_alias_van_een_lijst_of_mapping(lader):
    with pytest.raises(PlanOngeldig, match=r"plan\.yaml:1:4: aliassen"):
        lader("a: &x {b: 1}\nc: *x\n", "plan.yaml")
    with pytest.raises(PlanOngeldig, match="aliassen"):  # ook een samenvoegsleutel
        lader("a: &x {b: 1}\nc:\n  <<: *x\n", "plan.yaml")


@pytest.mark.parametrize("lader", LADERS)
@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['echo hallo']",
    "!!python/object/new:os.system ['echo hallo']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:builtins.dict {}",
    "!eigen waarde",
    "!<tag:example.com,2026:x> waarde",
])
def test_objectconstructie_geweigerd(lader, tag):
    with pytest.raises(PlanOngeldig) as fout:
        lader(f"schema: 1\nstatus: {tag}\n", "plan.yaml")
    assert fout.value.melding.startswith("plan.yaml:2:")
    assert "niet toegestaan" in fout.value.melding


@pytest.mark.parametrize("lader", LADERS)
def test_onmogelijke_datum_blijft_tekst(lader):
    assert lader("datum: 2026-02-30\n", "p.yaml")["datum"] == "2026-02-30"


@pytest.mark.parametrize("lader", LADERS)
@pytest.mark.parametrize(("tekst", "regel"), [("a: b\n\x00", 2), ("a: \x07\n", 1)])
def test_stuurtekens(lader, tekst, regel):
    with pytest.raises(PlanOngeldig, match=rf"p\.yaml:{regel}:\d+: teken U\+00"):
        lader(tekst, "p.yaml")


@pytest.mark.parametrize("lader", LADERS)
@pytest.mark.parametrize("tekst", ["[" * 100_000, "{a: " * 50_000])
def test_diepe_nesting_geweigerd(lader, tekst):
    with pytest.raises(PlanOngeldig, match="te diep geneste YAML"):
        lader(tekst, "p.yaml")


def test_diepe_nesting_round_trip_al_bij_300():
    with pytest.raises(PlanOngeldig, match=r"p\.yaml:2:\d+: te diep geneste YAML"):
        laad_rt("a:\n  - " + "[" * 300, "p.yaml")


def test_gewone_nesting_mag():
    assert laad_rt("a: " + "[" * 50 + "]" * 50, "p.yaml") is not None


def test_geen_utf8():
    with pytest.raises(PlanOngeldig, match=r"p\.yaml:2:4: bestand is geen geldige UTF-8"):
        decodeer(b"a: 1\nb: \xff\n", "p.yaml")
    assert decodeer("\ufeffa: 1".encode(), "p.yaml") == "a: 1"  # BOM mag


def test_te_groot_zonder_alles_te_lezen(tmp_path: Path):
    pad = tmp_path / "plan.yaml"
    with open(pad, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # ijl: geen 100 MB op schijf
    tracemalloc.start()
    try:
        with pytest.raises(PlanOngeldig, match="te groot"):
            lees_bytes(pad, "plan.yaml")
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 1024 * 1024
    with pytest.raises(PlanOngeldig, match="te groot"):
        decodeer(b"a" * (MAX_GROOTTE + 1), "plan.yaml")
    pad.write_bytes(b"a" * MAX_GROOTTE)
    assert len(lees_bytes(pad, "plan.yaml")) == MAX_GROOTTE


def test_geen_gewoon_bestand(tmp_path: Path):
    import os

    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    begin = time.monotonic()
    with pytest.raises(PlanOngeldig, match="geen gewoon bestand"):
        lees_bytes(fifo, "plan.yaml")
    assert time.monotonic() - begin < 1
    with pytest.raises(PlanOngeldig, match="kan niet gelezen worden"):
        lees_bytes(tmp_path / "bestaat-niet.yaml", "x.yaml")


def test_knopen_van_de_laatst_gelezen_tekst_niet_opnieuw_geparst() -> None:
    """`check` zoekt de regel van een bevinding in de tekst die net gelezen is: dezelfde
    knopen, niet opnieuw geparst; een andere tekst wordt wel gelezen."""
    from jeugdplan.opslag.yamlio import knopen, plaats

    tekst = "kind:\n  voornaam: Sanne\n"
    laad_snel(tekst, "x.yaml")
    assert knopen(str(tekst)) is knopen(tekst)
    ander = "kind:\n\n  voornaam: Daan\n"
    assert plaats(knopen(ander), ["kind", "voornaam"]) == (3, 13)
    assert plaats(knopen(tekst), ["kind", "voornaam"]) == (2, 13)
