"""Rookproef van de basis: init, new, een wijziging, log, check."""

from pathlib import Path

from tests.conftest import Cli, git_log


def test_init_new_signaal_log(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Slaat andere kinderen")
    log = git_log(repo_pad)
    assert log[0] == f"Ilse IB|{ident}: signaal s1 toegevoegd (gedrag, licht)"
    assert jp("check").exit_code == 0
