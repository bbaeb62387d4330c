"""De regioregels als pydantic-model: één regiobestand (`data/regio/<naam>.yaml` of de eigen
`regio.yaml` van een casusrepository), strikt gevalideerd zoals een plan.

Het laden, samenvoegen en controleren staat in `regio`; dit model wordt alleen geladen als een
regiobestand echt gelezen wordt (daarna komen de regels als lichte objecten uit de cache).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from jeugdplan.domein.model import Domein, Model, Naam, Onderwijssoort, Rol, Tekst, Zwaarte


class Onzeker(Model):
    """Een feit dat niet bevestigd is: `onzeker: true` vraagt `waarom`."""

    onzeker: bool = False
    waarom: Tekst | None = None

    @model_validator(mode="after")
    def _waarom(self) -> Onzeker:
        if self.onzeker and not self.waarom:
            raise ValueError("'onzeker: true' vraagt een toelichting in 'waarom'")
        return self


class Organisatie(Onzeker):
    naam: Naam
    ook_bekend_als: list[Naam] = []
    """Andere namen (voor het herkennen van toestemming, bijvoorbeeld 'Socius' of 'CJG')."""
    rol: Rol
    contact: Naam | None = None
    omschrijving: Tekst | None = None
    vrij_toegankelijk: bool | None = None
    op_school: bool = False
    identiteit: Naam | None = None
    """Identiteit van de aanbieder (seed 002), bijvoorbeeld 'reformatorisch'."""
    verwijsbaar: bool = True
    """Onwaar voor de school zelf of het schoolbestuur: daar verwijs je niet naar."""
    bron: Tekst


def _koppeling(waarde: Any) -> Any:
    if isinstance(waarde, str):
        return {"organisatie": waarde}
    return waarde


class Koppeling(Onzeker):
    """Een functie gekoppeld aan een organisatie, met eventueel eigen contact en bron."""

    organisatie: Naam
    contact: Naam | None = None
    bron: Tekst | None = None


Koppelingen = list[Annotated[Koppeling, BeforeValidator(_koppeling)]]


def _vakantieregio(waarde: Any) -> Any:
    if isinstance(waarde, str):
        return {"regio": waarde}
    return waarde


class Vakantieregio(Onzeker):
    """De regio voor de schoolvakanties (noord, midden, zuid; `data/vakanties.yaml`)."""

    regio: Literal["noord", "midden", "zuid"]
    bron: Tekst | None = None


VakantieregioVeld = Annotated[Vakantieregio, BeforeValidator(_vakantieregio)]


class Gemeente(Model):
    bron: Tekst
    partners: dict[str, Koppelingen] = {}
    vakantieregio: VakantieregioVeld | None = None
    opmerking: Tekst | None = None


class EigenVakantie(Model):
    """Een vakantie of vrije dag die de school zelf vastlegde (schoolgids)."""

    naam: Naam
    van: date
    tot: date
    """Tot en met."""
    bron: Tekst | None = None

    @model_validator(mode="after")
    def _volgorde(self) -> EigenVakantie:
        if self.tot < self.van:
            raise ValueError(f"tot ({self.tot}) ligt vóór van ({self.van})")
        return self


class School(Model):
    """Afspraken per school, bijvoorbeeld een vaste contactpersoon in het JGT (seed 001), en
    de eigen schoolkalender: vakanties (die vervangen per schooljaar de adviesdata van de
    regio; de verplichte zomervakantie blijft) en de lesuren per lesdag."""

    bron: Tekst
    gemeente: Naam | None = None
    partners: dict[str, Koppelingen] = {}
    vakanties: list[EigenVakantie] = []
    uren_per_lesdag: Annotated[float, Field(gt=0, le=12)] | None = None
    opmerking: Tekst | None = None


class Route(Model):
    domeinen: list[Domein] = Field(min_length=1)
    zwaarte: list[Zwaarte] = Field(min_length=1)
    functies: list[Naam] = Field(min_length=1)
    min_domeinen: Annotated[int, Field(ge=1, le=20)] = 1
    principe: Naam | None = None
    verwijzers: bool = False
    """Waar: de lijst verwijzers hoort bij dit advies (specialistische hulp)."""
    onderwijssoorten: list[Onderwijssoort] = []
    """Alleen voor deze onderwijssoorten (leeg: voor alle)."""
    reden: Tekst
    bron: Tekst


class Principe(Model):
    omschrijving: Tekst
    bron: Tekst


class Verwijzer(Model):
    naam: Naam
    functie: Naam | None = None
    """Als gezet: de organisatie van deze functie in de gemeente van het kind wordt genoemd."""
    rol: Rol | None = None
    wanneer: Tekst
    bron: Tekst


class RegioRegels(Model):
    """Eén regiobestand (meegeleverd of `regio.yaml`) en ook de samengevoegde regio."""

    versie: int = 1
    naam: Naam | None = None
    omschrijving: Tekst | None = None
    bron: Tekst | None = None
    vervang: bool = False
    gemeenten: list[Naam] | None = None
    vakantieregio: VakantieregioVeld | None = None
    """De vakantieregio van alle gemeenten (een gemeente kan een eigen hebben)."""
    organisaties: dict[str, Organisatie] = {}
    partners: dict[str, Koppelingen] = {}
    per_gemeente: dict[str, Gemeente] = {}
    scholen: dict[str, School] = {}
    routes: dict[str, Route] = {}
    principes: dict[str, Principe] = {}
    verwijzers: list[Verwijzer] | None = None
