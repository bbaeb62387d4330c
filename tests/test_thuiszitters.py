"""De gegevens van het thuiszittersrapport (`thuiszitters.py`), zonder sjablonen."""

from __future__ import annotations

from datetime import date

from jeugdplan.domein.model import Plan
from jeugdplan.domein.thuiszitters import GEEN_SCHOOL, rapport
from jeugdplan.opslag.bronnen import gegevens
from tests.test_reports import fixture_plannen

G = gegevens()

D = date.fromisoformat


def plannen() -> list[Plan]:
    return [Plan.model_validate(p) for p in fixture_plannen()]


def test_totalen_en_volgorde() -> None:
    r = rapport(plannen(), D("2026-11-25"), G)
    assert r.totalen == {"absoluut_verzuim": 1, "relatief_4w_3m": 1, "relatief_3m_plus": 2,
                         "vrijstelling": 1}
    assert r.thuiszitters == 4
    assert [x.id for x in r.leerlingen] == ["2026-AAAA04", "2026-AAAA02", "2026-AAAA03",
                                            "2026-AAAA07", "2026-AAAA05"]
    assert [x.id for x in r.dreigend] == ["2026-AAAA01"]


def test_json_precies_de_afgesproken_velden() -> None:
    data = rapport(plannen(), D("2026-11-25"), G).als_json()
    assert list(data) == ["peildatum", "totalen", "leerlingen"]
    assert list(data["totalen"]) == ["absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus",
                                     "vrijstelling"]
    for regel in data["leerlingen"]:
        assert list(regel) == ["id", "categorie", "sinds", "dagen", "gemeente", "school",
                               "onderwijssoort", "aanbod"]
        assert isinstance(regel["aanbod"], bool)
    assert all(r["categorie"] != "dreigend" for r in data["leerlingen"])


def test_zonder_namen_verlaten_geen_namen_de_module() -> None:
    r = rapport(plannen(), D("2026-11-25"), G)
    assert all(x.naam is None and x.geboortedatum is None for x in r.leerlingen + r.dreigend)
    met = rapport(plannen(), D("2026-11-25"), G, met_namen=True)
    assert met.leerlingen[0].naam == "Daan Fictief"
    assert met.als_json()["leerlingen"][0]["geboortedatum"] == "2013-09-09"


def test_peildatum_in_het_verleden_reproduceerbaar() -> None:
    r = rapport(plannen(), D("2026-03-31"), G)
    assert r.totalen == {"absoluut_verzuim": 0, "relatief_4w_3m": 2, "relatief_3m_plus": 0,
                         "vrijstelling": 0}
    # De afgesloten casus telt op een peildatum vóór de afsluiting wel mee, erna niet.
    assert "2026-AAAA08" in [x.id for x in r.leerlingen]
    assert "2026-AAAA08" not in [x.id for x in rapport(plannen(), D("2026-07-01"), G).leerlingen]


def test_later_vastgelegde_feiten_veranderen_een_oud_rapport_niet() -> None:
    voor = rapport(plannen(), D("2026-06-30"), G).als_json()
    extra = fixture_plannen()
    extra[1]["verzuim"]["afwezigheden"][0]["tot"] = D("2026-11-20")   # later hervat
    extra[3]["verzuim"]["inschrijvingen"].append({"van": D("2026-11-01"), "school": "X"})
    na = rapport([Plan.model_validate(p) for p in extra], D("2026-06-30"), G).als_json()
    assert voor == na


def test_groepen_per_school_en_gemeente() -> None:
    r = rapport(plannen(), D("2026-11-25"), G, per="school")
    assert [g.naam for g in r.groepen] == [GEEN_SCHOOL, "De Brug", "Het Lyceum", "Nova College"]
    assert r.groepen[2].totalen == {"absoluut_verzuim": 0, "relatief_4w_3m": 1,
                                    "relatief_3m_plus": 1, "vrijstelling": 0}
    g = rapport(plannen(), D("2026-11-25"), G, per="gemeente").als_json()
    assert g["per"] == "gemeente"
    assert {x["naam"]: sum(x["totalen"].values()) for x in g["groepen"]} == {
        "Beverwijk": 2, "Heemskerk": 1, "Velsen": 2}


def test_leeg() -> None:
    r = rapport([], D("2026-11-25"), G)
    assert r.totalen == dict.fromkeys(r.totalen, 0) and r.leerlingen == [] and r.dreigend == []
