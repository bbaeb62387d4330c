"""Het slot per repository: twee echte processen die tegelijk hetzelfde plan wijzigen
verliezen geen wijziging; wachten wordt gemeld; een te lange wachttijd is een duidelijke
fout; een slot van een afgeschoten proces (kill -9) blokkeert niets."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import git_log

PER_PROCES = 20

SCHRIJVER = """
import sys, time, os
from typer.testing import CliRunner
from jeugdplan.cli.main import app
root, ident, naam, start = sys.argv[1:5]
while not os.path.exists(start):
    time.sleep(0.005)
runner = CliRunner()
for i in range(int(sys.argv[5])):
    r = runner.invoke(app, ["--dir", root, "signaal", "add", ident, "--domein", "gedrag",
                                 "--omschrijving", f"{naam} {i}"])
    if r.exit_code != 0:
        print(r.stdout, r.stderr, r.exception, file=sys.stderr)
        sys.exit(3)
    sys.stderr.write(r.stderr)
"""

HOUDER = """
import sys, time
from pathlib import Path
from jeugdplan.opslag.slot import vergrendeld
with vergrendeld(Path(sys.argv[1])):
    print("vast", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _houder(root: Path, seconden: float) -> subprocess.Popen[str]:
    proces = subprocess.Popen([sys.executable, "-c", HOUDER, str(root), str(seconden)],
                              stdout=subprocess.PIPE, text=True)
    assert proces.stdout is not None
    assert proces.stdout.readline().strip() == "vast"
    return proces


def test_twee_processen_tegelijk_verliezen_niets(jp, kind, repo_pad, tmp_path):
    ident = kind()
    voor = len(git_log(repo_pad))
    start = tmp_path / "start"
    processen = [
        subprocess.Popen([sys.executable, "-c", SCHRIJVER, str(repo_pad), ident, naam,
                          str(start), str(PER_PROCES)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for naam in ("proces-a", "proces-b")
    ]
    time.sleep(0.5)  # beide processen zijn geladen en wachten op het startsein
    start.touch()
    uitvoer = [p.communicate(timeout=120) for p in processen]
    for p, (_, fout) in zip(processen, uitvoer, strict=True):
        assert p.returncode == 0, fout
        assert "Traceback" not in fout
    plan = jp.json("show", ident)
    omschrijvingen = sorted(s["omschrijving"] for s in plan["signalen"])
    verwacht = sorted(f"{n} {i}" for n in ("proces-a", "proces-b") for i in range(PER_PROCES))
    assert omschrijvingen == verwacht
    assert len({s["id"] for s in plan["signalen"]}) == 2 * PER_PROCES
    assert len(git_log(repo_pad)) == voor + 2 * PER_PROCES
    assert jp.json("check")["ok"]


def test_wachten_wordt_gemeld_en_gaat_daarna_door(jp, kind, repo_pad):
    ident = kind()
    houder = _houder(repo_pad, 1.0)
    try:
        r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "na het wachten",
               env={"JEUGDPLAN_SLOT_WACHTTIJD": "20"})
    finally:
        houder.wait(timeout=30)
    assert f"een andere jeugdplan-opdracht (proces {houder.pid}) wijzigt deze " \
           "casusrepository; even wachten" in r.stderr
    assert jp.json("show", ident)["signalen"][0]["omschrijving"] == "na het wachten"


def test_te_lang_wachten_is_een_duidelijke_fout_en_er_verandert_niets(jp, kind, repo_pad):
    ident = kind()
    plan_voor = (repo_pad / "casussen" / ident / "plan.yaml").read_bytes()
    log_voor = git_log(repo_pad)
    houder = _houder(repo_pad, 3.0)
    try:
        begin = time.monotonic()
        r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", code=1,
               env={"JEUGDPLAN_SLOT_WACHTTIJD": "0.3"})
        duur = time.monotonic() - begin
    finally:
        houder.kill()
        houder.wait()
    assert "de casusrepository is bezet" in r.stderr
    assert "langer dan 0.3 seconden" in r.stderr
    assert "Er is niets gewijzigd" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert duur < 2.5
    assert (repo_pad / "casussen" / ident / "plan.yaml").read_bytes() == plan_voor
    assert git_log(repo_pad) == log_voor


def test_slot_van_afgeschoten_proces_blokkeert_niet(jp, kind, repo_pad):
    ident = kind()
    houder = _houder(repo_pad, 60)
    os.kill(houder.pid, signal.SIGKILL)
    houder.wait()
    assert (repo_pad / ".jeugdplan" / "slot").exists()  # het bestand blijft, het slot niet
    begin = time.monotonic()
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x",
           env={"JEUGDPLAN_SLOT_WACHTTIJD": "30"})
    assert "wachten" not in r.stderr  # het slot was direct vrij
    assert time.monotonic() - begin < 10


def test_ongeldige_wachttijd(jp, kind):
    ident = kind()
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", code=1,
           env={"JEUGDPLAN_SLOT_WACHTTIJD": "lang"})
    assert "JEUGDPLAN_SLOT_WACHTTIJD='lang' is geen getal" in r.stderr


def test_slot_is_herintreedbaar_en_alleen_voor_de_eigenaar(repo_pad):
    from jeugdplan.opslag.slot import vergrendeld

    with vergrendeld(repo_pad), vergrendeld(repo_pad, wacht=0):
        inhoud = (repo_pad / ".jeugdplan" / "slot").read_text()
        assert inhoud.strip() == str(os.getpid())
    assert (repo_pad / ".jeugdplan" / "slot").stat().st_mode & 0o077 == 0
    # Na afloop vrij: een ander proces krijgt het direct.
    klaar = subprocess.run([sys.executable, "-c", HOUDER, str(repo_pad), "0"],
                           capture_output=True, text=True, timeout=30,
                           env={**os.environ, "JEUGDPLAN_SLOT_WACHTTIJD": "0"})
    assert klaar.returncode == 0, klaar.stderr
    assert json.dumps(klaar.stdout.strip()) == '"vast"'


def test_slot_niet_te_maken_is_een_duidelijke_fout(jp, kind, repo_pad):
    ident = kind()
    slot = repo_pad / ".jeugdplan" / "slot"
    slot.unlink(missing_ok=True)
    slot.mkdir()  # zoals een volle schijf of een map zonder schrijfrechten: openen mislukt
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", code=1)
    assert r.stderr.startswith("fout: kan het slot .jeugdplan/slot niet aanmaken (")
    assert "Traceback" not in r.stderr
    assert jp.json("show", ident)["signalen"] == []


def test_wijziging_tijdens_edit_gaat_niet_verloren(jp, kind, repo_pad, tmp_path, monkeypatch):
    ident = kind()
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        f"{sys.executable} -m jeugdplan --dir {repo_pad} signaal add {ident} --domein gedrag "
        "--omschrijving tussendoor >/dev/null 2>&1 || exit 3\n"
        "sed -i 's/^krachten: \\[\\]/krachten: [tekent graag]/' \"$1\"\n")
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    r = jp("edit", ident)
    assert "het plan was intussen gewijzigd; uw bewerking is daarmee samengevoegd" in r.stderr
    plan = jp.json("show", ident)
    assert [k["tekst"] for k in plan["krachten"]] == ["tekent graag"]
    assert [s["omschrijving"] for s in plan["signalen"]] == ["tussendoor"]


def test_botsende_wijziging_tijdens_edit_schrijft_niets(jp, kind, repo_pad, tmp_path,
                                                        monkeypatch):
    ident = kind()
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        f"{sys.executable} -m jeugdplan --dir {repo_pad} zienswijze {ident} --ouders "
        "'Tussendoor' >/dev/null 2>&1 || exit 3\n"
        "sed -i 's/^zienswijze: {}/zienswijze: {ouders: Uit de editor}/' \"$1\"\n")
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    r = jp("edit", ident, code=1)
    from jeugdplan.diensten.bewerken import werkmap

    bewaard = werkmap(repo_pad) / f"{ident}.yaml"
    assert "tijdens uw bewerking gewijzigd" in r.stderr
    assert f"Uw bewerking is bewaard in {bewaard}" in r.stderr
    assert jp.json("show", ident)["zienswijze"] == {"ouders": "Tussendoor"}
    assert "Uit de editor" in bewaard.read_text()
