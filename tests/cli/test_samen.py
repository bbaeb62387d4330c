"""De opdrachten `sync`, `diff` en de verborgen `merge-driver` op de opdrachtregel."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import Cli, deel_en_kloon, git, plan


def test_hulpteksten(jp: Cli) -> None:
    hoofd = jp("--help").stdout
    assert "sync" in hoofd and "diff" in hoofd
    assert "merge-driver" not in hoofd
    sync = jp("sync", "--help").stdout
    assert "--remote" in sync and "--kies" in sync and "journaal" in sync
    assert "--sinds" in jp("diff", "--help").stdout
    assert "git aangeroepen" in jp("merge-driver", "--help").stdout


def test_merge_driver_zonder_argumenten_is_gebruiksfout(jp: Cli) -> None:
    jp("merge-driver", code=2)


def test_gewone_git_merge_gebruikt_de_driver(jp: Cli, repo_pad: Path, kind) -> None:
    """Ook wie zelf `git merge` doet, krijgt samenvoegen per onderdeel (init zette de config)."""
    ident = kind()
    git(repo_pad, "switch", "-q", "-c", "collega")
    jp("signaal", "add", ident, "--domein", "thuis", "--omschrijving", "Moe")
    git(repo_pad, "switch", "-q", "main")
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Boos")
    klaar = subprocess.run(["git", "merge", "--no-edit", "collega"], cwd=repo_pad,
                           capture_output=True, text=True)
    assert klaar.returncode == 0, klaar.stdout + klaar.stderr
    signalen = [(s["id"], s["domein"]) for s in plan(repo_pad, ident)["signalen"]]
    assert signalen == [("s1", "thuis"), ("s2", "gedrag")]
    # De samenvoeg-commit toont in de log alleen wat de samenvoeging zelf deed.
    log = jp.json("log", ident)
    assert log[0]["samenvoeging"] is True
    assert [w["tekst"] for w in log[0]["wijzigingen"]] == ["signaal toegevoegd: s2 (gedrag)"]
    assert jp("check").exit_code == 0


def test_log_na_sync_noemt_beide_auteurs(jp: Cli, repo_pad: Path, kind, tmp_path: Path) -> None:
    ident = kind()
    kloon = deel_en_kloon(jp, repo_pad, tmp_path, "b")
    b = Cli(kloon)
    anders = {"GIT_AUTHOR_NAME": "Jan JMW", "GIT_COMMITTER_NAME": "Jan JMW"}
    b("doel", "add", ident, "--omschrijving", "Leest", env=anders)
    b("sync", env=anders)
    jp("journaal", "add", ident, "--tekst", "x")
    tekst = jp("sync").stdout
    assert f"{ident}  1 wijziging door Jan JMW" in tekst
    log = jp("log", ident).stdout
    assert "Jan JMW: " in log and "    doel toegevoegd: d1" in log
    diff = jp("diff", ident, "--sinds", "2026-01-01").stdout
    assert "Jan JMW" in diff.splitlines()[0]
