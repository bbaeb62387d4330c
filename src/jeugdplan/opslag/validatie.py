"""Van pydantic-fouten naar Nederlandse `Probleem`-meldingen met regel en kolom.

Elke fout krijgt het veldpad in punt-notatie (`signalen[2].datum`) en, als de YAML-tekst
bekend is, de regel waar dat veld (of zijn ouder) staat (`yamlio.plaats`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Codelijsten

from jeugdplan.domein.errors import PlanOngeldig, Probleem
from jeugdplan.domein.model import heeft_codes
from jeugdplan.domein.taal import aantal
from jeugdplan.opslag.yamlio import knopen, plaats

M = TypeVar("M", bound=BaseModel)

_MELDINGEN = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld (typfout?)",
    "date_parsing": "geen geldige datum; schrijf JJJJ-MM-DD",
    "date_from_datetime_parsing": "geen geldige datum; schrijf JJJJ-MM-DD",
    "date_from_datetime_inexact": "een datum zonder tijd, JJJJ-MM-DD",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "tekst is te lang",
    "too_short": "moet minstens één waarde hebben",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_parsing": "moet ja of nee zijn",
    "bool_type": "moet ja of nee zijn",
    "list_type": "moet een lijst zijn (regels die beginnen met '- ')",
    "dict_type": "moet een groep velden zijn",
    "model_type": "moet een groep velden zijn",
    "model_attributes_type": "moet een groep velden zijn",
    "none_required": "moet leeg zijn",
}


def veldpad(loc: Sequence[int | str]) -> str:
    tekst = ""
    for stap in loc:
        if isinstance(stap, int):
            tekst += f"[{stap}]"
        else:
            tekst += ("." if tekst else "") + str(stap)
    return tekst


def _melding(fout: Any) -> str:
    soort = fout["type"]
    ctx = fout.get("ctx") or {}
    if soort == "literal_error":
        verwacht = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"ongeldige waarde {_kort(fout.get('input'))}; kies uit: {verwacht}"
    if soort in ("greater_than_equal", "greater_than"):
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn"
    if soort in ("less_than_equal", "less_than"):
        return f"mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn"
    if soort == "value_error":
        return str(ctx.get("error", fout["msg"]))
    if soort in ("date_parsing", "date_from_datetime_parsing"):
        return f"{_kort(fout.get('input'))} is {_MELDINGEN[soort]}"
    return _MELDINGEN.get(soort, fout["msg"])


def _kort(waarde: Any) -> str:
    tekst = repr(waarde) if isinstance(waarde, str) else str(waarde)
    return tekst if len(tekst) <= 40 else tekst[:37] + "..."


def problemen_uit(fout: ValidationError, pad: str, tekst: str | None = None) -> list[Probleem]:
    """De fouten van pydantic als problemen; met `tekst` (de YAML) ook regel en kolom."""
    doc = knopen(tekst) if tekst is not None else None
    problemen = []
    for e in fout.errors(include_url=False):
        loc = [s for s in e["loc"] if not (isinstance(s, str) and s.startswith("function-"))]
        # Bij een union (`int | None`) noemt pydantic elke tak; de laatste stap is dan een type.
        loc = [s for s in loc if s not in ("int", "str", "date", "bool", "constrained-int")]
        regel, kolom = (plaats(doc, loc, waarde=e["type"] != "extra_forbidden")
                        if doc is not None else (None, None))
        problemen.append(Probleem(pad, regel, kolom, veldpad(loc), _melding(e)))
    # Een union geeft dezelfde fout soms twee keer: ontdubbel, volgorde blijft.
    return list(dict.fromkeys(problemen))


def valideer_model(model: type[M], data: Any, pad: str, tekst: str | None = None,
                   codelijsten: Codelijsten | None = None) -> M:
    """Valideert `data` als `model`; fouten worden één `PlanOngeldig` met alle problemen.

    Een model met codevelden (`domein.model.Code`) wordt ook aan `codelijsten` getoetst;
    gebruik daarvoor `opslag.bronnen.valideer`, dat de meegeleverde codelijsten meegeeft."""
    if not isinstance(data, dict):
        probleem = Probleem(pad, 1, 1, "", "het bestand moet een groep velden (mapping) zijn")
        raise PlanOngeldig(str(probleem), [probleem])
    if codelijsten is None and heeft_codes(model):
        raise TypeError(f"{model.__name__} heeft codevelden: valideer met opslag.bronnen.valideer")
    try:
        return model.model_validate(data, context={"codelijsten": codelijsten})
    except ValidationError as e:
        _gooi(problemen_uit(e, pad, tekst), pad)


def _gooi(problemen: list[Probleem], pad: str) -> NoReturn:
    kop = f"{pad}: {aantal(len(problemen), 'probleem')}"
    raise PlanOngeldig(kop + "\n" + "\n".join(str(p) for p in problemen), problemen)
