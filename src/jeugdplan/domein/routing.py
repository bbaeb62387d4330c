"""Verwijsadvies: (plan, regioregels, vandaag) -> wie betrek je nu, wat moet eerst, en waarom.

Een zuivere functie (`route`): ze leest niets en schrijft niets. Elk advies noemt de regel
(`regel`) en de bron (`bron`) die het opleverden, zodat een coördinator aan ouders en
collega's kan uitleggen waarom. De uitgangspunten (tekst en bron in het regiobestand onder
`principes`):

- acuut gevaar (zwaarte `acuut`): eerst 112, de huisarts of huisartsenpost dezelfde dag en
  113 Zelfmoordpreventie (`data/crisis.yaml`, landelijk); niets wacht op ouders eerst;
- ouders eerst: zolang niet is vastgelegd dat de zorgen met de ouders zijn besproken (ook in
  meldcode stap 3 of bij de melding, `ouders.py`), en opnieuw bij een signaal van daarna, is
  dat het eerste advies en de eerste voorwaarde; behalve bij veiligheid (de meldcode gaat
  voor, in een nieuw spoor bij elk nieuw vermoeden) en bij een mogelijk zedendelict door
  iemand met taken op school (aparte meldplicht aan het schoolbestuur);
- licht waar het kan, specialistisch waar het moet: de routes in het regiobestand per domein
  en zwaarte; bij specialistische hulp ook de lijst verwijzers;
- meerdere domeinen: hulp in samenhang (route met `min_domeinen`);
- de hulp wordt erbij gehaald, het gezin wordt niet doorverwezen (staat in de reden);
- toestemming naar leeftijd voordat gegevens worden gedeeld (`toestemming.py`); leerplicht,
  RMC en Veilig Thuis hebben een eigen grondslag;
- verzuim: langer dan 4 weken ongeoorloofd afwezig of niet ingeschreven -> leerplicht en
  samenwerkingsverband; 16 uur ongeoorloofd verzuim binnen 4 lesweken -> de melding aan
  leerplicht (regel `verzuim-16-uur`); een mbo-student nooit naar het samenwerkingsverband
  (dat is er alleen voor po en vo) maar naar het RMC en de eigen ondersteuning van de
  mbo-school;
- wie al betrokken is (betrokkene, regie, lopende jeugdhulp, een melding bij Veilig Thuis)
  staat in het advies als `al_betrokken`, en wordt niet nog eens verwezen;
- identiteit: vraagt het gezin om hulp met een eigen identiteit, dan gaat een aanbieder met
  die identiteit voor, binnen dezelfde functie (de andere regels blijven gelden).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from jeugdplan.domein import ouders, taal
from jeugdplan.domein.dubbel import normaliseer
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.meldcode import gemeld, laatste, open_signalen
from jeugdplan.domein.toestemming import (
    heeft_toestemming,
    leeftijd,
    opnieuw_vragen,
    vereist,
    zonder_toestemming,
)

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.kalender import Kalender
    from jeugdplan.domein.model import Plan
    from jeugdplan.domein.regio import Regio
    from jeugdplan.domein.regiomodel import Koppeling, Organisatie

VEILIGHEID = "veiligheid"
PERSONEEL = "grensoverschrijdend-personeel"
ACUUT = "acuut"
ZWAARTE_VOLGORDE = {"licht": 0, "complex": 1, "specialistisch": 2}
ACTIEVE_STATUSSEN = ("voorgesteld", "aangevraagd", "geaccepteerd", "gestart")
MBO = "mbo"
GEEN_SWV = frozenset({MBO})
"""Onderwijssoorten zonder samenwerkingsverband passend onderwijs (dat is er voor po en vo)."""
TERUGVAL = {"rmc": "leerplicht", "mbo-school": "school"}
"""Een regio zonder deze functie: dan deze (RMC loopt via leerplicht, de mbo-school is de
school zelf)."""

Toestemming = Literal["niet-nodig", "aanwezig", "nodig"]


@dataclass
class Advies:
    rol: str
    organisatie: str
    contact: str | None
    reden: str
    regel: str
    bron: str
    functie: str
    organisatie_id: str | None = None
    principe: str | None = None
    regels: list[str] = field(default_factory=list)
    """Alle regels die aan dit advies bijdroegen (de eerste is `regel`)."""
    verwijsbaar: bool = True
    toestemming: Toestemming = "niet-nodig"
    toestemming_van: str | None = None
    onzeker: bool = False
    waarom_onzeker: str | None = None
    identiteit: str | None = None
    alternatieven: list[str] = field(default_factory=list)
    signalen: list[str] = field(default_factory=list)
    lopende_verwijzing: str | None = None
    al_betrokken: bool = False
    """Deze organisatie is al betrokken (betrokkene, regie, lopende jeugdhulp, melding bij
    Veilig Thuis): geen nieuwe verwijzing. Een lopende verwijzing staat in
    `lopende_verwijzing`."""
    betrokken_als: str | None = None


@dataclass
class Voorwaarde:
    code: str
    melding: str
    regel: str | None = None
    bron: str | None = None
    organisatie: str | None = None


@dataclass
class VerwijzerAdvies:
    naam: str
    wanneer: str
    bron: str
    rol: str | None = None


@dataclass
class Uitkomst:
    id: str
    gemeente: str
    regio: str
    datum: date
    adviezen: list[Advies]
    voorwaarden: list[Voorwaarde]
    verwijzers: list[VerwijzerAdvies]

    def als_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "gemeente": self.gemeente,
            "regio": self.regio,
            "datum": self.datum.isoformat(),
            "adviezen": [{"nr": i, **asdict(a)} for i, a in enumerate(self.adviezen, 1)],
            "voorwaarden": [asdict(v) for v in self.voorwaarden],
            "verwijzers": [asdict(v) for v in self.verwijzers],
        }

    def codes(self) -> list[str]:
        return [v.code for v in self.voorwaarden]


def verzuim_reden(plan: Plan, vandaag: date, g: Gegevens, kal: Kalender) -> str | None:
    """Waarom leerplicht en SWV erbij moeten (een thuiszitter volgens `verzuim.classificeer`,
    de ene plek waar die regels staan), of None."""
    from jeugdplan.domein.verzuim import THUISZITTER, classificeer

    stand = classificeer(plan, vandaag, g, kal)
    if stand is None or stand.categorie not in THUISZITTER:
        return None
    if stand.categorie == "absoluut_verzuim":
        return f"Het kind staat sinds {stand.sinds} op geen school ingeschreven (absoluut verzuim)."
    return (f"Het kind is sinds {stand.sinds} ongeoorloofd afwezig ({stand.dagen} dagen, langer "
            "dan 4 lesweken: langdurig relatief verzuim).")


def melding_16_uur(plan: Plan, vandaag: date, g: Gegevens, kal: Kalender
                   ) -> tuple[str, str] | None:
    """(reden, bron) van regel `verzuim-16-uur`: de school moet 16 uur ongeoorloofd verzuim
    binnen 4 lesweken melden bij leerplicht (via DUO), of None."""
    from jeugdplan.domein.verzuim import open_meldingen

    open_ = open_meldingen(plan, vandaag, g, kal)
    if not open_:
        return None
    m, regel = open_[0], g.leerplicht.melding_16_uur
    termijn = ("de termijn is verstreken, meld meteen" if m.uiterlijk < vandaag
               else f"uiterlijk {m.uiterlijk}")
    return (f"{taal.getal(m.uren)} uur ongeoorloofd verzuim van {m.begin} tot en met "
            f"{m.einde}, binnen "
            f"{regel.lesweken} lesweken: de school meldt dit binnen {regel.werkdagen} werkdagen "
            f"bij leerplicht via het DUO-verzuimloket ({termijn}); leg de melding vast met "
            f"'jeugdplan verzuim gemeld {plan.id} --datum D'.", regel.bron)


def _eerste_zin(tekst: str) -> str:
    punt = tekst.find(".")
    return tekst if punt < 0 else tekst[: punt + 1]


def _noemt(namen: list[str], naam: str) -> bool:
    """Noemt `naam` (uit het plan) een van de namen van de organisatie?"""
    n = normaliseer(naam)
    return any(k and n and (n == k or k in n or n in k) for k in map(normaliseer, namen))


def _past_identiteit(gewenst: str, org: Organisatie) -> bool:
    if not org.identiteit:
        return False
    a, b = normaliseer(gewenst), normaliseer(org.identiteit)
    return bool(a and b and (a == b or a in b or b in a))


class _Router:
    def __init__(self, plan: Plan, regio: Regio, vandaag: date, gemeente: str,
                 g: Gegevens) -> None:
        self.plan = plan
        self.g = g
        self.regio = regio
        self.r = regio.regels
        self.vandaag = vandaag
        self.gemeente = gemeente
        self.adviezen: list[Advies] = []
        self.eigen_grondslag = zonder_toestemming(g)
        self.vrij = self.eigen_grondslag | set(g.toestemming.school_intern.rollen)

    def principe(self, naam: str) -> tuple[str, str]:
        p = self.r.principes[naam]
        return p.omschrijving, p.bron

    def kies(self, koppelingen: list[Koppeling]) -> tuple[Koppeling, bool, list[Koppeling]]:
        """Kiest de koppeling: bij een gewenste identiteit een passende aanbieder, anders de
        eerste zonder identiteit. Geeft (keuze, op identiteit gekozen, de andere)."""
        orgs = self.r.organisaties
        gewenst = self.plan.kind.identiteit
        keuze: Koppeling | None = None
        op_identiteit = False
        if gewenst:
            passend = [k for k in koppelingen if _past_identiteit(gewenst, orgs[k.organisatie])]
            if passend:
                keuze, op_identiteit = passend[0], True
        if keuze is None:
            algemeen = [k for k in koppelingen if not orgs[k.organisatie].identiteit]
            keuze = (algemeen or koppelingen)[0]
        return keuze, op_identiteit, [k for k in koppelingen if k is not keuze]

    def voeg_toe(self, functie: str, regel: str, reden: str, bron: str, principe: str | None,
                 signalen: list[str]) -> None:
        if functie == "swv" and self.plan.kind.onderwijssoort in GEEN_SWV:
            return  # het mbo heeft geen samenwerkingsverband (zie de mbo-routes en verzuim)
        koppelingen, _ = self.regio.koppelingen(functie, self.gemeente, self.plan.kind.school)
        if not koppelingen and functie in TERUGVAL:
            koppelingen, _ = self.regio.koppelingen(TERUGVAL[functie], self.gemeente,
                                                    self.plan.kind.school)
        if not koppelingen:  # pragma: no cover - de kruiscontrole van de regio voorkomt dit
            return
        k, op_identiteit, andere = self.kies(koppelingen)
        org = self.r.organisaties[k.organisatie]
        for bestaand in self.adviezen:
            if bestaand.organisatie_id == k.organisatie:
                bestaand.regels += [r for r in (regel, principe) if r and r not in bestaand.regels]
                bestaand.signalen += [s for s in signalen if s not in bestaand.signalen]
                return
        regels = [regel] + ([principe] if principe and principe != regel else [])
        tekst = reden.strip()
        if org.verwijsbaar and org.rol not in self.eigen_grondslag:
            # Hulp erbij halen; voor leerplicht en Veilig Thuis (eigen taak) past dat niet.
            tekst += " " + _eerste_zin(self.principe("erbij-halen")[0])
            regels.append("erbij-halen")
        gewenst = self.plan.kind.identiteit
        if op_identiteit:
            tekst += (f" Gekozen omdat het gezin hulp vraagt die past bij de identiteit "
                      f"'{gewenst}' ({org.identiteit}); zelfde functie en kwaliteitseisen.")
            regels.append("identiteit")
        elif gewenst and len(koppelingen) > 0 and org.verwijsbaar:
            tekst += (f" Voor deze functie is in de regio geen aanbieder met de identiteit "
                      f"'{gewenst}' bekend.")
        onzeker = org.onzeker or k.onzeker
        waarom = "; ".join(w for w in (org.waarom if org.onzeker else None,
                                       k.waarom if k.onzeker else None) if w) or None
        bronnen = [bron]
        # De bron van de organisatie zelf (Veilig Thuis, leerplicht, ...), niet die van de
        # gemeente-afspraak als geheel (die gaat vaak over de coach).
        org_bron = k.bron or org.bron
        if org_bron not in bron:
            bronnen.append(f"organisatie: {org_bron}")
        advies = Advies(
            rol=org.rol, organisatie=org.naam, contact=k.contact or org.contact,
            reden=tekst, regel=regel, bron="; ".join(bronnen), functie=functie,
            organisatie_id=k.organisatie, principe=principe, regels=regels,
            verwijsbaar=org.verwijsbaar, onzeker=onzeker, waarom_onzeker=waarom,
            identiteit=org.identiteit,
            alternatieven=[self.r.organisaties[a.organisatie].naam for a in andere],
            signalen=list(signalen),
        )
        self.toestemming(advies, org)
        for v in self.plan.verwijzingen:
            if v.status in ACTIEVE_STATUSSEN and normaliseer(v.organisatie) == normaliseer(
                    org.naam):
                advies.lopende_verwijzing = f"{v.id} ({v.status})"
        self.betrokken(advies, org)
        self.adviezen.append(advies)

    def betrokken(self, advies: Advies, org: Organisatie) -> None:
        """Is deze organisatie al betrokken? Dan zegt het advies door wie, en volgt er geen
        nieuwe verwijzing."""
        namen = [org.naam, *org.ook_bekend_als, advies.organisatie_id or ""]
        plan = self.plan
        wie: list[str] = []
        for b in plan.betrokkenen:
            if b.organisatie and _noemt(namen, b.organisatie):
                regie = (plan.regie is not None and normaliseer(plan.regie.naam)
                         == normaliseer(b.naam))
                wie.append(f"{b.naam} ({b.rol}{', met regie' if regie else ''})")
        if (plan.regie is not None and plan.regie.organisatie
                and _noemt(namen, plan.regie.organisatie)
                and not any(normaliseer(plan.regie.naam) in normaliseer(w) for w in wie)):
            wie.append(f"{plan.regie.naam} (regie)")
        for h in plan.jeugdhulp:
            if _noemt(namen, h.aanbieder) and (h.einde is None or h.einde > self.vandaag):
                wie.append(f"jeugdhulp: {h.vorm} sinds {h.start or '?'}")
        if org.rol == "veilig-thuis":
            wie += [f"melding op {s.meldingen[0].datum} (meldcode spoor {n})"
                    for n, s in gemeld(plan)]
        if wie:
            advies.al_betrokken = True
            advies.betrokken_als = "; ".join(wie)
            advies.reden += f" Al betrokken: {advies.betrokken_als}."

    def toestemming(self, advies: Advies, org: Organisatie) -> None:
        if not org.verwijsbaar or org.rol in self.vrij:
            advies.toestemming = "niet-nodig"
            return
        kandidaten = [org.naam, *org.ook_bekend_als, advies.organisatie_id or "", org.rol]
        if heeft_toestemming(self.plan, kandidaten, self.vandaag, self.g):
            advies.toestemming = "aanwezig"
        else:
            advies.toestemming = "nodig"
            advies.toestemming_van = vereist(self.plan, self.vandaag, self.g).omschrijving


def route(plan: Plan, regio: Regio, vandaag: date, g: Gegevens) -> Uitkomst:
    """Het verwijsadvies voor dit kind op `vandaag`."""
    gemeente = regio.gemeente(plan.kind.gemeente)
    if gemeente is None:
        raise JeugdplanError(
            f"gemeente {plan.kind.gemeente!r} hoort niet bij regio {regio.naam}; de gemeenten "
            f"in deze regio zijn: {', '.join(regio.gemeenten)}. Pas kind.gemeente aan, of voeg "
            "de gemeente toe in de regio.yaml van de casusrepository"
        )
    router = _Router(plan, regio, vandaag, gemeente, g)
    r = regio.regels

    # Acuut gevaar gaat buiten de regioroutes om (landelijk, data/crisis.yaml).
    zwaarste: dict[str, str] = {}
    for s in plan.signalen:
        if s.zwaarte == ACUUT:
            continue
        huidig = zwaarste.get(s.domein)
        if huidig is None or ZWAARTE_VOLGORDE[s.zwaarte] > ZWAARTE_VOLGORDE[huidig]:
            zwaarste[s.domein] = s.zwaarte
    domeinen = {s.domein for s in plan.signalen}
    soort = plan.kind.onderwijssoort

    # Een wettelijke meldplicht met termijn: vóór de routes, zodat de reden de melding noemt.
    from jeugdplan.domein.kalender import kalender

    kal = kalender(g, regio)
    zestien = melding_16_uur(plan, vandaag, g, kal)
    if zestien is not None:
        router.voeg_toe("leerplicht", "verzuim-16-uur", zestien[0], zestien[1], "verzuim", [])

    met_verwijzers = False
    for naam, rt in r.routes.items():
        if rt.onderwijssoorten and soort not in rt.onderwijssoorten:
            continue
        geraakt = [d for d in rt.domeinen if zwaarste.get(d) in rt.zwaarte]
        if len(geraakt) < rt.min_domeinen:
            continue
        signalen = [s.id for s in plan.signalen if s.domein in geraakt and s.zwaarte != ACUUT]
        for functie in rt.functies:
            router.voeg_toe(functie, naam, rt.reden, rt.bron, rt.principe, signalen)
        met_verwijzers = met_verwijzers or rt.verwijzers

    verzuim = verzuim_reden(plan, vandaag, g, kal)
    if verzuim is not None:
        tekst, bron = router.principe("verzuim")
        if soort in GEEN_SWV:
            tekst = (f"{verzuim} Het mbo heeft geen samenwerkingsverband: betrek het RMC "
                     "(onder 18 handhaaft de leerplichtambtenaar de kwalificatieplicht) en de "
                     "eigen studentbegeleiding van de mbo-school.")
            functies: tuple[str, ...] = ("rmc", "mbo-school")
        else:
            tekst = f"{verzuim} {tekst}"
            functies = ("leerplicht", "swv")
        for functie in functies:
            router.voeg_toe(functie, "verzuim", f"{tekst} Leerplicht en RMC hebben geen "
                            "toestemming nodig (eigen wettelijke taak).", bron, "verzuim", [])

    voorwaarden: list[Voorwaarde] = []
    acuut = [s.id for s in plan.signalen if s.zwaarte == ACUUT]
    if acuut:
        c = g.crisis
        voorwaarden.append(Voorwaarde("acuut", " ".join(c.voorwaarde.split()), "acuut", c.bron))
        crisis = [Advies(
            rol=a.rol, organisatie=a.organisatie, contact=a.contact,
            reden=" ".join(a.reden.split()), regel="acuut", bron=a.bron, functie="acuut",
            principe="acuut", regels=["acuut"], verwijsbaar=False, signalen=acuut,
            onzeker=c.onzeker is not None, waarom_onzeker=c.onzeker and " ".join(c.onzeker.split()),
        ) for a in c.adviezen]
        router.adviezen[:0] = crisis
    if PERSONEEL in domeinen:
        tekst, bron = router.principe("meldplicht-personeel")
        plicht = g.meldcode.andere_plicht
        stappen = "; ".join(f"{i}. {st.wie} {' '.join(st.wat.split())}"
                            for i, st in enumerate(plicht.stappen, 1))
        voorwaarden.append(Voorwaarde(
            "meldplicht-personeel", f"{tekst} Stappen: {stappen}. "
            f"{' '.join(plicht.naast_meldcode.split())}", "meldplicht-personeel",
            f"{bron}; {plicht.bron}"))
    lopend = laatste(plan)
    open_ = open_signalen(plan)
    veilig = bool(open_) or (lopend is not None and lopend.afgerond is None
                             and lopend.geannuleerd is None)
    if veilig:
        tekst, bron = router.principe("meldcode-eerst")
        nieuw = (" Dit is een nieuw vermoeden na een eerder spoor: start een nieuw spoor "
                 f"('jeugdplan meldcode start {plan.id}')." if open_ and plan.meldcode else "")
        voorwaarden.append(Voorwaarde(
            "meldcode", f"Er is een signaal over veiligheid: volg eerst de meldcode "
            f"('jeugdplan meldcode next {plan.id}').{nieuw} {tekst}", "meldcode-eerst", bron))
    elif VEILIGHEID in domeinen:
        for a in router.adviezen:
            if a.rol == "veilig-thuis" and gemeld(plan):
                n, spoor = gemeld(plan)[-1]
                a.reden = (f"Gemeld bij Veilig Thuis op {spoor.meldingen[0].datum} (meldcode "
                           f"spoor {n}): Veilig Thuis koppelt terug aan de school. "
                           f"{' '.join(g.meldcode.na_melding.uitleg.split())}"
                           + (f" Al betrokken: {a.betrokken_als}." if a.betrokken_als else ""))
    nog = ouders.nog_niet_besproken(plan)
    if nog:
        tekst, bron = router.principe("ouders-eerst")
        wie = ("de jongere en, als die dat goed vindt, de ouders"
               if leeftijd(plan.kind.geboortedatum, vandaag) >= 16 else "de ouders")
        sinds = ouders.laatste(plan)
        na = (f" Signaal {', '.join(s.id for s in nog)} kwam na het laatste gesprek met de "
              f"ouders ({sinds})." if sinds is not None else "")
        melding = (f"Bespreek de zorgen eerst met {wie} en leg dat vast met "
                   f"'jeugdplan ouders informeer {plan.id}'.{na}")
        if veilig:
            melding += " Bij het veiligheidssignaal volgt het gesprek via de meldcode (stap 3)."
        voorwaarden.append(Voorwaarde("ouders-informeren", melding, "ouders-eerst", bron))
        advies = Advies(
            rol="leerkracht", organisatie="De school: leerkracht of intern begeleider",
            contact=None, reden=f"{tekst} {melding}", regel="ouders-eerst", bron=bron,
            functie="ouders", principe="ouders-eerst", regels=["ouders-eerst"],
            verwijsbaar=False, signalen=[s.id for s in nog],
        )
        voor = {"acuut", "meldcode-eerst", "meldplicht-personeel"}
        plek = 0
        while plek < len(router.adviezen) and router.adviezen[plek].principe in voor:
            plek += 1
        router.adviezen.insert(plek, advies)

    tekst, bron = router.principe("toestemming")
    aanwijzing = vereist(plan, vandaag, g).aanwijzing(plan.id)
    for a in router.adviezen:
        if a.toestemming == "nodig":
            voorwaarden.append(Voorwaarde(
                "toestemming", f"Geen geldige toestemming om gegevens te delen met "
                f"{a.organisatie}: nodig is toestemming van {a.toestemming_van}."
                f"{aanwijzing}", "toestemming", bron, a.organisatie))

    for tekst in opnieuw_vragen(plan, vandaag, g):
        voorwaarden.append(Voorwaarde("toestemming-opnieuw", tekst[0].upper() + tekst[1:] + ".",
                                      "toestemming", g.toestemming.opnieuw_vragen.bron))

    if not plan.signalen and verzuim is None and zestien is None:
        voorwaarden.append(Voorwaarde(
            "geen-signalen", "Er zijn nog geen signalen vastgelegd; leg eerst vast wat er is "
            f"gezien of gehoord ('jeugdplan signaal add {plan.id} ...')."))

    verwijzers: list[VerwijzerAdvies] = []
    if met_verwijzers:
        for v in r.verwijzers or []:
            naam = v.naam
            if v.functie:
                koppelingen, _ = regio.koppelingen(v.functie, gemeente, plan.kind.school)
                if koppelingen:
                    keuze = router.kies(koppelingen)[0]
                    naam += f": {r.organisaties[keuze.organisatie].naam}"
            verwijzers.append(VerwijzerAdvies(naam, v.wanneer.strip(), v.bron, v.rol))

    return Uitkomst(plan.id, gemeente, regio.naam, vandaag, router.adviezen, voorwaarden,
                    verwijzers)
