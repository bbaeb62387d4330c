"""Drie versies van een plan samenvoegen per onderdeel (een driedeling op gewone gegevens).

Regels:
- elk onderdeel van een lijst heeft een vast id (`model.migreer` geeft onderdelen van oudere
  bestanden een id uit hun inhoud, aan alle drie de kanten gelijk); lijsten worden per id
  samengevoegd en een onderdeel per veld, dus een intrekking aan de ene kant en een
  aanvulling aan de andere komen allebei in hetzelfde onderdeel;
- lijsten van verwijzingen of namen (`niet_dezelfde_als`, de doelen van een evaluatie, wie een
  toestemming gaf) als verzameling van toevoegingen en verwijderingen;
- een enkel veld neemt de wijziging over van de kant die het veranderde;
- voegen beide kanten een onderdeel met hetzelfde nieuwe id toe (allebei `s3`), dan blijven
  beide bewaard: het eigen, nog niet gedeelde onderdeel krijgt een nieuw nummer, want wat al
  gedeeld is houdt zijn id (een collega kan ernaar verwijzen);
- veranderden beide kanten hetzelfde veld verschillend, dan is dat een echt conflict. Met een
  keuze (`kies`: 'ons' of 'hun') wint die kant, en de vervallen waarde wordt in het journaal
  bewaard: er gaat niets verloren.

Gebruikt door de git-merge-driver (`diensten.mergedriver`, bij `sync`) en door `edit` als het
plan tijdens het bewerken veranderde.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from jeugdplan.domein.model import JournaalRegel, Plan, lijsten, migreer, volgend_id
from jeugdplan.domein.veldhistorie import ENKELVOUD, label

_WEG: Any = object()
_ID = re.compile(r"^([a-z]+)(\d+)$")
"""Een kort id met volgnummer (s3, st12); een id uit `migreer` (t-3fa2c1) heeft geen nummer."""


# --- meldingen -----------------------------------------------------------------------------


@dataclass
class Melding:
    soort: str
    """'conflict', 'hernummerd', 'gekozen' of 'fout'."""
    casus: str
    veld: str
    tekst: str
    ons: Any = None
    hun: Any = None

    def als_json(self) -> dict[str, Any]:
        return json.loads(json.dumps(asdict(self), default=str, ensure_ascii=False))


@dataclass
class Uitkomst:
    data: dict[str, Any] | None
    meldingen: list[Melding] = field(default_factory=list)

    @property
    def conflicten(self) -> list[Melding]:
        return [m for m in self.meldingen if m.soort in ("conflict", "fout")]


def _canon(waarde: Any) -> str:
    return json.dumps(waarde, sort_keys=True, default=str, ensure_ascii=False)


def _gelijk(a: Any, b: Any) -> bool:
    return _canon(None if a is _WEG else a) == _canon(None if b is _WEG else b)


def _toon(waarde: Any) -> str:
    if waarde is _WEG or waarde is None:
        return "(leeg)"
    tekst = _canon(waarde) if isinstance(waarde, dict | list) else str(waarde)
    return tekst if len(tekst) <= 80 else tekst[:77] + "…"


# --- driedeling ----------------------------------------------------------------------------


class _Samenvoeger:
    def __init__(self, casus: str, kies: str | None) -> None:
        self.casus = casus
        self.kies = kies  # 'ons', 'hun' of None
        self.meldingen: list[Melding] = []
        self.vervallen: list[str] = []

    def melding(self, soort: str, pad: tuple[Any, ...], tekst: str, ons: Any = None,
                hun: Any = None) -> None:
        self.meldingen.append(Melding(soort, self.casus, label(pad), tekst,
                                      None if ons is _WEG else ons, None if hun is _WEG else hun))

    def voeg(self, o: Any, a: Any, b: Any, pad: tuple[Any, ...]) -> Any:
        if _gelijk(a, b):
            return a
        if _gelijk(a, o):
            return b
        if _gelijk(b, o):
            return a
        if isinstance(a, dict) and isinstance(b, dict):
            return self._voeg_map(o if isinstance(o, dict) else {}, a, b, pad)
        if isinstance(a, list) and isinstance(b, list):
            basis = o if isinstance(o, list) else []
            if all(isinstance(x, dict) and "id" in x for x in [*basis, *a, *b]):
                return self._voeg_op_id(basis, a, b, pad)
            return _voeg_verzameling(basis, a, b)
        return self._conflict(pad, a, b)

    def _conflict(self, pad: tuple[Any, ...], a: Any, b: Any) -> Any:
        naam = label(pad)
        if self.kies is None:
            self.melding("conflict", pad, f"{naam}: ons {_toon(a)!s} ↔ hun {_toon(b)!s}", a, b)
            return a
        winnaar, verliezer = (a, b) if self.kies == "ons" else (b, a)
        ander = "hun" if self.kies == "ons" else "ons"
        self.melding("gekozen", pad, f"{naam}: gekozen {self.kies} ({_toon(winnaar)}); "
                     f"vervallen {ander} ({_toon(verliezer)}) staat in het journaal", a, b)
        self.vervallen.append(f"{naam}: {_toon(verliezer)} ({ander}), gekozen: {_toon(winnaar)}")
        return winnaar

    def _voeg_map(self, o: dict[str, Any], a: dict[str, Any], b: dict[str, Any],
                  pad: tuple[Any, ...]) -> dict[str, Any]:
        # Volgorde van ons; een sleutel die alleen hun heeft komt na zijn voorganger bij hun.
        volgorde = list(a)
        vorige: str | None = None
        for k in b:
            if k not in volgorde:
                plek = volgorde.index(vorige) + 1 if vorige is not None and vorige in volgorde else 0
                volgorde.insert(plek, k)
            vorige = k
        uit: dict[str, Any] = {}
        for sleutel in volgorde:
            waarde = self.voeg(o.get(sleutel, _WEG), a.get(sleutel, _WEG), b.get(sleutel, _WEG),
                               (*pad, sleutel))
            if waarde is not _WEG:
                uit[sleutel] = waarde
        return uit

    def _voeg_op_id(self, o: list[Any], a: list[Any], b: list[Any],
                    pad: tuple[Any, ...]) -> list[Any]:
        oud = {str(x["id"]): x for x in o}
        ons = {str(x["id"]): x for x in a}
        hun = {str(x["id"]): x for x in b}
        uit: list[Any] = []
        for ident, item in ons.items():
            basis = oud.get(ident, _WEG)
            if ident in hun:
                uit.append(self.voeg(basis, item, hun[ident], (*pad, ident)))
            elif basis is _WEG:
                uit.append(item)  # alleen bij ons nieuw
            elif not _gelijk(item, basis) and self._conflict((*pad, ident), item, _WEG) is not _WEG:
                uit.append(item)  # bij hun verwijderd, bij ons gewijzigd: conflict
        for ident, item in hun.items():
            if ident in ons:
                continue
            basis = oud.get(ident, _WEG)
            if basis is _WEG:
                uit.append(item)  # alleen bij hun nieuw
            elif not _gelijk(item, basis) and self._conflict((*pad, ident), _WEG, item) is not _WEG:
                uit.append(item)
        return _sorteer_op_nummer(uit)


def _sorteer_op_nummer(items: list[Any]) -> list[Any]:
    """s1, s2, s10 op volgorde; ids zonder nummer blijven vooraan op hun plaats."""
    def sleutel(paar: tuple[int, Any]) -> tuple[int, int, int]:
        i, item = paar
        m = _ID.match(str(item.get("id", "")))
        return (1, int(m.group(2)), i) if m else (0, i, i)

    return [item for _, item in sorted(enumerate(items), key=sleutel)]


def _voeg_verzameling(o: list[Any], a: list[Any], b: list[Any]) -> list[Any]:
    """Lijst zonder id: ons, zonder wat hun verwijderde, plus wat hun toevoegde."""
    basis = Counter(_canon(x) for x in o)
    hun = Counter(_canon(x) for x in b)
    ons = Counter(_canon(x) for x in a)
    weg_bij_hun = basis - hun
    bij_hun = hun - basis
    uit = []
    for item in a:
        c = _canon(item)
        if weg_bij_hun[c] > 0:
            weg_bij_hun[c] -= 1
            continue
        uit.append(item)
    for item in b:
        c = _canon(item)
        if bij_hun[c] > 0:
            bij_hun[c] -= 1
            # Voegden beide hetzelfde toe, dan één keer.
            if ons[c] - basis[c] > 0:
                ons[c] -= 1
                continue
            uit.append(item)
    return uit


def hernummer(o: dict[str, Any], a: dict[str, Any], b: dict[str, Any],
              s: _Samenvoeger) -> dict[str, Any]:
    """Onderdelen die aan beide kanten nieuw zijn met hetzelfde id (allebei `t3`) maar
    verschillende inhoud: het eigen, nog niet gedeelde onderdeel krijgt een nieuw nummer (in elke
    lijst met ids, ook genest, zoals de historie van een verwijzing)."""
    import copy

    a = copy.deepcopy(a)
    _hernummer(Plan, o, a, b, (), s)
    return a


def _hernummer(klasse: type[BaseModel], o: dict[str, Any] | None, a: dict[str, Any],
               b: dict[str, Any], pad: tuple[Any, ...], s: _Samenvoeger) -> None:
    for lijst, sub, met_id in lijsten(klasse):
        ons, hun, oud = a.get(lijst), b.get(lijst), (o or {}).get(lijst)
        if isinstance(ons, dict) and isinstance(hun, dict):
            _hernummer(sub, oud if isinstance(oud, dict) else None, ons, hun, (*pad, lijst), s)
        if not met_id or not isinstance(ons, list) or not isinstance(hun, list):
            continue
        oud_items = {str(x.get("id")): x for x in oud or [] if isinstance(x, dict)}
        hun_items = {str(x.get("id")): x for x in hun if isinstance(x, dict)}
        alle = [str(x.get("id")) for x in [*(oud or []), *ons, *hun] if isinstance(x, dict)]
        nieuw_nummer: dict[str, str] = {}
        for item in ons:
            if not isinstance(item, dict):
                continue
            ident = str(item.get("id"))
            if ident in oud_items or ident not in hun_items or _gelijk(item, hun_items[ident]):
                if ident in hun_items:  # aan beide kanten: geneste lijsten ook bekijken
                    _hernummer(sub, oud_items.get(ident), item, hun_items[ident],
                               (*pad, lijst, ident), s)
                continue
            m = _ID.match(ident)
            voorvoegsel = m.group(1) if m else ident
            hoogste = max((int(x.group(2)) for x in map(_ID.match, alle)
                           if x and x.group(1) == voorvoegsel), default=0)
            nieuw = f"{voorvoegsel}{hoogste + 1}"
            alle.append(nieuw)
            nieuw_nummer[ident] = nieuw
            item["id"] = nieuw
            naam = ENKELVOUD.get(lijst, lijst)
            s.melding("hernummerd", (*pad, lijst, ident),
                      f"{naam} {ident} bestond aan beide kanten; het eigen (nog niet gedeelde) "
                      f"{naam} {ident} heet nu {nieuw}", ident, nieuw)
        if lijst == "doelen" and nieuw_nummer:
            oude_evaluaties = {str(x.get("id")) for x in (o or {}).get("evaluaties") or []
                               if isinstance(x, dict)}
            for evaluatie in a.get("evaluaties") or []:
                if isinstance(evaluatie, dict) and str(evaluatie.get("id")) not in oude_evaluaties:
                    evaluatie["doelen"] = [nieuw_nummer.get(str(d), d)
                                           for d in evaluatie.get("doelen") or []]


def voeg_samen(o: dict[str, Any] | None, a: dict[str, Any], b: dict[str, Any], casus: str,
               vandaag: date, kies: str | None = None, auteur: str = "jeugdplan sync"
               ) -> Uitkomst:
    """Driedeling van drie planversies als gewone gegevens. `data` is None bij een conflict."""
    s = _Samenvoeger(casus, kies)
    if o is None:
        # Beide kanten maakten dit plan: alleen samen te voegen als ze gelijk zijn.
        if _gelijk(a, b):
            return Uitkomst(a)
        s.melding("fout", (), f"casus {casus} is aan beide kanten nieuw aangemaakt met "
                  "verschillende inhoud; 'jeugdplan sync' geeft een van beide een nieuw id")
        return Uitkomst(None, s.meldingen)
    o, a, b = migreer(o), migreer(a), migreer(b)
    a = hernummer(o, a, b, s)
    data = s.voeg(o, a, b, ())
    if any(m.soort == "conflict" for m in s.meldingen):
        return Uitkomst(None, s.meldingen)
    if s.vervallen:
        journaal = list(data.get("journaal") or [])
        journaal.append({
            "id": volgend_id(journaal, JournaalRegel.VOORVOEGSEL),
            "datum": vandaag.isoformat(), "auteur": auteur,
            "tekst": "Bij samenvoegen (jeugdplan sync) gekozen; vervallen waarde(n): "
                     + "; ".join(s.vervallen),
        })
        data["journaal"] = journaal
    return Uitkomst(data, s.meldingen)
