"""Eén Nederlandse opdrachtregel: elke opdracht en optie heeft Nederlandse hulp, zonder
Engelse woorden, kale metavars (`TEXT`, `INTEGER RANGE`, `0<=x<=520`) of Engelse
gebruiksregel; fouten hebben één stijl."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.core import TyperGroup, TyperOption

from tests.conftest import Cli, opdrachten

ENGELSE_WOORDEN = {
    "the", "and", "with", "for", "show", "this", "message", "exit", "usage", "options", "option",
    "command", "commands", "argument", "arguments", "args", "default", "required", "install",
    "completion", "current", "shell", "value", "values", "text", "integer", "range", "path",
    "file", "filename", "directory", "boolean", "float", "choose", "choice", "from", "your",
    "which", "when", "will", "not", "only", "all", "any", "print", "output", "write", "read",
    "if", "to", "or", "is", "be", "by", "of",
}
"""Engelse woorden die in Nederlandse hulp niet thuishoren (ook "of", "is": zie `_woorden`)."""

NEDERLANDS_OOK = {"of", "is", "in", "op", "zo", "ook", "door", "die", "alle", "per", "over",
                  "en", "je", "wat", "wie", "uw", "al"}
"""Woorden die Engels lijken maar gewoon Nederlands zijn."""

KALE_METAVARS = re.compile(
    r"\b(TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILENAME|RANGE|OPTIONS|COMMAND|ARGS|DATETIME)\b"
    r"|\[x[<>]|[<>]=?x\b|x[<>]=?")

DATUMOPTIES = re.compile(r"--(datum|van|tot|sinds|deadline|evaluatie|op|peildatum|"
                         r"geboortedatum|start|einde|inschrijving|volgende|termijn)\b")


def _paden(commandos: dict[str, Any], pad: tuple[str, ...] = ()
           ) -> Iterator[tuple[tuple[str, ...], Any]]:
    for naam, sub in commandos.items():
        yield (*pad, naam), sub
        if isinstance(sub, TyperGroup):
            yield from _paden(sub.commands, (*pad, naam))


BOOM = dict(_paden(opdrachten()))
ALLE = [(), *BOOM]
NAMEN = {naam for pad in ALLE for naam in pad}
"""Opdrachtnamen (`show`, `list`, ...) blijven zoals het project begon."""


def _woorden(hulp: str) -> set[str]:
    """De woorden van een hulptekst, zonder optienamen, metavars, omgevingsvariabelen, paden,
    opdrachtvoorbeelden en voorbeeldwaarden tussen aanhalingstekens."""
    tekst = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", " ", hulp)
    tekst = re.sub(r"--?[\w-]+|\b[A-Z][A-Z0-9_|-]{1,}\b|\$\w+|[\w./-]+\.(yaml|html|md|j2)\b",
                   " ", tekst)
    return {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", tekst)}


def test_er_zijn_opdrachten() -> None:
    namen = {" ".join(p) for p in ALLE}
    assert {"init", "new", "show", "list", "agenda", "check", "edit", "close", "log", "demo",
            "signaal add", "ouders informeer", "toestemming add", "toestemming intrekken",
            "doel add", "actie add", "actie done", "betrokkene add", "journaal add",
            "meldcode next", "report thuiszitters", "route"} <= namen


@pytest.mark.parametrize("pad", ALLE, ids=lambda p: " ".join(p) or "jeugdplan")
def test_hulp_is_nederlands(pad: tuple[str, ...]) -> None:
    hulp = Cli(None)(*pad, "--help").stdout
    assert hulp.startswith(f"Gebruik: {' '.join(('jeugdplan', *pad))} [OPTIES]"), hulp[:80]
    assert not KALE_METAVARS.search(hulp), f"kale metavar in hulp van {pad}: " + \
        KALE_METAVARS.search(hulp).group(0)  # type: ignore[union-attr]
    engels = (_woorden(hulp) & ENGELSE_WOORDEN) - NEDERLANDS_OOK - NAMEN
    assert not engels, f"Engelse woorden in de hulp van {pad}: {sorted(engels)}"
    if not pad:
        return
    commando = BOOM[pad]
    assert (commando.help or "").strip(), f"geen hulptekst voor {pad}"
    for param in commando.params:
        if isinstance(param, TyperOption) and param.hidden:
            continue
        assert (getattr(param, "help", None) or "").strip(), \
            f"{param.name} van {pad} zonder hulp"
        if isinstance(param, TyperOption) and not param.is_flag:
            naam = param.opts[-1]
            metavar = param.make_metavar(typer.Context(commando))
            if DATUMOPTIES.fullmatch(naam):
                assert metavar == "JJJJ-MM-DD", f"{naam} van {pad}: metavar {metavar}"


def test_argumenten_hebben_hulp_in_de_uitvoer() -> None:
    hulp = Cli(None)("signaal", "add", "--help").stdout
    assert "ID  Het casus-id" in hulp
    assert hulp.count("Argumenten:") == 1


def test_bereik_in_woorden() -> None:
    hulp = Cli(None)("agenda", "--help").stdout
    assert "--weken GETAL" in hulp and "0 tot en met 520" in hulp


def test_onbekende_opdracht_nederlands() -> None:
    r = Cli(None)("bestaatniet", code=2)
    assert "Gebruik: jeugdplan [OPTIES] OPDRACHT [ARGUMENTEN]..." in r.stderr
    assert "fout: onbekende opdracht 'bestaatniet'" in r.stderr


def test_foutmeldingen_in_een_stijl(jp: Cli, kind) -> None:
    ident = kind()
    assert "fout: optie --domein ontbreekt" in jp("signaal", "add", ident,
                                                  "--omschrijving", "x", code=2).stderr
    assert "fout: optie --reden ontbreekt" in jp("close", ident, code=2).stderr
    assert "fout: argument ID ontbreekt" in jp("show", code=2).stderr
    assert "fout: --weken: 900 ligt buiten het bereik (0 tot en met 520)" in \
        jp("agenda", "--weken", "900", code=2).stderr
    r = jp("signaal", "add", ident, "--domein", "bestaatniet", "--omschrijving", "x", code=1)
    assert "fout: --domein: onbekende waarde 'bestaatniet'; kies uit: leren, gedrag" in r.stderr
    assert "onbekende optie '--bla'" in jp("list", "--bla", code=2).stderr


def test_standaardwaarden_zonder_escapes() -> None:
    r = Cli(None)("report", "thuiszitters", "--help")
    assert "[standaard: md]" in r.stdout
    assert "\\[" not in r.stdout
