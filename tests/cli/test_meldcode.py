"""`jeugdplan meldcode ...` en `jeugdplan report meldcode` via de echte opdrachtregel.

Elke geaccepteerde handeling is één commit met de git-identiteit als auteur; een geweigerde
handeling stopt met 1, een Nederlandse melding, en laat plan.yaml en de git-log ongemoeid.
Gouden bestanden: `JEUGDPLAN_GOLDEN_BIJWERKEN=1 python -m pytest tests/cli/test_meldcode.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Cli, git_log

TESTDATA = Path(__file__).parents[1] / "testdata"


def plan_pad(repo_pad: Path, ident: str) -> Path:
    return repo_pad / "casussen" / ident / "plan.yaml"


def weiger(jp: Cli, repo_pad: Path, ident: str, *args: str, melding: str) -> str:
    """Voert een handeling uit die geweigerd moet worden; controleert dat niets veranderde."""
    voor = (plan_pad(repo_pad, ident).read_bytes(), git_log(repo_pad))
    r = jp(*args, code=1)
    assert melding in r.stderr, r.stderr
    assert r.stderr.startswith("fout: ")
    assert "Traceback" not in r.stderr
    assert (plan_pad(repo_pad, ident).read_bytes(), git_log(repo_pad)) == voor
    return str(r.stderr)


@pytest.fixture
def casus(jp: Cli, kind) -> str:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "veiligheid", "--datum", "2026-11-18",
       "--omschrijving", "Blauwe plekken op beide bovenarmen", "--bron", "leerkracht",
       "--interpretatie", "mogelijk vastgepakt")
    return str(ident)


def tot_afweging(jp: Cli, ident: str) -> None:
    jp("meldcode", "start", ident, "--datum", "2026-11-18")
    jp("meldcode", "stap", ident, "1", "--notitie", "Blauwe plekken; kind zegt gevallen te zijn",
       "--kindcheck", "Broertje van 3 jaar thuis", "--datum", "2026-11-18")
    jp("meldcode", "stap", ident, "2", "--notitie", "Advies: gesprek met moeder",
       "--met", "aandachtsfunctionaris", "--datum", "2026-11-19")
    jp("meldcode", "stap", ident, "3", "--notitie", "Gesprek met moeder over de plekken",
       "--met", "moeder", "--reactie", "Moeder schrok, herkent spanningen thuis",
       "--datum", "2026-11-20")


def test_van_eerste_signaal_tot_besluit(jp: Cli, repo_pad: Path, casus: str) -> None:
    ident = casus
    n = jp.json("meldcode", "next", ident)
    assert n == {**n, "id": ident, "status": "niet-gestart", "stap": None, "ontbreekt": [],
                 "afweging": None, "besluit": None, "termijn": None}
    assert n["opdracht"] == f"jeugdplan meldcode start {ident}"
    r = jp("meldcode", "start", ident, "--datum", "2026-11-18")
    assert f"volgende: Stap 1: Signalen in kaart brengen: jeugdplan meldcode stap {ident} 1" \
        in r.stderr
    stappen = []
    for args in (
        ("stap", ident, "1", "--notitie", "Blauwe plekken", "--datum", "2026-11-18"),
        ("stap", ident, "1", "--notitie", "Kindcheck", "--kindcheck", "Broertje van 3"),
        ("stap", ident, "2", "--notitie", "Advies: gesprek", "--met", "aandachtsfunctionaris"),
        ("stap", ident, "3", "--notitie", "Gesprek", "--met", "moeder", "--reactie", "schrok"),
        ("afweging", ident, "1", "ja"),
        ("afweging", ident, "2", "nee"),
        ("afweging", ident, "3", "ja"),
        ("afweging", ident, "4", "ja", "--termijn", "2027-01-15", "--casemanager", "Ilse IB",
         "--toelichting", "JMW start gezinsbegeleiding"),
    ):
        n = jp.json("meldcode", "next", ident)
        stappen.append((n["stap"], n["ontbreekt"], n["afweging"], n["besluit"]))
        jp("meldcode", *args)
    n = jp.json("meldcode", "next", ident)
    stappen.append((n["stap"], n["ontbreekt"], n["afweging"], n["besluit"]))
    assert stappen == [
        (1, ["notitie", "kindcheck"], None, None),
        (1, ["kindcheck"], None, None),
        (2, ["notitie", "met"], None, None),
        (3, ["notitie", "met"], None, None),
        (4, [], 1, None),
        (4, [], 2, None),
        (5, [], 3, None),
        (5, [], 4, None),
        (5, [], 5, "hulp"),
    ]
    assert n["termijn"] == "2027-01-15" and n["waarschuwingen"] == []
    log = git_log(repo_pad)
    assert log[:3] == [
        f"Ilse IB|{ident}: meldcode afwegingsvraag 4: ja -> besluit: hulp",
        f"Ilse IB|{ident}: meldcode afwegingsvraag 3: ja -> vraag 4",
        f"Ilse IB|{ident}: meldcode afwegingsvraag 2: nee -> vraag 3",
    ]
    assert f"Ilse IB|{ident}: meldcode stap 1 vastgelegd; nog niet compleet (ontbreekt: " \
           "kindcheck)" in log
    assert not any("Sanne" in regel or "Vries" in regel for regel in log)
    jp("meldcode", "afweging", ident, "5", "ja", "--toelichting", "Monitoring: IB'er elke maand")
    n = jp.json("meldcode", "next", ident)
    assert (n["status"], n["stap"], n["besluit"]) == ("afgerond", None, "afsluiten")
    assert jp.json("show", ident)["meldcode"][0]["afgerond"] == "2026-11-25"


def test_next_json_vorm(jp: Cli, casus: str) -> None:
    jp("meldcode", "start", casus)
    n = jp.json("meldcode", "next", casus)
    verplicht = {"id", "status", "stap", "titel", "ontbreekt", "afweging", "besluit", "termijn",
                 "waarschuwingen"}
    assert verplicht <= set(n)
    assert n["status"] in ("niet-gestart", "lopend", "afgerond")
    assert isinstance(n["ontbreekt"], list) and isinstance(n["waarschuwingen"], list)
    assert n["titel"] == "Stap 1: Signalen in kaart brengen"


def test_next_tekst_legt_de_vraag_uit(jp: Cli, casus: str) -> None:
    tot_afweging(jp, casus)
    jp("meldcode", "afweging", casus, "1", "ja")
    uit = jp("meldcode", "next", casus).stdout
    assert "Vraag 2: Is er sprake van acute en/of structurele onveiligheid?" in uit
    assert "twijfel  -> onderwijsvariant: twijfel telt als ja, dus melden bij Veilig Thuis" in uit
    assert "Veilig Thuis: 0800-2000" in uit


def test_termijn_verstreken_waarschuwing(jp: Cli, casus: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    tot_afweging(jp, casus)
    for args in (("1", "ja"), ("2", "nee"), ("3", "ja")):
        jp("meldcode", "afweging", casus, *args)
    jp("meldcode", "afweging", casus, "4", "ja", "--termijn", "2026-12-20",
       "--casemanager", "Ilse IB", "--toelichting", "rollen afgesproken")
    monkeypatch.setenv("JEUGDPLAN_VANDAAG", "2026-12-20")
    n = jp.json("meldcode", "next", casus)
    assert (n["termijn"], n["termijn_verstreken"], n["waarschuwingen"]) == (
        "2026-12-20", False, [])
    monkeypatch.setenv("JEUGDPLAN_VANDAAG", "2027-01-05")
    n = jp.json("meldcode", "next", casus)
    assert n["termijn_verstreken"] is True
    assert n["waarschuwingen"] == [
        "de termijn voor afwegingsvraag 5 (2026-12-20) is 16 dagen verstreken: beantwoord "
        "vraag 5 nu; leidt de hulp niet tot de nodige veiligheid, dan alsnog melden bij "
        "Veilig Thuis"]
    assert "(VERSTREKEN)" in jp("meldcode", "next", casus).stdout
    # De agenda toont de termijn tot vraag 5 beantwoord is.
    assert any(p["soort"] == "meldcode-termijn" for p in jp.json("agenda"))
    jp("meldcode", "afweging", casus, "5", "nee")
    assert not any(p["soort"] == "meldcode-termijn" for p in jp.json("agenda"))
    n = jp.json("meldcode", "next", casus)
    assert (n["besluit"], n["ontbreekt"], n["termijn"]) == ("melden", ["melding"], None)


def test_status_verstreken_termijn_eerst(jp: Cli, kind, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = (kind(voornaam=v, geboortedatum=g) for v, g in
               (("Aa", "2016-01-01"), ("Bb", "2016-02-02"), ("Cc", "2016-03-03")))
    for ident, termijn in ((a, "2027-02-01"), (b, "2026-12-01")):
        tot_afweging(jp, ident)
        for args in (("1", "ja"), ("2", "nee"), ("3", "ja")):
            jp("meldcode", "afweging", ident, *args)
        jp("meldcode", "afweging", ident, "4", "ja", "--termijn", termijn)
    jp("meldcode", "start", c)
    monkeypatch.setenv("JEUGDPLAN_VANDAAG", "2026-12-10")
    lijst = jp.json("meldcode", "status")
    assert [x["id"] for x in lijst] == [b, a, c]
    assert [x["termijn_verstreken"] for x in lijst] == [True, False, False]
    tekst = jp("meldcode", "status").stdout.splitlines()
    assert tekst[0].startswith(b) and "VERSTREKEN" in tekst[0]


def test_status_leeg(jp: Cli) -> None:
    assert jp("meldcode", "status").stdout.strip() == "Geen lopende meldcodesporen."
    assert jp.json("meldcode", "status") == []


# --- weigeringen: exit 1, melding, niets geschreven -------------------------------------


def test_weigeringen_stappen(jp: Cli, repo_pad: Path, casus: str) -> None:
    ident = casus
    weiger(jp, repo_pad, ident, "meldcode", "stap", ident, "1", "--notitie", "x",
           "--kindcheck", "y", melding="de meldcode is nog niet gestart")
    jp("meldcode", "start", ident)
    weiger(jp, repo_pad, ident, "meldcode", "start", ident,
           melding="de meldcode is al gestart op 2026-11-25 door Ilse IB")
    weiger(jp, repo_pad, ident, "meldcode", "stap", ident, "2", "--notitie", "x", "--met", "c",
           melding="stap 2 (collegiale consultatie) vastleggen kan nu niet: stap 1 (signalen in "
                   "kaart brengen) is nog niet compleet; ontbreekt: notitie, kindcheck")
    weiger(jp, repo_pad, ident, "meldcode", "stap", ident, "4", "--notitie", "x",
           melding="stap 4 en 5 met 'meldcode afweging' en 'meldcode melding'")
    weiger(jp, repo_pad, ident, "meldcode", "stap", ident, "1", "--notitie", "  ",
           melding="--notitie mag niet leeg zijn")
    weiger(jp, repo_pad, ident, "meldcode", "stap", ident, "1", "--notitie", "x",
           "--kindcheck", "y", "--datum", "2026-12-01", melding="ligt in de toekomst")
    jp("meldcode", "stap", ident, "1", "--notitie", "x", "--kindcheck", "geen")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "1", "ja",
           melding="afwegingsvraag 1 beantwoorden kan nu niet: stap 2 (collegiale consultatie)")
    jp("meldcode", "stap", ident, "2", "--notitie", "advies", "--met", "collega")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "1", "ja",
           melding="afwegingsvraag 1 beantwoorden kan nu niet: stap 3 (gesprek met ouders en/of "
                   "kind) is nog niet vastgelegd of geldig overgeslagen; ontbreekt: notitie, met")
    weiger(jp, repo_pad, ident, "meldcode", "overslaan", ident, "3", "--grond", "drukte",
           "--reden", "x",
           melding="'drukte' is geen grond om stap 3 over te slaan; alleen: veiligheid, "
                   "contactbreuk")
    weiger(jp, repo_pad, ident, "meldcode", "overslaan", ident, "3", "--grond", "veiligheid",
           melding="stap 3 overslaan kan alleen met een vastgelegde reden")
    weiger(jp, repo_pad, ident, "meldcode", "overslaan", ident, "3", "--grond", "veiligheid",
           "--reden", " ", melding="--reden mag niet leeg zijn")
    weiger(jp, repo_pad, ident, "meldcode", "overslaan", ident, "2", "--grond", "veiligheid",
           "--reden", "x", melding="alleen stap 3 (gesprek met ouders en/of kind) mag worden "
                                   "overgeslagen, niet stap 2")
    weiger(jp, repo_pad, ident, "meldcode", "melding", ident, "--datum", "2026-11-25",
           "--notitie", "x", melding="de melding vastleggen kan nu niet: stap 3")
    r = jp("meldcode", "overslaan", ident, "3", "--grond", "Veiligheid", "--reden",
           "Vader bedreigde de leerkracht")
    assert "meldcode stap 3 overgeslagen (grond: veiligheid)" in r.stderr


def test_weigeringen_afwegingskader(jp: Cli, repo_pad: Path, casus: str) -> None:
    ident = casus
    tot_afweging(jp, ident)
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "1", "twijfel",
           melding="'twijfel' kan niet bij afwegingsvraag 1; beantwoord met ja of nee "
                   "(twijfel kan alleen bij vraag 2")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "1", "nee",
           melding="vraagt --toelichting: waarom het spoor wordt afgesloten")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "1", "wellicht",
           melding="kies ja, nee of twijfel")
    jp("meldcode", "afweging", ident, "1", "ja")
    jp("meldcode", "afweging", ident, "2", "nee")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "4", "ja", "--termijn",
           "2027-01-01", melding="afwegingsvraag 4 beantwoorden kan nu niet: eerst "
                                 "afwegingsvraag 3 beantwoorden")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "2", "ja",
           melding="afwegingsvraag 2 is al beantwoord (nee, 2026-11-25)")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "3", "twijfel",
           melding="'twijfel' kan niet bij afwegingsvraag 3")
    jp("meldcode", "afweging", ident, "3", "ja")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "4", "ja",
           melding="vraag 4 ja (hulp organiseren; vóór de termijn vraag 5 beantwoorden) vraagt "
                   "--termijn")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "4", "ja", "--termijn",
           "morgen", melding="--termijn: 'morgen' is geen geldige datum")
    weiger(jp, repo_pad, ident, "meldcode", "melding", ident, "--datum", "2026-11-25",
           "--notitie", "x", melding="de melding vastleggen kan nu niet: eerst afwegingsvraag 4")
    jp("meldcode", "afweging", ident, "4", "ja", "--termijn", "2027-01-15")
    weiger(jp, repo_pad, ident, "meldcode", "afweging", ident, "5", "ja",
           melding="vraagt --toelichting: de afspraken over monitoring")
    weiger(jp, repo_pad, ident, "meldcode", "stap", ident, "1", "--notitie", "x",
           melding="stap 1 (signalen in kaart brengen) vastleggen kan niet meer: het besluit "
                   "(hulp) is genomen; leg verdere aantekeningen vast met 'jeugdplan journaal add")
    jp("meldcode", "afweging", ident, "5", "nee")
    weiger(jp, repo_pad, ident, "meldcode", "melding", ident, "--datum", "2026-12-01",
           "--notitie", "x", melding="ligt in de toekomst")
    r = jp("meldcode", "melding", ident, "--datum", "2026-11-25", "--notitie", "Gemeld",
           "--geinformeerd", "moeder", "--reactie", "boos")
    assert "meldcode: melding aan Veilig Thuis vastgelegd; spoor afgerond" in r.stderr
    weiger(jp, repo_pad, ident, "meldcode", "melding", ident, "--datum", "2026-11-25",
           "--notitie", "x", melding="het meldcodespoor is afgerond op 2026-11-25")
    weiger(jp, repo_pad, ident, "meldcode", "start", ident,
           melding="meldcodespoor 1 is afgerond op 2026-11-25; een nieuw spoor begint bij een "
                   "nieuw vermoeden: leg dat eerst vast als signaal")


def test_twijfel_bij_vraag_2_is_melden(jp: Cli, casus: str) -> None:
    tot_afweging(jp, casus)
    jp("meldcode", "afweging", casus, "1", "ja")
    r = jp("meldcode", "afweging", casus, "2", "twijfel", "--toelichting", "twijfel over thuis")
    assert "twijfel -> besluit: melden" in r.stderr
    assert "volgende: Stap 5: Beslissen: hulp organiseren en/of melden — melden bij Veilig " \
           "Thuis" in r.stderr


def test_verkeerd_gebruik_exit_2(jp: Cli, casus: str) -> None:
    jp("meldcode", "start", casus)
    assert "--notitie" in jp("meldcode", "stap", casus, "1", code=2).stderr
    jp("meldcode", "stap", casus, "een", "--notitie", "x", code=2)
    jp("meldcode", "melding", casus, "--notitie", "x", code=2)
    jp("report", "meldcode", casus, "--format", "pdf", code=2)


def test_onbekende_casus(jp: Cli) -> None:
    assert "geen casus met id" in jp("meldcode", "next", "2026-ZZZZZZ", code=1).stderr


def test_signaal_over_personeel(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "grensoverschrijdend-personeel",
       "--omschrijving", "Leerling vertelt over aanraking door een medewerker")
    n = jp.json("meldcode", "next", ident)
    assert (n["status"], n["stap"], n["opdracht"]) == ("niet-gestart", None, None)
    assert n["titel"] == "Meldplicht zedendelict door iemand met taken op school"
    assert n["andere_plicht"]["vertrouwensinspecteur"] == "0900-111 3111"
    assert any("schoolbestuur" in w for w in n["waarschuwingen"])
    tekst = jp("meldcode", "next", ident).stdout
    assert "Dit is niet de meldcode" in tekst and "schoolbestuur" in tekst
    assert "0900-111 3111" in tekst and "meldcode start" not in tekst
    melding = weiger(jp, repo_pad, ident, "meldcode", "start", ident,
                     melding="de meldcode start niet")
    assert "schoolbestuur" in melding and "vertrouwensinspecteur (0900-111 3111)" not in melding
    assert "Vertrouwensinspecteur: 0900-111 3111" in melding


def test_hulp_bij_elke_opdracht(jp: Cli) -> None:
    for opdracht in ("start", "stap", "overslaan", "afweging", "melding", "next", "status"):
        r = jp("meldcode", opdracht, "--help")
        assert "Usage" in r.stdout or "Gebruik" in r.stdout
    r = jp("report", "meldcode", "--help")
    assert "meldcodedossier" in r.stdout.lower()


# --- het dossier ------------------------------------------------------------------------


def _dossier_casus(jp: Cli, ident: str) -> None:
    tot_afweging(jp, ident)
    jp("meldcode", "stap", ident, "2", "--notitie", "Anoniem advies: melden bij twijfel",
       "--met", "Veilig Thuis (anoniem)", "--datum", "2026-11-20")
    jp("meldcode", "afweging", ident, "1", "ja", "--toelichting", "Vermoeden blijft")
    jp("meldcode", "afweging", ident, "2", "twijfel", "--toelichting", "Herhaalde plekken <3x>")
    jp("meldcode", "melding", ident, "--datum", "2026-11-25", "--notitie",
       "Gemeld bij Veilig Thuis Kennemerland", "--geinformeerd", "moeder",
       "--reactie", "Moeder begrijpt het, is boos")


@pytest.mark.parametrize("formaat", ["md", "html"])
def test_report_meldcode_gouden_bestand(jp: Cli, casus: str, formaat: str) -> None:
    _dossier_casus(jp, casus)
    uit = jp("report", "meldcode", casus, "--format", formaat).stdout
    for geheim in ("Sanne", "de Vries", "2016-04-03", "3 april 2016"):
        assert geheim not in uit
    genormaliseerd = uit.replace(casus, "2026-XXXXXX")
    if formaat == "html":
        # De stijl komt uit het gedeelde basis.html.j2; die hoort niet bij dit gouden bestand.
        voor, rest = genormaliseerd.split("<style>", 1)
        genormaliseerd = voor + "<style>…" + rest.split("</style>", 1)[1]
    gouden = TESTDATA / f"meldcode_dossier.{formaat}"
    if os.environ.get("JEUGDPLAN_GOLDEN_BIJWERKEN") == "1":
        gouden.write_text(genormaliseerd, encoding="utf-8")
    assert genormaliseerd == gouden.read_text(encoding="utf-8")
    if formaat == "html":
        assert uit.startswith("<!DOCTYPE html>") and "&lt;3x&gt;" in uit


def test_report_zonder_spoor(jp: Cli, casus: str) -> None:
    assert "heeft geen meldcodespoor" in jp("report", "meldcode", casus, code=1).stderr


# --- sporen in de tijd (issue 15) ---------------------------------------------------------


def _sluit_met_nee(jp: Cli, ident: str) -> None:
    tot_afweging(jp, ident)
    jp("meldcode", "afweging", ident, "1", "nee", "--toelichting", "Plekken van sport",
       "--datum", "2026-11-21")


def test_tweede_vermoeden_krijgt_een_nieuw_spoor(jp: Cli, repo_pad: Path, casus: str) -> None:
    ident = casus
    _sluit_met_nee(jp, ident)
    assert "meldcode" not in [v["code"] for v in jp.json("route", ident)["voorwaarden"]]
    weiger(jp, repo_pad, ident, "meldcode", "start", ident,
           melding="een nieuw spoor begint bij een nieuw vermoeden")
    jp("signaal", "add", ident, "--domein", "veiligheid", "--datum", "2026-11-23",
       "--omschrijving", "Vertelt dat vader slaat", "--bron", "kind")
    route = jp.json("route", ident)
    meldcode = next(v for v in route["voorwaarden"] if v["code"] == "meldcode")
    assert "start een nieuw spoor" in meldcode["melding"]
    n = jp.json("meldcode", "next", ident)
    assert (n["status"], n["spoor"], n["opdracht"]) == (
        "afgerond", 1, f"jeugdplan meldcode start {ident}")
    assert n["titel"] == "Nieuw vermoeden: start meldcodespoor 2"
    assert any("s2" in w for w in jp.json("check")["problemen"][0]["melding"].split())
    weiger(jp, repo_pad, ident, "meldcode", "start", ident, "--datum", "2026-11-20",
           melding="de start (2026-11-20) ligt vóór het einde van het vorige spoor m1 "
                   "(2026-11-21)")
    r = jp("meldcode", "start", ident, "--datum", "2026-11-23")
    assert f"{ident}: meldcode: nieuw spoor 2 (m2) gestart" in r.stderr
    n = jp.json("meldcode", "next", ident)
    assert (n["status"], n["spoor"], n["spoor_id"], n["stap"]) == ("lopend", 2, "m2", 1)
    assert [(s["id"], s["signalen"]) for s in jp.json("show", ident)["meldcode"]] == [
        ("m1", ["s1"]), ("m2", ["s2"])]
    status = jp.json("meldcode", "status")
    assert [(a["id"], a["spoor"]) for a in status] == [(ident, 2)]
    assert f"{ident}  spoor 2  Spoor 2, stap 1" in jp("meldcode", "status").stdout
    # Het dossier: standaard het nieuwste spoor, met --spoor een eerder spoor.
    nieuwste = jp("report", "meldcode", ident).stdout
    assert "spoor 2 van 2" in nieuwste and "Spoor 1: gestart 18 november 2026, afgerond" \
        in nieuwste
    eerste = jp("report", "meldcode", ident, "--spoor", "1").stdout
    assert "spoor 1 van 2" in eerste and "Plekken van sport" in eerste
    assert "geen meldcodespoor 3" in jp("report", "meldcode", ident, "--spoor", "3",
                                        code=1).stderr
    assert jp.json("check")["ok"]


def test_plan_met_een_spoor_van_voor_de_sporen(jp: Cli, repo_pad: Path, casus: str) -> None:
    """Een plan met `meldcode:` als één mapping (van vóór issue 15) blijft werken: dat spoor
    is spoor 1, en bij de volgende bewerking staat het er in de nieuwe vorm."""
    import subprocess

    pad = plan_pad(repo_pad, casus)
    tekst = pad.read_text().replace("meldcode: []\n", "") + (
        "meldcode:\n  gestart: 2026-11-18\n  door: Ilse IB\n  stappen:\n"
        "    - stap: 1\n      datum: 2026-11-18\n      door: Ilse IB\n      notitie: plekken\n"
        "      kindcheck: geen\n")
    pad.write_text(tekst)
    subprocess.run(["git", "commit", "-qam", "oud formaat"], cwd=repo_pad, check=True)
    n = jp.json("meldcode", "next", casus)
    assert (n["status"], n["spoor"], n["spoor_id"], n["stap"]) == ("lopend", 1, "m1", 2)
    assert jp.json("check")["ok"]
    jp("meldcode", "stap", casus, "2", "--notitie", "advies", "--met", "collega")
    nieuw = pad.read_text()
    assert "meldcode:\n- id: m1\n" in nieuw or "meldcode:\n  - id: m1\n" in nieuw
    assert jp.json("show", casus)["meldcode"][0]["stappen"][1]["stap"] == 2


def test_meldplicht_personeel_houdt_de_meldcode_niet_tegen(jp: Cli, repo_pad: Path,
                                                         kind) -> None:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "grensoverschrijdend-personeel",
       "--omschrijving", "Vertelt over aanraking door een stagiair")
    melding = weiger(jp, repo_pad, ident, "meldcode", "start", ident,
                     melding="de meldcode start niet")
    assert "--domein veiligheid" in melding and "aangifte" in melding
    n = jp.json("meldcode", "next", ident)
    plicht = n["andere_plicht"]
    assert "vrijwilligers, stagiairs" in plicht["voor_wie"]
    assert [s["wie"] for s in plicht["stappen"]][:2] == [
        "de medewerker die het hoort of ziet", "het schoolbestuur"]
    assert any("aangifte" in s["wat"] for s in plicht["stappen"])
    assert any("ouders van de leerling en de betrokken persoon" in s["wat"]
               for s in plicht["stappen"])
    assert "Wet op het primair onderwijs art. 4a" in plicht["bron"]
    # Een apart vermoeden over thuis volgt gewoon de meldcode.
    jp("signaal", "add", ident, "--domein", "veiligheid", "--omschrijving", "Blauwe plekken")
    route = jp.json("route", ident)
    codes = [v["code"] for v in route["voorwaarden"]]
    assert "meldplicht-personeel" in codes and "meldcode" in codes
    plicht_tekst = next(v for v in route["voorwaarden"] if v["code"] == "meldplicht-personeel")
    assert "aangifte" in plicht_tekst["melding"]
    assert "vervangt de meldcode niet" in plicht_tekst["melding"]
    assert jp.json("meldcode", "next", ident)["opdracht"] == f"jeugdplan meldcode start {ident}"
    jp("meldcode", "start", ident)
    n = jp.json("meldcode", "next", ident)
    assert (n["status"], n["stap"]) == ("lopend", 1)
    assert any("meldplicht" in w for w in n["waarschuwingen"])


def test_chronologie_geweigerd_en_gecontroleerd(jp: Cli, repo_pad: Path, casus: str) -> None:
    ident = casus
    jp("meldcode", "start", ident, "--datum", "2026-11-10")
    jp("meldcode", "stap", ident, "1", "--notitie", "x", "--kindcheck", "geen",
       "--datum", "2026-11-18")
    weiger(jp, repo_pad, ident, "meldcode", "stap", ident, "2", "--notitie", "advies",
           "--met", "collega", "--datum", "2026-11-12",
           melding="stap 2 (collegiale consultatie) vastleggen kan niet op 2026-11-12: dat ligt "
                   "vóór stap 1 (2026-11-18)")
    # Een aanvulling op stap 1 mag wel eerder gedateerd zijn (na de start).
    jp("meldcode", "stap", ident, "1", "--notitie", "eerder gezien", "--datum", "2026-11-11")
    jp("meldcode", "stap", ident, "2", "--notitie", "advies", "--met", "collega",
       "--datum", "2026-11-19")
    jp("meldcode", "stap", ident, "3", "--notitie", "gesprek", "--met", "moeder",
       "--datum", "2026-11-20")
    jp("meldcode", "afweging", ident, "1", "ja", "--datum", "2026-11-21")
    jp("meldcode", "afweging", ident, "2", "ja", "--datum", "2026-11-21")
    weiger(jp, repo_pad, ident, "meldcode", "melding", ident, "--datum", "2026-11-15",
           "--notitie", "gemeld", melding="de melding vastleggen kan niet op 2026-11-15: dat "
                                          "ligt vóór afwegingsvraag 2 (ja) (2026-11-21)")
    # Met de hand bewerkt: stap 2 vóór stap 1. check meldt het, met regelnummer.
    pad = plan_pad(repo_pad, ident)
    pad.write_text(pad.read_text().replace("datum: 2026-11-19", "datum: 2026-11-09"))
    problemen = [p for p in jp.json("check", code=1)["problemen"] if p["code"] == "meldcode-spoor"]
    assert [p["melding"] for p in problemen] == [
        "meldcodespoor m1: stap 2 (2026-11-09) ligt vóór stap 1 (2026-11-18)"]
    assert problemen[0]["ernst"] == "fout" and problemen[0]["regel"]


def _gemeld(jp: Cli, ident: str, *extra: str) -> None:
    tot_afweging(jp, ident)
    jp("meldcode", "afweging", ident, "1", "ja")
    jp("meldcode", "afweging", ident, "2", "ja")
    jp("meldcode", "melding", ident, "--datum", "2026-11-25", "--notitie", "Gemeld",
       "--geinformeerd", "moeder", *extra)


def test_na_de_melding_gaat_de_rol_van_de_school_door(jp: Cli, repo_pad: Path, casus: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ident = casus
    weiger(jp, repo_pad, ident, "meldcode", "terugkoppeling", ident, "--datum", "2026-11-25",
           "--notitie", "x", melding="heeft (nog) geen melding")
    _gemeld(jp, ident, "--hulp", "IB'er houdt wekelijks contact; JMW gaat door")
    spoor = jp.json("show", ident)["meldcode"][0]
    assert spoor["meldingen"][0]["hulp"] == "IB'er houdt wekelijks contact; JMW gaat door"
    # Veilig Thuis koppelt binnen 5 werkdagen terug: woensdag 25-11 -> woensdag 2-12.
    assert spoor["meldingen"][0]["terugkoppeling_verwacht"] == "2026-12-02"
    punt = next(p for p in jp.json("agenda", "--weken", "2")
                if p["soort"] == "meldcode-terugkoppeling")
    assert (punt["id"], punt["datum"]) == (ident, "2026-12-02")
    assert "terugkoppeling van Veilig Thuis" in punt["wat"]
    monkeypatch.setenv("JEUGDPLAN_VANDAAG", "2026-12-04")
    n = jp.json("meldcode", "next", ident)
    assert n["terugkoppeling"] == "2026-12-02"
    assert any("nog niet teruggekoppeld" in w for w in n["waarschuwingen"])
    assert "1 over tijd" in jp.json("list")[0]["aandacht"]
    weiger(jp, repo_pad, ident, "meldcode", "terugkoppeling", ident, "--datum", "2026-11-24",
           "--notitie", "x", melding="ligt vóór de melding (2026-11-25)")
    r = jp("meldcode", "terugkoppeling", ident, "--datum", "2026-12-03", "--notitie",
           "VT start onderzoek; school blijft volgen")
    assert "terugkoppeling van Veilig Thuis vastgelegd (spoor 1)" in r.stderr
    assert not [p for p in jp.json("agenda") if p["soort"] == "meldcode-terugkoppeling"]
    dossier = jp("report", "meldcode", ident).stdout
    assert "VT start onderzoek" in dossier and "Hulp naast de melding" in dossier
    assert jp.json("check")["ok"]


def test_annuleren_met_reden_blijft_in_de_geschiedenis(jp: Cli, repo_pad: Path, casus: str,
                                                       kind) -> None:
    ident = casus
    jp("meldcode", "start", ident)
    assert "--reden mag niet leeg zijn" in jp("meldcode", "annuleer", ident, "--reden", " ",
                                              code=1).stderr
    jp("meldcode", "annuleer", ident, "--reden", "Verkeerde casus gekozen")
    spoor = jp.json("show", ident)["meldcode"][0]
    assert spoor["geannuleerd"]["reden"] == "Verkeerde casus gekozen"
    n = jp.json("meldcode", "next", ident)
    assert n["status"] == "geannuleerd"
    # Het signaal over veiligheid is niet behandeld: een nieuw spoor kan.
    assert n["opdracht"] == f"jeugdplan meldcode start {ident}"
    assert jp.json("meldcode", "status") == []
    assert "Geannuleerd" in jp("report", "meldcode", ident).stdout
    assert any("geannuleerd" in regel for regel in git_log(repo_pad)[:1])
    weiger(jp, repo_pad, ident, "meldcode", "annuleer", ident, "--reden", "x",
           melding="is al geannuleerd")
    ander = kind(voornaam="Bram", geboortedatum="2015-01-01")
    jp("signaal", "add", ander, "--domein", "veiligheid", "--omschrijving", "plekken")
    _sluit_met_nee(jp, ander)
    weiger(jp, repo_pad, ander, "meldcode", "annuleer", ander, "--reden", "x",
           melding="een afgerond spoor wordt niet geannuleerd")


def test_meldcode_en_plan_praten_met_elkaar(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "psychosociaal", "--datum", "2026-11-17",
       "--omschrijving", "Somber in de klas")
    jp("signaal", "add", ident, "--domein", "veiligheid", "--datum", "2026-11-18",
       "--omschrijving", "Blauwe plekken")
    assert "ouders nog niet geïnformeerd" in jp.json("list")[0]["aandacht"]
    tot_afweging(jp, ident)  # stap 3: gesprek met moeder op 2026-11-20
    assert "ouders nog niet geïnformeerd" not in jp.json("list")[0]["aandacht"]
    assert "2026-11-20 door Ilse IB (meldcode stap 3)" in jp("show", ident).stdout
    route = jp.json("route", ident)
    assert "ouders-informeren" not in [v["code"] for v in route["voorwaarden"]]
    jp("meldcode", "afweging", ident, "1", "ja")
    jp("meldcode", "afweging", ident, "2", "ja")
    jp("meldcode", "melding", ident, "--datum", "2026-11-25", "--notitie", "Gemeld",
       "--geinformeerd", "moeder")
    route = jp.json("route", ident)
    assert "meldcode" not in [v["code"] for v in route["voorwaarden"]]
    vt = next(a for a in route["adviezen"] if a["rol"] == "veilig-thuis")
    assert vt["al_betrokken"] is True
    assert vt["reden"].startswith("Gemeld bij Veilig Thuis op 2026-11-25 (meldcode spoor 1)")
    assert "stap 2" not in vt["reden"]
    weiger(jp, repo_pad, ident, "route", ident, "--apply", str(vt["nr"]),
           melding="is al betrokken (melding op 2026-11-25 (meldcode spoor 1)); er komt geen "
                   "tweede verwijzing")
    # Een melding met 'niet geïnformeerd' telt niet als gesprek met de ouders.
    ander = kind(voornaam="Bram", geboortedatum="2015-01-01")
    jp("signaal", "add", ander, "--domein", "veiligheid", "--omschrijving", "plekken",
       "--datum", "2026-11-18")
    jp("meldcode", "start", ander, "--datum", "2026-11-18")
    jp("meldcode", "stap", ander, "1", "--notitie", "x", "--kindcheck", "geen",
       "--datum", "2026-11-18")
    jp("meldcode", "stap", ander, "2", "--notitie", "x", "--met", "collega", "--datum",
       "2026-11-19")
    jp("meldcode", "overslaan", ander, "3", "--grond", "veiligheid", "--reden",
       "vader dreigt kind te slaan als zij het vertelt")
    jp("meldcode", "afweging", ander, "1", "ja")
    jp("meldcode", "afweging", ander, "2", "ja")
    jp("meldcode", "melding", ander, "--datum", "2026-11-25", "--notitie", "Gemeld",
       "--geinformeerd", "niet: vader dreigt")
    regel = next(r for r in jp.json("list") if r["id"] == ander)
    assert "ouders nog niet geïnformeerd" in regel["aandacht"]
