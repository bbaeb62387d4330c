"""YAML lezen en schrijven in één dialect: YAML 1.2 (het core-schema), voor elk bestand.

- Welke tekst zonder aanhalingstekens een getal, ja/nee of leeg is, staat één keer hier
  (`_KERN`): `true`/`false`, `null`/`~`/leeg, gehele getallen van hooguit 18 cijfers (ook
  `0o17` en `0xFF`) en kommagetallen met een punt of exponent. Al het andere is tekst: `yes`,
  `no`, `on`, `off`, `12:30`, `1_000` en ook `2026-01-01` (een datum is tekst in YAML 1.2; het
  model maakt er een datum van). Een langer getal blijft tekst (een getal van 100.000 cijfers
  legt niets plat).
- Lezen: `laad_snel` (de C-parser van PyYAML, met dit schema) voor alles wat alleen leest;
  `laad_rt` (ruamel.yaml, round-trip, met hetzelfde schema) alleen om een plan te bewerken
  met behoud van opmerkingen en opmaak. Beide geven dezelfde gegevens (een property-test
  bewaakt dat).
- Schrijven: `dump_rt`, met hetzelfde schema: tekst die anders als getal of ja/nee gelezen zou
  worden, krijgt aanhalingstekens. Wat jeugdplan schrijft leest het dus identiek terug.
- Plaats: `knopen` en `plaats` geven regel en kolom van een veld (voor meldingen), uit de
  knopen van de C-parser.

Aliassen, samenvoegsleutels (`<<`) en eigen tags worden geweigerd: een plan heeft ze niet nodig
en ze zijn de ingang van 'billion laughs' en objectconstructie. Dubbele sleutels ook.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import yaml as _pyyaml

from jeugdplan.domein.errors import PlanOngeldig, Probleem

if TYPE_CHECKING:
    from ruamel.yaml import YAML

from jeugdplan.opslag.bestanden import MAX_GROOTTE, te_groot

_MAX_DIEPTE = 200
"""Een plan is hooguit een handvol niveaus diep; dieper is kapot of kwaadwillig."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_KERN: list[tuple[str, str, str]] = [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", "~nN"),
    (_INT, r"^(?:[-+]?[0-9]{1,18}|0o[0-7]{1,20}|0x[0-9a-fA-F]{1,16})$", "-+0123456789"),
    (_FLOAT, r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?"
             r"|[-+]?[0-9]+[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
]
"""YAML 1.2 core-schema (tag, patroon, eerste tekens); de lege tekst is ook null. Gehele
getallen hooguit 18 cijfers: langer blijft tekst (geen getal van 100.000 cijfers)."""

_PATRONEN = [(tag, re.compile(patroon), eerste) for tag, patroon, eerste in _KERN]

_VERTALINGEN = [
    ("mapping values are not allowed", "dubbele punt op een plek waar dat niet mag "
     "(zet tekst met ': ' tussen aanhalingstekens)"),
    ("cannot start any token", "teken dat hier niet mag (tabs? gebruik spaties)"),
    ("could not find expected ':'", "verwachte ':' niet gevonden"),
    ("found duplicate key", "dubbele sleutel"),
    ("expected <block end>", "inspringing klopt niet"),
    ("did not find expected key", "inspringing klopt niet of een sleutel ontbreekt"),
    ("did not find expected '-'", "inspringing van de lijst klopt niet"),
    ("found unexpected end of stream", "bestand houdt onverwacht op (aanhalingsteken niet gesloten?)"),
    ("found undefined alias", "onbekende alias"),
    ("found unknown escape character", "onbekend escapeteken in tekst tussen dubbele aanhalingstekens"),
    ("while scanning a quoted scalar", "aanhalingsteken niet gesloten"),
    ("found unhashable key", "ongeldige sleutel"),
    ("expected a single document", "het bestand bevat meer dan één document (---)"),
    ("but found another document", "het bestand bevat meer dan één document (---)"),
    ("exceeded maximum nesting depth", "te diep geneste YAML"),
]
_ALIAS = "aliassen (*naam) zijn in een plan niet toegestaan"


def _vertaal(probleem: str | None) -> str:
    tekst = probleem or "onleesbare YAML"
    for engels, nederlands in _VERTALINGEN:
        if engels in tekst:
            return nederlands
    return f"YAML kan niet gelezen worden ({tekst})"


def _fout(pad: str, regel: int | None, kolom: int | None, melding: str) -> PlanOngeldig:
    probleem = Probleem(pad, regel, kolom, "", melding, code="yaml")
    return PlanOngeldig(str(probleem), [probleem])


# --- bytes en tekst -----------------------------------------------------------------------


def decodeer(ruw: bytes, pad: str) -> str:
    """Bytes naar tekst; te groot of geen UTF-8 is een fout met plaats."""
    if len(ruw) > MAX_GROOTTE:
        raise te_groot(pad, len(ruw))
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        regel = ruw[: e.start].count(b"\n") + 1
        kolom = e.start - (ruw.rfind(b"\n", 0, e.start) + 1) + 1
        raise _fout(pad, regel, kolom, "bestand is geen geldige UTF-8-tekst "
                    "(opgeslagen in een andere tekenset?)") from None


def _teken_fout(tekst: str, pad: str, positie: int, teken: Any) -> PlanOngeldig:
    """Een stuurteken (zoals NUL) dat YAML niet toestaat, met regel en kolom."""
    regel = tekst.count("\n", 0, positie) + 1
    kolom = positie - (tekst.rfind("\n", 0, positie) + 1) + 1
    code = ord(teken) if isinstance(teken, str) and len(teken) == 1 else teken
    omschrijving = f"U+{code:04X}" if isinstance(code, int) else "onbekend"
    return _fout(pad, regel, kolom, f"teken {omschrijving} is in YAML niet toegestaan "
                 "(een stuurteken; is het bestand beschadigd of geen tekst?)")


def _controleer_diepte(tekst: str, pad: str) -> None:
    """Weigert diep geneste flow-collecties (`[[[[...`) met een lineaire scan van de tokens,
    vóór een recursieve composer er seconden over doet om op de recursiegrens te stuiten."""
    if tekst.count("[") + tekst.count("{") <= _MAX_DIEPTE:
        return
    diepte = 0
    try:
        for token in _pyyaml.scan(tekst, Loader=_Lader):
            if isinstance(token, _pyyaml.FlowSequenceStartToken | _pyyaml.FlowMappingStartToken):
                diepte += 1
                if diepte > _MAX_DIEPTE:
                    mark = token.start_mark
                    raise _fout(pad, mark.line + 1, mark.column + 1, "te diep geneste YAML")
            elif isinstance(token, _pyyaml.FlowSequenceEndToken | _pyyaml.FlowMappingEndToken):
                diepte -= 1
    except _pyyaml.YAMLError:
        return  # een fout in de syntaxis meldt het lezen zelf, met plaats


# --- snel lezen (C-parser, YAML 1.2) -------------------------------------------------------


class _Lader(getattr(_pyyaml, "CSafeLoader", _pyyaml.SafeLoader)):  # type: ignore[misc]
    """De C-parser van PyYAML met het core-schema van YAML 1.2 (`_KERN`)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _patroon, _eerste in _PATRONEN:
    _Lader.add_implicit_resolver(_tag, _patroon, list(_eerste) + ([""] if _tag == _NULL else []))


_laatste: tuple[str, Any] = ("", None)
"""De tekst die `laad_snel` het laatst las, met zijn knopen: wie daarna de plaats van een
bevinding in dezelfde tekst zoekt (`check`, een schemafout), hoeft niet opnieuw te parsen."""


def knopen(tekst: str) -> Any:
    """De knopenboom van een YAML-tekst (voor `plaats`); None als de tekst niet te lezen is."""
    if tekst and tekst == _laatste[0]:
        return _laatste[1]
    try:
        _controleer_diepte(tekst, "")
        return _pyyaml.compose(tekst, Loader=_Lader)  # noqa: S506 - alleen componeren
    except (_pyyaml.YAMLError, PlanOngeldig, RecursionError):
        return None


def laad_snel(ruw: bytes | str, pad: str) -> Any:
    """Leest YAML (tekst of bytes) naar gewone waarden; fouten met regel en kolom."""
    global _laatste
    tekst = ruw if isinstance(ruw, str) else decodeer(ruw, pad)
    _controleer_diepte(tekst, pad)
    try:
        knoop = _pyyaml.compose(tekst, Loader=_Lader)  # noqa: S506 - alleen componeren
    except _pyyaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise _fout(pad, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                    _vertaal(e.problem)) from None
    except _pyyaml.reader.ReaderError as e:
        raise _teken_fout(tekst, pad, e.position, e.character) from None
    except _pyyaml.YAMLError as e:
        raise _fout(pad, None, None, _vertaal(str(e))) from None
    except RecursionError:
        raise _fout(pad, None, None, "te diep geneste YAML") from None
    _laatste = (tekst, knoop)
    return None if knoop is None else _bouw(knoop, pad, set())


def _bouw(knoop: Any, pad: str, gezien: set[int]) -> Any:
    """Gewone waarden uit de knopen; weigert aliassen, eigen tags en dubbele sleutels."""
    if isinstance(knoop, _pyyaml.ScalarNode):
        return _scalar(knoop, pad)
    if id(knoop) in gezien:  # hetzelfde onderdeel twee keer: een alias
        raise _plaatsfout(pad, knoop, _ALIAS)
    gezien.add(id(knoop))
    if isinstance(knoop, _pyyaml.SequenceNode):
        if knoop.tag != _SEQ:
            raise _tagfout(pad, knoop)
        return [_bouw(k, pad, gezien) for k in knoop.value]
    if knoop.tag != _MAP:
        raise _tagfout(pad, knoop)
    uit: dict[Any, Any] = {}
    for k, v in knoop.value:
        if isinstance(k, _pyyaml.ScalarNode) and k.value == "<<" and k.style is None:
            raise _plaatsfout(pad, k, _ALIAS)  # samenvoegsleutel: ook een alias
        sleutel = _bouw(k, pad, gezien)
        if isinstance(sleutel, dict | list):
            raise _plaatsfout(pad, k, "ongeldige sleutel")
        if sleutel in uit:
            raise _plaatsfout(pad, k, "dubbele sleutel")
        uit[sleutel] = _bouw(v, pad, gezien)
    return uit


def _scalar(knoop: Any, pad: str) -> Any:
    tag, waarde = knoop.tag, knoop.value
    if tag == _STR:
        return waarde
    if tag == _INT:
        if waarde.startswith("0o"):
            return int(waarde[2:], 8)
        if waarde.startswith("0x"):
            return int(waarde[2:], 16)
        return int(waarde)
    if tag == _FLOAT:
        return float(waarde.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                     .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
    if tag == _BOOL:
        return waarde.lower() == "true"
    if tag == _NULL:
        return None
    raise _tagfout(pad, knoop)


def _plaatsfout(pad: str, knoop: Any, melding: str) -> PlanOngeldig:
    mark = knoop.start_mark
    return _fout(pad, mark.line + 1, mark.column + 1, melding)


def _tagfout(pad: str, knoop: Any) -> PlanOngeldig:
    return _plaatsfout(pad, knoop, f"eigen YAML-tags (zoals {str(knoop.tag)[:40]!r}) zijn in "
                       "een plan niet toegestaan")


# --- plaats van een veld ------------------------------------------------------------------


def plaats(root: Any, loc: Sequence[int | str], waarde: bool = True
           ) -> tuple[int | None, int | None]:
    """Regel en kolom (1-based) van het dichtstbijzijnde bestaande onderdeel van `loc` in de
    knopen van `knopen(tekst)`. Met `waarde` wijst een enkelvoudige waarde naar de waarde zelf
    (`groep: vijf` -> 'vijf'), anders naar de sleutel (voor een onbekend veld)."""
    if root is None:
        return None, None
    knoop = root
    regel: int | None = 1
    kolom: int | None = 1
    for i, stap in enumerate(loc):
        if isinstance(knoop, _pyyaml.MappingNode) and isinstance(stap, str):
            paar = next(((k, v) for k, v in knoop.value if k.value == stap), None)
            if paar is None:
                break
            sleutel, inhoud = paar
            laatste = i == len(loc) - 1
            leeg = isinstance(inhoud, _pyyaml.ScalarNode) and inhoud.tag == _NULL
            if laatste and waarde and isinstance(inhoud, _pyyaml.ScalarNode) and not leeg:
                mark = inhoud.start_mark
            else:
                mark = sleutel.start_mark
            regel, kolom = mark.line + 1, mark.column + 1
            knoop = inhoud
        elif (isinstance(knoop, _pyyaml.SequenceNode) and isinstance(stap, int)
              and 0 <= stap < len(knoop.value)):
            knoop = knoop.value[stap]
            mark = knoop.start_mark
            regel, kolom = mark.line + 1, mark.column + 1
        else:
            break
    return regel, kolom


# --- round-trip (ruamel.yaml): alleen om te bewerken --------------------------------------


@cache
def _rt_klassen() -> tuple[type, type]:
    """De resolver (`_KERN`, altijd YAML 1.2, ook met een `%YAML 1.1`-regel) en constructor
    van ruamel; pas bij gebruik geladen (ruamel kost opstarttijd)."""
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.resolver import VersionedResolver

    tabel: dict[Any, list[tuple[str, Any]]] = {}
    for tag, patroon, eerste in _PATRONEN:
        for teken in [*eerste, *([""] if tag == _NULL else [])]:
            tabel.setdefault(teken, []).append((tag, patroon))

    class Resolver(VersionedResolver):
        @property
        def versioned_resolver(self) -> Any:
            return tabel

        @property
        def processing_version(self) -> Any:
            return (1, 2)

    return Resolver, RoundTripConstructor


def _rt() -> YAML:
    from ruamel.yaml import YAML

    resolver, constructor = _rt_klassen()
    yaml = YAML(typ="rt")
    yaml.Resolver = resolver
    yaml.Constructor = constructor
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.preserve_quotes = True
    yaml.default_flow_style = False
    # Nooit ankers/aliassen schrijven (twee velden met dezelfde waarde zijn geen verwijzing).
    yaml.representer.ignore_aliases = lambda *_: True
    return yaml


def _controleer_rt(node: Any, pad: str) -> None:
    """Weigert aliassen, samenvoegsleutels en eigen tags vóór er iets wordt opgebouwd."""
    gezien: set[int] = set()
    stapel = [node]
    while stapel:
        n = stapel.pop()
        if id(n) in gezien and n.id != "scalar":
            raise _fout(pad, n.start_mark.line + 1, n.start_mark.column + 1, _ALIAS)
        gezien.add(id(n))
        if str(n.tag) not in (_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ):
            raise _fout(pad, n.start_mark.line + 1, n.start_mark.column + 1,
                        f"eigen YAML-tags (zoals {str(n.tag)[:40]!r}) zijn in een plan niet "
                        "toegestaan")
        if isinstance(n.value, list):
            for kind in n.value:
                if isinstance(kind, tuple):
                    if kind[0].id == "scalar" and kind[0].value == "<<" and not kind[0].style:
                        raise _fout(pad, kind[0].start_mark.line + 1,
                                    kind[0].start_mark.column + 1, _ALIAS)
                    stapel.extend(kind)
                else:
                    stapel.append(kind)


def laad_rt(tekst: str, pad: str) -> Any:
    """Leest round-trip (met opmerkingen en opmaak), om te bewerken en terug te schrijven."""
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = _rt()
    _controleer_diepte(tekst, pad)
    try:
        knoop = yaml.compose(tekst)
        if knoop is None:
            return None
        _controleer_rt(knoop, pad)
        return yaml.constructor.construct_document(knoop)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise _fout(pad, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                    _vertaal(e.problem)) from None
    except RecursionError:
        raise _fout(pad, None, None, "te diep geneste YAML") from None
    except ReaderError as e:
        raise _teken_fout(tekst, pad, e.position, e.character) from None


def dump_rt(data: Any) -> str:
    buf = io.StringIO()
    _rt().dump(data, buf)
    return buf.getvalue()


# --- samenvoegen --------------------------------------------------------------------------


def _gelijk(oud: Any, nieuw: Any) -> bool:
    if isinstance(oud, bool) or isinstance(nieuw, bool):
        return type(oud) is type(nieuw) and oud == nieuw
    if isinstance(oud, str) and isinstance(nieuw, str):
        return str(oud) == nieuw
    return type(oud) is type(nieuw) and oud == nieuw or (
        isinstance(oud, int) and isinstance(nieuw, int) and int(oud) == nieuw)


def _nieuwe_waarde(waarde: Any) -> Any:
    """Nieuwe gegevens in leesbare vorm: meerregelige tekst als blok (|), datums als tekst."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(waarde, dict):
        cm = CommentedMap()
        for k, v in waarde.items():
            cm[k] = _nieuwe_waarde(v)
        return cm
    if isinstance(waarde, list):
        cs = CommentedSeq()
        for v in waarde:
            cs.append(_nieuwe_waarde(v))
        return cs
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, str) and "\n" in waarde:
        return LiteralScalarString(waarde)
    return waarde


def _verplaats_opmerking(cm: Any, vorige: Any, nieuw: Any) -> None:
    """Opmerkingregels ná `vorige` horen bij de sleutel die erop volgde; als we er een sleutel
    tussen voegen, verhuizen ze mee naar onder de nieuwe sleutel."""
    items = cm.ca.items.get(vorige)
    if not items or len(items) < 3 or items[2] is None:
        return
    token = items[2]
    eerste, _, rest = token.value.partition("\n")
    if not rest.strip():
        return
    from ruamel.yaml.tokens import CommentToken

    token.value = eerste + "\n"
    cm.ca.items[nieuw] = [None, None, CommentToken("\n" + rest, token.start_mark, None), None]


def samenvoegen(oud: Any, nieuw: Any) -> Any:
    """Geeft `nieuw`, maar hergebruikt zoveel mogelijk van `oud` (opmerkingen, stijl, volgorde).

    Mappings worden per sleutel bijgewerkt (nieuwe sleutels op hun plaats in de
    schemavolgorde), lijsten per positie. Sleutels die in `nieuw` ontbreken verdwijnen,
    behalve lege (`veld:`) die de gebruiker zelf liet staan.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(oud, CommentedMap) and isinstance(nieuw, dict):
        for sleutel in list(oud.keys()):
            if sleutel not in nieuw and oud[sleutel] is not None:
                del oud[sleutel]
        vorige: Any = None
        for sleutel, waarde in nieuw.items():
            if sleutel in oud:
                oud[sleutel] = samenvoegen(oud[sleutel], waarde)
            else:
                sleutels = list(oud.keys())
                positie = sleutels.index(vorige) + 1 if vorige in sleutels else 0
                oud.insert(positie, sleutel, _nieuwe_waarde(waarde))
                if vorige in sleutels:
                    _verplaats_opmerking(oud, vorige, sleutel)
            vorige = sleutel
        return oud
    if isinstance(oud, CommentedSeq) and isinstance(nieuw, list):
        for i, waarde in enumerate(nieuw):
            if i < len(oud):
                oud[i] = samenvoegen(oud[i], waarde)
            else:
                oud.append(_nieuwe_waarde(waarde))
        del oud[len(nieuw):]
        return oud
    if _gelijk(oud, nieuw):
        return oud
    return _nieuwe_waarde(nieuw)
