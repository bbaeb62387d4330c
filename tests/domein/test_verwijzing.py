"""Verwijzingen: vastleggen met de toestemmingspoort en ouders eerst, en de levensloop."""

from __future__ import annotations

from datetime import date

import pytest

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import Plan, Toestemming
from jeugdplan.domein.routing import Advies, route
from jeugdplan.domein.verwijzing import OVERGANGEN, STATUSSEN, leg_vast, wijzig_status
from jeugdplan.opslag.bronnen import gegevens
from tests.voorbeelden import IJMOND, VANDAAG, maak_plan

G = gegevens()

G = gegevens()


def advies(plan: Plan, functie: str) -> tuple[Advies, int]:
    adviezen = route(plan, IJMOND, VANDAAG, G).adviezen
    nummer = next(i for i, a in enumerate(adviezen, 1) if a.functie == functie)
    return adviezen[nummer - 1], nummer


def met_toestemming(**kw: object) -> Plan:
    toestemming = Toestemming(partij="Socius", datum=date(2026, 9, 4),
                              gegeven_door=["Petra de Vries"])
    return maak_plan(signalen=[("thuis", "licht")], toestemmingen=[toestemming], **kw)


def test_vastleggen_met_toestemming() -> None:
    plan = met_toestemming()
    a, n = advies(plan, "jmw")
    bericht = leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", g=G)
    v = plan.verwijzingen[0]
    assert (v.id, v.status, v.rol, v.organisatie) == (
        "v1", "voorgesteld", "jmw", "Socius Maatschappelijke Dienstverlening")
    assert v.regel == "licht-jmw" and v.bron and "Samenwerkingsverband IJmond" in v.bron
    assert v.toestemming_overruled is None
    assert [(s.status, s.door) for s in v.historie] == [("voorgesteld", "Ilse IB")]
    assert bericht == "verwijzing v1 voorgesteld: jmw (Socius Maatschappelijke Dienstverlening)"
    assert "Sanne" not in bericht


def test_zonder_toestemming_geweigerd() -> None:
    plan = maak_plan(signalen=[("thuis", "licht")])
    a, n = advies(plan, "jmw")
    with pytest.raises(JeugdplanError) as fout:
        leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", g=G)
    assert "geen geldige toestemming" in fout.value.melding
    assert "ouders met gezag" in fout.value.melding
    assert "--zonder-toestemming" in fout.value.melding
    assert plan.verwijzingen == []


def test_zonder_toestemming_met_reden_wordt_vastgelegd() -> None:
    plan = maak_plan(signalen=[("thuis", "licht")])
    a, n = advies(plan, "jmw")
    bericht = leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB",
                       zonder_toestemming_reden="ouders stemden mondeling in; schriftelijk volgt", g=G)
    v = plan.verwijzingen[0]
    assert v.toestemming_overruled == "ouders stemden mondeling in; schriftelijk volgt"
    assert "zonder toestemming" in (v.historie[0].reden or "")
    assert "zonder toestemming" in bericht


def test_ouders_eerst_bij_vastleggen() -> None:
    plan = maak_plan(signalen=[("thuis", "licht")], ouders=False)
    a, n = advies(plan, "jmw")
    with pytest.raises(JeugdplanError, match="ouders eerst"):
        leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", zonder_toestemming_reden="x", g=G)
    assert plan.verwijzingen == []


def test_leerplicht_zonder_ouders_en_toestemming() -> None:
    plan = maak_plan(signalen=[("verzuim", "licht")], ouders=False)
    a, n = advies(plan, "leerplicht")
    leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", g=G)
    assert plan.verwijzingen[0].rol == "leerplicht"
    assert plan.verwijzingen[0].toestemming_overruled is None


def test_school_zelf_is_geen_verwijzing() -> None:
    plan = maak_plan(signalen=[("leren", "licht")])
    a, n = advies(plan, "school")
    with pytest.raises(JeugdplanError, match="geen verwijzing naar een partner"):
        leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", g=G)


def test_tweede_lopende_verwijzing_naar_dezelfde_partner_geweigerd() -> None:
    plan = met_toestemming()
    a, n = advies(plan, "jmw")
    leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", g=G)
    a, n = advies(plan, "jmw")
    with pytest.raises(JeugdplanError, match="er loopt al verwijzing v1"):
        leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", g=G)


def test_afgesloten_plan_geweigerd() -> None:
    plan = met_toestemming(status="afgesloten", afgesloten=date(2026, 11, 1))
    a, n = advies(plan, "jmw")
    with pytest.raises(JeugdplanError, match="afgesloten"):
        leg_vast(plan, a, n, vandaag=VANDAAG, door="Ilse IB", g=G)


def _verwezen() -> Plan:
    plan = met_toestemming()
    a, n = advies(plan, "jmw")
    leg_vast(plan, a, n, vandaag=date(2026, 11, 1), door="Ilse IB", g=G)
    return plan


def _naar(plan: Plan, status: str, reden: str | None = None) -> str:
    return wijzig_status(plan, "v1", status, datum=VANDAAG, vandaag=VANDAAG, door="Jan",
                         reden=reden)


def test_hele_levensloop() -> None:
    plan = _verwezen()
    for status in ("aangevraagd", "geaccepteerd", "gestart", "afgerond"):
        assert _naar(plan, status) == (f"verwijzing v1 {status} "
                                       "(Socius Maatschappelijke Dienstverlening)")
    v = plan.verwijzingen[0]
    assert v.status == "afgerond"
    assert [s.status for s in v.historie] == ["voorgesteld", "aangevraagd", "geaccepteerd",
                                              "gestart", "afgerond"]


def test_afwijzen_vraagt_reden() -> None:
    plan = _verwezen()
    _naar(plan, "aangevraagd")
    with pytest.raises(JeugdplanError, match="vraagt een reden"):
        _naar(plan, "afgewezen")
    assert plan.verwijzingen[0].status == "aangevraagd"
    _naar(plan, "afgewezen", "wachtlijst; eerst CJG-coach")
    assert plan.verwijzingen[0].historie[-1].reden == "wachtlijst; eerst CJG-coach"
    with pytest.raises(JeugdplanError, match="eindtoestand"):
        _naar(plan, "gestart")


ONGELDIG = [(van, naar) for van in STATUSSEN for naar in STATUSSEN
            if naar not in OVERGANGEN[van]]


@pytest.mark.parametrize("van, naar", ONGELDIG)
def test_ongeldige_overgangen_geweigerd(van: str, naar: str) -> None:
    plan = _verwezen()
    plan.verwijzingen[0].status = van  # type: ignore[assignment]
    with pytest.raises(JeugdplanError, match=f"kan niet van '{van}' naar '{naar}'"):
        _naar(plan, naar, "reden")
    assert plan.verwijzingen[0].status == van


def test_onbekende_status_en_verwijzing() -> None:
    plan = _verwezen()
    with pytest.raises(JeugdplanError, match="onbekende status 'klaar'; kies uit"):
        _naar(plan, "klaar")
    with pytest.raises(JeugdplanError, match="geen verwijzing 'v9'; verwijzingen: v1"):
        wijzig_status(plan, "v9", "aangevraagd", datum=VANDAAG, vandaag=VANDAAG, door="Jan")


def test_datum_in_toekomst_of_voor_vorige_stap() -> None:
    plan = _verwezen()
    with pytest.raises(JeugdplanError, match="toekomst"):
        wijzig_status(plan, "v1", "aangevraagd", datum=date(2026, 12, 1), vandaag=VANDAAG,
                      door="Jan")
    with pytest.raises(JeugdplanError, match="vóór de vorige stap"):
        wijzig_status(plan, "v1", "aangevraagd", datum=date(2026, 10, 1), vandaag=VANDAAG,
                      door="Jan")
