"""De regels uit de meegeleverde map `data/` als getypeerde waarden, en valideren met de
codelijsten daaruit.

`gegevens()` leest elk `data/<naam>.yaml` en valideert het tegen zijn model uit
`domein.gegevens`: een fout in `data/` wordt een melding met bestand en regel. Het resultaat
staat in de algemene cache (`opslag.cache`, onder de versie van code en `data/`): een
opdracht die maar één plan leest, bouwt dan geen validatieschema's voor de regels.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from jeugdplan.domein.errors import PlanOngeldig, Probleem
from jeugdplan.opslag.paden import data_map, templates_map

__all__ = ["bekende_regios", "data_map", "gegevens", "lees_data", "templates_map", "valideer"]

if TYPE_CHECKING:
    from pydantic import BaseModel

    from jeugdplan.domein.gegevens import Gegevens

# pydantic en de YAML-laders pas bij gebruik: een warm overzicht leest geen regels.
M = TypeVar("M", bound="BaseModel")

def lees_data(relatief: str, model: type[M]) -> M:
    """Leest `data/<relatief>` en valideert het als `model` (fouten met bestand en regel)."""
    from jeugdplan.opslag.bestanden import lees_bytes
    from jeugdplan.opslag.validatie import valideer_model
    from jeugdplan.opslag.yamlio import decodeer, laad_snel

    pad = f"data/{relatief}"
    tekst = decodeer(lees_bytes(data_map() / relatief, pad), pad)
    return valideer_model(model, laad_snel(tekst, pad), pad, tekst)


def valideer(model: type[M], data: Any, pad: str, tekst: str | None = None) -> M:
    """Valideert `data` als `model` (een plan, een deel ervan, instellingen), met de
    meegeleverde codelijsten; fouten worden één `PlanOngeldig` met bestand en, als de
    YAML-`tekst` bekend is, regel en kolom."""
    from jeugdplan.opslag.validatie import valideer_model

    return valideer_model(model, data, pad, tekst, gegevens().codelijsten)


@cache
def gegevens() -> Gegevens:
    """Alle meegeleverde regels, gelezen en gevalideerd (één keer per proces; uit de cache
    zolang code en `data/` niet veranderden)."""
    from jeugdplan.opslag.cache import Cache

    with Cache(None) as bewaard:
        waarde: Gegevens = bewaard.onthoud("gegevens", b"", _lees_gegevens)
    return waarde


def _lees_gegevens() -> Gegevens:
    from pydantic import ValidationError

    from jeugdplan.domein.gegevens import Gegevens

    Gegevens.model_rebuild()
    delen = {naam: lees_data(f"{naam}.yaml", veld.annotation)  # type: ignore[arg-type]
             for naam, veld in Gegevens.model_fields.items()}
    try:
        return Gegevens(**delen)
    except ValidationError as e:  # samenhang tussen de bestanden
        problemen = [Probleem("data/", None, None, "", str(f.get("ctx", {}).get("error", f["msg"])))
                     for f in e.errors(include_url=False)]
        raise PlanOngeldig("\n".join(str(p) for p in problemen), problemen) from None


def bekende_regios() -> list[str]:
    """De meegeleverde regio's: de bestanden in `data/regio/`."""
    return sorted(p.stem for p in (data_map() / "regio").glob("*.yaml"))
