"""Regioregels: welke partners een regio kent, welk signaal naar welke functie gaat, en waarom.

Een regio staat in `data/regio/<naam>.yaml` (meegeleverd). Een casusrepository kan met een
eigen `regio.yaml` in de root de regio aanvullen of onderdelen vervangen:

- losse velden (`naam`, `omschrijving`, `bron`) en de lijst `verwijzers` vervangen;
- `gemeenten` worden aangevuld (nieuwe gemeenten achteraan);
- in de groepen `organisaties`, `partners`, `per_gemeente`, `scholen`, `routes` en
  `principes` vervangt een sleutel uit `regio.yaml` de hele ingang met die sleutel;
- `vervang: true` bovenaan: alleen `regio.yaml` geldt.

Beide bestanden worden gevalideerd als een plan (strikt, met regel en kolom); daarna worden de
kruisverwijzingen gecontroleerd (bestaat de organisatie, kent elke gemeente elke functie) en
ook die fouten noemen het bestand en de regel waar de ingang staat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.dubbel import normaliseer
from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag.resources import bekende_regios, data_map

if TYPE_CHECKING:
    from jeugdplan.domein.regiomodel import Gemeente, Koppeling, RegioRegels, School
    from jeugdplan.opslag.store import Repo

EIGEN_REGIO = "regio.yaml"
"""De eigen regioregels in de root van een casusrepository."""

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


# --- laden ---------------------------------------------------------------------------------


def _lees(pad: Path, relatief: str) -> RegioRegels:
    """Leest één regiobestand; fouten met regel en kolom (round-trip alleen bij fouten)."""
    from jeugdplan.domein.regiomodel import RegioRegels
    from jeugdplan.opslag.validatie import valideer
    from jeugdplan.opslag.yamlio import decodeer, laad_rt, laad_snel

    try:
        tekst = decodeer(pad.read_bytes(), relatief)
    except OSError as e:
        raise JeugdplanError(f"{relatief}: kan niet gelezen worden ({e.strerror})") from None
    data = laad_snel(tekst, relatief)
    if data is None:
        data = {}
    try:
        return valideer(RegioRegels, data, relatief)
    except PlanOngeldig:
        doc = laad_rt(tekst, relatief)
        return valideer(RegioRegels, doc if doc is not None else {}, relatief, doc)


def _samenvoegen(basis: RegioRegels, pad_basis: str, extra: RegioRegels, pad_extra: str
                 ) -> tuple[RegioRegels, dict[Loc, str]]:
    herkomst: dict[Loc, str] = {}
    gezet = extra.model_fields_set
    update: dict[str, Any] = {}
    for veld in ("versie", "naam", "omschrijving", "bron", "verwijzers"):
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


def _herkomst(regels: RegioRegels, pad: str) -> dict[Loc, str]:
    """Alles uit één bestand."""
    herkomst: dict[Loc, str] = {(k,): pad for k in ("naam", "gemeenten", "verwijzers")}
    herkomst.update({(g, k): pad for g in _GROEPEN for k in getattr(regels, g)})
    herkomst.update({("gemeenten", i): pad for i in range(len(regels.gemeenten or []))})
    return herkomst


def laad_regio(sleutel: str, root: Path | None = None) -> Regio:
    """De geldende regio: `data/regio/<sleutel>.yaml`, aangevuld met `<root>/regio.yaml`.

    Alle problemen (schema en kruisverwijzingen) komen samen in één `PlanOngeldig`.
    """
    eigen = root / EIGEN_REGIO if root is not None else None
    extra = _lees(eigen, EIGEN_REGIO) if eigen is not None and eigen.is_file() else None
    pad_basis = f"data/regio/{sleutel}.yaml"
    if extra is not None and extra.vervang:
        regio = Regio(sleutel, extra, [EIGEN_REGIO], _herkomst(extra, EIGEN_REGIO))
    else:
        if sleutel not in bekende_regios():
            raise JeugdplanError(
                f"onbekende regio {sleutel!r} in jeugdplan.yaml; meegeleverd: "
                f"{', '.join(bekende_regios())} (of zet 'vervang: true' in een eigen {EIGEN_REGIO})"
            )
        basis = _lees(data_map() / "regio" / f"{sleutel}.yaml", pad_basis)
        if extra is None:
            regio = Regio(sleutel, basis, [pad_basis], _herkomst(basis, pad_basis))
        else:
            regels, herkomst = _samenvoegen(basis, pad_basis, extra, EIGEN_REGIO)
            regio = Regio(sleutel, regels, [pad_basis, EIGEN_REGIO], herkomst)
    problemen = _plaats_problemen(regio, list(kruiscontrole(regio.regels)), root)
    if problemen:
        kop = f"regioregels ongeldig: {len(problemen)} probleem" + (
            "en" if len(problemen) != 1 else "")
        raise PlanOngeldig(kop + "\n" + "\n".join(str(p) for p in problemen), problemen)
    return regio


def regio_van(repo: Repo) -> Regio:
    """De geldende regio van een casusrepository om alleen te lezen (`route`): uit de cache
    zolang `jeugdplan.yaml`, `regio.yaml` en de meegeleverde regiobestanden niet veranderden,
    met de regels als lichte objecten (`jeugdplan.opslag.licht`). Anders als `laad_regio`, met
    dezelfde fouten (een ongeldige regio wordt niet bewaard)."""
    from jeugdplan.opslag.cache import onthoud_licht
    from jeugdplan.opslag.store import INSTELLINGEN

    def inhoud(pad: Path) -> bytes | None:
        try:
            return pad.read_bytes()
        except OSError:
            return None

    # Ook deze module zelf: de code die samenvoegt en controleert (de modellen bewaakt de
    # cache zelf, met haar kenmerk).
    bestanden = [repo.root / INSTELLINGEN, repo.root / EIGEN_REGIO, Path(__file__),
                 *sorted((data_map() / "regio").glob("*.yaml"))]

    def laad() -> dict[str, Any]:
        r = laad_regio(repo.instellingen.regio, repo.root)
        return {"sleutel": r.sleutel, "regels": r.regels, "bestanden": r.bestanden,
                "herkomst": r.herkomst}

    d = onthoud_licht(repo, "regio", [(p.name, inhoud(p)) for p in bestanden], laad)
    return Regio(d["sleutel"], d["regels"], d["bestanden"], d["herkomst"])


def controleer(sleutel: str, root: Path | None = None) -> list[Probleem]:
    """Alle problemen van de geldende regio (leeg = in orde), voor `jeugdplan regio check`."""
    try:
        laad_regio(sleutel, root)
    except PlanOngeldig as e:
        return e.problemen
    return []


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
    ontbrekend = [p for p in PRINCIPES if p not in r.principes]
    if ontbrekend:
        fouten.append((("principes",), f"principe(s) ontbreken: {', '.join(ontbrekend)}"))
    return fouten


def _gemeente(r: RegioRegels, naam: str) -> Gemeente | None:
    """De eigen afspraken van een gemeente (`per_gemeente`), of None."""
    gezocht = normaliseer(naam)
    return next((g for k, g in r.per_gemeente.items() if normaliseer(k) == gezocht), None)


def _partners(r: RegioRegels, gemeente: str) -> dict[str, list[Koppeling]]:
    g = _gemeente(r, gemeente)
    return g.partners if g is not None else {}


def _plaats_problemen(regio: Regio, fouten: list[tuple[Loc, str]], root: Path | None
                      ) -> list[Probleem]:
    """Zoekt bij elke fout het bestand (waar de ingang vandaan komt) en de regel."""
    if not fouten:
        return []
    from jeugdplan.opslag.validatie import veldpad
    from jeugdplan.opslag.yamlio import decodeer, laad_rt, plaats

    docs: dict[str, Any] = {}

    def doc(pad: str) -> Any:
        if pad not in docs:
            bestand = (root / EIGEN_REGIO if pad == EIGEN_REGIO and root is not None
                       else data_map() / "regio" / f"{regio.sleutel}.yaml")
            docs[pad] = laad_rt(decodeer(bestand.read_bytes(), pad), pad)
        return docs[pad]

    problemen = []
    for loc, melding in fouten:
        pad = (regio.herkomst.get(loc[:2]) or regio.herkomst.get(loc[:1])
               or regio.bestanden[-1])
        regel, kolom = plaats(doc(pad), loc)
        problemen.append(Probleem(pad, regel, kolom, veldpad(loc), melding, code="regio"))
    return problemen
