"""Verschillen tussen twee versies van een plan, per veld en in het Nederlands.

`verschillen(oud, nieuw)` vergelijkt twee plannen als gewone gegevens (zoals de snelle lader
ze geeft) en geeft één `Veldwijziging` per veranderd veld of onderdeel: "doel d2: status
lopend → behaald", "signaal toegevoegd: s3 (gedrag)". Zo toont `jeugdplan log` de
geschiedenis van een casus zoals Primero de 'record history' toont.

Privacy: alleen wat de lezer nodig heeft. Namen en geboortedatum van het kind en vrije tekst
(omschrijvingen, notities, journaal) verschijnen niet als waarde, alleen als "gewijzigd";
codes, datums en statussen wel.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

ENKELVOUD = {
    "signalen": "signaal", "doelen": "doel", "acties": "actie", "verwijzingen": "verwijzing",
    "gezin": "opvoeder", "ouders_geinformeerd": "ouders geïnformeerd",
    "toestemmingen": "toestemming", "betrokkenen": "betrokkene", "krachten": "kracht",
    "zorgen": "zorg", "netwerk": "netwerklid", "jeugdhulp": "jeugdhulp",
    "evaluaties": "evaluatie", "journaal": "journaalregel", "historie": "stap",
    "stappen": "meldcodestap", "overgeslagen": "overgeslagen stap", "afwegingen": "afweging",
    "meldingen": "melding", "inschrijvingen": "inschrijving", "afwezigheden": "afwezigheid",
    "vrijstellingen": "vrijstelling", "aanbod": "aanbod", "belemmerend": "belemmerende factor",
    "bevorderend": "bevorderende factor", "gegeven_door": "gegeven door", "scholen": "school",
    "samengevoegd": "samengevoegde casus",
    "meldcode": "meldcodespoor", "terugkoppelingen": "terugkoppeling", "inzages": "inzage",
    "weggelaten": "beperking",
}
"""Hoe één onderdeel van een lijst heet in een melding."""

KENMERK = {
    "signalen": "domein", "verwijzingen": "organisatie", "toestemmingen": "partij",
    "betrokkenen": "rol", "gezin": "relatie", "netwerk": "relatie", "jeugdhulp": "vorm",
    "evaluaties": "datum", "journaal": "datum", "ouders_geinformeerd": "datum",
    "historie": "status", "stappen": "stap", "afwegingen": "vraag", "meldingen": "datum",
    "inschrijvingen": "van", "afwezigheden": "van", "vrijstellingen": "artikel",
    "aanbod": "van", "overgeslagen": "stap", "terugkoppelingen": "datum", "inzages": "aanvrager",
}
"""Het veld dat een onderdeel zonder id kort aanduidt (geen namen van kind of ouders)."""

VRIJE_TEKST = {
    "omschrijving", "notitie", "tekst", "interpretatie", "reden", "toelichting", "steun",
    "kindcheck", "reden_afsluiting", "ouders", "kind", "naam", "contact", "voornaam",
    "achternaam", "geboortedatum", "toestemming_overruled", "doel", "uitstroombestemming",
    "begeleiding", "afwijkingen", "inbreng_leerling",
    "hulp", "wat", "grond", "hoedanigheid",
}
"""Velden waarvan de waarde niet in de geschiedenis verschijnt (vrije tekst, namen)."""

_WEG = object()


@dataclass(frozen=True)
class Veldwijziging:
    soort: str
    """'aangemaakt', 'toegevoegd', 'verwijderd' of 'gewijzigd'."""
    onderdeel: str
    """Bijvoorbeeld 'doel d2', 'kind', 'journaal' of '' voor het plan zelf."""
    veld: str
    oud: Any
    nieuw: Any
    tekst: str

    def als_json(self) -> dict[str, Any]:
        return asdict(self)

    def sleutel(self) -> tuple[str, str, str, str]:
        """Om dezelfde wijziging in twee vergelijkingen te herkennen (samenvoeg-commits)."""
        return (self.soort, self.onderdeel, self.veld, _canon(self.nieuw))


def _canon(waarde: Any) -> str:
    return json.dumps(waarde, sort_keys=True, default=str, ensure_ascii=False)


def _toon(waarde: Any) -> str:
    if waarde is None or waarde is _WEG:
        return "(leeg)"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, list):
        return ", ".join(_toon(w) for w in waarde) or "(leeg)"
    if isinstance(waarde, dict):
        return "{…}"
    tekst = str(waarde)
    return tekst if len(tekst) <= 60 else tekst[:57] + "…"


def _json_waarde(veld: str, waarde: Any) -> Any:
    if veld in VRIJE_TEKST or waarde is _WEG or isinstance(waarde, dict | list):
        return None
    if isinstance(waarde, date):
        return waarde.isoformat()
    return waarde


def _met_ids(a: list[Any], b: list[Any]) -> bool:
    """Twee versies van een lijst met ids (per id te vergelijken)."""
    return bool(a or b) and all(isinstance(x, dict) and "id" in x for x in [*a, *b])


def _kenmerk(lijstnaam: str, item: Any) -> str:
    if isinstance(item, dict):
        veld = KENMERK.get(lijstnaam)
        if veld and item.get(veld) is not None and veld not in VRIJE_TEKST:
            return _toon(item[veld])
        return ""
    if lijstnaam in ("krachten", "zorgen", "belemmerend", "bevorderend"):
        return ""  # vrije tekst
    return _toon(item)


def _door(lijstnaam: str, item: Any) -> str:
    """Wie een aantekening maakte (een professional; nooit het kind of de ouders)."""
    if not isinstance(item, dict) or lijstnaam not in (
            "journaal", "evaluaties", "ouders_geinformeerd", "historie", "stappen", "meldingen"):
        return ""
    wie = item.get("auteur") or item.get("door")
    return wie if isinstance(wie, str) else ""


def verschillen(oud: dict[str, Any] | None, nieuw: dict[str, Any] | None) -> list[Veldwijziging]:
    """Alle veldwijzigingen van `oud` naar `nieuw` (gewone gegevens van twee planversies)."""
    if oud is None and nieuw is None:
        return []
    if oud is None:
        return [Veldwijziging("aangemaakt", "", "", None, None, "casus aangemaakt")]
    if nieuw is None:
        return [Veldwijziging("verwijderd", "", "", None, None, "casus verwijderd")]
    from jeugdplan.domein.model import migreer

    if migreer(nieuw) is nieuw:
        # Het nieuwe plan heeft overal ids: een oudere versie zonder ids krijgt dezelfde ids als
        # bij het migreren (uit de inhoud), zodat alleen echte wijzigingen verschijnen.
        oud = migreer(oud)
    uit: list[Veldwijziging] = []
    _vergelijk_map(oud, nieuw, "", uit)
    return uit


def _vergelijk_map(oud: dict[str, Any], nieuw: dict[str, Any], onderdeel: str,
                   uit: list[Veldwijziging]) -> None:
    sleutels = list(oud) + [k for k in nieuw if k not in oud]
    for sleutel in sleutels:
        a, b = oud.get(sleutel, _WEG), nieuw.get(sleutel, _WEG)
        if _canon(None if a is _WEG else a) == _canon(None if b is _WEG else b):
            continue
        _vergelijk(a, b, onderdeel, str(sleutel), uit)


def _leeg(waarde: Any) -> bool:
    return waarde is _WEG or waarde is None or waarde == [] or waarde == {}


def _vergelijk(a: Any, b: Any, onderdeel: str, veld: str, uit: list[Veldwijziging]) -> None:
    if isinstance(a, list) or isinstance(b, list):
        _vergelijk_lijst(a if isinstance(a, list) else [], b if isinstance(b, list) else [],
                         onderdeel, veld, uit)
        return
    if isinstance(a, dict) or isinstance(b, dict):
        # Een onderdeel als kind, regie, ondersteuning: per veld ("kind: school ...").
        naam = f"{onderdeel} {veld}".strip() if onderdeel else veld
        _vergelijk_map(a if isinstance(a, dict) else {}, b if isinstance(b, dict) else {},
                       naam, uit)
        return
    soort = "toegevoegd" if _leeg(a) else "verwijderd" if _leeg(b) else "gewijzigd"
    voor = f"{onderdeel}: " if onderdeel else ""
    if veld in VRIJE_TEKST:
        woord = {"toegevoegd": "ingevuld", "verwijderd": "gewist"}.get(soort, "gewijzigd")
        tekst = f"{voor}{veld} {woord}"
    else:
        tekst = f"{voor}{veld} {_toon(a)} → {_toon(b)}"
    uit.append(Veldwijziging(soort, onderdeel, veld, _json_waarde(veld, a),
                             _json_waarde(veld, b), tekst))


def _vergelijk_lijst(a: list[Any], b: list[Any], onderdeel: str, veld: str,
                     uit: list[Veldwijziging]) -> None:
    enkel = ENKELVOUD.get(veld, veld)
    voor = f"{onderdeel}: " if onderdeel else ""
    if _met_ids(a, b):
        oud = {str(x["id"]): x for x in a if isinstance(x, dict)}
        nieuw = {str(x["id"]): x for x in b if isinstance(x, dict)}
        for ident, item in oud.items():
            if ident not in nieuw:
                extra = _kenmerk(veld, item)
                uit.append(Veldwijziging("verwijderd", enkel, "", ident, None,
                                         f"{voor}{enkel} verwijderd: {ident}"
                                         + (f" ({extra})" if extra else "")))
            elif _canon(item) != _canon(nieuw[ident]):
                _vergelijk_map(item, nieuw[ident], f"{voor}{enkel} {ident}".strip(), uit)
        for ident, item in nieuw.items():
            if ident not in oud:
                extra = ", ".join(x for x in (_kenmerk(veld, item), _door(veld, item)) if x)
                uit.append(Veldwijziging("toegevoegd", enkel, "", None, ident,
                                         f"{voor}{enkel} toegevoegd: {ident}"
                                         + (f" ({extra})" if extra else "")))
        return
    # Lijsten zonder id: toevoegingen en verwijderingen als verzameling. Een onderdeel dat
    # op dezelfde plaats door één ander is vervangen, geldt als gewijzigd (toestemming
    # ingetrokken), met de velden die veranderden.
    oud_c = [_canon(x) for x in a]
    nieuw_c = [_canon(x) for x in b]
    weg = [i for i, c in enumerate(oud_c) if c not in nieuw_c]
    bij = [i for i, c in enumerate(nieuw_c) if c not in oud_c]
    gepaard = set()
    for i in weg:
        if i in bij and isinstance(a[i], dict) and isinstance(b[i], dict):
            gepaard.add(i)
            extra = _kenmerk(veld, a[i])
            naam = f"{voor}{enkel}" + (f" {extra}" if extra else f" {i + 1}")
            _vergelijk_map(a[i], b[i], naam, uit)
    for i in weg:
        if i not in gepaard:
            extra = _kenmerk(veld, a[i])
            uit.append(Veldwijziging("verwijderd", f"{voor}{enkel}".strip(), "",
                                     _json_waarde(veld, a[i]) if extra else None, None,
                                     f"{voor}{enkel} verwijderd" + (f": {extra}" if extra else "")))
    for i in bij:
        if i not in gepaard:
            extra = _kenmerk(veld, b[i])
            door = f", {_door(veld, b[i])}" if _door(veld, b[i]) else ""
            uit.append(Veldwijziging("toegevoegd", f"{voor}{enkel}".strip(), "", None,
                                     extra or None,
                                     f"{voor}{enkel} toegevoegd"
                                     + (f" ({extra}{door})" if extra else "")))


def label(pad: tuple[Any, ...], data: dict[str, Any] | None = None) -> str:
    """Een leesbare naam voor een plaats in het plan: ('doelen', 'd2', 'status') → 'doel d2: status'."""
    delen: list[str] = []
    i = 0
    while i < len(pad):
        stap = pad[i]
        if isinstance(stap, str) and stap in ENKELVOUD and i + 1 < len(pad) and isinstance(
                pad[i + 1], str | int):
            volgende = pad[i + 1]
            nummer = f" {volgende}" if isinstance(volgende, str) else f" {volgende + 1}"
            delen.append(f"{ENKELVOUD[stap]}{nummer}")
            i += 2
            continue
        delen.append(str(stap))
        i += 1
    if len(delen) >= 2:
        return f"{' '.join(delen[:-1])}: {delen[-1]}"
    return delen[0] if delen else "plan"
