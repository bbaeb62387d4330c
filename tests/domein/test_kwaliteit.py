"""Kwaliteitsindicatoren (`kwaliteit.py`): totalen, eerste hulp, licht en specialistisch naar
de regio, doelen en het plan, kwartalen, samengevoegde groepen en de grafiek."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from jeugdplan.diensten.regio import laad_regio
from jeugdplan.domein import kwaliteit as kw
from jeugdplan.domein.kalender import kalender
from jeugdplan.domein.model import Plan
from jeugdplan.opslag.bronnen import gegevens
from tests.voorbeelden import fixture_plannen

G = gegevens()
REGIO = laad_regio("ijmond")
KAL = kalender(G, REGIO)
INDELING = kw.hulpindeling(REGIO)

D = date.fromisoformat
VAN, TOT = D("2026-01-01"), D("2026-11-25")


def plannen(data: list[dict[str, Any]] | None = None) -> list[Plan]:
    return [Plan.model_validate(p) for p in (data if data is not None else fixture_plannen())]


def rapport(ps: list[Plan], van: date = VAN, tot: date = TOT,
            indeling: dict[str, bool] = INDELING, per: kw.Per | None = None) -> dict[str, Any]:
    """Het rapport zoals `report kwaliteit` het maakt: de som van de bijdrage van elk plan."""
    return kw.rapport_uit([kw.bijdrage(p, van, tot, indeling, G, KAL) for p in ps], van, tot,
                          G.kwaliteit.kleine_groep.drempel, per=per)


def indicatoren(ps: list[Plan], van: date = VAN, tot: date = TOT,
                indeling: dict[str, bool] = INDELING) -> dict[str, Any]:
    return rapport(ps, van, tot, indeling)["totaal"]


def test_indicatoren_over_de_fixture() -> None:
    i = indicatoren(plannen())
    assert (i["casussen"], i["geopend"], i["gesloten"], i["open_op_einde"]) == (8, 8, 1, 7)
    # Eerste hulp: AAAA01 13 dagen (JMW), AAAA03 42, AAAA07 21 (gestarte verwijzing), AAAA08 36.
    assert i["signaal_tot_hulp"] == {"aantal": 4, "mediaan_dagen": 28.5, "gemiddeld_dagen": 28.0,
                                     "zonder_hulp": 1, "hulp_voor_signaal": 0}
    # Socius en CJG IJmond zijn vrij toegankelijk in de regio; de GGZ-aanbieder kent de regio niet.
    assert i["hulp"] == {"licht": 2, "specialistisch": 0, "onbekend": 1}
    assert i["doelen"] == {"totaal": 2, "lopend": 2, "behaald": 0, "bijgesteld": 0, "gestopt": 0,
                           "aandeel_behaald": 0.0, "aandeel_bijgesteld": 0.0,
                           "aandeel_gestopt": 0.0}
    assert i["plan"] == {"zonder_regie": 6, "zonder_zienswijze_ouders": 6,
                         "zonder_zienswijze_kind": 7, "acties_zonder_eigenaar": 0}
    assert i["over_tijd"] == {"acties": 1, "evaluaties": 1, "opp_evaluaties": 1}
    assert i["meldcode"] == {"gestart": 2, "afgerond": 1, "lopend": 1, "mediaan_duur_dagen": 45.0,
                             "besluiten": {"afsluiten": 0, "melden": 0, "hulp": 1}}


def test_afgewezen_of_aangevraagde_verwijzing_is_geen_hulp() -> None:
    data = fixture_plannen()
    data[1]["verwijzingen"] = [{
        "id": "v1", "rol": "jmw", "organisatie": "Socius", "datum": D("2026-10-06"),
        "status": "afgewezen", "historie": [
            {"datum": D("2026-10-06"), "status": "voorgesteld"},
            {"datum": D("2026-10-07"), "status": "aangevraagd"},
            {"datum": D("2026-10-08"), "status": "afgewezen", "reden": "wachtlijst 6 maanden"}]}]
    i = indicatoren(plannen(data))
    assert i["signaal_tot_hulp"]["aantal"] == 4 and i["signaal_tot_hulp"]["zonder_hulp"] == 1
    # Dezelfde verwijzing geaccepteerd op 20 oktober: dat is de eerste hulp (15 dagen).
    data[1]["verwijzingen"][0]["historie"][2] = {"datum": D("2026-10-20"), "status": "geaccepteerd"}
    data[1]["verwijzingen"][0]["status"] = "geaccepteerd"
    assert kw.eerste_hulp(plannen(data)[1]) == D("2026-10-20")
    assert indicatoren(plannen(data))["signaal_tot_hulp"]["aantal"] == 5


def test_hulp_voor_het_signaal_telt_apart() -> None:
    data = fixture_plannen()
    data[2]["jeugdhulp"][0]["start"] = D("2026-05-01")     # vóór het signaal van 20 mei
    i = indicatoren(plannen(data))
    assert i["signaal_tot_hulp"]["hulp_voor_signaal"] == 1
    assert i["signaal_tot_hulp"]["aantal"] == 3            # geen wachttijd van 0 dagen


def test_extra_ondersteuning_op_school_is_eerste_hulp() -> None:
    data = fixture_plannen()
    data[1]["ondersteuning"] = {"niveau": "extra", "opp": {"uitstroombestemming": "havo",
                                                           "vastgesteld": D("2026-10-15")}}
    assert kw.eerste_hulp(plannen(data)[1]) == D("2026-10-15")


def test_licht_of_specialistisch_volgt_de_regio_niet_de_verwijzer() -> None:
    data = fixture_plannen()
    data[0]["jeugdhulp"][0]["verwijzer"] = "Ilse IB"      # JMW met de IB'er als verwijzer
    assert indicatoren(plannen(data))["hulp"]["licht"] == 2
    onbekend = indicatoren(plannen(data), indeling={})  # zonder regio: onbekend
    assert onbekend["hulp"] == {"licht": 0, "specialistisch": 0, "onbekend": 3}
    # Een aanbieder die de regio als niet vrij toegankelijk kent: specialistisch.
    eigen = INDELING | {"ggz aanbieder": False}
    assert indicatoren(plannen(data), indeling=eigen)["hulp"] == {
        "licht": 2, "specialistisch": 1, "onbekend": 0}


def test_doelen_regie_zienswijze_en_acties_zonder_eigenaar() -> None:
    data = fixture_plannen()
    data[0]["doelen"][0]["status"] = "behaald"
    data[0]["doelen"].append({"id": "d3", "omschrijving": "x", "status": "gestopt"})
    data[0]["doelen"].append({"id": "d4", "omschrijving": "y", "status": "bijgesteld"})
    data[0]["acties"].append({"id": "a3", "omschrijving": "z"})
    data[0]["zienswijze"]["kind"] = "Ik wil vriendjes"
    i = indicatoren(plannen(data))
    assert i["doelen"] == {"totaal": 4, "lopend": 1, "behaald": 1, "bijgesteld": 1,
                           "gestopt": 1, "aandeel_behaald": 25.0, "aandeel_bijgesteld": 25.0,
                           "aandeel_gestopt": 25.0}
    assert i["plan"]["acties_zonder_eigenaar"] == 1
    assert i["plan"]["zonder_zienswijze_kind"] == 6


def test_periode_beperkt_de_telling() -> None:
    i = indicatoren(plannen(), D("2026-01-01"), D("2026-03-31"))
    assert (i["casussen"], i["geopend"], i["gesloten"]) == (2, 2, 0)
    assert i["signaal_tot_hulp"]["aantal"] == 1
    # Op 31 maart was de actie van AAAA01 nog niet eens aangemaakt: niets over tijd.
    assert i["over_tijd"] == {"acties": 0, "evaluaties": 0, "opp_evaluaties": 0}


def test_actie_gedaan_na_de_einddatum_was_toen_over_tijd() -> None:
    data = fixture_plannen()
    data[0]["acties"][1]["gedaan"] = D("2026-11-20")
    ps = plannen(data)
    assert indicatoren(ps, VAN, D("2026-11-10"))["over_tijd"]["acties"] == 1
    assert indicatoren(ps)["over_tijd"]["acties"] == 0


def test_kwartalen() -> None:
    assert kw.kwartalen(D("2025-11-26"), D("2026-04-02")) == [
        ("2025 K4", D("2025-12-31")), ("2026 K1", D("2026-03-31")), ("2026 K2", D("2026-04-02"))]
    assert kw.kwartalen(D("2026-07-01"), D("2026-07-01")) == [("2026 K3", D("2026-07-01"))]


def test_thuiszitters_per_kwartaal() -> None:
    rijen = rapport(plannen())["thuiszitters_per_kwartaal"]
    assert [(r["kwartaal"], r["relatief_4w_3m"], r["relatief_3m_plus"],
             r["langer_dan_3_maanden_zonder_aanbod"]) for r in rijen] == [
        ("2026 K1", 2, 0, 0), ("2026 K2", 1, 0, 0), ("2026 K3", 1, 1, 0), ("2026 K4", 1, 2, 1)]


def _plan(nummer: int, gemeente: str, meldcode: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"2026-BBBB{nummer:02d}", "status": "actief", "aangemeld": D("2026-03-01"),
        "kind": {"voornaam": "X", "achternaam": "Y", "geboortedatum": D("2015-01-01"),
                 "gemeente": gemeente, "school": f"School {gemeente}", "onderwijssoort": "po"}}
    if meldcode:
        data["meldcode"] = {"gestart": D("2026-10-01"), "door": "Ilse IB"}
    return data


def test_kleine_groepen_samengevoegd_tot_niets_terug_te_rekenen_is() -> None:
    data = rapport(plannen(), per="gemeente")
    # Velsen 5, Beverwijk 2, Heemskerk 1: "overige" (3) is te klein, dus ook Velsen erin;
    # dan is er niets dan het totaal te tonen, en het rapport zegt waarom.
    assert data["groepen"] == []
    assert data["samengevoegd"] == ["Beverwijk", "Heemskerk", "Velsen"]
    assert data["uitleg"].startswith("Alleen het totaal: van de 3 gemeenten")
    assert data["totaal"]["casussen"] == 8


def test_subtractie_geeft_geen_kleine_groep_terug() -> None:
    """De aanval uit het issue: één kind met een lopende meldcode in een kleine groep, en het
    totaal min de getoonde groepen."""
    data = ([_plan(i, "Velsen") for i in range(6)] + [_plan(10 + i, "Beverwijk") for i in range(5)]
            + [_plan(20, "Uitgeest", meldcode=True)])
    uit = rapport(plannen(data), per="gemeente")
    namen = [g["naam"] for g in uit["groepen"]]
    assert namen == ["Velsen", kw.OVERIGE]
    assert uit["samengevoegd"] == ["Beverwijk", "Uitgeest"]
    getoond = [g for g in uit["groepen"] if g["naam"] != kw.OVERIGE]
    rest = uit["totaal"]["casussen"] - sum(g["casussen"] for g in getoond)
    assert rest == 6 >= uit["drempel"]          # niet de ene casus in Uitgeest
    meldcode = uit["totaal"]["meldcode"]["lopend"] - sum(
        g["indicatoren"]["meldcode"]["lopend"] for g in getoond)
    assert meldcode == 1 and uit["groepen"][1]["casussen"] == 6
    assert "Beverwijk, Uitgeest" in uit["uitleg"]


def test_grafiek_schaal_en_staven() -> None:
    rijen = rapport(plannen())["thuiszitters_per_kwartaal"]
    g = kw.grafiek(rijen)
    rechthoeken = [s for s in g.staven if "kleur" in s]
    assert len(rechthoeken) == 1 + 1 + 3 + 3      # één rechthoek per categorie die niet 0 is
    assert all(0 < s["h"] <= g.hoogte for s in rechthoeken)
    assert [a["waarde"] for a in g.assen] == [0, 1, 2, 3, 4]
    leeg = kw.grafiek([])
    assert leeg.staven == [] and leeg.assen[-1]["waarde"] == 4


def test_json_sleutels() -> None:
    data = rapport(plannen())
    assert list(data) == ["van", "tot", "per", "drempel", "totaal", "groepen", "samengevoegd",
                          "uitleg", "thuiszitters_per_kwartaal"]


def gevarieerd() -> list[Plan]:
    """De fixture, de demo en groepen van elke grootte: elke indicator, elke categorie,
    samengevoegde en getoonde groepen."""
    from jeugdplan.diensten.demo import demo_plannen

    data = fixture_plannen()
    data[0]["acties"].append({"id": "a3", "omschrijving": "zonder eigenaar"})
    data[2]["jeugdhulp"][0]["start"] = D("2026-05-01")     # vóór het signaal
    data[3]["meldcode"] = {"gestart": D("2026-08-01"), "door": "Ilse IB", "besluit": "melden",
                           "afgerond": D("2026-09-30")}
    data += ([p for _rol, p in demo_plannen(D("2026-11-25"))]
             + [_plan(i, "Velsen") for i in range(6)] + [_plan(10 + i, "Beverwijk") for i in range(5)]
             + [_plan(20, "Uitgeest", meldcode=True)])
    return plannen(data)


def test_gevarieerde_plannen_geven_het_vastgelegde_rapport() -> None:
    """Het rapport over een gevarieerde set plannen, per school, per gemeente en over een
    korte periode, vastgelegd in een golden file (gemaakt met het rapport over de hele lijst,
    vóór de berekening per plan)."""
    from tests.rapporten.test_rapporten import vergelijk

    ps = gevarieerd()
    uit = {"per_school": rapport(ps, D("2025-01-01"), per="school"),
           "per_gemeente": rapport(ps, per="gemeente"),
           "kort": rapport(ps, D("2026-07-01"), D("2026-10-15"))}
    assert [g["naam"] for g in uit["per_school"]["groepen"]][-1] == kw.OVERIGE
    vergelijk("kwaliteit-gevarieerd.json", json.dumps(uit))
