"""Kwaliteitsindicatoren (`kwaliteit.py`): totalen, kwartalen, kleine groepen, grafiek."""

from __future__ import annotations

from datetime import date

from jeugdplan.domein import kwaliteit as kw
from jeugdplan.domein.model import Plan
from jeugdplan.opslag.bronnen import gegevens
from tests.test_reports import fixture_plannen

G = gegevens()

G = gegevens()

D = date.fromisoformat
VAN, TOT = D("2026-01-01"), D("2026-11-25")


def plannen() -> list[Plan]:
    return [Plan.model_validate(p) for p in fixture_plannen()]


def test_indicatoren_over_de_fixture() -> None:
    i = kw.indicatoren(plannen(), VAN, TOT)
    assert (i["casussen"], i["geopend"], i["gesloten"], i["open_op_einde"]) == (8, 8, 1, 7)
    # Eerste hulp: AAAA01 13 dagen, AAAA03 42, AAAA07 21 (verwijzing), AAAA08 36.
    assert i["signaal_tot_hulp"] == {"aantal": 4, "mediaan_dagen": 28.5, "gemiddeld_dagen": 28.0,
                                     "zonder_hulp": 1}
    assert i["hulp"] == {"licht": 2, "specialistisch": 1}
    assert i["over_tijd"] == {"acties": 1, "evaluaties": 1, "opp_evaluaties": 1}
    assert i["meldcode"] == {"gestart": 2, "afgerond": 1, "lopend": 1, "mediaan_duur_dagen": 45.0,
                             "besluiten": {"afsluiten": 0, "melden": 0, "hulp": 1}}


def test_periode_beperkt_de_telling() -> None:
    i = kw.indicatoren(plannen(), D("2026-01-01"), D("2026-03-31"))
    assert (i["casussen"], i["geopend"], i["gesloten"]) == (2, 2, 0)
    assert i["signaal_tot_hulp"]["aantal"] == 1
    # Op 31 maart was de actie van AAAA01 nog niet eens aangemaakt: niets over tijd.
    assert i["over_tijd"] == {"acties": 0, "evaluaties": 0, "opp_evaluaties": 0}


def test_actie_gedaan_na_de_einddatum_was_toen_over_tijd() -> None:
    data = fixture_plannen()
    data[0]["acties"][1]["gedaan"] = D("2026-11-20")
    ps = [Plan.model_validate(p) for p in data]
    assert kw.indicatoren(ps, VAN, D("2026-11-10"))["over_tijd"]["acties"] == 1
    assert kw.indicatoren(ps, VAN, TOT)["over_tijd"]["acties"] == 0


def test_kwartalen() -> None:
    assert kw.kwartalen(D("2025-11-26"), D("2026-04-02")) == [
        ("2025 K4", D("2025-12-31")), ("2026 K1", D("2026-03-31")), ("2026 K2", D("2026-04-02"))]
    assert kw.kwartalen(D("2026-07-01"), D("2026-07-01")) == [("2026 K3", D("2026-07-01"))]


def test_thuiszitters_per_kwartaal() -> None:
    rijen = kw.thuiszitters_per_kwartaal(plannen(), VAN, TOT, G)
    assert [(r["kwartaal"], r["relatief_4w_3m"], r["relatief_3m_plus"]) for r in rijen] == [
        ("2026 K1", 2, 0), ("2026 K2", 1, 0), ("2026 K3", 1, 1), ("2026 K4", 1, 2)]


def test_kleine_groepen_samengevoegd_en_onderdrukt() -> None:
    data = kw.rapport(plannen(), VAN, TOT, G, per="school")
    # Geen school heeft 5 casussen: alles in "overige" (8 casussen, groot genoeg).
    assert [(g["naam"], g["casussen"], g["klein"]) for g in data["groepen"]] == [
        (kw.OVERIGE, 8, False)]
    data = kw.rapport(plannen(), VAN, TOT, G, per="gemeente")
    assert [(g["naam"], g["casussen"], g["klein"]) for g in data["groepen"]] == [
        ("Velsen", 5, False), (kw.OVERIGE, None, True)]
    assert data["groepen"][1]["indicatoren"] is None
    assert data["totaal"]["casussen"] == 8


def test_grafiek_schaal_en_staven() -> None:
    rijen = kw.thuiszitters_per_kwartaal(plannen(), VAN, TOT, G)
    g = kw.grafiek(rijen)
    rechthoeken = [s for s in g.staven if "kleur" in s]
    assert len(rechthoeken) == 1 + 1 + 3 + 3      # één rechthoek per categorie die niet 0 is
    assert all(0 < s["h"] <= g.hoogte for s in rechthoeken)
    assert [a["waarde"] for a in g.assen] == [0, 1, 2, 3, 4]
    leeg = kw.grafiek([])
    assert leeg.staven == [] and leeg.assen[-1]["waarde"] == 4


def test_json_sleutels() -> None:
    data = kw.rapport(plannen(), VAN, TOT, G)
    assert list(data) == ["van", "tot", "per", "drempel", "totaal", "groepen",
                          "thuiszitters_per_kwartaal"]
