"""`jeugdplan report ...` op de opdrachtregel: opties, --out, voortgangsbalk, foutmeldingen."""

from __future__ import annotations

import io
import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from jeugdplan.cli import report as cli_report
from tests.conftest import Cli
from tests.voorbeelden import fixture_plannen, schrijf_plannen


@pytest.fixture
def rapportrepo(jp: Cli, repo_pad: Path) -> Cli:
    schrijf_plannen(repo_pad)
    return jp


def test_out_schrijft_atomair_en_alleen_voor_de_eigenaar(rapportrepo: Cli, tmp_path: Path) -> None:
    doel = tmp_path / "uit" / "thuiszitters.csv"
    r = rapportrepo("report", "thuiszitters", "--format", "csv", "--out", str(doel))
    assert r.stdout == ""
    assert r.stderr.strip() == f"geschreven naar {doel}"
    assert stat.S_IMODE(doel.stat().st_mode) == 0o600
    assert doel.read_text(encoding="utf-8") == \
        rapportrepo("report", "thuiszitters", "--format", "csv").stdout
    assert [p.name for p in doel.parent.iterdir()] == ["thuiszitters.csv"]  # geen restbestand


def test_out_naar_een_map_weigert(rapportrepo: Cli, tmp_path: Path) -> None:
    r = rapportrepo("report", "thuiszitters", "--out", str(tmp_path), code=1)
    assert "is een map" in r.stderr


@pytest.mark.parametrize(("args", "code", "melding"), [
    (["thuiszitters", "--format", "pdf"], 2,
     "--format: onbekende waarde 'pdf'; kies uit: md, html, csv, json"),
    (["thuiszitters", "--per", "klas"], 2, "--per: onbekende waarde 'klas'; kies uit: school, gemeente"),
    (["thuiszitters", "--peildatum", "31-03-2026"], 1, "--peildatum: '31-03-2026' is geen geldige datum"),
    (["plan", "2026-AAAA01", "--format", "csv"], 2, "kies uit: md, html"),
    (["plan", "2026-ZZZZ99"], 1, "geen casus met id 2026-ZZZZ99"),
    (["kwaliteit", "--van", "2026-12-01", "--tot", "2026-01-01"], 1,
     "--van (2026-12-01) ligt na --tot (2026-01-01)"),
    (["kwaliteit", "--format", "csv"], 2, "kies uit: md, html, json"),
])
def test_foutmeldingen(rapportrepo: Cli, args: list[str], code: int, melding: str) -> None:
    r = rapportrepo("report", *args, code=code)
    assert melding in r.stderr
    assert "Traceback" not in r.stderr


def test_hulp_bij_elk_rapport(jp: Cli) -> None:
    for opdracht in ("thuiszitters", "plan", "kwaliteit"):
        uit = jp("report", opdracht, "--help").stdout
        assert "--format" in uit and "Gebruik:" in uit


def test_geen_voortgangsbalk_als_uitvoer_wordt_doorgesluisd(rapportrepo: Cli) -> None:
    r = rapportrepo("report", "thuiszitters", "--format", "json")
    assert r.stderr == ""
    json.loads(r.stdout)


class _Stroom(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self._terminal = terminal

    def isatty(self) -> bool:
        return self._terminal


@pytest.mark.parametrize(("stdout", "stderr", "out", "verwacht"), [
    (True, True, None, True),
    (False, True, None, False),     # doorgesluisd: geen balk
    (False, True, "x.csv", True),   # naar --out, op een terminal: wel
    (True, False, None, False),     # stderr omgeleid: geen balk
])
def test_voortgang_alleen_op_een_terminal(monkeypatch: pytest.MonkeyPatch, stdout: bool,
                                         stderr: bool, out: str | None, verwacht: bool) -> None:
    monkeypatch.setattr(sys, "stdout", _Stroom(stdout))
    monkeypatch.setattr(sys, "stderr", _Stroom(stderr))
    assert cli_report._toon_voortgang(out) is verwacht


def test_voortgangsbalk_over_veel_plannen(rapportrepo: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import rich.progress

    aanroepen: list[dict[str, Any]] = []
    echte_track = rich.progress.track

    def spion(reeks: Any, **kw: Any) -> Any:
        aanroepen.append(kw)
        return echte_track(reeks, **kw)

    monkeypatch.setattr(rich.progress, "track", spion)
    monkeypatch.setattr(cli_report, "_toon_voortgang", lambda out: True)
    monkeypatch.setattr(cli_report, "VOORTGANG_VANAF", 5)
    uit = rapportrepo("report", "thuiszitters", "--format", "json").stdout
    assert json.loads(uit)["totalen"]["relatief_3m_plus"] == 2
    assert aanroepen and aanroepen[0]["total"] == 8 and aanroepen[0]["transient"] is True
    # Onder de drempel geen balk.
    aanroepen.clear()
    monkeypatch.setattr(cli_report, "VOORTGANG_VANAF", 50)
    rapportrepo("report", "thuiszitters", "--format", "json")
    assert aanroepen == []


def test_van_verzuimopdrachten_tot_rapport(jp: Cli, kind) -> None:
    """Eén kwartaalrapport in één opdracht, later te reproduceren voor dezelfde peildatum."""
    a = kind(geboortedatum="2013-05-01", school="Het Lyceum", onderwijssoort="vo")
    b = kind(voornaam="Milan", geboortedatum="2014-02-02", school="De Brug", onderwijssoort="so")
    jp("verzuim", "afwezig", a, "--sinds", "2026-08-01")
    jp("verzuim", "uitschrijving", b, "--datum", "2026-09-01")
    eerst = jp("report", "thuiszitters", "--peildatum", "2026-09-30", "--format", "json",
               "--per-leerling").stdout
    data = json.loads(eerst)
    assert data["totalen"] == {"absoluut_verzuim": 1, "relatief_4w_3m": 1,
                               "relatief_3m_plus": 0, "vrijstelling": 0}
    assert {r["id"]: r["categorie"] for r in data["leerlingen"]} == {
        a: "relatief_4w_3m", b: "absoluut_verzuim"}
    # Later: het kind hervat, het andere wordt ingeschreven, er komt een aanbod.
    jp("verzuim", "hervat", a, "--datum", "2026-10-15")
    jp("verzuim", "inschrijving", b, "--datum", "2026-11-01", "--school", "Het Kompas")
    jp("verzuim", "aanbod", b, "--omschrijving", "Thuisonderwijs", "--van", "2026-10-20")
    assert jp("report", "thuiszitters", "--peildatum", "2026-09-30",
              "--format", "json", "--per-leerling").stdout == eerst
    nu = json.loads(jp("report", "thuiszitters", "--format", "json").stdout)
    assert nu["totalen"] == dict.fromkeys(nu["totalen"], 0)


def test_plan_rapport_van_een_nieuw_plan(jp: Cli, kind) -> None:
    ident = kind()
    jp("doel", "add", ident, "--omschrijving", "Speelt mee | in de pauze", "--eigenaar", "Jan",
       "--evaluatie", "2027-01-15")
    uit = jp("report", "plan", ident).stdout
    assert uit.startswith("# Plan voor Sanne de Vries\n")
    assert "| Speelt mee \\| in de pauze | Jan | 15 januari 2027 | we werken eraan |" in uit
    html = jp("report", "plan", ident.lower(), "--format", "html").stdout
    assert "<h1>Plan voor Sanne de Vries</h1>" in html


def test_waarschuwing_bij_tegenstrijdige_verzuimgegevens(jp: Cli, repo_pad: Path) -> None:
    plannen = fixture_plannen()
    plannen[1]["verzuim"]["afwezigheden"].append({"van": D_("2026-10-10")})
    schrijf_plannen(repo_pad, plannen)
    r = jp("report", "thuiszitters", "--format", "json")
    assert r.stderr == ("let op: 2026-AAAA02: afwezigheden overlappen "
                        "(2026-10-01 tot ... en 2026-10-10 tot ...)\n")
    assert json.loads(r.stdout)["totalen"]["relatief_4w_3m"] == 1


def D_(tekst: str) -> Any:
    from datetime import date

    return date.fromisoformat(tekst)


def test_ongeldig_plan_wordt_gemeld_niet_stil_overgeslagen(rapportrepo: Cli, repo_pad: Path) -> None:
    pad = repo_pad / "casussen" / "2026-AAAA02" / "plan.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("status: actief", "status: zoek"),
                   encoding="utf-8")
    for opdracht in ("thuiszitters", "kwaliteit"):
        r = rapportrepo("report", opdracht, "--format", "json")
        assert r.stderr == ("let op: 1 ongeldig plan niet meegeteld (2026-AAAA02); "
                            "zie 'jeugdplan check'\n")


# --- het plan vertelt één verhaal (issue 15) ----------------------------------------------


def test_plan_en_show_volgen_inschrijving_en_begonnen_hulp(jp: Cli, kind: Any) -> None:
    ident = kind(voornaam="Kevin", geboortedatum="2012-05-05", onderwijssoort="vo",
                 school="Het Lyceum")
    jp("signaal", "add", ident, "--domein", "thuis", "--zwaarte", "complex",
       "--omschrijving", "Veel ruzie thuis", "--datum", "2026-09-02")
    jp("ouders", "informeer", ident, "--datum", "2026-09-03")
    jp("gezin", "add", ident, "--naam", "Anna Meijer", "--relatie", "moeder", "--gezag")
    jp("toestemming", "add", ident, "--partij", "Centrum Jeugd en Gezin IJmond", "--door",
       "Anna Meijer", "--door", "Kevin", "--datum", "2026-09-04")
    jp("route", ident, "--apply", "1")
    for status in ("aangevraagd", "geaccepteerd", "gestart"):
        jp("verwijzing", ident, "v1", "--status", status)
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-10-01")
    plan = jp("report", "plan", ident).stdout
    assert "Kevin gaat naar school" not in plan
    assert "- School: op dit moment op geen school ingeschreven" in plan
    assert "Kevin staat sinds 1 oktober 2026 op geen school ingeschreven." in plan
    assert "Op dit moment geen hulp" not in plan and "geen jeugdhulp" not in plan
    assert "| CJG-coach | Centrum Jeugd en Gezin IJmond | 25 november 2026 | - |" in plan
    html = jp("report", "plan", ident, "--format", "html").stdout
    assert "Centrum Jeugd en Gezin IJmond" in html and "op geen school ingeschreven" in html
    tekst = jp("show", ident).stdout
    verzuim = tekst[tekst.index("\nVerzuim\n"):]
    assert "vandaag ingeschreven op: geen school" in verzuim
    assert "Absoluut verzuim" in verzuim and "sinds 2026-10-01" in verzuim
    assert "ingeschreven: Het Lyceum" not in verzuim or "tot 2026-10-01" in verzuim


# --- een schooljaar met vakanties, zoals een leerplichtambtenaar telt ------------------------

EIGEN_KALENDER = """\
scholen:
  De Eigenwijze:
    bron: schoolgids 2025-2026
    gemeente: Velsen
    vakanties:
      - {naam: herfstvakantie, van: 2025-10-11, tot: 2025-10-19}
"""


def zonder_school(jp: Cli, voornaam: str, geboren: str, *extra: str) -> str:
    """`new` zonder --school: een kind dat op geen school staat ingeschreven."""
    return str(jp.json("new", "--voornaam", voornaam, "--achternaam", "Fictief",
                       "--geboortedatum", geboren, "--gemeente", "Velsen",
                       "--onderwijssoort", "po", *extra)["id"])


def _categorieen(jp: Cli, peildatum: str) -> dict[str, str]:
    data = json.loads(jp("report", "thuiszitters", "--per-leerling", "--peildatum", peildatum,
                         "--format", "json").stdout)
    return {r["id"]: r["categorie"] for r in data["leerlingen"] + data["dreigend_leerlingen"]}


def test_schooljaar_met_vakanties_geeft_de_categorieen_van_leerplicht(jp: Cli, kind,
                                                                      repo_pad: Path) -> None:
    (repo_pad / "regio.yaml").write_text(EIGEN_KALENDER, encoding="utf-8")
    kerst = kind(voornaam="Kerst", geboortedatum="2012-03-01", school="Het Lyceum",
                 onderwijssoort="vo")
    zomer = kind(voornaam="Zomer", geboortedatum="2016-05-01")
    uit = kind(voornaam="Uit", geboortedatum="2011-09-01", school="Het Lyceum",
               onderwijssoort="vo")
    vijf = zonder_school(jp, "Vijf", "2021-01-10")
    nieuw = zonder_school(jp, "Nieuw", "2015-01-01", "--in-nederland-sinds", "2026-03-16")
    eigen = kind(voornaam="Eigen", geboortedatum="2014-02-02", school="De Eigenwijze")
    jp("verzuim", "afwezig", kerst, "--sinds", "2025-12-15")
    jp("verzuim", "afwezig", zomer, "--sinds", "2026-06-30")
    jp("verzuim", "afwezig", uit, "--sinds", "2025-08-25")
    jp("verzuim", "uitschrijving", uit, "--datum", "2025-09-01")
    jp("verzuim", "vrijstelling", uit, "--artikel", "5 onder b", "--van", "2025-10-01")
    jp("verzuim", "afwezig", eigen, "--sinds", "2025-10-20")

    # Eigen herfstvakantie van de school (11-19 oktober): 20 oktober tot 17 november is 29
    # dagen in schooltijd; met de adviesdata van regio noord (18-26 oktober) zou het 22 zijn.
    # Het kind dat uitgeschreven werd na een week afwezigheid telt vanaf die week.
    assert _categorieen(jp, "2025-11-17") == {uit: "vrijstelling", eigen: "relatief_4w_3m"}
    assert _categorieen(jp, "2025-09-30") == {uit: "absoluut_verzuim"}
    status = jp.json("verzuim", "status", uit, "--datum", "2025-09-30")
    assert status["sinds"] == "2025-08-25"
    # Kerstvakantie (20 december - 4 januari) telt niet: op 16 januari 33 dagen, 17 in
    # schooltijd: nog dreigend; na 4 lesweken langdurig relatief verzuim.
    assert _categorieen(jp, "2026-01-16")[kerst] == "dreigend"
    assert _categorieen(jp, "2026-01-28")[kerst] == "relatief_4w_3m"
    assert _categorieen(jp, "2026-03-15")[kerst] == "relatief_3m_plus"
    # Leerplicht vanaf de eerste schooldag van de maand na de 5e verjaardag: zondag 1 februari
    # nog niet, maandag 2 februari wel (nooit ingeschreven: absoluut verzuim).
    assert vijf not in _categorieen(jp, "2026-02-01")
    assert _categorieen(jp, "2026-02-02")[vijf] == "absoluut_verzuim"
    # Nieuwkomer: vanaf de inschrijving in de gemeente.
    assert nieuw not in _categorieen(jp, "2026-03-13")
    assert _categorieen(jp, "2026-03-31")[nieuw] == "absoluut_verzuim"
    # Afwezig vanaf 30 juni: in de zomervakantie (noord 4 juli - 16 augustus) nog dreigend.
    assert _categorieen(jp, "2026-07-28")[zomer] == "dreigend"
    assert _categorieen(jp, "2026-09-10")[zomer] == "relatief_4w_3m"
    # De vrijstelling art. 5 onder b is niet vernieuwd vóór 1 juli: vanaf 1 augustus
    # absoluut verzuim, vanaf het einde van de vrijstelling.
    assert _categorieen(jp, "2026-07-31")[uit] == "vrijstelling"
    assert _categorieen(jp, "2026-08-01")[uit] == "absoluut_verzuim"
    assert jp.json("verzuim", "status", uit, "--datum", "2026-09-01")["sinds"] == "2026-08-01"
    totaal = json.loads(jp("report", "thuiszitters", "--peildatum", "2026-09-10",
                           "--format", "json").stdout)
    assert totaal["totalen"] == {"absoluut_verzuim": 3, "relatief_4w_3m": 1,
                                 "relatief_3m_plus": 2, "vrijstelling": 0}
    assert totaal["langer_dan_3_maanden_zonder_aanbod"] == 4 and "leerlingen" not in totaal


def test_kwaliteit_per_gemeente_zegt_waarom_alles_samen_is(rapportrepo: Cli) -> None:
    data = json.loads(rapportrepo("report", "kwaliteit", "--per", "gemeente", "--format",
                                  "json").stdout)
    assert data["groepen"] == [] and data["samengevoegd"] == ["Beverwijk", "Heemskerk", "Velsen"]
    assert "Alleen het totaal" in data["uitleg"]
    md = rapportrepo("report", "kwaliteit", "--per", "gemeente").stdout
    assert "Alleen het totaal: van de 3 gemeenten (Beverwijk, Heemskerk, Velsen)" in md


def test_kwaliteit_eerste_hulp_door_de_opdrachtregel(jp: Cli, kind) -> None:
    """Een afgewezen verwijzing (wachtlijst) is geen eerste hulp; een geaccepteerde wel."""
    ident = kind()
    jp("signaal", "add", ident, "--domein", "sociaal-emotioneel", "--datum", "2026-10-01",
       "--omschrijving", "Trekt zich terug")
    jp("ouders", "informeer", ident, "--datum", "2026-10-02")
    jp("route", ident, "--apply", "1", "--zonder-toestemming", "test")
    jp("verwijzing", ident, "v1", "--status", "aangevraagd")
    jp("verwijzing", ident, "v1", "--status", "afgewezen", "--reden", "wachtlijst")
    tot_hulp = json.loads(jp("report", "kwaliteit", "--format", "json").stdout)[
        "totaal"]["signaal_tot_hulp"]
    assert (tot_hulp["aantal"], tot_hulp["zonder_hulp"]) == (0, 1)
    # Een nieuwe verwijzing, nu geaccepteerd: eerste hulp na 55 dagen.
    jp("route", ident, "--apply", "1", "--zonder-toestemming", "test")
    jp("verwijzing", ident, "v2", "--status", "aangevraagd")
    jp("verwijzing", ident, "v2", "--status", "geaccepteerd")
    tot_hulp = json.loads(jp("report", "kwaliteit", "--format", "json").stdout)[
        "totaal"]["signaal_tot_hulp"]
    assert (tot_hulp["aantal"], tot_hulp["mediaan_dagen"], tot_hulp["zonder_hulp"]) == (1, 55, 0)


def test_kwaliteit_na_een_wijziging_telt_de_nieuwe_stand(jp: Cli, kind, repo_pad: Path) -> None:
    """Het rapport telt de bijdrage van elk plan uit de cache: na een wijziging aan één plan,
    of aan de regio, telt de nieuwe stand (per plan en per school)."""
    sanne, bram = kind(), kind(voornaam="Bram", geboortedatum="2015-02-02", school="Het Kompas")

    def rapport(*extra: str) -> dict[str, Any]:
        return json.loads(jp("report", "kwaliteit", "--format", "json", *extra).stdout)

    assert rapport()["totaal"]["signaal_tot_hulp"]["zonder_hulp"] == 0
    jp("signaal", "add", sanne, "--domein", "gedrag", "--omschrijving", "Onrustig",
       "--datum", "2026-10-01")
    assert rapport()["totaal"]["signaal_tot_hulp"]["zonder_hulp"] == 1
    jp("doel", "add", bram, "--omschrijving", "Weer naar school")
    assert rapport()["totaal"]["doelen"]["lopend"] == 1
    jp("doel", "status", bram, "d1", "behaald")
    doelen = rapport()["totaal"]["doelen"]
    assert (doelen["lopend"], doelen["behaald"], doelen["aandeel_behaald"]) == (0, 1, 100.0)
    # De indeling in lichte en specialistische hulp komt uit de regio (regio.yaml).
    jp("jeugdhulp", "add", bram, "--vorm", "Behandeling", "--aanbieder", "Praktijk Duin",
       "--start", "2026-11-01")
    assert rapport()["totaal"]["hulp"] == {"licht": 0, "specialistisch": 0, "onbekend": 1}
    (repo_pad / "regio.yaml").write_text(PRAKTIJK, encoding="utf-8")
    assert rapport()["totaal"]["hulp"] == {"licht": 0, "specialistisch": 1, "onbekend": 0}
    # Per school: de groepen volgen de school in het plan (allebei te klein: alleen het totaal).
    assert rapport("--per", "school")["samengevoegd"] == ["De Windroos", "Het Kompas"]
    jp("kind", "wijzig", bram, "--school", "De Windroos")
    assert rapport("--per", "school")["samengevoegd"] == ["De Windroos"]


PRAKTIJK = """\
organisaties:
  praktijk:
    naam: Praktijk Duin
    rol: anders
    vrij_toegankelijk: false
    bron: fictief
"""
