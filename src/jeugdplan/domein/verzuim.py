"""Leerplicht en thuiszitters: de classificatie op een peildatum, en de verzuimbewerkingen.

De classificatie staat hier één keer; `thuiszitters.py` en `kwaliteit.py` gebruiken haar.
Regels en termijnen komen uit `data/leerplicht.yaml` (met bronnen):

- leerplichtig vanaf de eerste dag van de maand na de 5e verjaardag tot en met 31 juli van
  het schooljaar waarin het kind 16 wordt; daarna kwalificatieplichtig tot de 18e
  verjaardag, tenzij er vóór of op de peildatum een startkwalificatie is. Wie geen van beide
  is, telt nooit mee.
- `vrijstelling`: een vrijstelling geldig op de peildatum (apart geteld, geen thuiszitter).
- `absoluut_verzuim`: plichtig, op geen school ingeschreven, geen vrijstelling.
- `relatief_4w_3m` / `relatief_3m_plus`: ingeschreven en onafgebroken ongeoorloofd afwezig,
  meer dan 4 weken (28 dagen) en hooguit 3 kalendermaanden, of langer dan 3 maanden.
- `dreigend`: afwezig, 4 weken of korter: een vroegsignaal, telt nooit mee.

Periodes zijn halfopen [van, tot): `tot` is de eerste dag dat de periode niet meer geldt. Een
peildatum in het verleden geeft de stand op die dag: alleen feiten met een datum op of vóór
de peildatum tellen, een periode die later eindigde loopt op de peildatum nog.
Zonder inschrijvingen geldt het kind als ingeschreven op `kind.school`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from jeugdplan.domein.errors import JeugdplanError

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Artikel, Gegevens
    from jeugdplan.domein.model import Inschrijving, Periode, Plan, Vrijstelling

Plicht = Literal["leerplichtig", "kwalificatieplichtig"]
Categorie = Literal["absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus", "vrijstelling",
                    "dreigend"]
GETELD: tuple[str, ...] = ("absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus",
                           "vrijstelling")
"""De categorieën in de totalen (`dreigend` telt nooit mee)."""
THUISZITTER: tuple[str, ...] = ("absoluut_verzuim", "relatief_4w_3m", "relatief_3m_plus")


def categorie_omschrijvingen(g: Gegevens) -> dict[str, str]:
    return dict(g.leerplicht.categorieen.codes)


def vrijstellingsartikelen(g: Gegevens) -> dict[str, Artikel]:
    """Artikel -> omschrijving en bron uit `data/leerplicht.yaml`."""
    return dict(g.leerplicht.vrijstellingen.artikelen)


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


def leerplicht_begin(geboortedatum: date, g: Gegevens) -> date:
    vijf = verjaardag(geboortedatum, g.leerplicht.leerplicht.begin_leeftijd)
    return plus_maanden(vijf.replace(day=1), 1)


def leerplicht_einde(geboortedatum: date, g: Gegevens) -> date:
    """De laatste dag van de leerplicht: 31 juli van het schooljaar waarin het kind 16 wordt."""
    lp = g.leerplicht.leerplicht
    zestien = verjaardag(geboortedatum, lp.eind_leeftijd)
    einde = date(zestien.year, lp.schooljaar_einde.maand, lp.schooljaar_einde.dag)
    return einde if zestien <= einde else date(zestien.year + 1, einde.month, einde.day)


def kwalificatieplicht_einde(geboortedatum: date, g: Gegevens) -> date:
    """De laatste dag van de kwalificatieplicht: de dag vóór de 18e verjaardag."""
    achttien = verjaardag(geboortedatum, g.leerplicht.kwalificatieplicht.eind_leeftijd)
    return achttien - timedelta(days=1)


def plicht(plan: Plan, peildatum: date, g: Gegevens) -> Plicht | None:
    geboren = plan.kind.geboortedatum
    if peildatum < leerplicht_begin(geboren, g):
        return None
    if peildatum <= leerplicht_einde(geboren, g):
        return "leerplichtig"
    skw = plan.verzuim.startkwalificatie
    if skw is not None and skw <= peildatum:
        return None
    if peildatum <= kwalificatieplicht_einde(geboren, g):
        return "kwalificatieplichtig"
    return None


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


def vrijstelling_op(plan: Plan, peildatum: date) -> Vrijstelling | None:
    return next((v for v in plan.verzuim.vrijstellingen if geldt(v, peildatum)), None)


def afwezigheid_op(plan: Plan, peildatum: date) -> Periode | None:
    return next((a for a in plan.verzuim.afwezigheden
                 if a.van is not None and geldt(a, peildatum)), None)


def aanbod_op(plan: Plan, peildatum: date) -> bool:
    return any(a.van is not None and geldt(a, peildatum) for a in plan.verzuim.aanbod)


# --- classificatie ------------------------------------------------------------------------

@dataclass(frozen=True)
class Stand:
    """De verzuimstand van één kind op een peildatum."""

    categorie: Categorie
    plicht: Plicht
    sinds: date
    dagen: int
    """Kalenderdagen van `sinds` tot en met de peildatum."""
    school: str | None
    aanbod: bool
    artikel: str | None = None


def classificeer(plan: Plan, peildatum: date, g: Gegevens) -> Stand | None:
    """De categorie van dit kind op de peildatum, of None (telt niet mee)."""
    soort = plicht(plan, peildatum, g)
    if soort is None:
        return None
    begin = leerplicht_begin(plan.kind.geboortedatum, g)
    aanbod = aanbod_op(plan, peildatum)

    def stand(categorie: Categorie, sinds: date, school: str | None,
              artikel: str | None = None) -> Stand:
        sinds = max(sinds, begin)
        return Stand(categorie, soort, sinds, (peildatum - sinds).days + 1, school, aanbod,
                     artikel)

    school = school_op(plan, peildatum)
    vrijstelling = vrijstelling_op(plan, peildatum)
    if vrijstelling is not None:
        return stand("vrijstelling", vrijstelling.van or begin, school, vrijstelling.artikel)
    if school is None:
        return stand("absoluut_verzuim", _uitgeschreven_sinds(plan, peildatum) or begin, None)
    afwezig = afwezigheid_op(plan, peildatum)
    if afwezig is None or afwezig.van is None:
        return None
    termijnen = g.leerplicht.termijnen
    sinds = max(afwezig.van, begin)
    if peildatum >= plus_maanden(sinds, termijnen.drie_maanden_maanden):
        categorie: Categorie = "relatief_3m_plus"
    elif (peildatum - sinds).days >= termijnen.vier_weken_dagen:
        categorie = "relatief_4w_3m"
    else:
        categorie = "dreigend"
    return stand(categorie, sinds, school)


def _uitgeschreven_sinds(plan: Plan, peildatum: date) -> date | None:
    """Het einde van de laatste inschrijving vóór de peildatum (None: nooit ingeschreven)."""
    einden = [i.tot for i in plan.verzuim.inschrijvingen if i.tot is not None and i.tot <= peildatum]
    return max(einden, default=None)


def tegenstrijdigheden(plan: Plan, g: Gegevens) -> list[str]:
    """Wat in de verzuimgegevens elkaar tegenspreekt (bijvoorbeeld na bewerken met de hand).

    De opdrachten `jeugdplan verzuim ...` laten dit niet toe; de classificatie blijft ook dan
    eenduidig (de eerste passende periode telt), maar het rapport waarschuwt.
    """
    v = plan.verzuim
    uit: list[str] = []

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
    artikelen = vrijstellingsartikelen(g)
    for vr in v.vrijstellingen:
        if vr.artikel not in artikelen:
            uit.append(f"vrijstelling met onbekend artikel {vr.artikel!r}")
        if vr.van is None:
            uit.append("een vrijstelling zonder begindatum (van) geldt altijd al")
    datums = [d for p in (*v.inschrijvingen, *v.afwezigheden, *v.vrijstellingen, *v.aanbod)
              for d in (p.van, p.tot) if d is not None]
    if v.startkwalificatie is not None:
        datums.append(v.startkwalificatie)
    if any(d < plan.kind.geboortedatum for d in datums):
        uit.append("een verzuimdatum ligt vóór de geboortedatum")
    return uit


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


def uitschrijving(plan: Plan, *, datum: date) -> str:
    """Vanaf `datum` op geen school ingeschreven."""
    from jeugdplan.domein.model import Inschrijving, volgend_id
    _open(plan)
    _controleer_datum(plan, datum, "de datum van uitschrijving")
    verzuim = plan.verzuim
    if not verzuim.inschrijvingen:
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
    # Een lopende afwezigheid eindigt met de uitschrijving: daarna is het absoluut verzuim.
    extra = ""
    for a in verzuim.afwezigheden:
        if a.van is not None and a.van < datum and (a.tot is None or a.tot > datum):
            a.tot = datum
            extra = f" (afwezigheid sinds {a.van} beëindigd)"
    huidig.tot = datum
    return f"verzuim: uitgeschreven per {datum}{extra}"


def inschrijving(plan: Plan, *, datum: date, school: str | None, vandaag: date) -> str:
    """Vanaf `datum` ingeschreven op `school` (standaard de school uit het plan)."""
    from jeugdplan.domein.model import Inschrijving, voeg_toe
    _open(plan)
    _controleer_datum(plan, datum, "de datum van inschrijving")
    naar = school or plan.kind.school
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


def _artikel(ruw: str, g: Gegevens) -> str:
    schoon = ruw.strip().lower()
    for voorvoegsel in ("artikel", "art.", "art"):
        if schoon.startswith(voorvoegsel):
            schoon = schoon[len(voorvoegsel):]
            break
    schoon = schoon.replace("sub", "").replace("onder", "").replace(" ", "")
    artikelen = vrijstellingsartikelen(g)
    if schoon not in artikelen:
        raise JeugdplanError(
            f"onbekend artikel {ruw[:20]!r} voor een vrijstelling; kies uit: "
            + ", ".join(artikelen)
        )
    return schoon


def vrijstelling(plan: Plan, *, artikel: str, van: date, tot: date | None, g: Gegevens) -> str:
    from jeugdplan.domein.model import Vrijstelling, volgend_id
    _open(plan)
    art = _artikel(artikel, g)
    _controleer_datum(plan, van, "het begin van de vrijstelling")
    if tot is not None and tot <= van:
        raise JeugdplanError(f"het einde van de vrijstelling ({tot}) ligt niet na het begin ({van})")
    nieuw = Vrijstelling(id=volgend_id(plan.verzuim.vrijstellingen, Vrijstelling.VOORVOEGSEL),
                         artikel=art, van=van, tot=tot)
    for v in plan.verzuim.vrijstellingen:
        if _overlapt(v, nieuw):
            raise JeugdplanError(
                f"overlapt met de vrijstelling art. {v.artikel} vanaf {v.van}"
                + (f" tot {v.tot}" if v.tot else " (loopt nog)")
            )
    plan.verzuim.vrijstellingen.append(nieuw)
    return f"verzuim: vrijstelling art. {art} vanaf {van}"


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
            "(diploma havo, vwo of mbo-2) haalt een leerling op school. Klopt de datum van de "
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
