"""De merge-driver voor plan.yaml: driedeling per onderdeel, hernummeren, conflicten."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdplan.diensten.mergedriver import (
    ATTRIBUTEN_REGEL,
    draai_driver,
    driver_commando,
    installeer,
)
from jeugdplan.domein.samenvoegen import voeg_samen

VANDAAG = date(2026, 11, 25)

BASIS = {
    "schema": 1,
    "id": "2026-K7QXM2",
    "status": "actief",
    "aangemeld": date(2026, 9, 2),
    "kind": {"voornaam": "Sanne", "achternaam": "de Vries", "geboortedatum": date(2016, 4, 3),
             "gemeente": "Velsen", "school": "De Windroos", "onderwijssoort": "po"},
    "signalen": [{"id": "s1", "datum": date(2026, 9, 2), "bron": "leerkracht",
                  "domein": "gedrag", "zwaarte": "licht", "omschrijving": "Slaat"}],
    "krachten": ["Tekent graag"],
    "doelen": [{"id": "d1", "omschrijving": "Speelt mee", "status": "lopend"}],
    "evaluaties": [],
    "journaal": [{"datum": date(2026, 9, 3), "auteur": "Ilse", "tekst": "Start"}],
}


def kopie() -> dict:
    return copy.deepcopy(BASIS)


def signaal(ident: str, domein: str) -> dict:
    return {"id": ident, "datum": date(2026, 11, 1), "bron": "leerkracht", "domein": domein,
            "zwaarte": "licht", "omschrijving": f"iets {domein}"}


def test_een_kant_wijzigt_een_veld() -> None:
    a, b = kopie(), kopie()
    b["kind"]["school"] = "De Zon"
    a["status"] = "afgesloten"
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None and not uit.meldingen
    assert uit.data["kind"]["school"] == "De Zon" and uit.data["status"] == "afgesloten"


def test_zelfde_wijziging_aan_beide_kanten_is_geen_conflict() -> None:
    a, b = kopie(), kopie()
    a["doelen"][0]["status"] = b["doelen"][0]["status"] = "behaald"
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None and uit.data["doelen"][0]["status"] == "behaald"


def test_echt_conflict_noemt_beide_waarden() -> None:
    a, b = kopie(), kopie()
    a["doelen"][0]["status"] = "gestopt"
    b["doelen"][0]["status"] = "behaald"
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is None
    [c] = uit.conflicten
    assert (c.soort, c.veld, c.ons, c.hun) == ("conflict", "doel d1: status", "gestopt", "behaald")
    assert c.tekst == "doel d1: status: ons gestopt ↔ hun behaald"


@pytest.mark.parametrize("kies,verwacht,vervallen", [("ons", "gestopt", "behaald (hun)"),
                                                     ("hun", "behaald", "gestopt (ons)")])
def test_keuze_wint_en_vervallen_waarde_in_journaal(kies: str, verwacht: str,
                                                    vervallen: str) -> None:
    a, b = kopie(), kopie()
    a["doelen"][0]["status"] = "gestopt"
    b["doelen"][0]["status"] = "behaald"
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG, kies=kies, auteur="Jan")
    assert uit.data is not None
    assert uit.data["doelen"][0]["status"] == verwacht
    regel = uit.data["journaal"][-1]
    assert regel["auteur"] == "Jan" and f"doel d1: status: {vervallen}" in regel["tekst"]
    assert uit.meldingen[0].soort == "gekozen"


def test_beide_voegen_signaal_toe_eigen_wordt_hernummerd() -> None:
    a, b = kopie(), kopie()
    a["signalen"].append(signaal("s2", "thuis"))
    b["signalen"].append(signaal("s2", "veiligheid"))
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None
    assert [(s["id"], s["domein"]) for s in uit.data["signalen"]] == [
        ("s1", "gedrag"), ("s2", "veiligheid"), ("s3", "thuis")]
    [m] = uit.meldingen
    assert m.soort == "hernummerd" and (m.ons, m.hun) == ("s2", "s3")


def test_hernummerd_doel_neemt_eigen_evaluatie_mee() -> None:
    a, b = kopie(), kopie()
    a["doelen"].append({"id": "d2", "omschrijving": "Leest", "status": "lopend"})
    a["evaluaties"].append({"datum": date(2026, 11, 2), "door": "Ilse", "notitie": "ok",
                            "doelen": ["d1", "d2"]})
    b["doelen"].append({"id": "d2", "omschrijving": "Rekent", "status": "lopend"})
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None
    assert {d["id"]: d["omschrijving"] for d in uit.data["doelen"]} == {
        "d1": "Speelt mee", "d2": "Rekent", "d3": "Leest"}
    assert uit.data["evaluaties"][0]["doelen"] == ["d1", "d3"]


def test_gelijke_toevoeging_met_zelfde_id_blijft_een() -> None:
    a, b = kopie(), kopie()
    a["signalen"].append(signaal("s2", "thuis"))
    b["signalen"].append(signaal("s2", "thuis"))
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None and len(uit.data["signalen"]) == 2 and not uit.meldingen


def test_verwijderen_door_een_kant() -> None:
    a, b = kopie(), kopie()
    a["signalen"] = []
    b["doelen"].append({"id": "d2", "omschrijving": "Nieuw", "status": "lopend"})
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None
    assert uit.data["signalen"] == [] and len(uit.data["doelen"]) == 2


def test_verwijderd_tegen_gewijzigd_is_conflict() -> None:
    a, b = kopie(), kopie()
    a["doelen"] = []
    b["doelen"][0]["status"] = "behaald"
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is None and uit.conflicten[0].veld == "doel d1"
    assert voeg_samen(BASIS, a, b, "X", VANDAAG, kies="hun").data["doelen"][0]["status"] == "behaald"
    assert voeg_samen(BASIS, a, b, "X", VANDAAG, kies="ons").data["doelen"] == []


def tekst(lijst: list[dict[str, str]]) -> list[str]:
    return [x["tekst"] for x in lijst]


def test_onderdelen_van_oude_plannen_krijgen_aan_elke_kant_hetzelfde_id() -> None:
    a, b = kopie(), kopie()
    a["journaal"].append({"datum": date(2026, 11, 1), "auteur": "A", "tekst": "a"})
    b["journaal"].append({"datum": date(2026, 11, 2), "auteur": "B", "tekst": "b"})
    a["krachten"] = ["Tekent graag", "Sport"]
    b["krachten"] = []  # B haalde 'Tekent graag' weg
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None
    assert tekst(uit.data["journaal"]) == ["Start", "a", "b"]
    assert tekst(uit.data["krachten"]) == ["Sport"]
    assert all(x["id"].startswith(("j-", "k-")) for x in uit.data["journaal"] + uit.data["krachten"])


def test_intrekking_en_aanvulling_van_een_toestemming_komen_samen() -> None:
    """Eén toestemming, aan de ene kant ingetrokken, aan de andere kant aangevuld: één
    onderdeel met beide wijzigingen (geen twee toestemmingen, waarvan een nog geldig)."""
    basis = {**kopie(), "toestemmingen": [
        {"id": "t1", "partij": "Socius", "datum": date(2026, 9, 4), "gegeven_door": ["Petra"]}]}
    a, b = copy.deepcopy(basis), copy.deepcopy(basis)
    a["toestemmingen"][0]["ingetrokken"] = date(2026, 11, 1)
    b["toestemmingen"][0]["doel"] = "Gesprekken met JMW"
    uit = voeg_samen(basis, a, b, "X", VANDAAG)
    assert uit.data is not None and not uit.conflicten
    assert uit.data["toestemmingen"] == [{
        "id": "t1", "partij": "Socius", "datum": date(2026, 9, 4), "gegeven_door": ["Petra"],
        "ingetrokken": date(2026, 11, 1), "doel": "Gesprekken met JMW"}]


def test_zelfde_nieuwe_id_in_een_geneste_lijst_wordt_hernummerd() -> None:
    stap = {"id": "st1", "datum": date(2026, 10, 1), "status": "voorgesteld"}
    basis = {**kopie(), "verwijzingen": [{"id": "v1", "rol": "jmw", "organisatie": "Socius",
                                          "datum": date(2026, 10, 1), "historie": [stap]}]}
    a, b = copy.deepcopy(basis), copy.deepcopy(basis)
    a["verwijzingen"][0]["historie"].append({"id": "st2", "datum": date(2026, 10, 5),
                                              "status": "aangevraagd", "door": "A"})
    b["verwijzingen"][0]["historie"].append({"id": "st2", "datum": date(2026, 10, 6),
                                              "status": "aangevraagd", "door": "B"})
    uit = voeg_samen(basis, a, b, "X", VANDAAG)
    assert uit.data is not None
    historie = uit.data["verwijzingen"][0]["historie"]
    assert [(h["id"], h.get("door")) for h in historie] == [("st1", None), ("st2", "B"),
                                                           ("st3", "A")]
    assert [m.soort for m in uit.meldingen] == ["hernummerd"]


def test_nieuw_onderdeel_aan_een_kant() -> None:
    a, b = kopie(), kopie()
    b["regie"] = {"naam": "Jan Smit", "rol": "jmw"}
    a["zorgen"] = ["Eet slecht"]
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None
    assert uit.data["regie"]["naam"] == "Jan Smit" and tekst(uit.data["zorgen"]) == ["Eet slecht"]


def test_beide_nieuw_aangemaakt_is_fout() -> None:
    a, b = kopie(), kopie()
    b["kind"]["voornaam"] = "Piet"
    uit = voeg_samen(None, a, b, "X", VANDAAG)
    assert uit.data is None and uit.conflicten[0].soort == "fout"
    assert voeg_samen(None, a, kopie(), "X", VANDAAG).data == a


# --- eigenschap: onafhankelijke toevoegingen gaan nooit verloren ---------------------------

_teksten = st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=8), max_size=4)


@settings(max_examples=60, deadline=None)
@given(jn_a=_teksten, jn_b=_teksten, sig_a=st.integers(0, 3), sig_b=st.integers(0, 3))
def test_alle_toevoegingen_van_beide_kanten_blijven(jn_a, jn_b, sig_a, sig_b) -> None:
    a, b = kopie(), kopie()
    for t in jn_a:
        a["journaal"].append({"datum": date(2026, 11, 1), "auteur": "A", "tekst": t})
    for t in jn_b:
        b["journaal"].append({"datum": date(2026, 11, 2), "auteur": "B", "tekst": t})
    for i in range(sig_a):
        a["signalen"].append(signaal(f"s{i + 2}", "thuis"))
    for i in range(sig_b):
        b["signalen"].append(signaal(f"s{i + 2}", "gedrag") | {"omschrijving": f"b{i}"})
    uit = voeg_samen(BASIS, a, b, "X", VANDAAG)
    assert uit.data is not None
    assert len(uit.data["journaal"]) == 1 + len(jn_a) + len(jn_b)
    assert len(uit.data["signalen"]) == 1 + sig_a + sig_b
    ids = [s["id"] for s in uit.data["signalen"]]
    assert len(set(ids)) == len(ids)
    # Wat al gedeeld was (de andere kant) houdt zijn id.
    for s in b["signalen"]:
        assert s in uit.data["signalen"]


# --- de driver als proces ------------------------------------------------------------------

PLAN_TEKST = """\
# eigen kopregel
schema: 1
id: 2026-K7QXM2
status: actief
aangemeld: 2026-09-02
kind:
  voornaam: Sanne
  achternaam: de Vries
  geboortedatum: 2016-04-03
  gemeente: Velsen
  school: De Windroos
  onderwijssoort: po
signalen:
  - id: s1
    datum: 2026-09-02
    bron: leerkracht
    domein: gedrag
    zwaarte: licht
    omschrijving: Slaat   # feit, gezien op het plein
doelen: []
journaal: []
"""


def _bestanden(tmp_path: Path, a: str, b: str) -> tuple[str, str, str]:
    paden = []
    for naam, tekst in (("O", PLAN_TEKST), ("A", a), ("B", b)):
        pad = tmp_path / naam
        pad.write_text(tekst)
        paden.append(str(pad))
    return paden[0], paden[1], paden[2]


def test_driver_schrijft_resultaat_en_bewaart_opmerkingen(tmp_path: Path, monkeypatch,
                                                          capsys) -> None:
    monkeypatch.chdir(tmp_path)
    meldingen = tmp_path / "meldingen.jsonl"
    monkeypatch.setenv("JEUGDPLAN_MELDINGEN", str(meldingen))
    a = PLAN_TEKST.replace("journaal: []", "journaal:\n  - datum: 2026-11-01\n    auteur: A\n"
                           "    tekst: van A")
    b = PLAN_TEKST.replace("doelen: []", "doelen:\n  - id: d1\n    omschrijving: Speelt\n")
    o, pa, pb = _bestanden(tmp_path, a, b)
    assert draai_driver(o, pa, pb, "casussen/2026-K7QXM2/plan.yaml") == 0
    tekst = Path(pa).read_text()
    assert "# eigen kopregel" in tekst and "# feit, gezien op het plein" in tekst
    data = yaml.safe_load(tekst)
    assert data["doelen"][0]["id"] == "d1" and data["journaal"][0]["tekst"] == "van A"
    assert not meldingen.exists() or meldingen.read_text() == ""


def test_driver_conflict_laat_markeringen_en_exit_1(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JEUGDPLAN_MELDINGEN", raising=False)
    o, pa, pb = _bestanden(tmp_path, PLAN_TEKST.replace("status: actief", "status: afgesloten"),
                           PLAN_TEKST.replace("status: actief", "status: aangemeld"))
    assert draai_driver(o, pa, pb, "casussen/2026-K7QXM2/plan.yaml") == 1
    assert "<<<<<<< ons" in Path(pa).read_text()
    assert "2026-K7QXM2: status: ons afgesloten ↔ hun aangemeld" in capsys.readouterr().err


def test_driver_ongeldig_resultaat_is_conflict(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    o, pa, pb = _bestanden(tmp_path, PLAN_TEKST.replace("domein: gedrag", "domein: onzin"),
                           PLAN_TEKST.replace("journaal: []", "journaal: [x]"))
    assert draai_driver(o, pa, pb, "casussen/2026-K7QXM2/plan.yaml") == 1
    assert "kan niet automatisch samenvoegen" in capsys.readouterr().err


def test_driver_onleesbare_yaml_is_conflict(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    o, pa, pb = _bestanden(tmp_path, PLAN_TEKST + "  : [\n", PLAN_TEKST)
    assert draai_driver(o, pa, pb, "casussen/2026-K7QXM2/plan.yaml") == 1
    assert "kan niet automatisch samenvoegen" in capsys.readouterr().err


def test_driver_via_opdrachtregel(tmp_path: Path) -> None:
    """Zoals git hem aanroept: `python -m jeugdplan merge-driver %O %A %B %P`."""
    o, pa, pb = _bestanden(tmp_path, PLAN_TEKST.replace("journaal: []", "journaal: []\nzorgen: [a]"),
                           PLAN_TEKST.replace("status: actief", "status: afgesloten"))
    klaar = subprocess.run([sys.executable, "-m", "jeugdplan", "merge-driver", o, pa, pb,
                            "casussen/2026-K7QXM2/plan.yaml"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert klaar.returncode == 0, klaar.stderr
    data = yaml.safe_load(Path(pa).read_text())
    assert data["status"] == "afgesloten" and tekst(data["zorgen"]) == ["a"]


def test_commando_en_installatie(tmp_path: Path) -> None:
    assert driver_commando().endswith("-m jeugdplan merge-driver %O %A %B %P")
    assert sys.executable in driver_commando()
    subprocess.run(["git", "init", "-q", str(tmp_path / "r")], check=True)
    root = tmp_path / "r"
    (root / ".gitattributes").write_text("*.pdf binary")
    assert installeer(root) is True
    assert (root / ".gitattributes").read_text() == "*.pdf binary\n" + ATTRIBUTEN_REGEL + "\n"
    assert installeer(root) is False
    uit = subprocess.run(["git", "config", "merge.jeugdplan.driver"], cwd=root,
                         capture_output=True, text=True).stdout
    assert "merge-driver" in uit


def test_driver_houdt_stijl_en_zet_nieuw_onderdeel_op_zijn_plaats(tmp_path: Path,
                                                                  monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    basis = PLAN_TEKST.replace("signalen:", "gezin:\n  - {naam: Petra, relatie: moeder, "
                               "gezag: ja}\nsignalen:")
    a = basis.replace("journaal: []", "journaal: []\nzorgen: [slaapt slecht]")
    b = basis.replace("kind:", "regie:\n  naam: Jan Smit\n  rol: jmw\nkind:")
    paden = []
    for naam, tekst in (("O", basis), ("A", a), ("B", b)):
        (tmp_path / naam).write_text(tekst)
        paden.append(str(tmp_path / naam))
    assert draai_driver(*paden, "casussen/2026-K7QXM2/plan.yaml") == 0
    tekst = Path(paden[1]).read_text()
    assert "gezag: ja}" in tekst
    assert tekst.index("regie:") < tekst.index("kind:")
    assert "zorgen: [{id: z-ac3666, tekst: slaapt slecht}]" in tekst


def test_driver_met_ontbrekende_bestanden_geeft_nette_fout(tmp_path) -> None:
    from tests.conftest import Cli

    r = Cli(None)("merge-driver", str(tmp_path / "weg"), str(tmp_path / "a"),
                  str(tmp_path / "b"), code=1)
    assert "kan niet automatisch samenvoegen" in r.stderr
    assert "Traceback" not in r.stderr
