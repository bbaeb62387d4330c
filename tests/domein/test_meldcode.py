"""De toestandsmachine van de meldcode (zuivere functies, zonder opdrachtregel).

De verwachte uitkomsten van het afwegingskader staan hier los van `data/meldcode.yaml`
overgenomen uit de tabel in DOMAIN.md §3, zodat een fout in de gegevens opvalt.
"""

from __future__ import annotations

from datetime import date

import pytest

from jeugdplan.domein import meldcode as mc
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import Kind, MeldcodeAfweging, Plan, Signaal
from jeugdplan.opslag.bronnen import gegevens

G = gegevens()
M = mc.machine(G)

VANDAAG = date(2026, 11, 25)
DAG = date(2026, 11, 20)
WIE = "Ilse IB"

# Alle paden door het afwegingskader met de uitkomst uit DOMAIN.md §3.
PADEN: dict[tuple[tuple[int, str], ...], str] = {
    ((1, "nee"),): "afsluiten",
    ((1, "ja"), (2, "ja")): "melden",
    ((1, "ja"), (2, "twijfel")): "melden",
    ((1, "ja"), (2, "nee"), (3, "nee")): "melden",
    ((1, "ja"), (2, "nee"), (3, "ja"), (4, "nee")): "melden",
    ((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja")): "hulp",
    ((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja"), (5, "nee")): "melden",
    ((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja"), (5, "ja")): "afsluiten",
}


def nieuw_plan(*domeinen: str) -> Plan:
    kind = Kind(voornaam="Sanne", achternaam="de Vries", geboortedatum=date(2016, 4, 3),
                gemeente="Velsen", school="De Windroos", onderwijssoort="po")
    plan = Plan(id="2026-TEST01", aangemeld=date(2026, 9, 1), kind=kind)
    for i, domein in enumerate(domeinen, 1):
        plan.signalen.append(Signaal(id=f"s{i}", datum=DAG, bron="leerkracht", domein=domein,
                                     omschrijving="gezien"))
    return plan


def gestart() -> Plan:
    plan = nieuw_plan("veiligheid")
    mc.start(plan, datum=DAG, door=WIE, vandaag=VANDAAG, m=M)
    return plan


def stap(plan: Plan, nummer: int, **velden: str | None) -> str:
    standaard = {"met": None, "kindcheck": None, "reactie": None}
    standaard.update(velden)
    return mc.leg_stap_vast(plan, nummer, notitie=f"notitie {nummer}", datum=DAG, door=WIE,
                            vandaag=VANDAAG, **standaard, m=M)  # type: ignore[arg-type]


def tot_afweging(plan: Plan | None = None) -> Plan:
    plan = plan or gestart()
    stap(plan, 1, kindcheck="geen andere kinderen")
    stap(plan, 2, met="aandachtsfunctionaris")
    stap(plan, 3, met="moeder", reactie="herkent het")
    return plan


def antwoord(plan: Plan, nummer: int, a: str, *, toelichting: str | None = None,
             termijn: date | None = None, casemanager: str | None = None) -> str:
    return mc.beantwoord(plan, nummer, a, toelichting=toelichting, termijn=termijn,
                         casemanager=casemanager, datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=M)


def volg_pad(plan: Plan, pad: tuple[tuple[int, str], ...]) -> None:
    for nummer, a in pad:
        extra: dict[str, object] = {}
        if (nummer, a) in ((1, "nee"), (5, "ja")):
            extra["toelichting"] = "afspraken"
        if (nummer, a) == (4, "ja"):
            extra["termijn"] = date(2027, 1, 15)
        antwoord(plan, nummer, a, **extra)  # type: ignore[arg-type]


# --- het afwegingskader -------------------------------------------------------------------


@pytest.mark.parametrize("pad", list(PADEN), ids=lambda p: "-".join(f"{n}{a}" for n, a in p))
def test_elk_pad_geeft_de_uitkomst_uit_de_tabel(pad: tuple[tuple[int, str], ...]) -> None:
    plan = tot_afweging()
    volg_pad(plan, pad)
    assert plan.meldcode
    assert plan.meldcode[-1].besluit == PADEN[pad]
    t = mc.toestand(plan.meldcode[-1], M)
    verwacht = {"afsluiten": mc.Staat.AFGEROND, "melden": mc.Staat.MELDEN,
                "hulp": mc.Staat.HULP}[PADEN[pad]]
    assert t.staat == verwacht
    assert (plan.meldcode[-1].afgerond is not None) == (PADEN[pad] == "afsluiten")
    advies = mc.volgende(plan, VANDAAG, M)
    assert advies.besluit == PADEN[pad]
    assert advies.status == ("afgerond" if PADEN[pad] == "afsluiten" else "lopend")


def _alle_paden(m: mc.Machine) -> dict[tuple[tuple[int, str], ...], str]:
    """Alle paden die de overgangstabel (uit de gegevens) toelaat, tot een besluit."""
    uit: dict[tuple[tuple[int, str], ...], str] = {}

    def loop(staat: mc.Staat, pad: tuple[tuple[int, str], ...]) -> None:
        for (van, gebeurtenis), naar in m.overgangen.items():
            if van != staat or not gebeurtenis.startswith("vraag-"):
                continue
            nummer, a = gebeurtenis[6:].split(":")
            nieuw = (*pad, (int(nummer), a))
            doel = naar[0]
            if doel == mc.Staat.HULP:
                uit[nieuw] = "hulp"
                loop(doel, nieuw)
            elif doel == mc.Staat.MELDEN:
                uit[nieuw] = "melden"
            elif doel == mc.Staat.AFGEROND:
                uit[nieuw] = "afsluiten"
            else:
                loop(doel, nieuw)

    loop(mc.Staat.VRAAG_1, ())
    return uit


def test_de_tabel_uit_de_gegevens_heeft_precies_de_paden_van_domain() -> None:
    assert _alle_paden(M) == PADEN


def test_gegevens_noemen_hun_bron() -> None:
    d = G.meldcode
    for deel in (d.wettelijk, d.veilig_thuis, d.overslaan, d.afwegingskader, d.andere_plicht,
                 d.melding):
        assert deel.bron, deel
    assert all(s.bron for s in d.stappen)
    assert d.veilig_thuis.telefoon == "0800-2000"
    assert d.andere_plicht.vertrouwensinspecteur == "0900-111 3111"
    assert set(d.overslaan.gronden) == {"veiligheid", "contactbreuk"}
    assert [s.vereist for s in d.stappen[:3]] == [
        ["notitie", "kindcheck"], ["notitie", "met"], ["notitie", "met"]]


def test_de_machine_volgt_de_gegevens() -> None:
    """Een andere versie van het kader (geen twijfel bij vraag 2) is een gegevenswijziging."""
    data = G.meldcode.model_dump()
    del data["afwegingskader"]["vragen"][1]["antwoorden"]["twijfel"]
    m = mc.Machine(type(G.meldcode).model_validate(data))
    plan = tot_afweging()
    antwoord(plan, 1, "ja")
    with pytest.raises(JeugdplanError, match="'twijfel' kan niet bij afwegingsvraag 2"):
        mc.beantwoord(plan, 2, "twijfel", toelichting=None, termijn=None, casemanager=None,
                      datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=m)


def test_twijfel_bij_vraag_2_telt_als_ja() -> None:
    plan = tot_afweging()
    antwoord(plan, 1, "ja")
    assert antwoord(plan, 2, "twijfel") == "meldcode afwegingsvraag 2: twijfel -> besluit: melden"


# --- stappen en volgorde ------------------------------------------------------------------


def test_stap_kan_in_delen_en_ontbreekt_noemt_de_velden() -> None:
    plan = gestart()
    assert mc.volgende(plan, VANDAAG, M).ontbreekt == ["notitie", "kindcheck"]
    assert stap(plan, 1) == "meldcode stap 1 vastgelegd; nog niet compleet (ontbreekt: kindcheck)"
    advies = mc.volgende(plan, VANDAAG, M)
    assert (advies.stap, advies.ontbreekt) == (1, ["kindcheck"])
    assert stap(plan, 1, kindcheck="broertje van 3") == "meldcode stap 1 vastgelegd"
    advies = mc.volgende(plan, VANDAAG, M)
    assert (advies.stap, advies.ontbreekt, advies.titel) == (
        2, ["notitie", "met"], "Stap 2: Collegiale consultatie")


def test_stap_buiten_volgorde_geweigerd() -> None:
    plan = gestart()
    with pytest.raises(JeugdplanError) as e:
        stap(plan, 2, met="collega")
    assert str(e.value).startswith(
        "stap 2 (collegiale consultatie) vastleggen kan nu niet: stap 1 (signalen in kaart "
        "brengen) is nog niet compleet; ontbreekt: notitie, kindcheck")
    stap(plan, 1, kindcheck="geen")
    with pytest.raises(JeugdplanError, match="stap 2 \\(collegiale consultatie\\) is nog niet"):
        stap(plan, 3, met="moeder")


def test_aanvulling_op_eerdere_stap_mag_tot_het_besluit() -> None:
    plan = tot_afweging()
    stap(plan, 2, met="Veilig Thuis (anoniem)")
    antwoord(plan, 1, "ja")
    stap(plan, 1)
    antwoord(plan, 2, "ja")
    with pytest.raises(JeugdplanError, match="kan niet meer: het besluit \\(melden\\) is genomen"):
        stap(plan, 1)


def test_velden_horen_bij_hun_stap() -> None:
    plan = gestart()
    stap(plan, 1, kindcheck="geen")
    with pytest.raises(JeugdplanError, match="--kindcheck hoort niet bij stap 2 maar bij stap 1"):
        stap(plan, 2, met="collega", kindcheck="x")
    with pytest.raises(JeugdplanError, match="--reactie hoort niet bij stap 2 maar bij stap 3"):
        stap(plan, 2, met="collega", reactie="x")


@pytest.mark.parametrize("nummer", [0, 4, 5])
def test_alleen_stap_1_tot_3_als_aantekening(nummer: int) -> None:
    with pytest.raises(JeugdplanError, match="stap 4 en 5 met 'meldcode afweging'"):
        stap(gestart(), nummer)


def test_afweging_voor_stap_3_geweigerd() -> None:
    plan = gestart()
    stap(plan, 1, kindcheck="geen")
    stap(plan, 2, met="collega")
    with pytest.raises(JeugdplanError) as e:
        antwoord(plan, 1, "ja")
    assert "afwegingsvraag 1 beantwoorden kan nu niet: stap 3 (gesprek met ouders en/of kind) " \
           "is nog niet vastgelegd of geldig overgeslagen; ontbreekt: notitie, met" in str(e.value)


def test_afweging_voor_start_geweigerd() -> None:
    with pytest.raises(JeugdplanError, match="de meldcode is nog niet gestart"):
        antwoord(nieuw_plan(), 1, "ja")


def test_vraag_4_voor_vraag_3_geweigerd() -> None:
    plan = tot_afweging()
    antwoord(plan, 1, "ja")
    antwoord(plan, 2, "nee")
    with pytest.raises(JeugdplanError, match="afwegingsvraag 4 beantwoorden kan nu niet: eerst "
                       "afwegingsvraag 3 beantwoorden \\(Kan ik effectieve hulp"):
        antwoord(plan, 4, "ja", termijn=date(2027, 1, 1))


def test_vraag_5_alleen_na_hulp() -> None:
    plan = tot_afweging()
    antwoord(plan, 1, "ja")
    with pytest.raises(JeugdplanError, match="eerst afwegingsvraag 2"):
        antwoord(plan, 5, "nee")


def test_antwoord_wordt_niet_gewijzigd() -> None:
    plan = tot_afweging()
    antwoord(plan, 1, "ja")
    antwoord(plan, 2, "nee")
    with pytest.raises(JeugdplanError, match="afwegingsvraag 2 is al beantwoord \\(nee, "
                       "2026-11-25\\); een antwoord wordt niet gewijzigd"):
        antwoord(plan, 2, "ja")


@pytest.mark.parametrize("nummer", [1, 3, 4, 5])
def test_twijfel_alleen_bij_vraag_2(nummer: int) -> None:
    plan = tot_afweging()
    with pytest.raises(JeugdplanError, match=f"'twijfel' kan niet bij afwegingsvraag {nummer}; "
                       "beantwoord met ja of nee \\(twijfel kan alleen bij vraag 2"):
        antwoord(plan, nummer, "twijfel")


@pytest.mark.parametrize("fout", ["misschien", "", "jaa"])
def test_onbekend_antwoord(fout: str) -> None:
    with pytest.raises(JeugdplanError, match="kies ja, nee of twijfel"):
        antwoord(tot_afweging(), 1, fout)


def test_onbekende_vraag() -> None:
    with pytest.raises(JeugdplanError, match="afwegingsvraag 6 bestaat niet"):
        antwoord(tot_afweging(), 6, "ja")


def test_hulp_zonder_termijn_geweigerd() -> None:
    plan = tot_afweging()
    volg_pad(plan, ((1, "ja"), (2, "nee"), (3, "ja")))
    with pytest.raises(JeugdplanError, match="vraag 4 ja .* vraagt --termijn"):
        antwoord(plan, 4, "ja")
    with pytest.raises(JeugdplanError, match="de termijn \\(2026-11-25\\) moet na de datum"):
        antwoord(plan, 4, "ja", termijn=VANDAAG)


def test_termijn_alleen_bij_vraag_4_ja() -> None:
    plan = tot_afweging()
    with pytest.raises(JeugdplanError, match="--termijn hoort niet bij vraag 1 ja"):
        antwoord(plan, 1, "ja", termijn=date(2027, 1, 1))
    with pytest.raises(JeugdplanError, match="--casemanager hoort niet bij vraag 1 ja"):
        antwoord(plan, 1, "ja", casemanager="Jan")


@pytest.mark.parametrize("pad,wat", [
    (((1, "nee"),), "waarom het spoor wordt afgesloten"),
    (((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja"), (5, "ja")), "de afspraken over monitoring"),
])
def test_afsluiten_vraagt_toelichting(pad: tuple[tuple[int, str], ...], wat: str) -> None:
    plan = tot_afweging()
    volg_pad(plan, pad[:-1])
    nummer, a = pad[-1]
    with pytest.raises(JeugdplanError, match=f"vraagt --toelichting: {wat}"):
        antwoord(plan, nummer, a)


# --- stap 3 overslaan --------------------------------------------------------------------


def _voor_stap_3() -> Plan:
    plan = gestart()
    stap(plan, 1, kindcheck="geen")
    stap(plan, 2, met="collega")
    return plan


def sla_over(plan: Plan, nummer: int = 3, grond: str | None = "veiligheid",
             reden: str | None = "vader dreigde") -> str:
    return mc.sla_over(plan, nummer, grond=grond, reden=reden, datum=DAG, door=WIE,
                       vandaag=VANDAAG, m=M)


@pytest.mark.parametrize("grond", ["veiligheid", "contactbreuk"])
def test_stap_3_overslaan_op_geldige_grond(grond: str) -> None:
    plan = _voor_stap_3()
    assert sla_over(plan, grond=grond) == f"meldcode stap 3 overgeslagen (grond: {grond})"
    assert mc.volgende(plan, VANDAAG, M).afweging == 1
    with pytest.raises(JeugdplanError, match="stap 3 is overgeslagen"):
        stap(plan, 3, met="moeder")


@pytest.mark.parametrize("grond,reden,melding", [
    ("tijdgebrek", "druk", "'tijdgebrek' is geen grond om stap 3 over te slaan; alleen: "
     "veiligheid, contactbreuk"),
    (None, "x", "geef --grond"),
    ("veiligheid", None, "stap 3 overslaan kan alleen met een vastgelegde reden"),
    ("veiligheid", "   ", "stap 3 overslaan kan alleen met een vastgelegde reden"),
])
def test_stap_3_overslaan_geweigerd(grond: str | None, reden: str | None, melding: str) -> None:
    plan = _voor_stap_3()
    with pytest.raises(JeugdplanError, match=melding):
        sla_over(plan, grond=grond, reden=reden)
    assert not plan.meldcode[-1].overgeslagen


def test_alleen_stap_3_overslaan() -> None:
    with pytest.raises(JeugdplanError, match="alleen stap 3 .* niet stap 2"):
        sla_over(gestart(), nummer=2)


def test_overslaan_voor_stap_2_geweigerd() -> None:
    plan = gestart()
    with pytest.raises(JeugdplanError, match="stap 3 overslaan kan nu niet: stap 1"):
        sla_over(plan)


def test_overslaan_na_deels_vastgelegd_gesprek_geweigerd() -> None:
    plan = _voor_stap_3()
    stap(plan, 3)
    with pytest.raises(JeugdplanError, match="al \\(deels\\) vastgelegd; ontbreekt nog: met"):
        sla_over(plan)


# --- start, melding, andere plicht ---------------------------------------------------------


def test_start_twee_keer_geweigerd() -> None:
    plan = gestart()
    with pytest.raises(JeugdplanError, match="de meldcode is al gestart op 2026-11-20 door Ilse IB"):
        mc.start(plan, datum=DAG, door=WIE, vandaag=VANDAAG, m=M)


def test_start_na_afronding_begint_een_nieuw_spoor() -> None:
    plan = tot_afweging()
    antwoord(plan, 1, "nee", toelichting="geen vermoeden")
    plan.signalen.append(Signaal(id="s2", datum=VANDAAG, bron="kind", domein="veiligheid",
                                 omschrijving="vertelt over slaan"))
    advies = mc.volgende(plan, VANDAAG, M)
    assert (advies.status, advies.spoor, advies.opdracht) == (
        "afgerond", 1, "jeugdplan meldcode start 2026-TEST01")
    assert "nieuw signaal over veiligheid na het vorige spoor: s2" in advies.waarschuwingen[0]
    with pytest.raises(JeugdplanError, match="vóór het einde van het vorige spoor m1"):
        mc.start(plan, datum=DAG, door=WIE, vandaag=VANDAAG, m=M)
    assert mc.start(plan, datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=M) == \
        "meldcode: nieuw spoor 2 (m2) gestart"
    assert [(s.id, s.signalen) for s in plan.meldcode] == [("m1", ["s1"]), ("m2", ["s2"])]
    advies = mc.volgende(plan, VANDAAG, M)
    assert (advies.status, advies.spoor, advies.stap) == ("lopend", 2, 1)
    assert advies.titel == "Spoor 2, stap 1: Signalen in kaart brengen"
    assert mc.open_signalen(plan) == []


def test_datums_gecontroleerd() -> None:
    plan = nieuw_plan()
    with pytest.raises(JeugdplanError, match="ligt in de toekomst"):
        mc.start(plan, datum=date(2026, 12, 1), door=WIE, vandaag=VANDAAG, m=M)
    plan = gestart()
    with pytest.raises(JeugdplanError, match="vóór de start van de meldcode"):
        mc.leg_stap_vast(plan, 1, notitie="x", met=None, kindcheck="y", reactie=None,
                         datum=date(2026, 11, 1), door=WIE, vandaag=VANDAAG, m=M)


def test_afgesloten_plan_geweigerd() -> None:
    plan = gestart()
    plan.status = "afgesloten"
    with pytest.raises(JeugdplanError, match="is afgesloten"):
        stap(plan, 1, kindcheck="x")


def melding(plan: Plan, datum: date = VANDAAG) -> str:
    return mc.leg_melding_vast(plan, datum=datum, notitie="gemeld", geinformeerd="moeder",
                               reactie="boos", door=WIE, vandaag=VANDAAG, m=M)


@pytest.mark.parametrize("pad", [(), ((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja"))])
def test_melding_voor_besluit_melden_geweigerd(pad: tuple[tuple[int, str], ...]) -> None:
    plan = tot_afweging()
    volg_pad(plan, pad)
    with pytest.raises(JeugdplanError, match="de melding vastleggen kan nu niet: eerst "
                       "afwegingsvraag"):
        melding(plan)


def test_melding_rondt_af() -> None:
    plan = tot_afweging()
    volg_pad(plan, ((1, "ja"), (2, "ja")))
    with pytest.raises(JeugdplanError, match="kan niet op 2026-11-20: dat ligt vóór "
                       "afwegingsvraag 2 \\(ja\\) \\(2026-11-25\\)"):
        melding(plan, DAG)
    assert melding(plan) == "meldcode: melding aan Veilig Thuis vastgelegd; spoor afgerond"
    assert plan.meldcode[-1].afgerond == VANDAAG
    assert mc.volgende(plan, VANDAAG, M).status == "afgerond"
    with pytest.raises(JeugdplanError, match="het meldcodespoor is afgerond op 2026-11-25"):
        melding(plan)


def test_signaal_over_personeel_is_een_andere_plicht() -> None:
    plan = nieuw_plan("grensoverschrijdend-personeel")
    advies = mc.volgende(plan, VANDAAG, M)
    assert advies.status == "niet-gestart"
    assert advies.opdracht is None
    assert advies.andere_plicht is not None
    assert "schoolbestuur" in advies.uitleg and "0900-111 3111" in advies.uitleg
    with pytest.raises(JeugdplanError) as e:
        mc.start(plan, datum=DAG, door=WIE, vandaag=VANDAAG, m=M)
    assert "de meldcode start niet" in str(e.value)
    assert "schoolbestuur" in str(e.value) and "vertrouwensinspecteur" in str(e.value)
    assert plan.meldcode == []


# --- volgende, termijn, status, hand bewerkt ---------------------------------------------


def test_termijn_en_waarschuwing_na_verstrijken() -> None:
    plan = tot_afweging()
    volg_pad(plan, ((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja")))
    op_tijd = mc.volgende(plan, date(2027, 1, 15), M)
    assert (op_tijd.afweging, op_tijd.termijn, op_tijd.termijn_verstreken) == (
        5, date(2027, 1, 15), False)
    assert not any("verstreken" in w for w in op_tijd.waarschuwingen)
    laat = mc.volgende(plan, date(2027, 1, 16), M)
    assert laat.termijn_verstreken
    assert "de termijn voor afwegingsvraag 5 (2027-01-15) is 1 dag verstreken" in \
        laat.waarschuwingen[0]


def test_status_overzicht_verstreken_eerst() -> None:
    a, b, c = tot_afweging(), tot_afweging(), gestart()
    a.id, b.id, c.id = "2026-AAAAAA", "2026-BBBBBB", "2026-CCCCCC"
    volg_pad(a, ((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja")))
    volg_pad(b, ((1, "ja"), (2, "nee"), (3, "ja")))
    mc.beantwoord(b, 4, "ja", toelichting=None, termijn=date(2026, 12, 1), casemanager=None,
                  datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=M)
    klaar = tot_afweging()
    antwoord(klaar, 1, "nee", toelichting="geen vermoeden")
    lijst = mc.status_overzicht([a, b, c, klaar, nieuw_plan()], date(2026, 12, 5), M)
    assert [x.id for x in lijst] == ["2026-BBBBBB", "2026-AAAAAA", "2026-CCCCCC"]


def test_hand_bewerkt_spoor_wordt_gecontroleerd() -> None:
    plan = gestart()
    assert plan.meldcode
    plan.meldcode[-1].afwegingen.append(MeldcodeAfweging(vraag=1, antwoord="ja", datum=DAG, door=WIE))
    t = mc.toestand(plan.meldcode[-1], M)
    assert t.fouten == ["meldcodespoor m1: afwegingsvraag 1 (ja) past niet na stap 1: signalen "
                        "in kaart brengen"]
    assert t.fouten[0] in mc.volgende(plan, VANDAAG, M).waarschuwingen
    with pytest.raises(JeugdplanError, match="het meldcodespoor in plan.yaml klopt niet"):
        stap(plan, 1, kindcheck="x")


def test_dossier_gaten_zijn_waarschuwingen() -> None:
    plan = gestart()
    stap(plan, 1, kindcheck="geen")
    stap(plan, 2, met="collega")
    stap(plan, 3, met="moeder")
    volg_pad(plan, ((1, "ja"), (2, "nee"), (3, "ja"), (4, "ja")))
    gaten = mc.volgende(plan, VANDAAG, M).waarschuwingen
    assert "stap 3: hun reactie is niet vastgelegd (--reactie)" in gaten
    assert "afwegingsvraag 4: de casemanager (onderwijsvariant) is niet vastgelegd " \
           "(--casemanager)" in gaten


def test_volgende_van_eerste_signaal_tot_besluit() -> None:
    plan = nieuw_plan("veiligheid")
    gezien = []
    gezien.append(mc.volgende(plan, VANDAAG, M))
    mc.start(plan, datum=DAG, door=WIE, vandaag=VANDAAG, m=M)
    gezien.append(mc.volgende(plan, VANDAAG, M))
    stap(plan, 1, kindcheck="geen")
    gezien.append(mc.volgende(plan, VANDAAG, M))
    stap(plan, 2, met="collega")
    gezien.append(mc.volgende(plan, VANDAAG, M))
    sla_over(plan, grond="contactbreuk", reden="moeder dreigde school te wisselen")
    for nummer, a in ((1, "ja"), (2, "nee"), (3, "nee")):
        gezien.append(mc.volgende(plan, VANDAAG, M))
        antwoord(plan, nummer, a)
    gezien.append(mc.volgende(plan, VANDAAG, M))
    samenvatting = [(a.status, a.stap, a.afweging, a.besluit) for a in gezien]
    assert samenvatting == [
        ("niet-gestart", None, None, None),
        ("lopend", 1, None, None),
        ("lopend", 2, None, None),
        ("lopend", 3, None, None),
        ("lopend", 4, 1, None),
        ("lopend", 4, 2, None),
        ("lopend", 5, 3, None),
        ("lopend", 5, None, "melden"),
    ]
    assert gezien[0].opdracht == "jeugdplan meldcode start 2026-TEST01"
    assert gezien[-1].ontbreekt == ["melding"]
    assert all(a.opdracht for a in gezien)


# --- willekeurige reeksen handelingen ------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEKST = st.sampled_from([None, "x"])
_HANDELING = st.one_of(
    st.tuples(st.just("start")),
    st.tuples(st.just("stap"), st.integers(0, 4), _TEKST, _TEKST, _TEKST),
    st.tuples(st.just("overslaan"), st.integers(2, 3),
              st.sampled_from([None, "veiligheid", "contactbreuk", "anders"]), _TEKST),
    st.tuples(st.just("afweging"), st.integers(1, 5), st.sampled_from(mc.ANTWOORDEN), _TEKST,
              st.sampled_from([None, VANDAAG, date(2027, 1, 1)])),
    st.tuples(st.just("melding")),
    st.tuples(st.just("terugkoppeling")),
    st.tuples(st.just("annuleer")),
)


def _doe(plan: Plan, h: tuple) -> None:  # type: ignore[type-arg]
    soort = h[0]
    if soort == "start":
        mc.start(plan, datum=DAG, door=WIE, vandaag=VANDAAG, m=M)
    elif soort == "stap":
        mc.leg_stap_vast(plan, h[1], notitie="n", met=h[2], kindcheck=h[3], reactie=h[4],
                         datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=M)
    elif soort == "overslaan":
        mc.sla_over(plan, h[1], grond=h[2], reden=h[3], datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=M)
    elif soort == "afweging":
        mc.beantwoord(plan, h[1], h[2], toelichting=h[3], termijn=h[4], casemanager=None,
                      datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=M)
    elif soort == "terugkoppeling":
        mc.leg_terugkoppeling_vast(plan, datum=VANDAAG, notitie="t", door=WIE, vandaag=VANDAAG,
                                   m=M)
    elif soort == "annuleer":
        mc.annuleer(plan, reden="per vergissing", datum=VANDAAG, door=WIE, vandaag=VANDAAG, m=M)
    else:
        mc.leg_melding_vast(plan, datum=VANDAAG, notitie="m", geinformeerd=None, reactie=None,
                            door=WIE, vandaag=VANDAAG, m=M)


_TOT_STAP_3 = (("start",), ("stap", 1, None, "x", None), ("stap", 2, "x", None, None))
# Een geldig begin, zodat de willekeurige reeks ook diep in het afwegingskader komt.
_BEGIN = st.sampled_from([(), (("start",),), _TOT_STAP_3, (*_TOT_STAP_3, ("stap", 3, "x", None, "x")),
                          (*_TOT_STAP_3, ("overslaan", 3, "contactbreuk", "x")),
                          (*_TOT_STAP_3, ("overslaan", 3, "veiligheid", "x"),
                           ("afweging", 1, "ja", None, None), ("afweging", 2, "nee", None, None),
                           ("afweging", 3, "ja", None, None))])


def _volgende_afweging(plan: Plan) -> st.SearchStrategy:  # type: ignore[type-arg]
    """Meestal een antwoord op de vraag die aan de beurt is (anders komt de reeks zelden ver)."""
    nummer = mc.volgende(plan, VANDAAG, M).afweging or 1
    return st.tuples(st.just("afweging"), st.just(nummer), st.sampled_from(mc.ANTWOORDEN),
                     st.sampled_from([None, "x", "x"]),
                     st.sampled_from([None, VANDAAG, date(2027, 1, 1), date(2027, 1, 1)]
                                     if nummer == 4 else [None, None, None, date(2027, 1, 1)]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BEGIN, st.data())
def test_willekeurige_handelingen_houden_het_spoor_geldig(
        begin: tuple, data: st.DataObject) -> None:  # type: ignore[type-arg]
    """Elke weigering laat het plan ongemoeid; na elke geaccepteerde handeling is het spoor
    geldig, volgt het besluit de tabel en komen afwegingen pas na stap 1-3."""
    plan = nieuw_plan("veiligheid")
    for h in begin:
        _doe(plan, h)
    for _ in range(25):
        volgende = _volgende_afweging(plan)
        h = data.draw(st.one_of(_HANDELING, volgende, volgende, volgende))
        voor = plan.model_dump()
        try:
            _doe(plan, h)
        except JeugdplanError:
            assert plan.model_dump() == voor, f"geweigerd maar toch gewijzigd: {h}"
            continue
        _controleer_spoor(plan)


def _controleer_spoor(plan: Plan) -> None:
    assert plan.meldcode
    Plan.model_validate(plan.als_yaml_data())
    assert mc.fouten(plan, M) == []
    t = mc.toestand(plan.meldcode[-1], M)
    assert t.fouten == []
    pad = tuple((a.vraag, a.antwoord) for a in plan.meldcode[-1].afwegingen)
    assert plan.meldcode[-1].besluit == (PADEN.get(pad) if pad else None)
    if pad:
        stappen = plan.meldcode[-1].stappen
        assert {"notitie", "kindcheck"} <= mc._gedekt(stappen, 1)
        assert {"notitie", "met"} <= mc._gedekt(stappen, 2)
        assert plan.meldcode[-1].overgeslagen or {"notitie", "met"} <= mc._gedekt(stappen, 3)
    if plan.meldcode[-1].meldingen:
        assert plan.meldcode[-1].besluit == "melden" and plan.meldcode[-1].afgerond is not None
    mc.volgende(plan, VANDAAG, M)
