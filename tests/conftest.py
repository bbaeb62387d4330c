"""Gedeelde fixtures: een vaste datum, een git-identiteit, een lege of gevulde casusrepository
en een CliRunner die de echte opdrachtregel aanroept; en kleine hulpfuncties voor git en
plan-bestanden die meerdere testmodules gebruiken."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jeugdplan.cli.main import app

VANDAAG = "2026-11-25"


@pytest.fixture(autouse=True)
def omgeving(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Elke test: vaste datum, vaste git-identiteit, geen globale git-config, geen kleur."""
    monkeypatch.setenv("JEUGDPLAN_VANDAAG", VANDAAG)
    for sleutel in ("NAME", "EMAIL"):
        monkeypatch.setenv(f"GIT_AUTHOR_{sleutel}", "Ilse IB" if sleutel == "NAME"
                           else "ib@school.example")
        monkeypatch.setenv(f"GIT_COMMITTER_{sleutel}", "Ilse IB" if sleutel == "NAME"
                           else "ib@school.example")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig-leeg"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    # De lokale caches van de gebruiker (gelezen gegevensbestanden) per test apart.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    # Bewaarde bewerkingen (`edit`) per test apart, nooit in de echte thuismap.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.delenv("JEUGDPLAN_DIR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)  # tests kiezen hun editor met EDITOR
    monkeypatch.setenv("COLUMNS", "200")


class Cli:
    """Roept `jeugdplan` aan in een repository en geeft het resultaat."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def __call__(self, *args: str, code: int | None = 0, invoer: str | None = None,
                 env: dict[str, str] | None = None) -> Any:
        from typer.testing import CliRunner

        runner = CliRunner()
        volledig = (["--dir", str(self.root)] if self.root else []) + [str(a) for a in args]
        resultaat = runner.invoke(app, volledig, input=invoer, env=env,
                                  catch_exceptions=False)
        if code is not None:
            assert resultaat.exit_code == code, (
                f"exit {resultaat.exit_code} (verwacht {code}) voor {args}\n"
                f"stdout: {resultaat.stdout}\nstderr: {resultaat.stderr}"
            )
        return resultaat

    def json(self, *args: str, code: int | None = 0) -> Any:
        return json.loads(self(*args, "--json", code=code).stdout)


@pytest.fixture
def repo_pad(tmp_path: Path) -> Path:
    pad = tmp_path / "casussen-repo"
    Cli(None)("init", str(pad))
    return pad


@pytest.fixture
def jp(repo_pad: Path) -> Cli:
    """`jp("new", ...)` draait jeugdplan in een verse repository."""
    return Cli(repo_pad)


@pytest.fixture
def kind(jp: Cli) -> Callable[..., str]:
    """Maakt een plan en geeft het id."""

    def maak(voornaam: str = "Sanne", achternaam: str = "de Vries",
             geboortedatum: str = "2016-04-03", gemeente: str = "Velsen",
             school: str = "De Windroos", onderwijssoort: str = "po", **extra: str) -> str:
        args = ["new", "--voornaam", voornaam, "--achternaam", achternaam,
                "--geboortedatum", geboortedatum, "--gemeente", gemeente, "--school", school,
                "--onderwijssoort", onderwijssoort]
        for sleutel, waarde in extra.items():
            args += [f"--{sleutel}", waarde] if waarde != "" else [f"--{sleutel}"]
        return str(jp.json(*args)["id"])

    return maak


def opdrachten() -> dict[str, Any]:
    """Alle opdrachten op het hoogste niveau, gebouwd (dit laadt elke opdrachtmodule)."""
    import typer

    groep = typer.main.get_command(app)
    ctx = typer.Context(groep)
    return {naam: groep.get_command(ctx, naam)  # type: ignore[attr-defined]
            for naam in groep.list_commands(ctx)}  # type: ignore[attr-defined]


def git(pad: Path, *args: str) -> str:
    """Draait `git args...` in `pad` en geeft de uitvoer (fout = uitzondering)."""
    import subprocess

    return subprocess.run(["git", *args], cwd=pad, capture_output=True, text=True,
                          check=True).stdout


def plan(pad: Path, ident: str) -> dict:
    """Het plan `ident` in de repository `pad`, rauw gelezen als YAML (zonder jeugdplan)."""
    import yaml

    return yaml.safe_load((pad / "casussen" / ident / "plan.yaml").read_text())


def git_log(pad: Path) -> list[str]:
    """De commits in `pad`, nieuwste eerst, als 'auteur|onderwerp'."""
    import subprocess

    uit = subprocess.run(["git", "log", "--format=%an|%s"], cwd=pad, capture_output=True,
                         text=True, check=True, env={**os.environ})
    return uit.stdout.splitlines()


def deel_en_kloon(cli: Cli, repo_pad: Path, tmp_path: Path, naam: str) -> Path:
    """Een gedeelde (bare) remote `origin` in `tmp_path / "gedeeld.git"` voor `repo_pad`,
    gevuld met `sync`, en een verse `git clone` daarvan in `tmp_path / naam`."""
    import subprocess

    remote = tmp_path / "gedeeld.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=repo_pad, check=True)
    cli("sync")
    kloon = tmp_path / naam
    subprocess.run(["git", "clone", "-q", str(remote), str(kloon)], check=True)
    return kloon
