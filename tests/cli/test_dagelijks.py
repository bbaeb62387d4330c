"""Dagelijks gebruik: de agenda als iCalendar, "mijn casussen", twee plannen voor hetzelfde
kind samenvoegen, en onwaarschijnlijke invoer die geweigerd wordt (niets geschreven)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Cli, git_log

# --- onwaarschijnlijke invoer ----------------------------------------------------------------


def _new(jp: Cli, *extra: str, code: int = 0, **velden: str):  # type: ignore[no-untyped-def]
    standaard = {"voornaam": "A", "achternaam": "B", "geboortedatum": "2016-04-03",
                 "gemeente": "Velsen", "school": "X", "onderwijssoort": "po"}
    args = [a for k, v in {**standaard, **velden}.items() for a in (f"--{k}", v)]
    return jp("new", *args, *extra, code=code)


@pytest.mark.parametrize(("velden", "extra", "melding"), [
    ({"gemeente": "Amsterdam"}, (), "--gemeente: 'Amsterdam' hoort niet bij regio IJmond "
     "(Velsen, Beverwijk, Heemskerk, Castricum, Uitgeest)"),
    ({"onderwijssoort": "vo"}, ("--groep", "5"), "--groep past niet bij onderwijssoort vo: "
     "daar telt men in leerjaren (--leerjaar)"),
    ({}, ("--leerjaar", "2"), "--leerjaar past niet bij onderwijssoort po"),
    ({"onderwijssoort": "vo", "geboortedatum": "2024-06-01"}, ("--leerjaar", "1"),
     "een kind van 2 jaar (geboren 2024-06-01) in onderwijssoort vo is niet aannemelijk"),
])
def test_new_weigert_onwaarschijnlijke_invoer(jp: Cli, repo_pad: Path, velden: dict[str, str],
                                              extra: tuple[str, ...], melding: str) -> None:
    r = _new(jp, *extra, code=1, **velden)
    assert f"fout: {melding}" in r.stderr
    assert not list((repo_pad / "casussen").glob("*/plan.yaml"))


def test_new_buiten_regio_en_toch(jp: Cli) -> None:
    r = _new(jp, "--buiten-regio", gemeente="Haarlem")
    assert jp.json("show", r.stdout.strip())["kind"]["gemeente"] == "Haarlem"
    r = _new(jp, gemeente="velsen", voornaam="Karel", achternaam="Appel")  # zoals de regio
    assert jp.json("show", r.stdout.strip())["kind"]["gemeente"] == "Velsen"
    _new(jp, "--leerjaar", "1", "--toch", onderwijssoort="vo", geboortedatum="2024-06-01",
         voornaam="Dirk", achternaam="Dekker")


def test_list_status_bogus_is_een_fout(jp: Cli) -> None:
    r = jp("list", "--status", "bogus", code=2)
    assert "fout: --status: onbekende waarde 'bogus'; kies uit: aangemeld, actief, afgesloten" \
        in r.stderr


def test_startkwalificatie_terwijl_uitgeschreven(jp: Cli, kind: Callable[..., str]) -> None:
    ident = kind(onderwijssoort="mbo", leerjaar="2", geboortedatum="2009-03-01")
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-10-01")
    r = jp("verzuim", "startkwalificatie", ident, "--datum", "2026-11-01", code=1)
    assert "op 2026-11-01 stond het kind op geen school ingeschreven" in r.stderr
    jp("verzuim", "startkwalificatie", ident, "--datum", "2026-09-30")  # vóór de uitschrijving
    jp("verzuim", "verwijder", ident, "startkwalificatie", "--reden", "verkeerde datum")
    jp("verzuim", "startkwalificatie", ident, "--datum", "2026-11-01", "--staatsexamen")
    assert jp.json("show", ident)["verzuim"]["startkwalificatie"] == "2026-11-01"


def test_verzuimperiode_verwijderen(jp: Cli, kind: Callable[..., str]) -> None:
    ident = kind()
    jp("verzuim", "afwezig", ident, "--sinds", "2026-11-01")
    jp("verzuim", "verwijder", ident, "af1", "--reden", "was ziek gemeld")
    assert jp.json("show", ident)["verzuim"].get("afwezigheden", []) == []
    assert "geen verzuimperiode" in jp("verzuim", "verwijder", ident, "d1", "--reden", "x",
                                       code=1).stderr


def test_peildatum_in_de_toekomst(jp: Cli) -> None:
    r = jp("report", "thuiszitters", "--peildatum", "2027-01-01", code=1)
    assert "--peildatum 2027-01-01 ligt in de toekomst" in r.stderr


# --- mijn casussen en de agenda ---------------------------------------------------------------


def test_list_regie_en_mijn(jp: Cli, kind: Callable[..., str]) -> None:
    een = kind(voornaam="Een")
    twee = kind(voornaam="Twee", achternaam="Tweede")
    jp("betrokkene", "add", een, "--rol", "jmw", "--naam", "Jan Smit", "--regie")
    jp("betrokkene", "add", twee, "--rol", "ib", "--naam", "Ilse IB", "--regie")
    assert [r["id"] for r in jp.json("list", "--regie", "jan smit")] == [een]
    assert [r["id"] for r in jp.json("list", "--mijn")] == [twee]  # git-naam Ilse IB
    jp("list", "--mijn", "--regie", "x", code=2)


def test_agenda_ics_zonder_namen(jp: Cli, kind: Callable[..., str], tmp_path: Path,
                                repo_pad: Path) -> None:
    ident = kind()
    jp("actie", "add", ident, "--omschrijving", "Gesprek met Sanne de Vries, moeder",
       "--eigenaar", "Jan Smit", "--deadline", "2026-12-01")
    jp("doel", "add", ident, "--omschrijving", "Sanne speelt mee", "--evaluatie", "2026-11-20")
    uit = jp("agenda", "--ics").stdout  # CliRunner maakt van CRLF gewoon LF
    assert uit.startswith("BEGIN:VCALENDAR\nVERSION:2.0\n")
    assert uit.rstrip().endswith("END:VCALENDAR")
    assert "Sanne" not in uit and "Vries" not in uit
    assert f"SUMMARY:{ident}: actie a1: Gesprek met het kind\\, moeder" in uit
    assert f"UID:{ident}-actie-a1@jeugdplan" in uit
    assert "DTSTART;VALUE=DATE:20261201" in uit and "DTEND;VALUE=DATE:20261202" in uit
    assert "Over tijd sinds 2026-11-20" in uit  # de doelevaluatie
    assert all(len(r.encode()) <= 75 for r in uit.split("\n"))
    met = jp("agenda", "--ics", "--met-namen").stdout
    assert "Sanne de Vries" in met
    jp("agenda", "--met-namen", code=2)
    bestand = tmp_path / "agenda.ics"
    r = jp("agenda", "--ics", "--out", str(bestand))
    assert "2 afspraken geschreven naar" in r.stderr
    assert bestand.read_bytes().startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert oct(bestand.stat().st_mode & 0o777) == "0o600"
    # --out zoals bij elke uitvoer: niet over een bestaand bestand zonder --overschrijf, niet
    # in de casusrepository, alleen met --ics.
    assert "bestaat al" in jp("agenda", "--ics", "--out", str(bestand), code=1).stderr
    jp("agenda", "--ics", "--out", str(bestand), "--overschrijf")
    assert "ligt in de casusrepository" in jp("agenda", "--ics", "--out",
                                              str(repo_pad / "agenda.ics"), code=1).stderr
    assert not (repo_pad / "agenda.ics").exists()
    assert "--out hoort bij --ics" in jp("agenda", "--out", str(bestand), code=2).stderr
    # Een verbeterde naam wordt ook weggelaten (de namen komen niet verouderd uit de cache).
    jp("kind", "wijzig", ident, "--voornaam", "Sanna")
    jp("journaal", "add", ident, "--tekst", "Sanna belde")
    jp("actie", "add", ident, "--omschrijving", "Sanna bellen", "--deadline", "2026-12-02")
    assert "Sanna" not in jp("agenda", "--ics").stdout


# --- samenvoegen ------------------------------------------------------------------------------


def test_samenvoegen_houdt_beide_geschiedenissen(jp: Cli, kind: Callable[..., str],
                                                 repo_pad: Path) -> None:
    een = kind()
    jp("signaal", "add", een, "--domein", "gedrag", "--omschrijving", "Trekt zich terug")
    jp("doel", "add", een, "--omschrijving", "Speelt mee")
    twee = kind(voornaam="Sane", toch="", school="De Brug")  # tweede plan, zelfde kind
    jp("signaal", "add", twee, "--domein", "thuis", "--omschrijving", "Ruzie thuis")
    jp("signaal", "add", twee, "--domein", "gedrag", "--omschrijving", "Trekt zich terug",
       "--datum", "2026-11-25")
    jp("doel", "add", twee, "--omschrijving", "Rust thuis")
    jp("evaluatie", "add", twee, "--notitie", "gaat", "--doel", "d1")
    bijlage = repo_pad / "casussen" / twee / "bijlagen" / "verslag.txt"
    bijlage.parent.mkdir()
    bijlage.write_text("verslag", encoding="utf-8")
    jp("samenvoegen", een, twee, code=1)  # zonder terminal: bevestig met --ja
    r = jp("samenvoegen", een, twee, "--ja")
    assert f"{twee} is samengevoegd in {een}" in r.stderr
    assert "let op: in" in r.stderr and "voornaam, school" in r.stderr
    plan = jp.json("show", een)
    assert [(s["id"], s["domein"]) for s in plan["signalen"]] == [("s1", "gedrag"),
                                                                  ("s2", "thuis")]
    assert [d["id"] for d in plan["doelen"]] == ["d1", "d2"]
    assert plan["evaluaties"][0]["doelen"] == ["d2"]  # hernummerd mee
    assert plan["samengevoegd"] == [twee]
    assert plan["kind"]["voornaam"] == "Sanne"
    assert "In " + twee + " stond anders: voornaam: Sane; school: De Brug." in \
        plan["journaal"][-1]["tekst"]
    assert not (repo_pad / "casussen" / twee).exists()
    assert (repo_pad / "casussen" / een / "bijlagen" / "verslag.txt").read_text() == "verslag"
    log = git_log(repo_pad)
    assert log[0] == f"Ilse IB|{twee}: samengevoegd in {een} (map verwijderd; de geschiedenis blijft)"
    assert log[1].startswith(f"Ilse IB|{een}: casus {twee} samengevoegd in deze casus")
    berichten = [v["bericht"] for v in jp.json("log", een)]
    assert f"{twee}: signaal s1 toegevoegd (thuis, licht)" in berichten
    assert f"{een}: signaal s1 toegevoegd (gedrag, licht)" in berichten
    assert jp.json("check")["ok"] is True
    assert "geen casus met id" in jp("show", twee, code=1).stderr
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo_pad, capture_output=True,
                            text=True, check=True, env={**os.environ})
    assert status.stdout == ""


def test_samenvoegen_neemt_meldcodesporen_mee(jp: Cli, kind: Callable[..., str]) -> None:
    """Elk meldcodespoor blijft een eigen spoor, op volgorde van start, met zijn signalen;
    lopen sporen van beide plannen tegelijk, dan weigert samenvoegen."""
    een = kind()
    jp("signaal", "add", een, "--domein", "veiligheid", "--omschrijving", "Blauwe plek",
       "--datum", "2026-10-01")
    jp("meldcode", "start", een, "--datum", "2026-10-01")
    jp("meldcode", "annuleer", een, "--reden", "verkeerde leerling", "--datum", "2026-10-02")
    twee = kind(voornaam="Sane", toch="")
    jp("signaal", "add", twee, "--domein", "gedrag", "--omschrijving", "Onrustig",
       "--datum", "2026-09-01")
    jp("signaal", "add", twee, "--domein", "veiligheid", "--omschrijving", "Striemen",
       "--datum", "2026-11-10")
    jp("meldcode", "start", twee, "--datum", "2026-11-10")
    drie = kind(voornaam="Sanna", toch="")
    jp("signaal", "add", drie, "--domein", "veiligheid", "--omschrijving", "Bang om naar huis",
       "--datum", "2026-11-12")
    jp("meldcode", "start", drie, "--datum", "2026-11-12")
    assert "lopen tegelijk" in jp("samenvoegen", twee, drie, "--ja", code=1).stderr

    jp("samenvoegen", een, twee, "--ja")
    plan = jp.json("show", een)
    assert [(s["id"], s["omschrijving"]) for s in plan["signalen"]] == [
        ("s1", "Blauwe plek"), ("s2", "Onrustig"), ("s3", "Striemen")]
    assert [(m["id"], m["gestart"], m["signalen"]) for m in plan["meldcode"]] == [
        ("m1", "2026-10-01", ["s1"]), ("m2", "2026-11-10", ["s3"])]
    assert jp.json("meldcode", "next", een)["spoor_id"] == "m2"
    assert jp.json("check")["ok"] is True


def test_samenvoegen_zet_een_eerder_spoor_ervoor(jp: Cli, kind: Callable[..., str]) -> None:
    """Een afgesloten spoor uit het tweede plan dat eerder begon, komt vóór het lopende spoor
    (met een nieuw id); het lopende spoor blijft het nieuwste, waar `meldcode next` over gaat."""
    een = kind()
    jp("signaal", "add", een, "--domein", "veiligheid", "--omschrijving", "Striemen",
       "--datum", "2026-11-10")
    jp("meldcode", "start", een, "--datum", "2026-11-10")
    twee = kind(voornaam="Sane", toch="")
    jp("signaal", "add", twee, "--domein", "veiligheid", "--omschrijving", "Blauwe plek",
       "--datum", "2026-10-01")
    jp("meldcode", "start", twee, "--datum", "2026-10-01")
    jp("meldcode", "annuleer", twee, "--reden", "verkeerde leerling", "--datum", "2026-10-02")

    jp("samenvoegen", een, twee, "--ja")
    plan = jp.json("show", een)
    assert [(m["id"], m["gestart"], m["signalen"]) for m in plan["meldcode"]] == [
        ("m2", "2026-10-01", ["s2"]), ("m1", "2026-11-10", ["s1"])]
    volgende = jp.json("meldcode", "next", een)
    assert (volgende["spoor_id"], volgende["spoor"]) == ("m1", 2)
    assert "verkeerde leerling" in jp("report", "meldcode", een, "--spoor", "1").stdout
    assert jp.json("check")["ok"] is True


def test_samenvoegen_weigert(jp: Cli, kind: Callable[..., str]) -> None:
    een = kind()
    assert "met zichzelf" in jp("samenvoegen", een, een, "--ja", code=1).stderr
    assert "geen casus met id" in jp("samenvoegen", een, "2026-AAAAAA", "--ja", code=1).stderr
