"""Verwijsadvies (`routing.route`): de regels van seed 000 per gemeente en per soort signaal,
ouders eerst, toestemming naar leeftijd, identiteit, verzuim en de aparte meldplicht."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdplan.diensten.regio import laad_regio
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.kalender import kalender
from jeugdplan.domein.model import (
    Inschrijving,
    Meldcode,
    Periode,
    Toestemming,
    Verwijzing,
    Vrijstelling,
)
from jeugdplan.domein.routing import route, verzuim_reden
from jeugdplan.opslag.bronnen import gegevens
from tests.voorbeelden import IJMOND, VANDAAG, maak_plan

G = gegevens()

JGT = laad_regio("jgt-voorbeeld")
KAL = kalender(G, IJMOND)

GEMEENTEN = ["Velsen", "Beverwijk", "Heemskerk", "Castricum", "Uitgeest"]
DOMEINEN = list(G.codelijsten.codes("domeinen"))
ZWAARTES = ["licht", "complex", "specialistisch"]

# Seed 000: CJG-coaches van Centrum Jeugd en Gezin IJmond voor Velsen, Beverwijk en
# Heemskerk; JG-coaches van CJG Castricum (regio Alkmaar) voor Castricum en Uitgeest.
COACH = {
    "Velsen": ("cjg-coach", "Centrum Jeugd en Gezin IJmond"),
    "Beverwijk": ("cjg-coach", "Centrum Jeugd en Gezin IJmond"),
    "Heemskerk": ("cjg-coach", "Centrum Jeugd en Gezin IJmond"),
    "Castricum": ("jg-coach", "CJG Castricum (regio Alkmaar)"),
    "Uitgeest": ("jg-coach", "CJG Castricum (regio Alkmaar)"),
}
VEILIG_THUIS = {g: "Veilig Thuis Kennemerland" for g in GEMEENTEN} | {
    "Castricum": "Veilig Thuis Noord-Holland Noord"}


def organisatie(functie: str, gemeente: str) -> str:
    return {
        "jmw": "Socius Maatschappelijke Dienstverlening",
        "coach": COACH[gemeente][1],
        "ggd": "GGD Kennemerland (jeugdgezondheidszorg)",
        "veilig-thuis": VEILIG_THUIS[gemeente],
        "leerplicht": f"Leerplicht gemeente {gemeente}",
        "swv": "Samenwerkingsverband IJmond",
        "school": "De school zelf (basisondersteuning en ondersteuningsteam)",
        "schoolbestuur": "Het schoolbestuur (bevoegd gezag)",
    }[functie]


ZORG = ("sociaal-emotioneel", "psychosociaal", "thuis", "buurt", "financien")


def verwacht(domein: str, zwaarte: str) -> list[str]:
    """De functies die seed 000 (en DOMAIN.md §1-3) per domein en zwaarte aanwijzen."""
    if domein == "grensoverschrijdend-personeel":
        return ["schoolbestuur"]
    if domein == "veiligheid":
        return ["veilig-thuis", "coach"] if zwaarte == "specialistisch" else ["veilig-thuis"]
    if domein == "verzuim":
        return ["leerplicht"] if zwaarte == "licht" else ["leerplicht", "swv", "coach"]
    if domein == "leren":
        return {"licht": ["school"], "complex": ["swv"], "specialistisch": ["swv"]}[zwaarte]
    if domein == "gezondheid":
        return {"licht": ["ggd"], "complex": ["coach", "ggd"],
                "specialistisch": ["ggd", "coach"]}[zwaarte]
    if domein == "gedrag":
        return {"licht": ["school"], "complex": ["coach", "swv"],
                "specialistisch": ["coach"]}[zwaarte]
    assert domein in ZORG
    return {"licht": ["jmw"], "complex": ["coach"], "specialistisch": ["coach"]}[zwaarte]


@pytest.mark.parametrize("gemeente", GEMEENTEN)
@pytest.mark.parametrize("domein", DOMEINEN)
@pytest.mark.parametrize("zwaarte", ZWAARTES)
def test_advies_volgt_seed_000(gemeente: str, domein: str, zwaarte: str) -> None:
    uitkomst = route(maak_plan(gemeente, signalen=[(domein, zwaarte)]), IJMOND, VANDAAG, G)
    functies = verwacht(domein, zwaarte)
    assert [a.functie for a in uitkomst.adviezen] == functies
    assert [a.organisatie for a in uitkomst.adviezen] == [organisatie(f, gemeente)
                                                           for f in functies]
    assert uitkomst.gemeente == gemeente
    for a in uitkomst.adviezen:
        assert a.regel and a.bron and a.reden, a
        if a.functie == "coach":
            assert a.rol == COACH[gemeente][0]
        if a.verwijsbaar and a.rol not in ("leerplicht", "veilig-thuis"):
            assert "het gezin wordt niet doorverwezen" in a.reden
            assert "erbij-halen" in a.regels
    specialistisch = zwaarte == "specialistisch" and domein not in (
        "leren", "verzuim", "grensoverschrijdend-personeel")
    assert bool(uitkomst.verwijzers) == specialistisch
    codes = uitkomst.codes()
    assert ("meldcode" in codes) == (domein == "veiligheid")
    assert ("meldplicht-personeel" in codes) == (domein == "grensoverschrijdend-personeel")


def test_jmw_van_socius_komt_naar_school_ook_als_ouders_zorgen_niet_herkennen() -> None:
    advies = route(maak_plan(signalen=[("sociaal-emotioneel", "licht")]), IJMOND,
                   VANDAAG, G).adviezen[0]
    assert advies.rol == "jmw"
    assert "komt naar de school" in advies.reden
    assert "niet herkennen" in advies.reden and "altijd in overleg met de ouders" in advies.reden
    assert "Samenwerkingsverband IJmond" in advies.bron


def test_uitgeest_veilig_thuis_is_onzeker_met_reden() -> None:
    uitkomst = route(maak_plan("Uitgeest", signalen=[("veiligheid", "licht")]), IJMOND, VANDAAG, G)
    vt = uitkomst.adviezen[0]
    assert vt.organisatie == "Veilig Thuis Kennemerland"
    assert vt.onzeker and "Niet bevestigd" in (vt.waarom_onzeker or "")
    assert vt.contact and "0800-2000" in vt.contact
    velsen = route(maak_plan("Velsen", signalen=[("veiligheid", "licht")]), IJMOND, VANDAAG, G)
    assert not velsen.adviezen[0].onzeker


def test_leerplicht_contact_is_onbevestigd() -> None:
    uitkomst = route(maak_plan("Heemskerk", signalen=[("verzuim", "licht")]), IJMOND, VANDAAG, G)
    assert uitkomst.adviezen[0].onzeker
    assert uitkomst.adviezen[0].toestemming == "niet-nodig"


def test_verwijzers_voor_specialistische_hulp_volgens_seed_003_en_jeugdwet() -> None:
    uitkomst = route(maak_plan("Castricum", signalen=[("thuis", "specialistisch")]), IJMOND,
                     VANDAAG, G)
    namen = " | ".join(v.naam for v in uitkomst.verwijzers)
    for woord in ("CJG Castricum", "POH-Jeugd", "Jeugdarts", "Medisch specialist",
                  "Gecertificeerde instelling", "rechter"):
        assert woord in namen
    assert any("2.6 lid 1 sub g" in v.bron for v in uitkomst.verwijzers)
    assert all(v.wanneer and v.bron for v in uitkomst.verwijzers)


def test_meerdere_domeinen_licht_haalt_de_coach_erbij() -> None:
    uitkomst = route(maak_plan("Beverwijk", signalen=[("thuis", "licht"),
                                                      ("gezondheid", "licht")]),
                     IJMOND, VANDAAG, G)
    coach = [a for a in uitkomst.adviezen if a.functie == "coach"]
    assert coach and coach[0].regel == "meerdere-domeinen"
    assert coach[0].organisatie == "Centrum Jeugd en Gezin IJmond"
    assert {a.functie for a in uitkomst.adviezen} == {"coach", "jmw", "ggd"}


def test_zwaarste_signaal_per_domein_telt() -> None:
    uitkomst = route(maak_plan(signalen=[("thuis", "licht"), ("thuis", "complex")]), IJMOND,
                     VANDAAG, G)
    assert [a.functie for a in uitkomst.adviezen] == ["coach"]
    assert uitkomst.adviezen[0].signalen == ["s1", "s2"]


# --- ouders eerst ---------------------------------------------------------------------------


def test_ouders_eerst_is_eerste_advies_en_voorwaarde() -> None:
    uitkomst = route(maak_plan(signalen=[("gedrag", "complex")], ouders=False), IJMOND, VANDAAG, G)
    assert uitkomst.voorwaarden[0].code == "ouders-informeren"
    assert "jeugdplan ouders informeer 2026-TEST" in uitkomst.voorwaarden[0].melding
    eerste = uitkomst.adviezen[0]
    assert eerste.regel == "ouders-eerst" and not eerste.verwijsbaar
    assert "eerst met de ouders" in eerste.reden


def test_ouders_geinformeerd_geen_voorwaarde_meer() -> None:
    uitkomst = route(maak_plan(signalen=[("gedrag", "complex")]), IJMOND, VANDAAG, G)
    assert "ouders-informeren" not in uitkomst.codes()
    assert all(a.regel != "ouders-eerst" for a in uitkomst.adviezen)


def test_veiligheid_meldcode_gaat_voor_ouders() -> None:
    alleen = route(maak_plan(signalen=[("veiligheid", "complex")], ouders=False), IJMOND,
                   VANDAAG, G)
    assert alleen.voorwaarden[0].code == "meldcode"
    assert "ouders-informeren" not in alleen.codes()
    assert alleen.adviezen[0].rol == "veilig-thuis"
    gemengd = route(maak_plan(signalen=[("veiligheid", "licht"), ("thuis", "licht")],
                              ouders=False), IJMOND, VANDAAG, G)
    assert gemengd.codes()[:2] == ["meldcode", "ouders-informeren"]
    assert [a.regel for a in gemengd.adviezen][:2] == ["veiligheid-veilig-thuis", "ouders-eerst"]
    assert "meldcode (stap 3)" in gemengd.voorwaarden[1].melding


def test_afgeronde_meldcode_is_geen_voorwaarde_meer() -> None:
    meldcode = Meldcode(gestart=date(2026, 9, 5), door="Ilse IB", afgerond=date(2026, 10, 1),
                        besluit="hulp")
    uitkomst = route(maak_plan(signalen=[("veiligheid", "licht")], meldcode=meldcode), IJMOND,
                     VANDAAG, G)
    assert "meldcode" not in uitkomst.codes()


def test_grensoverschrijdend_personeel_is_aparte_plicht_niet_de_meldcode() -> None:
    uitkomst = route(maak_plan(signalen=[("grensoverschrijdend-personeel", "licht")],
                               ouders=False), IJMOND, VANDAAG, G)
    assert uitkomst.codes() == ["meldplicht-personeel"]
    melding = uitkomst.voorwaarden[0].melding
    assert "schoolbestuur" in melding and "0900-111 3111" in melding
    assert "niet de meldcode" in melding
    advies = uitkomst.adviezen[0]
    assert advies.organisatie == "Het schoolbestuur (bevoegd gezag)" and not advies.verwijsbaar
    assert "vertrouwensinspecteur" in advies.reden


def test_jongere_van_16_ouders_eerst_met_jongere() -> None:
    uitkomst = route(maak_plan(signalen=[("thuis", "licht")], ouders=False,
                               geboren=date(2010, 1, 1)), IJMOND, VANDAAG, G)
    assert "de jongere" in uitkomst.voorwaarden[0].melding


# --- toestemming ----------------------------------------------------------------------------


def _toestemming_voor(uitkomst: Any, organisatie: str) -> str:
    return next(a.toestemming for a in uitkomst.adviezen if a.organisatie == organisatie)


@pytest.mark.parametrize("geboren, verwacht_woorden", [
    (date(2016, 4, 3), ["ouders met gezag", "jonger dan 12"]),
    (date(2013, 4, 3), ["ouders met gezag", "Sanne zelf", "12 tot 16"]),
    (date(2009, 4, 3), ["Sanne zelf", "16 of ouder"]),
])
def test_toestemming_naar_leeftijd(geboren: date, verwacht_woorden: list[str]) -> None:
    uitkomst = route(maak_plan(signalen=[("psychosociaal", "licht")], geboren=geboren), IJMOND,
                     VANDAAG, G)
    advies = uitkomst.adviezen[0]
    assert advies.toestemming == "nodig"
    voorwaarde = next(v for v in uitkomst.voorwaarden if v.code == "toestemming")
    assert voorwaarde.organisatie == "Socius Maatschappelijke Dienstverlening"
    for woord in verwacht_woorden:
        assert woord in voorwaarde.melding
    if geboren.year == 2009:
        assert "ouders" not in voorwaarde.melding


def test_geldige_toestemming_heft_voorwaarde_op() -> None:
    toestemming = Toestemming(partij="Socius", datum=date(2026, 9, 4),
                              gegeven_door=["Petra de Vries"])
    uitkomst = route(maak_plan(signalen=[("thuis", "licht")], toestemmingen=[toestemming]),
                     IJMOND, VANDAAG, G)
    assert _toestemming_voor(uitkomst, "Socius Maatschappelijke Dienstverlening") == "aanwezig"
    assert "toestemming" not in uitkomst.codes()


def test_ingetrokken_of_onvolledige_toestemming_telt_niet() -> None:
    ingetrokken = Toestemming(partij="Socius", datum=date(2026, 9, 4),
                              gegeven_door=["Petra de Vries"], ingetrokken=date(2026, 10, 1))
    uitkomst = route(maak_plan(signalen=[("thuis", "licht")], toestemmingen=[ingetrokken]),
                     IJMOND, VANDAAG, G)
    assert "toestemming" in uitkomst.codes()
    # 12-16: alleen de moeder is niet genoeg.
    alleen_moeder = Toestemming(partij="Socius", datum=date(2026, 9, 4),
                                gegeven_door=["Petra de Vries"])
    uitkomst = route(maak_plan(signalen=[("thuis", "licht")], toestemmingen=[alleen_moeder],
                               geboren=date(2013, 4, 3)), IJMOND, VANDAAG, G)
    assert _toestemming_voor(uitkomst, "Socius Maatschappelijke Dienstverlening") == "nodig"


def test_toestemming_voor_de_ene_cjg_geldt_niet_voor_de_andere() -> None:
    castricum = Toestemming(partij="CJG Castricum", datum=date(2026, 9, 4),
                            gegeven_door=["Petra de Vries"])
    uitkomst = route(maak_plan("Velsen", signalen=[("thuis", "complex")],
                               toestemmingen=[castricum]), IJMOND, VANDAAG, G)
    assert _toestemming_voor(uitkomst, "Centrum Jeugd en Gezin IJmond") == "nodig"


def test_leerplicht_veilig_thuis_en_swv_zonder_toestemming() -> None:
    uitkomst = route(maak_plan(signalen=[("verzuim", "complex"), ("veiligheid", "licht")]),
                     IJMOND, VANDAAG, G)
    for a in uitkomst.adviezen:
        if a.rol in ("leerplicht", "veilig-thuis", "swv"):
            assert a.toestemming == "niet-nodig"
    assert [v.organisatie for v in uitkomst.voorwaarden if v.code == "toestemming"] == [
        "Centrum Jeugd en Gezin IJmond"]


# --- verzuim --------------------------------------------------------------------------------


def test_afwezig_langer_dan_4_weken_leerplicht_en_swv() -> None:
    plan = maak_plan("Heemskerk", signalen=[])
    plan.verzuim.afwezigheden.append(Periode(van=date(2026, 10, 1)))
    uitkomst = route(plan, IJMOND, VANDAAG, G)
    assert [a.organisatie for a in uitkomst.adviezen] == [
        "Leerplicht gemeente Heemskerk", "Samenwerkingsverband IJmond"]
    # Leerplicht: eerst de melding van 16 uur (met termijn), dan ook het langdurig verzuim.
    assert uitkomst.adviezen[0].regels[:2] == ["verzuim-16-uur", "verzuim"]
    assert "Leerplichtwet 1969 art. 21a" in uitkomst.adviezen[0].bron
    assert uitkomst.adviezen[1].regel == "verzuim" and uitkomst.adviezen[1].bron
    assert "56 dagen" in uitkomst.adviezen[1].reden
    assert "toestemming" not in uitkomst.codes()
    assert "geen-signalen" not in uitkomst.codes()


def test_afwezig_korter_dan_4_weken_of_afgelopen_geen_verzuimadvies() -> None:
    plan = maak_plan(signalen=[])
    # Dezelfde grens als het thuiszittersrapport (verzuim.py): meer dan 4 weken in schooltijd.
    plan.verzuim.afwezigheden.append(Periode(van=date(2026, 10, 29)))  # 28 dagen
    assert verzuim_reden(plan, VANDAAG, G, KAL) is None
    # Wel de melding van 16 uur: die is na 4 lesdagen al bereikt.
    uitkomst = route(plan, IJMOND, VANDAAG, G)
    assert [a.regel for a in uitkomst.adviezen] == ["verzuim-16-uur"]
    assert uitkomst.codes() == []
    plan.verzuim.afwezigheden[0] = Periode(van=date(2026, 10, 28))  # 29 dagen
    assert verzuim_reden(plan, VANDAAG, G, KAL) is not None
    # Een afgelopen afwezigheid die gemeld is: geen advies meer.
    plan.verzuim.afwezigheden[0] = Periode(van=date(2026, 8, 24), tot=date(2026, 10, 1))
    plan.verzuim.gemeld_16_uur.append(date(2026, 10, 1))
    assert route(plan, IJMOND, VANDAAG, G).codes() == ["geen-signalen"]


def test_niet_ingeschreven_leerplicht_en_swv() -> None:
    plan = maak_plan("Castricum", signalen=[])
    plan.verzuim.inschrijvingen.append(Inschrijving(school="De Windroos", van=date(2020, 8, 1),
                                                    tot=date(2026, 11, 1)))
    uitkomst = route(plan, IJMOND, VANDAAG, G)
    assert [a.functie for a in uitkomst.adviezen] == ["leerplicht", "swv"]
    assert "absoluut verzuim" in uitkomst.adviezen[0].reden
    plan.verzuim.inschrijvingen.append(Inschrijving(school="De Ster", van=date(2026, 11, 1)))
    assert verzuim_reden(plan, VANDAAG, G, KAL) is None


def test_vrijstelling_sluit_verzuimadvies_uit() -> None:
    plan = maak_plan(signalen=[])
    plan.verzuim.afwezigheden.append(Periode(van=date(2026, 9, 1)))
    plan.verzuim.vrijstellingen.append(Vrijstelling(artikel="lpw_5_onder_a",
                                                    van=date(2026, 8, 1)))
    assert verzuim_reden(plan, VANDAAG, G, KAL) is None


# --- identiteit en seed 001 -----------------------------------------------------------------


def test_identiteit_kiest_passende_aanbieder_zonder_andere_regels_te_laten_vallen() -> None:
    plan = maak_plan("Voorbeeldgemeente", signalen=[("thuis", "licht")], ouders=False,
                     identiteit="Reformatorisch")
    uitkomst = route(plan, JGT, VANDAAG, G)
    advies = next(a for a in uitkomst.adviezen if a.functie == "jgt")
    assert advies.organisatie == "Voorbeeld identiteitsgebonden jeugdhulp"
    assert "identiteit" in advies.regels and "reformatorisch" in advies.reden.lower()
    assert advies.alternatieven == ["Jeugd- en Gezinsteam Voorbeeldgemeente"]
    # ouders eerst en toestemming blijven gelden
    assert uitkomst.codes()[0] == "ouders-informeren"
    assert "toestemming" in uitkomst.codes()


def test_zonder_identiteitswens_de_algemene_aanbieder() -> None:
    uitkomst = route(maak_plan("Voorbeeldgemeente", signalen=[("thuis", "licht")]), JGT,
                     VANDAAG, G)
    assert uitkomst.adviezen[0].organisatie == "Jeugd- en Gezinsteam Voorbeeldgemeente"
    assert "identiteit" not in uitkomst.adviezen[0].regels


def test_identiteit_zonder_passende_aanbieder_zegt_dat() -> None:
    uitkomst = route(maak_plan(signalen=[("thuis", "licht")], identiteit="reformatorisch"),
                     IJMOND, VANDAAG, G)
    assert uitkomst.adviezen[0].organisatie == "Socius Maatschappelijke Dienstverlening"
    assert "geen aanbieder met de identiteit 'reformatorisch'" in uitkomst.adviezen[0].reden


def test_jgt_vaste_contactpersoon_per_school() -> None:
    op_school = route(maak_plan("Voorbeeldgemeente", signalen=[("gezondheid", "licht")],
                                school="Voorbeeldschool"), JGT, VANDAAG, G)
    assert "vaste JGT-contactpersoon van de Voorbeeldschool" in (op_school.adviezen[0].contact
                                                                 or "")
    elders = route(maak_plan("Voorbeeldgemeente", signalen=[("gezondheid", "licht")]), JGT,
                   VANDAAG, G)
    assert "rechtstreeks via de coördinator ondersteuning" in (elders.adviezen[0].contact or "")


def test_jgt_school_voor_leren_en_gedrag() -> None:
    uitkomst = route(maak_plan("Voorbeeldgemeente", signalen=[("gedrag", "licht")]), JGT,
                     VANDAAG, G)
    assert [a.functie for a in uitkomst.adviezen] == ["school"]
    assert "Samenwerking met jeugdhulp en gemeenten" in uitkomst.adviezen[0].bron


# --- overig ---------------------------------------------------------------------------------


def test_gemeente_buiten_de_regio() -> None:
    with pytest.raises(JeugdplanError) as fout:
        route(maak_plan("Haarlem", signalen=[("thuis", "licht")]), IJMOND, VANDAAG, G)
    assert "Haarlem" in fout.value.melding
    assert "Velsen, Beverwijk, Heemskerk, Castricum, Uitgeest" in fout.value.melding


def test_gemeente_hoofdletterongevoelig() -> None:
    assert route(maak_plan("velsen", signalen=[]), IJMOND, VANDAAG, G).gemeente == "Velsen"


def test_lopende_verwijzing_wordt_genoemd() -> None:
    plan = maak_plan(signalen=[("thuis", "licht")])
    plan.verwijzingen.append(Verwijzing(id="v1", rol="jmw",
                                        organisatie="Socius Maatschappelijke Dienstverlening",
                                        status="aangevraagd", datum=date(2026, 10, 1)))
    assert route(plan, IJMOND, VANDAAG, G).adviezen[0].lopende_verwijzing == "v1 (aangevraagd)"


def test_als_dict_heeft_de_json_sleutels() -> None:
    data = route(maak_plan(signalen=[("thuis", "specialistisch")], ouders=False), IJMOND,
                 VANDAAG, G).als_dict()
    assert {"id", "gemeente", "adviezen", "voorwaarden", "verwijzers"} <= set(data)
    for a in data["adviezen"]:
        assert {"rol", "organisatie", "contact", "reden", "regel", "bron"} <= set(a)
    assert {"code", "melding"} <= set(data["voorwaarden"][0])
    assert {"naam", "wanneer"} <= set(data["verwijzers"][0])


# --- eigenschappen over willekeurige combinaties van signalen -------------------------------


@settings(max_examples=300, deadline=None)
@given(
    gemeente=st.sampled_from(GEMEENTEN),
    signalen=st.lists(st.tuples(st.sampled_from(DOMEINEN), st.sampled_from(ZWAARTES)),
                      max_size=6),
    ouders=st.booleans(),
    geboren=st.dates(min_value=date(2004, 1, 1), max_value=date(2021, 1, 1)),
    identiteit=st.sampled_from([None, "reformatorisch"]),
)
def test_invarianten_van_het_advies(gemeente: str, signalen: list[tuple[str, str]],
                                    ouders: bool, geboren: date, identiteit: str | None) -> None:
    plan = maak_plan(gemeente, signalen=signalen, ouders=ouders, geboren=geboren,
                     identiteit=identiteit)
    u = route(plan, IJMOND, VANDAAG, G)
    codes = u.codes()
    domeinen = {d for d, _ in signalen}
    # elk advies legt zichzelf uit, en geen partner staat er twee keer in
    assert all(a.regel and a.bron and a.reden for a in u.adviezen)
    ids = [a.organisatie_id for a in u.adviezen if a.organisatie_id]
    assert len(ids) == len(set(ids))
    # veiligheid: de meldcode gaat voor alles behalve de meldplicht aan het bestuur
    assert ("meldcode" in codes) == ("veiligheid" in domeinen)
    if "veiligheid" in domeinen:
        assert codes.index("meldcode") <= 1
    gewoon = domeinen - {"veiligheid", "grensoverschrijdend-personeel"}
    assert ("ouders-informeren" in codes) == (not ouders and bool(gewoon))
    if not ouders and gewoon and not (domeinen & {"veiligheid", "grensoverschrijdend-personeel"}):
        assert codes[0] == "ouders-informeren" and u.adviezen[0].regel == "ouders-eerst"
    # toestemming: precies één voorwaarde per partner zonder geldige toestemming
    nodig = [a.organisatie for a in u.adviezen if a.toestemming == "nodig"]
    assert [v.organisatie for v in u.voorwaarden if v.code == "toestemming"] == nodig
    assert all(a.rol not in ("leerplicht", "veilig-thuis") for a in u.adviezen
               if a.toestemming == "nodig")
    # verwijzers alleen bij specialistische jeugdhulp
    if u.verwijzers:
        assert any(z == "specialistisch" for _, z in signalen)
