"""De gegevens van het thuiszittersrapport (`thuiszitters.py`) en de onderdrukking van kleine
aantallen (`onderdrukking.py`), zonder sjablonen."""

from __future__ import annotations

from datetime import date
from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from jeugdplan.diensten.regio import laad_regio
from jeugdplan.domein.kalender import kalender
from jeugdplan.domein.model import Plan
from jeugdplan.domein.onderdrukking import onderdruk_cellen, voeg_samen
from jeugdplan.domein.thuiszitters import GEEN_SCHOOL, rapport
from jeugdplan.domein.verzuim import GETELD
from jeugdplan.opslag.bronnen import gegevens
from tests.voorbeelden import fixture_plannen

G = gegevens()
KAL = kalender(G, laad_regio("ijmond"))

D = date.fromisoformat


def plannen() -> list[Plan]:
    return [Plan.model_validate(p) for p in fixture_plannen()]


def test_totalen_en_volgorde() -> None:
    r = rapport(plannen(), D("2026-11-25"), G, KAL)
    assert r.totalen == {"absoluut_verzuim": 1, "relatief_4w_3m": 1, "relatief_3m_plus": 2,
                         "vrijstelling": 1}
    assert r.thuiszitters == 4
    assert r.zonder_aanbod_3m == 1          # AAAA07: langer dan 3 maanden, geen aanbod
    assert [x.id for x in r.leerlingen] == ["2026-AAAA04", "2026-AAAA02", "2026-AAAA03",
                                            "2026-AAAA07", "2026-AAAA05"]
    assert [x.id for x in r.dreigend] == ["2026-AAAA01"]


def test_json_standaard_zonder_leerlingen() -> None:
    data = rapport(plannen(), D("2026-11-25"), G, KAL).als_json()
    assert list(data) == ["peildatum", "intern", "totalen", "thuiszitters",
                          "langer_dan_3_maanden_zonder_aanbod", "dreigend", "telling"]
    assert data["intern"] is False and data["dreigend"] == 1
    assert list(data["totalen"]) == ["absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus",
                                     "vrijstelling"]


def test_json_per_leerling_intern_met_artikel() -> None:
    data = rapport(plannen(), D("2026-11-25"), G, KAL, per_leerling=True).als_json()
    assert data["intern"] is True
    for regel in data["leerlingen"]:
        assert list(regel) == ["id", "categorie", "sinds", "dagen", "dagen_schooltijd",
                               "gemeente", "school", "onderwijssoort", "aanbod", "artikel"]
        assert isinstance(regel["aanbod"], bool)
    assert all(r["categorie"] != "dreigend" for r in data["leerlingen"])
    assert {r["id"]: r["artikel"] for r in data["leerlingen"]}["2026-AAAA05"] == "lpw_5_onder_a"
    assert [r["id"] for r in data["dreigend_leerlingen"]] == ["2026-AAAA01"]


def test_zonder_namen_verlaten_geen_namen_de_module() -> None:
    r = rapport(plannen(), D("2026-11-25"), G, KAL, per_leerling=True)
    assert all(x.naam is None and x.geboortedatum is None for x in r.leerlingen + r.dreigend)
    met = rapport(plannen(), D("2026-11-25"), G, KAL, per_leerling=True, met_namen=True)
    assert met.leerlingen[0].naam == "Daan Fictief"
    assert met.als_json()["leerlingen"][0]["geboortedatum"] == "2013-09-09"
    # Namen alleen bij rijen per leerling.
    assert rapport(plannen(), D("2026-11-25"), G, KAL, met_namen=True).met_namen is False


def test_peildatum_in_het_verleden_reproduceerbaar() -> None:
    r = rapport(plannen(), D("2026-03-31"), G, KAL)
    assert r.totalen == {"absoluut_verzuim": 0, "relatief_4w_3m": 2, "relatief_3m_plus": 0,
                         "vrijstelling": 0}
    # De afgesloten casus telt op een peildatum vóór de afsluiting wel mee, erna niet.
    assert "2026-AAAA08" in [x.id for x in r.leerlingen]
    assert "2026-AAAA08" not in [x.id for x in rapport(plannen(), D("2026-07-01"), G,
                                                       KAL).leerlingen]


def test_later_vastgelegde_feiten_veranderen_een_oud_rapport_niet() -> None:
    voor = rapport(plannen(), D("2026-06-30"), G, KAL, per_leerling=True).als_json()
    extra = fixture_plannen()
    extra[1]["verzuim"]["afwezigheden"][0]["tot"] = D("2026-11-20")   # later hervat
    extra[3]["verzuim"]["inschrijvingen"].append({"van": D("2026-11-01"), "school": "X"})
    na = rapport([Plan.model_validate(p) for p in extra], D("2026-06-30"), G, KAL,
                 per_leerling=True).als_json()
    assert voor == na


def test_groepen_per_school_intern_exact() -> None:
    r = rapport(plannen(), D("2026-11-25"), G, KAL, per="school", per_leerling=True)
    assert [g.naam for g in r.groepen] == [GEEN_SCHOOL, "De Brug", "Het Lyceum", "Nova College"]
    assert r.groepen[2].totalen == {"absoluut_verzuim": 0, "relatief_4w_3m": 1,
                                    "relatief_3m_plus": 1, "vrijstelling": 0}
    g = rapport(plannen(), D("2026-11-25"), G, KAL, per="gemeente", per_leerling=True).als_json()
    assert g["per"] == "gemeente"
    assert {x["naam"]: sum(x["totalen"].values()) for x in g["groepen"]} == {
        "Beverwijk": 2, "Heemskerk": 1, "Velsen": 2}


def test_groepen_naar_buiten_zonder_kleine_aantallen() -> None:
    r = rapport(plannen(), D("2026-11-25"), G, KAL, per="gemeente")
    # Elke cel is 0 of 1: elke 1 is verborgen, en per kolom nog een tweede.
    for gr in r.groepen:
        assert all(v in (0, None) for v in gr.totalen.values())
    _niet_terug_te_rekenen(r.totalen, [gr.totalen for gr in r.groepen])
    assert r.onderdrukt and r.als_json()["drempel"] == 5


def _niet_terug_te_rekenen(totalen: dict[str, int], rijen: list[dict[str, int | None]]) -> None:
    """De aanval: totaal min de getoonde aantallen. Elke kolom met een verborgen aantal heeft
    er ten minste twee, dus de rest valt niet op één cel terug te voeren."""
    for c in GETELD:
        verborgen = [r[c] for r in rijen if r[c] is None]
        getoond = sum(r[c] for r in rijen if r[c] is not None)  # type: ignore[misc]
        assert len(verborgen) != 1, f"kolom {c}: één verborgen aantal = {totalen[c] - getoond}"


def test_onderdrukking_kolom_met_een_klein_aantal() -> None:
    rijen = [{"a": 1, "b": 7}, {"a": 9, "b": 0}, {"a": 12, "b": 6}]
    uit = onderdruk_cellen(rijen, ["a", "b"], 5)
    assert uit == [{"a": None, "b": 7}, {"a": None, "b": 0}, {"a": 12, "b": 6}]
    # Eén groep: elke cel is het totaal, dus de hele groep blijft weg.
    assert onderdruk_cellen([{"a": 2, "b": 9}], ["a", "b"], 5) == [{"a": None, "b": None}]
    assert onderdruk_cellen([{"a": 0, "b": 9}], ["a", "b"], 5) == [{"a": 0, "b": 9}]


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=1, max_size=6))
def test_onderdrukking_nooit_terug_te_rekenen(waarden: list[tuple[int, int]]) -> None:
    rijen = [{"a": a, "b": b} for a, b in waarden]
    uit = onderdruk_cellen(rijen, ["a", "b"], 5)
    for rij, origineel in zip(uit, rijen, strict=True):
        for k in ("a", "b"):
            assert rij[k] is None or rij[k] == origineel[k]
            assert not (0 < origineel[k] < 5) or rij[k] is None
    for k in ("a", "b"):
        assert len(uit) == 1 or sum(1 for r in uit if r[k] is None) != 1


def test_voeg_samen_tot_overige_groot_genoeg_is() -> None:
    groepen = {"A": [1] * 9, "B": [1] * 6, "C": [1] * 2, "D": [1]}
    getoond, overige = voeg_samen(groepen, 5)
    # C en D samen (3) zijn te klein: ook de kleinste getoonde groep (B) gaat erin.
    assert [n for n, _ in getoond] == ["A"] and overige == ["B", "C", "D"]
    assert voeg_samen({"A": [1] * 3, "B": [1] * 4}, 5) == ([], ["A", "B"])
    assert voeg_samen({"A": [1] * 5, "B": [1] * 5}, 5) == ([("A", [1] * 5), ("B", [1] * 5)], [])


@given(st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(1, 12), min_size=1))
def test_voeg_samen_eigenschappen(groottes: dict[str, int]) -> None:
    groepen = {n: list(range(k)) for n, k in groottes.items()}
    getoond, overige = voeg_samen(groepen, 5)
    assert all(len(leden) >= 5 for _n, leden in getoond)
    assert sorted([n for n, _ in getoond] + overige) == sorted(groepen)
    if getoond and overige:
        assert sum(groottes[n] for n in overige) >= 5


def test_leeg() -> None:
    r = rapport([], D("2026-11-25"), G, KAL)
    assert r.totalen == dict.fromkeys(r.totalen, 0) and r.leerlingen == [] and r.dreigend == []


def test_alle_combinaties_van_twee_groepen() -> None:
    for a, b in product(range(7), repeat=2):
        uit = onderdruk_cellen([{"x": a}, {"x": b}], ["x"], 5)
        verborgen = [r["x"] for r in uit].count(None)
        assert verborgen in (0, 2)
        assert (verborgen == 2) == (0 < a < 5 or 0 < b < 5)
