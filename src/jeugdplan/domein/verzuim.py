"""Leerplicht, verzuim in schooltijd en thuiszitters: de stand op een peildatum, de
16-urenregel, de gronden van de Leerplichtwet en de verzuimbewerkingen.

De regels staan hier één keer; `thuiszitters.py`, `kwaliteit.py`, de routering en de agenda
gebruiken ze. Termijnen en gronden komen uit `data/leerplicht.yaml`, de schoolkalender uit
`kalender.py` (met `data/vakanties.yaml` en de regioregels):

- Leerplichtig vanaf de eerste schooldag van de maand na de 5e verjaardag (een nieuwkomer:
  vanaf de inschrijving in een Nederlandse gemeente) tot het einde van het schooljaar waarin
  het kind 16 wordt, of eerder na twaalf volledige schooljaren (art. 3). Daarna
  kwalificatieplichtig tot 18 jaar of een startkwalificatie. Wie geen van beide is, telt
  nooit mee.
- `vrijstelling`: een vrijstelling die op de peildatum geldt voor de plicht van dat moment
  (art. 15 alleen voor de kwalificatieplicht, art. 5a alleen in het seizoen, art. 5 onder
  a-c alleen tot het einde van het schooljaar zonder tijdige kennisgeving). Een gedeeltelijke
  vrijstelling (art. 11a, uren) haalt een kind nooit uit de telling. Vervangende leerplicht
  (art. 3a, 3b) is geen vrijstelling: het kind blijft ingeschreven en afwezigheid is verzuim.
- `absoluut_verzuim`: plichtig, op geen school ingeschreven, geen vrijstelling. Sinds: de
  uitschrijving (met de dagen dat het kind daarvoor al ongeoorloofd afwezig was), het einde
  van een vrijstelling, of het begin van de plicht.
- `relatief_4w_3m` / `relatief_3m_plus`: ingeschreven en onafgebroken ongeoorloofd afwezig,
  langer dan 4 weken (standaard in lesweken: dagen in een schoolvakantie tellen niet mee) en
  hooguit 3 kalendermaanden, of langer dan 3 kalendermaanden.
- `dreigend`: afwezig, 4 (les)weken of korter: een vroegsignaal, telt nooit mee.
- De 16-urenregel (art. 21a): ongeoorloofd verzuimde lesuren (hele lesdagen uit de
  afwezigheden, losse uren uit `deels_afwezig`) binnen 4 opeenvolgende lesweken; bij 16 uur
  meldt de school binnen 5 werkdagen (`meldingen_16_uur`).

Periodes zijn halfopen [van, tot): `tot` is de eerste dag dat de periode niet meer geldt. Een
peildatum in het verleden geeft de stand op die dag: alleen feiten met een datum op of vóór
de peildatum tellen. Zonder inschrijvingen geldt het kind als ingeschreven op `kind.school`;
zonder school als op geen school ingeschreven.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from jeugdplan.domein import taal
from jeugdplan.domein.errors import JeugdplanError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jeugdplan.domein.gegevens import Gegevens, Grond
    from jeugdplan.domein.kalender import Kalender, Schoolkalender
    from jeugdplan.domein.model import Inschrijving, Periode, Plan, Vrijstelling

Plicht = Literal["leerplichtig", "kwalificatieplichtig"]
Categorie = Literal["absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus", "vrijstelling",
                    "dreigend"]
GETELD: tuple[str, ...] = ("absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus",
                           "vrijstelling")
"""De categorieën in de totalen (`dreigend` telt nooit mee)."""
THUISZITTER: tuple[str, ...] = ("absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus")
_REIKWIJDTE = {"leerplichtig": "leerplicht", "kwalificatieplichtig": "kwalificatieplicht"}


def categorie_omschrijvingen(g: Gegevens) -> dict[str, str]:
    return dict(g.leerplicht.categorieen.codes)


def gronden(g: Gegevens) -> dict[str, Grond]:
    """Code -> grond (vrijstelling of vervangende leerplicht) uit `data/leerplicht.yaml`."""
    return dict(g.leerplicht.gronden)


def artikel_tekst(code: str | None, g: Gegevens) -> str | None:
    """'lpw_5_onder_a' -> 'art. 5 onder a' (onbekend: de code zelf)."""
    if code is None:
        return None
    grond = g.leerplicht.gronden.get(code)
    return grond.artikel if grond is not None else code


# --- datumrekenen -------------------------------------------------------------------------

def plus_maanden(dag: date, maanden: int) -> date:
    """Dezelfde dag `maanden` kalendermaanden later (of de laatste dag van die maand)."""
    index = dag.month - 1 + maanden
    jaar, maand = dag.year + index // 12, index % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def verjaardag(geboortedatum: date, jaren: int) -> date:
    """De verjaardag op `jaren` jaar (29 februari valt in een gewoon jaar op 1 maart)."""
    jaar = geboortedatum.year + jaren
    try:
        return geboortedatum.replace(year=jaar)
    except ValueError:
        return date(jaar, 3, 1)


def schooljaar_einde(dag: date, g: Gegevens) -> date:
    """De laatste dag (31 juli) van het schooljaar waarin `dag` valt."""
    e = g.leerplicht.leerplicht.schooljaar_einde
    einde = date(dag.year, e.maand, e.dag)
    return einde if dag <= einde else date(dag.year + 1, e.maand, e.dag)


def schoolkalender(plan: Plan, dag: date, kal: Kalender) -> Schoolkalender:
    """De kalender van de school van het kind op `dag` (zonder school: die van de gemeente)."""
    return kal.voor(school=school_op(plan, dag) or plan.kind.school, gemeente=plan.kind.gemeente,
                    onderwijssoort=plan.kind.onderwijssoort)


# --- leerplicht en kwalificatieplicht -----------------------------------------------------

def leerplicht_begin(geboortedatum: date, g: Gegevens, sk: Schoolkalender | None) -> date:
    """De eerste schooldag van de maand na de 5e verjaardag (zonder kalender: de eerste
    werkdag van die maand)."""
    vijf = verjaardag(geboortedatum, g.leerplicht.leerplicht.begin_leeftijd)
    eerste = plus_maanden(vijf.replace(day=1), 1)
    if sk is not None:
        return sk.eerste_lesdag(eerste)
    while eerste.weekday() >= 5:
        eerste += timedelta(days=1)
    return eerste


def plicht_begin(plan: Plan, g: Gegevens, kal: Kalender | None) -> date:
    """Het begin van de plicht voor dit kind: de leerplicht, of later de inschrijving in een
    Nederlandse gemeente (nieuwkomer)."""
    geboren = plan.kind.geboortedatum
    vijf = plus_maanden(verjaardag(geboren, g.leerplicht.leerplicht.begin_leeftijd)
                        .replace(day=1), 1)
    sk = schoolkalender(plan, vijf, kal) if kal is not None else None
    begin = leerplicht_begin(geboren, g, sk)
    nieuw = plan.verzuim.in_nederland_sinds
    return max(begin, nieuw) if nieuw is not None else begin


def leerplicht_einde(geboortedatum: date, g: Gegevens) -> date:
    """De laatste dag van de leerplicht volgens de leeftijd: 31 juli van het schooljaar
    waarin het kind 16 wordt (art. 3 lid 1 onder b)."""
    return schooljaar_einde(verjaardag(geboortedatum, g.leerplicht.leerplicht.eind_leeftijd), g)


def leerplicht_einde_plan(plan: Plan, g: Gegevens) -> date:
    """De laatste dag van de leerplicht van dit kind: na twaalf volledige schooljaren (als
    dat is vastgelegd en eerder is) of volgens de leeftijd."""
    einde = leerplicht_einde(plan.kind.geboortedatum, g)
    twaalf = plan.verzuim.twaalf_schooljaren
    return min(einde, twaalf) if twaalf is not None else einde


def kwalificatieplicht_einde(geboortedatum: date, g: Gegevens) -> date:
    """De laatste dag van de kwalificatieplicht: de dag vóór de 18e verjaardag."""
    achttien = verjaardag(geboortedatum, g.leerplicht.kwalificatieplicht.eind_leeftijd)
    return achttien - timedelta(days=1)


def plicht(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender | None,
           begin: date | None = None) -> Plicht | None:
    """De plicht op de peildatum (`begin`: `plicht_begin`, als die al bekend is)."""
    if peildatum < (begin or plicht_begin(plan, g, kal)):
        return None
    if peildatum <= leerplicht_einde_plan(plan, g):
        return "leerplichtig"
    skw = plan.verzuim.startkwalificatie
    if skw is not None and skw <= peildatum:
        return None
    if peildatum <= kwalificatieplicht_einde(plan.kind.geboortedatum, g):
        return "kwalificatieplichtig"
    return None


# --- periodes -----------------------------------------------------------------------------

def geldt(periode: Periode, peildatum: date) -> bool:
    """Loopt de periode op de peildatum? (halfopen [van, tot); zonder van: altijd al)."""
    return ((periode.van is None or periode.van <= peildatum)
            and (periode.tot is None or peildatum < periode.tot))


def inschrijving_op(plan: Plan, peildatum: date) -> Inschrijving | None:
    """De vastgelegde inschrijving op de peildatum (None: geen)."""
    return next((i for i in plan.verzuim.inschrijvingen if geldt(i, peildatum)), None)


def school_op(plan: Plan, peildatum: date) -> str | None:
    """De school waar het kind op de peildatum ingeschreven is; zonder vastgelegde
    inschrijvingen is dat `kind.school`. None: op geen school ingeschreven."""
    if not plan.verzuim.inschrijvingen:
        return plan.kind.school
    inschrijving = inschrijving_op(plan, peildatum)
    return inschrijving.school if inschrijving is not None else None


def afwezigheid_op(plan: Plan, peildatum: date) -> Periode | None:
    return next((a for a in plan.verzuim.afwezigheden
                 if a.van is not None and geldt(a, peildatum)), None)


def aanbod_op(plan: Plan, peildatum: date) -> bool:
    return any(a.van is not None and geldt(a, peildatum) for a in plan.verzuim.aanbod)


# --- gronden: geldigheid ------------------------------------------------------------------

def einde_vrijstelling(v: Vrijstelling, grond: Grond, plan: Plan, peildatum: date,
                       g: Gegevens) -> date | None:
    """De eerste dag dat de vrijstelling niet meer geldt, zoals bekend op de peildatum
    (None: loopt door).

    Geldigheid `schooljaar` (art. 5 onder a-c): tot het einde van het schooljaar van `van`,
    en per tijdige kennisgeving (vóór 1 juli, art. 6 lid 2 onder b) een schooljaar langer;
    niet bij `nooit_geschikt` (art. 6 lid 3). `tot_leeftijd` (art. 11a): tot de verjaardag.
    `per_schooljaar`: hooguit tot het einde van het schooljaar van `van`."""
    einden = [v.tot] if v.tot is not None else []
    if v.van is not None:
        if grond.geldigheid == "schooljaar" and not (v.nooit_geschikt
                                                     and grond.nooit_geschikt_mogelijk):
            einde = schooljaar_einde(v.van, g) + timedelta(days=1)
            for r in sorted(d for d in v.verlengd if d <= peildatum):
                vorige, termijn = _vernieuwtermijn(einde, grond)
                if vorige <= r < termijn:
                    einde = date(einde.year + 1, einde.month, einde.day)
            einden.append(einde)
        elif grond.geldigheid == "per_schooljaar":
            einden.append(schooljaar_einde(v.van, g) + timedelta(days=1))
    if grond.tot_leeftijd is not None:
        einden.append(verjaardag(plan.kind.geboortedatum, grond.tot_leeftijd))
    return min(einden, default=None)


def _vernieuwtermijn(einde: date, grond: Grond) -> tuple[date, date]:
    """[vanaf, vóór): wanneer de kennisgeving voor het schooljaar na `einde` moet komen."""
    assert grond.vernieuwen_voor is not None
    d = grond.vernieuwen_voor
    return date(einde.year - 1, d.maand, d.dag), date(einde.year, d.maand, d.dag)


def _geldt_voor(grond: Grond, soort: Plicht, peildatum: date) -> bool:
    """Stelt de grond het kind op de peildatum vrij (reikwijdte, seizoen; nooit uren)?"""
    if grond.soort != "vrijstelling" or grond.omvang == "uren":
        return False
    if _REIKWIJDTE[soort] not in grond.reikwijdte:
        return False
    return grond.seizoen is None or grond.seizoen.bevat(peildatum.month)


def vrijstelling_op(plan: Plan, peildatum: date, g: Gegevens,
                    soort: Plicht) -> Vrijstelling | None:
    """De vrijstelling die het kind op de peildatum uit de telling haalt (of None)."""
    for v, grond, _einde in _lopend(plan, peildatum, g):
        if _geldt_voor(grond, soort, peildatum):
            return v
    return None


def _lopend(plan: Plan, peildatum: date, g: Gegevens
            ) -> Iterator[tuple[Vrijstelling, Grond, date | None]]:
    """(vrijstelling, grond, einde) van elke vrijstelling met een bekende grond die op de
    peildatum begonnen en nog niet afgelopen is (einde None: geen einde)."""
    alle = g.leerplicht.gronden
    for v in plan.verzuim.vrijstellingen:
        grond = alle.get(v.artikel)
        if grond is None or v.van is None or v.van > peildatum:
            continue
        einde = einde_vrijstelling(v, grond, plan, peildatum, g)
        if einde is None or peildatum < einde:
            yield v, grond, einde


# --- classificatie ------------------------------------------------------------------------

@dataclass(frozen=True)
class Stand:
    """De verzuimstand van één kind op een peildatum."""

    categorie: Categorie
    plicht: Plicht
    sinds: date
    dagen: int
    """Kalenderdagen van `sinds` tot en met de peildatum."""
    dagen_schooltijd: int
    """Dezelfde dagen zonder de schoolvakanties."""
    school: str | None
    aanbod: bool
    artikel: str | None = None
    """De code van de grond (alleen bij `vrijstelling`)."""

    def drie_maanden_zonder_aanbod(self, peildatum: date, g: Gegevens) -> bool:
        """Thuiszitter, langer dan 3 maanden, zonder aanbod (het Thuiszitterspact)."""
        maanden = g.leerplicht.termijnen.drie_maanden
        return (self.categorie in THUISZITTER and not self.aanbod
                and peildatum >= plus_maanden(self.sinds, maanden))


def classificeer(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender) -> Stand | None:
    """De categorie van dit kind op de peildatum, of None (telt niet mee)."""
    v = plan.verzuim
    if not (v.inschrijvingen or v.afwezigheden or v.vrijstellingen) and plan.kind.school:
        return None  # ingeschreven, niet afwezig, geen vrijstelling: het gewone geval
    begin = plicht_begin(plan, g, kal)
    soort = plicht(plan, peildatum, g, kal, begin)
    if soort is None:
        return None
    aanbod = aanbod_op(plan, peildatum)
    school = school_op(plan, peildatum)
    sk = schoolkalender(plan, peildatum, kal)

    def stand(categorie: Categorie, sinds: date, artikel: str | None = None) -> Stand:
        sinds = max(sinds, begin)
        return Stand(categorie, soort, sinds, (peildatum - sinds).days + 1,
                     sk.schooltijd(sinds, peildatum), school, aanbod, artikel)

    vrijstelling = vrijstelling_op(plan, peildatum, g, soort)
    if vrijstelling is not None:
        return stand("vrijstelling", vrijstelling.van or begin, vrijstelling.artikel)
    if school is None:
        return stand("absoluut_verzuim", _absoluut_sinds(plan, peildatum, g, begin))
    afwezig = afwezigheid_op(plan, peildatum)
    if afwezig is None or afwezig.van is None:
        return None
    t = g.leerplicht.termijnen
    sinds = max(afwezig.van, begin)
    dagen = (sk.schooltijd(sinds, peildatum) if t.vier_weken_telling == "lesweken"
             else (peildatum - sinds).days + 1)
    if dagen <= 7 * t.vier_weken:
        categorie: Categorie = "dreigend"
    elif peildatum >= plus_maanden(sinds, t.drie_maanden):
        categorie = "relatief_3m_plus"
    else:
        categorie = "relatief_4w_3m"
    return stand(categorie, sinds)


def _absoluut_sinds(plan: Plan, peildatum: date, g: Gegevens, begin: date) -> date:
    """Sinds wanneer het kind onafgebroken zonder school en zonder vrijstelling is: het
    einde van de laatste inschrijving (met de dagen die het kind daarvoor al ongeoorloofd
    afwezig was) of van de laatste vrijstelling, of het begin van de plicht."""
    v = plan.verzuim
    uit = max((i.tot for i in v.inschrijvingen if i.tot is not None and i.tot <= peildatum),
              default=None)
    sinds = max(begin, uit) if uit is not None else begin
    for vr in v.vrijstellingen:
        grond = g.leerplicht.gronden.get(vr.artikel)
        if grond is None or vr.van is None or vr.van > peildatum or grond.omvang == "uren":
            continue
        einde = einde_vrijstelling(vr, grond, plan, peildatum, g)
        if einde is not None and einde <= peildatum and einde > sinds:
            sinds = einde
    if uit is not None and sinds == uit:
        # Afwezig tot de uitschrijving: die dagen tellen mee (het tellen begint niet opnieuw).
        voor = [a.van for a in v.afwezigheden if a.van is not None and a.van < uit
                and (a.tot is None or a.tot >= uit)]
        if voor:
            sinds = min(voor)
    return sinds


# --- de 16-urenregel ----------------------------------------------------------------------

@dataclass(frozen=True)
class Melding16:
    """Een melding van 16 uur ongeoorloofd verzuim binnen 4 lesweken (art. 21a)."""

    begin: date
    """De eerste dag van het verzuim in deze telling."""
    einde: date
    """De dag waarop de 16 uur bereikt zijn."""
    uren: float
    uiterlijk: date
    """De laatste dag om te melden (5 werkdagen na `einde`)."""
    gemeld: date | None = None


def verzuimuren(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender
                ) -> list[tuple[date, float]]:
    """(lesdag, ongeoorloofd verzuimde lesuren) tot en met de peildatum, op volgorde: hele
    lesdagen uit de afwezigheden, losse uren uit `deels_afwezig`. Alleen op lesdagen, terwijl
    het kind ingeschreven en plichtig is en geen vrijstelling heeft; de uren van een
    vrijstelling art. 11a gaan er per week af."""
    v = plan.verzuim
    if not (v.afwezigheden or v.deels_afwezig):
        return []
    begin = plicht_begin(plan, g, kal)
    hele: dict[date, None] = {}
    for a in v.afwezigheden:
        if a.van is None:
            continue
        dag, tot = a.van, min(a.tot - timedelta(days=1) if a.tot else peildatum, peildatum)
        while dag <= tot:
            hele[dag] = None
            dag += timedelta(days=1)
    deels: dict[date, float] = {}
    for d in v.deels_afwezig:
        if d.datum <= peildatum and d.datum not in hele:
            deels[d.datum] = deels.get(d.datum, 0) + d.uren
    uit: list[tuple[date, float]] = []
    vrij_per_week: dict[date, float] = {}
    for dag in sorted([*hele, *deels]):
        school = school_op(plan, dag)
        if school is None:
            continue
        soort = plicht(plan, dag, g, kal, begin)
        if soort is None or vrijstelling_op(plan, dag, g, soort) is not None:
            continue
        sk = schoolkalender(plan, dag, kal)
        if not sk.lesdag(dag):
            continue
        uren = sk.uren_per_lesdag if dag in hele else deels[dag]
        week = dag - timedelta(days=dag.weekday())
        if week not in vrij_per_week:
            vrij_per_week[week] = _uren_vrij(plan, dag, g)
        aftrek = min(uren, vrij_per_week[week])
        vrij_per_week[week] -= aftrek
        if uren - aftrek > 0:
            uit.append((dag, uren - aftrek))
    return uit


def _uren_vrij(plan: Plan, dag: date, g: Gegevens) -> float:
    """Uren per week vrijgesteld van geregeld schoolbezoek (art. 11a) in de week van `dag`."""
    for v in plan.verzuim.vrijstellingen:
        grond = g.leerplicht.gronden.get(v.artikel)
        if grond is None or grond.omvang != "uren" or v.van is None or v.van > dag:
            continue
        einde = einde_vrijstelling(v, grond, plan, dag, g)
        if einde is None or dag < einde:
            return float(v.uren_per_week or 0)
    return 0.0


def meldingen_16_uur(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender
                     ) -> list[Melding16]:
    """Alle meldingen die de school volgens art. 21a had moeten doen, tot de peildatum.

    Telt per lesweek (een week met een lesdag; vakantieweken tellen niet): zodra de uren in
    de lopende en de 3 vorige lesweken samen 16 of meer zijn, is er een melding (begin: de
    eerste verzuimdag in de telling, einde: vandaag); daarna begint het tellen opnieuw. Bij
    aaneengesloten verzuim hooguit één melding per 7 kalenderdagen (DUO)."""
    regel = g.leerplicht.melding_16_uur
    uren = verzuimuren(plan, peildatum, g, kal)
    if not uren:
        return []
    nummers = _lesweeknummers(plan, uren[0][0], uren[-1][0], kal)
    gemeld = sorted(d for d in plan.verzuim.gemeld_16_uur if d <= peildatum)
    uit: list[Melding16] = []
    venster: list[tuple[date, float, int]] = []
    vorige: date | None = None
    for dag, u in uren:
        nr = nummers[dag - timedelta(days=dag.weekday())]
        venster = [x for x in (*venster, (dag, u, nr)) if nr - x[2] < regel.lesweken]
        totaal = sum(x[1] for x in venster)
        if totaal < regel.uren or (vorige is not None
                                  and (dag - vorige).days < regel.herhaal_dagen):
            continue
        sk = schoolkalender(plan, dag, kal)
        op = next((d for d in gemeld if d >= dag), None)
        uit.append(Melding16(venster[0][0], dag, round(totaal, 2),
                             sk.werkdagen_na(dag, regel.werkdagen), op))
        venster, vorige = [], dag
    return uit


def _lesweeknummers(plan: Plan, van: date, tot: date, kal: Kalender) -> dict[date, int]:
    """Maandag -> volgnummer van de lesweek (weken zonder lesdag krijgen het nummer van de
    vorige lesweek: ze tellen niet mee)."""
    week = van - timedelta(days=van.weekday())
    nummer, uit = 0, {}
    while week <= tot:
        if schoolkalender(plan, week, kal).lesweek(week):
            nummer += 1
        uit[week] = nummer
        week += timedelta(days=7)
    return uit


def open_meldingen(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender) -> list[Melding16]:
    """De meldingen van 16 uur die nog niet als gemeld zijn vastgelegd."""
    return [m for m in meldingen_16_uur(plan, peildatum, g, kal) if m.gemeld is None]


# --- aandacht: agenda en check ------------------------------------------------------------

@dataclass(frozen=True)
class Aandacht:
    """Een termijn rond verzuim of een grond: voor `agenda` en `check`."""

    soort: Literal["verzuim-melding", "vrijstelling", "vervangende-leerplicht"]
    datum: date
    wat: str
    verlopen: bool
    """De termijn is voorbij en er is niets vastgelegd (of de grond is vervallen)."""
    loc: tuple[str | int, ...]


def aandacht(plan: Plan, vandaag: date, g: Gegevens, kal: Kalender | None) -> list[Aandacht]:
    """Open meldingen van 16 uur (met `kal`), vrijstellingen die vervallen of moeten worden
    vernieuwd, en vervangende leerplicht die verlengd moet worden."""
    uit: list[Aandacht] = []
    if kal is not None:
        open_ = open_meldingen(plan, vandaag, g, kal)
        if open_:
            m = open_[0]
            meer = (f"; nog {taal.aantal(len(open_) - 1, 'latere melding')} open"
                    if len(open_) > 1 else "")
            uit.append(Aandacht(
                "verzuim-melding", m.uiterlijk,
                f"verzuim: {taal.getal(m.uren)} uur ongeoorloofd verzuim ({m.begin} tot en met {m.einde}) "
                f"melden bij leerplicht via het DUO-verzuimloket, binnen 5 werkdagen{meer}",
                m.uiterlijk < vandaag, ("verzuim", "gemeld_16_uur")))
    alle = g.leerplicht.gronden
    for i, v in enumerate(plan.verzuim.vrijstellingen):
        grond = alle.get(v.artikel)
        if grond is None or v.van is None or v.van > vandaag:
            continue
        einde = einde_vrijstelling(v, grond, plan, vandaag, g)
        if einde is None or plicht(plan, einde, g, kal) is None:
            continue  # loopt door, of de plicht is dan toch voorbij
        loc = ("verzuim", "vrijstellingen", i)
        if grond.vernieuwen_voor is not None and (v.tot is None or v.tot > einde):
            termijn = _vernieuwtermijn(einde, grond)[1]
            if vandaag >= einde:
                wat = (f"vrijstelling {grond.artikel} is vervallen op {einde}: niet vernieuwd "
                       f"vóór {termijn} (Leerplichtwet art. 6 lid 2 onder b); leg een "
                       f"kennisgeving vast ('jeugdplan verzuim verleng' of een nieuwe "
                       "'jeugdplan verzuim vrijstelling'), of het einde met 'jeugdplan edit'")
                uit.append(Aandacht("vrijstelling", einde, wat, True, loc))
            else:
                wat = (f"vrijstelling {grond.artikel}: kennisgeving voor het volgende schooljaar "
                       f"vóór {termijn} (anders vervalt ze op {einde})")
                uit.append(Aandacht("vrijstelling", termijn - timedelta(days=1), wat,
                                    vandaag >= termijn, loc))
        elif vandaag < einde:
            uit.append(Aandacht("vrijstelling", einde,
                                f"vrijstelling {grond.artikel} eindigt op {einde}", False, loc))
    for i, vl in enumerate(plan.verzuim.vervangende_leerplicht):
        grond = alle.get(vl.artikel)
        if grond is None or grond.verlengen_weken_voor is None or vl.van is None:
            continue
        einde = einde_vrijstelling(vl, grond, plan, vandaag, g)  # type: ignore[arg-type]
        if einde is None or vandaag >= einde or plicht(plan, einde, g, kal) is None:
            continue
        if any(w.artikel == vl.artikel and w.van == einde
               for w in plan.verzuim.vervangende_leerplicht):
            continue  # al verlengd
        termijn = einde - timedelta(weeks=grond.verlengen_weken_voor)
        uit.append(Aandacht(
            "vervangende-leerplicht", termijn,
            f"vervangende leerplicht {grond.artikel} loopt af op {einde}: verlenging aanvragen "
            f"uiterlijk {termijn} ({grond.verlengen_weken_voor} weken vooraf)",
            vandaag > termijn, ("verzuim", "vervangende_leerplicht", i)))
    return uit


def overzicht(plan: Plan, peildatum: date, g: Gegevens, kal: Kalender) -> dict[str, Any]:
    """De verzuimstand van één kind op de peildatum, voor `jeugdplan verzuim status` (intern:
    met de gronden van vrijstellingen)."""
    soort = plicht(plan, peildatum, g, kal)
    stand = classificeer(plan, peildatum, g, kal)
    sk = schoolkalender(plan, peildatum, kal)
    alle = g.leerplicht.gronden

    def gronden_uit(lijst: list[Any]) -> list[dict[str, Any]]:
        uit = []
        for p in lijst:
            grond = alle.get(p.artikel)
            einde = (einde_vrijstelling(p, grond, plan, peildatum, g)
                     if grond is not None and p.van is not None else p.tot)
            geldt_nu = (grond is not None and p.van is not None and p.van <= peildatum
                        and (einde is None or peildatum < einde))
            uit.append({
                "artikel": p.artikel, "grond": grond.artikel if grond else None,
                "omvang": grond.omvang if grond else None,
                "van": p.van.isoformat() if p.van else None,
                "tot": p.tot.isoformat() if p.tot else None,
                "laatste_dag": (einde - timedelta(days=1)).isoformat() if einde else None,
                "geldt": geldt_nu,
                "telt_als_vrijstelling": bool(
                    geldt_nu and grond is not None and soort is not None
                    and _geldt_voor(grond, soort, peildatum)),
            })
        return uit

    return {
        "id": plan.id, "peildatum": peildatum.isoformat(), "plicht": soort,
        "plicht_begin": plicht_begin(plan, g, kal).isoformat(),
        "leerplicht_einde": leerplicht_einde_plan(plan, g).isoformat(),
        "kwalificatieplicht_einde": kwalificatieplicht_einde(plan.kind.geboortedatum,
                                                             g).isoformat(),
        "school": school_op(plan, peildatum), "vakantieregio": sk.regio,
        "categorie": stand.categorie if stand else None,
        "sinds": stand.sinds.isoformat() if stand else None,
        "dagen": stand.dagen if stand else None,
        "dagen_schooltijd": stand.dagen_schooltijd if stand else None,
        "aanbod": aanbod_op(plan, peildatum),
        "meldingen_16_uur": [
            {"begin": m.begin.isoformat(), "einde": m.einde.isoformat(), "uren": m.uren,
             "uiterlijk": m.uiterlijk.isoformat(),
             "gemeld": m.gemeld.isoformat() if m.gemeld else None}
            for m in meldingen_16_uur(plan, peildatum, g, kal)],
        "vrijstellingen": gronden_uit(plan.verzuim.vrijstellingen),
        "vervangende_leerplicht": gronden_uit(plan.verzuim.vervangende_leerplicht),
        "aandacht": [a.wat for a in aandacht(plan, peildatum, g, kal)],
        "tegenstrijdig": tegenstrijdigheden(plan, g),
    }


def tegenstrijdigheden(plan: Plan, g: Gegevens) -> list[str]:
    """Wat in de verzuimgegevens elkaar of de wet tegenspreekt (bijvoorbeeld na bewerken met
    de hand).

    De opdrachten `jeugdplan verzuim ...` laten dit niet toe; de classificatie blijft ook dan
    eenduidig (de eerste passende periode telt), maar het rapport waarschuwt.
    """
    v = plan.verzuim
    uit: list[str] = []
    if not (v.inschrijvingen or v.afwezigheden or v.deels_afwezig or v.vrijstellingen
            or v.vervangende_leerplicht or v.aanbod or v.gemeld_16_uur or v.twaalf_schooljaren
            or v.startkwalificatie or v.in_nederland_sinds):
        return uit

    def overlap(periodes: list[Any], wat: str) -> None:
        for i, a in enumerate(periodes):
            for b in periodes[i + 1:]:
                if _overlapt(a, b):
                    uit.append(f"{wat} overlappen ({_tekst(a)} en {_tekst(b)})")

    overlap(v.afwezigheden, "afwezigheden")
    overlap(v.inschrijvingen, "inschrijvingen")
    overlap(v.vrijstellingen, "vrijstellingen")
    for a in v.afwezigheden:
        if a.van is None:
            uit.append("een afwezigheid zonder begindatum (van) telt niet mee")
        elif school_op(plan, a.van) is None:
            uit.append(f"afwezig vanaf {a.van} terwijl het kind op geen school is ingeschreven")
    for d in v.deels_afwezig:
        if afwezigheid_op(plan, d.datum) is not None:
            uit.append(f"uren verzuim op {d.datum} vallen in een hele afwezigheid")
    alle = g.leerplicht.gronden
    for lijst, soort in ((v.vrijstellingen, "vrijstelling"),
                         (v.vervangende_leerplicht, "vervangende_leerplicht")):
        for p in lijst:
            grond = alle.get(p.artikel)
            if grond is None:
                uit.append(f"{soort.replace('_', ' ')} met onbekende grond {p.artikel!r}")
            elif grond.soort != soort:
                uit.append(f"{grond.artikel} is {grond.soort.replace('_', ' ')}, geen "
                           f"{soort.replace('_', ' ')}: zet het onder "
                           f"verzuim.{'vrijstellingen' if grond.soort == 'vrijstelling' else grond.soort}")
            elif p.van is not None:
                reden = _past_niet(plan, grond, p.van, g)
                if reden:
                    uit.append(f"{grond.artikel} vanaf {p.van}: {reden}")
            if p.van is None:
                uit.append(f"een {soort.replace('_', ' ')} zonder begindatum (van) telt niet mee")
    if v.twaalf_schooljaren is not None and v.twaalf_schooljaren != schooljaar_einde(
            v.twaalf_schooljaren, g):
        uit.append(f"twaalf schooljaren: {v.twaalf_schooljaren} is niet het einde van een "
                   "schooljaar")
    datums = [d for p in (*v.inschrijvingen, *v.afwezigheden, *v.vrijstellingen,
                          *v.vervangende_leerplicht, *v.aanbod)
              for d in (p.van, p.tot) if d is not None]
    datums += [d for d in (v.startkwalificatie, v.in_nederland_sinds, v.twaalf_schooljaren)
               if d is not None]
    datums += [d.datum for d in v.deels_afwezig] + list(v.gemeld_16_uur)
    if any(d < plan.kind.geboortedatum for d in datums):
        uit.append("een verzuimdatum ligt vóór de geboortedatum")
    return uit


def _past_niet(plan: Plan, grond: Grond, van: date, g: Gegevens) -> str | None:
    """Waarom deze grond op `van` niet past bij dit kind (None: past). Een grond mag tot een
    maand vóór het begin van de plicht ingaan (kennisgeving vooraf, art. 6 lid 2 onder a)."""
    begin = plicht_begin(plan, g, None)
    soort = plicht(plan, max(van, begin) if van >= plus_maanden(begin, -1) else van, g, None)
    leeftijd = _leeftijd(plan.kind.geboortedatum, van)
    if soort is None:
        return ("het kind is dan niet leerplichtig of kwalificatieplichtig (de plicht begint "
                f"op {begin})")
    if _REIKWIJDTE[soort] not in grond.reikwijdte:
        wel = " en ".join(grond.reikwijdte)
        return (f"geldt alleen voor de {wel}; het kind is dan {soort} (leerplicht tot en met "
                f"{leerplicht_einde_plan(plan, g)})")
    if grond.tot_leeftijd is not None and leeftijd >= grond.tot_leeftijd:
        return f"geldt alleen onder de {grond.tot_leeftijd} jaar; het kind is dan {leeftijd}"
    if grond.vanaf_leeftijd is not None and leeftijd < grond.vanaf_leeftijd:
        return f"geldt pas vanaf {grond.vanaf_leeftijd} jaar; het kind is dan {leeftijd}"
    if grond.laatste_schooljaar:
        einde = leerplicht_einde_plan(plan, g)
        begin = date(einde.year - 1, einde.month, einde.day) + timedelta(days=1)
        if not begin <= van <= einde:
            return (f"geldt alleen in het laatste leerplichtige schooljaar ({begin} tot en met "
                    f"{einde})")
    return None


def _leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _tekst(periode: Periode) -> str:
    return f"{periode.van or '...'} tot {periode.tot or '...'}"


# --- bewerkingen (zuivere functies: plan aanpassen, commitbericht teruggeven) --------------

def _open(plan: Plan) -> None:
    if plan.status == "afgesloten":
        raise JeugdplanError(
            f"casus {plan.id} is afgesloten op {plan.afgesloten}; een afgesloten plan wijzigt "
            "niet meer"
        )


def _controleer_datum(plan: Plan, dag: date, wat: str, vandaag: date | None = None) -> None:
    if dag < plan.kind.geboortedatum:
        raise JeugdplanError(f"{wat} ({dag}) ligt vóór de geboortedatum van het kind")
    if vandaag is not None and dag > vandaag:
        raise JeugdplanError(f"{wat} ({dag}) ligt in de toekomst")


def _lopende_afwezigheid(plan: Plan) -> Periode | None:
    return next((a for a in plan.verzuim.afwezigheden if a.tot is None), None)


def afwezig(plan: Plan, *, sinds: date, vandaag: date) -> str:
    """Ongeoorloofde afwezigheid begint op `sinds`."""
    from jeugdplan.domein.model import Periode, voeg_toe
    _open(plan)
    _controleer_datum(plan, sinds, "de eerste dag van de afwezigheid", vandaag)
    lopend = _lopende_afwezigheid(plan)
    if lopend is not None:
        raise JeugdplanError(
            f"er loopt al een afwezigheid sinds {lopend.van}; leg eerst 'jeugdplan verzuim "
            "hervat' vast"
        )
    for eerder in plan.verzuim.afwezigheden:
        if eerder.van is not None and eerder.tot is not None and eerder.van <= sinds < eerder.tot:
            raise JeugdplanError(
                f"{sinds} valt in een eerdere afwezigheid ({eerder.van} tot {eerder.tot})"
            )
        if eerder.van is not None and eerder.van > sinds:
            raise JeugdplanError(
                f"er is al een latere afwezigheid vastgelegd (vanaf {eerder.van}); een nieuwe "
                f"open afwezigheid vanaf {sinds} zou die overlappen"
            )
    if school_op(plan, sinds) is None:
        raise JeugdplanError(
            f"het kind is op {sinds} op geen school ingeschreven: dat is absoluut verzuim, geen "
            "afwezigheid (leg een inschrijving vast met 'jeugdplan verzuim inschrijving')"
        )
    voeg_toe(plan.verzuim.afwezigheden, Periode, van=sinds)
    return f"verzuim: ongeoorloofd afwezig sinds {sinds}"


def hervat(plan: Plan, *, datum: date, vandaag: date) -> str:
    """Terug op school op `datum`: sluit de lopende afwezigheid."""
    _open(plan)
    _controleer_datum(plan, datum, "de datum van hervatten", vandaag)
    lopend = _lopende_afwezigheid(plan)
    if lopend is None:
        raise JeugdplanError(
            "er loopt geen afwezigheid; leg die eerst vast met 'jeugdplan verzuim afwezig'"
        )
    if lopend.van is not None and datum <= lopend.van:
        raise JeugdplanError(
            f"hervatten op {datum} ligt niet na het begin van de afwezigheid ({lopend.van})"
        )
    lopend.tot = datum
    return f"verzuim: hervat op {datum}"


def uren(plan: Plan, *, datum: date, aantal: float, vandaag: date, g: Gegevens,
         kal: Kalender) -> str:
    """`aantal` lesuren ongeoorloofd afwezig op één lesdag (deels verzuim)."""
    from jeugdplan.domein.model import DeelsAfwezig, voeg_toe
    _open(plan)
    _controleer_datum(plan, datum, "de datum", vandaag)
    if not 0 < aantal <= 12:
        raise JeugdplanError(f"--uren {aantal:g}: geef een aantal lesuren tussen 0 en 12")
    if school_op(plan, datum) is None:
        raise JeugdplanError(f"het kind is op {datum} op geen school ingeschreven: uren verzuim "
                             "kunnen dan niet")
    if plicht(plan, datum, g, kal) is None:
        raise JeugdplanError(f"het kind is op {datum} niet leerplichtig of kwalificatieplichtig: "
                             "de 16-urenregel geldt dan niet")
    sk = schoolkalender(plan, datum, kal)
    if not sk.lesdag(datum):
        vakantie = sk.vakantie(datum)
        waarom = (f"in de {vakantie.naam}" if vakantie is not None
                  else "een feestdag" if datum in sk.lesvrij else "in het weekend")
        raise JeugdplanError(f"{datum} is volgens de schoolkalender geen lesdag ({waarom}); "
                             "wijkt de school af, zet haar kalender dan in regio.yaml")
    afwezig_ = afwezigheid_op(plan, datum)
    if afwezig_ is not None:
        raise JeugdplanError(f"{datum} valt in de afwezigheid sinds {afwezig_.van}: die hele "
                             "lesdag telt al")
    bestaand = next((d for d in plan.verzuim.deels_afwezig if d.datum == datum), None)
    if bestaand is not None:
        if bestaand.uren + aantal > 12:
            raise JeugdplanError(f"op {datum} staat al {bestaand.uren:g} uur; samen meer dan 12")
        bestaand.uren = bestaand.uren + aantal
        return f"verzuim: {aantal:g} uur ongeoorloofd afwezig op {datum} (samen {bestaand.uren:g})"
    voeg_toe(plan.verzuim.deels_afwezig, DeelsAfwezig, datum=datum, uren=aantal)
    plan.verzuim.deels_afwezig.sort(key=lambda d: d.datum)
    return f"verzuim: {aantal:g} uur ongeoorloofd afwezig op {datum}"


def gemeld(plan: Plan, *, datum: date, vandaag: date, g: Gegevens, kal: Kalender) -> str:
    """De school meldde het verzuim van 16 uur op `datum` (DUO-verzuimloket)."""
    _open(plan)
    _controleer_datum(plan, datum, "de datum van de melding", vandaag)
    open_ = [m for m in open_meldingen(plan, datum, g, kal) if m.einde <= datum]
    if not open_:
        raise JeugdplanError(f"er staat op {datum} geen melding van 16 uur verzuim open; zie "
                             f"'jeugdplan verzuim status {plan.id}'")
    plan.verzuim.gemeld_16_uur.append(datum)
    plan.verzuim.gemeld_16_uur.sort()
    return f"verzuim: 16 uur verzuim gemeld op {datum} ({taal.aantal(len(open_), 'melding')})"


def uitschrijving(plan: Plan, *, datum: date) -> str:
    """Vanaf `datum` op geen school ingeschreven."""
    from jeugdplan.domein.model import Inschrijving, volgend_id
    _open(plan)
    _controleer_datum(plan, datum, "de datum van uitschrijving")
    verzuim = plan.verzuim
    if not verzuim.inschrijvingen:
        if plan.kind.school is None:
            raise JeugdplanError(f"het kind is op {datum} al op geen school ingeschreven")
        huidig = Inschrijving(id=volgend_id(plan.verzuim.inschrijvingen, Inschrijving.VOORVOEGSEL),
                              school=plan.kind.school)
        verzuim.inschrijvingen.append(huidig)
    else:
        gevonden = inschrijving_op(plan, datum)
        if gevonden is None:
            raise JeugdplanError(f"het kind is op {datum} al op geen school ingeschreven")
        huidig = gevonden
    if huidig.van is not None and datum <= huidig.van:
        raise JeugdplanError(
            f"uitschrijving op {datum} ligt niet na de inschrijving ({huidig.van})"
        )
    for a in verzuim.afwezigheden:
        if a.van is not None and a.van >= datum and geldt(huidig, a.van):
            raise JeugdplanError(
                f"er is een afwezigheid vastgelegd vanaf {a.van}, na deze uitschrijving"
            )
    # Een lopende afwezigheid eindigt met de uitschrijving: daarna is het absoluut verzuim
    # (de dagen dat het kind al afwezig was blijven meetellen).
    extra = ""
    for a in verzuim.afwezigheden:
        if a.van is not None and a.van < datum and (a.tot is None or a.tot > datum):
            a.tot = datum
            extra = f" (afwezigheid sinds {a.van} loopt door als absoluut verzuim)"
    huidig.tot = datum
    return f"verzuim: uitgeschreven per {datum}{extra}"


def inschrijving(plan: Plan, *, datum: date, school: str | None, vandaag: date) -> str:
    """Vanaf `datum` ingeschreven op `school` (standaard de school uit het plan)."""
    from jeugdplan.domein.model import Inschrijving, voeg_toe
    _open(plan)
    _controleer_datum(plan, datum, "de datum van inschrijving")
    naar = school or plan.kind.school
    if naar is None:
        raise JeugdplanError("het plan noemt geen school: geef de school met --school")
    huidig = school_op(plan, datum)
    if huidig is not None:
        raise JeugdplanError(
            f"het kind is op {datum} al ingeschreven op {huidig}; leg bij een overstap "
            "eerst 'jeugdplan verzuim uitschrijving' vast"
        )
    for i in plan.verzuim.inschrijvingen:
        if i.van is not None and i.van > datum:
            raise JeugdplanError(
                f"er is al een latere inschrijving vastgelegd (vanaf {i.van}); een open "
                f"inschrijving vanaf {datum} zou die overlappen"
            )
    voeg_toe(plan.verzuim.inschrijvingen, Inschrijving, van=datum, school=naar)
    if datum <= vandaag:
        plan.kind.school = naar
    return f"verzuim: ingeschreven per {datum}"


_ARTIKEL = re.compile(r"(\d+)\s*(?:(onder|sub)\s*)?([a-z])?")


def grondcode(ruw: str, g: Gegevens) -> str:
    """De eenduidige code van een grond uit wat iemand typte ('lpw_5_onder_a', 'art. 5 onder
    a', '5 sub a', '15', '11a'); '5a' is dubbelzinnig en wordt geweigerd."""
    alle = g.leerplicht.gronden
    tekst = ruw.strip().lower()
    if tekst in alle:
        return tekst
    kort = re.sub(r"^(artikel|art\.?)\s*", "", tekst)
    m = _ARTIKEL.fullmatch(kort)
    code = None
    if m is not None:
        nummer, onder, letter = m.groups()
        if onder and letter:
            code = f"lpw_{nummer}_onder_{letter}"
        elif nummer == "5" and letter == "a":
            raise JeugdplanError(
                f"{ruw[:20]!r} is dubbelzinnig: bedoelt u art. 5 onder a (lpw_5_onder_a: "
                f"{alle['lpw_5_onder_a'].omschrijving}) of art. 5a (lpw_5a: "
                f"{alle['lpw_5a'].omschrijving})?")
        elif nummer == "5" and letter in ("b", "c"):
            code = f"lpw_5_onder_{letter}"
        else:
            code = f"lpw_{nummer}{letter or ''}"
    if code not in alle:
        raise JeugdplanError(f"onbekende grond {ruw[:20]!r}; kies uit: " + ", ".join(
            f"{c} ({gr.artikel})" for c, gr in alle.items()))
    return code


def vrijstelling(plan: Plan, *, artikel: str, van: date, tot: date | None, g: Gegevens,
                 nooit_geschikt: bool = False, uren_per_week: int | None = None) -> str:
    """Een vrijstelling vastleggen; wat volgens de wet niet past, wordt geweigerd met de
    reden."""
    from jeugdplan.domein.model import Vrijstelling, volgend_id
    _open(plan)
    code = grondcode(artikel, g)
    grond = g.leerplicht.gronden[code]
    if grond.soort != "vrijstelling":
        raise JeugdplanError(
            f"{grond.artikel} is vervangende leerplicht, geen vrijstelling: het kind blijft "
            "ingeschreven en afwezigheid blijft verzuim; leg het vast met 'jeugdplan verzuim "
            "vervangend'")
    _controleer_datum(plan, van, "het begin van de vrijstelling")
    reden = _past_niet(plan, grond, van, g)
    if reden:
        raise JeugdplanError(f"vrijstelling {grond.artikel} past niet: {reden}")
    if tot is not None and tot <= van:
        raise JeugdplanError(f"het einde van de vrijstelling ({tot}) ligt niet na het begin ({van})")
    if grond.einde_verplicht and tot is None:
        raise JeugdplanError(f"een vrijstelling {grond.artikel} heeft een begin- en einddatum "
                             "(besluit van het college): geef --tot")
    if nooit_geschikt and not grond.nooit_geschikt_mogelijk:
        raise JeugdplanError(f"--nooit-geschikt hoort alleen bij art. 5 onder a, niet bij "
                             f"{grond.artikel}")
    if grond.max_uren_per_week is not None:
        if uren_per_week is None:
            raise JeugdplanError(f"vrijstelling {grond.artikel}: geef --uren-per-week (hooguit "
                                 f"{grond.max_uren_per_week})")
        if uren_per_week > grond.max_uren_per_week:
            raise JeugdplanError(f"vrijstelling {grond.artikel}: hooguit "
                                 f"{grond.max_uren_per_week} uur per week, niet {uren_per_week}")
    elif uren_per_week is not None:
        raise JeugdplanError(f"--uren-per-week hoort alleen bij een gedeeltelijke vrijstelling "
                             f"(art. 11a), niet bij {grond.artikel}")
    if grond.tot_leeftijd is not None:
        grens = verjaardag(plan.kind.geboortedatum, grond.tot_leeftijd)
        if tot is not None and tot > grens:
            raise JeugdplanError(f"vrijstelling {grond.artikel} eindigt uiterlijk op de "
                                 f"{grond.tot_leeftijd}e verjaardag ({grens})")
    nieuw = Vrijstelling(id=volgend_id(plan.verzuim.vrijstellingen, Vrijstelling.VOORVOEGSEL),
                         artikel=code, van=van, tot=tot, nooit_geschikt=nooit_geschikt or None,
                         uren_per_week=uren_per_week)
    for v in plan.verzuim.vrijstellingen:
        if _overlapt(v, nieuw):
            raise JeugdplanError(
                f"overlapt met de vrijstelling {artikel_tekst(v.artikel, g)} vanaf {v.van}"
                + (f" tot {v.tot}" if v.tot else " (loopt nog)")
            )
    plan.verzuim.vrijstellingen.append(nieuw)
    return f"verzuim: vrijstelling {grond.artikel} vanaf {van}"


def verleng(plan: Plan, *, datum: date, vandaag: date, g: Gegevens) -> str:
    """Kennisgeving voor het volgende schooljaar van de vrijstelling die op `datum` geldt
    (art. 6 lid 2 onder b: vóór 1 juli)."""
    _open(plan)
    _controleer_datum(plan, datum, "de datum van de kennisgeving", vandaag)
    for v, grond, einde in _lopend(plan, datum, g):
        if grond.vernieuwen_voor is None:
            raise JeugdplanError(f"vrijstelling {grond.artikel} hoeft niet jaarlijks vernieuwd "
                                 "te worden")
        if v.nooit_geschikt:
            raise JeugdplanError(f"vrijstelling {grond.artikel} met de verklaring 'nooit "
                                 "geschikt' hoeft niet vernieuwd te worden (art. 6 lid 3)")
        if v.tot is not None and einde is not None and v.tot <= einde:
            raise JeugdplanError(f"de vrijstelling eindigt zoals vastgelegd op {v.tot}")
        assert einde is not None
        vanaf, termijn = _vernieuwtermijn(einde, grond)
        if datum >= termijn:
            raise JeugdplanError(
                f"te laat: de kennisgeving voor het volgende schooljaar moest vóór {termijn} "
                f"(Leerplichtwet art. 6 lid 2 onder b); de vrijstelling vervalt op {einde}. Leg "
                "een nieuwe kennisgeving vast met 'jeugdplan verzuim vrijstelling ... --van'")
        if datum < vanaf:
            raise JeugdplanError(f"de vrijstelling is al verlengd tot {einde}; de volgende "
                                 f"kennisgeving kan vanaf {vanaf}")
        v.verlengd = sorted([*v.verlengd, datum])
        return (f"verzuim: vrijstelling {grond.artikel} verlengd (kennisgeving {datum}, geldt "
                f"tot {date(einde.year + 1, einde.month, einde.day)})")
    raise JeugdplanError(f"er geldt op {datum} geen vrijstelling om te verlengen")


def vervangend(plan: Plan, *, artikel: str, van: date, tot: date | None, g: Gegevens) -> str:
    """Vervangende leerplicht (art. 3a, 3b): geen vrijstelling."""
    from jeugdplan.domein.model import VervangendeLeerplicht, volgend_id
    _open(plan)
    code = grondcode(artikel, g)
    grond = g.leerplicht.gronden[code]
    if grond.soort != "vervangende_leerplicht":
        raise JeugdplanError(f"{grond.artikel} is een vrijstelling, geen vervangende "
                             "leerplicht; leg het vast met 'jeugdplan verzuim vrijstelling'")
    _controleer_datum(plan, van, "het begin")
    reden = _past_niet(plan, grond, van, g)
    if reden:
        raise JeugdplanError(f"{grond.artikel} past niet: {reden}")
    einde = schooljaar_einde(van, g) + timedelta(days=1)
    if tot is not None and tot <= van:
        raise JeugdplanError(f"het einde ({tot}) ligt niet na het begin ({van})")
    if tot is not None and tot > einde:
        raise JeugdplanError(f"{grond.artikel} geldt per schooljaar: uiterlijk tot {einde}; "
                             "een volgend schooljaar is een nieuw besluit")
    nieuw = VervangendeLeerplicht(
        id=volgend_id(plan.verzuim.vervangende_leerplicht, VervangendeLeerplicht.VOORVOEGSEL),
        artikel=code, van=van, tot=tot or einde)
    for v in plan.verzuim.vervangende_leerplicht:
        if _overlapt(v, nieuw):
            raise JeugdplanError(f"overlapt met {artikel_tekst(v.artikel, g)} vanaf {v.van}")
    plan.verzuim.vervangende_leerplicht.append(nieuw)
    return f"verzuim: vervangende leerplicht {grond.artikel} vanaf {van} tot {nieuw.tot}"


def twaalf_schooljaren(plan: Plan, *, datum: date, g: Gegevens) -> str:
    """Het einde van het twaalfde volledige schooljaar: daar eindigt de leerplicht (art. 3
    lid 1 onder a); de kwalificatieplicht loopt door."""
    _open(plan)
    _controleer_datum(plan, datum, "de datum")
    lp = g.leerplicht.leerplicht
    if datum != schooljaar_einde(datum, g):
        raise JeugdplanError(
            f"{datum} is niet het einde van een schooljaar: de leerplicht eindigt aan het einde "
            f"van het schooljaar ({lp.schooljaar_einde.dag} "
            f"{_MAANDEN[lp.schooljaar_einde.maand - 1]}) na het twaalfde volledige schooljaar")
    einde = leerplicht_einde(plan.kind.geboortedatum, g)
    if datum >= einde:
        raise JeugdplanError(f"verandert niets: de leerplicht eindigt al op {einde} (einde van "
                             f"het schooljaar waarin het kind {lp.eind_leeftijd} wordt)")
    if plan.verzuim.twaalf_schooljaren is not None:
        raise JeugdplanError(f"er is al vastgelegd dat de twaalf schooljaren eindigden op "
                             f"{plan.verzuim.twaalf_schooljaren}")
    plan.verzuim.twaalf_schooljaren = datum
    return f"verzuim: twaalf volledige schooljaren op {datum} (einde leerplicht)"


_MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"]


def nieuwkomer(plan: Plan, *, datum: date, vandaag: date) -> str:
    """Ingeschreven in een Nederlandse gemeente op `datum`: vanaf dan plichtig."""
    _open(plan)
    _controleer_datum(plan, datum, "de datum van inschrijving in de gemeente", vandaag)
    if plan.verzuim.in_nederland_sinds is not None:
        raise JeugdplanError(f"er is al vastgelegd dat het kind sinds "
                             f"{plan.verzuim.in_nederland_sinds} in Nederland woont")
    plan.verzuim.in_nederland_sinds = datum
    return f"verzuim: in Nederland (gemeente) sinds {datum}"


def _overlapt(a: Periode, b: Periode) -> bool:
    a_van, b_van = a.van or date.min, b.van or date.min
    a_tot, b_tot = a.tot or date.max, b.tot or date.max
    return a_van < b_tot and b_van < a_tot


def startkwalificatie(plan: Plan, *, datum: date, vandaag: date,
                      staatsexamen: bool = False) -> str:
    _open(plan)
    _controleer_datum(plan, datum, "de datum van de startkwalificatie", vandaag)
    if plan.verzuim.startkwalificatie is not None:
        raise JeugdplanError(
            f"er is al een startkwalificatie vastgelegd ({plan.verzuim.startkwalificatie})"
        )
    if not staatsexamen and school_op(plan, datum) is None \
            and school_op(plan, datum - timedelta(days=1)) is None:
        raise JeugdplanError(
            f"op {datum} stond het kind op geen school ingeschreven; een startkwalificatie "
            "(diploma havo, vwo of mbo 2-4) haalt een leerling op school. Klopt de datum van de "
            "uitschrijving? Behaald via een staatsexamen: gebruik --staatsexamen")
    plan.verzuim.startkwalificatie = datum
    return f"verzuim: startkwalificatie behaald op {datum}"


def aanbod(plan: Plan, *, omschrijving: str, van: date, tot: date | None) -> str:
    """Een aanbod van onderwijs en/of zorg (ook meerdere tegelijk)."""
    from jeugdplan.domein.model import Aanbod, voeg_toe
    _open(plan)
    _controleer_datum(plan, van, "het begin van het aanbod")
    if tot is not None and tot <= van:
        raise JeugdplanError(f"het einde van het aanbod ({tot}) ligt niet na het begin ({van})")
    voeg_toe(plan.verzuim.aanbod, Aanbod, van=van, tot=tot, omschrijving=omschrijving)
    return f"verzuim: aanbod vastgelegd vanaf {van}"
