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
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

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
                raise ValueError(f"onbekend(e) {self.enkelvoud} {waarde!r}; kies uit: "
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
PlanStatus = Literal["aangemeld", "actief", "afgesloten"]


class Model(BaseModel):
    """Basis: strikt, geen onbekende velden, waarden opnieuw gevalideerd bij toewijzing."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Regie(Model):
    naam: Naam
    organisatie: Naam | None = None
    rol: Rol | None = None
    sinds: date | None = None


class Kind(Model):
    voornaam: Naam
    achternaam: Naam
    geboortedatum: date
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


class Opvoeder(Model):
    naam: Naam
    relatie: Naam
    gezag: JaNee
    contact: Naam | None = None


class Signaal(Model):
    id: Naam
    datum: date
    bron: Bron
    domein: Domein
    zwaarte: Zwaarte = "licht"
    omschrijving: Tekst
    interpretatie: Tekst | None = None
    """Duiding, apart van de feiten in `omschrijving` (meldcode stap 1)."""


class OudersGeinformeerd(Model):
    datum: date
    door: Naam
    notitie: Tekst | None = None


class Toestemming(Model):
    partij: Naam
    doel: Tekst | None = None
    datum: date
    gegeven_door: list[Naam] = Field(min_length=1)
    ingetrokken: date | None = None


class Betrokkene(Model):
    rol: Rol
    naam: Naam
    organisatie: Naam | None = None
    contact: Naam | None = None
    sinds: date | None = None


class Netwerklid(Model):
    naam: Naam
    relatie: Naam | None = None
    steun: Tekst | None = None


class Onderbouwing(Model):
    belemmerend: list[Tekst] = []
    bevorderend: list[Tekst] = []


class Opp(Model):
    """Ontwikkelingsperspectief: uitstroombestemming, onderbouwing, evaluatie (DOMAIN.md §1)."""

    uitstroombestemming: Naam
    onderbouwing: Onderbouwing = Field(default_factory=Onderbouwing)
    vastgesteld: date | None = None
    evaluatiedatum: date | None = None
    instemming_ouders: date | None = None


class Ondersteuning(Model):
    niveau: Niveau = "basis"
    omschrijving: Tekst | None = None
    opp: Opp | None = None


class Doel(Model):
    id: Naam
    omschrijving: Tekst
    eigenaar: Naam | None = None
    evaluatiedatum: date | None = None
    status: DoelStatus = "lopend"


class Actie(Model):
    id: Naam
    omschrijving: Tekst
    eigenaar: Naam | None = None
    deadline: date | None = None
    gedaan: date | None = None


class Jeugdhulp(Model):
    vorm: Naam
    aanbieder: Naam
    verwijzer: Naam | None = None
    start: date | None = None
    einde: date | None = None


class VerwijzingStap(Model):
    datum: date
    status: Naam
    door: Naam | None = None
    reden: Tekst | None = None


class Verwijzing(Model):
    """Een opgevolgd advies van `jeugdplan route` met zijn levensloop (issue 4)."""

    id: Naam
    rol: Rol
    organisatie: Naam
    reden: Tekst | None = None
    regel: Naam | None = None
    bron: Tekst | None = None
    """Bron van de regel die het advies opleverde (uit de regioregels)."""
    status: Literal[
        "voorgesteld", "aangevraagd", "geaccepteerd", "afgewezen", "gestart", "afgerond"
    ] = "voorgesteld"
    datum: date
    toestemming_overruled: Tekst | None = None
    """Reden waarom zonder geldige toestemming toch is verwezen."""
    historie: list[VerwijzingStap] = []


class Periode(Model):
    """Een periode [van, tot): `tot` is de eerste dag dat de periode niet meer geldt
    (de datum van hervatten of uitschrijven); zonder `tot` loopt de periode nog."""

    van: date | None = None
    tot: date | None = None

    @model_validator(mode="after")
    def _tot_na_van(self) -> Periode:
        if self.van is not None and self.tot is not None and self.tot < self.van:
            raise ValueError(f"einde (tot {self.tot}) ligt vóór het begin (van {self.van})")
        return self


class Inschrijving(Periode):
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

    artikel: Artikel
    nooit_geschikt: JaNee | None = None
    """Art. 5 onder a: de verklaring zegt dat het kind nooit geschikt zal zijn (art. 6 lid 3)."""
    verlengd: list[date] = []
    """Kennisgevingen voor een volgend schooljaar (art. 6 lid 2 onder b: vóór 1 juli)."""
    uren_per_week: Annotated[int, Field(ge=1, le=40)] | None = None
    """Art. 11a: hooguit zoveel uren per week."""


class VervangendeLeerplicht(Periode):
    """Art. 3a of 3b: geen vrijstelling; het kind blijft ingeschreven en afwezigheid is
    verzuim."""

    artikel: Artikel


class DeelsAfwezig(Model):
    """Ongeoorloofd afwezig op een deel van een lesdag (uren)."""

    datum: date
    uren: Annotated[float, Field(gt=0, le=12)]


class Aanbod(Periode):
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
    gemeld_16_uur: list[date] = []
    """Data waarop de school 16 uur verzuim meldde (DUO-verzuimloket)."""
    vrijstellingen: list[Vrijstelling] = []
    vervangende_leerplicht: list[VervangendeLeerplicht] = []
    in_nederland_sinds: date | None = None
    """Nieuwkomer: ingeschreven in een Nederlandse gemeente op deze datum."""
    twaalf_schooljaren: date | None = None
    """Einde van het twaalfde volledige schooljaar (Leerplichtwet art. 3 lid 1 onder a)."""
    startkwalificatie: date | None = None
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


class Evaluatie(Model):
    datum: date
    door: Naam
    notitie: Tekst
    doelen: list[Naam] = []


class MeldcodeStap(Model):
    """Een vastgelegde stap 1, 2 of 3; stap 4 en 5 zijn de afwegingen en de melding."""

    stap: Annotated[int, Field(ge=1, le=3)]
    datum: date
    door: Naam
    notitie: Tekst
    met: Naam | None = None
    kindcheck: Tekst | None = None
    reactie: Tekst | None = None


class MeldcodeOverslaan(Model):
    stap: Literal[3]
    grond: Literal["veiligheid", "contactbreuk"]
    reden: Tekst
    datum: date
    door: Naam


class MeldcodeAfweging(Model):
    vraag: Annotated[int, Field(ge=1, le=5)]
    antwoord: Literal["ja", "nee", "twijfel"]
    datum: date
    door: Naam
    toelichting: Tekst | None = None
    termijn: date | None = None
    casemanager: Naam | None = None


class MeldcodeMelding(Model):
    datum: date
    door: Naam
    notitie: Tekst
    geinformeerd: Naam | None = None
    reactie: Tekst | None = None


class Meldcode(Model):
    """Het spoor van de meldcode in dit plan (issue 3); de regels staan in data/meldcode.yaml."""

    gestart: date
    door: Naam
    stappen: list[MeldcodeStap] = []
    overgeslagen: list[MeldcodeOverslaan] = []
    afwegingen: list[MeldcodeAfweging] = []
    meldingen: list[MeldcodeMelding] = []
    besluit: Literal["afsluiten", "melden", "hulp"] | None = None
    afgerond: date | None = None


class JournaalRegel(Model):
    datum: date
    auteur: Naam
    tekst: Tekst


class Plan(Model):
    schema_versie: Literal[1] = Field(default=SCHEMA_VERSIE, alias="schema")
    id: Naam
    status: PlanStatus = "aangemeld"
    aangemeld: date
    actief_sinds: date | None = None
    afgesloten: date | None = None
    reden_afsluiting: Tekst | None = None
    regie: Regie | None = None
    kind: Kind
    gezin: list[Opvoeder] = []
    signalen: list[Signaal] = []
    ouders_geinformeerd: list[OudersGeinformeerd] = []
    toestemmingen: list[Toestemming] = []
    betrokkenen: list[Betrokkene] = []
    krachten: list[Tekst] = []
    zorgen: list[Tekst] = []
    netwerk: list[Netwerklid] = []
    ondersteuning: Ondersteuning = Field(default_factory=Ondersteuning)
    doelen: list[Doel] = []
    acties: list[Actie] = []
    jeugdhulp: list[Jeugdhulp] = []
    verwijzingen: list[Verwijzing] = []
    verzuim: Verzuim = Field(default_factory=Verzuim)
    zienswijze: Zienswijze = Field(default_factory=Zienswijze)
    evaluaties: list[Evaluatie] = []
    meldcode: Meldcode | None = None
    journaal: list[JournaalRegel] = []

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True,
                              defer_build=True)

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
    regio: Naam = "ijmond"
    scholen: list[Naam] = []


def volgend_id(bestaande: list[Any], voorvoegsel: str) -> str:
    """Het volgende korte id in een lijst (s1, s2, ...; d1, ...), ook na verwijderingen."""
    hoogste = 0
    for item in bestaande:
        ident = str(getattr(item, "id", ""))
        if ident.startswith(voorvoegsel) and ident[len(voorvoegsel):].isdigit():
            hoogste = max(hoogste, int(ident[len(voorvoegsel):]))
    return f"{voorvoegsel}{hoogste + 1}"
