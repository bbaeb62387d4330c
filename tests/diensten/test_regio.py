"""Regioregels: de meegeleverde regio's, samenvoegen met een eigen regio.yaml, en fouten met
bestand en regel."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeugdplan.diensten.regio import controleer, laad_regio
from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig
from jeugdplan.domein.regio import PRINCIPES
from jeugdplan.opslag.bronnen import bekende_regios


def test_meegeleverde_regios_zijn_geldig() -> None:
    assert {"ijmond", "jgt-voorbeeld"} <= set(bekende_regios())
    for naam in bekende_regios():
        assert controleer(naam) == [], naam


def test_ijmond_naam_en_gemeenten_blijven_bruikbaar() -> None:
    r = laad_regio("ijmond")
    assert r.naam == "IJmond"
    assert r.gemeenten == ["Velsen", "Beverwijk", "Heemskerk", "Castricum", "Uitgeest"]


def test_ijmond_volgt_seed_000() -> None:
    r = laad_regio("ijmond")
    orgs = r.regels.organisaties
    assert orgs["socius-jmw"].naam == "Socius Maatschappelijke Dienstverlening"
    assert orgs["socius-jmw"].op_school and orgs["socius-jmw"].vrij_toegankelijk
    for g in ("Velsen", "Beverwijk", "Heemskerk"):
        assert [k.organisatie for k in r.koppelingen("coach", g)[0]] == ["cjg-ijmond"]
    for g in ("Castricum", "Uitgeest"):
        assert [k.organisatie for k in r.koppelingen("coach", g)[0]] == ["cjg-castricum"]
    assert orgs["cjg-castricum"].rol == "jg-coach" and "Alkmaar" in orgs["cjg-castricum"].naam
    assert orgs["cjg-ijmond"].naam == "Centrum Jeugd en Gezin IJmond"
    assert r.koppelingen("veilig-thuis", "Castricum")[0][0].organisatie == "vt-nhn"
    uitgeest = r.koppelingen("veilig-thuis", "Uitgeest")[0][0]
    assert uitgeest.organisatie == "vt-kennemerland" and uitgeest.onzeker and uitgeest.waarom
    assert orgs["ggd-kennemerland"].naam.startswith("GGD Kennemerland")
    for g in r.gemeenten:
        leerplicht = orgs[r.koppelingen("leerplicht", g)[0][0].organisatie]
        assert leerplicht.naam == f"Leerplicht gemeente {g}"
        assert leerplicht.onzeker and leerplicht.waarom


def test_elk_feit_heeft_een_bron_en_onzeker_een_reden() -> None:
    for naam in bekende_regios():
        r = laad_regio(naam).regels
        assert all(o.bron for o in r.organisaties.values())
        assert all(o.waarom for o in r.organisaties.values() if o.onzeker)
        assert all(g.bron for g in r.per_gemeente.values())
        assert all(rt.bron and rt.reden for rt in r.routes.values())
        assert set(PRINCIPES) <= set(r.principes)
        assert all(p.bron for p in r.principes.values())
        assert all(v.bron and v.wanneer for v in r.verwijzers or [])


def test_verwijzers_ijmond() -> None:
    rollen = [v.rol for v in laad_regio("ijmond").regels.verwijzers or []]
    assert rollen == ["cjg-coach", "huisarts", "ggd", "medisch-specialist", "gi", "anders"]


def test_onbekende_regio() -> None:
    with pytest.raises(JeugdplanError, match="onbekende regio '../geheim'"):
        laad_regio("../geheim")


# --- eigen regio.yaml ---------------------------------------------------------------------


def schrijf(root: Path, tekst: str) -> Path:
    root.mkdir(exist_ok=True)
    (root / "regio.yaml").write_text(tekst, encoding="utf-8")
    return root


def test_eigen_regio_vult_aan_en_overschrijft(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", """\
organisaties:
  eigen-jmw:
    naam: Identiteitsgebonden JMW
    rol: jmw
    identiteit: reformatorisch
    bron: eigen afspraak 2026
  cjg-ijmond:
    naam: CJG IJmond
    rol: cjg-coach
    contact: 0251-000000 (eigen afspraak)
    bron: eigen afspraak 2026
partners:
  jmw: [socius-jmw, eigen-jmw]
""")
    r = laad_regio("ijmond", root)
    assert r.bestanden == ["data/regio/ijmond.yaml", "regio.yaml"]
    assert r.regels.organisaties["cjg-ijmond"].contact == "0251-000000 (eigen afspraak)"
    assert [k.organisatie for k in r.koppelingen("jmw", "Velsen")[0]] == [
        "socius-jmw", "eigen-jmw"]
    # de rest van de meegeleverde regio blijft staan
    assert r.gemeenten[:5] == ["Velsen", "Beverwijk", "Heemskerk", "Castricum", "Uitgeest"]
    assert "vt-nhn" in r.regels.organisaties


def test_eigen_regio_voegt_gemeente_toe(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", """\
gemeenten: [Zandvoort]
per_gemeente:
  Zandvoort:
    bron: eigen afspraak
    partners:
      coach: [cjg-ijmond]
      veilig-thuis: [vt-kennemerland]
      leerplicht: [leerplicht-velsen]
""")
    r = laad_regio("ijmond", root)
    assert r.gemeenten[-1] == "Zandvoort"
    assert r.gemeente("zandvoort") == "Zandvoort"


def test_gemeente_zonder_functies_geeft_regel_in_regio_yaml(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", "# eigen\ngemeenten: [Zandvoort]\nper_gemeente:\n"
                   "  Zandvoort:\n    bron: eigen\n")
    with pytest.raises(PlanOngeldig) as fout:
        laad_regio("ijmond", root)
    [p] = fout.value.problemen
    assert (p.pad, p.regel, p.veld) == ("regio.yaml", 4, "per_gemeente.Zandvoort")
    assert "coach" in p.melding and "veilig-thuis" in p.melding and "leerplicht" in p.melding


def test_schemafout_in_regio_yaml_noemt_regel(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", """\
organisaties:
  eigen:
    naam: Eigen
    rol: jmw
    bronn: typfout
""")
    with pytest.raises(PlanOngeldig) as fout:
        laad_regio("ijmond", root)
    teksten = [str(p) for p in fout.value.problemen]
    assert "regio.yaml:5:5: organisaties.eigen.bronn: onbekend veld (typfout?)" in teksten
    assert "regio.yaml:2:3: organisaties.eigen.bron: verplicht veld ontbreekt" in teksten


def test_onbekende_rol_en_onzeker_zonder_waarom(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", """\
organisaties:
  eigen:
    naam: Eigen
    rol: tovenaar
    bron: x
    onzeker: true
""")
    with pytest.raises(PlanOngeldig) as fout:
        laad_regio("ijmond", root)
    teksten = " | ".join(str(p) for p in fout.value.problemen)
    assert "regio.yaml:4:10: organisaties.eigen.rol: onbekende waarde 'tovenaar' voor rol" in teksten
    root = schrijf(tmp_path / "r", """\
organisaties:
  eigen:
    naam: Eigen
    rol: jmw
    bron: x
    onzeker: true
""")
    [p] = controleer("ijmond", root)
    assert str(p) == ("regio.yaml:2:3: organisaties.eigen: 'onzeker: true' vraagt een "
                      "toelichting in 'waarom'")


def test_onbekende_organisatie_noemt_regel(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", "per_gemeente:\n  Velsen:\n    bron: x\n    partners:\n"
                   "      coach: [cjg-onbekend]\n      veilig-thuis: [vt-kennemerland]\n"
                   "      leerplicht: [leerplicht-velsen]\n")
    with pytest.raises(PlanOngeldig) as fout:
        laad_regio("ijmond", root)
    [p] = fout.value.problemen
    assert p.pad == "regio.yaml" and p.regel == 5
    assert p.veld == "per_gemeente.Velsen.partners.coach[0].organisatie"
    assert "onbekende organisatie 'cjg-onbekend'" in p.melding


def test_yaml_syntaxfout_noemt_regel(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", "naam: IJmond\norganisaties:\n  x: [\n")
    with pytest.raises(PlanOngeldig) as fout:
        laad_regio("ijmond", root)
    assert fout.value.problemen[0].pad == "regio.yaml"
    assert fout.value.problemen[0].regel is not None


def test_route_met_onbekende_functie_en_principe(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", """\
routes:
  nieuw:
    domeinen: [thuis]
    zwaarte: [licht]
    functies: [tovenaar]
    principe: onbekend
    reden: x
    bron: y
""")
    problemen = controleer("ijmond", root)
    teksten = [str(p) for p in problemen]
    assert "regio.yaml:6:15: routes.nieuw.principe: onbekend principe 'onbekend'" in teksten
    assert ("regio.yaml:5:16: routes.nieuw.functies[0]: functie 'tovenaar' (nodig voor route "
            "nieuw) heeft in geen enkele gemeente een organisatie; zet haar onder 'partners' of "
            "'per_gemeente'") in teksten
    assert len(teksten) == 2


def test_vervang_gebruikt_alleen_eigen_regio(tmp_path: Path) -> None:
    tekst = (Path(__file__).parents[2] / "data" / "regio" / "jgt-voorbeeld.yaml").read_text(
        encoding="utf-8")
    root = schrijf(tmp_path / "r", "vervang: true\n" + tekst.replace(
        "Voorbeeldgemeente", "Eigenstad"))
    r = laad_regio("ijmond", root)
    assert r.bestanden == ["regio.yaml"]
    assert r.gemeenten == ["Eigenstad"]
    assert "socius-jmw" not in r.regels.organisaties


def test_vervang_onvolledig_noemt_ontbrekende_delen(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", "vervang: true\nnaam: Leeg\n")
    teksten = [str(p) for p in controleer("ijmond", root)]
    assert any("de regio noemt geen gemeenten" in t for t in teksten)
    assert any("principes ontbreken: ouders-eerst" in t for t in teksten)
    assert all(t.startswith("regio.yaml") for t in teksten)


def test_lege_regio_yaml_is_geen_fout(tmp_path: Path) -> None:
    root = schrijf(tmp_path / "r", "# nog niets\n")
    assert laad_regio("ijmond", root).gemeenten[0] == "Velsen"


def test_regio_van_repository_nooit_verouderd(jp: object, repo_pad: Path) -> None:
    from jeugdplan.diensten.regio import regio_van
    from jeugdplan.opslag.store import Repo

    r = Repo.open(repo_pad)
    assert regio_van(r).naam == laad_regio("ijmond", repo_pad).naam
    schrijf(repo_pad, "gemeenten: [Zandvoort]\nper_gemeente:\n  Zandvoort:\n    bron: eigen\n"
            "    partners:\n      coach: [cjg-ijmond]\n      veilig-thuis: [vt-kennemerland]\n"
            "      leerplicht: [leerplicht-velsen]\n")
    assert "Zandvoort" in regio_van(r).gemeenten
    (repo_pad / "regio.yaml").write_text("gemeenten: [Zandvoort]\nonbekend: 1\n")
    with pytest.raises(PlanOngeldig) as fout:
        regio_van(r)
    assert "regio.yaml:2" in str(fout.value)


# --- vakantieregio (schoolkalender) ---------------------------------------------------------


def test_elke_gemeente_van_ijmond_in_vakantieregio_noord() -> None:
    r = laad_regio("ijmond")
    assert {g: r.vakantieregio(g).regio for g in r.gemeenten} == dict.fromkeys(  # type: ignore[union-attr]
        ["Velsen", "Beverwijk", "Heemskerk", "Castricum", "Uitgeest"], "noord")
    assert "ANP" in (r.vakantieregio("Castricum").bron or "")  # type: ignore[union-attr]


def test_eigen_vakantieregio_per_gemeente_en_school_kalender(tmp_path: Path) -> None:
    from datetime import date

    from jeugdplan.domein.kalender import kalender
    from jeugdplan.opslag.bronnen import gegevens

    root = schrijf(tmp_path / "r", """\
gemeenten: [Gouda]
per_gemeente:
  Gouda:
    bron: eigen afspraak
    vakantieregio: midden
    partners:
      leerplicht: [leerplicht-velsen]
      veilig-thuis: [vt-kennemerland]
      coach: [cjg-ijmond]
scholen:
  De Ster:
    bron: schoolgids
    gemeente: Gouda
    vakanties:
      - {naam: herfstvakantie, van: 2026-10-03, tot: 2026-10-11}
""")
    kal = kalender(gegevens(), laad_regio("ijmond", root))
    midden = kal.voor(school=None, gemeente="Gouda", onderwijssoort="po")
    assert midden.regio == "midden" and midden.vakantie(date(2026, 10, 20)) is not None
    ster = kal.voor(school="De Ster", gemeente="Velsen", onderwijssoort="po")
    # De eigen herfstvakantie vervangt de adviesdata van dat schooljaar; de zomer blijft.
    assert ster.regio == "midden"
    assert ster.vakantie(date(2026, 10, 5)) is not None
    assert ster.vakantie(date(2026, 10, 20)) is None
    assert ster.vakantie(date(2026, 12, 28)) is None         # adviesdata 2026-2027 vervangen
    assert ster.vakantie(date(2027, 7, 20)) is not None      # zomer midden blijft
    assert ster.vakantie(date(2026, 2, 16)) is not None      # ander schooljaar: adviesdata


def test_vervang_zonder_vakantieregio_noemt_de_gemeente(tmp_path: Path) -> None:
    tekst = (Path(__file__).parents[2] / "data" / "regio" / "jgt-voorbeeld.yaml").read_text(
        encoding="utf-8")
    zonder = "\n".join(r for r in tekst.splitlines()
                       if not r.startswith(("vakantieregio:", "  regio: midden",
                                            "  bron: voorbeeld; kies", "  onzeker: true",
                                            "  waarom: verzonnen voorbeeldgemeente")))
    root = schrijf(tmp_path / "r", "vervang: true\n" + zonder + "\n")
    teksten = [str(p) for p in controleer("ijmond", root)]
    assert any("gemeente Voorbeeldgemeente: geen vakantieregio" in t for t in teksten), teksten
