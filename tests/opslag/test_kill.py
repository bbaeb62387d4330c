"""Foutinjectie: `kill -9` op willekeurige momenten tijdens het schrijven, en mislukte
git-commits. Na elke fout is elk plan de oude of de nieuwe geldige versie, nooit een half of
leeg bestand, en de volgende opdracht herstelt wat niet werd vastgelegd."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from jeugdplan.opslag.store import Repo, schrijf_atomair
from tests.conftest import git_log

KILLS_SCHRIJVEN = 200
KILLS_BEWERKEN = 40


def _versies(pad: Path) -> list[str]:
    """Geldige planteksten van verschillende lengte (tot ~300 kB: schrijven duurt even)."""
    basis = pad.read_text(encoding="utf-8")
    versies = []
    for n in (0, 20, 100, 400):
        regels = "".join(
            f"  - datum: 2026-11-25\n    auteur: Ilse IB\n    tekst: aantekening {i} {'x' * 120}\n"
            for i in range(n))
        versies.append(basis.replace("journaal: []\n", f"journaal:\n{regels}" if n else
                                     "journaal: []\n"))
    return versies


def _kind_proces(werk) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - draait in het kindproces
        try:
            os.setpgid(0, 0)
            werk()
        finally:
            os._exit(0)
    # Ook hier: het kind kan al afgeschoten worden vóór zijn eigen setpgid.
    with contextlib.suppress(PermissionError, ProcessLookupError):
        os.setpgid(pid, pid)
    return pid


def _schiet_af(pid: int, na: float) -> None:
    time.sleep(na)
    try:
        os.killpg(pid, signal.SIGKILL)  # ook een lopende git van het kind
    except ProcessLookupError:  # pragma: no cover
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def test_kill_9_tijdens_schrijven_laat_oud_of_nieuw_plan(jp, kind, repo_pad):
    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    versies = _versies(pad)
    repo = Repo.open(repo_pad)
    assert len(set(versies)) == len(versies)
    rnd = random.Random(7)
    begin = time.monotonic()
    for _ in range(KILLS_SCHRIJVEN):
        def schrijf() -> None:
            i = 0
            while True:
                schrijf_atomair(pad, versies[i % len(versies)])
                i += 1

        pid = _kind_proces(schrijf)
        _schiet_af(pid, rnd.uniform(0, 0.015))
        inhoud = pad.read_text(encoding="utf-8")
        assert inhoud in versies, "plan is half of leeg na kill -9"
        assert repo.laad(ident).plan.id == ident
        assert pad.stat().st_mode & 0o077 == 0
    assert time.monotonic() - begin < 60
    # Bewijs dat kills midden in een schrijfactie vielen: hun tijdelijke bestanden bleven.
    halverwege = list(pad.parent.glob(".*.tmp"))
    print(f"{len(halverwege)} van {KILLS_SCHRIJVEN} kills vielen midden in een schrijfactie")
    assert len(halverwege) >= 5
    # Achtergebleven tijdelijke bestanden zijn geen plannen en worden door git genegeerd.
    assert Repo.open(repo_pad).ids() == [ident]
    assert jp.json("check")["ok"]


def test_kill_9_tijdens_bewerken_verliest_geen_vastgelegde_wijziging(jp, kind, repo_pad):
    ident = kind()
    repo = Repo.open(repo_pad)
    rnd = random.Random(11)

    def signalen_in_head() -> int:
        uit = subprocess.run(["git", "show", f"HEAD:casussen/{ident}/plan.yaml"], cwd=repo_pad,
                             capture_output=True, text=True, check=True).stdout
        return uit.count("omschrijving: kill")

    vorige = 0
    for ronde in range(KILLS_BEWERKEN):
        def bewerk(ronde: int = ronde) -> None:
            from jeugdplan.domein import bewerkingen
            from jeugdplan.opslag.clock import vandaag

            r = Repo.open(repo_pad)
            for i in range(100):
                r.bewerk(ident, lambda p, i=i: bewerkingen.voeg_signaal_toe(
                    p, datum=vandaag(), vandaag=vandaag(), domein="gedrag", zwaarte="licht",
                    bron="leerkracht", omschrijving=f"kill {ronde}.{i}", interpretatie=None))

        pid = _kind_proces(bewerk)
        _schiet_af(pid, rnd.uniform(0, 0.4))
        # Een afgeschoten git laat soms .git/index.lock achter: de gebruiker ruimt het op
        # zoals de melding zegt.
        for slot in (repo_pad / ".git").rglob("*.lock"):
            slot.unlink()
        plan = repo.laad(ident).plan  # geldig, anders een uitzondering
        in_bestand = sum(s.omschrijving.startswith("kill") for s in plan.signalen)
        in_head = signalen_in_head()
        assert in_bestand in (in_head, in_head + 1)
        assert in_bestand >= vorige, "een eerder geschreven signaal is verdwenen"
        vorige = in_bestand
    # De volgende opdracht legt een achtergebleven wijziging eerst vast.
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "kill laatste")
    assert signalen_in_head() == vorige + 1
    assert not [p for p in jp.json("check")["problemen"] if p["code"] == "onvastgelegd"]
    assert vorige > 0


def _plan_en_log(repo_pad: Path, ident: str) -> tuple[bytes, list[str]]:
    return (repo_pad / "casussen" / ident / "plan.yaml").read_bytes(), git_log(repo_pad)


def test_mislukte_commit_door_index_lock_wordt_gemeld_en_hersteld(jp, kind, repo_pad):
    ident = kind()
    slot = repo_pad / ".git" / "index.lock"
    slot.touch()
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "tijdens lock",
           code=1)
    assert f"casussen/{ident}/plan.yaml is opgeslagen, maar vastleggen in git mislukte" in r.stderr
    assert "index.lock" in r.stderr
    assert "Er is niets verloren" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    # check meldt het onvastgelegde plan (met code), ook als enige casus gekozen
    for args in (("check",), ("check", ident)):
        problemen = jp.json(*args)["problemen"]
        assert [p["pad"] for p in problemen if p["code"] == "onvastgelegd"] == [
            f"casussen/{ident}/plan.yaml"]
    slot.unlink()
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "daarna")
    assert "een eerder niet vastgelegde wijziging van dit plan is nu alsnog vastgelegd" in r.stderr
    log = git_log(repo_pad)
    assert log[0] == f"Ilse IB|{ident}: signaal s2 toegevoegd (gedrag, licht)"
    assert log[1] == f"Ilse IB|{ident}: eerder niet vastgelegde wijziging alsnog vastgelegd"
    assert [s["omschrijving"] for s in jp.json("show", ident)["signalen"]] == [
        "tijdens lock", "daarna"]
    assert not [p for p in jp.json("check")["problemen"] if p["code"] == "onvastgelegd"]


def test_mislukte_commit_door_ref_lock(jp, kind, repo_pad):
    ident = kind()
    slot = repo_pad / ".git" / "refs" / "heads" / "main.lock"
    slot.touch()
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", code=1)
    assert "vastleggen in git mislukte: git is bezet (een .lock-bestand in .git bestaat: " \
        in r.stderr
    assert "main.lock" in r.stderr
    slot.unlink()
    jp("journaal", "add", ident, "--tekst", "verder")
    assert git_log(repo_pad)[1].endswith("eerder niet vastgelegde wijziging alsnog vastgelegd")


def test_mislukte_commit_bij_nieuw_plan(jp, repo_pad):
    (repo_pad / ".git" / "index.lock").touch()
    r = jp("new", "--voornaam", "Ad", "--achternaam", "Bos", "--geboortedatum", "2015-01-01",
           "--gemeente", "Velsen", "--school", "X", "--onderwijssoort", "po", code=1)
    assert "is opgeslagen, maar vastleggen in git mislukte" in r.stderr
    (repo_pad / ".git" / "index.lock").unlink()
    problemen = jp.json("check")["problemen"]
    onvast = [p for p in problemen if p["code"] == "onvastgelegd"]
    assert len(onvast) == 1 and onvast[0]["ernst"] == "waarschuwing"
    ident = onvast[0]["pad"].split("/")[1]
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x")
    assert "alsnog vastgelegd" in r.stderr
    assert not [p for p in jp.json("check")["problemen"] if p["code"] == "onvastgelegd"]


def test_schijf_vol_bij_commit(jp, kind, repo_pad, tmp_path, monkeypatch):
    """Een git die bij 'commit' 'No space left on device' meldt (nagebootst met een
    omhulsel op PATH): melding in het Nederlands, daarna herstel."""
    import shutil

    ident = kind()
    echte_git = shutil.which("git")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "git").write_text(
        "#!/bin/sh\n"
        "for a in \"$@\"; do\n"
        "  if [ \"$a\" = commit ]; then\n"
        "    echo 'fatal: unable to write new index file: No space left on device' >&2\n"
        "    exit 128\n"
        "  fi\n"
        "done\n"
        f"exec {echte_git} \"$@\"\n")
    (bin_ / "git").chmod(0o700)
    monkeypatch.setenv("PATH", f"{bin_}:{os.environ['PATH']}")
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "vol", code=1)
    assert "vastleggen in git mislukte: de schijf is vol: git kon niet schrijven" in r.stderr
    assert "Traceback" not in r.stderr
    monkeypatch.setenv("PATH", os.environ["PATH"].split(":", 1)[1])
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "weer ruimte")
    assert "alsnog vastgelegd" in r.stderr
    assert [s["omschrijving"] for s in jp.json("show", ident)["signalen"]] == [
        "vol", "weer ruimte"]


def test_geen_identiteit_schrijft_niets(jp, kind, repo_pad, monkeypatch):
    ident = kind()
    voor = _plan_en_log(repo_pad, ident)
    for sleutel in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                    "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(sleutel)
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", code=1)
    assert "geen git-identiteit ingesteld" in r.stderr
    for sleutel, waarde in (("GIT_AUTHOR_NAME", "Ilse IB"), ("GIT_AUTHOR_EMAIL", "ib@school.example"),
                            ("GIT_COMMITTER_NAME", "Ilse IB"),
                            ("GIT_COMMITTER_EMAIL", "ib@school.example")):
        monkeypatch.setenv(sleutel, waarde)
    assert _plan_en_log(repo_pad, ident) == voor


def test_schijf_vol_bij_schrijven(jp, kind, repo_pad, monkeypatch):
    ident = kind()
    voor = _plan_en_log(repo_pad, ident)

    def vol(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", vol)
        r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", code=1)
    assert f"kon casussen/{ident}/plan.yaml niet opslaan (No space left on device); het plan " \
           "is ongewijzigd" in r.stderr
    assert "Traceback" not in r.stderr
    assert _plan_en_log(repo_pad, ident) == voor
    assert not list((repo_pad / "casussen" / ident).glob(".*.tmp"))
