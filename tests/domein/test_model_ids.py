"""Vaste ids voor elk onderdeel van een lijst: migratie van oudere plannen, nieuwe ids,
en dubbele ids in `check`."""

from __future__ import annotations

import copy
from pathlib import Path

from jeugdplan.domein.model import Plan, Toestemming, id_lijsten, migreer, voeg_toe
from tests.conftest import Cli

OUD = {
    "schema": 1, "id": "2026-K7QXM2", "aangemeld": "2026-09-02",
    "kind": {"voornaam": "Sanne", "achternaam": "de Vries", "geboortedatum": "2016-04-03",
             "gemeente": "Velsen", "school": "De Windroos", "onderwijssoort": "po"},
    "krachten": ["Tekent graag"],
    "journaal": [{"datum": "2026-09-03", "auteur": "A", "tekst": "x"},
                 {"datum": "2026-09-03", "auteur": "A", "tekst": "x"}],
    "verwijzingen": [{"id": "v1", "rol": "jmw", "organisatie": "Socius", "datum": "2026-10-01",
                      "historie": [{"datum": "2026-10-01", "status": "voorgesteld"}]}],
}


def test_migreer_is_deterministisch_en_wijzigt_de_invoer_niet() -> None:
    invoer = copy.deepcopy(OUD)
    eerste, tweede = migreer(invoer), migreer(copy.deepcopy(OUD))
    assert invoer == OUD
    assert eerste == tweede
    assert eerste["krachten"][0]["tekst"] == "Tekent graag"
    assert eerste["krachten"][0]["id"].startswith("k-")
    j1, j2 = eerste["journaal"]
    assert j2["id"] == j1["id"] + "-2"  # twee gelijke regels: elk een eigen id
    assert eerste["verwijzingen"][0]["historie"][0]["id"].startswith("st-")
    assert migreer(eerste) is eerste  # al gemigreerd: niets te doen


def test_nieuw_onderdeel_krijgt_het_volgende_korte_id() -> None:
    plan = Plan.model_validate(OUD)
    t = voeg_toe(plan.toestemmingen, Toestemming, partij="Socius", datum="2026-10-01",
                 gegeven_door=["Petra"])
    assert t.id == "t1"
    assert voeg_toe(plan.toestemmingen, Toestemming, partij="GGD", datum="2026-10-02",
                    gegeven_door=["Petra"]).id == "t2"


def test_alle_lijsten_van_het_plan_hebben_ids() -> None:
    paden = set(id_lijsten())
    assert {("gezin",), ("toestemmingen",), ("betrokkenen",), ("krachten",), ("zorgen",),
            ("journaal",), ("verwijzingen",), ("verwijzingen", "*", "historie"),
            ("verzuim", "afwezigheden"), ("meldcode",), ("meldcode", "*", "stappen"),
            ("ondersteuning", "opp", "onderbouwing", "belemmerend")} <= paden


def test_oud_plan_krijgt_ids_bij_de_volgende_wijziging(jp: Cli, kind, repo_pad: Path) -> None:
    import yaml

    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    tekst = pad.read_text()
    assert "krachten: []" in tekst and "journaal: []" in tekst
    pad.write_text(tekst.replace("krachten: []", "krachten:\n  - Tekent graag").replace(
        "journaal: []", "journaal:\n  - datum: 2026-09-03\n    auteur: A\n    tekst: oud"))
    jp("journaal", "add", ident, "--tekst", "nieuw")
    data = yaml.safe_load(pad.read_text())
    [oud, nieuw] = data["journaal"]
    assert oud["id"] == migreer({"journaal": [{"datum": "2026-09-03", "auteur": "A",
                                               "tekst": "oud"}]})["journaal"][0]["id"]
    assert nieuw["id"] == "j1"
    assert data["krachten"][0]["tekst"] == "Tekent graag"
    jp("journaal", "add", ident, "--tekst", "nog een")
    assert [j["id"] for j in yaml.safe_load(pad.read_text())["journaal"]] == [
        oud["id"], "j1", "j2"]


def test_check_meldt_een_dubbel_id_in_een_lijst(jp: Cli, kind, repo_pad: Path) -> None:
    pad = repo_pad / "casussen" / kind() / "plan.yaml"
    pad.write_text(pad.read_text().replace("journaal: []", "journaal:\n"
                   "  - {id: j1, datum: 2026-09-03, auteur: A, tekst: a}\n"
                   "  - {id: j1, datum: 2026-09-04, auteur: A, tekst: b}"))
    data = jp.json("check", code=1)
    [p] = [p for p in data["problemen"] if p["code"] == "unieke-ids"]
    assert p["veld"] == "journaal[1].id" and "j1 komt twee keer voor" in p["melding"]
