"""Toestemming (`domein/toestemming.py`) via de echte opdrachtregel: alleen wie het gezag heeft
telt, gezag onbekend is onvolledig, twee ouders op verschillende dagen tellen samen, en een
toestemming van vóór het 12e jaar vraagt om de toestemming van het kind zelf."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, git_log


def _jmw(jp: Cli, ident: str) -> dict[str, Any]:
    """Het advies voor jeugdmaatschappelijk werk (Socius) bij een licht signaal."""
    route = jp.json("route", ident)
    return next(a for a in route["adviezen"] if a["rol"] == "jmw")


def _voorwaarden(jp: Cli, ident: str) -> dict[str, str]:
    return {v["code"]: v["melding"] for v in jp.json("route", ident)["voorwaarden"]}


@pytest.fixture
def casus(jp: Cli, kind: Callable[..., str]) -> str:
    ident = kind()  # Sanne, 10 jaar
    jp("signaal", "add", ident, "--domein", "psychosociaal", "--omschrijving", "Somber",
       "--datum", "2026-09-02")
    jp("ouders", "informeer", ident, "--datum", "2026-09-03")
    return ident


def test_zonder_gezagsdrager_telt_niemands_toestemming(jp: Cli, casus: str,
                                                       repo_pad: Path) -> None:
    jp("toestemming", "add", casus, "--partij", "Socius", "--door", "buurvrouw Els")
    advies = _jmw(jp, casus)
    assert advies["toestemming"] == "nodig"
    assert "nog niet vastgelegd wie het gezag heeft" in advies["toestemming_van"]
    assert "'jeugdplan gezin add" in _voorwaarden(jp, casus)["toestemming"]
    assert "(onvolledig)" in jp("show", casus).stdout
    voor = git_log(repo_pad)
    r = jp("route", casus, "--apply", str(advies["nr"]), code=1)
    assert "Leg eerst vast wie het gezag heeft" in r.stderr and git_log(repo_pad) == voor


def test_stiefvader_zonder_gezag_telt_niet(jp: Cli, casus: str) -> None:
    jp("gezin", "add", casus, "--naam", "Petra de Vries", "--relatie", "moeder", "--geen-gezag")
    jp("gezin", "add", casus, "--naam", "Kees Bos", "--relatie", "stiefvader", "--geen-gezag")
    r = jp("toestemming", "add", casus, "--partij", "Socius", "--door", "Kees Bos")
    assert "de toestemming is nog niet volledig" in r.stderr
    assert _jmw(jp, casus)["toestemming"] == "nodig"


def test_gezag_onbekend_is_onvolledig(jp: Cli, casus: str) -> None:
    r = jp("gezin", "add", casus, "--naam", "Petra de Vries", "--relatie", "moeder",
           "--gezag-onbekend")
    assert "gezag onbekend" in r.stderr
    assert jp.json("show", casus)["gezin"][0]["gezag"] == "onbekend"
    assert "Petra de Vries (moeder, gezag onbekend)" in jp("show", casus).stdout
    jp("toestemming", "add", casus, "--partij", "Socius", "--door", "Petra de Vries")
    advies = _jmw(jp, casus)
    assert advies["toestemming"] == "nodig"
    assert "het gezag van Petra de Vries is nog onbekend" in advies["toestemming_van"]


def test_twee_ouders_op_verschillende_dagen(jp: Cli, casus: str) -> None:
    jp("gezin", "add", casus, "--naam", "Petra de Vries", "--relatie", "moeder", "--gezag")
    jp("gezin", "add", casus, "--naam", "Mark de Vries", "--relatie", "vader", "--gezag")
    jp("toestemming", "add", casus, "--partij", "Socius", "--doel", "JMW op school",
       "--door", "Petra de Vries", "--datum", "2026-09-04")
    assert _jmw(jp, casus)["toestemming"] == "nodig"
    # Een ander doel telt niet mee.
    jp("toestemming", "add", casus, "--partij", "Socius", "--doel", "Overleg met huisarts",
       "--door", "Mark de Vries", "--datum", "2026-09-05")
    assert _jmw(jp, casus)["toestemming"] == "nodig"
    jp("toestemming", "add", casus, "--partij", "Socius", "--doel", "JMW op school",
       "--door", "Mark de Vries", "--datum", "2026-09-08")
    assert _jmw(jp, casus)["toestemming"] == "aanwezig"
    tekst = jp("show", casus).stdout
    assert "Socius: 2026-09-04, door Petra de Vries (geldig)" in tekst
    assert "Socius: 2026-09-05, door Mark de Vries (onvolledig)" in tekst
    # Trekt één ouder in, dan is de toestemming niet meer compleet.
    jp("toestemming", "intrekken", casus, "--partij", "Socius", "--datum", "2026-10-01")
    assert _jmw(jp, casus)["toestemming"] == "nodig"


def test_toestemming_van_voor_het_12e_jaar(jp: Cli, kind: Callable[..., str]) -> None:
    ident = kind(voornaam="Noor", geboortedatum="2014-10-01")  # 12 sinds 1 oktober 2026
    jp("signaal", "add", ident, "--domein", "psychosociaal", "--omschrijving", "Somber",
       "--datum", "2026-09-02")
    jp("ouders", "informeer", ident, "--datum", "2026-09-03")
    jp("gezin", "add", ident, "--naam", "Petra de Vries", "--relatie", "moeder", "--gezag")
    jp("toestemming", "add", ident, "--partij", "Socius", "--door", "Petra de Vries",
       "--datum", "2026-09-04")
    assert _jmw(jp, ident)["toestemming"] == "aanwezig"  # blijft geldig ...
    opnieuw = _voorwaarden(jp, ident)["toestemming-opnieuw"]  # ... maar vraag het Noor zelf
    assert opnieuw.startswith("Toestemming voor Socius (compleet op 2026-09-04) is gegeven "
                              "zonder Noor zelf; nu Noor 12 is")
    check = [p for p in jp.json("check")["problemen"] if p["code"] == "toestemming-opnieuw"]
    assert len(check) == 1 and check[0]["ernst"] == "waarschuwing"
    assert "let op: toestemming voor Socius" in jp("show", ident).stdout
    jp("toestemming", "add", ident, "--partij", "Socius", "--door", "Noor")
    assert "toestemming-opnieuw" not in _voorwaarden(jp, ident)
    assert not [p for p in jp.json("check")["problemen"] if p["code"] == "toestemming-opnieuw"]


def test_ouders_eerst_telt_de_datums(jp: Cli, kind: Callable[..., str]) -> None:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "leren", "--omschrijving", "Leest slecht",
       "--datum", "2024-03-01")
    jp("ouders", "informeer", ident, "--datum", "2024-03-05", "--notitie", "over het lezen")
    assert "ouders-informeren" not in _voorwaarden(jp, ident)
    jp("signaal", "add", ident, "--domein", "psychosociaal", "--omschrijving", "Beschadigt zich",
       "--datum", "2026-11-20")
    melding = _voorwaarden(jp, ident)["ouders-informeren"]
    assert "Signaal s2 kwam na het laatste gesprek met de ouders (2024-03-05)" in melding
    assert "ouders nog niet geïnformeerd" in jp.json("list")[0]["aandacht"]
    assert "nog niet over s2 (2026-11-20)" in jp("show", ident).stdout
    r = jp("route", ident, "--apply", "2", "--zonder-toestemming", "spoed", code=1)
    assert "ouders eerst: signaal s2 kwam na het laatste gesprek met de ouders" in r.stderr
    # Een signaal dat de ouder zelf meldde, is met de ouders besproken.
    jp("ouders", "informeer", ident, "--datum", "2026-11-21")
    jp("signaal", "add", ident, "--domein", "thuis", "--bron", "ouder", "--datum", "2026-11-24",
       "--omschrijving", "Moeder vertelt over ruzies")
    assert "ouders-informeren" not in _voorwaarden(jp, ident)
