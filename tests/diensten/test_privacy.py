"""Privacy: rechten van de repository, de controle `leesbaar-voor-anderen`, de inzage-export,
bewaartermijnen en purge (werkmap en, op verzoek, geschiedenis)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from jeugdplan.opslag import cache
from tests.conftest import git_log


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          check=True).stdout


def _modus(pad: Path) -> int:
    return stat.S_IMODE(pad.lstat().st_mode)


# --- rechten ------------------------------------------------------------------------------


def test_init_alleen_voor_de_eigenaar(jp, kind, repo_pad):
    kind()
    assert _modus(repo_pad) == 0o700
    for map_, mappen, bestanden in os.walk(repo_pad):
        if ".jeugdplan" in Path(map_).parts:
            continue
        for naam in mappen:
            assert _modus(Path(map_) / naam) & 0o077 == 0, Path(map_) / naam
        for naam in bestanden:
            pad = Path(map_) / naam
            if ".git" not in pad.relative_to(repo_pad).parts:
                assert _modus(pad) == 0o600, pad
    assert _modus(repo_pad / ".git") == 0o700
    assert _git(repo_pad, "config", "core.sharedRepository").strip() == "0600"
    objecten = [p for p in (repo_pad / ".git" / "objects").rglob("*") if p.is_file()]
    assert objecten and all(_modus(p) & 0o077 == 0 for p in objecten)


def test_check_waarschuwt_bij_leesbaar_plan(jp, kind, repo_pad):
    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    assert not [p for p in jp.json("check")["problemen"] if p["code"] == "leesbaar-voor-anderen"]
    pad.chmod(0o644)
    pad.parent.chmod(0o755)
    uitslag = jp.json("check")
    gevonden = [p for p in uitslag["problemen"] if p["code"] == "leesbaar-voor-anderen"]
    assert uitslag["ok"]  # een waarschuwing, geen fout
    assert [p["melding"] for p in gevonden] == [
        f"map is leesbaar voor anderen (rechten 0755); plannen bevatten bijzondere "
        f"persoonsgegevens: chmod 700 casussen/{ident}",
        f"bestand is leesbaar voor anderen (rechten 0644); plannen bevatten bijzondere "
        f"persoonsgegevens: chmod 600 casussen/{ident}/plan.yaml",
    ]
    assert all(p["ernst"] == "waarschuwing" for p in gevonden)
    jp("check", "--strikt", code=1)
    # Na een wijziging via jeugdplan is het bestand weer 0600.
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x")
    assert _modus(pad) == 0o600


# --- export -------------------------------------------------------------------------------


@pytest.fixture
def rijk_plan(jp, kind):
    ident = kind()
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "<script>x</script> & zo")
    jp("journaal", "add", ident, "--tekst", "Gesprek met moeder")
    return ident


def test_export_json_is_volledig(jp, rijk_plan, repo_pad):
    ident = rijk_plan
    plan, tekst, log = (jp.json("show", ident), (repo_pad / "casussen" / ident / "plan.yaml")
                        .read_text(), jp.json("log", ident))
    r = jp("export", ident, "--aanvrager", "ouder")
    e = json.loads(r.stdout)
    assert e["soort"] == "inzage-export (AVG art. 15; Jeugdwet art. 7.3.10)"
    assert e["plan"] == plan  # niets achtergehouden: geen meldcode, geen gegevens van derden
    assert e["plan_yaml"] == tekst
    assert e["inzage"]["weggelaten"] == []
    assert [(w["hash"], w["auteur"], w["datum"], w["bericht"]) for w in e["geschiedenis"]] == [
        (w["hash"], w["auteur"], w["datum"], w["bericht"]) for w in log]
    assert len(e["geschiedenis"]) == 3
    assert e["geschiedenis"][0]["onderdelen"] == ["journaal"]
    assert e["geschiedenis"][1]["onderdelen"] == ["status", "actief_sinds", "signalen"] or \
        "signalen" in e["geschiedenis"][1]["onderdelen"]
    assert "kind" in e["geschiedenis"][2]["onderdelen"]
    assert e["bewaartermijn"]["termijn_jaren"] == 2
    assert e["bewaartermijn"]["bewaren_tot"] is None  # nog niet afgesloten
    assert e["bijlagen"] == []


def test_export_html_leesbaar_en_op_zichzelf(jp, rijk_plan):
    html = jp("export", rijk_plan, "--aanvrager", "ouder", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "src=" not in html and "<link" not in html and "http" not in html
    for verwacht in ("Sanne", "de Vries", "Gesprek met moeder", "signaal s1 toegevoegd",
                     "Ilse IB", "Inzage in het plan", "Hoe lang dit plan bewaard wordt",
                     "&lt;script&gt;x&lt;/script&gt; &amp; zo"):
        assert verwacht in html, verwacht
    assert "<script>" not in html


def test_export_naar_bestand(jp, rijk_plan, tmp_path):
    doel = tmp_path / "inzage.html"
    r = jp("export", rijk_plan, "--aanvrager", "ouder", "--format", "html", "--out", str(doel))
    assert r.stdout == ""
    assert "alleen leesbaar voor u" in r.stderr
    assert _modus(doel) == 0o600
    assert "Sanne" in doel.read_text()


def test_export_weigert(jp, rijk_plan, tmp_path):
    r = jp("export", rijk_plan, "--aanvrager", "ouder", "--format", "pdf", code=2)
    assert "kies json of html" in r.stderr
    r = jp("export", rijk_plan, "--aanvrager", "ouder", "--out", str(tmp_path), code=1)
    assert "is een map" in r.stderr
    r = jp("export", "2026-NIETS", "--aanvrager", "ouder", code=1)
    assert "geen casus met id 2026-NIETS" in r.stderr


# --- bewaartermijnen ----------------------------------------------------------------------


def _oud_plan(jp, repo_pad, afgesloten: str, extra: dict[str, str] | None = None) -> str:
    env = {"JEUGDPLAN_VANDAAG": "2019-09-02"}
    ident = jp("new", "--voornaam", f"Kind{len(os.listdir(repo_pad / 'casussen'))}",
               "--achternaam", "Oud", "--geboortedatum", "2010-05-05", "--gemeente", "Velsen",
               "--school", "De Windroos", "--onderwijssoort", "po", "--json", "--toch",
               env=env).stdout
    ident = json.loads(ident)["id"]
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    if extra:
        tekst = pad.read_text()
        for oud, nieuw in extra.items():
            tekst = tekst.replace(oud, nieuw)
        pad.write_text(tekst)
        _git(repo_pad, "commit", "-qam", f"{ident}: testgegevens")
    jp("close", ident, "--reden", "verhuisd", "--datum", afgesloten,
       env={"JEUGDPLAN_VANDAAG": afgesloten})
    return ident


JEUGDHULP = {"jeugdhulp: []\n": "jeugdhulp:\n  - vorm: ambulant\n    aanbieder: Socius\n"}
VERZUIM = {"  afwezigheden: []\n":
           "  afwezigheden:\n    - van: 2019-10-01\n      tot: 2019-11-01\n"}


def test_bewaartermijn_json(jp, kind, repo_pad):
    kind()  # open plan: nooit verlopen
    leerling = _oud_plan(jp, repo_pad, "2020-06-01")
    _oud_plan(jp, repo_pad, "2025-06-01")  # 2 jaar: nog niet verlopen
    verzuim = _oud_plan(jp, repo_pad, "2020-07-01", VERZUIM)  # 5 jaar: verlopen 2025-07-01
    _oud_plan(jp, repo_pad, "2020-06-01", JEUGDHULP)  # 20 jaar: nog lang niet
    rijen = jp.json("bewaartermijn")
    assert [set(r) for r in rijen] == [{"id", "afgesloten", "termijn_jaren", "verlopen_sinds",
                                        "grond", "laatste_wijziging"}] * 2
    assert [(r["id"], r["afgesloten"], r["termijn_jaren"], r["verlopen_sinds"]) for r in rijen] == [
        (leerling, "2020-06-01", 2, "2022-06-01"),
        (verzuim, "2020-07-01", 5, "2025-07-01"),
    ]
    assert rijen[0]["grond"].startswith("leerlingdossier (2 jaar; elk plan)")
    assert rijen[1]["grond"].startswith("verzuim (5 jaar; plan bevat verzuim.afwezigheden)")
    tekst = jp("bewaartermijn")
    assert f"{leerling}  afgesloten 2020-06-01  termijn 2 jaar  verlopen sinds 2022-06-01" \
        in tekst.stdout
    assert "2 plannen over de bewaartermijn" in tekst.stderr


def test_bewaartermijn_leeg(jp, kind):
    kind()
    assert jp.json("bewaartermijn") == []
    assert "geen afgesloten plannen over hun bewaartermijn" in jp("bewaartermijn").stderr


def test_termijnregels_hebben_bronnen_en_langste_wint():
    from jeugdplan.domein.bewaartermijn import plus_jaren, termijn_van
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.bronnen import gegevens

    g = gegevens()
    for naam, t in g.bewaartermijnen.termijnen.items():
        assert t.bron and t.jaren > 0, naam
    assert g.bewaartermijnen.termijnen["jeugdhulp"].jaren == 20
    assert "7.3.8" in g.bewaartermijnen.termijnen["jeugdhulp"].bron
    basis = {"id": "2026-AAAAAA", "aangemeld": date(2020, 1, 1), "status": "aangemeld",
             "kind": {"voornaam": "A", "achternaam": "B", "geboortedatum": date(2012, 1, 1),
                      "gemeente": "V", "school": "S", "onderwijssoort": "po"}}
    plan = Plan.model_validate(basis)
    assert termijn_van(plan, g).naam == "leerlingdossier"
    plan = Plan.model_validate({**basis, "verzuim": {"afwezigheden": [{"van": date(2020, 2, 1)}]},
                                "jeugdhulp": [{"vorm": "x", "aanbieder": "y"}]})
    assert (termijn_van(plan, g).naam, termijn_van(plan, g).jaren) == ("jeugdhulp", 20)
    assert plus_jaren(date(2024, 2, 29), 2) == date(2026, 3, 1)


# --- purge --------------------------------------------------------------------------------


def test_purge_weigert_zonder_terminal_en_zonder_ja(jp, kind, repo_pad):
    ident = kind()
    log = git_log(repo_pad)
    r = jp("purge", ident, code=1)
    assert "let op: dit verwijdert casus" in r.stderr
    assert "gebruik --ja als u het zeker weet. Er is niets verwijderd" in r.stderr
    assert (repo_pad / "casussen" / ident / "plan.yaml").exists()
    assert git_log(repo_pad) == log


def test_purge_vraagt_op_een_terminal(jp, kind, repo_pad, monkeypatch):
    import jeugdplan.cli.privacy as cli_privacy

    terminal = SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(cli_privacy, "sys", SimpleNamespace(stdin=terminal, stderr=terminal))
    ident = kind()
    r = jp("purge", ident, invoer="n\n", code=1)
    assert f"Casus {ident} verwijderen?" in r.stderr + r.stdout
    assert "afgebroken; er is niets verwijderd" in r.stderr
    assert (repo_pad / "casussen" / ident / "plan.yaml").exists()


def test_purge_uit_werkmap_in_een_commit(jp, kind, repo_pad):
    ident = kind()
    ander = kind(voornaam="Bram", achternaam="Bakker", geboortedatum="2014-01-01")
    (repo_pad / "casussen" / ident / "bijlagen").mkdir()
    (repo_pad / "casussen" / ident / "bijlagen" / "verslag.txt").write_text("x")
    aantal = len(git_log(repo_pad))
    r = jp("purge", ident, "--ja")
    assert "Het plan blijft in de git-geschiedenis staan" in r.stderr
    assert "de casus is niet afgesloten" in r.stderr
    assert not (repo_pad / "casussen" / ident).exists()
    log = git_log(repo_pad)
    assert len(log) == aantal + 1 and log[0] == f"Ilse IB|{ident}: casus verwijderd (purge)"
    assert _git(repo_pad, "log", "--all", "--format=%H", "--", f"casussen/{ident}").strip()
    assert [p["id"] for p in jp.json("list")] == [ander]
    assert jp.json("check")["ok"]
    r = jp("purge", ident, "--ja", code=1)
    assert f"geen casus met id {ident}" in r.stderr


def test_purge_uit_geschiedenis(jp, kind, repo_pad):
    ident = kind(voornaam="Uniekevoornaam")
    ander = kind(voornaam="Bram", achternaam="Bakker", geboortedatum="2014-01-01")
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Geheimesignaal")
    jp("signaal", "add", ander, "--domein", "gedrag", "--omschrijving", "blijft")
    ander_log = jp.json("log", ander)
    jp("list")  # vult de cache
    bewerk = repo_pad / ".jeugdplan" / "bewerk"
    bewerk.mkdir(parents=True, exist_ok=True)
    (bewerk / f"{ident}.yaml").write_text("voornaam: Uniekevoornaam\n")
    assert cache.cachebestand(repo_pad).exists()
    r = jp("purge", ident, "--ja", "--uit-geschiedenis")
    assert "Klonen bij collega's, remotes en back-ups houden hun eigen kopie" in r.stderr
    assert "uit de geschiedenis van deze repository" in r.stderr
    assert not _git(repo_pad, "log", "--all", "--format=%H", "--", f"casussen/{ident}").strip()
    alles = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=repo_pad,
                           capture_output=True, check=True).stdout
    assert b"Uniekevoornaam" not in alles and b"Geheimesignaal" not in alles
    assert b"blijft" in alles
    # Ook geen kopie in de afgeleide bestanden (de cache is gecomprimeerd: die is weg; hij
    # bouwt zich vanzelf opnieuw op), in een edit-kopie of waar dan ook in de map.
    assert not cache.cachebestand(repo_pad).exists()
    for pad in repo_pad.rglob("*"):
        if pad.is_file() and not pad.is_symlink():
            assert b"Uniekevoornaam" not in pad.read_bytes(), pad
    # De andere casus behoudt zijn hele geschiedenis (berichten en auteurs; hashes veranderen).
    assert [(w["auteur"], w["bericht"]) for w in jp.json("log", ander)] == [
        (w["auteur"], w["bericht"]) for w in ander_log]
    assert not _git(repo_pad, "for-each-ref", "refs/original/").strip()
    assert _git(repo_pad, "status", "--porcelain") == ""
    assert jp.json("check")["ok"]


def test_purge_uit_geschiedenis_weigert_bij_onvastgelegd_werk(jp, kind, repo_pad):
    ident = kind()
    ander = kind(voornaam="Bram", achternaam="Bakker", geboortedatum="2014-01-01")
    pad = repo_pad / "casussen" / ander / "plan.yaml"
    pad.write_text(pad.read_text().replace("krachten: []", "krachten: [tekent]"))
    r = jp("purge", ident, "--ja", "--uit-geschiedenis", code=1)
    assert "alle andere wijzigingen zijn vastgelegd" in r.stderr
    assert f"casussen/{ander}/plan.yaml" in r.stderr
    assert (repo_pad / "casussen" / ident / "plan.yaml").exists()


def test_bewaartermijn_meldt_ongeldige_plannen(jp, kind, repo_pad):
    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    pad.write_text(pad.read_text().replace("status: aangemeld", "status: weg"))
    r = jp("bewaartermijn", "--json")
    assert json.loads(r.stdout) == []
    assert f"let op: 1 ongeldig plan niet beoordeeld ({ident}); zie 'jeugdplan check'" \
        in r.stderr


# --- inzage als procedure (issue 15) -------------------------------------------------------


def _meldcode_lopend(jp, ident: str) -> None:
    """Een spoor waarin stap 3 om de veiligheid is overgeslagen; het spoor loopt nog."""
    jp("signaal", "add", ident, "--domein", "veiligheid", "--omschrijving", "Blauwe plekken",
       "--datum", "2026-11-18")
    jp("meldcode", "start", ident, "--datum", "2026-11-18")
    jp("meldcode", "stap", ident, "1", "--notitie", "Plekken gezien", "--kindcheck",
       "Broertje van 3", "--met", "buurvrouw", "--datum", "2026-11-18")
    jp("meldcode", "stap", ident, "2", "--notitie", "Advies", "--met", "collega",
       "--datum", "2026-11-19")
    jp("meldcode", "overslaan", ident, "3", "--grond", "veiligheid", "--reden",
       "vader dreigt kind te slaan als zij het vertelt")


def test_export_vraagt_een_aanvrager(jp, rijk_plan):
    assert "--aanvrager" in jp("export", rijk_plan, code=2).stderr
    assert "kies ouder of jeugdige" in jp("export", rijk_plan, "--aanvrager", "buurman",
                                          code=2).stderr
    assert "--volledig vraagt --reden" in jp("export", rijk_plan, "--aanvrager", "ouder",
                                             "--volledig", code=2).stderr
    assert "--reden hoort bij --volledig" in jp("export", rijk_plan, "--aanvrager", "ouder",
                                                "--reden", "x", code=2).stderr


def test_export_laat_lopend_spoor_en_derden_weg_met_grond(jp, kind, repo_pad):
    ident = kind()
    jp("gezin", "add", ident, "--naam", "Petra de Vries", "--relatie", "moeder", "--gezag",
       "--contact", "06-11111111")
    jp("gezin", "add", ident, "--naam", "Mark de Vries", "--relatie", "vader", "--gezag",
       "--contact", "06-22222222")
    _meldcode_lopend(jp, ident)
    log = git_log(repo_pad)
    r = jp("export", ident, "--aanvrager", "ouder", "--naam", "Mark de Vries")
    e = json.loads(r.stdout)
    tekst = r.stdout
    for geheim in ("vader dreigt", "Broertje van 3", "buurvrouw", "06-11111111",
                   "meldcode stap 3 overgeslagen", "(veiligheid, licht)"):
        assert geheim not in tekst, geheim
    assert e["plan"]["meldcode"] == [] and e["plan_yaml"] is None
    assert "06-22222222" in tekst  # de eigen contactgegevens van de aanvrager
    wat = [w["wat"] for w in e["inzage"]["weggelaten"]]
    assert wat[0] == "het lopende meldcodespoor (spoor 1, gestart 2026-11-18, met de signalen " \
                     "erover)"
    assert [s["id"] for s in e["plan"]["signalen"]] == []  # het signaal hoort bij het spoor
    assert "Blauwe plekken" not in tekst
    assert "contactgegevens van andere gezinsleden dan de aanvrager" in wat
    assert any(re.match(r"\d+ wijziging(en)? in de geschiedenis", w) for w in wat)
    assert all(w["grond"] and w["bron"] for w in e["inzage"]["weggelaten"])
    assert e["inzage"]["hoedanigheid"] == "ouder met gezag"
    assert "weggelaten: het lopende meldcodespoor" in r.stderr
    # Vastgelegd in het plan, in één commit, zonder namen in het commitbericht.
    nieuw = git_log(repo_pad)
    assert len(nieuw) == len(log) + 1
    assert nieuw[0] == f"Ilse IB|{ident}: inzage-export vastgelegd (ouder; 4 beperkingen)"
    inzage = jp.json("show", ident)["inzages"][0]
    assert (inzage["aanvrager"], inzage["naam"], inzage["hoedanigheid"], inzage["door"]) == (
        "ouder", "Mark de Vries", "ouder met gezag", "Ilse IB")
    assert inzage["weggelaten"][0]["grond"].startswith("bescherming van het kind")
    assert "plan" not in inzage["gegeven"] and "meldcode" in inzage["gegeven"]
    html = jp("export", ident, "--aanvrager", "ouder", "--format", "html").stdout
    assert "Wat niet in deze kopie staat, en waarom" in html and "vader dreigt" not in html
    assert "Het bestand zoals het is opgeslagen" not in html


def test_afgerond_spoor_wel_maar_zonder_gevaar_en_derden(jp, kind):
    ident = kind()
    _meldcode_lopend(jp, ident)
    jp("meldcode", "afweging", ident, "1", "ja")
    jp("meldcode", "afweging", ident, "2", "ja")
    jp("meldcode", "melding", ident, "--datum", "2026-11-25", "--notitie", "Gemeld")
    e = json.loads(jp("export", ident, "--aanvrager", "ouder").stdout)
    spoor = e["plan"]["meldcode"][0]
    assert spoor["meldingen"][0]["notitie"] == "Gemeld"
    assert spoor["overgeslagen"][0]["reden"].startswith("[weggelaten")
    assert spoor["stappen"][0]["kindcheck"].startswith("[weggelaten")
    assert spoor["stappen"][0]["met"].startswith("[weggelaten")
    assert "lopende" not in " ".join(w["wat"] for w in e["inzage"]["weggelaten"])
    volledig = json.loads(jp("export", ident, "--aanvrager", "ouder", "--volledig", "--reden",
                             "Overleg met de functionaris gegevensbescherming").stdout)
    assert "vader dreigt" in json.dumps(volledig)
    assert volledig["inzage"]["weggelaten"] == [] and volledig["plan_yaml"]
    laatste = jp.json("show", ident)["inzages"][-1]
    assert laatste["volledig"] is True
    assert laatste["reden"] == "Overleg met de functionaris gegevensbescherming"


def test_wie_mag_inzien_naar_leeftijd_en_gezag(jp, kind, repo_pad):
    jong = kind()  # 10 jaar
    r = jp("export", jong, "--aanvrager", "jeugdige", code=1)
    assert "onder 12 oefenen de ouders met gezag het inzagerecht uit" in r.stderr.lower()
    jp("gezin", "add", jong, "--naam", "Kees Bos", "--relatie", "vader", "--geen-gezag")
    r = jp("export", jong, "--aanvrager", "ouder", "--naam", "Kees Bos", code=1)
    assert "Kees Bos heeft volgens het plan geen gezag" in r.stderr
    oud = kind(voornaam="Lisa", geboortedatum="2009-03-01", onderwijssoort="vo",
               school="Kennemer College")  # 17 jaar
    log = git_log(repo_pad)
    r = jp("export", oud, "--aanvrager", "ouder", code=1)
    assert "een ouder krijgt alleen inzage met toestemming van de jongere" in r.stderr
    assert "--toestemming-jongere" in r.stderr and git_log(repo_pad) == log
    e = json.loads(jp("export", oud, "--aanvrager", "ouder", "--toestemming-jongere").stdout)
    assert e["inzage"]["hoedanigheid"] == "ouder, met toestemming van de jongere (17 jaar)"
    e = json.loads(jp("export", oud, "--aanvrager", "jeugdige").stdout)
    assert e["inzage"]["hoedanigheid"] == "jeugdige (17 jaar)"
    tiener = kind(voornaam="Noor", geboortedatum="2013-01-01")  # 13 jaar
    r = jp("export", tiener, "--aanvrager", "ouder")
    assert "Noor is 13" in r.stderr and "goed hulpverlenerschap" in r.stderr


def test_inzage_laat_de_bewaartermijn_niet_opnieuw_beginnen(jp, repo_pad):
    ident = _oud_plan(jp, repo_pad, "2020-06-01")
    voor = jp.json("bewaartermijn")
    assert [r["verlopen_sinds"] for r in voor] == ["2022-06-01"]
    jp("export", ident, "--aanvrager", "jeugdige")  # vandaag (16 jaar), op een afgesloten plan
    assert jp.json("show", ident)["inzages"][0]["datum"] == "2026-11-25"
    assert jp.json("bewaartermijn") == voor


def test_bewaartermijn_telt_vanaf_de_laatste_wijziging(jp, repo_pad):
    ident = _oud_plan(jp, repo_pad, "2026-03-31", JEUGDHULP)

    def bewaartermijn(op: str) -> list[dict[str, str]]:
        uit = jp("bewaartermijn", "--json", env={"JEUGDPLAN_VANDAAG": op}).stdout
        return json.loads(uit)  # type: ignore[no-any-return]

    # De termijn per plan wordt bewaard (hij hangt niet van vandaag af) tot het plan verandert.
    assert bewaartermijn("2046-04-01")[0]["verlopen_sinds"] == "2046-03-31"
    # Een journaalregel na het afsluiten is een wijziging van het dossier.
    jp("journaal", "add", ident, "--tekst", "Gesprek met moeder", "--datum", "2027-05-01",
       env={"JEUGDPLAN_VANDAAG": "2027-05-01"})
    assert bewaartermijn("2046-04-01") == []
    rij = bewaartermijn("2047-05-01")[0]
    assert (rij["verlopen_sinds"], rij["laatste_wijziging"]) == ("2047-05-01", "2027-05-01")


def test_coaching_door_cjg_is_jeugdhulp_advies_niet(jp, repo_pad):
    coach = {"betrokkenen: []\n": "betrokkenen:\n  - rol: cjg-coach\n    naam: Carla Visser\n"
                                  "    organisatie: CJG IJmond\n",
             "jeugdhulp: []\n": "jeugdhulp:\n  - vorm: Opvoedcursus\n    aanbieder: CJG\n"}
    ident = _oud_plan(jp, repo_pad, "2020-06-01", coach)
    assert jp.json("bewaartermijn") == []  # 20 jaar: coaching is jeugdhulp
    termijn = json.loads(jp("export", ident, "--aanvrager", "jeugdige").stdout)["bewaartermijn"]
    assert termijn["termijn_jaren"] == 20
    assert termijn["grond"].startswith("jeugdhulp (20 jaar; plan bevat betrokkene cjg-coach)")
    cursus = _oud_plan(jp, repo_pad, "2020-06-01", {
        "jeugdhulp: []\n": "jeugdhulp:\n  - vorm: Opvoedcursus\n    aanbieder: CJG\n"})
    rijen = jp.json("bewaartermijn")
    assert [(r["id"], r["termijn_jaren"]) for r in rijen] == [(cursus, 2)]
