"""Foutsoorten en meldingen van jeugdplan.

`JeugdplanError` is een fout die de gebruiker zelf kan herstellen (exitcode 1);
`GebruiksFout` is verkeerd gebruik van de opdrachtregel (exitcode 2). Een `Probleem` is één
bevinding van het laden of controleren, met bestand en regel, zoals `bean-check` ze geeft.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from jeugdplan.domein.grenzen import toonbaar

Ernst = Literal["fout", "waarschuwing"]


class JeugdplanError(Exception):
    """Een probleem dat de gebruiker kan oplossen; de CLI toont de melding en stopt met 1."""

    exit_code = 1

    def __init__(self, melding: str, problemen: list[Probleem] | None = None) -> None:
        # Een melding kan tekst uit de repository bevatten (een pad, een auteur, een waarde):
        # nooit een stuurteken rauw naar de terminal.
        melding = toonbaar(melding)
        super().__init__(melding)
        self.melding = melding
        self.problemen = problemen or []


class GebruiksFout(JeugdplanError):
    """Verkeerd gebruik van de opdrachtregel (ontbrekend of ongeldig argument): exitcode 2."""

    exit_code = 2


class PlanOngeldig(JeugdplanError):
    """Een plan (of ander YAML-bestand) voldoet niet aan het schema; `problemen` zegt waar."""


@dataclass(frozen=True)
class Probleem:
    """Eén bevinding, met plaats: `pad:regel:kolom: veld: melding`."""

    pad: str
    regel: int | None
    kolom: int | None
    veld: str
    melding: str
    ernst: Ernst = "fout"
    code: str = "schema"

    def __str__(self) -> str:
        plaats = self.pad
        if self.regel is not None:
            plaats += f":{self.regel}"
            if self.kolom is not None:
                plaats += f":{self.kolom}"
        veld = f" {self.veld}:" if self.veld else ""
        soort = "" if self.ernst == "fout" else " (waarschuwing)"
        return toonbaar(f"{plaats}:{veld}{soort} {self.melding}")

    def als_dict(self) -> dict[str, object]:
        return asdict(self)
