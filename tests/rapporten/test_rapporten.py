"""Rapportages uit sjablonen: golden files voor elk rapport in elk formaat, de Jinja-omgeving
(eigen sjablonen, foutmeldingen met bestand en regel) en de HTML in een echte browser.

Golden files staan in `tests/testdata/rapporten/`; opnieuw maken met
`JEUGDPLAN_GOLDEN_BIJWERKEN=1 python -m pytest tests/rapporten/test_rapporten.py`.
De fixture-plannen (`tests/voorbeelden.py`) hebben vaste ids en worden direct als plan.yaml
geschreven, zodat er geen willekeurige ids of datums in de golden files terechtkomen.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.voorbeelden import schrijf_plannen

GOLDEN = Path(__file__).parents[1] / "testdata" / "rapporten"
BIJWERKEN = os.environ.get("JEUGDPLAN_GOLDEN_BIJWERKEN") == "1"


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
