"""`jeugdplan edit` verliest niets (diensten/bewerken.py, cli/bewerken.py): een bewaarde
werkkopie staat lokaal met haar basis, gaat alleen verder na een driedeling tegen die basis,
en wat in de repository staat (ook via een remote) wordt nooit als werkkopie gebruikt."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jeugdplan.diensten.bewerken import werkmap
from tests.conftest import Cli, deel_en_kloon, git_log

SIGNAAL = ("signaal", "add", "--domein", "veiligheid", "--omschrijving", "Blauwe plekken")


def _signaal(jp: Cli, ident: str) -> None:
    jp(*SIGNAAL[:2], ident, *SIGNAAL[2:])


def _editor(tmp_path: Path, code: str, naam: str = "editor") -> str:
    """Een 'editor' (Python): `p` is het bestand; `code` wijzigt het en stopt eventueel."""
    script = tmp_path / f"{naam}.py"
    script.write_text("import os, signal, sys, pathlib\np = pathlib.Path(sys.argv[1])\n" + code)
    return f"{sys.executable} {script}"


KRACHT = "p.write_text(p.read_text().replace('krachten: []', 'krachten: [tekent graag]'))\n"
ZIENSWIJZE = ("p.write_text(p.read_text().replace('zienswijze: {}', "
              "'zienswijze: {ouders: Uit de editor}'))\n")


def _kopie(repo_pad: Path, ident: str) -> Path:
    return werkmap(repo_pad) / f"{ident}.yaml"


def _plan(jp: Cli, ident: str) -> dict:
    data: dict = jp.json("show", ident)
    return data


# --- het geval uit het issue, en elke manier waarop een bewerking kan blijven staan -------


def test_editor_faalt_zonder_wijziging_dan_signaal_dan_edit_verliest_niets(jp, kind,
                                                                           repo_pad) -> None:
    ident = kind()
    r = jp("edit", ident, env={"EDITOR": "false"}, code=1)
    assert "de editor 'false' stopte met een fout" in r.stderr
    _signaal(jp, ident)
    r = jp("edit", ident, env={"EDITOR": "true"})
    assert r.stderr == f"{ident}: geen wijzigingen\n"
    assert [s["omschrijving"] for s in _plan(jp, ident)["signalen"]] == ["Blauwe plekken"]
    assert not _kopie(repo_pad, ident).exists()


def test_editor_faalt_na_wijziging_dan_signaal_dan_edit_voegt_samen(jp, kind, repo_pad,
                                                                    tmp_path) -> None:
    ident = kind()
    r = jp("edit", ident, env={"EDITOR": _editor(tmp_path, KRACHT + "sys.exit(1)\n")}, code=1)
    assert f"uw bewerking is bewaard in {_kopie(repo_pad, ident)}" in r.stderr
    _signaal(jp, ident)
    r = jp("edit", ident, env={"EDITOR": "true"})
    assert "gaat verder, samengevoegd met wat sindsdien is vastgelegd" in r.stderr
    assert "opgeslagen en vastgelegd (krachten)" in r.stderr
    plan = _plan(jp, ident)
    assert [k["tekst"] for k in plan["krachten"]] == ["tekent graag"]
    assert [s["omschrijving"] for s in plan["signalen"]] == ["Blauwe plekken"]
    assert git_log(repo_pad)[0] == f"Ilse IB|{ident}: handmatig bewerkt (krachten)"
    assert not _kopie(repo_pad, ident).exists()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL bestaat niet op Windows")
def test_afgeschoten_tijdens_het_bewerken_dan_signaal_dan_edit_voegt_samen(
        jp, kind, repo_pad, tmp_path) -> None:
    ident = kind()
    # De editor wijzigt de kopie en schiet jeugdplan zelf af (kill -9): geen opruimen.
    editor = _editor(tmp_path, KRACHT + "os.kill(os.getppid(), signal.SIGKILL)\n")
    klaar = subprocess.run([sys.executable, "-m", "jeugdplan", "--dir", str(repo_pad), "edit",
                            ident], env={**os.environ, "EDITOR": editor}, capture_output=True,
                           text=True, timeout=120)
    assert klaar.returncode == -signal.SIGKILL
    assert "tekent graag" in _kopie(repo_pad, ident).read_text()
    _signaal(jp, ident)
    jp("edit", ident, env={"EDITOR": "true"})
    plan = _plan(jp, ident)
    assert [k["tekst"] for k in plan["krachten"]] == ["tekent graag"]
    assert [s["omschrijving"] for s in plan["signalen"]] == ["Blauwe plekken"]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="leest /proc (Linux)")
def test_ctrl_c_in_de_editor_stopt_jeugdplan_niet(jp, kind, repo_pad, tmp_path) -> None:
    """Zoals bij git: Ctrl-C in de editor (vim gebruikt het) breekt de bewerking niet af."""
    ident = kind()
    # De editor wacht tot jeugdplan SIGINT negeert (/proc), stuurt dan Ctrl-C en bewerkt.
    editor = _editor(tmp_path, (
        "status = pathlib.Path(f'/proc/{os.getppid()}/status')\n"
        "while not int(next(r for r in status.read_text().splitlines()\n"
        "                   if r.startswith('SigIgn:')).split()[1], 16) & 2:\n"
        "    pass\n"
        "os.kill(os.getppid(), signal.SIGINT)\n") + KRACHT)
    klaar = subprocess.run([sys.executable, "-m", "jeugdplan", "--dir", str(repo_pad), "edit",
                            ident], env={**os.environ, "EDITOR": editor}, capture_output=True,
                           text=True, timeout=120)
    assert klaar.returncode == 0, klaar.stderr
    assert "opgeslagen en vastgelegd (krachten)" in klaar.stderr
    assert [k["tekst"] for k in _plan(jp, ident)["krachten"]] == ["tekent graag"]


def test_afbreken_gooit_de_bewerking_echt_weg(jp, kind, repo_pad, tmp_path) -> None:
    ident = kind(groep="5")
    voor = (repo_pad / "casussen" / ident / "plan.yaml").read_bytes()
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('groep: 5', 'groep: vijf'))\n")
    r = jp("edit", ident, env={"EDITOR": editor, "JEUGDPLAN_INTERACTIEF": "1"}, invoer="a\n",
           code=1)
    assert "kind.groep: moet een geheel getal zijn" in r.stderr
    assert "afgebroken; het plan is ongewijzigd en uw bewerking is weggegooid" in r.stderr
    assert not _kopie(repo_pad, ident).exists()
    assert (repo_pad / "casussen" / ident / "plan.yaml").read_bytes() == voor
    _signaal(jp, ident)
    r = jp("edit", ident, env={"EDITOR": "true"})
    assert r.stderr == f"{ident}: geen wijzigingen\n"
    assert _plan(jp, ident)["signalen"]


def test_onbekend_antwoord_wordt_opnieuw_gevraagd(jp, kind, repo_pad, tmp_path) -> None:
    ident = kind(groep="5")
    editor = _editor(tmp_path, "p.write_text(p.read_text().replace('groep: 5', 'groep: vijf'))\n")
    r = jp("edit", ident, env={"EDITOR": editor, "JEUGDPLAN_INTERACTIEF": "1"},
           invoer="x\na\n", code=1)
    assert r.stderr.count("(o)pnieuw bewerken, (b)ewaren voor later of (a)fbreken") == 2
    assert not _kopie(repo_pad, ident).exists()


def test_botsing_bij_hervatten_weigert_en_bewaart_de_kopie(jp, kind, repo_pad,
                                                            tmp_path) -> None:
    ident = kind()
    jp("edit", ident, env={"EDITOR": _editor(tmp_path, ZIENSWIJZE + "sys.exit(1)\n")}, code=1)
    kopie = _kopie(repo_pad, ident)
    bewaard = kopie.read_bytes()
    jp("zienswijze", ident, "--ouders", "Tussendoor")
    plan_voor = (repo_pad / "casussen" / ident / "plan.yaml").read_bytes()
    log_voor = git_log(repo_pad)
    r = jp("edit", ident, env={"EDITOR": "true"}, code=1)
    assert "er staat nog een onafgemaakte bewerking" in r.stderr
    assert "zienswijze" in r.stderr and "Tussendoor" in r.stderr
    assert f"uw bewerking blijft bewaard in {kopie}" in r.stderr
    assert f"'jeugdplan edit {ident} --opnieuw'" in r.stderr
    assert kopie.read_bytes() == bewaard
    assert (repo_pad / "casussen" / ident / "plan.yaml").read_bytes() == plan_voor
    assert git_log(repo_pad) == log_voor
    # --opnieuw gooit de bewaarde kopie weg en begint bij het plan van nu.
    r = jp("edit", ident, "--opnieuw", env={"EDITOR": "true"})
    assert r.stderr == f"{ident}: geen wijzigingen\n"
    assert not kopie.exists()
    assert _plan(jp, ident)["zienswijze"] == {"ouders": "Tussendoor"}


def test_kopie_zonder_basis_wordt_niet_blind_gebruikt(jp, kind, repo_pad) -> None:
    ident = kind()
    kopie = _kopie(repo_pad, ident)
    kopie.parent.mkdir(parents=True, mode=0o700)
    kopie.write_text("id: iets anders\n")
    r = jp("edit", ident, env={"EDITOR": "true"}, code=1)
    assert "zonder de versie waarop die gebaseerd is" in r.stderr
    assert kopie.exists()


def test_werkkopie_alleen_voor_de_gebruiker(jp, kind, repo_pad, tmp_path) -> None:
    ident = kind()
    jp("edit", ident, env={"EDITOR": _editor(tmp_path, KRACHT + "sys.exit(1)\n")}, code=1)
    kopie = _kopie(repo_pad, ident)
    assert stat.S_IMODE(kopie.parent.stat().st_mode) == 0o700
    for bestand in kopie.parent.iterdir():
        assert stat.S_IMODE(bestand.stat().st_mode) == 0o600
    assert not (repo_pad / ".jeugdplan" / "bewerk").exists()


def test_purge_gooit_de_werkkopie_weg(jp, kind, repo_pad, tmp_path) -> None:
    ident = kind()
    jp("edit", ident, env={"EDITOR": _editor(tmp_path, KRACHT + "sys.exit(1)\n")}, code=1)
    assert _kopie(repo_pad, ident).exists()
    jp("purge", ident, "--ja")
    assert list(werkmap(repo_pad).iterdir()) == []


# --- een kopie in de repository wordt nooit gebruikt -------------------------------------


def test_via_de_remote_geplante_kopie_wordt_genegeerd(jp, kind, repo_pad, tmp_path) -> None:
    """Een aanvaller met alleen push-rechten zet `.jeugdplan/bewerk/ID.yaml` (zonder het
    signaal) in git; de volgende `edit` van het slachtoffer gebruikt die niet."""
    ident = kind()
    _signaal(jp, ident)
    aanvaller = deel_en_kloon(jp, repo_pad, tmp_path, "aanvaller")
    plan = (aanvaller / "casussen" / ident / "plan.yaml").read_text()
    zonder_signaal = plan[:plan.index("signalen:")] + "signalen: []\n"
    geplant = aanvaller / ".jeugdplan" / "bewerk" / f"{ident}.yaml"
    geplant.parent.mkdir(parents=True)
    geplant.write_text(zonder_signaal)
    for opdracht in (["add", "-f", str(geplant)], ["commit", "-q", "-m", "bewerking"],
                     ["push", "-q", "origin", "HEAD"]):
        subprocess.run(["git", *opdracht], cwd=aanvaller, check=True)
    # sync weigert het (tests/diensten/test_vertrouwen.py); met git zelf komt het toch binnen.
    assert f".jeugdplan/bewerk/{ident}.yaml (door" in jp("sync", code=1).stderr
    subprocess.run(["git", "pull", "-q", "origin", "main"], cwd=repo_pad, check=True)
    assert (repo_pad / ".jeugdplan" / "bewerk" / f"{ident}.yaml").exists()
    log_voor = git_log(repo_pad)
    r = jp("edit", ident, env={"EDITOR": "true"})
    assert r.stderr == f"{ident}: geen wijzigingen\n"
    assert git_log(repo_pad) == log_voor
    assert [s["omschrijving"] for s in _plan(jp, ident)["signalen"]] == ["Blauwe plekken"]


# --- welke editor ------------------------------------------------------------------------


def _pad_met(tmp_path: Path, *editors: str) -> str:
    """Een PATH met alleen git en de genoemde 'editors' (die niets wijzigen)."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    git = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip()
    (bin_ / "git").symlink_to(Path(git) / "git")
    for naam in editors:
        (bin_ / naam).write_text("#!/bin/sh\necho \"$0\" > \"$1.editor\"\n")
        (bin_ / naam).chmod(0o700)
    return str(bin_)


@pytest.mark.skipif(os.name == "nt", reason="editors als shellscript")
def test_zonder_editor_een_duidelijke_fout_die_noemt_wat_geprobeerd_is(jp, kind, repo_pad,
                                                                        tmp_path) -> None:
    ident = kind()
    r = jp("edit", ident, env={"PATH": _pad_met(tmp_path), "EDITOR": "nergens", "VISUAL": ""},
           code=1)
    assert r.stderr == ("fout: geen editor gevonden (geprobeerd: EDITOR='nergens', editor, nano, "
                        "vi); stel EDITOR in op de editor die u gebruikt (export EDITOR=..., met "
                        "de naam of het volledige pad) of installeer er een\n")
    assert not werkmap(repo_pad).exists()


@pytest.mark.skipif(os.name == "nt", reason="editors als shellscript")
def test_gebruikelijke_editor_als_editor_niet_bestaat(jp, kind, repo_pad, tmp_path) -> None:
    ident = kind()
    r = jp("edit", ident, env={"PATH": _pad_met(tmp_path, "vi"), "EDITOR": "nergens",
                               "VISUAL": ""})
    assert r.stderr == (f"editor EDITOR='nergens' niet gevonden; jeugdplan gebruikt vi\n"
                        f"{ident}: geen wijzigingen\n")
    assert (_kopie(repo_pad, ident).parent / f"{ident}.yaml.editor").read_text().strip() \
        .endswith("/vi")


@pytest.mark.skipif(os.name == "nt", reason="editors als shellscript")
def test_visual_gaat_voor_editor_en_zonder_beide_de_eerste_die_bestaat(jp, kind, repo_pad,
                                                                       tmp_path) -> None:
    ident = kind()
    pad = _pad_met(tmp_path, "nano", "vi", "mijneditor")
    gebruikt = _kopie(repo_pad, ident).parent / f"{ident}.yaml.editor"
    jp("edit", ident, env={"PATH": pad, "VISUAL": "mijneditor", "EDITOR": "vi"})
    assert gebruikt.read_text().strip().endswith("/mijneditor")
    r = jp("edit", ident, env={"PATH": pad, "VISUAL": "", "EDITOR": ""})
    assert "niet gevonden" not in r.stderr
    assert gebruikt.read_text().strip().endswith("/nano")
