"""Geschiedenis van een plan: `show --op`, `log` per veld, `diff --sinds`, en de veldvergelijking."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from jeugdplan.domein.veldhistorie import label, verschillen
from tests.conftest import Cli


def op(dag: str) -> dict[str, str]:
    """Omgeving die een commit op een vaste datum zet."""
    return {"GIT_AUTHOR_DATE": f"{dag}T10:00:00", "GIT_COMMITTER_DATE": f"{dag}T10:00:00"}


def _geschiedenis(jp: Cli, kind) -> str:
    ident = kind()
    subprocess.run(["git", "commit", "-q", "--amend", "--no-edit", "--date", "2026-09-01T09:00"],
                   cwd=jp.root, check=True, env={**__import__("os").environ, **op("2026-09-01")})
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Slaat",
       "--datum", "2026-09-02", env=op("2026-09-02"))
    jp("doel", "add", ident, "--omschrijving", "Speelt mee", env=op("2026-10-01"))
    jp("doel", "status", ident, "d1", "behaald", env=op("2026-11-10"))
    jp("journaal", "add", ident, "--tekst", "Vertrouwelijk gesprek", "--datum", "2026-11-12",
       env=op("2026-11-12"))
    return ident


def test_show_op_datum(jp: Cli, kind) -> None:
    ident = _geschiedenis(jp, kind)
    assert jp.json("show", ident, "--op", "2026-09-01")["signalen"] == []
    oud = jp.json("show", ident, "--op", "2026-10-15")
    assert [s["id"] for s in oud["signalen"]] == ["s1"]
    assert oud["doelen"][0]["status"] == "lopend"
    assert jp.json("show", ident, "--op", "2026-11-10")["doelen"][0]["status"] == "behaald"
    assert "Sanne" in jp("show", ident, "--op", "2026-10-15").stdout


def test_show_op_voor_het_bestaan(jp: Cli, kind) -> None:
    ident = _geschiedenis(jp, kind)
    uit = jp("show", ident, "--op", "2026-08-01", code=1)
    assert f"casus {ident} bestond nog niet op 2026-08-01" in uit.stderr
    assert "geen geldige datum" in jp("show", ident, "--op", "gisteren?", code=1).stderr


def test_log_per_veld(jp: Cli, kind) -> None:
    ident = _geschiedenis(jp, kind)
    regels = jp("log", ident).stdout.splitlines()
    assert regels[0] == f"2026-11-12 10:00  Ilse IB: {ident}: journaal bijgewerkt"
    assert "    journaalregel toegevoegd: j1 (2026-11-12, Ilse IB)" in regels
    assert "    doel d1: status lopend → behaald" in regels
    assert "    doel toegevoegd: d1" in regels
    assert "    signaal toegevoegd: s1 (gedrag)" in regels
    assert "    status aangemeld → actief" in regels
    assert regels[-1] == "    casus aangemaakt"
    # Privacy: geen vrije tekst en geen naam van het kind in de geschiedenis.
    tekst = "\n".join(regels)
    assert "Vertrouwelijk" not in tekst and "Sanne" not in tekst and "Slaat" not in tekst


def test_log_json(jp: Cli, kind) -> None:
    ident = _geschiedenis(jp, kind)
    log = jp.json("log", ident)
    assert set(log[0]) >= {"hash", "auteur", "datum", "bericht", "wijzigingen"}
    status = log[1]["wijzigingen"][0]
    assert status == {"soort": "gewijzigd", "onderdeel": "doel d1", "veld": "status",
                      "oud": "lopend", "nieuw": "behaald",
                      "tekst": "doel d1: status lopend → behaald"}
    assert log[-1]["wijzigingen"][0]["soort"] == "aangemaakt"
    assert jp("log", "2026-ONBEKND", code=1).stderr.startswith("fout: geen casus met id")


def test_diff_sinds(jp: Cli, kind) -> None:
    ident = _geschiedenis(jp, kind)
    uit = jp("diff", ident, "--sinds", "2026-11-01").stdout.splitlines()
    assert uit[0] == f"{ident}: wijzigingen sinds 2026-11-01 (door Ilse IB)"
    assert "  doel d1: status lopend → behaald" in uit
    assert not any("signaal" in r for r in uit)
    data = jp.json("diff", ident, "--sinds", "2026-11-01")
    assert data["sinds"] == "2026-11-01" and data["van"] and data["auteurs"] == ["Ilse IB"]
    assert [w["tekst"] for w in data["wijzigingen"]] == [
        "doel d1: status lopend → behaald", "journaalregel toegevoegd: j1 (2026-11-12, Ilse IB)"]
    alles = jp.json("diff", ident, "--sinds", "2026-01-01")
    assert alles["van"] is None and alles["wijzigingen"][0]["tekst"] == "casus aangemaakt"
    leeg = jp("diff", ident, "--sinds", "2026-11-20")
    assert leeg.stdout == "" and "geen wijzigingen sinds 2026-11-20" in leeg.stderr


def test_diff_zonder_sinds_toont_niet_vastgelegd(jp: Cli, kind, repo_pad: Path) -> None:
    ident = kind()
    assert "geen niet-vastgelegde wijzigingen" in jp("diff", ident).stderr
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    pad.write_text(pad.read_text().replace("school: De Windroos", "school: De Zon"))
    uit = jp("diff", ident).stdout
    assert uit == f"{ident}: nog niet vastgelegde wijzigingen\n  kind: school De Windroos → De Zon\n"


def test_diff_ongeldige_datum(jp: Cli, kind) -> None:
    ident = kind()
    assert "--sinds" in jp("diff", ident, "--sinds", "1-1-2026", code=1).stderr


# --- de veldvergelijking zelf --------------------------------------------------------------


def test_verschillen_lijst_zonder_id_als_wijziging() -> None:
    oud = {"toestemmingen": [{"partij": "Socius", "datum": date(2026, 9, 4),
                              "gegeven_door": ["Petra"]}]}
    nieuw = {"toestemmingen": [{"partij": "Socius", "datum": date(2026, 9, 4),
                                "gegeven_door": ["Petra"], "ingetrokken": date(2026, 11, 1)}]}
    [w] = verschillen(oud, nieuw)
    assert w.tekst == "toestemming Socius: ingetrokken (leeg) → 2026-11-01"
    [weg] = verschillen(nieuw, {"toestemmingen": []})
    assert weg.tekst.startswith("toestemming verwijderd: t-") and weg.tekst.endswith(" (Socius)")


def test_verschillen_privacy_en_teksten() -> None:
    oud = {"kind": {"voornaam": "Sanne", "geboortedatum": date(2016, 4, 3)},
           "krachten": ["Tekent"], "zienswijze": {}}
    nieuw = {"kind": {"voornaam": "Sanna", "geboortedatum": date(2016, 4, 4)},
             "krachten": ["Tekent", "Zingt"], "zienswijze": {"ouders": "Wij willen rust"}}
    teksten = [w.tekst for w in verschillen(oud, nieuw)]
    assert teksten == ["kind: voornaam gewijzigd", "kind: geboortedatum gewijzigd",
                       "kracht toegevoegd", "zienswijze: ouders ingevuld"]
    assert all(w.oud is None and w.nieuw is None for w in verschillen(oud, nieuw))


def test_label() -> None:
    assert label(("doelen", "d2", "status")) == "doel d2: status"
    assert label(("kind", "school")) == "kind: school"
    assert label(("status",)) == "status"
    assert label(("toestemmingen", 0, "ingetrokken")) == "toestemming 1: ingetrokken"
