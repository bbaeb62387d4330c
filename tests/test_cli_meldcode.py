"""`jeugdplan meldcode ...` en `jeugdplan report meldcode` via de echte opdrachtregel.

Elke geaccepteerde handeling is één commit met de git-identiteit als auteur; een geweigerde
handeling stopt met 1, een Nederlandse melding, en laat plan.yaml en de git-log ongemoeid.
Gouden bestanden: `JEUGDPLAN_GOLDEN_BIJWERKEN=1 python -m pytest tests/test_cli_meldcode.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Cli, git_log

TESTDATA = Path(__file__).parent / "testdata"


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
        "de termijn voor afwegingsvraag 5 (2026-12-20) is 16 dag(en) verstreken: beantwoord "
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
