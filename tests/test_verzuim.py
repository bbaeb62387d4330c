"""De leerplicht- en thuiszittersclassificatie van `verzuim.py`, los van de opdrachtregel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jeugdplan.domein import verzuim as v
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import Aanbod, Inschrijving, Kind, Periode, Plan, Vrijstelling
from jeugdplan.opslag.bronnen import gegevens

G = gegevens()

D = date.fromisoformat
VANDAAG = D("2026-11-25")


def plan(geboren: str = "2014-03-10", **verzuim: object) -> Plan:
    p = Plan(id="2026-TEST01", aangemeld=D("2026-01-05"), kind=Kind(
        voornaam="Sanne", achternaam="de Vries", geboortedatum=D(geboren), gemeente="Velsen",
        school="De Windroos", onderwijssoort="po"))
    for sleutel, waarde in verzuim.items():
        setattr(p.verzuim, sleutel, waarde)
    return p


# --- leerplicht en kwalificatieplicht -------------------------------------------------------

@pytest.mark.parametrize(("geboren", "begin"), [
    ("2020-03-10", "2025-04-01"),   # 5 op 10 maart -> 1 april
    ("2020-03-01", "2025-04-01"),   # ook op de 1e: de maand ná de verjaardag
    ("2020-12-31", "2026-01-01"),   # jaarwisseling
    ("2020-02-29", "2025-04-01"),   # schrikkeldag: 5 op 1 maart 2025
])
def test_leerplicht_begin(geboren: str, begin: str) -> None:
    assert v.leerplicht_begin(D(geboren), G) == D(begin)


@pytest.mark.parametrize(("geboren", "einde"), [
    ("2010-03-10", "2026-07-31"),   # 16 in maart 2026: schooljaar 2025/26
    ("2010-07-31", "2026-07-31"),   # 16 op de laatste dag van het schooljaar
    ("2010-08-01", "2027-07-31"),   # 16 op de eerste dag van een nieuw schooljaar
    ("2010-12-05", "2027-07-31"),
])
def test_leerplicht_einde(geboren: str, einde: str) -> None:
    assert v.leerplicht_einde(D(geboren), G) == D(einde)


def test_plicht_verloop() -> None:
    p = plan("2010-03-10")
    assert v.plicht(p, D("2015-03-31"), G) is None
    assert v.plicht(p, D("2015-04-01"), G) == "leerplichtig"
    assert v.plicht(p, D("2026-07-31"), G) == "leerplichtig"
    assert v.plicht(p, D("2026-08-01"), G) == "kwalificatieplichtig"
    assert v.plicht(p, D("2028-03-09"), G) == "kwalificatieplichtig"
    assert v.plicht(p, D("2028-03-10"), G) is None      # 18 jaar


def test_startkwalificatie_beeindigt_kwalificatieplicht_vanaf_de_datum() -> None:
    p = plan("2010-03-10", startkwalificatie=D("2027-06-30"))
    assert v.plicht(p, D("2027-06-29"), G) == "kwalificatieplichtig"
    assert v.plicht(p, D("2027-06-30"), G) is None
    # Tijdens de leerplicht verandert een startkwalificatie niets.
    p2 = plan("2010-03-10", startkwalificatie=D("2026-06-01"))
    assert v.plicht(p2, D("2026-06-15"), G) == "leerplichtig"


@given(st.dates(min_value=D("1990-01-01"), max_value=D("2030-12-31")))
def test_plicht_grenzen_eigenschappen(geboren: date) -> None:
    begin = v.leerplicht_begin(geboren, G)
    einde = v.leerplicht_einde(geboren, G)
    assert begin.day == 1 and begin > v.verjaardag(geboren, 5)
    assert einde.month == 7 and einde.day == 31
    assert v.verjaardag(geboren, 16) <= einde < v.verjaardag(geboren, 17)
    assert einde < v.kwalificatieplicht_einde(geboren, G)


# --- categorieën ----------------------------------------------------------------------------

def test_zonder_verzuim_geen_categorie() -> None:
    assert v.classificeer(plan(), VANDAAG, G) is None


def test_zonder_inschrijvingen_ingeschreven_op_kind_school() -> None:
    p = plan()
    assert v.school_op(p, VANDAAG) == "De Windroos"
    assert v.inschrijving_op(p, VANDAAG) is None  # er is geen inschrijving vastgelegd


def test_grenzen_vier_weken_en_drie_maanden() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-10-01"))])
    # 28 dagen (1 t/m 28 oktober): dreigend
    s = v.classificeer(p, D("2026-10-28"), G)
    assert s is not None and (s.categorie, s.dagen) == ("dreigend", 28)
    # 29 dagen: meer dan 4 weken
    s = v.classificeer(p, D("2026-10-29"), G)
    assert s is not None and (s.categorie, s.dagen) == ("relatief_4w_3m", 29)
    # 3 kalendermaanden: 1 oktober t/m 31 december
    assert v.classificeer(p, D("2026-12-31"), G).categorie == "relatief_4w_3m"  # type: ignore[union-attr]
    assert v.classificeer(p, D("2027-01-01"), G).categorie == "relatief_3m_plus"  # type: ignore[union-attr]
    assert v.classificeer(p, D("2026-09-30"), G) is None


def test_drie_maanden_met_korte_maand() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-11-30"))])
    assert v.plus_maanden(D("2026-11-30"), 3) == D("2027-02-28")
    assert v.classificeer(p, D("2027-02-27"), G).categorie == "relatief_4w_3m"  # type: ignore[union-attr]
    assert v.classificeer(p, D("2027-02-28"), G).categorie == "relatief_3m_plus"  # type: ignore[union-attr]


def test_hervat_afwezigheid_telt_niet_meer() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-06-01"), tot=D("2026-09-15"))])
    assert v.classificeer(p, D("2026-09-14"), G).categorie == "relatief_3m_plus"  # type: ignore[union-attr]
    assert v.classificeer(p, D("2026-09-15"), G) is None


def test_absoluut_verzuim_sinds_uitschrijving() -> None:
    p = plan(inschrijvingen=[Inschrijving(school="De Windroos", tot=D("2026-09-01"))])
    s = v.classificeer(p, VANDAAG, G)
    assert s is not None
    assert (s.categorie, s.sinds, s.school) == ("absoluut_verzuim", D("2026-09-01"), None)
    assert s.dagen == (VANDAAG - D("2026-09-01")).days + 1
    assert v.classificeer(p, D("2026-08-31"), G) is None


def test_nooit_ingeschreven_sinds_begin_leerplicht() -> None:
    p = plan("2021-02-10", inschrijvingen=[Inschrijving(school="X", van=D("2027-01-01"))])
    s = v.classificeer(p, VANDAAG, G)
    assert s is not None and s.categorie == "absoluut_verzuim" and s.sinds == D("2026-03-01")


def test_vrijstelling_gaat_voor_en_telt_apart() -> None:
    p = plan(inschrijvingen=[Inschrijving(school="X", tot=D("2026-09-01"))],
             vrijstellingen=[Vrijstelling(artikel="5a", van=D("2026-09-01"),
                                          tot=D("2027-07-01"))])
    s = v.classificeer(p, VANDAAG, G)
    assert s is not None and s.categorie == "vrijstelling" and s.artikel == "5a"
    # Na het einde van de vrijstelling: absoluut verzuim.
    assert v.classificeer(p, D("2027-07-01"), G).categorie == "absoluut_verzuim"  # type: ignore[union-attr]


def test_niet_plichtig_telt_nooit_mee() -> None:
    jong = plan("2022-06-01", inschrijvingen=[Inschrijving(school="X", tot=D("2026-09-01"))])
    assert v.classificeer(jong, VANDAAG, G) is None
    oud = plan("2008-01-01", afwezigheden=[Periode(van=D("2025-09-01"))])
    assert v.classificeer(oud, VANDAAG, G) is None          # 18 geworden
    skw = plan("2009-05-01", startkwalificatie=D("2026-07-01"),
               afwezigheden=[Periode(van=D("2026-09-01"))])
    assert v.classificeer(skw, VANDAAG, G) is None          # startkwalificatie


def test_kwalificatieplichtig_telt_mee() -> None:
    p = plan("2009-05-01", afwezigheden=[Periode(van=D("2026-09-01"))])
    s = v.classificeer(p, VANDAAG, G)
    assert s is not None and s.plicht == "kwalificatieplichtig"
    assert s.categorie == "relatief_4w_3m"


def test_peildatum_in_het_verleden_negeert_latere_feiten() -> None:
    p = plan(
        afwezigheden=[Periode(van=D("2026-03-01"), tot=D("2026-09-01"))],
        inschrijvingen=[Inschrijving(school="X", tot=D("2026-10-01"))],
        vrijstellingen=[Vrijstelling(artikel="5a", van=D("2026-11-01"))],
        aanbod=[Aanbod(van=D("2026-05-01"), omschrijving="zorgboerderij")],
    )
    s1 = v.classificeer(p, D("2026-04-15"), G)
    assert s1 is not None and (s1.categorie, s1.aanbod) == ("relatief_4w_3m", False)
    s2 = v.classificeer(p, D("2026-06-30"), G)
    assert s2 is not None and (s2.categorie, s2.aanbod) == ("relatief_3m_plus", True)
    assert v.classificeer(p, D("2026-09-15"), G) is None
    assert v.classificeer(p, D("2026-10-15"), G).categorie == "absoluut_verzuim"  # type: ignore[union-attr]
    assert v.classificeer(p, D("2026-11-15"), G).categorie == "vrijstelling"  # type: ignore[union-attr]


def test_afwezig_voor_begin_leerplicht_telt_vanaf_begin() -> None:
    p = plan("2021-05-20", afwezigheden=[Periode(van=D("2026-05-01"))])
    s = v.classificeer(p, D("2026-06-20"), G)
    assert s is not None and s.sinds == D("2026-06-01") and s.categorie == "dreigend"


def test_periode_met_einde_voor_begin_ongeldig() -> None:
    with pytest.raises(ValueError, match="ligt vóór het begin"):
        Periode(van=D("2026-02-01"), tot=D("2026-01-01"))


def test_vrijstellingsartikelen_met_bron() -> None:
    artikelen = v.vrijstellingsartikelen(G)
    assert set(artikelen) == {"5a", "5b", "5c", "15", "3a", "3b"}
    assert all(a.bron and a.omschrijving for a in artikelen.values())


# --- bewerkingen ----------------------------------------------------------------------------

def test_afwezig_en_hervat() -> None:
    p = plan()
    assert v.afwezig(p, sinds=D("2026-10-01"), vandaag=VANDAAG).startswith("verzuim:")
    with pytest.raises(JeugdplanError, match="er loopt al een afwezigheid sinds 2026-10-01"):
        v.afwezig(p, sinds=D("2026-10-05"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="ligt niet na het begin"):
        v.hervat(p, datum=D("2026-10-01"), vandaag=VANDAAG)
    v.hervat(p, datum=D("2026-10-20"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="er loopt geen afwezigheid"):
        v.hervat(p, datum=D("2026-10-21"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="valt in een eerdere afwezigheid"):
        v.afwezig(p, sinds=D("2026-10-10"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="latere afwezigheid"):
        v.afwezig(p, sinds=D("2026-09-10"), vandaag=VANDAAG)


def test_afwezig_refuses() -> None:
    p = plan()
    with pytest.raises(JeugdplanError, match="vóór de geboortedatum"):
        v.afwezig(p, sinds=D("2013-01-01"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="in de toekomst"):
        v.afwezig(p, sinds=VANDAAG + timedelta(days=1), vandaag=VANDAAG)
    v.uitschrijving(p, datum=D("2026-09-01"))
    with pytest.raises(JeugdplanError, match="op geen school ingeschreven"):
        v.afwezig(p, sinds=D("2026-10-01"), vandaag=VANDAAG)


def test_uitschrijving_sluit_afwezigheid_en_inschrijving() -> None:
    p = plan()
    v.afwezig(p, sinds=D("2026-09-01"), vandaag=VANDAAG)
    bericht = v.uitschrijving(p, datum=D("2026-10-01"))
    assert "afwezigheid sinds 2026-09-01 beëindigd" in bericht
    assert p.verzuim.afwezigheden[0].tot == D("2026-10-01")
    assert p.verzuim.inschrijvingen == [Inschrijving(id="in1", school="De Windroos",
                                                     tot=D("2026-10-01"))]
    with pytest.raises(JeugdplanError, match="al op geen school ingeschreven"):
        v.uitschrijving(p, datum=D("2026-10-05"))
    v.inschrijving(p, datum=D("2026-11-01"), school="Y", vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="latere inschrijving"):
        v.inschrijving(p, datum=D("2026-10-15"), school="Z", vandaag=VANDAAG)
    assert p.kind.school == "Y"
    with pytest.raises(JeugdplanError, match="al ingeschreven op Y"):
        v.inschrijving(p, datum=D("2026-11-10"), school=None, vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="ligt niet na de inschrijving"):
        v.uitschrijving(p, datum=D("2026-11-01"))


def test_uitschrijving_voor_latere_afwezigheid_geweigerd() -> None:
    p = plan()
    v.afwezig(p, sinds=D("2026-10-01"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="afwezigheid vastgelegd vanaf 2026-10-01"):
        v.uitschrijving(p, datum=D("2026-09-01"))


def test_vrijstelling_bewerking() -> None:
    p = plan()
    assert v.vrijstelling(p, artikel="Art. 5 sub a", van=D("2026-09-01"), tot=None, g=G) == \
        "verzuim: vrijstelling art. 5a vanaf 2026-09-01"
    with pytest.raises(JeugdplanError, match="overlapt met de vrijstelling art. 5a"):
        v.vrijstelling(p, artikel="15", van=D("2026-10-01"), tot=D("2026-12-01"), g=G)
    with pytest.raises(JeugdplanError, match="onbekend artikel '11'"):
        v.vrijstelling(p, artikel="11", van=D("2026-10-01"), tot=None, g=G)
    with pytest.raises(JeugdplanError, match="ligt niet na het begin"):
        v.vrijstelling(plan(), artikel="5b", van=D("2026-10-01"), tot=D("2026-10-01"), g=G)


def test_startkwalificatie_en_aanbod() -> None:
    p = plan()
    v.startkwalificatie(p, datum=D("2026-07-01"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="al een startkwalificatie"):
        v.startkwalificatie(p, datum=D("2026-07-02"), vandaag=VANDAAG)
    v.aanbod(p, omschrijving="zorgboerderij", van=D("2026-10-01"), tot=None)
    assert v.aanbod_op(p, D("2026-10-01")) and not v.aanbod_op(p, D("2026-09-30"))
    with pytest.raises(JeugdplanError, match="vóór de geboortedatum"):
        v.aanbod(p, omschrijving="x", van=D("2000-01-01"), tot=None)


def test_afgesloten_plan_wijzigt_niet() -> None:
    p = plan()
    p.status, p.afgesloten = "afgesloten", D("2026-06-01")
    with pytest.raises(JeugdplanError, match="afgesloten"):
        v.afwezig(p, sinds=D("2026-10-01"), vandaag=VANDAAG)


def test_tegenstrijdigheden_na_handmatig_bewerken() -> None:
    assert v.tegenstrijdigheden(plan(), G) == []
    p = plan(
        afwezigheden=[Periode(van=D("2026-09-01")), Periode(van=D("2026-10-01"))],
        inschrijvingen=[Inschrijving(school="X", tot=D("2026-08-01")),
                        Inschrijving(school="Y", van=D("2026-07-01"))],
        vrijstellingen=[Vrijstelling(artikel="99", van=D("2026-01-01"))],
        startkwalificatie=D("2000-01-01"),
    )
    assert v.tegenstrijdigheden(p, G) == [
        "afwezigheden overlappen (2026-09-01 tot ... en 2026-10-01 tot ...)",
        "inschrijvingen overlappen (... tot 2026-08-01 en 2026-07-01 tot ...)",
        "vrijstelling met onbekend artikel '99'",
        "een verzuimdatum ligt vóór de geboortedatum",
    ]
    zonder = plan(inschrijvingen=[Inschrijving(school="X", tot=D("2026-08-01"))],
                  afwezigheden=[Periode(van=D("2026-09-01")), Periode(tot=D("2026-01-01"))])
    assert v.tegenstrijdigheden(zonder, G) == [
        "afwezig vanaf 2026-09-01 terwijl het kind op geen school is ingeschreven",
        "een afwezigheid zonder begindatum (van) telt niet mee",
    ]


@given(st.dates(min_value=D("2024-01-01"), max_value=D("2027-06-01")),
       st.integers(min_value=0, max_value=400))
def test_categorie_loopt_op_met_de_duur(sinds: date, extra: int) -> None:
    """Hoe langer afwezig, hoe zwaarder de categorie; de grenzen volgen de definities."""
    p = plan("2012-01-01", afwezigheden=[Periode(van=sinds)])
    volgorde = [None, "dreigend", "relatief_4w_3m", "relatief_3m_plus"]
    vorige = 0
    for dag in (sinds, sinds + timedelta(days=extra)):
        s = v.classificeer(p, dag, G)
        categorie = s.categorie if s else None
        assert volgorde.index(categorie) >= vorige
        vorige = volgorde.index(categorie)
        if s is not None:
            assert s.dagen == (dag - sinds).days + 1
            assert (s.categorie == "dreigend") == ((dag - sinds).days < 28)
            assert (s.categorie == "relatief_3m_plus") == (dag >= v.plus_maanden(sinds, 3))
