"""Het integrale plan (één kind, één plan) als strikte pydantic-modellen.

Elk model verbiedt onbekende velden (`extra="forbid"`): een typfout in een sleutel is een
fout met regelnummer, geen stil genegeerd veld. Codelijsten (domeinen, rollen,
onderwijssoorten, ...) komen uit `data/codelijsten.yaml`. De volgorde van de velden hier is
de volgorde in het YAML-bestand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from jeugdplan.domein.grenzen import controleer_datum, stuurteken

SCHEMA_VERSIE: Literal[1] = 1


@dataclass(frozen=True)
class Code:
    """Markering: dit tekstveld neemt een code uit codelijst `lijst` (`data/codelijsten.yaml`).

    Het model kent de codelijsten zelf niet (het domein leest geen bestanden): wie valideert
    geeft ze mee als context (`model_validate(data, context={"codelijsten": ...})`), en de
    opslag doet dat bij elke validatie. Zonder context (een object dat het domein zelf maakt)
    wordt niet getoetst; wat geschreven wordt, wordt altijd met context gevalideerd."""

    lijst: str
    enkelvoud: str

    def __call__(self, waarde: str, info: ValidationInfo) -> str:
        codelijsten = (info.context or {}).get("codelijsten")
        if codelijsten is not None:
            codes = codelijsten.codes(self.lijst)
            if waarde not in codes:
                raise ValueError(f"onbekende waarde {waarde!r} voor {self.enkelvoud}; kies uit: "
                                 + ", ".join(codes))
        return waarde


def _code(lijst: str, enkelvoud: str) -> Any:
    code = Code(lijst, enkelvoud)
    return (code, AfterValidator(code))


def heeft_codes(klasse: type[BaseModel]) -> bool:
    """Heeft `klasse` (of een van haar submodellen) codevelden? Dan moet wie haar valideert de
    codelijsten als context meegeven."""
    return _heeft_codes(klasse)


@cache
def _heeft_codes(klasse: type[BaseModel]) -> bool:
    return any(any(isinstance(m, Code) for m in veld.metadata) or _bevat_codes(veld.annotation)
               for veld in klasse.model_fields.values())


def _bevat_codes(soort: Any) -> bool:
    if isinstance(soort, type) and issubclass(soort, BaseModel):
        return _heeft_codes(soort)
    return any(_bevat_codes(a) for a in getattr(soort, "__args__", ()))


def _ja_nee(waarde: Any) -> Any:
    if isinstance(waarde, str) and waarde.strip().lower() in ("ja", "nee"):
        return waarde.strip().lower() == "ja"
    return waarde


def _tekst(waarde: Any) -> Any:
    if isinstance(waarde, str):
        teken = stuurteken(waarde)
        if teken is not None:
            # Een stuurteken (ESC, U+009B, U+202E, ...) zou de terminal van wie het plan
            # bekijkt kunnen sturen; de waarde zelf wordt niet herhaald.
            raise ValueError(f"bevat een stuurteken ({teken}); alleen gewone tekst, tabs en "
                             "regeleinden zijn toegestaan")
        return waarde.strip()
    return waarde


Domein = Annotated[str, *_code("domeinen", "domein")]
Zwaarte = Annotated[str, *_code("zwaarte", "zwaarte")]
Bron = Annotated[str, *_code("bronnen", "bron")]
Rol = Annotated[str, *_code("rollen", "rol")]
Onderwijssoort = Annotated[str, *_code("onderwijssoorten", "onderwijssoort")]
Niveau = Annotated[str, *_code("ondersteuningsniveaus", "ondersteuningsniveau")]
DoelStatus = Annotated[str, *_code("doelstatussen", "doelstatus")]
JaNee = Annotated[bool, BeforeValidator(_ja_nee)]
Tekst = Annotated[str, BeforeValidator(_tekst), Field(min_length=1, max_length=20_000)]
Naam = Annotated[str, BeforeValidator(_tekst), Field(min_length=1, max_length=200)]
Datum = Annotated[date, AfterValidator(controleer_datum)]
PlanStatus = Literal["aangemeld", "actief", "afgesloten"]


class Model(BaseModel):
    """Basis: strikt, geen onbekende velden, waarden opnieuw gevalideerd bij toewijzing."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class MetId(Model):
    """Een onderdeel van een lijst in het plan, met een vast `id` (zie `migreer`).

    Een nieuw onderdeel krijgt het volgende korte id van zijn lijst (`voeg_toe`: t1, t2, ...);
    het id verandert daarna nooit, ook niet als het onderdeel wordt gewijzigd. Zo voegt
    `sync` twee wijzigingen van hetzelfde onderdeel samen per veld, in plaats van er twee
    onderdelen van te maken."""

    VOORVOEGSEL: ClassVar[str]
    id: Naam

    @model_validator(mode="before")
    @classmethod
    def _id_uit_inhoud(cls, data: Any) -> Any:
        """Zonder id (met de hand gemaakt): het id dat `migreer` ook zou geven."""
        if isinstance(data, dict) and "id" not in data and hasattr(cls, "VOORVOEGSEL"):
            return {"id": inhoud_id(cls.VOORVOEGSEL, data), **data}
        return data


class Notitie(MetId):
    """Een kracht, zorg of factor: vrije tekst met een id. In YAML mag ook gewoon de tekst
    (`- Sportief`); die krijgt bij het volgende opslaan een id."""

    tekst: Tekst

    @model_validator(mode="before")
    @classmethod
    def _uit_tekst(cls, data: Any) -> Any:
        return {"tekst": data} if isinstance(data, str) else data


class Kracht(Notitie):
    VOORVOEGSEL = "k"


class Zorg(Notitie):
    VOORVOEGSEL = "z"


class Belemmering(Notitie):
    VOORVOEGSEL = "fb"


class Bevordering(Notitie):
    VOORVOEGSEL = "fv"


class Regie(Model):
    naam: Naam
    organisatie: Naam | None = None
    rol: Rol | None = None
    sinds: Datum | None = None


class Kind(Model):
    voornaam: Naam
    achternaam: Naam
    geboortedatum: Datum
    gemeente: Naam
    school: Naam | None = None
    """Leeg: op geen school ingeschreven (en nooit geweest, als er geen inschrijvingen zijn)."""
    onderwijssoort: Onderwijssoort
    groep: Annotated[int, Field(ge=1, le=8)] | None = None
    leerjaar: Annotated[int, Field(ge=1, le=6)] | None = None
    identiteit: Naam | None = None
    """Gewenste identiteit van hulp (seed 002), bijvoorbeeld 'reformatorisch'."""
    niet_dezelfde_als: list[Naam] = []
    """Casussen die op dit kind lijken maar een ander kind zijn (vastgelegd met `new --toch`)."""


GezagOnbekend = Literal["onbekend"]


class Opvoeder(MetId):
    VOORVOEGSEL = "o"
    naam: Naam
    relatie: Naam
    gezag: JaNee | GezagOnbekend
    """ja, nee of onbekend: zolang het gezag onbekend is, is toestemming niet volledig."""
    contact: Naam | None = None


class Signaal(MetId):
    VOORVOEGSEL = "s"
    datum: Datum
    bron: Bron
    domein: Domein
    zwaarte: Zwaarte = "licht"
    omschrijving: Tekst
    interpretatie: Tekst | None = None
    """Duiding, apart van de feiten in `omschrijving` (meldcode stap 1)."""


class OudersGeinformeerd(MetId):
    VOORVOEGSEL = "g"
    datum: Datum
    door: Naam
    notitie: Tekst | None = None


class Toestemming(MetId):
    VOORVOEGSEL = "t"
    partij: Naam
    doel: Tekst | None = None
    datum: Datum
    gegeven_door: list[Naam] = Field(min_length=1)
    ingetrokken: Datum | None = None


class Betrokkene(MetId):
    VOORVOEGSEL = "b"
    rol: Rol
    naam: Naam
    organisatie: Naam | None = None
    contact: Naam | None = None
    sinds: Datum | None = None


class Netwerklid(MetId):
    VOORVOEGSEL = "n"
    naam: Naam
    relatie: Naam | None = None
    steun: Tekst | None = None


class Onderbouwing(Model):
    belemmerend: list[Belemmering] = []
    bevorderend: list[Bevordering] = []


class OppEvaluatie(MetId):
    """Een evaluatie van het OPP; de wet vraagt er elk schooljaar een met ouders en leerling."""

    VOORVOEGSEL = "oe"
    datum: Datum
    door: Naam
    notitie: Tekst
    met_ouders: JaNee = True
    met_leerling: JaNee = True


class Opp(Model):
    """Ontwikkelingsperspectief (de regels staan in data/opp.yaml): uitstroombestemming met
    onderbouwing, de individuele begeleiding (het handelingsdeel, waarmee de ouders instemmen),
    afwijkingen van het programma, de inbreng van de leerling, en de evaluaties."""

    uitstroombestemming: Naam
    onderbouwing: Onderbouwing = Field(default_factory=Onderbouwing)
    inschrijving: Datum | None = None
    """Inschrijving of definitieve plaatsing: de termijn om het OPP vast te stellen begint hier."""
    vastgesteld: Datum | None = None
    begeleiding: Tekst | None = None
    afwijkingen: Tekst | None = None
    inbreng_leerling: Tekst | None = None
    instemming_ouders: Datum | None = None
    bijgesteld: Datum | None = None
    """Laatste bijstelling van begeleiding of afwijkingen (daarna opnieuw instemming nodig)."""
    evaluatiedatum: Datum | None = None
    evaluaties: list[OppEvaluatie] = []


class Ondersteuning(Model):
    niveau: Niveau = "basis"
    omschrijving: Tekst | None = None
    opp: Opp | None = None


class Doel(MetId):
    VOORVOEGSEL = "d"
    omschrijving: Tekst
    eigenaar: Naam | None = None
    evaluatiedatum: Datum | None = None
    status: DoelStatus = "lopend"


class Actie(MetId):
    VOORVOEGSEL = "a"
    omschrijving: Tekst
    eigenaar: Naam | None = None
    deadline: Datum | None = None
    gedaan: Datum | None = None


class Jeugdhulp(MetId):
    VOORVOEGSEL = "h"
    vorm: Naam
    aanbieder: Naam
    verwijzer: Naam | None = None
    start: Datum | None = None
    einde: Datum | None = None


class VerwijzingStap(MetId):
    VOORVOEGSEL = "st"
    datum: Datum
    status: Naam
    door: Naam | None = None
    reden: Tekst | None = None


class Verwijzing(MetId):
    """Een opgevolgd advies van `jeugdplan route` met zijn levensloop."""

    VOORVOEGSEL = "v"
    rol: Rol
    organisatie: Naam
    reden: Tekst | None = None
    regel: Naam | None = None
    bron: Tekst | None = None
    """Bron van de regel die het advies opleverde (uit de regioregels)."""
    status: Literal[
        "voorgesteld", "aangevraagd", "geaccepteerd", "afgewezen", "gestart", "afgerond"
    ] = "voorgesteld"
    datum: Datum
    toestemming_overruled: Tekst | None = None
    """Reden waarom zonder geldige toestemming toch is verwezen."""
    historie: list[VerwijzingStap] = []


class Periode(MetId):
    """Een periode [van, tot): `tot` is de eerste dag dat de periode niet meer geldt
    (de datum van hervatten of uitschrijven); zonder `tot` loopt de periode nog.
    Als onderdeel van `afwezigheden` een afwezigheid."""

    VOORVOEGSEL = "af"
    van: Datum | None = None
    tot: Datum | None = None

    @model_validator(mode="after")
    def _tot_na_van(self) -> Periode:
        if self.van is not None and self.tot is not None and self.tot < self.van:
            raise ValueError(f"einde (tot {self.tot}) ligt vóór het begin (van {self.van})")
        return self


class Inschrijving(Periode):
    VOORVOEGSEL = "in"
    school: Naam


VROEGERE_ARTIKELEN = {"5a": "lpw_5_onder_a", "5b": "lpw_5_onder_b", "5c": "lpw_5_onder_c",
                      "15": "lpw_15", "3a": "lpw_3a", "3b": "lpw_3b"}
"""Codes van gronden in oudere plannen (art. 5 onder a/b/c heette '5a', '5b', '5c'; art. 5a
is een andere grond) -> de eenduidige codes van `data/leerplicht.yaml`."""


def _artikel(waarde: Any) -> Any:
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        waarde = str(waarde)
    if isinstance(waarde, str):
        return VROEGERE_ARTIKELEN.get(waarde.strip(), waarde.strip())
    return waarde


Artikel = Annotated[str, BeforeValidator(_artikel), Field(min_length=1, max_length=40)]


class Vrijstelling(Periode):
    """Een vrijstelling (Leerplichtwet art. 5, 5a, 11a, 15); de regels per grond staan in
    `data/leerplicht.yaml`. Zonder `tot` loopt ze zo lang de grond geldt (art. 5 onder a-c:
    tot het einde van het schooljaar, met een verlenging per tijdige kennisgeving)."""

    VOORVOEGSEL = "vr"
    artikel: Artikel
    nooit_geschikt: JaNee | None = None
    """Art. 5 onder a: de verklaring zegt dat het kind nooit geschikt zal zijn (art. 6 lid 3)."""
    verlengd: list[Datum] = []
    """Kennisgevingen voor een volgend schooljaar (art. 6 lid 2 onder b: vóór 1 juli)."""
    uren_per_week: Annotated[int, Field(ge=1, le=40)] | None = None
    """Art. 11a: hooguit zoveel uren per week."""


class VervangendeLeerplicht(Periode):
    """Art. 3a of 3b: geen vrijstelling; het kind blijft ingeschreven en afwezigheid is
    verzuim."""

    VOORVOEGSEL = "vl"
    artikel: Artikel


class DeelsAfwezig(MetId):
    """Ongeoorloofd afwezig op een deel van een lesdag (uren)."""

    VOORVOEGSEL = "du"
    datum: Datum
    uren: Annotated[float, Field(gt=0, le=12)]


class Aanbod(Periode):
    VOORVOEGSEL = "ab"
    omschrijving: Tekst


class Verzuim(Model):
    """Inschrijving, ongeoorloofd verzuim, vrijstellingen en de einddata van de plichten, als
    periodes en datums (issue 5 en 16).

    Zonder inschrijvingen geldt het kind als ingeschreven op `kind.school` (zonder school:
    op geen school).
    """

    inschrijvingen: list[Inschrijving] = []
    afwezigheden: list[Periode] = []
    deels_afwezig: list[DeelsAfwezig] = []
    gemeld_16_uur: list[Datum] = []
    """Data waarop de school 16 uur verzuim meldde (DUO-verzuimloket)."""
    vrijstellingen: list[Vrijstelling] = []
    vervangende_leerplicht: list[VervangendeLeerplicht] = []
    in_nederland_sinds: Datum | None = None
    """Nieuwkomer: ingeschreven in een Nederlandse gemeente op deze datum."""
    twaalf_schooljaren: Datum | None = None
    """Einde van het twaalfde volledige schooljaar (Leerplichtwet art. 3 lid 1 onder a)."""
    startkwalificatie: Datum | None = None
    aanbod: list[Aanbod] = []

    @model_validator(mode="before")
    @classmethod
    def _vervangend_was_vrijstelling(cls, data: Any) -> Any:
        """Oudere plannen zetten art. 3a en 3b onder de vrijstellingen."""
        if not isinstance(data, dict) or not isinstance(data.get("vrijstellingen"), list):
            return data
        vervangend = [v for v in data["vrijstellingen"] if isinstance(v, dict)
                      and _artikel(v.get("artikel")) in ("lpw_3a", "lpw_3b")]
        if not vervangend:
            return data
        nieuw = dict(data)
        nieuw["vrijstellingen"] = [v for v in data["vrijstellingen"]
                                   if not any(v is w for w in vervangend)]
        nieuw["vervangende_leerplicht"] = [*(data.get("vervangende_leerplicht") or []),
                                           *({k: w for k, w in v.items() if k not in
                                              ("nooit_geschikt", "verlengd", "uren_per_week")}
                                             for v in vervangend)]
        return nieuw


class Zienswijze(Model):
    """De eigen kijk van ouders en kind, in hun eigen woorden."""

    ouders: Tekst | None = None
    kind: Tekst | None = None


class Evaluatie(MetId):
    VOORVOEGSEL = "e"
    datum: Datum
    door: Naam
    notitie: Tekst
    doelen: list[Naam] = []


class MeldcodeStap(MetId):
    """Een vastgelegde stap 1, 2 of 3; stap 4 en 5 zijn de afwegingen en de melding."""

    VOORVOEGSEL = "ms"
    stap: Annotated[int, Field(ge=1, le=3)]
    datum: Datum
    door: Naam
    notitie: Tekst
    met: Naam | None = None
    kindcheck: Tekst | None = None
    reactie: Tekst | None = None


class MeldcodeOverslaan(MetId):
    VOORVOEGSEL = "mo"
    stap: Literal[3]
    grond: Literal["veiligheid", "contactbreuk"]
    reden: Tekst
    datum: Datum
    door: Naam


class MeldcodeAfweging(MetId):
    VOORVOEGSEL = "ma"
    vraag: Annotated[int, Field(ge=1, le=5)]
    antwoord: Literal["ja", "nee", "twijfel"]
    datum: Datum
    door: Naam
    toelichting: Tekst | None = None
    termijn: Datum | None = None
    casemanager: Naam | None = None


class MeldcodeMelding(MetId):
    VOORVOEGSEL = "mm"
    datum: Datum
    door: Naam
    notitie: Tekst
    geinformeerd: Naam | None = None
    reactie: Tekst | None = None
    hulp: Tekst | None = None
    """Hulp die de school naast de melding biedt of organiseert (een melding is geen
    overdracht: de school blijft ondersteunen)."""
    terugkoppeling_verwacht: Datum | None = None
    """Uiterlijk wanneer Veilig Thuis naar verwachting terugkoppelt (termijn uit de gegevens)."""


class MeldcodeTerugkoppeling(MetId):
    """Wat Veilig Thuis na de melding aan de school terugkoppelde."""

    VOORVOEGSEL = "mt"
    datum: Datum
    door: Naam
    notitie: Tekst


class MeldcodeAnnulering(Model):
    """Een per vergissing gestart spoor: het blijft in de geschiedenis, met reden."""

    datum: Datum
    door: Naam
    reden: Tekst


class Meldcode(MetId):
    """Eén meldcodespoor: elk nieuw vermoeden begint een nieuw spoor bij stap 1; de regels
    staan in data/meldcode.yaml."""

    VOORVOEGSEL = "m"
    gestart: Datum
    door: Naam
    signalen: list[Naam] = []
    """De signalen (ids) waar dit spoor over gaat."""
    stappen: list[MeldcodeStap] = []
    overgeslagen: list[MeldcodeOverslaan] = []
    afwegingen: list[MeldcodeAfweging] = []
    meldingen: list[MeldcodeMelding] = []
    terugkoppelingen: list[MeldcodeTerugkoppeling] = []
    besluit: Literal["afsluiten", "melden", "hulp"] | None = None
    afgerond: Datum | None = None
    geannuleerd: MeldcodeAnnulering | None = None


def _meldcodesporen(waarde: Any) -> Any:
    """`meldcode:` leeg is geen spoor; één spoor mag ook zonder lijst. (Een plan van vóór de
    sporen, met één mapping, zet `migreer` om in spoor m1.)"""
    if waarde is None:
        return []
    if isinstance(waarde, Meldcode):
        return [waarde]
    return waarde


class InzageBeperking(MetId):
    VOORVOEGSEL = "ib"

    wat: Tekst
    grond: Tekst


class Inzage(MetId):
    """Eén inzage-export (AVG art. 5 lid 2: verantwoording). Dit logboek is metadata over het
    dossier, geen wijziging ervan: het telt niet mee voor de bewaartermijn."""

    VOORVOEGSEL = "iz"
    datum: Datum
    aanvrager: Literal["ouder", "jeugdige"]
    naam: Naam | None = None
    hoedanigheid: Tekst
    door: Naam
    gegeven: list[Naam] = []
    weggelaten: list[InzageBeperking] = []
    volledig: bool = False
    reden: Tekst | None = None
    """Bij een volledige inzage: waarom (het eigen oordeel van de professional)."""


class JournaalRegel(MetId):
    VOORVOEGSEL = "j"
    datum: Datum
    auteur: Naam
    tekst: Tekst


class Plan(Model):
    schema_versie: Literal[1] = Field(default=SCHEMA_VERSIE, alias="schema")
    id: Naam
    status: PlanStatus = "aangemeld"
    aangemeld: Datum
    actief_sinds: Datum | None = None
    afgesloten: Datum | None = None
    reden_afsluiting: Tekst | None = None
    regie: Regie | None = None
    kind: Kind
    gezin: list[Opvoeder] = []
    signalen: list[Signaal] = []
    ouders_geinformeerd: list[OudersGeinformeerd] = []
    toestemmingen: list[Toestemming] = []
    betrokkenen: list[Betrokkene] = []
    krachten: list[Kracht] = []
    zorgen: list[Zorg] = []
    netwerk: list[Netwerklid] = []
    ondersteuning: Ondersteuning = Field(default_factory=Ondersteuning)
    doelen: list[Doel] = []
    acties: list[Actie] = []
    jeugdhulp: list[Jeugdhulp] = []
    verwijzingen: list[Verwijzing] = []
    verzuim: Verzuim = Field(default_factory=Verzuim)
    zienswijze: Zienswijze = Field(default_factory=Zienswijze)
    evaluaties: list[Evaluatie] = []
    meldcode: Annotated[list[Meldcode], BeforeValidator(_meldcodesporen)] = []
    """De meldcodesporen, oudste eerst (`m1`, `m2`, ...)."""
    journaal: list[JournaalRegel] = []
    inzages: list[Inzage] = []
    samengevoegd: list[Naam] = []
    """Casussen die in dit plan zijn opgegaan (`jeugdplan samenvoegen`); hun geschiedenis hoort
    bij dit plan."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True,
                              defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _migreer(cls, data: Any) -> Any:
        return migreer(data)

    def als_yaml_data(self) -> dict[str, Any]:
        """De gegevens zoals ze in plan.yaml staan: schemavolgorde, lege optionele velden weg."""
        return self.model_dump(by_alias=True, exclude_none=True)

    def als_json_data(self) -> dict[str, Any]:
        """Als `als_yaml_data`, met datums als JJJJ-MM-DD (voor `--json`)."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class Instellingen(Model):
    """`jeugdplan.yaml` in de root van een casusrepository."""

    jeugdplan: Literal[1] = 1
    kenmerk: Naam | None = None
    """Willekeurig kenmerk van deze repository (twee repositories zijn nooit dezelfde)."""
    organisatie: Naam | None = None
    contact: Naam | None = None
    """Afzender van rapporten voor gemeente en Inspectie: telefoon of e-mail van de organisatie."""
    regio: Naam = "ijmond"
    scholen: list[Naam] = []


M = TypeVar("M", bound=MetId)


def voeg_toe(lijst: list[M], klasse: type[M], **velden: Any) -> M:
    """Maakt een nieuw onderdeel met het volgende id van `lijst` en voegt het toe."""
    item = klasse(id=volgend_id(lijst, klasse.VOORVOEGSEL), **velden)
    lijst.append(item)
    return item


def volgend_id(bestaande: list[Any], voorvoegsel: str) -> str:
    """Het volgende korte id in een lijst (s1, s2, ...; d1, ...), ook na verwijderingen."""
    hoogste = 0
    for item in bestaande:
        ident = str(getattr(item, "id", ""))
        if ident.startswith(voorvoegsel) and ident[len(voorvoegsel):].isdigit():
            hoogste = max(hoogste, int(ident[len(voorvoegsel):]))
    return f"{voorvoegsel}{hoogste + 1}"


# --- ids van onderdelen ---------------------------------------------------------------------


@cache
def lijsten(klasse: type[BaseModel]) -> tuple[tuple[str, type[BaseModel], bool], ...]:
    """(sleutel in YAML, model, is een lijst van onderdelen met id) voor elk veld van `klasse`
    dat (een lijst van) een model is."""
    uit = []
    for naam, veld in klasse.model_fields.items():
        soort = veld.annotation
        lijst = get_origin(soort) is list
        kandidaten = get_args(soort) if (lijst or get_args(soort)) else (soort,)
        for kandidaat in kandidaten:
            if isinstance(kandidaat, type) and issubclass(kandidaat, BaseModel):
                uit.append((veld.alias or naam, kandidaat, lijst and issubclass(kandidaat, MetId)))
    return tuple(uit)


def id_lijsten(klasse: type[BaseModel] = Plan) -> list[tuple[str, ...]]:
    """De paden van alle lijsten met ids (`("verwijzingen", "*", "historie")`), voor controles."""
    paden: list[tuple[str, ...]] = []
    for sleutel, sub, met_id in lijsten(klasse):
        if met_id:
            paden.append((sleutel,))
        paden += [(sleutel, *(("*",) if met_id else ()), *p) for p in id_lijsten(sub)]
    return paden


def migreer(data: Any, klasse: type[BaseModel] = Plan) -> Any:
    """Geeft elk onderdeel zonder id (een plan van vóór de vaste ids, of met de hand
    toegevoegd) een id dat volgt uit zijn inhoud: `t-3fa2c1`. Elke kloon en elke versie van
    hetzelfde bestand geeft zo hetzelfde id, ook de merge-driver bij `sync`. Een kale tekst in
    een lijst van notities wordt `{tekst: ...}`. Wijzigt `data` niet (geeft een kopie waar
    nodig); gewone gegevens in, gewone gegevens uit."""
    if not isinstance(data, dict):
        return data
    if klasse is Plan and isinstance(data.get("meldcode"), dict):
        # Een plan van vóór de meldcodesporen heeft één spoor (een mapping): spoor m1.
        data = {**data, "meldcode": [{"id": "m1", **data["meldcode"]}]}
    uit: dict[str, Any] | None = None
    for sleutel, sub, met_id in lijsten(klasse):
        waarde = data.get(sleutel)
        if isinstance(waarde, list) and met_id:
            nieuw: Any = _met_ids(waarde, sub)
        elif isinstance(waarde, list):
            nieuw = [migreer(x, sub) for x in waarde]
            nieuw = waarde if all(a is b for a, b in zip(nieuw, waarde, strict=True)) else nieuw
        else:
            nieuw = migreer(waarde, sub)
        if nieuw is not waarde:
            uit = uit if uit is not None else dict(data)
            uit[sleutel] = nieuw
    return uit if uit is not None else data


def inhoud_id(voorvoegsel: str, data: dict[str, Any]) -> str:
    """Een id uit de inhoud van een onderdeel: `t-3fa2c1` (zelfde inhoud, zelfde id)."""
    import hashlib
    import json

    inhoud = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return f"{voorvoegsel}-{hashlib.blake2b(inhoud.encode(), digest_size=3).hexdigest()}"


def _met_ids(lijst: list[Any], klasse: type[BaseModel]) -> list[Any]:
    voorvoegsel = klasse.VOORVOEGSEL  # type: ignore[attr-defined]
    gezien: dict[str, int] = {}
    uit, anders = [], False
    for item in lijst:
        nieuw = item
        if isinstance(item, str) and issubclass(klasse, Notitie):
            nieuw = {"tekst": item}
        if isinstance(nieuw, dict):
            nieuw = migreer(nieuw, klasse)
            if "id" not in nieuw:
                ident = inhoud_id(voorvoegsel, nieuw)
                gezien[ident] = gezien.get(ident, 0) + 1
                if gezien[ident] > 1:  # twee gelijke onderdelen: het tweede, derde, ...
                    ident += f"-{gezien[ident]}"
                nieuw = {"id": ident, **nieuw}
        anders = anders or nieuw is not item
        uit.append(nieuw)
    return uit if anders else lijst
