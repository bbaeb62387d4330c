"""git-hulpfuncties (`jeugdplan.gitrepo`): een commit legt precies de gevraagde paden vast."""

from __future__ import annotations

from pathlib import Path

from jeugdplan import gitrepo


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
