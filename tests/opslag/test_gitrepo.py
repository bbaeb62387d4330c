"""git-hulpfuncties (`jeugdplan.opslag.gitrepo`): een commit legt precies de gevraagde paden vast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jeugdplan.opslag import gitrepo


def _repo(tmp_path: Path) -> Path:
    gitrepo.identiteit(tmp_path)
    gitrepo.init(tmp_path)
    for naam in ("a.txt", "b.txt"):
        (tmp_path / naam).write_text("1\n")
    gitrepo.commit(tmp_path, [tmp_path / "a.txt", tmp_path / "b.txt"], "begin")
    return tmp_path


def _in_commit(root: Path, commit: str = "HEAD") -> list[str]:
    return gitrepo.git(root, "show", "--name-only", "--format=", commit).split()


def test_commit_legt_alleen_deze_paden_vast(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "a.txt").write_text("2\n")
    (root / "b.txt").write_text("2\n")
    gitrepo.git(root, "add", "b.txt")  # staat al klaar (bijv. van een onderbroken opdracht)
    gitrepo.commit(root, [root / "a.txt"], "alleen a")
    assert _in_commit(root) == ["a.txt"]
    assert gitrepo.git(root, "diff", "--cached", "--name-only").split() == ["b.txt"]


def test_commit_zonder_andere_wijzigingen_en_in_map(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "map").mkdir()
    (root / "map" / "c.txt").write_text("3\n")
    (root / "a.txt").write_text("3\n")
    gitrepo.commit(root, [root / "map"], "map erbij")
    assert _in_commit(root) == ["map/c.txt"]
    assert gitrepo.onvastgelegd(root, "a.txt") == ["a.txt"]


def test_commit_zonder_wijziging_is_geen_fout(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    voor = gitrepo.git(root, "rev-parse", "HEAD").strip()
    assert gitrepo.commit(root, [root / "a.txt"], "niets") == voor
    assert gitrepo.git(root, "rev-parse", "HEAD").strip() == voor


def _commit_met_vooraf(root: Path, paden: list[Path], bericht: str,
                       tussendoor: Any = None) -> tuple[str, list[tuple[str, ...]]]:
    """`commit` met `Klaar` vooraf (zoals bewerk en maak); geeft de hash en de git-aanroepen."""
    vooraf = gitrepo.Klaar(root)
    if tussendoor is not None:
        tussendoor()
    aanroepen: list[tuple[str, ...]] = []
    echt = gitrepo.git

    def git(r: Path, *args: str, **kw: Any) -> str:
        aanroepen.append(args)
        return echt(r, *args, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(gitrepo, "git", git)
        try:
            return gitrepo.commit(root, paden, bericht, vooraf=vooraf), aanroepen
        finally:
            vooraf.sluit()


def _vroeg_git_opnieuw(aanroepen: list[tuple[str, ...]]) -> bool:
    return any(a[:2] == ("diff", "--cached") for a in aanroepen)


def test_vooraf_zonder_extra_git_aanroep(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "a.txt").write_text("2\n")
    (root / "b.txt").write_text("2\n")
    gitrepo.git(root, "add", "b.txt")
    _hash, aanroepen = _commit_met_vooraf(root, [root / "a.txt"], "alleen a")
    assert not _vroeg_git_opnieuw(aanroepen)
    assert _in_commit(root) == ["a.txt"]
    assert gitrepo.git(root, "diff", "--cached", "--name-only").split() == ["b.txt"]
    # een nieuw bestand in een nieuwe map
    (root / "map").mkdir()
    (root / "map" / "c.txt").write_text("3\n")
    _hash, aanroepen = _commit_met_vooraf(root, [root / "map" / "c.txt"], "c erbij")
    assert not _vroeg_git_opnieuw(aanroepen)
    assert _in_commit(root) == ["map/c.txt"]


def test_vooraf_niets_veranderd_is_geen_commit(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    voor = gitrepo.git(root, "rev-parse", "HEAD").strip()
    (root / "a.txt").touch()
    hash_, aanroepen = _commit_met_vooraf(root, [root / "a.txt"], "niets")
    assert hash_ == voor
    assert not _vroeg_git_opnieuw(aanroepen)


def test_vooraf_index_intussen_gewijzigd(tmp_path: Path) -> None:
    """Zet iets anders intussen iets klaar, dan vraagt commit het git opnieuw: b.txt gaat
    niet mee in de commit van a.txt."""
    root = _repo(tmp_path)
    (root / "a.txt").write_text("2\n")
    (root / "b.txt").write_text("2\n")
    _hash, aanroepen = _commit_met_vooraf(root, [root / "a.txt"], "alleen a",
                                          lambda: gitrepo.git(root, "add", "b.txt"))
    assert _vroeg_git_opnieuw(aanroepen)
    assert _in_commit(root) == ["a.txt"]
    assert gitrepo.git(root, "diff", "--cached", "--name-only").split() == ["b.txt"]


@pytest.mark.parametrize(("klaargezet", "daarna", "vastgelegd"),
                         [("2\n", "2\n", "2\n"), ("2\n", "3\n", "3\n"), ("2\n", "1\n", None)])
def test_vooraf_dit_pad_stond_al_klaar(tmp_path: Path, klaargezet: str, daarna: str,
                                       vastgelegd: str | None) -> None:
    """a.txt stond al klaar (een eerder afgebroken opdracht); daarna ongewijzigd, anders, of
    terug naar de versie in HEAD (dan geen commit)."""
    root = _repo(tmp_path)
    voor = gitrepo.git(root, "rev-parse", "HEAD").strip()
    (root / "a.txt").write_text(klaargezet)
    gitrepo.git(root, "add", "a.txt")
    (root / "a.txt").write_text(daarna)
    hash_, _aanroepen = _commit_met_vooraf(root, [root / "a.txt"], "a")
    if vastgelegd is None:
        assert hash_ == voor
    else:
        assert _in_commit(root) == ["a.txt"]
        assert gitrepo.git(root, "show", "HEAD:a.txt") == vastgelegd
    assert gitrepo.git(root, "diff", "--cached", "--name-only").split() == []


def test_vooraf_verwijderd_bestand(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "a.txt").unlink()
    _hash, aanroepen = _commit_met_vooraf(root, [root / "a.txt"], "a weg")
    assert not _vroeg_git_opnieuw(aanroepen)
    assert gitrepo.git(root, "ls-files").split() == ["b.txt"]


def test_vooraf_zonder_gewone_index_valt_terug(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    (root / "a.txt").write_text("2\n")
    monkeypatch.setenv("GIT_INDEX_FILE", str(root / ".git" / "index"))
    _hash, aanroepen = _commit_met_vooraf(root, [root / "a.txt"], "a")
    assert _vroeg_git_opnieuw(aanroepen)
    assert _in_commit(root) == ["a.txt"]
