"""Lichte, alleen-lezen objecten uit de cache: een plan (of de regioregels) zonder pydantic.

Een plan in de cache is al gevalideerd en staat er als boom van `cache.codeer`:
(klassenaam, waarden, gezette velden). Voor een opdracht die één plan alleen leest
(`show`, `route`, `meldcode next`) kost pydantic met de modelklassen laden (~70 ms) meer dan
al het andere werk. `bouw` maakt van de boom daarom gewone objecten met dezelfde veldnamen
(`__slots__`), die de domeinregels net zo lezen als het model.

Ze zijn bevroren en hebben geen modelmethoden: bewerken (en `--json`) gaat altijd via het
echte model. Welke velden een klasse heeft staat in de cache (`velden_van_model`, bewaard
door `cache.Cache.bewaar_velden`), zodat ook dat zonder pydantic te lezen is.
"""

from __future__ import annotations

from datetime import date
from typing import Any


class Licht:
    """Basis van de lichte klassen: velden lezen kan, wijzigen niet."""

    __slots__ = ()

    def __setattr__(self, naam: str, waarde: Any) -> None:
        raise AttributeError(f"{type(self).__name__} uit de cache is alleen-lezen")

    def _velden(self) -> tuple[str, ...]:
        velden: tuple[str, ...] = type(self).__slots__
        return velden

    def __repr__(self) -> str:
        waarden = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._velden())
        return f"{type(self).__name__}({waarden})"

    def __eq__(self, ander: object) -> bool:
        return type(ander) is type(self) and all(
            getattr(self, n) == getattr(ander, n) for n in self._velden())

    __hash__ = None  # type: ignore[assignment]  # zoals een pydantic-model


_KLASSEN: dict[tuple[str, tuple[str, ...]], type[Licht]] = {}
_zet = object.__setattr__


def _klasse(naam: str, velden: tuple[str, ...]) -> type[Licht]:
    sleutel = (naam, velden)
    klasse = _KLASSEN.get(sleutel)
    if klasse is None:
        klasse = _KLASSEN[sleutel] = type(naam, (Licht,), {"__slots__": velden})
    return klasse


def bouw(boom: Any, velden: dict[str, tuple[str, ...]]) -> Any:
    """Lichte objecten uit een `cache.codeer`-boom; `velden`: klassenaam -> veldnamen."""
    soort = type(boom)
    if soort is list:
        return [bouw(v, velden) if type(v) in _SAMENGESTELD else v for v in boom]
    if soort is dict:
        return {k: bouw(v, velden) if type(v) in _SAMENGESTELD else v for k, v in boom.items()}
    if soort is not tuple:
        return boom
    if len(boom) == 1:
        return date.fromordinal(boom[0])
    namen = velden[boom[0]]
    obj = object.__new__(_klasse(boom[0], namen))
    for naam, v in zip(namen, boom[1], strict=True):
        _zet(obj, naam, bouw(v, velden) if type(v) in _SAMENGESTELD else v)
    return obj


_SAMENGESTELD = (tuple, list, dict)


def velden_van_model() -> dict[str, tuple[str, ...]]:
    """Klassenaam -> veldnamen (in volgorde) van alle modellen die in de cache staan: het plan
    (`model`) en de regioregels (`regiomodel`). Laadt pydantic; de cache bewaart de uitkomst."""
    from pydantic import BaseModel

    from jeugdplan.domein import model, regiomodel

    uit: dict[str, tuple[str, ...]] = {}
    for module in (model, regiomodel):
        for naam, v in vars(module).items():
            if (isinstance(v, type) and issubclass(v, BaseModel)
                    and v.__module__ == module.__name__):
                if naam in uit:  # pragma: no cover - bewaakt door test_licht
                    raise RuntimeError(f"modelnaam {naam} komt twee keer voor")
                uit[naam] = tuple(v.model_fields)
    return uit
