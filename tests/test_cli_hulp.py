"""Elke opdracht en elke optie heeft Nederlandse hulptekst."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from typer.core import TyperGroup, TyperOption

from tests.conftest import Cli, opdrachten

ENGELS = ("Show this message", "Install completion", "Show completion", "Usage:",
          "Options:", "Commands:", "Arguments:")


def _paden(commandos: dict[str, Any], pad: tuple[str, ...] = ()
           ) -> Iterator[tuple[tuple[str, ...], Any]]:
    for naam, sub in commandos.items():
        yield (*pad, naam), sub
        if isinstance(sub, TyperGroup):
            yield from _paden(sub.commands, (*pad, naam))


BOOM = dict(_paden(opdrachten()))
ALLE = [(), *BOOM]


def test_er_zijn_opdrachten() -> None:
    namen = {" ".join(p) for p in ALLE}
    assert {"init", "new", "show", "list", "agenda", "check", "edit", "close", "log", "demo",
            "signaal add", "ouders informeer", "toestemming add", "toestemming intrekken",
            "doel add", "actie add", "actie done", "betrokkene add", "journaal add"} <= namen


@pytest.mark.parametrize("pad", ALLE, ids=lambda p: " ".join(p) or "jeugdplan")
def test_hulp_is_nederlands(pad: tuple[str, ...]) -> None:
    r = Cli(None)(*pad, "--help")
    assert r.stdout.startswith("Gebruik: jeugdplan")
    for woord in ENGELS:
        assert woord not in r.stdout, f"Engelse tekst {woord!r} in hulp van {pad}"
    if not pad:
        return
    commando = BOOM[pad]
    assert (commando.help or "").strip(), f"geen hulptekst voor {pad}"
    for param in commando.params:
        if isinstance(param, TyperOption) and not param.hidden:
            assert (param.help or "").strip(), f"optie {param.name} van {pad} zonder hulp"


def test_onbekende_opdracht_nederlands() -> None:
    r = Cli(None)("bestaatniet", code=2)
    assert "Onbekende opdracht 'bestaatniet'." in r.stderr
    assert "fout:" in r.stderr


def test_standaardwaarden_zonder_escapes() -> None:
    r = Cli(None)("report", "thuiszitters", "--help")
    assert "[standaard: md]" in r.stdout
    assert "\\[" not in r.stdout
