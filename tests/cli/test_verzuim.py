"""`jeugdplan verzuim ...`: elke opdracht één commit, tegenstrijdigheden geweigerd."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, git_log


def verzuim(jp: Cli, ident: str) -> dict:
    return jp.json("show", ident)["verzuim"]


def test_verloop_en_commits(jp: Cli, kind, repo_pad: Path) -> None:
    ident = kind(geboortedatum="2013-05-01", onderwijssoort="vo", school="Het Lyceum")
    jp("verzuim", "afwezig", ident, "--sinds", "2026-09-01")
    jp("verzuim", "hervat", ident, "--datum", "2026-09-20")
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-10-01")
    jp("verzuim", "vrijstelling", ident, "--artikel", "5 onder a", "--van", "2026-10-01",
       "--tot", "2027-07-01")
    jp("verzuim", "aanbod", ident, "--omschrijving", "Zorgboerderij twee dagen", "--van",
       "2026-10-15")
    jp("verzuim", "inschrijving", ident, "--datum", "2026-11-01", "--school", "Het Kompas")
    jp("verzuim", "startkwalificatie", ident, "--datum", "vandaag")
    log = git_log(repo_pad)
    assert log[:7] == [
        f"Ilse IB|{ident}: verzuim: startkwalificatie behaald op 2026-11-25",
        f"Ilse IB|{ident}: verzuim: ingeschreven per 2026-11-01",
        f"Ilse IB|{ident}: verzuim: aanbod vastgelegd vanaf 2026-10-15",
        f"Ilse IB|{ident}: verzuim: vrijstelling art. 5 onder a vanaf 2026-10-01",
        f"Ilse IB|{ident}: verzuim: uitgeschreven per 2026-10-01",
        f"Ilse IB|{ident}: verzuim: hervat op 2026-09-20",
        f"Ilse IB|{ident}: verzuim: ongeoorloofd afwezig sinds 2026-09-01",
    ]
    assert verzuim(jp, ident) == {
        "inschrijvingen": [{"id": "in1", "tot": "2026-10-01", "school": "Het Lyceum"},
                           {"id": "in2", "van": "2026-11-01", "school": "Het Kompas"}],
        "afwezigheden": [{"id": "af1", "van": "2026-09-01", "tot": "2026-09-20"}],
        "deels_afwezig": [], "gemeld_16_uur": [],
        "vrijstellingen": [{"id": "vr1", "van": "2026-10-01", "tot": "2027-07-01",
                            "artikel": "lpw_5_onder_a", "verlengd": []}],
        "vervangende_leerplicht": [],
        "startkwalificatie": "2026-11-25",
        "aanbod": [{"id": "ab1", "van": "2026-10-15", "omschrijving": "Zorgboerderij twee dagen"}],
    }
    assert jp.json("show", ident)["kind"]["school"] == "Het Kompas"
    assert jp("check").exit_code == 0


@pytest.mark.parametrize(("voorbereiding", "opdracht", "melding"), [
    ([], ["hervat", "--datum", "2026-10-01"], "er loopt geen afwezigheid"),
    ([["afwezig", "--sinds", "2026-10-01"]], ["afwezig", "--sinds", "2026-10-05"],
     "er loopt al een afwezigheid sinds 2026-10-01"),
    ([["afwezig", "--sinds", "2026-10-01"]], ["hervat", "--datum", "2026-09-01"],
     "hervatten op 2026-09-01 ligt niet na het begin van de afwezigheid (2026-10-01)"),
    ([["uitschrijving", "--datum", "2026-09-01"]], ["afwezig", "--sinds", "2026-10-01"],
     "het kind is op 2026-10-01 op geen school ingeschreven"),
    ([], ["afwezig", "--sinds", "2010-01-01"], "ligt vóór de geboortedatum van het kind"),
    ([], ["afwezig", "--sinds", "2027-01-01"], "ligt in de toekomst"),
    ([], ["inschrijving", "--datum", "2026-10-01"],
     "het kind is op 2026-10-01 al ingeschreven op De Windroos"),
    ([["uitschrijving", "--datum", "2026-09-01"]], ["uitschrijving", "--datum", "2026-10-01"],
     "al op geen school ingeschreven"),
    ([], ["vrijstelling", "--artikel", "lpw_5_onder_a", "--van", "2026-10-01", "--tot",
          "2026-09-01"],
     "het einde van de vrijstelling (2026-09-01) ligt niet na het begin (2026-10-01)"),
    ([["vrijstelling", "--artikel", "lpw_5_onder_a", "--van", "2026-09-01"]],
     ["vrijstelling", "--artikel", "5b", "--van", "2026-10-01"],
     "overlapt met de vrijstelling art. 5 onder a vanaf 2026-09-01"),
    ([], ["vrijstelling", "--artikel", "99", "--van", "2026-10-01"], "onbekende grond '99'"),
    ([], ["aanbod", "--omschrijving", "  ", "--van", "2026-10-01"],
     "--omschrijving mag niet leeg zijn"),
    ([], ["aanbod", "--omschrijving", "x", "--van", "2026-10-01", "--tot", "2026-10-01"],
     "ligt niet na het begin"),
    ([], ["startkwalificatie", "--datum", "2026-13-01"], "is geen geldige datum"),
])
def test_weigeringen(jp: Cli, kind, repo_pad: Path, voorbereiding: list[list[str]],
                     opdracht: list[str], melding: str) -> None:
    ident = kind()
    for stap in voorbereiding:
        jp("verzuim", stap[0], ident, *stap[1:])
    voor = git_log(repo_pad)
    r = jp("verzuim", opdracht[0], ident, *opdracht[1:], code=1)
    assert melding in r.stderr
    assert r.stderr.startswith("fout: ")
    assert "Traceback" not in r.stderr
    assert git_log(repo_pad) == voor           # niets vastgelegd


def test_verplichte_opties_exit_2(jp: Cli, kind) -> None:
    ident = kind()
    assert jp("verzuim", "afwezig", ident, code=2).exit_code == 2
    assert jp("verzuim", "vrijstelling", ident, "--artikel", "lpw_15", code=2).exit_code == 2


def test_commitberichten_zonder_namen(jp: Cli, kind, repo_pad: Path) -> None:
    ident = kind(voornaam="Zoë", achternaam="Uniekenaam")
    jp("verzuim", "inschrijving", ident, "--datum", "2026-10-01", code=1)
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-10-01")
    jp("verzuim", "inschrijving", ident, "--datum", "2026-11-01", "--school", "Het Kompas")
    assert not any("Uniekenaam" in regel or "Zoë" in regel for regel in git_log(repo_pad))


def test_hulp_bij_elke_opdracht(jp: Cli) -> None:
    for opdracht in ("afwezig", "hervat", "uren", "gemeld", "uitschrijving", "inschrijving",
                     "vrijstelling", "verleng", "vervangend", "twaalf-schooljaren", "nieuwkomer",
                     "startkwalificatie", "aanbod", "status"):
        r = jp("verzuim", opdracht, "--help")
        assert "Gebruik:" in r.stdout and "JJJJ-MM-DD" in r.stdout or "Opties" in r.stdout


# --- verzuim in schooltijd: de 16-urenregel --------------------------------------------------

def test_16_uur_route_agenda_en_gemeld(jp: Cli, kind, repo_pad: Path) -> None:
    ident = kind()
    jp("verzuim", "afwezig", ident, "--sinds", "2026-11-16")
    jp("verzuim", "hervat", ident, "--datum", "2026-11-20")
    route = jp.json("route", ident)
    [advies] = [a for a in route["adviezen"] if a["regel"] == "verzuim-16-uur"]
    assert advies["organisatie"] == "Leerplicht gemeente Velsen"
    assert "Leerplichtwet 1969 art. 21a" in advies["bron"]
    assert "20 uur ongeoorloofd verzuim van 2026-11-16 tot en met 2026-11-19" in advies["reden"]
    assert "uiterlijk 2026-11-26" in advies["reden"]
    assert "geen-signalen" not in [v["code"] for v in route["voorwaarden"]]
    [punt] = [p for p in jp.json("agenda") if p["soort"] == "verzuim-melding"]
    assert (punt["id"], punt["datum"], punt["over_tijd"], punt["onderdeel"]) == (
        ident, "2026-11-26", False, "verzuim")
    status = jp.json("verzuim", "status", ident)
    assert status["meldingen_16_uur"] == [{"begin": "2026-11-16", "einde": "2026-11-19",
                                           "uren": 20, "uiterlijk": "2026-11-26",
                                           "gemeld": None}]
    jp("verzuim", "gemeld", ident, "--datum", "2026-11-20")
    assert not [p for p in jp.json("agenda") if p["soort"] == "verzuim-melding"]
    assert not [a for a in jp.json("route", ident)["adviezen"] if a["regel"] == "verzuim-16-uur"]
    assert git_log(repo_pad)[0] == (f"Ilse IB|{ident}: verzuim: 16 uur verzuim gemeld op "
                                    "2026-11-20 (1 melding)")


def test_16_uur_met_losse_uren(jp: Cli, kind) -> None:
    ident = kind()
    for dag in ("2026-11-02", "2026-11-04", "2026-11-09"):
        jp("verzuim", "uren", ident, "--datum", dag, "--uren", "5")
    assert jp.json("verzuim", "status", ident)["meldingen_16_uur"] == []
    jp("verzuim", "uren", ident, "--datum", "2026-11-10", "--uren", "1,5")  # Nederlandse komma
    [m] = jp.json("verzuim", "status", ident)["meldingen_16_uur"]
    assert (m["begin"], m["einde"], m["uren"]) == ("2026-11-02", "2026-11-10", 16.5)
    assert jp.json("show", ident)["verzuim"]["deels_afwezig"][-1] == {
        "id": "du4", "datum": "2026-11-10", "uren": 1.5}


@pytest.mark.parametrize("uren", ["anderhalf", "1,5,0", "nan", "inf"])
def test_uren_geen_getal(jp: Cli, kind, uren: str) -> None:
    ident = kind()
    uit = jp("verzuim", "uren", ident, "--datum", "2026-11-10", "--uren", uren, code=2)
    assert "is geen getal (bijvoorbeeld 2 of 1,5)" in uit.stderr
    assert jp.json("show", ident)["verzuim"]["deels_afwezig"] == []


def test_uren_per_lesdag_van_de_school(jp: Cli, kind, repo_pad: Path) -> None:
    (repo_pad / "regio.yaml").write_text(
        "scholen:\n  De Windroos:\n    bron: rooster 2026-2027\n    uren_per_lesdag: 3\n",
        encoding="utf-8")
    ident = kind()
    jp("verzuim", "afwezig", ident, "--sinds", "2026-11-16")
    jp("verzuim", "hervat", ident, "--datum", "2026-11-20")   # 4 dagen van 3 uur: 12
    assert jp.json("verzuim", "status", ident)["meldingen_16_uur"] == []


@pytest.mark.parametrize(("voorbereiding", "opdracht", "melding"), [
    ([], ["uren", "--datum", "2026-11-21", "--uren", "2"], "geen lesdag (in het weekend)"),
    ([], ["uren", "--datum", "2026-10-14", "--uren", "2"],
     "geen lesdag (in de herfstvakantie 2026)"),
    ([], ["uren", "--datum", "2026-11-20", "--uren", "13"], "tussen 0 en 12"),
    ([], ["uren", "--datum", "2026-11-26", "--uren", "2"], "ligt in de toekomst"),
    ([["afwezig", "--sinds", "2026-11-16"]], ["uren", "--datum", "2026-11-18", "--uren", "2"],
     "valt in de afwezigheid sinds 2026-11-16"),
    ([["uitschrijving", "--datum", "2026-11-01"]],
     ["uren", "--datum", "2026-11-18", "--uren", "2"], "op geen school ingeschreven"),
    ([], ["gemeld", "--datum", "2026-11-20"], "geen melding van 16 uur verzuim open"),
])
def test_weigeringen_16_uur(jp: Cli, kind, repo_pad: Path, voorbereiding: list[list[str]],
                            opdracht: list[str], melding: str) -> None:
    ident = kind()
    for stap in voorbereiding:
        jp("verzuim", stap[0], ident, *stap[1:])
    voor = git_log(repo_pad)
    r = jp("verzuim", opdracht[0], ident, *opdracht[1:], code=1)
    assert melding in r.stderr and "Traceback" not in r.stderr
    assert git_log(repo_pad) == voor


# --- twaalf schooljaren, nieuwkomer, geen school --------------------------------------------

def test_twaalf_schooljaren_en_startkwalificatie(jp: Cli, kind) -> None:
    """15 jaar, twaalf volledige schooljaren, havodiploma, niet ingeschreven: geen verzuim."""
    ident = kind(geboortedatum="2011-05-01", school="Het Lyceum", onderwijssoort="vo")
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-07-18")
    assert jp.json("verzuim", "status", ident)["categorie"] == "absoluut_verzuim"
    r = jp("verzuim", "twaalf-schooljaren", ident, "--datum", "2026-06-30", code=1)
    assert "is niet het einde van een schooljaar" in r.stderr
    jp("verzuim", "twaalf-schooljaren", ident, "--datum", "2026-07-31")
    status = jp.json("verzuim", "status", ident)
    assert (status["plicht"], status["leerplicht_einde"]) == ("kwalificatieplichtig",
                                                              "2026-07-31")
    assert status["categorie"] == "absoluut_verzuim"   # kwalificatieplichtig
    jp("verzuim", "startkwalificatie", ident, "--datum", "2026-07-10")
    status = jp.json("verzuim", "status", ident)
    assert (status["plicht"], status["categorie"]) == (None, None)
    data = json.loads(jp("report", "thuiszitters", "--format", "json").stdout)
    assert data["totalen"]["absoluut_verzuim"] == 0
    r = jp("verzuim", "twaalf-schooljaren", ident, "--datum", "2026-07-31", code=1)
    assert "al vastgelegd" in r.stderr


def test_new_zonder_school_en_nieuwkomer(jp: Cli) -> None:
    nooit = jp.json("new", "--voornaam", "Nooit", "--achternaam", "Ingeschreven",
                    "--geboortedatum", "2018-03-03", "--gemeente", "Velsen",
                    "--onderwijssoort", "po")["id"]
    assert "school" not in jp.json("show", nooit)["kind"]
    status = jp.json("verzuim", "status", nooit)
    assert (status["school"], status["categorie"], status["sinds"]) == (
        None, "absoluut_verzuim", "2023-04-03")
    assert "geen school" in jp("show", nooit).stdout
    r = jp("verzuim", "inschrijving", nooit, "--datum", "2026-11-01", code=1)
    assert "geef de school met --school" in r.stderr
    nieuw = jp.json("new", "--voornaam", "Nieuw", "--achternaam", "Kind", "--geboortedatum",
                    "2015-06-01", "--gemeente", "Velsen", "--onderwijssoort", "po",
                    "--in-nederland-sinds", "2026-11-02")["id"]
    status = jp.json("verzuim", "status", nieuw)
    assert (status["plicht_begin"], status["sinds"]) == ("2026-11-02", "2026-11-02")
    r = jp("new", "--voornaam", "Later", "--achternaam", "Kind", "--geboortedatum", "2015-06-01",
           "--gemeente", "Velsen", "--onderwijssoort", "po", "--in-nederland-sinds",
           "2027-01-01", code=1)
    assert "ligt in de toekomst" in r.stderr
    jp("verzuim", "inschrijving", nieuw, "--datum", "2026-11-16", "--school", "De Ster")
    assert jp.json("verzuim", "status", nieuw)["categorie"] is None
    r = jp("verzuim", "nieuwkomer", nieuw, "--datum", "2026-11-03", code=1)
    assert "al vastgelegd" in r.stderr


# --- gronden: vrijstellingen die betekenen wat de wet zegt -----------------------------------

@pytest.mark.parametrize(("geboren", "opdracht", "melding"), [
    ("2018-03-01", ["vrijstelling", "--artikel", "15", "--van", "2026-09-01", "--tot",
                    "2027-07-01"],
     "vrijstelling art. 15 past niet: geldt alleen voor de kwalificatieplicht; het kind is dan "
     "leerplichtig"),
    ("2012-01-01", ["vrijstelling", "--artikel", "3a", "--van", "2026-09-01"],
     "art. 3a is vervangende leerplicht, geen vrijstelling"),
    ("2012-01-01", ["vrijstelling", "--artikel", "5a", "--van", "2026-09-01"],
     "'5a' is dubbelzinnig: bedoelt u art. 5 onder a"),
    ("2012-01-01", ["vrijstelling", "--artikel", "11a", "--van", "2026-09-01",
                    "--uren-per-week", "5"], "geldt alleen onder de 6 jaar; het kind is dan 14"),
    ("2012-01-01", ["vrijstelling", "--artikel", "lpw_5_onder_b", "--van", "2026-09-01",
                    "--nooit-geschikt"], "--nooit-geschikt hoort alleen bij art. 5 onder a"),
    ("2012-01-01", ["vervangend", "--artikel", "3b", "--van", "2026-09-01"],
     "geldt alleen in het laatste leerplichtige schooljaar"),
    ("2012-01-01", ["verleng", "--datum", "2026-06-01"], "geen vrijstelling om te verlengen"),
])
def test_gronden_die_niet_passen_geweigerd(jp: Cli, kind, repo_pad: Path, geboren: str,
                                           opdracht: list[str], melding: str) -> None:
    ident = kind(geboortedatum=geboren)
    voor = git_log(repo_pad)
    r = jp("verzuim", opdracht[0], ident, *opdracht[1:], code=1)
    assert melding in r.stderr and "Traceback" not in r.stderr
    assert git_log(repo_pad) == voor


def test_vervangende_leerplicht_blijft_verzuim(jp: Cli, kind) -> None:
    ident = kind(geboortedatum="2012-01-01", school="Het Lyceum", onderwijssoort="vo")
    jp("verzuim", "vervangend", ident, "--artikel", "3a", "--van", "2026-09-01")
    jp("verzuim", "afwezig", ident, "--sinds", "2026-09-01")
    assert jp.json("verzuim", "status", ident)["categorie"] == "relatief_4w_3m"
    assert jp.json("show", ident)["verzuim"]["vervangende_leerplicht"] == [
        {"id": "vl1", "van": "2026-09-01", "tot": "2027-08-01", "artikel": "lpw_3a"}]


def test_art11a_gedeeltelijk_telt_mee(jp: Cli, kind) -> None:
    ident = kind(geboortedatum="2021-05-10")
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-09-01")
    jp("verzuim", "vrijstelling", ident, "--artikel", "11a", "--van", "2026-09-01",
       "--uren-per-week", "5")
    data = json.loads(jp("report", "thuiszitters", "--format", "json").stdout)
    assert data["totalen"]["absoluut_verzuim"] == 1 and data["totalen"]["vrijstelling"] == 0


def test_oude_codes_omgezet_en_verlopen_vrijstelling_in_check_en_agenda(
        jp: Cli, kind, repo_pad: Path) -> None:
    """Een plan van vóór deze versie: '5a' voor art. 5 onder a (2020, zonder einde) en '3a'
    onder de vrijstellingen."""
    ident = kind(geboortedatum="2012-01-01")
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    tekst = pad.read_text(encoding="utf-8").replace(
        "  vrijstellingen: []\n",
        "  vrijstellingen:\n    - {van: 2020-09-01, artikel: 5a}\n"
        "    - {van: 2025-08-01, tot: 2026-08-01, artikel: 3a}\n")
    tekst = tekst.replace("  inschrijvingen: []\n",
                          "  inschrijvingen:\n    - {tot: 2020-09-01, school: De Windroos}\n")
    pad.write_text(tekst, encoding="utf-8")
    verzuim = jp.json("show", ident)["verzuim"]
    assert [v["artikel"] for v in verzuim["vrijstellingen"]] == ["lpw_5_onder_a"]
    [vervangend] = verzuim["vervangende_leerplicht"]
    assert vervangend.pop("id").startswith("vr-")  # id uit de inhoud (een ouder plan)
    assert vervangend == {"van": "2025-08-01", "tot": "2026-08-01", "artikel": "lpw_3a"}
    status = jp.json("verzuim", "status", ident)
    assert (status["categorie"], status["sinds"]) == ("absoluut_verzuim", "2021-08-01")
    check = jp.json("check", code=None)
    [bevinding] = [p for p in check["problemen"] if p["code"] == "vrijstelling"]
    assert "vervallen op 2021-08-01" in bevinding["melding"]
    assert bevinding["ernst"] == "waarschuwing"
    [punt] = [p for p in jp.json("agenda") if p["soort"] == "vrijstelling"]
    assert punt["over_tijd"] and punt["datum"] == "2021-08-01"
    # De volgende bewerking schrijft de eenduidige codes.
    jp("verzuim", "aanbod", ident, "--omschrijving", "Thuisonderwijs", "--van", "2026-11-01")
    tekst = pad.read_text(encoding="utf-8")
    assert "artikel: lpw_5_onder_a" in tekst and "artikel: lpw_3a" in tekst
    assert "artikel: 5a" not in tekst


def test_verleng_en_vernieuwen_in_agenda(jp: Cli, kind) -> None:
    ident = kind(geboortedatum="2012-01-01")
    jp("verzuim", "uitschrijving", ident, "--datum", "2025-09-01")
    jp("verzuim", "vrijstelling", ident, "--artikel", "lpw_5_onder_c", "--van", "2025-09-01")
    # Niet vernieuwd vóór 1 juli 2026: vervallen.
    assert jp.json("verzuim", "status", ident)["categorie"] == "absoluut_verzuim"
    r = jp("verzuim", "verleng", ident, "--datum", "2026-07-02", code=1)
    assert "te laat" in r.stderr
    jp("verzuim", "verleng", ident, "--datum", "2026-06-20")
    status = jp.json("verzuim", "status", ident)
    assert status["categorie"] == "vrijstelling"
    assert status["vrijstellingen"][0]["laatste_dag"] == "2027-07-31"
    punten = [p for p in jp.json("agenda", "--weken", "40") if p["soort"] == "vrijstelling"]
    assert [(p["datum"], p["over_tijd"], p["onderdeel"]) for p in punten] == [
        ("2027-06-30", False, "vr1")]  # het id: een agenda-import werkt de afspraak bij
    assert jp.json("check")["problemen"] == []
    # Binnen 4 weken vóór de termijn waarschuwt check.
    juni = json.loads(jp("check", "--json", env={"JEUGDPLAN_VANDAAG": "2027-06-10"}).stdout)
    assert [(p["code"], p["ernst"]) for p in juni["problemen"]] == [("vrijstelling",
                                                                      "waarschuwing")]
    assert "kennisgeving voor het volgende schooljaar vóór 2027-07-01" in juni["problemen"][0][
        "melding"]


def test_status_tekst(jp: Cli, kind) -> None:
    ident = kind()
    jp("verzuim", "afwezig", ident, "--sinds", "2026-10-01")
    uit = jp("verzuim", "status", ident).stdout
    assert f"Casus {ident}, verzuim op 2026-11-25" in uit
    assert "categorie: relatief_4w_3m sinds 2026-10-01 (56 dagen, 47 in schooltijd)" in uit
    assert "vakantieregio: noord" in uit
    assert "melden uiterlijk" in uit
