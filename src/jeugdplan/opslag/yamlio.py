"""YAML lezen en schrijven: round-trip voor het bewerken van één plan, snel voor veel plannen.

- `laad_rt` / `dump_rt`: ruamel.yaml round-trip, bewaart opmerkingen en volgorde van de
  gebruiker. Dit is de enige manier waarop plannen worden geschreven.
- `laad_snel`: de C-lader van PyYAML (veilig, zonder regelinformatie) voor rapportages en
  controles over duizenden plannen.
- `plaats`: zoekt bij een pydantic-`loc` de regel en kolom in een round-trip-document.
- `samenvoegen`: zet een nieuwe versie van de gegevens in het bestaande document, zodat
  alleen gewijzigde regels in de git-diff verschijnen.

Datums worden als `date` gelezen; een onmogelijke datum (2026-02-30) blijft tekst, zodat de
validatie er een melding met regelnummer van maakt. Aliassen en eigen tags worden geweigerd:
een plan heeft ze niet nodig en ze zijn de ingang van 'billion laughs' en objectconstructie.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import PlanOngeldig, Probleem

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

# ruamel (round-trip) wordt pas geladen als er round-trip gelezen of geschreven wordt: wie
# alleen snel leest (overzichten, één plan tonen) laadt alleen de C-lader van PyYAML.

MAX_GROOTTE = 5 * 1024 * 1024
"""Een plan is tekst van enkele kilobytes; alles boven 5 MB is geen plan."""

_STANDAARD_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

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
    ("could not determine a constructor", "eigen YAML-tags (!!...) zijn in een plan niet toegestaan"),
    ("aliassen (*naam)", "aliassen (*naam) zijn in een plan niet toegestaan"),
    ("exceeded maximum nesting depth", "te diep geneste YAML"),
]
_ALIAS_MELDING = "aliassen (*naam) zijn in een plan niet toegestaan"


def _vertaal(probleem: str | None) -> str:
    tekst = probleem or "onleesbare YAML"
    for engels, nederlands in _VERTALINGEN:
        if engels in tekst:
            return nederlands
    return f"YAML kan niet gelezen worden ({tekst})"


def _fout(pad: str, regel: int | None, kolom: int | None, melding: str) -> PlanOngeldig:
    probleem = Probleem(pad, regel, kolom, "", melding, code="yaml")
    return PlanOngeldig(str(probleem), [probleem])


def lees_bytes(bestand: Path, pad: str) -> bytes:
    """Leest een bestand begrensd: eerst de grootte (stat), dan hooguit `MAX_GROOTTE` + 1
    bytes, zodat een bestand van 100 MB nooit helemaal in het geheugen komt. Alleen gewone
    bestanden (geen fifo of apparaat, waar lezen zou blijven hangen)."""
    try:
        fd = os.open(bestand, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise _fout(pad, None, None, f"bestand kan niet gelezen worden ({e.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _fout(pad, None, None, "is geen gewoon bestand")
        if info.st_size > MAX_GROOTTE:
            raise _te_groot(pad, info.st_size)
        delen = []
        over = MAX_GROOTTE + 1
        while over > 0:
            deel = os.read(fd, min(over, 1 << 20))
            if not deel:
                break
            delen.append(deel)
            over -= len(deel)
        ruw = b"".join(delen)
    except OSError as e:
        raise _fout(pad, None, None, f"bestand kan niet gelezen worden ({e.strerror})") from None
    finally:
        os.close(fd)
    if len(ruw) > MAX_GROOTTE:
        raise _te_groot(pad, len(ruw))
    return ruw


def _te_groot(pad: str, grootte: int) -> PlanOngeldig:
    return _fout(pad, None, None, f"bestand is te groot ({grootte / 1024 / 1024:.0f} MB, "
                 f"hooguit {MAX_GROOTTE // 1024 // 1024} MB); een plan is hooguit enkele "
                 "honderden kilobytes")


def decodeer(ruw: bytes, pad: str) -> str:
    """Bytes naar tekst; te groot of geen UTF-8 is een fout met plaats."""
    if len(ruw) > MAX_GROOTTE:
        raise _te_groot(pad, len(ruw))
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        regel = ruw[: e.start].count(b"\n") + 1
        kolom = e.start - (ruw.rfind(b"\n", 0, e.start) + 1) + 1
        raise _fout(pad, regel, kolom, "bestand is geen geldige UTF-8-tekst "
                    "(opgeslagen in een andere tekenset?)") from None


@cache
def _plan_constructor() -> type:
    from ruamel.yaml.constructor import RoundTripConstructor

    class _PlanConstructor(RoundTripConstructor):
        """Round-trip constructor die onmogelijke datums als tekst laat staan."""

        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return str(node.value)

    _PlanConstructor.add_constructor(
        "tag:yaml.org,2002:timestamp", _PlanConstructor.construct_yaml_timestamp
    )
    return _PlanConstructor


def _rt() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor = _plan_constructor()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.preserve_quotes = True
    yaml.default_flow_style = False
    # Nooit ankers/aliassen schrijven (twee velden met dezelfde datum zijn geen verwijzing).
    yaml.representer.ignore_aliases = lambda *_: True
    return yaml


def _controleer_knopen(node: Any, pad: str) -> None:
    """Weigert aliassen en eigen tags voordat er iets wordt opgebouwd."""
    gezien: set[int] = set()
    stapel = [node]
    while stapel:
        n = stapel.pop()
        if id(n) in gezien and n.id != "scalar":
            regel = n.start_mark.line + 1
            raise _fout(pad, regel, n.start_mark.column + 1,
                        "aliassen (*naam) zijn in een plan niet toegestaan")
        gezien.add(id(n))
        if n.tag not in _STANDAARD_TAGS and (
                not str(n.tag).startswith("tag:yaml.org,2002:")
                or str(n.tag).startswith("tag:yaml.org,2002:python/")):
            raise _fout(pad, n.start_mark.line + 1, n.start_mark.column + 1,
                        f"eigen YAML-tag {str(n.tag)[:40]!r} is niet toegestaan")
        if isinstance(n.value, list):
            for kind in n.value:
                if isinstance(kind, tuple):
                    stapel.extend(kind)
                else:
                    stapel.append(kind)


_MAX_DIEPTE = 200
"""Een plan is hooguit een handvol niveaus diep; dieper is kapot of kwaadwillig."""


def _controleer_diepte(tekst: str, pad: str) -> None:
    """Weigert diep geneste flow-collecties (`[[[[...`) met een lineaire scan van de tokens,
    vóór de recursieve composer er seconden over doet om op de recursiegrens te stuiten."""
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import (
        FlowMappingEndToken,
        FlowMappingStartToken,
        FlowSequenceEndToken,
        FlowSequenceStartToken,
    )

    diepte = 0
    for token in YAML(typ="rt").scan(tekst):
        if isinstance(token, FlowSequenceStartToken | FlowMappingStartToken):
            diepte += 1
            if diepte > _MAX_DIEPTE:
                mark = token.start_mark
                raise _fout(pad, mark.line + 1, mark.column + 1, "te diep geneste YAML")
        elif isinstance(token, FlowSequenceEndToken | FlowMappingEndToken):
            diepte -= 1


def laad_rt(tekst: str, pad: str) -> Any:
    """Laadt round-trip met regelinformatie. Fouten worden `PlanOngeldig` met regel en kolom."""
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = _rt()
    try:
        if tekst.count("[") + tekst.count("{") > _MAX_DIEPTE:
            _controleer_diepte(tekst, pad)
        knoop = yaml.compose(tekst)
        if knoop is None:
            return None
        _controleer_knopen(knoop, pad)
        return yaml.constructor.construct_document(knoop)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        regel = mark.line + 1 if mark is not None else None
        kolom = mark.column + 1 if mark is not None else None
        raise _fout(pad, regel, kolom, _vertaal(e.problem)) from None
    except RecursionError:
        raise _fout(pad, None, None, "te diep geneste YAML") from None
    except ReaderError as e:
        raise _teken_fout(tekst, pad, e.position, e.character) from None


def _teken_fout(tekst: str, pad: str, positie: int, teken: Any) -> PlanOngeldig:
    """Een stuurteken (zoals NUL) dat YAML niet toestaat, met regel en kolom."""
    regel = tekst.count("\n", 0, positie) + 1
    kolom = positie - (tekst.rfind("\n", 0, positie) + 1) + 1
    code = ord(teken) if isinstance(teken, str) and len(teken) == 1 else teken
    omschrijving = f"U+{code:04X}" if isinstance(code, int) else "onbekend"
    return _fout(pad, regel, kolom, f"teken {omschrijving} is in YAML niet toegestaan "
                 "(een stuurteken; is het bestand beschadigd of geen tekst?)")


def dump_rt(data: Any) -> str:
    buf = io.StringIO()
    _rt().dump(data, buf)
    return buf.getvalue()


# --- snelle lader -------------------------------------------------------------------------

try:  # pragma: no cover - hangt af van de installatie
    import yaml as _pyyaml

    _Basis: Any = getattr(_pyyaml, "CSafeLoader", _pyyaml.SafeLoader)
except ImportError:  # pragma: no cover
    _pyyaml = None  # type: ignore[assignment]
    _Basis = None

if _pyyaml is not None:

    class _SnelleLader(_Basis):  # type: ignore[misc,valid-type,unused-ignore]
        """PyYAML C-lader: veilig, dubbele sleutels en aliassen geweigerd."""

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return str(node.value)

        def flatten_mapping(self, node: Any) -> None:
            # Een samenvoegsleutel (`<<: *anker`) is ook een alias; de round-trip-lader
            # weigert hem, dus de snelle lader ook (anders zegt `check` iets anders dan `show`).
            for k, _v in node.value:
                if k.tag == "tag:yaml.org,2002:merge":
                    raise _pyyaml.constructor.ConstructorError(
                        None, None, _ALIAS_MELDING, k.start_mark)
            super().flatten_mapping(node)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            sleutels: set[Any] = set()
            for k, _v in node.value:
                if k.value in sleutels:
                    raise _pyyaml.constructor.ConstructorError(
                        None, None, "found duplicate key", k.start_mark
                    )
                sleutels.add(k.value)
            return super().construct_mapping(node, deep)

    _SnelleLader.add_constructor(
        "tag:yaml.org,2002:timestamp", _SnelleLader.construct_yaml_timestamp
    )
    _SnelleLader.add_constructor("tag:yaml.org,2002:map", _SnelleLader.construct_yaml_map)


def laad_snel(ruw: bytes | str, pad: str) -> Any:
    """Snelle, veilige lader zonder regelinformatie (voor het lezen van veel plannen)."""
    tekst = ruw if isinstance(ruw, str) else decodeer(ruw, pad)
    if _pyyaml is None:  # pragma: no cover
        return _naar_gewoon(laad_rt(tekst, pad))
    try:
        data = _pyyaml.load(tekst, Loader=_SnelleLader)  # noqa: S506 - veilige lader
        if _heeft_gedeelde_delen(data):
            # Een alias: laat de strenge lader de plaats noemen.
            return _naar_gewoon(laad_rt(tekst, pad))
        return data
    except _pyyaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        regel = mark.line + 1 if mark is not None else None
        kolom = mark.column + 1 if mark is not None else None
        raise _fout(pad, regel, kolom, _vertaal(e.problem)) from None
    except _pyyaml.reader.ReaderError as e:
        raise _teken_fout(tekst, pad, e.position, e.character) from None
    except _pyyaml.YAMLError as e:
        raise _fout(pad, None, None, _vertaal(str(e))) from None
    except RecursionError:
        raise _fout(pad, None, None, "te diep geneste YAML") from None


def _heeft_gedeelde_delen(data: Any) -> bool:
    """Waar als een lijst of mapping twee keer voorkomt (een alias)."""
    gezien: set[int] = set()
    stapel = [data]
    while stapel:
        waarde = stapel.pop()
        if isinstance(waarde, dict):
            if id(waarde) in gezien:
                return True
            gezien.add(id(waarde))
            stapel.extend(waarde.values())
        elif isinstance(waarde, list):
            if id(waarde) in gezien:
                return True
            gezien.add(id(waarde))
            stapel.extend(waarde)
    return False


def _naar_gewoon(waarde: Any) -> Any:
    """Zet ruamel-containers om naar gewone dicts en lijsten."""
    if isinstance(waarde, dict):
        return {str(k): _naar_gewoon(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_naar_gewoon(v) for v in waarde]
    if isinstance(waarde, str):
        return str(waarde)
    return waarde


# --- plaats van een veld ------------------------------------------------------------------


def plaats(root: Any, loc: Sequence[int | str], waarde: bool = True
           ) -> tuple[int | None, int | None]:
    """Regel en kolom (1-based) van het dichtstbijzijnde bestaande onderdeel van `loc`.

    Met `waarde` wijst een enkelvoudige waarde naar de waarde zelf (`groep: vijf` -> 'vijf'),
    anders naar de sleutel (voor een onbekend veld)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    knoop = root
    regel: int | None = 1 if isinstance(root, CommentedMap | CommentedSeq) else None
    kolom: int | None = 1 if regel else None
    for i, stap in enumerate(loc):
        if isinstance(knoop, CommentedMap) and isinstance(stap, str) and stap in knoop:
            laatste = i == len(loc) - 1
            enkelvoudig = not isinstance(knoop[stap], CommentedMap | CommentedSeq)
            if laatste and waarde and enkelvoudig and knoop[stap] is not None:
                r, k = knoop.lc.value(stap)
            else:
                r, k = knoop.lc.key(stap)
            regel, kolom = r + 1, k + 1
            knoop = knoop[stap]
        elif isinstance(knoop, CommentedSeq) and isinstance(stap, int) and 0 <= stap < len(knoop):
            r, k = knoop.lc.item(stap)
            regel, kolom = r + 1, k + 1
            knoop = knoop[stap]
        else:
            break
    return regel, kolom


def knopen_snel(tekst: str) -> Any:
    """De knopenboom van een (geldig) plan via de C-composer van PyYAML: regel en kolom van
    elk onderdeel voor ~1/15 van de prijs van round-trip lezen (voor `check` over veel plannen).
    Geeft None als dat niet kan; gebruik dan `plaats` op het round-trip-document."""
    if _pyyaml is None:  # pragma: no cover
        return None
    try:
        return _pyyaml.compose(tekst, Loader=_SnelleLader)  # noqa: S506 - alleen componeren
    except _pyyaml.YAMLError:
        return None


def plaats_in_knopen(root: Any, loc: Sequence[int | str], waarde: bool = True
                     ) -> tuple[int | None, int | None]:
    """Als `plaats`, maar op de knopenboom van `knopen_snel`."""
    if _pyyaml is None or root is None:  # pragma: no cover
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
            leeg = isinstance(inhoud, _pyyaml.ScalarNode) and inhoud.tag.endswith(":null")
            if (laatste and waarde and isinstance(inhoud, _pyyaml.ScalarNode) and not leeg):
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


# --- samenvoegen --------------------------------------------------------------------------


def _gelijk(oud: Any, nieuw: Any) -> bool:
    if isinstance(oud, bool) or isinstance(nieuw, bool):
        return type(oud) is type(nieuw) and oud == nieuw
    if isinstance(oud, date) and isinstance(nieuw, date):
        return (oud.year, oud.month, oud.day) == (nieuw.year, nieuw.month, nieuw.day)
    return type(oud) is type(nieuw) and oud == nieuw or (
        isinstance(oud, str) and isinstance(nieuw, str) and str(oud) == nieuw
    )


def _nieuwe_waarde(waarde: Any) -> Any:
    """Nieuwe gegevens in leesbare vorm: meerregelige tekst als blok (|)."""
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
    if isinstance(waarde, str) and "\n" in waarde:
        return LiteralScalarString(waarde)
    return waarde


def _verplaats_opmerking(cm: CommentedMap, vorige: Any, nieuw: Any) -> None:
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
