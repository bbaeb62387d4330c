"""De leerplicht- en thuiszittersclassificatie van `verzuim.py` in schooltijd, los van de
opdrachtregel: plichten, categorieën, gronden, de 16-urenregel en de bewerkingen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jeugdplan.diensten.regio import laad_regio
from jeugdplan.domein import verzuim as v
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.kalender import kalender
from jeugdplan.domein.model import (
    Aanbod,
    DeelsAfwezig,
    Inschrijving,
    Kind,
    Periode,
    Plan,
    Vrijstelling,
)
from jeugdplan.opslag.bronnen import gegevens

G = gegevens()
KAL = kalender(G, laad_regio("ijmond"))
SK = KAL.voor(school="De Windroos", gemeente="Velsen", onderwijssoort="po")

D = date.fromisoformat
VANDAAG = D("2026-11-25")


def plan(geboren: str = "2014-03-10", school: str | None = "De Windroos",
         **verzuim: object) -> Plan:
    p = Plan(id="2026-TEST01", aangemeld=D("2026-01-05"), kind=Kind(
        voornaam="Sanne", achternaam="de Vries", geboortedatum=D(geboren), gemeente="Velsen",
        school=school, onderwijssoort="po"))
    for sleutel, waarde in verzuim.items():
        setattr(p.verzuim, sleutel, waarde)
    return p


def stand(p: Plan, dag: str | date) -> v.Stand | None:
    return v.classificeer(p, D(dag) if isinstance(dag, str) else dag, G, KAL)


def categorie(p: Plan, dag: str) -> str | None:
    s = stand(p, dag)
    return s.categorie if s else None


# --- leerplicht en kwalificatieplicht -------------------------------------------------------

@pytest.mark.parametrize(("geboren", "begin"), [
    ("2020-03-10", "2025-04-01"),   # 5 op 10 maart -> 1 april (dinsdag; geen vakantiegegevens)
    ("2020-03-01", "2025-04-01"),   # ook op de 1e: de maand ná de verjaardag
    ("2020-02-29", "2025-04-01"),   # schrikkeldag: 5 op 1 maart 2025
    ("2020-12-31", "2026-01-05"),   # 1 januari: Nieuwjaar en kerstvakantie -> maandag 5 januari
    ("2021-01-10", "2026-02-02"),   # 1 februari 2026 is een zondag
    ("2021-02-10", "2026-03-02"),   # 1 maart: zondag en voorjaarsvakantie (noord)
    ("2021-06-15", "2026-07-01"),   # een gewone lesdag
    ("2021-07-15", "2026-08-17"),   # 1 augustus: zomervakantie noord tot en met 16 augustus
])
def test_leerplicht_begint_op_de_eerste_schooldag(geboren: str, begin: str) -> None:
    assert v.leerplicht_begin(D(geboren), G, SK) == D(begin)


def test_leerplicht_begin_in_een_andere_vakantieregio() -> None:
    zuid = KAL.voor(school=None, gemeente="Onbekend", onderwijssoort="po")
    assert zuid.regio == "noord"  # de regiobrede vakantieregio van IJmond
    assert v.leerplicht_begin(D("2021-07-15"), G, None) == D("2026-08-03")  # zonder kalender


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
    assert v.plicht(p, D("2015-03-31"), G, KAL) is None
    assert v.plicht(p, D("2015-04-01"), G, KAL) == "leerplichtig"
    assert v.plicht(p, D("2026-07-31"), G, KAL) == "leerplichtig"
    assert v.plicht(p, D("2026-08-01"), G, KAL) == "kwalificatieplichtig"
    assert v.plicht(p, D("2028-03-09"), G, KAL) == "kwalificatieplichtig"
    assert v.plicht(p, D("2028-03-10"), G, KAL) is None      # 18 jaar


def test_startkwalificatie_beeindigt_kwalificatieplicht_vanaf_de_datum() -> None:
    p = plan("2010-03-10", startkwalificatie=D("2027-06-30"))
    assert v.plicht(p, D("2027-06-29"), G, KAL) == "kwalificatieplichtig"
    assert v.plicht(p, D("2027-06-30"), G, KAL) is None
    # Tijdens de leerplicht verandert een startkwalificatie niets.
    p2 = plan("2010-03-10", startkwalificatie=D("2026-06-01"))
    assert v.plicht(p2, D("2026-06-15"), G, KAL) == "leerplichtig"


def test_twaalf_schooljaren_beeindigen_de_leerplicht_niet_de_kwalificatieplicht() -> None:
    # 15 jaar, twaalf volledige schooljaren op 31 juli 2026, niet ingeschreven.
    p = plan("2011-05-01", inschrijvingen=[Inschrijving(school="X", tot=D("2026-07-18"))])
    assert categorie(p, "2026-11-25") == "absoluut_verzuim"  # leerplichtig tot 31 juli 2027
    v.twaalf_schooljaren(p, datum=D("2026-07-31"), g=G)
    assert v.plicht(p, D("2026-07-31"), G, KAL) == "leerplichtig"
    assert v.plicht(p, D("2026-08-01"), G, KAL) == "kwalificatieplichtig"
    assert categorie(p, "2026-11-25") == "absoluut_verzuim"  # kwalificatieplichtig
    # Met een havodiploma (startkwalificatie) is er geen plicht meer: telt niet mee.
    v.startkwalificatie(p, datum=D("2026-07-10"), vandaag=VANDAAG)
    assert stand(p, "2026-11-25") is None


@pytest.mark.parametrize(("datum", "melding"), [
    ("2026-06-30", "is niet het einde van een schooljaar"),
    ("2027-07-31", "verandert niets: de leerplicht eindigt al op 2027-07-31"),
])
def test_twaalf_schooljaren_weigert(datum: str, melding: str) -> None:
    with pytest.raises(JeugdplanError, match=melding):
        v.twaalf_schooljaren(plan("2011-05-01"), datum=D(datum), g=G)


def test_nieuwkomer_plichtig_vanaf_inschrijving_in_de_gemeente() -> None:
    p = plan("2016-02-02", school=None)
    assert stand(p, "2026-11-25").sinds == D("2021-03-01")  # type: ignore[union-attr]
    v.nieuwkomer(p, datum=D("2026-10-12"), vandaag=VANDAAG)
    assert stand(p, "2026-10-11") is None
    s = stand(p, "2026-11-25")
    assert s is not None and (s.categorie, s.sinds) == ("absoluut_verzuim", D("2026-10-12"))
    with pytest.raises(JeugdplanError, match="al vastgelegd"):
        v.nieuwkomer(p, datum=D("2026-10-13"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="in de toekomst"):
        v.nieuwkomer(plan(), datum=D("2026-12-01"), vandaag=VANDAAG)


@given(st.dates(min_value=D("1990-01-01"), max_value=D("2030-12-31")))
def test_plicht_grenzen_eigenschappen(geboren: date) -> None:
    begin = v.leerplicht_begin(geboren, G, SK)
    einde = v.leerplicht_einde(geboren, G)
    maand = v.plus_maanden(v.verjaardag(geboren, 5).replace(day=1), 1)
    assert begin.weekday() < 5 and (begin.year, begin.month) == (maand.year, maand.month)
    assert SK.lesdag(begin) or not any(SK.lesdag(maand + timedelta(days=i)) for i in range(28))
    assert einde.month == 7 and einde.day == 31
    assert v.verjaardag(geboren, 16) <= einde < v.verjaardag(geboren, 17)
    assert einde < v.kwalificatieplicht_einde(geboren, G)


# --- categorieën in schooltijd ----------------------------------------------------------------

def test_zonder_verzuim_geen_categorie() -> None:
    assert stand(plan(), VANDAAG) is None


def test_zonder_inschrijvingen_ingeschreven_op_kind_school() -> None:
    p = plan()
    assert v.school_op(p, VANDAAG) == "De Windroos"
    assert v.inschrijving_op(p, VANDAAG) is None  # er is geen inschrijving vastgelegd


def test_plan_zonder_school_is_nooit_ingeschreven() -> None:
    p = plan("2018-01-15", school=None)
    assert v.school_op(p, VANDAAG) is None
    s = stand(p, VANDAAG)
    assert s is not None and (s.categorie, s.sinds) == ("absoluut_verzuim", D("2023-02-01"))


def test_vier_weken_in_lesweken_herfstvakantie_telt_niet() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-10-01"))])
    # Herfstvakantie noord 10-18 oktober (9 dagen): 28 oktober is 28 dagen, 19 in schooltijd.
    s = stand(p, "2026-10-28")
    assert s is not None and (s.categorie, s.dagen, s.dagen_schooltijd) == ("dreigend", 28, 19)
    assert categorie(p, "2026-11-06") == "dreigend"           # 28 dagen in schooltijd
    assert categorie(p, "2026-11-07") == "relatief_4w_3m"     # 29
    # 3 maanden in kalendermaanden: 1 oktober t/m 31 december, kerstvakantie inbegrepen.
    assert categorie(p, "2026-12-31") == "relatief_4w_3m"
    assert categorie(p, "2027-01-01") == "relatief_3m_plus"
    assert stand(p, "2026-09-30") is None


def test_zomervakantie_maakt_geen_langdurig_verzuim() -> None:
    """Het voorbeeld uit het issue: afwezig vanaf 30 juni, midden in de zomervakantie."""
    p = plan(afwezigheden=[Periode(van=D("2026-06-30"))])
    s = stand(p, "2026-07-28")
    assert s is not None and s.categorie == "dreigend" and s.dagen_schooltijd == 4
    # Na de zomervakantie (noord tot en met 16 augustus) telt het weer door: 4 + 24 = 28.
    assert categorie(p, "2026-09-09") == "dreigend"
    assert categorie(p, "2026-09-10") == "relatief_4w_3m"
    # Langer dan 3 kalendermaanden ook al is de vakantie niet meegeteld.
    assert categorie(p, "2026-09-30") == "relatief_3m_plus"


def test_vier_weken_in_kalenderweken_als_instelling() -> None:
    t = G.leerplicht.termijnen.model_copy(update={"vier_weken_telling": "kalenderweken"})
    g = G.model_copy(update={"leerplicht": G.leerplicht.model_copy(update={"termijnen": t})})
    p = plan(afwezigheden=[Periode(van=D("2026-06-30"))])
    assert v.classificeer(p, D("2026-07-28"), g, KAL).categorie == "relatief_4w_3m"  # type: ignore[union-attr]


def test_drie_maanden_met_korte_maand() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-11-30"))])
    assert v.plus_maanden(D("2026-11-30"), 3) == D("2027-02-28")
    assert categorie(p, "2027-02-27") == "relatief_4w_3m"
    assert categorie(p, "2027-02-28") == "relatief_3m_plus"


def test_hervat_afwezigheid_telt_niet_meer() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-06-01"), tot=D("2026-09-15"))])
    assert categorie(p, "2026-09-14") == "relatief_3m_plus"
    assert stand(p, "2026-09-15") is None


def test_absoluut_verzuim_sinds_uitschrijving() -> None:
    p = plan(inschrijvingen=[Inschrijving(school="De Windroos", tot=D("2026-09-01"))])
    s = stand(p, VANDAAG)
    assert s is not None
    assert (s.categorie, s.sinds, s.school) == ("absoluut_verzuim", D("2026-09-01"), None)
    assert s.dagen == (VANDAAG - D("2026-09-01")).days + 1
    assert stand(p, "2026-08-31") is None


def test_dagen_afwezig_voor_de_uitschrijving_tellen_door() -> None:
    p = plan()
    v.afwezig(p, sinds=D("2026-08-24"), vandaag=VANDAAG)
    v.uitschrijving(p, datum=D("2026-10-01"))
    s = stand(p, "2026-11-30")
    assert s is not None and (s.categorie, s.sinds) == ("absoluut_verzuim", D("2026-08-24"))
    assert s.drie_maanden_zonder_aanbod(D("2026-11-30"), G)
    # Een afwezigheid die vóór de uitschrijving eindigde telt niet door.
    q = plan(afwezigheden=[Periode(van=D("2026-08-24"), tot=D("2026-09-20"))],
             inschrijvingen=[Inschrijving(school="X", tot=D("2026-10-01"))])
    assert stand(q, "2026-11-30").sinds == D("2026-10-01")  # type: ignore[union-attr]


def test_nooit_ingeschreven_sinds_begin_leerplicht() -> None:
    p = plan("2021-02-10", inschrijvingen=[Inschrijving(school="X", van=D("2027-01-01"))])
    s = stand(p, VANDAAG)
    assert s is not None and s.categorie == "absoluut_verzuim" and s.sinds == D("2026-03-02")


def test_niet_plichtig_telt_nooit_mee() -> None:
    jong = plan("2022-06-01", inschrijvingen=[Inschrijving(school="X", tot=D("2026-09-01"))])
    assert stand(jong, VANDAAG) is None
    oud = plan("2008-01-01", afwezigheden=[Periode(van=D("2025-09-01"))])
    assert stand(oud, VANDAAG) is None          # 18 geworden
    skw = plan("2009-05-01", startkwalificatie=D("2026-07-01"),
               afwezigheden=[Periode(van=D("2026-09-01"))])
    assert stand(skw, VANDAAG) is None          # startkwalificatie


def test_kwalificatieplichtig_telt_mee() -> None:
    p = plan("2009-05-01", afwezigheden=[Periode(van=D("2026-09-01"))])
    s = stand(p, VANDAAG)
    assert s is not None and s.plicht == "kwalificatieplichtig"
    assert s.categorie == "relatief_4w_3m"


def test_peildatum_in_het_verleden_negeert_latere_feiten() -> None:
    p = plan(
        afwezigheden=[Periode(van=D("2026-03-02"), tot=D("2026-09-01"))],
        inschrijvingen=[Inschrijving(school="X", tot=D("2026-10-01"))],
        vrijstellingen=[Vrijstelling(artikel="lpw_5_onder_a", van=D("2026-11-01"))],
        aanbod=[Aanbod(van=D("2026-05-01"), omschrijving="zorgboerderij")],
    )
    s1 = stand(p, "2026-04-15")
    assert s1 is not None and (s1.categorie, s1.aanbod) == ("relatief_4w_3m", False)
    s2 = stand(p, "2026-06-30")
    assert s2 is not None and (s2.categorie, s2.aanbod) == ("relatief_3m_plus", True)
    assert stand(p, "2026-09-15") is None
    assert categorie(p, "2026-10-15") == "absoluut_verzuim"
    assert categorie(p, "2026-11-15") == "vrijstelling"


def test_afwezig_voor_begin_leerplicht_telt_vanaf_begin() -> None:
    p = plan("2021-05-20", afwezigheden=[Periode(van=D("2026-05-01"))])
    s = stand(p, "2026-06-20")
    assert s is not None and s.sinds == D("2026-06-01") and s.categorie == "dreigend"


def test_periode_met_einde_voor_begin_ongeldig() -> None:
    with pytest.raises(ValueError, match="ligt vóór het begin"):
        Periode(van=D("2026-02-01"), tot=D("2026-01-01"))


@given(st.dates(min_value=D("2024-01-01"), max_value=D("2027-06-01")),
       st.integers(min_value=0, max_value=400))
def test_categorie_loopt_op_met_de_duur(sinds: date, extra: int) -> None:
    """Hoe langer afwezig, hoe zwaarder de categorie; de grenzen volgen de definities."""
    p = plan("2012-01-01", afwezigheden=[Periode(van=sinds)])
    volgorde = [None, "dreigend", "relatief_4w_3m", "relatief_3m_plus"]
    vorige = 0
    for dag in (sinds, sinds + timedelta(days=extra)):
        s = stand(p, dag)
        categorie_ = s.categorie if s else None
        assert volgorde.index(categorie_) >= vorige
        vorige = volgorde.index(categorie_)
        if s is not None:
            assert s.dagen == (dag - sinds).days + 1
            assert s.dagen_schooltijd <= s.dagen
            assert (s.categorie == "dreigend") == (s.dagen_schooltijd <= 28)
            if s.categorie != "dreigend":
                assert (s.categorie == "relatief_3m_plus") == (dag >= v.plus_maanden(sinds, 3))


# --- gronden: vrijstellingen en vervangende leerplicht ------------------------------------------

def test_gronden_met_reikwijdte_omvang_geldigheid_en_bron() -> None:
    gronden = v.gronden(G)
    assert set(gronden) == {"lpw_5_onder_a", "lpw_5_onder_b", "lpw_5_onder_c", "lpw_5a",
                            "lpw_15", "lpw_11a", "lpw_3a", "lpw_3b"}
    assert all(gr.bron.startswith("Leerplichtwet 1969 art.") for gr in gronden.values())
    assert gronden["lpw_15"].reikwijdte == ["kwalificatieplicht"]
    assert gronden["lpw_11a"].omvang == "uren"
    assert {c for c, gr in gronden.items() if gr.soort == "vervangende_leerplicht"} == {
        "lpw_3a", "lpw_3b"}
    assert [c for c, gr in gronden.items() if gr.gezondheid] == ["lpw_5_onder_a"]
    assert gronden["lpw_5a"].onzeker


def test_oude_codes_worden_bij_lezen_omgezet() -> None:
    data = {"id": "2026-TEST01", "aangemeld": D("2026-01-05"),
            "kind": {"voornaam": "A", "achternaam": "B", "geboortedatum": D("2011-01-01"),
                     "gemeente": "Velsen", "school": "X", "onderwijssoort": "vo"},
            "verzuim": {"vrijstellingen": [
                {"artikel": "5a", "van": D("2020-01-01"), "tot": D("2021-01-01")},
                {"artikel": "5b", "van": D("2021-01-01"), "tot": D("2022-01-01")},
                {"artikel": "5c", "van": D("2022-01-01"), "tot": D("2023-01-01")},
                {"artikel": "15", "van": D("2027-08-01"), "tot": D("2028-01-01")},
                {"artikel": "3a", "van": D("2025-08-01"), "tot": D("2026-08-01")}]}}
    p = Plan.model_validate(data)
    assert [x.artikel for x in p.verzuim.vrijstellingen] == [
        "lpw_5_onder_a", "lpw_5_onder_b", "lpw_5_onder_c", "lpw_15"]
    assert [(x.artikel, x.van) for x in p.verzuim.vervangende_leerplicht] == [
        ("lpw_3a", D("2025-08-01"))]
    assert data["verzuim"]["vrijstellingen"][0]["artikel"] == "5a"  # invoer niet aangepast


def test_art5_geldt_tot_einde_schooljaar_zonder_kennisgeving() -> None:
    """Een vrijstelling van 2020 zonder einde telt niet meer in 2026."""
    p = plan("2012-01-01", inschrijvingen=[Inschrijving(school="X", tot=D("2020-09-01"))],
             vrijstellingen=[Vrijstelling(artikel="lpw_5_onder_a", van=D("2020-09-01"))])
    assert categorie(p, "2021-07-31") == "vrijstelling"
    s = stand(p, "2026-11-25")
    # Absoluut verzuim vanaf het einde van de vrijstelling, niet vanaf de uitschrijving.
    assert s is not None and (s.categorie, s.sinds) == ("absoluut_verzuim", D("2021-08-01"))
    aandacht = v.aandacht(p, VANDAAG, G, None)
    assert [(a.soort, a.datum, a.verlopen) for a in aandacht] == [
        ("vrijstelling", D("2021-08-01"), True)]
    assert "vervallen op 2021-08-01" in aandacht[0].wat


def test_art5_verlengd_met_kennisgeving_voor_1_juli() -> None:
    p = plan("2012-01-01", school=None,
             vrijstellingen=[Vrijstelling(artikel="lpw_5_onder_a", van=D("2025-09-01"))])
    assert categorie(p, "2026-08-01") == "absoluut_verzuim"
    v.verleng(p, datum=D("2026-06-15"), vandaag=VANDAAG, g=G)
    assert categorie(p, "2026-08-01") == "vrijstelling"
    assert categorie(p, "2027-07-31") == "vrijstelling"
    assert categorie(p, "2027-08-01") == "absoluut_verzuim"
    # Een peildatum vóór de kennisgeving kent haar nog niet.
    assert v.einde_vrijstelling(p.verzuim.vrijstellingen[0], G.leerplicht.gronden[
        "lpw_5_onder_a"], p, D("2026-06-14"), G) == D("2026-08-01")
    # De volgende kennisgeving: uiterlijk 30 juni 2027; daarna vervalt de vrijstelling.
    [a] = v.aandacht(p, VANDAAG, G, None)
    assert (a.datum, a.verlopen) == (D("2027-06-30"), False)
    assert "kennisgeving voor het volgende schooljaar vóór 2027-07-01" in a.wat
    [a] = v.aandacht(p, D("2027-07-05"), G, None)
    assert (a.datum, a.verlopen) == (D("2027-06-30"), True)
    [a] = v.aandacht(p, D("2027-08-01"), G, None)
    assert a.verlopen and "vervallen op 2027-08-01" in a.wat


@pytest.mark.parametrize(("vrijstelling", "datum", "melding"), [
    (Vrijstelling(artikel="lpw_5_onder_a", van=D("2025-09-01")), "2026-07-10",
     "te laat: de kennisgeving voor het volgende schooljaar moest vóór 2026-07-01"),
    (Vrijstelling(artikel="lpw_5_onder_a", van=D("2025-09-01"), verlengd=[D("2026-06-01")]),
     "2026-06-20", "al verlengd tot 2027-08-01; de volgende kennisgeving kan vanaf 2026-07-01"),
    (Vrijstelling(artikel="lpw_5_onder_a", van=D("2025-09-01"), nooit_geschikt=True),
     "2026-06-20", "nooit geschikt"),
    (Vrijstelling(artikel="lpw_5a", van=D("2026-03-01"), tot=D("2026-11-01")),
     "2026-06-20", "hoeft niet jaarlijks vernieuwd"),
    (Vrijstelling(artikel="lpw_5_onder_b", van=D("2024-09-01"), tot=D("2025-01-01")),
     "2026-06-20", "er geldt op 2026-06-20 geen vrijstelling om te verlengen"),
])
def test_verleng_weigert(vrijstelling: Vrijstelling, datum: str, melding: str) -> None:
    p = plan("2012-01-01", vrijstellingen=[vrijstelling])
    with pytest.raises(JeugdplanError, match=melding):
        v.verleng(p, datum=D(datum), vandaag=VANDAAG, g=G)


def test_nooit_geschikt_hoeft_niet_vernieuwd() -> None:
    p = plan("2012-01-01", school=None, vrijstellingen=[Vrijstelling(
        artikel="lpw_5_onder_a", van=D("2020-09-01"), nooit_geschikt=True)])
    assert categorie(p, "2026-11-25") == "vrijstelling"
    assert v.aandacht(p, VANDAAG, G, None) == []


def test_art15_alleen_kwalificatieplicht() -> None:
    acht = plan("2018-03-01", school=None)
    with pytest.raises(JeugdplanError, match="geldt alleen voor de kwalificatieplicht; het kind "
                       "is dan leerplichtig"):
        v.vrijstelling(acht, artikel="15", van=D("2026-09-01"), tot=D("2027-07-01"), g=G)
    # Met de hand in het plan gezet: telt niet als vrijstelling en is tegenstrijdig.
    acht.verzuim.vrijstellingen.append(Vrijstelling(artikel="lpw_15", van=D("2026-09-01"),
                                                    tot=D("2027-07-01")))
    assert categorie(acht, "2026-11-25") == "absoluut_verzuim"
    assert any("art. 15 vanaf 2026-09-01: geldt alleen voor de kwalificatieplicht" in t
               for t in v.tegenstrijdigheden(acht, G))
    # Kwalificatieplichtig (17 jaar): wel, en alleen met een einddatum.
    zeventien = plan("2009-05-01", school=None)
    with pytest.raises(JeugdplanError, match="begin- en einddatum"):
        v.vrijstelling(zeventien, artikel="lpw_15", van=D("2026-09-01"), tot=None, g=G)
    v.vrijstelling(zeventien, artikel="art. 15", van=D("2026-09-01"), tot=D("2027-05-01"), g=G)
    assert categorie(zeventien, "2026-11-25") == "vrijstelling"


def test_art11a_gedeeltelijk_haalt_niet_uit_de_telling() -> None:
    p = plan("2021-05-10", inschrijvingen=[Inschrijving(school="X", tot=D("2026-09-01"))])
    with pytest.raises(JeugdplanError, match="geef --uren-per-week"):
        v.vrijstelling(p, artikel="11a", van=D("2026-09-01"), tot=None, g=G)
    with pytest.raises(JeugdplanError, match="hooguit 10 uur per week"):
        v.vrijstelling(p, artikel="11a", van=D("2026-09-01"), tot=None, g=G, uren_per_week=12)
    v.vrijstelling(p, artikel="11a", van=D("2026-09-01"), tot=None, g=G, uren_per_week=5)
    assert categorie(p, "2026-11-25") == "absoluut_verzuim"
    with pytest.raises(JeugdplanError, match="geldt alleen onder de 6 jaar"):
        v.vrijstelling(plan("2019-01-01"), artikel="11a", van=D("2026-09-01"), tot=None, g=G,
                       uren_per_week=5)
    with pytest.raises(JeugdplanError, match="--uren-per-week hoort alleen bij"):
        v.vrijstelling(plan(), artikel="5 onder b", van=D("2026-09-01"), tot=None, g=G,
                       uren_per_week=5)


def test_art11a_uren_gaan_af_van_de_16_uur() -> None:
    p = plan("2021-05-10", vrijstellingen=[Vrijstelling(artikel="lpw_11a", van=D("2026-09-01"),
                                                        uren_per_week=5)],
             deels_afwezig=[DeelsAfwezig(datum=D(d), uren=4) for d in (
                 "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05")])
    # 16 uur in één week, waarvan 5 vrijgesteld: 11 uur verzuim.
    assert [u for _d, u in v.verzuimuren(p, VANDAAG, G, KAL)] == [0 + 3, 4, 4]
    assert v.meldingen_16_uur(p, VANDAAG, G, KAL) == []


def test_art5a_alleen_in_het_seizoen() -> None:
    p = plan("2016-01-01", inschrijvingen=[Inschrijving(school="X", tot=D("2026-03-01"))],
             vrijstellingen=[Vrijstelling(artikel="lpw_5a", van=D("2026-03-01"),
                                          tot=D("2027-11-01"))])
    assert categorie(p, "2026-06-15") == "vrijstelling"
    assert categorie(p, "2026-11-25") == "absoluut_verzuim"   # buiten het seizoen


def test_art3a_3b_zijn_geen_vrijstelling() -> None:
    p = plan("2012-01-01", afwezigheden=[Periode(van=D("2026-09-01"))])
    with pytest.raises(JeugdplanError, match="art. 3a is vervangende leerplicht, geen "
                       "vrijstelling"):
        v.vrijstelling(p, artikel="3a", van=D("2026-09-01"), tot=None, g=G)
    assert v.vervangend(p, artikel="3a", van=D("2026-09-01"), tot=None, g=G) == \
        "verzuim: vervangende leerplicht art. 3a vanaf 2026-09-01 tot 2027-08-01"
    assert categorie(p, "2026-11-25") == "relatief_4w_3m"   # ingeschreven, afwezig: verzuim
    niet = plan("2012-01-01", inschrijvingen=[Inschrijving(school="X", tot=D("2026-09-01"))])
    v.vervangend(niet, artikel="lpw_3a", van=D("2026-09-01"), tot=None, g=G)
    assert categorie(niet, "2026-11-25") == "absoluut_verzuim"
    # Verlengen: ten minste 8 weken vóór het einde.
    a = v.aandacht(p, D("2027-05-20"), G, None)
    assert [(x.soort, x.datum) for x in a] == [("vervangende-leerplicht", D("2027-06-06"))]


@pytest.mark.parametrize(("geboren", "artikel", "van", "tot", "melding"), [
    ("2013-06-01", "3a", "2026-09-01", None, "geldt pas vanaf 14 jaar; het kind is dan 13"),
    ("2012-01-01", "3a", "2026-09-01", "2027-09-01", "uiterlijk tot 2027-08-01"),
    ("2012-01-01", "3b", "2026-09-01", None,
     "alleen in het laatste leerplichtige schooljaar \\(2027-08-01 tot en met 2028-07-31\\)"),
    ("2012-01-01", "5 onder a", "2026-09-01", None, "een vrijstelling, geen vervangende"),
])
def test_vervangend_weigert(geboren: str, artikel: str, van: str, tot: str | None,
                            melding: str) -> None:
    with pytest.raises(JeugdplanError, match=melding):
        v.vervangend(plan(geboren), artikel=artikel, van=D(van),
                     tot=D(tot) if tot else None, g=G)


@pytest.mark.parametrize(("invoer", "code"), [
    ("lpw_5_onder_a", "lpw_5_onder_a"), ("5 onder a", "lpw_5_onder_a"),
    ("Art. 5 sub a", "lpw_5_onder_a"), ("5b", "lpw_5_onder_b"), ("artikel 5 onder c",
                                                                 "lpw_5_onder_c"),
    ("lpw_5a", "lpw_5a"), ("15", "lpw_15"), ("11a", "lpw_11a"), ("3b", "lpw_3b"),
])
def test_grondcodes(invoer: str, code: str) -> None:
    assert v.grondcode(invoer, G) == code


def test_5a_is_dubbelzinnig() -> None:
    with pytest.raises(JeugdplanError, match="'5a' is dubbelzinnig: bedoelt u art. 5 onder a"):
        v.grondcode("5a", G)
    with pytest.raises(JeugdplanError, match="onbekende grond '11'; kies uit: lpw_5_onder_a"):
        v.grondcode("11", G)


def test_vrijstelling_voor_een_kind_zonder_plicht_geweigerd() -> None:
    with pytest.raises(JeugdplanError, match="niet leerplichtig of kwalificatieplichtig"):
        v.vrijstelling(plan("2022-06-01"), artikel="5 onder a", van=D("2026-09-01"), tot=None,
                       g=G)
    # Tot een maand vóór het begin van de leerplicht mag (kennisgeving vooraf).
    v.vrijstelling(plan("2021-09-10"), artikel="5 onder a", van=D("2026-09-15"), tot=None, g=G)


# --- de 16-urenregel ------------------------------------------------------------------------

def test_16_uur_na_vier_lesdagen_en_melden_binnen_5_werkdagen() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-11-02"), tot=D("2026-11-06"))])
    [m] = v.meldingen_16_uur(p, VANDAAG, G, KAL)
    assert (m.begin, m.einde, m.uren) == (D("2026-11-02"), D("2026-11-05"), 20)
    assert m.uiterlijk == D("2026-11-12") and m.gemeld is None
    # Drie dagen (15 uur) is nog geen melding.
    q = plan(afwezigheden=[Periode(van=D("2026-11-02"), tot=D("2026-11-05"))])
    assert v.meldingen_16_uur(q, VANDAAG, G, KAL) == []


def test_16_uur_binnen_vier_lesweken_vakantie_telt_niet_als_lesweek() -> None:
    # Eén dag per week; de herfstvakantie (noord 10-18 oktober) telt niet als lesweek.
    dagen = ["2026-09-30", "2026-10-07", "2026-10-21", "2026-10-28"]
    p = plan(deels_afwezig=[DeelsAfwezig(datum=D(d), uren=4) for d in dagen])
    [m] = v.meldingen_16_uur(p, VANDAAG, G, KAL)
    assert (m.begin, m.einde, m.uren) == (D("2026-09-30"), D("2026-10-28"), 16)
    # Zonder vakantie tussendoor ligt de eerste dag in de vijfde lesweek terug: geen melding.
    q = plan(deels_afwezig=[DeelsAfwezig(datum=D(d), uren=4) for d in (
        "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-30")])
    assert v.meldingen_16_uur(q, D("2026-12-01"), G, KAL) == []


def test_16_uur_telt_opnieuw_en_hooguit_een_melding_per_7_dagen() -> None:
    p = plan(afwezigheden=[Periode(van=D("2026-11-02"))])
    meldingen = v.meldingen_16_uur(p, VANDAAG, G, KAL)
    assert [(m.begin, m.einde) for m in meldingen] == [
        (D("2026-11-02"), D("2026-11-05")),   # 20 uur
        (D("2026-11-06"), D("2026-11-12")),   # na 4 lesdagen, maar pas 7 dagen later
        (D("2026-11-13"), D("2026-11-19")),
    ]
    assert all((b.einde - a.einde).days >= 7 for a, b in zip(meldingen, meldingen[1:], strict=False))


def test_16_uur_termijn_slaat_feestdagen_over() -> None:
    # 16 uur bereikt op vrijdag 24 april 2026; Koningsdag (27 april) is geen werkdag.
    p = plan(afwezigheden=[Periode(van=D("2026-04-21"), tot=D("2026-04-25"))])
    [m] = v.meldingen_16_uur(p, VANDAAG, G, KAL)
    assert (m.einde, m.uiterlijk) == (D("2026-04-24"), D("2026-05-04"))


def test_16_uur_niet_in_vakantie_weekend_of_zonder_inschrijving() -> None:
    # De hele kerstvakantie afwezig: geen lesuren verzuimd.
    p = plan(afwezigheden=[Periode(van=D("2026-12-19"), tot=D("2027-01-04"))])
    assert v.verzuimuren(p, D("2027-01-10"), G, KAL) == []
    with pytest.raises(JeugdplanError, match="geen lesdag \\(in de herfstvakantie 2026\\)"):
        v.uren(plan(), datum=D("2026-10-14"), aantal=2, vandaag=VANDAAG, g=G, kal=KAL)
    with pytest.raises(JeugdplanError, match="geen lesdag \\(in het weekend\\)"):
        v.uren(plan(), datum=D("2026-11-21"), aantal=2, vandaag=VANDAAG, g=G, kal=KAL)
    with pytest.raises(JeugdplanError, match="op geen school ingeschreven"):
        v.uren(plan(school=None), datum=D("2026-11-20"), aantal=2, vandaag=VANDAAG, g=G,
               kal=KAL)
    with pytest.raises(JeugdplanError, match="niet leerplichtig of kwalificatieplichtig"):
        v.uren(plan("2022-06-01"), datum=D("2026-11-20"), aantal=2, vandaag=VANDAAG, g=G,
               kal=KAL)
    q = plan(afwezigheden=[Periode(van=D("2026-11-16"))])
    with pytest.raises(JeugdplanError, match="valt in de afwezigheid sinds 2026-11-16"):
        v.uren(q, datum=D("2026-11-20"), aantal=2, vandaag=VANDAAG, g=G, kal=KAL)


def test_uren_tellen_op_per_dag_en_gemeld() -> None:
    p = plan()
    for dag, uren in (("2026-11-16", 4), ("2026-11-17", 4), ("2026-11-18", 4),
                      ("2026-11-19", 2), ("2026-11-19", 2)):
        v.uren(p, datum=D(dag), aantal=uren, vandaag=VANDAAG, g=G, kal=KAL)
    assert [(d.datum, d.uren) for d in p.verzuim.deels_afwezig][-1] == (D("2026-11-19"), 4)
    [m] = v.open_meldingen(p, VANDAAG, G, KAL)
    assert (m.einde, m.uren) == (D("2026-11-19"), 16)
    with pytest.raises(JeugdplanError, match="geen melding van 16 uur verzuim open"):
        v.gemeld(p, datum=D("2026-11-18"), vandaag=VANDAAG, g=G, kal=KAL)
    v.gemeld(p, datum=D("2026-11-20"), vandaag=VANDAAG, g=G, kal=KAL)
    assert v.open_meldingen(p, VANDAAG, G, KAL) == []
    assert v.meldingen_16_uur(p, VANDAAG, G, KAL)[0].gemeld == D("2026-11-20")
    with pytest.raises(JeugdplanError, match="geen melding"):
        v.gemeld(p, datum=D("2026-11-24"), vandaag=VANDAAG, g=G, kal=KAL)


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
    assert "afwezigheid sinds 2026-09-01 loopt door als absoluut verzuim" in bericht
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


def test_zonder_school_inschrijven_vraagt_een_school() -> None:
    p = plan(school=None)
    with pytest.raises(JeugdplanError, match="al op geen school ingeschreven"):
        v.uitschrijving(p, datum=D("2026-10-01"))
    with pytest.raises(JeugdplanError, match="geef de school met --school"):
        v.inschrijving(p, datum=D("2026-10-01"), school=None, vandaag=VANDAAG)
    v.inschrijving(p, datum=D("2026-10-01"), school="De Ster", vandaag=VANDAAG)
    assert p.kind.school == "De Ster" and stand(p, VANDAAG) is None


def test_uitschrijving_voor_latere_afwezigheid_geweigerd() -> None:
    p = plan()
    v.afwezig(p, sinds=D("2026-10-01"), vandaag=VANDAAG)
    with pytest.raises(JeugdplanError, match="afwezigheid vastgelegd vanaf 2026-10-01"):
        v.uitschrijving(p, datum=D("2026-09-01"))


def test_vrijstelling_bewerking() -> None:
    p = plan()
    assert v.vrijstelling(p, artikel="Art. 5 sub a", van=D("2026-09-01"), tot=None, g=G) == \
        "verzuim: vrijstelling art. 5 onder a vanaf 2026-09-01"
    with pytest.raises(JeugdplanError, match="overlapt met de vrijstelling art. 5 onder a"):
        v.vrijstelling(p, artikel="5c", van=D("2026-10-01"), tot=D("2026-12-01"), g=G)
    with pytest.raises(JeugdplanError, match="onbekende grond '11'"):
        v.vrijstelling(p, artikel="11", van=D("2026-10-01"), tot=None, g=G)
    with pytest.raises(JeugdplanError, match="ligt niet na het begin"):
        v.vrijstelling(plan(), artikel="5b", van=D("2026-10-01"), tot=D("2026-10-01"), g=G)
    with pytest.raises(JeugdplanError, match="--nooit-geschikt hoort alleen bij art. 5 onder a"):
        v.vrijstelling(plan(), artikel="5b", van=D("2026-10-01"), tot=None, g=G,
                       nooit_geschikt=True)


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
        "vrijstelling met onbekende grond '99'",
        "een verzuimdatum ligt vóór de geboortedatum",
    ]
    zonder = plan(inschrijvingen=[Inschrijving(school="X", tot=D("2026-08-01"))],
                  afwezigheden=[Periode(van=D("2026-09-01")), Periode(tot=D("2026-01-01"))])
    assert v.tegenstrijdigheden(zonder, G) == [
        "afwezig vanaf 2026-09-01 terwijl het kind op geen school is ingeschreven",
        "een afwezigheid zonder begindatum (van) telt niet mee",
    ]
    verkeerd = plan(vrijstellingen=[Vrijstelling(artikel="lpw_3a", van=D("2026-09-01"))],
                    twaalf_schooljaren=D("2026-06-01"))
    assert v.tegenstrijdigheden(verkeerd, G) == [
        "art. 3a is vervangende leerplicht, geen vrijstelling: zet het onder "
        "verzuim.vervangende_leerplicht",
        "twaalf schooljaren: 2026-06-01 is niet het einde van een schooljaar",
    ]
