"""Rapportages uit sjablonen: golden files voor elk rapport in elk formaat, de Jinja-omgeving
(eigen sjablonen, foutmeldingen met bestand en regel) en de HTML in een echte browser.

Golden files staan in `tests/testdata/rapporten/`; opnieuw maken met
`JEUGDPLAN_GOLDEN_BIJWERKEN=1 python -m pytest tests/rapporten/test_rapporten.py`.
De fixture-plannen hebben vaste ids en worden direct als plan.yaml geschreven, zodat er geen
willekeurige ids of datums in de golden files terechtkomen.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from jeugdplan.domein.model import Plan
from tests.conftest import Cli

GOLDEN = Path(__file__).parents[1] / "testdata" / "rapporten"
BIJWERKEN = os.environ.get("JEUGDPLAN_GOLDEN_BIJWERKEN") == "1"
D = date.fromisoformat


def _kind(voornaam: str, geboren: str, gemeente: str, school: str, soort: str) -> dict[str, Any]:
    return {"voornaam": voornaam, "achternaam": "Fictief", "geboortedatum": D(geboren),
            "gemeente": gemeente, "school": school, "onderwijssoort": soort}


def fixture_plannen() -> list[dict[str, Any]]:
    """Acht fictieve plannen die samen elke categorie en elke indicator raken."""
    return [
        {   # Het volledige plan (plandocument); 16 dagen afwezig: dreigend.
            "id": "2026-AAAA01", "status": "actief", "aangemeld": D("2026-09-02"),
            "actief_sinds": D("2026-09-02"),
            "regie": {"naam": "Jan Smit", "organisatie": "Socius", "rol": "jmw",
                      "sinds": D("2026-09-10")},
            "kind": {**_kind("Sanne", "2016-04-03", "Velsen", "De Windroos", "po"), "groep": 5},
            "gezin": [{"naam": "Petra Fictief", "relatie": "moeder", "gezag": True},
                      {"naam": "Kees Fictief", "relatie": "vader", "gezag": True}],
            "signalen": [
                {"id": "s1", "datum": D("2026-09-02"), "bron": "leerkracht",
                 "domein": "sociaal-emotioneel", "zwaarte": "licht",
                 "omschrijving": "Trekt zich terug in de klas | eet slecht <b>niet vet</b>",
                 "interpretatie": "Mogelijk gepest (duiding, niet voor het plandocument)"},
                {"id": "s2", "datum": D("2026-10-12"), "bron": "ouder", "domein": "thuis",
                 "zwaarte": "complex", "omschrijving": "Slaapt slecht sinds de verhuizing"},
            ],
            "ouders_geinformeerd": [{"datum": D("2026-09-04"), "door": "Ilse IB"}],
            "toestemmingen": [
                {"partij": "Socius", "doel": "JMW op school", "datum": D("2026-09-04"),
                 "gegeven_door": ["Petra Fictief", "Kees Fictief"]},
                {"partij": "CJG IJmond", "datum": D("2026-09-20"), "gegeven_door": ["Petra Fictief"],
                 "ingetrokken": D("2026-10-30")},
            ],
            "betrokkenen": [
                {"rol": "ib", "naam": "Ilse IB", "organisatie": "De Windroos",
                 "contact": "ib@windroos.example"},
                {"rol": "jmw", "naam": "Jan Smit", "organisatie": "Socius",
                 "sinds": D("2026-09-10")},
            ],
            "krachten": ["Tekent graag en goed", "Zorgzaam voor haar broertje"],
            "zorgen": ["Weinig contact met klasgenoten"],
            "netwerk": [{"naam": "Oma Riet", "relatie": "grootmoeder",
                         "steun": "haalt Sanne op woensdag op"}],
            "ondersteuning": {"niveau": "extra", "opp": {
                "uitstroombestemming": "vmbo-kader",
                "onderbouwing": {"bevorderend": ["motivatie"], "belemmerend": ["faalangst"]},
                "vastgesteld": D("2026-10-01"), "evaluatiedatum": D("2026-11-01")}},
            "doelen": [
                {"id": "d1", "omschrijving": "Sanne speelt in de pauze met klasgenoten",
                 "eigenaar": "Jan Smit", "evaluatiedatum": D("2026-11-15"), "status": "lopend"},
                {"id": "d2", "omschrijving": "Rustig slapen", "eigenaar": "Petra Fictief",
                 "evaluatiedatum": D("2027-01-15"), "status": "lopend"},
            ],
            "acties": [
                {"id": "a1", "omschrijving": "Kennismaking JMW", "eigenaar": "Jan Smit",
                 "deadline": D("2026-09-20"), "gedaan": D("2026-09-18")},
                {"id": "a2", "omschrijving": "Gesprek met de huisarts", "eigenaar": "Petra Fictief",
                 "deadline": D("2026-11-01")},
            ],
            "jeugdhulp": [{"vorm": "JMW op school", "aanbieder": "Socius",
                           "start": D("2026-09-15")}],
            "verwijzingen": [{"id": "v1", "rol": "cjg-coach", "organisatie": "CJG IJmond",
                              "datum": D("2026-11-20"), "status": "aangevraagd"}],
            "verzuim": {"afwezigheden": [{"van": D("2026-11-10")}]},
            "zienswijze": {"ouders": "We herkennen het; thuis is ze ook stil."},
            "meldcode": {"gestart": D("2026-11-01"), "door": "Ilse IB"},
            "journaal": [{"datum": D("2026-09-03"), "auteur": "Ilse IB",
                          "tekst": "Interne werkaantekening"}],
        },
        {   # Relatief verzuim 4 weken - 3 maanden, zonder aanbod.
            "id": "2026-AAAA02", "status": "actief", "aangemeld": D("2026-10-05"),
            "kind": _kind("Milan", "2012-02-01", "Beverwijk", "Het Lyceum", "vo"),
            "signalen": [{"id": "s1", "datum": D("2026-10-05"), "bron": "leerplicht",
                          "domein": "verzuim", "omschrijving": "Vier weken niet op school"}],
            "verzuim": {"afwezigheden": [{"van": D("2026-10-01")}]},
        },
        {   # Relatief verzuim langer dan 3 maanden, met aanbod en specialistische hulp.
            "id": "2026-AAAA03", "status": "actief", "aangemeld": D("2026-05-20"),
            "kind": _kind("Noor", "2011-06-15", "Heemskerk", "Het Lyceum", "vo"),
            "signalen": [{"id": "s1", "datum": D("2026-05-20"), "bron": "ib",
                          "domein": "gezondheid", "zwaarte": "specialistisch",
                          "omschrijving": "Angstklachten"}],
            "jeugdhulp": [{"vorm": "GGZ-behandeling", "aanbieder": "GGZ-aanbieder",
                           "verwijzer": "huisarts", "start": D("2026-07-01")}],
            "verzuim": {"afwezigheden": [{"van": D("2026-06-01")}],
                        "aanbod": [{"van": D("2026-09-01"),
                                    "omschrijving": "Zorgboerderij, geheim-aanbod-XQ"}]},
        },
        {   # Absoluut verzuim: uitgeschreven.
            "id": "2026-AAAA04", "status": "actief", "aangemeld": D("2026-08-25"),
            "kind": _kind("Daan", "2013-09-09", "Velsen", "De Brug", "so"),
            "verzuim": {"inschrijvingen": [{"tot": D("2026-09-01"), "school": "De Brug"}]},
        },
        {   # Vrijstelling art. 5a.
            "id": "2026-AAAA05", "status": "actief", "aangemeld": D("2026-07-01"),
            "kind": _kind("Eva", "2014-01-20", "Velsen", "De Brug", "vso"),
            "verzuim": {"vrijstellingen": [{"van": D("2026-08-01"), "artikel": "5a"}]},
        },
        {   # 18 jaar: telt niet mee, ook al is er verzuim.
            "id": "2026-AAAA06", "status": "actief", "aangemeld": D("2026-03-01"),
            "kind": _kind("Bram", "2008-05-05", "Velsen", "Het Lyceum", "vo"),
            "verzuim": {"afwezigheden": [{"van": D("2026-01-10")}]},
        },
        {   # Kwalificatieplichtig, langer dan 3 maanden afwezig.
            "id": "2026-AAAA07", "status": "actief", "aangemeld": D("2026-08-20"),
            "kind": _kind("Lisa", "2009-10-10", "Beverwijk", "Nova College", "mbo"),
            "signalen": [{"id": "s1", "datum": D("2026-08-20"), "bron": "leerplicht",
                          "domein": "verzuim", "omschrijving": "Komt niet meer"}],
            "verwijzingen": [{"id": "v1", "rol": "cjg-coach", "organisatie": "CJG IJmond",
                              "datum": D("2026-09-10"), "status": "gestart"}],
            "verzuim": {"afwezigheden": [{"van": D("2026-08-15")}]},
        },
        {   # Afgesloten casus: telt nu niet, wel in het eerste kwartaal; meldcode afgerond.
            "id": "2026-AAAA08", "status": "afgesloten", "aangemeld": D("2026-01-15"),
            "afgesloten": D("2026-06-30"), "reden_afsluiting": "Doelen behaald",
            "kind": _kind("Tim", "2015-03-03", "Velsen", "De Windroos", "po"),
            "signalen": [{"id": "s1", "datum": D("2026-01-15"), "bron": "leerkracht",
                          "domein": "veiligheid", "omschrijving": "Blauwe plekken"}],
            "jeugdhulp": [{"vorm": "Opvoedondersteuning", "aanbieder": "CJG IJmond",
                           "start": D("2026-02-20"), "einde": D("2026-06-15")}],
            "verzuim": {"afwezigheden": [{"van": D("2026-02-01"), "tot": D("2026-04-20")}]},
            "meldcode": {"gestart": D("2026-01-16"), "door": "Ilse IB", "besluit": "hulp",
                         "afgerond": D("2026-03-02")},
        },
    ]


def schrijf_plannen(root: Path, plannen: list[dict[str, Any]] | None = None) -> None:
    for data in plannen if plannen is not None else fixture_plannen():
        Plan.model_validate(data)  # een fout in de fixture valt hier op, niet stil weg
        pad = root / "casussen" / data["id"] / "plan.yaml"
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(yaml.safe_dump({"schema": 1, **data}, sort_keys=False,
                                      allow_unicode=True), encoding="utf-8")


@pytest.fixture
def rapportrepo(jp: Cli, repo_pad: Path) -> Cli:
    schrijf_plannen(repo_pad)
    # De afzender van rapporten voor gemeente en Inspectie.
    jp("instellingen", "--organisatie", "Samenwerkingsverband IJmond (fictief)", "--contact",
       "0251 123 456, info@swv.example")
    return jp


def vergelijk(naam: str, tekst: str) -> None:
    if naam.endswith(".json"):  # in een pipe is JSON compact; de golden file blijft leesbaar
        tekst = json.dumps(json.loads(tekst), ensure_ascii=False, indent=2) + "\n"
    pad = GOLDEN / naam
    if BIJWERKEN or not pad.exists():
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(tekst, encoding="utf-8")
        if not BIJWERKEN:
            pytest.fail(f"golden file {naam} aangemaakt; controleer hem en draai opnieuw")
    assert tekst == pad.read_text(encoding="utf-8"), (
        f"{naam} wijkt af van de golden file; bewust? JEUGDPLAN_GOLDEN_BIJWERKEN=1")


RAPPORTEN = [
    ("thuiszitters.md", ["report", "thuiszitters"]),
    ("thuiszitters.html", ["report", "thuiszitters", "--format", "html"]),
    ("thuiszitters.csv", ["report", "thuiszitters", "--format", "csv"]),
    ("thuiszitters.json", ["report", "thuiszitters", "--format", "json"]),
    ("thuiszitters-per-school.md", ["report", "thuiszitters", "--per", "school"]),
    ("thuiszitters-per-school.csv", ["report", "thuiszitters", "--per", "school", "--format", "csv"]),
    ("thuiszitters-per-gemeente.json", ["report", "thuiszitters", "--per", "gemeente",
                                        "--format", "json"]),
    ("thuiszitters-2026-03-31.json", ["report", "thuiszitters", "--peildatum", "2026-03-31",
                                      "--format", "json"]),
    ("thuiszitters-met-namen.csv", ["report", "thuiszitters", "--met-namen", "--format", "csv"]),
    ("thuiszitters-per-leerling.md", ["report", "thuiszitters", "--per-leerling"]),
    ("thuiszitters-per-leerling.html", ["report", "thuiszitters", "--per-leerling",
                                        "--format", "html"]),
    ("thuiszitters-per-leerling.json", ["report", "thuiszitters", "--per-leerling",
                                        "--format", "json"]),
    ("plan.md", ["report", "plan", "2026-AAAA01"]),
    ("plan.html", ["report", "plan", "2026-AAAA01", "--format", "html"]),
    ("plan-leeg.md", ["report", "plan", "2026-AAAA04"]),
    ("kwaliteit.md", ["report", "kwaliteit", "--van", "2026-01-01", "--tot", "2026-11-25"]),
    ("kwaliteit.html", ["report", "kwaliteit", "--van", "2026-01-01", "--tot", "2026-11-25",
                        "--format", "html"]),
    ("kwaliteit.json", ["report", "kwaliteit", "--van", "2026-01-01", "--tot", "2026-11-25",
                        "--format", "json"]),
    ("kwaliteit-per-school.md", ["report", "kwaliteit", "--van", "2026-01-01", "--tot",
                                 "2026-11-25", "--per", "school"]),
    ("kwaliteit-per-gemeente.json", ["report", "kwaliteit", "--per", "gemeente", "--format",
                                     "json"]),
]


@pytest.mark.parametrize(("naam", "args"), RAPPORTEN, ids=[r[0] for r in RAPPORTEN])
def test_golden(rapportrepo: Cli, naam: str, args: list[str]) -> None:
    vergelijk(naam, rapportrepo(*args).stdout)


# --- privacy --------------------------------------------------------------------------------

NAMEN = ("Sanne", "Milan", "Noor", "Daan", "Eva", "Bram", "Lisa", "Tim", "Fictief")


@pytest.mark.parametrize("formaat", ["md", "html", "csv", "json"])
def test_thuiszitters_zonder_persoonsgegevens(rapportrepo: Cli, formaat: str) -> None:
    uit = rapportrepo("report", "thuiszitters", "--format", formaat).stdout
    for naam in NAMEN:
        assert naam not in uit
    for geboren in ("2016-04-03", "2012-02-01", "2011-06-15", "2013-09-09", "2009-10-10"):
        assert geboren not in uit
    assert "Zorgboerderij" not in uit and "geheim-aanbod-XQ" not in uit
    assert "Vier weken" not in uit


@pytest.mark.parametrize("per", [[], ["--per", "school"], ["--per", "gemeente"]])
@pytest.mark.parametrize("formaat", ["md", "html", "csv", "json"])
def test_thuiszitters_naar_buiten_noemt_niemand(rapportrepo: Cli, formaat: str,
                                                per: list[str]) -> None:
    """Standaard (voor de Inspectie en de gemeente): geen casus-ids, geen gronden van
    vrijstellingen (art. 5 onder a is een gezondheidsgrond), geen rijen per leerling."""
    uit = rapportrepo("report", "thuiszitters", "--format", formaat, *per).stdout
    for verboden in ("2026-AAAA", "art. 5 onder", "lpw_", "vrijstelling_artikel", "2026-06-01",
                     "INTERN", "intern,"):
        assert verboden not in uit
    if formaat == "json":
        data = json.loads(uit)
        assert data["intern"] is False and "leerlingen" not in data


@pytest.mark.parametrize("formaat", ["md", "html", "csv", "json"])
def test_thuiszitters_per_leerling_is_overal_intern(rapportrepo: Cli, formaat: str) -> None:
    uit = rapportrepo("report", "thuiszitters", "--per-leerling", "--format", formaat).stdout
    assert "2026-AAAA04" in uit
    if formaat == "json":
        data = json.loads(uit)
        assert data["intern"] is True and len(data["leerlingen"]) == 5
        assert data["leerlingen"][-1]["artikel"] == "lpw_5_onder_a"
    elif formaat == "csv":
        regels = uit.splitlines()
        assert regels[0].startswith("gebruik,") and all(r.startswith("intern,")
                                                        for r in regels[1:])
        assert "art. 5 onder a" in uit
    else:
        assert "INTERN" in uit and "art. 5 onder a" in uit


def test_thuiszitters_per_school_aftrekken_geeft_niemand_terug(rapportrepo: Cli) -> None:
    """De aanval uit het issue: het totaal min de getoonde groepen."""
    data = json.loads(rapportrepo("report", "thuiszitters", "--per", "school", "--format",
                                  "json").stdout)
    for categorie, totaal in data["totalen"].items():
        cellen = [g["totalen"][categorie] for g in data["groepen"]]
        verborgen = [c for c in cellen if c is None]
        getoond = [c for c in cellen if c is not None]
        assert all(c == 0 or c >= data["drempel"] for c in getoond)
        assert len(verborgen) != 1, (categorie, totaal - sum(getoond))


@pytest.mark.parametrize("formaat", ["md", "html", "json"])
def test_kwaliteit_zonder_persoonsgegevens(rapportrepo: Cli, formaat: str) -> None:
    uit = rapportrepo("report", "kwaliteit", "--format", formaat, "--per", "school").stdout
    for naam in (*NAMEN, "2026-AAAA"):
        assert naam not in uit


def test_plandocument_zonder_meldcode_journaal_en_duiding(rapportrepo: Cli) -> None:
    for formaat in ("md", "html"):
        uit = rapportrepo("report", "plan", "2026-AAAA01", "--format", formaat).stdout
        assert "Sanne" in uit
        assert "Interne werkaantekening" not in uit
        assert "duiding" not in uit and "meldcode" not in uit.lower()


def test_html_escapet_vrije_tekst(rapportrepo: Cli) -> None:
    uit = rapportrepo("report", "plan", "2026-AAAA01", "--format", "html").stdout
    assert "&lt;b&gt;niet vet&lt;/b&gt;" in uit and "<b>niet vet" not in uit


def test_markdown_tabel_blijft_heel(rapportrepo: Cli) -> None:
    uit = rapportrepo("report", "plan", "2026-AAAA01").stdout
    assert "Trekt zich terug in de klas \\| eet slecht" in uit


# --- sjablonen: eigen map, fouten ------------------------------------------------------------

def test_eigen_sjabloon_gaat_voor(rapportrepo: Cli, repo_pad: Path) -> None:
    (repo_pad / "templates").mkdir()
    (repo_pad / "templates" / "thuiszitters.md.j2").write_text(
        "Eigen rapport: {{ thuiszitters }} thuiszitters op {{ peildatum }}\n", encoding="utf-8")
    assert rapportrepo("report", "thuiszitters").stdout == \
        "Eigen rapport: 4 thuiszitters op 2026-11-25\n"
    # Andere formaten blijven de meegeleverde sjablonen gebruiken.
    assert rapportrepo("report", "thuiszitters", "--format", "html").stdout.startswith(
        "<!DOCTYPE html>")


def test_eigen_sjabloon_krijgt_naar_buiten_geen_leerlingen(rapportrepo: Cli,
                                                           repo_pad: Path) -> None:
    """Een eigen (ouder) sjabloon dat de leerlingen toont, brengt ze standaard niet naar buiten."""
    (repo_pad / "templates").mkdir()
    (repo_pad / "templates" / "thuiszitters.md.j2").write_text(
        "{% for r in leerlingen + dreigend %}{{ r.id }} {{ r.artikel }}\n{% endfor %}"
        "{{ thuiszitters }} {{ aantal_dreigend }}\n", encoding="utf-8")
    assert rapportrepo("report", "thuiszitters").stdout == "4 1\n"
    intern = rapportrepo("report", "thuiszitters", "--per-leerling").stdout
    assert "2026-AAAA05 lpw_5_onder_a" in intern


def test_eigen_sjabloon_kan_basis_uitbreiden(rapportrepo: Cli, repo_pad: Path) -> None:
    (repo_pad / "templates").mkdir()
    (repo_pad / "templates" / "plan.html.j2").write_text(
        '{% extends "basis.html.j2" %}{% block inhoud %}<p>Eigen {{ kind.voornaam }}</p>'
        "{% endblock %}", encoding="utf-8")
    uit = rapportrepo("report", "plan", "2026-AAAA01", "--format", "html").stdout
    assert "<p>Eigen Sanne</p>" in uit and "@page" in uit


@pytest.mark.parametrize(("inhoud", "regel", "melding"), [
    ("regel 1\nregel 2\n{{ onbekend_veld }}\n", 3, "onbekende variabele ('onbekend_veld' is undefined)"),
    ("regel 1\n{% if %}\n", 2, "Expected an expression"),
    ("a\nb\nc\n{{ peildatum + 1 }}\n", 4, "TypeError"),
    # Sandbox: geen toegang tot Python-internals vanuit een (gedeeld) eigen sjabloon.
    ("a\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", 2, "SecurityError"),
])
def test_sjabloonfout_noemt_bestand_en_regel(rapportrepo: Cli, repo_pad: Path, inhoud: str,
                                             regel: int, melding: str) -> None:
    (repo_pad / "templates").mkdir()
    sjabloon = repo_pad / "templates" / "thuiszitters.md.j2"
    sjabloon.write_text(inhoud, encoding="utf-8")
    r = rapportrepo("report", "thuiszitters", code=1)
    assert f"thuiszitters.md.j2:{regel}" in r.stderr
    assert melding in r.stderr
    assert r.stderr.startswith("fout: sjabloonfout in ")
    assert "Traceback" not in r.stderr and r.stdout == ""


# --- HTML: op zichzelf staand, A4, in een echte browser --------------------------------------

HTML_RAPPORTEN = [naam for naam, _ in RAPPORTEN if naam.endswith(".html")]


@pytest.mark.parametrize("naam", HTML_RAPPORTEN)
def test_html_op_zichzelf_staand(rapportrepo: Cli, naam: str) -> None:
    args = dict(RAPPORTEN)[naam]
    uit = rapportrepo(*args).stdout
    assert "@page { size: A4" in uit
    assert "<script" not in uit.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", uit)
    assert "@import" not in uit and "url(" not in uit
    # Alleen de SVG-namespace mag een URL bevatten (geen netwerkverzoek).
    assert set(re.findall(r"https?://[^\s\"'<>]+", uit)) <= {"http://www.w3.org/2000/svg"}


CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                         else None)


@pytest.mark.skipif(CHROMIUM is None, reason="geen chromium geïnstalleerd")
@pytest.mark.parametrize("naam", HTML_RAPPORTEN)
def test_html_in_headless_chromium(rapportrepo: Cli, tmp_path: Path, naam: str) -> None:
    args = dict(RAPPORTEN)[naam]
    html = tmp_path / naam
    html.write_text(rapportrepo(*args).stdout, encoding="utf-8")
    schermafdruk = tmp_path / "schermafdruk.png"
    profiel = tmp_path / "profiel"
    try:
        r = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profiel}", "--enable-logging=stderr", "--v=0",
             "--window-size=794,1123", f"--screenshot={schermafdruk}", html.as_uri()],
            capture_output=True, text=True, timeout=90,
            env={**os.environ, "HOME": str(tmp_path)},
        )
    except (OSError, subprocess.TimeoutExpired) as e:  # pragma: no cover - omgeving
        pytest.skip(f"chromium start niet: {e}")
    assert schermafdruk.exists() and schermafdruk.stat().st_size > 5000, r.stderr[-2000:]
    # Chromium logt console-meldingen als ":CONSOLE(" of ":CONSOLE:"; er mogen er geen zijn.
    console = [regel for regel in r.stderr.splitlines() if ":CONSOLE" in regel]
    assert console == [], console
    assert "net::ERR_" not in r.stderr
    # Afdrukken: @page A4 geeft een PDF met A4-pagina's (595 x 842 punten).
    pdf = tmp_path / "afdruk.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profiel}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, timeout=90, env={**os.environ, "HOME": str(tmp_path)},
    )
    formaten = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert formaten, "geen pagina's in de PDF"
    assert all(abs(float(b) - 595) < 2 and abs(float(h) - 842) < 2 for b, h in formaten)
