"""Documenten die mensen krijgen: de inzage-export leest als het plandocument, rapporten voor
gemeente en Inspectie hebben een afzender en breken ids en datums niet af, het OPP staat in
het plandocument, en JSON in een pipe is compact (zoals bij elke andere opdracht)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Cli


def test_instellingen_tonen_en_wijzigen(jp: Cli, repo_pad: Path) -> None:
    assert "organisatie: (niet ingesteld)" in jp("instellingen").stdout
    jp("instellingen", "--organisatie", "SWV IJmond", "--contact", "info@swv.example")
    uit = jp("instellingen").stdout
    assert "organisatie: SWV IJmond" in uit and "contact:     info@swv.example" in uit
    assert "al zo" in jp("instellingen", "--organisatie", "SWV IJmond", code=1).stderr
    jp("instellingen", "--contact", "")
    assert "contact:     (niet ingesteld)" in jp("instellingen").stdout
    tekst = (repo_pad / "jeugdplan.yaml").read_text(encoding="utf-8")
    assert tekst.startswith("# Instellingen van deze casusrepository")  # opmerkingen blijven


def test_rapport_met_afzender(jp: Cli, kind: Callable[..., str]) -> None:
    kind()
    r = jp("report", "thuiszitters")
    assert "let op: het rapport heeft geen afzender" in r.stderr
    assert r.stdout.startswith("Van: afzender niet ingesteld, 25 november 2026")
    jp("instellingen", "--organisatie", "SWV IJmond", "--contact", "0251 123 456")
    r = jp("report", "thuiszitters")
    assert r.stdout.startswith("Van: SWV IJmond (0251 123 456), 25 november 2026\n")
    assert r.stderr == ""
    html = jp("report", "kwaliteit", "--format", "html").stdout
    assert '<div class="afzender"><strong>SWV IJmond</strong><br>0251 123 456<br>' in html
    assert "td.id, td.datum" in html  # ids en datums breken niet af


def test_json_in_een_pipe_is_compact(jp: Cli, kind: Callable[..., str]) -> None:
    ident = kind()
    for args in (["report", "thuiszitters", "--format", "json"], ["export", ident, "--aanvrager", "ouder"]):
        uit = jp(*args).stdout
        assert uit.count("\n") == 1, args  # één regel
        json.loads(uit)


def test_inzage_export_leest_als_een_document(jp: Cli, kind: Callable[..., str]) -> None:
    ident = kind()
    jp("ouders", "informeer", ident, "--notitie", "Moeder herkent het")
    jp("gezin", "add", ident, "--naam", "Petra de Vries", "--relatie", "moeder")
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Slaat")
    html = jp("export", ident, "--aanvrager", "ouder", "--format", "html").stdout
    assert "<h1>Inzage in het plan van Sanne de Vries</h1>" in html
    assert "Gedrag en omgang in de school" in html and ">gedrag<" not in html  # code -> tekst
    assert "<h2>Over Sanne</h2>" in html and "<h2>Ouders en verzorgers</h2>" in html
    assert "<h2>Gesprekken met de ouders over de zorgen</h2>" in html
    assert "geboren op</dt><dd><span class=\"datum\">3 april 2016</span>" in html
    inhoud = html.split("<section class=\"bijlage\">")[0]  # zonder het bestand zelf
    for technisch in ("Schema", ">Id<", "niet dezelfde als", "(geen)", "geinformeerd",
                      "ouders_geinformeerd"):
        assert technisch not in inhoud, technisch
    assert "het hele plan (nieuw)" in html


def test_inzage_export_naar_html_bestand_is_html(jp: Cli, kind: Callable[..., str],
                                                 tmp_path: Path) -> None:
    """Wie `--out inzage.html` schrijft, krijgt het document (geen JSON in een .html-bestand);
    `--format` blijft winnen."""
    ident = kind()
    jp("export", ident, "--aanvrager", "ouder", "--out", str(tmp_path / "inzage.html"))
    assert (tmp_path / "inzage.html").read_text(encoding="utf-8").lstrip().startswith("<!")
    jp("export", ident, "--aanvrager", "ouder", "--out", str(tmp_path / "inzage.json"))
    assert (tmp_path / "inzage.json").read_text(encoding="utf-8").startswith("{")
    jp("export", ident, "--aanvrager", "ouder", "--format", "json",
       "--out", str(tmp_path / "ook.html"))
    assert (tmp_path / "ook.html").read_text(encoding="utf-8").startswith("{")


def test_opp_in_het_plandocument(jp: Cli, kind: Callable[..., str]) -> None:
    ident = kind(onderwijssoort="sbo", groep="6")
    jp("opp", "vaststellen", ident, "--uitstroom", "vmbo-kb", "--begeleiding", "RT lezen",
       "--inbreng", "Wil in een kleine groep")
    md = jp("report", "plan", ident).stdout
    assert "### Het ontwikkelingsperspectief (OPP)" in md
    assert "- **Verwachte uitstroom:** Vmbo kaderberoepsgerichte leerweg" in md
    assert "- **Wat Sanne zelf inbracht:** Wil in een kleine groep" in md
    assert "Wij stemmen in met de extra begeleiding hierboven." in md
    jp("opp", "instemming", ident)
    md = jp("report", "plan", ident).stdout
    assert "U stemde op 25 november 2026 in met de extra begeleiding." in md
    html = jp("report", "plan", ident, "--format", "html").stdout
    assert "<th>Extra begeleiding op school</th><td>RT lezen</td>" in html
