"""Getypeerde modellen van de meegeleverde regels in `data/`.

Elk bestand `data/<naam>.yaml` heeft hier een model; `Gegevens` bundelt ze (één veld per
bestand, met dezelfde naam). Het domein krijgt de regels zo als getypeerde waarden van wie
het aanroept (`opslag.bronnen.gegevens()` leest en valideert de bestanden): een typfout of
een ontbrekende sleutel in `data/` is een fout met bestand en regel, nooit een `KeyError`
midden in een opdracht. Modellen zijn strikt (`extra="forbid"`) en bevroren.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Gegeven(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


Versie = Literal[1]


# --- codelijsten.yaml -----------------------------------------------------------------------


class Codelijst(Gegeven):
    bron: str
    onzeker: str | None = None
    codes: dict[str, str] = Field(min_length=1)


class Codelijsten(Gegeven):
    versie: Versie
    domeinen: Codelijst
    zwaarte: Codelijst
    bronnen: Codelijst
    rollen: Codelijst
    onderwijssoorten: Codelijst
    ondersteuningsniveaus: Codelijst
    doelstatussen: Codelijst
    planstatussen: Codelijst

    def codes(self, naam: str) -> dict[str, str]:
        """Code -> omschrijving van codelijst `naam` (een veldnaam van dit model)."""
        lijst: Codelijst = getattr(self, naam)
        return lijst.codes


# --- toestemming.yaml -----------------------------------------------------------------------


class Leeftijdsband(Gegeven):
    van: int = Field(ge=0)
    tot: int = Field(gt=0)
    wie: list[Literal["ouders", "kind"]] = Field(min_length=1)
    omschrijving: str


class Rollen(Gegeven):
    bron: str | None = None
    rollen: list[str]


class Regeltekst(Gegeven):
    uitleg: str
    bron: str
    onzeker: str | None = None


class Toestemmingsregels(Gegeven):
    versie: Versie
    bron: str
    leeftijden: list[Leeftijdsband] = Field(min_length=1)
    gezag: Regeltekst
    opnieuw_vragen: Regeltekst
    """Toestemming gegeven zonder het kind, dat nu zelf moet toestemmen: waarschuwen."""
    zonder_toestemming: Rollen
    school_intern: Rollen


# --- kwaliteit.yaml -------------------------------------------------------------------------


class KleineGroep(Gegeven):
    drempel: int = Field(ge=1)
    bron: str
    onzeker: str | None = None
    toelichting: str


class Toelichting(Gegeven):
    bron: str
    toelichting: str
    onzeker: str | None = None


class Kwaliteitsregels(Gegeven):
    versie: Versie
    kleine_groep: KleineGroep
    eerste_hulp: Toelichting
    hulp: Toelichting


# --- bewaartermijnen.yaml -------------------------------------------------------------------


class Termijn(Gegeven):
    jaren: int = Field(ge=1)
    omschrijving: str
    bron: str
    onzeker: str | None = None


class Termijnregel(Gegeven):
    termijn: str
    als: list[str] = []
    """Velden van het plan (met punten: `verzuim.afwezigheden`); leeg: geldt voor elk plan."""
    rollen: list[str] = []
    """Ook als een betrokkene of de regie een van deze rollen heeft (coaching is jeugdhulp)."""


class Preventie(Gegeven):
    vormen: list[str] = Field(min_length=1)
    """Woorden in `jeugdhulp[].vorm` die preventie aanduiden (geen jeugdhulp)."""
    bron: str
    onzeker: str | None = None


class Telling(Gegeven):
    """Vanaf wanneer de termijn telt: de laatste wijziging in het dossier."""

    bron: str
    planning: list[str] = []
    """Velden met een geplande datum (geen wijziging)."""
    niet_mee: list[str] = []
    """Onderdelen van het plan die geen wijziging van het dossier zijn (het inzagelogboek)."""
    onzeker: str | None = None


class Bewaartermijnen(Gegeven):
    versie: Versie
    termijnen: dict[str, Termijn] = Field(min_length=1)
    regels: list[Termijnregel] = Field(min_length=1)
    preventie: Preventie
    telling: Telling

    @model_validator(mode="after")
    def _bekende_termijnen(self) -> Bewaartermijnen:
        for regel in self.regels:
            if regel.termijn not in self.termijnen:
                raise ValueError(f"regel noemt onbekende termijn {regel.termijn!r}; bekend: "
                                 + ", ".join(self.termijnen))
        return self


# --- leerplicht.yaml ------------------------------------------------------------------------


class Dag(Gegeven):
    maand: int = Field(ge=1, le=12)
    dag: int = Field(ge=1, le=31)


class Leerplichtduur(Gegeven):
    bron: str
    begin: str
    begin_leeftijd: int = Field(ge=1)
    eind_leeftijd: int = Field(ge=1)
    schooljaar_einde: Dag
    twaalf_schooljaren: int = Field(ge=1)
    toelichting: str
    onzeker: str | None = None


class Kwalificatieplichtduur(Gegeven):
    bron: str
    eind_leeftijd: int
    toelichting: str


class Verzuimtermijnen(Gegeven):
    bron: str
    vier_weken: int = Field(ge=1)
    vier_weken_telling: Literal["lesweken", "kalenderweken"]
    """Lesweken: dagen in een schoolvakantie tellen niet mee voor de 4 weken."""
    vier_weken_toelichting: str
    vier_weken_onzeker: str | None = None
    drie_maanden: int = Field(ge=1)
    drie_maanden_toelichting: str
    drie_maanden_onzeker: str | None = None


class Melding16Uur(Gegeven):
    bron: str
    uren: float = Field(gt=0)
    lesweken: int = Field(ge=1)
    werkdagen: int = Field(ge=1)
    herhaal_dagen: int = Field(ge=0)
    """Bij aaneengesloten verzuim hooguit één melding per zoveel kalenderdagen."""
    tekst: str
    onzeker: str | None = None


class Lesuren(Gegeven):
    bron: str
    onzeker: str | None = None
    uren_per_lesdag: dict[str, float] = Field(min_length=1)
    """Onderwijssoort (codelijst onderwijssoorten) -> lesuren op een gewone lesdag."""


class Aandachtsregel(Gegeven):
    dagen_vooraf: int = Field(ge=0)
    bron: str


class Seizoen(Gegeven):
    van_maand: int = Field(ge=1, le=12)
    tot_maand: int = Field(ge=1, le=12)
    """Tot en met deze maand."""

    def bevat(self, maand: int) -> bool:
        if self.van_maand <= self.tot_maand:
            return self.van_maand <= maand <= self.tot_maand
        return maand >= self.van_maand or maand <= self.tot_maand


Plichtsoort = Literal["leerplicht", "kwalificatieplicht"]


class Grond(Gegeven):
    """Een grond uit de Leerplichtwet: een vrijstelling of vervangende leerplicht."""

    artikel: str
    """Zoals een mens het schrijft: 'art. 5 onder a'."""
    omschrijving: str
    soort: Literal["vrijstelling", "vervangende_leerplicht"]
    reikwijdte: list[Plichtsoort] = Field(min_length=1)
    omvang: Literal["volledig", "seizoen", "uren"]
    geldigheid: Literal["schooljaar", "besluit", "tot_leeftijd", "per_schooljaar"]
    vernieuwen_voor: Dag | None = None
    """Geldigheid `schooljaar`: de kennisgeving voor het volgende schooljaar vóór deze dag."""
    nooit_geschikt_mogelijk: bool = False
    seizoen: Seizoen | None = None
    max_uren_per_week: int | None = Field(default=None, ge=1)
    tot_leeftijd: int | None = None
    vanaf_leeftijd: int | None = None
    laatste_schooljaar: bool = False
    einde_verplicht: bool = False
    verlengen_weken_voor: int | None = None
    gezondheid: bool = False
    """De grond zegt iets over de gezondheid: nooit in een rapport naar buiten."""
    bron: str
    onzeker: str | None = None

    @model_validator(mode="after")
    def _samenhang(self) -> Grond:
        if (self.geldigheid == "schooljaar") != (self.vernieuwen_voor is not None):
            raise ValueError("vernieuwen_voor hoort precies bij geldigheid 'schooljaar'")
        if (self.omvang == "seizoen") != (self.seizoen is not None):
            raise ValueError("seizoen hoort precies bij omvang 'seizoen'")
        if (self.omvang == "uren") != (self.max_uren_per_week is not None):
            raise ValueError("max_uren_per_week hoort precies bij omvang 'uren'")
        if (self.geldigheid == "tot_leeftijd") != (self.tot_leeftijd is not None):
            raise ValueError("tot_leeftijd hoort precies bij geldigheid 'tot_leeftijd'")
        return self


class Leerplichtregels(Gegeven):
    versie: Versie
    leerplicht: Leerplichtduur
    kwalificatieplicht: Kwalificatieplichtduur
    nieuwkomer: Toelichting
    termijnen: Verzuimtermijnen
    melding_16_uur: Melding16Uur
    lesuren: Lesuren
    aandacht: Aandachtsregel
    categorieen: Codelijst
    gronden: dict[str, Grond] = Field(min_length=1)


# --- vakanties.yaml -------------------------------------------------------------------------


VakantieRegio = Literal["noord", "midden", "zuid"]


class Regiobeschrijving(Gegeven):
    omschrijving: str
    bron: str


class Vakantiedata(Gegeven):
    van: date
    tot: date
    """Tot en met."""
    onzeker: str | None = None

    @model_validator(mode="after")
    def _volgorde(self) -> Vakantiedata:
        if self.tot < self.van:
            raise ValueError(f"tot ({self.tot}) ligt vóór van ({self.van})")
        return self


class Vakantie(Gegeven):
    naam: str
    verplicht: bool = False
    """Alleen de zomervakantie is per regio verplicht; de rest is advies."""
    bron: str
    onzeker: str | None = None
    regios: dict[VakantieRegio, Vakantiedata] = Field(min_length=1)


class Feestdag(Gegeven):
    datum: date
    naam: str
    lesvrij: bool


class Feestdagen(Gegeven):
    bron: str
    toelichting: str
    onzeker: str | None = None
    dagen: list[Feestdag]


class Vakanties(Gegeven):
    versie: Versie
    onzeker: str | None = None
    regios: dict[VakantieRegio, Regiobeschrijving] = Field(min_length=3)
    vakanties: list[Vakantie] = Field(min_length=1)
    feestdagen: Feestdagen


# --- meldcode.yaml --------------------------------------------------------------------------


class Wettelijk(Gegeven):
    meldcode_verplicht: str
    afwegingskader_verplicht: str
    meldrecht: str
    bron: str


class VeiligThuis(Gegeven):
    naam: str
    telefoon: str
    bereikbaar: str
    triage: str
    advies: str
    bron: str


class MeldcodeStapDefinitie(Gegeven):
    nummer: int = Field(ge=1, le=5)
    titel: str
    uitleg: str
    vereist: list[str] = []
    optioneel: list[str] = []
    aanbevolen: list[str] = []
    velden: dict[str, str] = {}
    met_voorbeelden: list[str] = []
    vastleggen: str | None = None
    bron: str


class Overslaan(Gegeven):
    stap: int
    gronden: dict[str, str] = Field(min_length=1)
    reden_verplicht: bool
    bron: str


class Antwoord(Gegeven):
    uitkomst: str
    """`vraag N` (door naar vraag N) of een besluit: `afsluiten`, `melden`, `hulp`."""
    uitleg: str | None = None
    vereist: dict[str, str] = {}
    aanbevolen: dict[str, str] = {}
    telt_als: str | None = None
    bron: str | None = None

    @model_validator(mode="after")
    def _bekende_uitkomst(self) -> Antwoord:
        delen = self.uitkomst.split()
        if not (self.uitkomst in ("afsluiten", "melden", "hulp")
                or (len(delen) == 2 and delen[0] == "vraag" and delen[1].isdigit())):
            raise ValueError(f"onbekende uitkomst {self.uitkomst!r}; kies 'vraag N', "
                             "'afsluiten', 'melden' of 'hulp'")
        return self


class Afwegingsvraag(Gegeven):
    nummer: int = Field(ge=1, le=5)
    stap: int = Field(ge=4, le=5)
    vraag: str
    hulptekst: str | None = None
    onderwijs_bron: str | None = None
    antwoorden: dict[str, Antwoord] = Field(min_length=1)
    """Antwoord (`ja`, `nee`, `twijfel`) -> wat er dan gebeurt."""

    @model_validator(mode="after")
    def _bekende_antwoorden(self) -> Afwegingsvraag:
        onbekend = set(self.antwoorden) - {"ja", "nee", "twijfel"}
        if onbekend:
            raise ValueError(f"onbekend antwoord {sorted(onbekend)[0]!r}; kies ja, nee, twijfel")
        return self


class Afwegingskader(Gegeven):
    bron: str
    stap_indeling_bron: str
    vragen: list[Afwegingsvraag] = Field(min_length=5, max_length=5)


class AfwegingVeld(Gegeven):
    optie: str
    uitleg: str


class Meldingdefinitie(Gegeven):
    aanbevolen: list[str] = []
    velden: dict[str, str] = {}
    bron: str


class PlichtStap(Gegeven):
    wie: str
    wat: str
    bron: str


class AnderePlicht(Gegeven):
    """De meldplicht bij een mogelijk zedendelict door iemand met taken op school."""

    domein: str
    titel: str
    uitleg: str
    wie: str
    voor_wie: str
    """Voor wie de plicht geldt: iedere persoon met taken ten behoeve van de school."""
    vertrouwensinspecteur: str
    stappen: list[PlichtStap] = Field(min_length=1)
    naast_meldcode: str
    """Dat de meldplicht de meldcode voor een ander vermoeden niet vervangt."""
    bron: str
    onzeker: str | None = None


class Terugkoppeling(Gegeven):
    werkdagen: int = Field(ge=1)
    uitleg: str
    bron: str
    onzeker: str | None = None


class Meldcodedefinitie(Gegeven):
    versie: Versie
    wettelijk: Wettelijk
    veilig_thuis: VeiligThuis
    stappen: list[MeldcodeStapDefinitie] = Field(min_length=5, max_length=5)
    overslaan: Overslaan
    afwegingskader: Afwegingskader
    afweging_velden: dict[str, AfwegingVeld]
    besluiten: dict[str, str]
    """Besluit (`afsluiten`, `melden`, `hulp`) -> omschrijving."""
    melding: Meldingdefinitie
    terugkoppeling: Terugkoppeling
    """Wanneer Veilig Thuis na een melding naar verwachting terugkoppelt."""
    na_melding: Regeltekst
    """Een melding is geen overdracht: de rol van de school gaat door."""
    andere_plicht: AnderePlicht

    @model_validator(mode="after")
    def _samenhang(self) -> Meldcodedefinitie:
        if set(self.besluiten) != {"afsluiten", "melden", "hulp"}:
            raise ValueError("besluiten moet precies afsluiten, melden en hulp noemen")
        if [s.nummer for s in self.stappen] != [1, 2, 3, 4, 5]:
            raise ValueError("stappen moeten de nummers 1 tot en met 5 hebben, op volgorde")
        if [v.nummer for v in self.afwegingskader.vragen] != [1, 2, 3, 4, 5]:
            raise ValueError("de afwegingsvragen moeten de nummers 1 tot en met 5 hebben")
        for vraag in self.afwegingskader.vragen:
            for antwoord in vraag.antwoorden.values():
                for veld in [*antwoord.vereist, *antwoord.aanbevolen]:
                    if veld not in self.afweging_velden:
                        raise ValueError(f"vraag {vraag.nummer}: onbekend veld {veld!r} "
                                         "(niet in afweging_velden)")
        return self


# --- opp.yaml -------------------------------------------------------------------------------


class OppVerplicht(Gegeven):
    bron: str
    onderwijssoorten: list[str]
    niveaus: list[str]
    toelichting: str


class OppTermijn(Gegeven):
    bron: str
    weken: int = Field(ge=1)
    toelichting: str


class OppInstemming(Gegeven):
    bron: str
    onderdeel: str
    toelichting: str


class OppEvaluatieregel(Gegeven):
    bron: str
    met: str
    schooljaar_einde: Dag
    schooljaar_bron: str
    toelichting: str


class OppInhoud(Gegeven):
    bron: str
    toelichting: str


class OppUitstroom(Gegeven):
    bron: str
    onzeker: str | None = None
    bestemmingen: dict[str, dict[str, str]] = Field(min_length=1)
    per_onderwijssoort: dict[str, str]

    @model_validator(mode="after")
    def _bekende_lijsten(self) -> OppUitstroom:
        for soort, lijst in self.per_onderwijssoort.items():
            if lijst not in self.bestemmingen:
                raise ValueError(f"per_onderwijssoort.{soort}: onbekende lijst {lijst!r}; "
                                 "bekend: " + ", ".join(self.bestemmingen))
        return self


class Oppregels(Gegeven):
    versie: Versie
    verplicht: OppVerplicht
    vaststellen: OppTermijn
    instemming: OppInstemming
    evaluatie: OppEvaluatieregel
    inhoud: OppInhoud
    uitstroom: OppUitstroom

    def bestemmingen(self, onderwijssoort: str) -> dict[str, str]:
        """Code -> omschrijving van de uitstroombestemmingen bij deze onderwijssoort."""
        return self.uitstroom.bestemmingen[self.uitstroom.per_onderwijssoort[onderwijssoort]]


# --- onderwijssoorten.yaml --------------------------------------------------------------------


class Leeftijden(Gegeven):
    van: int = Field(ge=0)
    tot: int = Field(gt=0)


class Onderwijssoort(Gegeven):
    klas: Literal["groep", "leerjaar"]
    hoogste: int = Field(ge=1)
    leeftijd: Leeftijden
    bron: str


class Onderwijssoorten(Gegeven):
    versie: Versie
    onzeker: str | None = None
    soorten: dict[str, Onderwijssoort] = Field(min_length=1)


# --- inzage.yaml ----------------------------------------------------------------------------


class InzageLeeftijd(Gegeven):
    van: int = Field(ge=0)
    tot: int = Field(gt=0)
    jeugdige: bool
    """Mag de jeugdige zelf inzien?"""
    ouder: Literal["gezag", "toestemming"]
    """gezag: een ouder met gezag; toestemming: alleen met toestemming van de jongere."""
    uitleg: str
    bron: str


class Beperking(Gegeven):
    wat: str
    grond: str
    bron: str
    onzeker: str | None = None


class Inzageregels(Gegeven):
    versie: Versie
    termijn: Regeltekst
    leeftijden: list[InzageLeeftijd] = Field(min_length=1)
    beperkingen: dict[str, Beperking]
    logboek: Regeltekst

    @model_validator(mode="after")
    def _bekende_beperkingen(self) -> Inzageregels:
        nodig = {"lopend-meldcodespoor", "overslaan-veiligheid", "kindcheck", "bron-derden",
                 "contact-gezin"}
        if set(self.beperkingen) != nodig:
            raise ValueError("beperkingen moet precies deze noemen: " + ", ".join(sorted(nodig)))
        return self


# --- crisis.yaml ----------------------------------------------------------------------------


class Crisisadvies(Gegeven):
    organisatie: str
    rol: str
    contact: str
    reden: str
    bron: str


class Crisisregels(Gegeven):
    """Acuut gevaar: wat eerst moet, landelijk (niet per regio)."""

    versie: Versie
    voorwaarde: str
    bron: str
    onzeker: str | None = None
    adviezen: list[Crisisadvies] = Field(min_length=1)


# --- alles samen ----------------------------------------------------------------------------


class Gegevens(Gegeven):
    """Alle meegeleverde regels; veldnaam = bestandsnaam in `data/` zonder `.yaml`."""

    codelijsten: Codelijsten
    toestemming: Toestemmingsregels
    kwaliteit: Kwaliteitsregels
    bewaartermijnen: Bewaartermijnen
    leerplicht: Leerplichtregels
    meldcode: Meldcodedefinitie
    opp: Oppregels
    onderwijssoorten: Onderwijssoorten
    crisis: Crisisregels
    inzage: Inzageregels
    vakanties: Vakanties

    @model_validator(mode="after")
    def _samenhang(self) -> Gegevens:
        rollen = self.codelijsten.rollen.codes
        for lijst in (self.toestemming.zonder_toestemming, self.toestemming.school_intern,
                      Rollen(rollen=[a.rol for a in self.crisis.adviezen])):
            for rol in lijst.rollen:
                if rol not in rollen:
                    raise ValueError(f"toestemming: onbekende rol {rol!r} (niet in "
                                     "codelijsten.rollen)")
        for regel in self.bewaartermijnen.regels:
            for rol in regel.rollen:
                if rol not in rollen:
                    raise ValueError(f"bewaartermijnen: onbekende rol {rol!r} (niet in "
                                     "codelijsten.rollen)")
        if self.meldcode.andere_plicht.domein not in self.codelijsten.domeinen.codes:
            raise ValueError(f"meldcode: andere_plicht.domein "
                             f"{self.meldcode.andere_plicht.domein!r} staat niet in "
                             "codelijsten.domeinen")
        soorten = set(self.codelijsten.onderwijssoorten.codes)
        niveaus = set(self.codelijsten.ondersteuningsniveaus.codes)
        for naam, waarden, bekend in (
                ("opp: verplicht.onderwijssoorten", self.opp.verplicht.onderwijssoorten, soorten),
                ("opp: verplicht.niveaus", self.opp.verplicht.niveaus, niveaus),
                ("opp: uitstroom.per_onderwijssoort", self.opp.uitstroom.per_onderwijssoort,
                 soorten),
                ("onderwijssoorten: soorten", self.onderwijssoorten.soorten, soorten)):
            onbekend = set(waarden) - bekend
            if onbekend:
                raise ValueError(f"{naam}: onbekend {sorted(onbekend)[0]!r} (niet in codelijsten)")
        for naam, compleet in (("opp: uitstroom.per_onderwijssoort",
                                self.opp.uitstroom.per_onderwijssoort),
                               ("onderwijssoorten: soorten", self.onderwijssoorten.soorten)):
            if set(compleet) != soorten:
                raise ValueError(f"{naam}: noem elke onderwijssoort ({', '.join(sorted(soorten))})")
        if set(self.leerplicht.lesuren.uren_per_lesdag) != soorten:
            raise ValueError("leerplicht: lesuren.uren_per_lesdag moet precies de "
                             "onderwijssoorten uit codelijsten noemen: " + ", ".join(sorted(soorten)))
        return self
