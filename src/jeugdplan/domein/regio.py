"""De geldende regio als waarde: de regels, waar elk onderdeel vandaan komt, en de zuivere
bewerkingen erop (een eigen `regio.yaml` samenvoegen met de meegeleverde regio, en de
kruisverwijzingen controleren). Lezen van de bestanden staat in `diensten.regio`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jeugdplan.domein.dubbel import normaliseer
from jeugdplan.domein.regiomodel import Gemeente, Koppeling, RegioRegels, School, Vakantieregio

PRINCIPES = ("ouders-eerst", "meldcode-eerst", "meldplicht-personeel", "licht-voor-zwaar",
             "meerdere-domeinen", "erbij-halen", "toestemming", "verzuim", "identiteit")
"""Uitgangspunten die de routering gebruikt; elke regio moet ze (met bron) noemen."""

VASTE_FUNCTIES = ("leerplicht", "swv")
"""Functies die de routering zelf nodig heeft (verzuim: leerplicht en samenwerkingsverband)."""

Loc = tuple[str | int, ...]
"""Een plaats in een regiobestand, zoals pydantic die geeft: ("routes", "licht-jmw", "bron")."""

_GROEPEN = ("organisaties", "partners", "per_gemeente", "scholen", "routes", "principes")


@dataclass
class Regio:
    """De geldende regio: samengevoegde regels en waar elk onderdeel vandaan komt."""

    sleutel: str
    regels: RegioRegels
    bestanden: list[str]
    herkomst: dict[Loc, str] = field(default_factory=dict)

    @property
    def naam(self) -> str:
        return self.regels.naam or self.sleutel

    @property
    def gemeenten(self) -> list[str]:
        return list(self.regels.gemeenten or [])

    def gemeente(self, naam: str) -> str | None:
        """De gemeente zoals de regio haar schrijft, of None als ze er niet bij hoort."""
        gezocht = normaliseer(naam)
        return next((g for g in self.gemeenten if normaliseer(g) == gezocht), None)

    def school(self, naam: str) -> School | None:
        gezocht = normaliseer(naam)
        return next((s for k, s in self.regels.scholen.items() if normaliseer(k) == gezocht),
                    None)

    def koppelingen(self, functie: str, gemeente: str | None,
                    school: str | None = None) -> tuple[list[Koppeling], str]:
        """De koppelingen voor een functie: eerst de school, dan de gemeente, dan de regio.

        Geeft ook de bron van die koppeling (als de koppeling zelf geen bron heeft).
        """
        s = self.school(school) if school else None
        if s is not None and functie in s.partners:
            return s.partners[functie], s.bron
        g = _gemeente(self.regels, gemeente) if gemeente else None
        if g is not None and functie in g.partners:
            return g.partners[functie], g.bron
        if functie in self.regels.partners:
            # Regiobreed: de bron staat bij de organisatie zelf.
            return self.regels.partners[functie], ""
        return [], ""

    def vakantieregio(self, gemeente: str | None) -> Vakantieregio | None:
        """De vakantieregio van een gemeente: haar eigen, anders die van de regio."""
        g = _gemeente(self.regels, gemeente) if gemeente else None
        if g is not None and g.vakantieregio is not None:
            return g.vakantieregio
        return self.regels.vakantieregio


def samenvoegen(basis: RegioRegels, pad_basis: str, extra: RegioRegels, pad_extra: str
                 ) -> tuple[RegioRegels, dict[Loc, str]]:
    herkomst: dict[Loc, str] = {}
    gezet = extra.model_fields_set
    update: dict[str, Any] = {}
    for veld in ("versie", "naam", "omschrijving", "bron", "verwijzers", "vakantieregio"):
        if veld in gezet and getattr(extra, veld) is not None:
            update[veld] = getattr(extra, veld)
            herkomst[(veld,)] = pad_extra
        else:
            herkomst[(veld,)] = pad_basis
    herkomst[("gemeenten",)] = pad_extra if extra.gemeenten else pad_basis
    gemeenten = list(basis.gemeenten or [])
    for i in range(len(gemeenten)):
        herkomst[("gemeenten", i)] = pad_basis
    for g in extra.gemeenten or []:
        if normaliseer(g) not in {normaliseer(x) for x in gemeenten}:
            herkomst[("gemeenten", len(gemeenten))] = pad_extra
            gemeenten.append(g)
    update["gemeenten"] = gemeenten if (basis.gemeenten is not None
                                        or extra.gemeenten is not None) else None
    for groep in _GROEPEN:
        samen = dict(getattr(basis, groep))
        for sleutel in samen:
            herkomst[(groep, sleutel)] = pad_basis
        for sleutel, waarde in getattr(extra, groep).items():
            if groep in ("per_gemeente", "scholen"):
                # 'velsen' in regio.yaml vervangt 'Velsen' uit de meegeleverde regio.
                for oud in [k for k in samen if normaliseer(k) == normaliseer(sleutel)]:
                    del samen[oud]
                    herkomst.pop((groep, oud), None)
            samen[sleutel] = waarde
            herkomst[(groep, sleutel)] = pad_extra
        update[groep] = samen
    return basis.model_copy(update=update), herkomst


def herkomst_van(regels: RegioRegels, pad: str) -> dict[Loc, str]:
    """Alles uit één bestand."""
    herkomst: dict[Loc, str] = {(k,): pad for k in ("naam", "gemeenten", "verwijzers",
                                                      "vakantieregio")}
    herkomst.update({(g, k): pad for g in _GROEPEN for k in getattr(regels, g)})
    herkomst.update({("gemeenten", i): pad for i in range(len(regels.gemeenten or []))})
    return herkomst


# --- kruisverwijzingen ---------------------------------------------------------------------

def kruiscontrole(r: RegioRegels) -> list[tuple[Loc, str]]:
    """Verwijzingen binnen de regio die niet kloppen, met hun plaats (`loc`)."""
    fouten: list[tuple[Loc, str]] = []
    if not r.naam:
        fouten.append((("naam",), "verplicht veld ontbreekt"))
    if not r.gemeenten:
        fouten.append((("gemeenten",), "de regio noemt geen gemeenten"))
    gemeenten = {normaliseer(g) for g in r.gemeenten or []}
    orgs = r.organisaties

    def koppelingen(loc: Loc, partners: dict[str, list[Koppeling]]) -> None:
        for functie, lijst in partners.items():
            if not lijst:
                fouten.append(((*loc, functie), f"functie {functie!r} heeft geen organisatie"))
            for i, k in enumerate(lijst):
                if k.organisatie not in orgs:
                    fouten.append(((*loc, functie, i, "organisatie"),
                                   f"onbekende organisatie {k.organisatie!r}; bekend: "
                                   f"{', '.join(orgs) or '(geen)'}"))

    koppelingen(("partners",), r.partners)
    for naam, g in r.per_gemeente.items():
        if normaliseer(naam) not in gemeenten:
            fouten.append((("per_gemeente", naam),
                           f"gemeente {naam!r} staat niet in 'gemeenten'"))
        koppelingen(("per_gemeente", naam, "partners"), g.partners)
    for naam, s in r.scholen.items():
        if s.gemeente is not None and normaliseer(s.gemeente) not in gemeenten:
            fouten.append((("scholen", naam, "gemeente"),
                           f"gemeente {s.gemeente!r} staat niet in 'gemeenten'"))
        koppelingen(("scholen", naam, "partners"), s.partners)

    # Elke gemeente moet elke gebruikte functie kunnen invullen (regiobreed of eigen).
    nodig: dict[str, tuple[str, Loc]] = {}
    for naam, route in r.routes.items():
        for i, functie in enumerate(route.functies):
            nodig.setdefault(functie, (f"route {naam}", ("routes", naam, "functies", i)))
        if route.principe is not None and route.principe not in r.principes:
            fouten.append((("routes", naam, "principe"),
                           f"onbekend principe {route.principe!r}"))
    for functie in VASTE_FUNCTIES:
        nodig.setdefault(functie, ("verzuim", ("partners",)))
    for i, v in enumerate(r.verwijzers or []):
        if v.functie is not None:
            nodig.setdefault(v.functie, ("verwijzers", ("verwijzers", i, "functie")))
    alle = list(r.gemeenten or [])
    nergens = {f for f in nodig if f not in r.partners and alle
               and all(f not in _partners(r, g) for g in alle)}
    for functie in nergens:
        waarvoor, loc = nodig[functie]
        fouten.append((loc, f"functie {functie!r} (nodig voor {waarvoor}) heeft in geen enkele "
                       "gemeente een organisatie; zet haar onder 'partners' of 'per_gemeente'"))
    for i, gemeente in enumerate(alle):
        eigen = _partners(r, gemeente)
        mist = [f for f in nodig if f not in r.partners and f not in eigen and f not in nergens]
        if mist:
            sleutel = next((k for k in r.per_gemeente if normaliseer(k) == normaliseer(gemeente)),
                           None)
            plek: Loc = ("per_gemeente", sleutel) if sleutel is not None else ("gemeenten", i)
            fouten.append((plek, f"gemeente {gemeente}: geen organisatie voor functie(s) "
                           + ", ".join(f"{f} (nodig voor {nodig[f][0]})" for f in mist)
                           + "; zet ze onder 'partners' of 'per_gemeente'"))
    if r.vakantieregio is None:
        for i, gemeente in enumerate(alle):
            gem = _gemeente(r, gemeente)
            if gem is None or gem.vakantieregio is None:
                sleutel = next((k for k in r.per_gemeente
                                if normaliseer(k) == normaliseer(gemeente)), None)
                waar: Loc = (("per_gemeente", sleutel) if sleutel is not None
                             else ("gemeenten", i))
                fouten.append((waar, f"gemeente {gemeente}: geen vakantieregio (noord, midden "
                               "of zuid); zet 'vakantieregio' bij de gemeente onder "
                               "'per_gemeente' of voor de hele regio"))
    ontbrekend = [p for p in PRINCIPES if p not in r.principes]
    if ontbrekend:
        wat = "principe ontbreekt" if len(ontbrekend) == 1 else "principes ontbreken"
        fouten.append((("principes",), f"{wat}: {', '.join(ontbrekend)}"))
    return fouten


def _gemeente(r: RegioRegels, naam: str) -> Gemeente | None:
    """De eigen afspraken van een gemeente (`per_gemeente`), of None."""
    gezocht = normaliseer(naam)
    return next((g for k, g in r.per_gemeente.items() if normaliseer(k) == gezocht), None)


def _partners(r: RegioRegels, gemeente: str) -> dict[str, list[Koppeling]]:
    g = _gemeente(r, gemeente)
    return g.partners if g is not None else {}
