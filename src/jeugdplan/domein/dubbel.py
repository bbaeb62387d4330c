"""Eén kind, één plan: herkent een tweede plan voor hetzelfde kind, en voegt twee plannen
voor hetzelfde kind samen (`jeugdplan samenvoegen`).

Hetzelfde kind = dezelfde geboortedatum en een naam die overeenkomt, ook met kleine
spelverschillen (Mohammed/Mohamed, Jansen/Janssen, met of zonder accent of tussenvoegsel).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import JeugdplanError

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan

TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "op", "el"}


@functools.lru_cache(maxsize=65536)
def normaliseer(naam: str) -> str:
    """Kleine letters, zonder accenten, tussenvoegsels en leestekens."""
    zonder = unicodedata.normalize("NFKD", naam)
    zonder = "".join(c for c in zonder if not unicodedata.combining(c)).lower()
    woorden = ["".join(c for c in w if c.isalnum()) for w in zonder.replace("-", " ").split()]
    return " ".join(w for w in woorden if w and w not in TUSSENVOEGSELS)


def afstand(a: str, b: str) -> int:
    """Levenshtein-afstand (klein: namen zijn kort)."""
    if a == b:
        return 0
    vorige = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        huidige = [i]
        for j, cb in enumerate(b, 1):
            huidige.append(min(vorige[j] + 1, huidige[j - 1] + 1, vorige[j - 1] + (ca != cb)))
        vorige = huidige
    return vorige[-1]


def _lijkt(a: str, b: str) -> bool:
    if a == b:
        return True
    grens = 1 if max(len(a), len(b)) <= 6 else 2
    return afstand(a, b) <= grens


def zelfde_kind(voornaam_a: str, achternaam_a: str, voornaam_b: str, achternaam_b: str) -> bool:
    return _lijkt(normaliseer(voornaam_a), normaliseer(voornaam_b)) and _lijkt(
        normaliseer(achternaam_a), normaliseer(achternaam_b)
    )


Kandidaat = tuple[str, str, str, date]
"""(id, voornaam, achternaam, geboortedatum)"""


def zoek_dubbel(voornaam: str, achternaam: str, geboortedatum: date,
                bestaande: Iterable[Kandidaat]) -> list[str]:
    """Ids van bestaande plannen die waarschijnlijk over hetzelfde kind gaan."""
    return [
        ident for ident, vn, an, gd in bestaande
        if gd == geboortedatum and zelfde_kind(voornaam, achternaam, vn, an)
    ]


def dubbele_groepen(alle: Iterable[Kandidaat]) -> list[list[str]]:
    """Groepen ids die waarschijnlijk hetzelfde kind zijn (gegroepeerd per geboortedatum)."""
    per_datum: dict[date, list[Kandidaat]] = defaultdict(list)
    for kandidaat in alle:
        per_datum[kandidaat[3]].append(kandidaat)
    groepen = []
    for kandidaten in per_datum.values():
        if len(kandidaten) < 2:
            continue
        for i, (ident, vn, an, _gd) in enumerate(kandidaten):
            for ander, vn2, an2, _ in kandidaten[i + 1:]:
                if zelfde_kind(vn, an, vn2, an2):
                    groepen.append([ident, ander])
    return groepen


# --- samenvoegen ---------------------------------------------------------------------------


@dataclass
class Samengevoegd:
    bericht: str
    overgenomen: int
    afwijkend: list[str] = field(default_factory=list)
    """Velden van het kind (of de ondersteuning) die in het tweede plan anders waren."""


_NIVEAUS = ["basis", "extra", "arrangement"]


def voeg_samen(plan: Plan, ander: Plan, *, auteur: str, datum: date) -> Samengevoegd:
    """Neemt alles uit `ander` (een tweede plan voor hetzelfde kind) op in `plan`.

    Onderdelen van lijsten komen erbij, met een nieuw id als hun id al bestaat; wat
    inhoudelijk al in het plan staat, komt er niet nog eens in. Losse velden: de waarde van
    `plan` blijft, die van `ander` vult aan waar `plan` niets heeft; verschillen bij het kind
    komen in het journaal. Meldcodesporen van beide plannen blijven elk een eigen spoor, op
    volgorde van start; lopen ze tegelijk (er loopt hoogstens één spoor), dan weigert het:
    dat vraagt een afweging per spoor."""
    from jeugdplan.domein.model import Plan as PlanModel
    from jeugdplan.domein.model import lijsten, volgend_id
    from jeugdplan.domein.onderdelen import journaal, niet_afgesloten

    if plan.id == ander.id:
        raise JeugdplanError("een plan kan niet met zichzelf worden samengevoegd")
    niet_afgesloten(plan)
    _sporen_na_elkaar(plan, ander)
    overgenomen = 0
    nieuwe_ids: dict[tuple[str, str], str] = {}

    def neem_over(doel: list[Any], bron: list[Any], sleutel: str) -> None:
        nonlocal overgenomen
        inhoud = [_zonder_id(i) for i in doel]
        for item in bron:
            if _zonder_id(item) in inhoud:  # staat er al: verwijzingen gaan naar dat onderdeel
                nieuwe_ids[(sleutel, item.id)] = doel[inhoud.index(_zonder_id(item))].id
                continue
            kopie = item.model_copy(deep=True)
            if any(i.id == kopie.id for i in doel):
                voorvoegsel = type(kopie).VOORVOEGSEL
                nieuw = volgend_id(doel, voorvoegsel)
                nieuwe_ids[(sleutel, kopie.id)] = nieuw
                kopie.id = nieuw
            if sleutel == "evaluaties":  # verwijzingen naar hernummerde doelen van `ander`
                kopie.doelen = [nieuwe_ids.get(("doelen", d), d) for d in kopie.doelen]
            if sleutel == "meldcode":  # en van een spoor naar de signalen
                kopie.signalen = [nieuwe_ids.get(("signalen", s), s) for s in kopie.signalen]
            doel.append(kopie)
            overgenomen += 1

    for sleutel, _klasse, met_id in lijsten(PlanModel):
        if met_id and sleutel != "journaal":
            neem_over(getattr(plan, sleutel), getattr(ander, sleutel), sleutel)
    plan.meldcode.sort(key=lambda spoor: spoor.gestart)
    for naam in ("inschrijvingen", "afwezigheden", "deels_afwezig", "vrijstellingen",
                 "vervangende_leerplicht", "aanbod"):
        neem_over(getattr(plan.verzuim, naam), getattr(ander.verzuim, naam), naam)
    v, w = plan.verzuim, ander.verzuim
    v.gemeld_16_uur = sorted({*v.gemeld_16_uur, *w.gemeld_16_uur})
    for veld in ("in_nederland_sinds", "twaalf_schooljaren", "startkwalificatie"):
        if getattr(v, veld) is None:
            setattr(v, veld, getattr(w, veld))
    neem_over(plan.journaal, ander.journaal, "journaal")

    afwijkend = [v for v in type(plan.kind).model_fields
                 if v != "niet_dezelfde_als" and getattr(ander.kind, v) is not None
                 and getattr(plan.kind, v) != getattr(ander.kind, v)]
    for veld in afwijkend:
        if getattr(plan.kind, veld) is None:
            setattr(plan.kind, veld, getattr(ander.kind, veld))
    plan.kind.niet_dezelfde_als = sorted(
        {*plan.kind.niet_dezelfde_als, *ander.kind.niet_dezelfde_als} - {plan.id, ander.id})
    if plan.regie is None:
        plan.regie = ander.regie
    o, a = plan.ondersteuning, ander.ondersteuning
    o.niveau = max(o.niveau, a.niveau, key=lambda n: _NIVEAUS.index(n) if n in _NIVEAUS else 0)
    o.omschrijving = o.omschrijving or a.omschrijving
    if o.opp is None:
        o.opp = a.opp
    elif a.opp is not None and a.opp != o.opp:
        afwijkend.append("ondersteuning.opp")
    for wie in ("ouders", "kind"):
        eigen, hun = getattr(plan.zienswijze, wie), getattr(ander.zienswijze, wie)
        if eigen is None:
            setattr(plan.zienswijze, wie, hun)
        elif hun is not None and hun != eigen:
            journaal(plan, f"zienswijze {wie} uit casus {ander.id}: {hun}", auteur, datum)
    plan.aangemeld = min(plan.aangemeld, ander.aangemeld)
    if ander.status == "actief" and plan.status == "aangemeld":
        plan.status, plan.actief_sinds = "actief", ander.actief_sinds
    plan.samengevoegd = [*plan.samengevoegd, ander.id,
                         *[s for s in ander.samengevoegd if s not in plan.samengevoegd]]
    verschil = ""
    if afwijkend:
        waarden = "; ".join(f"{v}: {_waarde(ander.kind, v)}" for v in afwijkend
                            if v in type(ander.kind).model_fields)
        verschil = f" In {ander.id} stond anders: {waarden}." if waarden else ""
    regel = journaal(plan, f"casus {ander.id} is in deze casus samengevoegd (één kind, één plan)."
                     + verschil, auteur, datum)
    return Samengevoegd(f"casus {ander.id} samengevoegd in deze casus ({overgenomen} "
                        f"onderdelen; journaal {regel})", overgenomen, afwijkend)


def _sporen_na_elkaar(plan: Plan, ander: Plan) -> None:
    """Weigert als de meldcodesporen van beide plannen samen niet na elkaar liggen."""
    sporen = sorted([*plan.meldcode, *(s for s in ander.meldcode
                                       if _zonder_id(s) not in map(_zonder_id, plan.meldcode))],
                    key=lambda spoor: spoor.gestart)
    for vorig, volgend in zip(sporen, sporen[1:], strict=False):
        einde = vorig.afgerond or (vorig.geannuleerd.datum if vorig.geannuleerd else None)
        if einde is None or volgend.gestart < einde:
            raise JeugdplanError(
                "de meldcodesporen van beide plannen lopen tegelijk (er loopt hoogstens één "
                f"spoor); rond het lopende spoor in {ander.id} eerst af of annuleer het, of "
                "overleg met de aandachtsfunctionaris")


def _zonder_id(item: Any) -> Any:
    data = item.model_dump()
    data.pop("id", None)
    return data


def _waarde(obj: Any, veld: str) -> str:
    waarde = getattr(obj, veld)
    return ", ".join(waarde) if isinstance(waarde, list) else str(waarde)
