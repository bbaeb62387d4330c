"""`store`: een bewerking en een nieuw plan leggen precies hun eigen plan vast, ook als er in
git al iets anders klaarstaat (`gitrepo.Klaar` loopt op de achtergrond mee)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jeugdplan.opslag import gitrepo


def _klaar(root: Path) -> list[str]:
    return gitrepo.git(root, "diff", "--cached", "--name-only").split()


def _in_commit(root: Path) -> list[str]:
    return gitrepo.git(root, "show", "--name-only", "--format=", "HEAD").split()


def test_bewerking_laat_iets_anders_dat_klaarstaat_staan(jp: Any, repo_pad: Path,
                                                        kind: Callable[..., str]) -> None:
    a = kind()
    (repo_pad / "notities.txt").write_text("eigen aantekening\n")
    gitrepo.git(repo_pad, "add", "notities.txt")
    jp("signaal", "add", a, "--domein", "gedrag", "--omschrijving", "Onrustig.")
    assert _in_commit(repo_pad) == [f"casussen/{a}/plan.yaml"]
    nieuw = kind(voornaam="Yara", achternaam="El Amrani", geboortedatum="2012-09-09")
    assert _in_commit(repo_pad) == [f"casussen/{nieuw}/plan.yaml"]
    assert _klaar(repo_pad) == ["notities.txt"]


def test_eerder_klaargezette_versie_van_het_plan(jp: Any, repo_pad: Path,
                                                 kind: Callable[..., str]) -> None:
    a = kind()
    pad = repo_pad / "casussen" / a / "plan.yaml"
    pad.write_text(pad.read_text().replace("school: De Windroos", "school: De Linde"))
    gitrepo.git(repo_pad, "add", str(pad))
    jp("signaal", "add", a, "--domein", "gedrag", "--omschrijving", "Onrustig.")
    berichten = gitrepo.git(repo_pad, "log", "-2", "--format=%s").splitlines()
    assert berichten[1] == f"{a}: eerder niet vastgelegde wijziging alsnog vastgelegd"
    assert "signaal" in berichten[0]
    assert _klaar(repo_pad) == []
    assert gitrepo.onvastgelegd(repo_pad) == []
