"""Het ontwikkelingsperspectief als wettelijk document (data/opp.yaml): verplicht bij sbo,
so, vso, pro en extra ondersteuning; vastgesteld binnen zes weken na de inschrijving; de
ouders stemmen in met de begeleiding (ook na een bijstelling); een evaluatie met ouders en
leerling per schooljaar; en wat `check` en `agenda` erover zeggen. Vandaag is 2026-11-25."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Cli


def _codes(jp: Cli, ident: str) -> list[str]:
    return [p["code"] for p in jp.json("check", ident)["problemen"] if p["code"].startswith("opp")]


def _opp(jp: Cli, ident: str) -> dict:
    return jp.json("show", ident)["ondersteuning"]["opp"]  # type: ignore[no-any-return]


@pytest.fixture
def sbo(kind: Callable[..., str]) -> str:
    return kind(onderwijssoort="sbo", groep="6")


def _vaststellen(jp: Cli, ident: str, *extra: str) -> None:
    jp("opp", "vaststellen", ident, "--uitstroom", "vmbo-kb", "--begeleiding",
       "Twee keer per week RT lezen", *extra)


def test_verplicht_bij_sbo_en_bij_extra_ondersteuning(jp: Cli, sbo: str,
                                                      kind: Callable[..., str]) -> None:
    assert _codes(jp, sbo) == ["opp-ontbreekt"]
    melding = jp.json("check", sbo)["problemen"][0]["melding"]
    assert "verplicht voor elke leerling in het speciaal basisonderwijs" in melding
    assert "Wet op het primair onderwijs art. 40a lid 1" in melding
    po = kind(voornaam="Tim", achternaam="Bakker")
    assert _codes(jp, po) == []
    jp("ondersteuning", po, "--niveau", "extra")
    assert _codes(jp, po) == ["opp-ontbreekt"]
    assert "OPP ontbreekt" in jp("list").stdout


def test_zes_weken_na_inschrijving(jp: Cli, sbo: str) -> None:
    # overstap naar het sbo: uitgeschreven bij de oude school, ingeschreven bij de nieuwe
    jp("verzuim", "uitschrijving", sbo, "--datum", "2026-09-01")
    jp("verzuim", "inschrijving", sbo, "--datum", "2026-09-01", "--school", "SBO De Springplank")
    assert _codes(jp, sbo) == ["opp-ontbreekt", "opp-termijn"]
    assert "uiterlijk 2026-10-13" in jp("check", sbo).stdout
    punten = jp.json("agenda", "--weken", "1")
    assert [(p["soort"], p["datum"], p["over_tijd"]) for p in punten] == [
        ("opp-vaststellen", "2026-10-13", True)]
    _vaststellen(jp, sbo, "--inbreng", "Wil in een kleine groep", "--datum", "2026-11-20")
    opp = _opp(jp, sbo)
    assert (opp["inschrijving"], opp["vastgesteld"]) == ("2026-09-01", "2026-11-20")
    assert "opp-termijn" not in _codes(jp, sbo)


def test_vaststellen_controleert_en_zet_extra_ondersteuning(jp: Cli,
                                                           kind: Callable[..., str]) -> None:
    ident = kind()
    r = jp("opp", "vaststellen", ident, "--uitstroom", "mbo-4", "--begeleiding", "RT", code=1)
    assert "--uitstroom: onbekende bestemming 'mbo-4' voor onderwijssoort po; kies uit: vso" \
        in r.stderr
    r = jp("opp", "vaststellen", ident, "--uitstroom", "havo", "--begeleiding", "RT",
           "--datum", "2027-01-01", code=1)
    assert "ligt in de toekomst" in r.stderr
    _vaststellen(jp, ident)
    assert jp.json("show", ident)["ondersteuning"]["niveau"] == "extra"
    r = jp("opp", "vaststellen", ident, "--uitstroom", "havo", "--begeleiding", "RT", code=1)
    assert f"al vastgesteld op 2026-11-25; stel het bij met 'jeugdplan opp wijzig {ident}'" \
        in r.stderr


def test_inhoud_en_instemming(jp: Cli, sbo: str) -> None:
    _vaststellen(jp, sbo)
    assert sorted(_codes(jp, sbo)) == ["opp-inhoud", "opp-instemming"]
    tekst = jp("check", sbo).stdout
    assert "beschrijft de inbreng van de leerling en de onderbouwing van de uitstroom nog niet" \
        in tekst
    jp("opp", "wijzig", sbo, "--inbreng", "Sanne wil meer zelf doen")
    jp("opp", "factor", "add", sbo, "--belemmerend", "Concentratie")
    jp("opp", "factor", "add", sbo, "--bevorderend", "Gemotiveerd")
    jp("opp", "factor", "wijzig", sbo, "fv1", "--tekst", "Zeer gemotiveerd")
    jp("opp", "factor", "add", sbo, code=2)
    jp("opp", "instemming", sbo)
    assert _codes(jp, sbo) == []
    # een bijgestelde begeleiding vraagt opnieuw instemming; andere velden niet
    r = jp("opp", "wijzig", sbo, "--begeleiding", "Drie keer per week RT")
    assert "opnieuw instemming van de ouders nodig" in r.stderr
    assert _codes(jp, sbo) == ["opp-instemming"]
    assert "instemming_ouders" not in _opp(jp, sbo)
    jp("opp", "instemming", sbo)
    jp("opp", "wijzig", sbo, "--uitstroom", "pro")
    assert _codes(jp, sbo) == []
    opp = _opp(jp, sbo)
    assert opp["onderbouwing"] == {"belemmerend": [{"id": "fb1", "tekst": "Concentratie"}],
                                   "bevorderend": [{"id": "fv1", "tekst": "Zeer gemotiveerd"}]}


def test_evaluatie_per_schooljaar_met_ouders(jp: Cli, sbo: str) -> None:
    _vaststellen(jp, sbo, "--inbreng", "x", "--datum", "2025-06-01")
    jp("opp", "factor", "add", sbo, "--bevorderend", "y")
    jp("opp", "instemming", sbo, "--datum", "2025-06-01")
    assert _codes(jp, sbo) == ["opp-evaluatie"]
    assert "in het schooljaar 2025-2026 niet met de ouders en de leerling geëvalueerd" in \
        jp("check", sbo).stdout
    jp("opp", "evaluatie", sbo, "--notitie", "zonder ouders", "--zonder-ouders",
       "--datum", "2026-03-01")
    assert _codes(jp, sbo) == ["opp-evaluatie"]
    jp("opp", "evaluatie", sbo, "--notitie", "met ouders", "--datum", "2026-03-02")
    assert _codes(jp, sbo) == []
    # dit schooljaar nog niet: de agenda zet de evaluatie op het einde van het schooljaar
    punten = jp.json("agenda", "--weken", "40")
    assert [(p["soort"], p["datum"]) for p in punten] == [("opp-evaluatie", "2027-07-31")]
    jp("opp", "evaluatie", sbo, "--notitie", "goed", "--volgende", "2027-03-01")
    punten = jp.json("agenda", "--weken", "40")
    assert [(p["soort"], p["datum"]) for p in punten] == [("opp-evaluatie", "2027-03-01")]
    r = jp("opp", "evaluatie", sbo, "--notitie", "x", "--datum", "2025-01-01", code=1)
    assert "ligt vóór de vaststelling van het OPP (2025-06-01)" in r.stderr


def test_verwijderen_met_reden(jp: Cli, sbo: str) -> None:
    assert "heeft geen ontwikkelingsperspectief" in jp("opp", "instemming", sbo,
                                                        code=1).stderr
    _vaststellen(jp, sbo)
    jp("opp", "verwijder", sbo, "--reden", "terug naar de basisschool")
    plan = jp.json("show", sbo)
    assert "opp" not in plan["ondersteuning"]
    assert plan["journaal"][-1]["tekst"] == ("ontwikkelingsperspectief (OPP) verwijderd: terug "
                                             "naar de basisschool")
