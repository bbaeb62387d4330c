"""Versleuteling in rust (age): plannen op schijf en in git onleesbaar, opdrachten werken met
een ontgrendelde sleutel en weigeren netjes zonder, ontvangers beheren, samenvoegen en cache."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Cli, deel_en_kloon, git_log

pyrage = pytest.importorskip("pyrage")

from jeugdplan.opslag import versleuteling  # noqa: E402
from jeugdplan.opslag.versleuteling import Ontvanger, is_versleuteld  # noqa: E402

NAAM = "Zwartkop"
"""Een achternaam die nergens anders voorkomt: zo zoeken we naar lekken."""

VERGRENDELD = ("fout: versleutelde casusrepository: ontgrendel eerst uw sleutel met "
               "'jeugdplan sleutel ontgrendel'\n")


@pytest.fixture(autouse=True)
def lokale_mappen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Configuratie, sessie, cache en bewerkingen in tmp_path, nooit in de echte thuismap."""
    basis = tmp_path / "thuis"
    for naam, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                      ("XDG_STATE_HOME", "state"), ("XDG_RUNTIME_DIR", "run")):
        (basis / sub).mkdir(parents=True, mode=0o700)
        monkeypatch.setenv(naam, str(basis / sub))
    monkeypatch.delenv(versleuteling.IDENTITEIT_ENV, raising=False)
    return basis


class Sleutel:
    """Een age-sleutel van een professional, als identiteitsbestand (zoals age-keygen)."""

    def __init__(self, map_: Path, naam: str) -> None:
        self.identiteit = pyrage.x25519.Identity.generate()
        self.publiek = str(self.identiteit.to_public())
        self.pad = map_ / f"{naam}.key"
        self.pad.write_text(f"# {naam}\n{self.identiteit}\n")
        self.pad.chmod(0o600)
        self.env = {versleuteling.IDENTITEIT_ENV: str(self.pad)}


@pytest.fixture
def sleutels(tmp_path: Path) -> dict[str, Sleutel]:
    map_ = tmp_path / "sleutels"
    map_.mkdir()
    return {n: Sleutel(map_, n) for n in ("ilse", "jan", "kim")}


@pytest.fixture
def vjp(jp: Cli, sleutels: dict[str, Sleutel], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Een versleutelde repository met Ilse als enige ontvanger; Ilse is ontgrendeld."""
    monkeypatch.setenv(versleuteling.IDENTITEIT_ENV, str(sleutels["ilse"].pad))
    r = jp("versleuteling", "aan", "--ontvanger", f"Ilse IB={sleutels['ilse'].publiek}")
    assert "versleuteling aan: 0 plannen versleuteld voor 1 ontvanger" in r.stderr
    return jp


def plan_bytes(root: Path, ident: str) -> bytes:
    return (root / "casussen" / ident / "plan.yaml").read_bytes()


def alle_blobs(root: Path) -> bytes:
    """De inhoud van elk object in git (alle versies van alle bestanden, commits, trees)."""
    return subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=root,
                          capture_output=True, check=True).stdout


def werkmap_bytes(root: Path) -> bytes:
    uit = b""
    for pad in root.rglob("*"):
        if pad.is_file() and ".git" not in pad.relative_to(root).parts:
            uit += pad.read_bytes()
    return uit


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})}).stdout


# --- de bouwstenen -----------------------------------------------------------------------


def test_rondreis_en_herkenning(sleutels: dict[str, Sleutel], monkeypatch) -> None:
    tekst = "kind:\n  achternaam: Zwartkop\n  opmerking: 'één – twee'\n".encode()
    ontvangers = [Ontvanger("Ilse", sleutels["ilse"].publiek),
                  Ontvanger("Jan", sleutels["jan"].publiek)]
    geheim = versleuteling.versleutel(tekst, ontvangers)
    assert geheim.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert geheim.decode("ascii")  # armor: gewone tekst voor git
    assert NAAM.encode() not in geheim
    assert is_versleuteld(geheim) and not is_versleuteld(tekst)
    assert versleuteling.ontsleutel(tekst, "x") == tekst  # gewoon plan: ongewijzigd
    with pytest.raises(versleuteling.Vergrendeld):
        versleuteling.ontsleutel(geheim, "x")
    for wie in ("ilse", "jan"):
        monkeypatch.setenv(versleuteling.IDENTITEIT_ENV, str(sleutels[wie].pad))
        assert versleuteling.ontsleutel(geheim, "x") == tekst
    monkeypatch.setenv(versleuteling.IDENTITEIT_ENV, str(sleutels["kim"].pad))
    with pytest.raises(versleuteling.PlanOngeldig, match="niet voor uw sleutel"):
        versleuteling.ontsleutel(geheim, "x")


@pytest.mark.parametrize(("tekst", "seconden"), [("8u", 8 * 3600), ("30m", 1800),
                                                  ("1u30m", 5400), ("90", 90), ("2s", 2)])
def test_duur(tekst: str, seconden: int) -> None:
    assert versleuteling.duur_uit_tekst(tekst) == seconden


@pytest.mark.parametrize("tekst", ["", "acht uur", "0", "8d", "999u"])
def test_duur_ongeldig(tekst: str) -> None:
    with pytest.raises(versleuteling.JeugdplanError, match="--duur"):
        versleuteling.duur_uit_tekst(tekst)


# --- niets leesbaar op schijf of in git --------------------------------------------------


def test_geen_leesbare_gegevens_in_werkmap_en_git(vjp: Cli, repo_pad: Path, kind) -> None:
    ident = kind(achternaam=NAAM)
    vjp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", f"{NAAM} slaat")
    vjp("journaal", "add", ident, "--tekst", f"Gesprek met moeder {NAAM}")
    vjp("list")
    vjp("check")
    assert is_versleuteld(plan_bytes(repo_pad, ident))
    assert NAAM.encode() not in werkmap_bytes(repo_pad)
    assert NAAM.encode() not in alle_blobs(repo_pad)
    # commitberichten staan leesbaar in git: alleen het id, geen details over het kind
    assert git_log(repo_pad)[:3] == [f"Ilse IB|{ident}: plan gewijzigd (details versleuteld)"] * 2 \
        + [f"Ilse IB|{ident}: nieuw plan aangemaakt"]
    assert not any(NAAM in regel for regel in git_log(repo_pad))
    # de details per veld ziet wie de sleutel heeft
    assert "signaal toegevoegd: s1 (gedrag)" in vjp("log", ident).stdout
    # wat we schreven is wel te lezen met de sleutel
    assert f"Sanne {NAAM}" in vjp("show", ident).stdout
    assert not git(repo_pad, "status", "--porcelain")


def test_ontvangers_yaml_en_gitattributes_vastgelegd(vjp: Cli, repo_pad: Path,
                                                     sleutels: dict[str, Sleutel]) -> None:
    tekst = (repo_pad / "ontvangers.yaml").read_text()
    assert sleutels["ilse"].publiek in tekst and "AGE-SECRET-KEY" not in tekst
    assert "casussen/*/plan.yaml diff=jeugdplan" in (repo_pad / ".gitattributes").read_text()
    assert "ontvangers.yaml" in git(repo_pad, "ls-files")
    assert git_log(repo_pad)[0].startswith("Ilse IB|jeugdplan: versleuteling aan")


def test_aanzetten_versleutelt_bestaande_plannen(jp: Cli, repo_pad: Path, kind,
                                                 sleutels: dict[str, Sleutel],
                                                 monkeypatch) -> None:
    from jeugdplan.opslag.cache import cachebestand

    ident = kind(achternaam=NAAM)
    jp("list")
    leesbaar = cachebestand(repo_pad)  # de cache van vóór de versleuteling
    assert leesbaar.exists()
    (repo_pad / ".jeugdplan").mkdir(exist_ok=True)
    cache = repo_pad / ".jeugdplan" / "cache-v1.sqlite"  # een cache van een oudere versie
    cache.write_bytes(NAAM.encode())
    index = repo_pad / ".jeugdplan" / "cache-v1.sqlite-kandidaten"
    index.write_bytes(NAAM.encode())
    # alleen een publieke sleutel in de configuratiemap: aanzetten kan zonder ontgrendelen
    versleuteling._schrijf_prive(versleuteling.publiek_pad(),
                                 (sleutels["ilse"].publiek + "\n").encode())
    r = jp("versleuteling", "aan", "--naam", "Ilse IB")
    assert "1 plan versleuteld" in r.stderr
    assert "onversleutelde versies van de plannen staan nog leesbaar in de git-geschiedenis" \
        in r.stderr
    assert is_versleuteld(plan_bytes(repo_pad, ident))
    assert NAAM.encode() not in werkmap_bytes(repo_pad)
    assert not cache.exists()  # de oude cache in de repository bevatte namen
    assert not index.exists()
    assert not leesbaar.exists()
    assert "Ilse IB" in (repo_pad / "ontvangers.yaml").read_text()
    assert not git(repo_pad, "status", "--porcelain")
    jp("show", ident, code=1)
    monkeypatch.setenv(versleuteling.IDENTITEIT_ENV, str(sleutels["ilse"].pad))
    assert NAAM in jp("show", ident).stdout
    r = jp("versleuteling", "aan", code=1)
    assert "staat al aan" in r.stderr


def test_aanzetten_weigert_als_u_zichzelf_buitensluit(jp: Cli, repo_pad: Path, kind,
                                                      sleutels: dict[str, Sleutel],
                                                      monkeypatch) -> None:
    ident = kind()
    voor = plan_bytes(repo_pad, ident)
    kop = git(repo_pad, "rev-parse", "HEAD")
    r = jp("versleuteling", "aan", code=1)
    assert "u hebt nog geen sleutel" in r.stderr
    monkeypatch.setenv(versleuteling.IDENTITEIT_ENV, str(sleutels["ilse"].pad))
    r = jp("versleuteling", "aan", "--ontvanger", f"Jan={sleutels['jan'].publiek}", code=1)
    assert "uw eigen sleutel staat niet bij de ontvangers" in r.stderr
    for fout, melding in ((f"Jan={sleutels['jan'].identiteit}", "GEHEIME sleutel"),
                          ("Jan=ssh-ed25519 AAAA", "onbekend sleutelformaat"),
                          (f"Jan={sleutels['jan'].publiek[:-3]}xyz", "ongeldige age-sleutel")):
        r = jp("versleuteling", "aan", "--ontvanger", fout, code=1)
        assert melding in r.stderr and "Traceback" not in r.stderr + r.stdout
    jp("versleuteling", "aan", "--ontvanger", "zonder-sleutel", code=2)
    assert plan_bytes(repo_pad, ident) == voor
    assert git(repo_pad, "rev-parse", "HEAD") == kop
    assert not (repo_pad / "ontvangers.yaml").exists()


# --- lezen met en zonder sleutel ---------------------------------------------------------


def test_opdrachten_ontgrendeld_en_vergrendeld(vjp: Cli, repo_pad: Path, kind,
                                               monkeypatch) -> None:
    # `show --op` leest de git-geschiedenis: de commitdatum vast op de dag van de tests.
    for soort in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{soort}_DATE", "2026-11-25T10:00:00")
    ident = kind(achternaam=NAAM)
    vjp("signaal", "add", ident, "--domein", "verzuim", "--omschrijving", "Komt niet")
    assert NAAM in vjp("show", ident).stdout
    assert ident in vjp("list").stdout
    vjp("check")
    assert "Thuiszitters" in vjp("report", "thuiszitters").stdout
    assert vjp.json("log", ident)
    assert "casus aangemaakt" in vjp("diff", ident, "--sinds", "2026-01-01").stdout
    assert NAAM in vjp("export", ident, "--aanvrager", "ouder").stdout
    assert NAAM in vjp("show", ident, "--op", "2026-11-25").stdout
    monkeypatch.delenv(versleuteling.IDENTITEIT_ENV)
    # ook met een warme cache: vergrendeld is vergrendeld
    for args in (["show", ident], ["list"], ["check"], ["report", "thuiszitters"],
                 ["log", ident], ["diff", ident, "--sinds", "2026-01-01"],
                 ["export", ident, "--aanvrager", "ouder"],
                 ["show", ident, "--op", "2026-11-25"], ["report", "plan", ident],
                 ["signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x"]):
        r = vjp(*args, code=1)
        assert r.stderr == VERGRENDELD, args
        assert NAAM not in r.stdout
    assert not git(repo_pad, "status", "--porcelain")


def test_nieuw_plan_vraagt_ontgrendelde_sleutel(vjp: Cli, repo_pad: Path, kind,
                                                 monkeypatch) -> None:
    """`new` zoekt naar een bestaand plan voor hetzelfde kind: dat vraagt de sleutel."""
    kind()
    monkeypatch.delenv(versleuteling.IDENTITEIT_ENV)
    kop = git(repo_pad, "rev-parse", "HEAD")
    r = vjp("new", "--voornaam", "Bram", "--achternaam", NAAM, "--geboortedatum", "2015-01-02",
            "--gemeente", "Velsen", "--school", "De Windroos", "--onderwijssoort", "po", code=1)
    assert r.stderr == VERGRENDELD
    assert git(repo_pad, "rev-parse", "HEAD") == kop
    assert NAAM.encode() not in werkmap_bytes(repo_pad)


def test_beschadigde_ciphertext(vjp: Cli, repo_pad: Path, kind) -> None:
    goed, kapot = kind(), kind(voornaam="Bram")
    pad = repo_pad / "casussen" / kapot / "plan.yaml"
    regels = pad.read_bytes().splitlines(keepends=True)
    # een teken in de versleutelde inhoud (na de kop) anders
    regels[10] = regels[10][:10] + (b"A" if regels[10][10:11] != b"A" else b"B") + regels[10][11:]
    pad.write_bytes(b"".join(regels))
    r = vjp("show", kapot, code=1)
    assert "het versleutelde bestand is beschadigd" in r.stderr
    assert "Traceback" not in r.stderr
    r = vjp("check", code=1)
    assert f"casussen/{kapot}/plan.yaml: kan niet ontsleuteld worden" in r.stdout + r.stderr
    assert goed in vjp("list").stdout


def test_plan_niet_voor_mij(vjp: Cli, kind, sleutels: dict[str, Sleutel]) -> None:
    ident = kind()
    r = vjp("show", ident, code=1, env=sleutels["kim"].env)
    assert "niet voor uw sleutel versleuteld" in r.stderr


# --- stabiele ciphertext -----------------------------------------------------------------


def test_ongewijzigd_plan_houdt_zijn_ciphertext(vjp: Cli, repo_pad: Path, kind) -> None:
    from jeugdplan.opslag.store import Repo

    a, b = kind(), kind(voornaam="Bram")
    voor = plan_bytes(repo_pad, a)
    vjp("signaal", "add", b, "--domein", "gedrag", "--omschrijving", "Slaat")
    vjp("check")
    vjp("list")
    assert plan_bytes(repo_pad, a) == voor
    # dezelfde inhoud opnieuw schrijven via de schrijfweg: geen nieuwe ciphertext
    r = Repo.open(repo_pad)
    geladen = r.laad(a)
    r._schrijf(geladen.pad, geladen.doc)
    assert plan_bytes(repo_pad, a) == voor
    assert not git(repo_pad, "status", "--porcelain")
    # een echte wijziging geeft wel nieuwe bytes
    vjp("signaal", "add", a, "--domein", "gedrag", "--omschrijving", "Slaat")
    assert plan_bytes(repo_pad, a) != voor


# --- ontvangers beheren ------------------------------------------------------------------


def test_ontvanger_toevoegen_en_verwijderen(vjp: Cli, repo_pad: Path, kind,
                                            sleutels: dict[str, Sleutel]) -> None:
    a = kind(achternaam=NAAM)
    kind(voornaam="Bram")
    vjp("show", a, code=1, env=sleutels["jan"].env)
    voor = plan_bytes(repo_pad, a)
    r = vjp("versleuteling", "ontvanger", "add", "Jan JMW", sleutels["jan"].publiek)
    assert "2 plannen opnieuw versleuteld voor 2 ontvangers" in r.stderr
    assert plan_bytes(repo_pad, a) != voor
    assert NAAM in vjp("show", a, env=sleutels["jan"].env).stdout
    assert not git(repo_pad, "status", "--porcelain")
    assert git_log(repo_pad)[0] == ("Ilse IB|jeugdplan: ontvanger Jan JMW toegevoegd (alle "
                                    "plannen opnieuw versleuteld)")
    status = vjp.json("versleuteling", "status")
    assert [o["naam"] for o in status["ontvangers"]] == ["Ilse IB", "Jan JMW"]
    assert status["plannen_versleuteld"] == 2 and status["plannen_onversleuteld"] == []
    assert status["eigen_sleutel_is_ontvanger"] and status["ontgrendeld"]

    # dubbel, onbekend formaat: niets gewijzigd
    kop = git(repo_pad, "rev-parse", "HEAD")
    vjp("versleuteling", "ontvanger", "add", "jan jmw", sleutels["kim"].publiek, code=1)
    r = vjp("versleuteling", "ontvanger", "add", "Kim", "age1bestaatniet", code=1)
    assert "ongeldige age-sleutel" in r.stderr
    r = vjp("versleuteling", "ontvanger", "add", "Kim", "ssh-rsa AAAA", code=1)
    assert "onbekend sleutelformaat" in r.stderr
    assert git(repo_pad, "rev-parse", "HEAD") == kop

    r = vjp("versleuteling", "ontvanger", "remove", "Jan JMW")
    assert "Jan JMW kan de plannen vanaf nu niet meer lezen" in r.stderr
    assert "oudere versies in de git-geschiedenis en in bestaande klonen" in r.stderr
    r = vjp("show", a, code=1, env=sleutels["jan"].env)
    assert "niet voor uw sleutel versleuteld" in r.stderr
    assert NAAM in vjp("show", a).stdout
    # zichzelf verwijderen (of de laatste) sluit u buiten: geweigerd
    r = vjp("versleuteling", "ontvanger", "remove", "Ilse IB", code=1)
    assert "laatste ontvanger" in r.stderr
    vjp("versleuteling", "ontvanger", "add", "Kim", sleutels["kim"].publiek)
    r = vjp("versleuteling", "ontvanger", "remove", "Ilse IB", code=1)
    assert "uw eigen sleutel staat niet bij de ontvangers" in r.stderr
    r = vjp("versleuteling", "ontvanger", "remove", "Piet", code=1)
    assert "geen ontvanger 'Piet'" in r.stderr


def test_ontvanger_beheren_vraagt_ontgrendelde_sleutel(vjp: Cli, repo_pad: Path, kind,
                                                       sleutels: dict[str, Sleutel],
                                                       monkeypatch) -> None:
    kind()
    monkeypatch.delenv(versleuteling.IDENTITEIT_ENV)
    r = vjp("versleuteling", "ontvanger", "add", "Jan", sleutels["jan"].publiek, code=1)
    assert r.stderr == VERGRENDELD
    assert "Jan" not in (repo_pad / "ontvangers.yaml").read_text()


def test_herversleutel_onversleuteld_plan(vjp: Cli, repo_pad: Path, kind) -> None:
    """Een plan dat (bijvoorbeeld met de hand gekopieerd) leesbaar op schijf staat."""
    ident = kind(achternaam=NAAM)
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    pad.write_bytes(versleuteling.lees_plan_bytes(pad, "p"))
    git(repo_pad, "commit", "-qam", f"{ident}: met de hand")
    assert vjp.json("versleuteling", "status")["plannen_onversleuteld"] == [ident]
    assert "onversleuteld op schijf" in vjp("versleuteling", "status").stdout
    vjp("versleuteling", "herversleutel")
    assert is_versleuteld(pad.read_bytes())
    assert vjp.json("versleuteling", "status")["plannen_onversleuteld"] == []


# --- cache en bewaarde bewerkingen -------------------------------------------------------


def test_cache_lokaal_en_niet_in_de_repository(vjp: Cli, repo_pad: Path, kind,
                                               lokale_mappen: Path) -> None:
    kind(achternaam=NAAM)
    vjp("list")
    vjp("report", "thuiszitters")
    assert not (repo_pad / ".jeugdplan" / "cache-v1.sqlite").exists()
    caches = list((lokale_mappen / "cache" / "jeugdplan").glob("cache-*.sqlite"))
    assert len(caches) == 1
    assert stat.S_IMODE(caches[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(caches[0].parent.stat().st_mode) == 0o700
    assert vjp.json("versleuteling", "status")["cache"] == str(caches[0])


def test_cache_staat_nooit_in_de_repository(jp: Cli, repo_pad: Path, kind) -> None:
    from jeugdplan.opslag.cache import cachebestand

    kind()
    jp("list")
    assert not list(repo_pad.rglob("*.sqlite*"))
    status = jp.json("versleuteling", "status")
    assert status["versleuteld"] is False and status["cache"] == str(cachebestand(repo_pad))


def test_edit_bewaart_bewerking_lokaal(vjp: Cli, repo_pad: Path, kind, tmp_path: Path,
                                       lokale_mappen: Path) -> None:
    ident = kind(achternaam=NAAM)
    editor = tmp_path / "editor.py"
    editor.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      f"p.write_text(p.read_text().replace('id: {ident}', 'id: ANDER'))\n")
    r = vjp("edit", ident, env={"EDITOR": f"{sys.executable} {editor}"}, code=1)
    assert "het plan is niet opgeslagen" in r.stderr
    bewaard = list((lokale_mappen / "state" / "jeugdplan").glob(f"bewerkingen/*/{ident}.yaml"))
    assert len(bewaard) == 1 and str(bewaard[0]) in r.stderr
    assert stat.S_IMODE(bewaard[0].parent.stat().st_mode) == 0o700
    assert not (repo_pad / ".jeugdplan" / "bewerk").exists()
    assert NAAM.encode() not in werkmap_bytes(repo_pad)


def test_edit_versleuteld_vastgelegd(vjp: Cli, repo_pad: Path, kind, tmp_path: Path) -> None:
    ident = kind(achternaam=NAAM)
    editor = tmp_path / "editor.py"
    editor.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text().replace('krachten: []', "
                      "'krachten:\\n  - tekent graag'))\n")
    r = vjp("edit", ident, env={"EDITOR": f"{sys.executable} {editor}"})
    assert "opgeslagen en vastgelegd (krachten)" in r.stderr
    assert is_versleuteld(plan_bytes(repo_pad, ident))
    assert "tekent graag" in vjp("show", ident).stdout
    assert NAAM.encode() not in werkmap_bytes(repo_pad)


# --- git: diff, geschiedenis, samenvoegen ------------------------------------------------


def test_git_diff_leesbaar_met_sleutel(vjp: Cli, repo_pad: Path, kind,
                                       sleutels: dict[str, Sleutel]) -> None:
    ident = kind()
    vjp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Slaat klasgenoten")
    met = git(repo_pad, "log", "-p", "-1", env=sleutels["ilse"].env)
    assert "+    omschrijving: Slaat klasgenoten" in met
    zonder_env = {k: v for k, v in os.environ.items() if k != versleuteling.IDENTITEIT_ENV}
    zonder = subprocess.run(["git", "log", "-p", "-1"], cwd=repo_pad, capture_output=True,
                            text=True, check=True, env=zonder_env).stdout
    assert "Slaat" not in zonder
    assert "+# versleuteld plan (versie" in zonder
    assert "textconv" in git(repo_pad, "config", "diff.jeugdplan.textconv")
    # nooit cachetextconv: git zou de leesbare tekst dan in .git bewaren
    assert subprocess.run(["git", "config", "--get", "diff.jeugdplan.cachetextconv"],
                          cwd=repo_pad).returncode == 1


def test_twee_klonen_gelijktijdig_samengevoegd(vjp: Cli, repo_pad: Path, kind, tmp_path: Path,
                                               sleutels: dict[str, Sleutel]) -> None:
    ident = kind(achternaam=NAAM)
    vjp("versleuteling", "ontvanger", "add", "Jan JMW", sleutels["jan"].publiek)
    kloon = deel_en_kloon(vjp, repo_pad, tmp_path, "kloon-jan")
    jan = Cli(kloon)
    assert is_versleuteld(plan_bytes(kloon, ident))
    jan("sync", env=sleutels["jan"].env)  # zet driver en textconv in deze kloon
    jan("versleuteling", "ontvanger", "bevestig", env=sleutels["jan"].env)
    # tegelijk: Ilse voegt een doel toe, Jan een signaal, aan hetzelfde plan
    vjp("doel", "add", ident, "--omschrijving", "Speelt in de pauze")
    jan("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Slaat",
        env=sleutels["jan"].env)
    jan("sync", env=sleutels["jan"].env)
    # vergrendeld samenvoegen: een duidelijke fout, er verandert niets
    kop = git(repo_pad, "rev-parse", "HEAD")
    zonder = {versleuteling.IDENTITEIT_ENV: ""}
    assert vjp("sync", code=1, env=zonder).stderr == VERGRENDELD
    assert git(repo_pad, "rev-parse", "HEAD") == kop and not git(repo_pad, "status", "--porcelain")
    uit = vjp.json("sync")
    assert uit["samengevoegd"] is True and uit["meldingen"] == []
    jan("sync", env=sleutels["jan"].env)
    for root, sleutel in ((repo_pad, "ilse"), (kloon, "jan")):
        assert is_versleuteld(plan_bytes(root, ident))
        assert NAAM.encode() not in werkmap_bytes(root)
        toon = Cli(root)("show", ident, env=sleutels[sleutel].env).stdout
        assert "Speelt in de pauze" in toon and "Slaat" in toon
        assert not git(root, "status", "--porcelain")
    assert plan_bytes(repo_pad, ident) == plan_bytes(kloon, ident)
    assert NAAM.encode() not in alle_blobs(tmp_path / "gedeeld.git")


def test_ontvanger_erbij_terwijl_collega_een_ander_plan_wijzigt(
        vjp: Cli, repo_pad: Path, kind, tmp_path: Path, sleutels: dict[str, Sleutel]) -> None:
    """Ilse voegt Kim toe terwijl Jan een ander plan wijzigt (nog voor de oude ontvangers
    versleuteld): na sync kan Kim alles lezen, in beide klonen."""
    a, b = kind(), kind(voornaam="Bram", achternaam=NAAM)
    vjp("versleuteling", "ontvanger", "add", "Jan JMW", sleutels["jan"].publiek)
    kloon = deel_en_kloon(vjp, repo_pad, tmp_path, "kloon-jan")
    jan = Cli(kloon)
    jan("sync", env=sleutels["jan"].env)
    jan("versleuteling", "ontvanger", "bevestig", env=sleutels["jan"].env)
    jan("signaal", "add", b, "--domein", "gedrag", "--omschrijving", "Slaat",
        env=sleutels["jan"].env)
    jan("sync", env=sleutels["jan"].env)
    vjp("versleuteling", "ontvanger", "add", "Kim", sleutels["kim"].publiek)
    vjp("doel", "add", a, "--omschrijving", "Speelt in de pauze")
    r = vjp("sync")
    assert "de ontvangers veranderden bij deze sync: 2 plannen opnieuw versleuteld" in r.stderr
    jan("sync", env=sleutels["jan"].env)
    for root in (repo_pad, kloon):
        kim = Cli(root)
        assert "Slaat" in kim("show", b, env=sleutels["kim"].env).stdout
        assert "Speelt in de pauze" in kim("show", a, env=sleutels["kim"].env).stdout
        assert not git(root, "status", "--porcelain")
    assert git(repo_pad, "rev-parse", "HEAD") == git(kloon, "rev-parse", "HEAD")


# --- sleutel maken, ontgrendelen, verlopen -----------------------------------------------


def test_sleutel_maak_ontgrendel_vergrendel(jp: Cli, lokale_mappen: Path) -> None:
    """Eén test voor alles met scrypt (elk wachtwoord kost ruim een seconde)."""
    config = lokale_mappen / "config" / "jeugdplan"
    r = jp("sleutel", "maak", "--wachtwoord-stdin", invoer="kort\n", code=1)
    assert "te kort" in r.stderr and not config.exists()
    r = jp("sleutel", "ontgrendel", "--wachtwoord-stdin", invoer="iets\n", code=1)
    assert "u hebt nog geen sleutel" in r.stderr
    assert "geen sleutel" in jp("sleutel", "status").stdout
    r = jp("sleutel", "maak", "--wachtwoord-stdin", invoer="lang genoeg wachtwoord\n")
    publiek = r.stdout.strip()
    assert publiek.startswith("age1")
    geheim = config / "identiteit.age"
    assert stat.S_IMODE(geheim.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.stat().st_mode) == 0o700
    assert b"AGE-SECRET-KEY" not in geheim.read_bytes()
    r = jp("sleutel", "maak", "--wachtwoord-stdin", invoer="lang genoeg wachtwoord\n", code=1)
    assert "er is al een sleutel" in r.stderr
    assert jp.json("sleutel", "status")["ontgrendeld"] is False

    sessie = lokale_mappen / "run" / "jeugdplan" / "sessie.json"
    r = jp("sleutel", "ontgrendel", "--wachtwoord-stdin", invoer="verkeerd wachtwoord\n", code=1)
    assert r.stderr == ("fout: onjuist wachtwoord (of het sleutelbestand is beschadigd); de "
                        "sleutel blijft vergrendeld\n")
    assert not sessie.exists()
    jp("sleutel", "ontgrendel", "--wachtwoord-stdin", "--duur", "2u",
       invoer="lang genoeg wachtwoord\n")
    assert stat.S_IMODE(sessie.stat().st_mode) == 0o600
    st = jp.json("sleutel", "status")
    assert st["ontgrendeld"] is True and st["publiek"] == publiek
    assert "ontgrendeld tot" in jp("sleutel", "status").stdout

    # met deze sessie een versleutelde repository gebruiken
    jp("versleuteling", "aan")
    ident = jp.json("new", "--voornaam", "Sanne", "--achternaam", NAAM, "--geboortedatum",
                    "2016-04-03", "--gemeente", "Velsen", "--school", "De Windroos",
                    "--onderwijssoort", "po")["id"]
    assert NAAM in jp("show", ident).stdout

    # verlopen: de sessie telt niet meer en wordt opgeruimd
    data = json.loads(sessie.read_text())
    data["verloopt"] = time.time() - 1
    sessie.write_text(json.dumps(data))
    assert jp("show", ident, code=1).stderr == VERGRENDELD
    assert not sessie.exists()
    assert jp.json("sleutel", "status")["ontgrendeld"] is False

    jp("sleutel", "ontgrendel", "--wachtwoord-stdin", invoer="lang genoeg wachtwoord\n")
    assert "sleutel vergrendeld" in jp("sleutel", "vergrendel").stderr
    assert not sessie.exists()
    assert jp("show", ident, code=1).stderr == VERGRENDELD
    assert "al vergrendeld" in jp("sleutel", "vergrendel").stderr


def test_beschadigde_sessie_is_vergrendeld(lokale_mappen: Path) -> None:
    sessie = versleuteling.sessie_pad()
    sessie.parent.mkdir(parents=True)
    sessie.write_text("{kapot")
    assert versleuteling.identiteiten() == []
    assert not sessie.exists()


def test_sessie_zonder_runtime_map(monkeypatch, lokale_mappen: Path) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert versleuteling.sessie_pad().is_relative_to(lokale_mappen / "cache")


def test_onbruikbare_configuratiemap(jp: Cli, lokale_mappen: Path, monkeypatch) -> None:
    bestand = lokale_mappen / "geen-map"
    bestand.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(bestand))
    r = jp("sleutel", "maak", "--wachtwoord-stdin", invoer="lang genoeg wachtwoord\n", code=1)
    assert r.stderr.startswith("fout: kan de map ") and "Traceback" not in r.stderr


def test_zonder_pyrage_een_duidelijke_fout(vjp: Cli, kind, monkeypatch) -> None:
    ident = kind()
    monkeypatch.setitem(sys.modules, "pyrage", None)  # import pyrage geeft nu ImportError
    versleuteling._geladen.clear()
    for args in (["show", ident], ["sleutel", "maak", "--wachtwoord-stdin"]):
        r = vjp(*args, code=1, invoer="lang genoeg wachtwoord\n")
        assert "pip install 'jeugdplan[versleuteling]'" in r.stderr, args
        assert "Traceback" not in r.stderr


def test_geen_terminal_zonder_wachtwoord_stdin(jp: Cli) -> None:
    r = jp("sleutel", "ontgrendel", code=1)
    assert "gebruik --wachtwoord-stdin" in r.stderr


# --- opstarttijd -------------------------------------------------------------------------


def test_pyrage_niet_geladen_in_gewone_repository(repo_pad: Path, kind: Callable[..., str]
                                                  ) -> None:
    ident = kind()
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom jeugdplan.cli.main import app\n"
            f"for args in (['list'], ['check'], ['show', {ident!r}]):\n"
            f"    r = CliRunner().invoke(app, ['--dir', {str(repo_pad)!r}, *args])\n"
            "    assert r.exit_code == 0, r.output\n"
            "print('pyrage' in sys.modules)\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert uit.strip() == "False"


def test_zonder_lokale_cachemap_werkt_alles_zonder_cache(vjp: Cli, repo_pad: Path, kind,
                                                         lokale_mappen: Path,
                                                         monkeypatch) -> None:
    ident = kind()
    bestand = lokale_mappen / "geen-map"
    bestand.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(bestand))  # een bestand: daar kan geen map in
    assert ident in vjp("list").stdout
    assert not (repo_pad / ".jeugdplan" / "cache-v1.sqlite").exists()


def test_andere_kloon_ruimt_leesbare_bewerkingen_op(
        jp: Cli, repo_pad: Path, kind, tmp_path: Path, sleutels: dict[str, Sleutel],
        lokale_mappen: Path, monkeypatch) -> None:
    """Versleuteling wordt in kloon A aangezet; kloon B had nog een leesbare cache en een
    bewaarde bewerking in de repository: na sync staan die daar niet meer."""
    ident = kind(achternaam=NAAM)
    kloon = deel_en_kloon(jp, repo_pad, tmp_path, "kloon-b")
    b = Cli(kloon)
    b("sync")
    b("list")
    bewerking = kloon / ".jeugdplan" / "bewerk" / f"{ident}.yaml"
    bewerking.parent.mkdir(parents=True)
    bewerking.write_text(f"achternaam: {NAAM}\n")
    monkeypatch.setenv(versleuteling.IDENTITEIT_ENV, str(sleutels["ilse"].pad))
    jp("versleuteling", "aan", "--ontvanger", f"Ilse IB={sleutels['ilse'].publiek}")
    jp("sync")
    b("sync")
    r = b("list")
    assert ident in r.stdout
    assert f"bewaarde bewerking {ident}.yaml verplaatst" in r.stderr
    assert NAAM.encode() not in werkmap_bytes(kloon)
    assert not list(kloon.rglob("*.sqlite*"))
    assert list((lokale_mappen / "state" / "jeugdplan").glob(f"bewerk-*/{ident}.yaml"))


def test_casus_id_botsing_bij_sync_houdt_geschiedenis(vjp: Cli, repo_pad: Path, tmp_path: Path,
                                                      sleutels: dict[str, Sleutel]) -> None:
    """git herkent de hernoeming van een versleuteld plan niet (andere ciphertext); de
    geschiedenis van de hernoemde casus gaat toch terug tot het aanmaken."""
    import jeugdplan.diensten.plannen as plannen

    vjp("versleuteling", "ontvanger", "add", "Jan JMW", sleutels["jan"].publiek)
    kloon = deel_en_kloon(vjp, repo_pad, tmp_path, "kloon-jan")
    jan = Cli(kloon)
    jan("sync", env=sleutels["jan"].env)
    jan("versleuteling", "ontvanger", "bevestig", env=sleutels["jan"].env)
    with pytest.MonkeyPatch.context() as mp:  # niet monkeypatch.undo(): dat wist ook de omgeving
        mp.setattr(plannen, "nieuw_id", lambda jaar, bestaat: "2026-BOTSEN")
        vjp.json("new", "--voornaam", "Sanne", "--achternaam", NAAM, "--geboortedatum",
                 "2016-04-03", "--gemeente", "Velsen", "--school", "A", "--onderwijssoort", "po")
        jan("new", "--voornaam", "Piet", "--achternaam", "Jansen", "--geboortedatum",
            "2015-01-01", "--gemeente", "Velsen", "--school", "B", "--onderwijssoort", "po",
            env=sleutels["jan"].env)
    jan("journaal", "add", "2026-BOTSEN", "--tekst", "Piet is aangemeld", env=sleutels["jan"].env)
    vjp("sync")
    uit = json.loads(jan("sync", "--json", env=sleutels["jan"].env).stdout)
    nieuw = uit["hernoemd"][0]["naar"]
    assert is_versleuteld(plan_bytes(kloon, nieuw))
    log = json.loads(jan("log", nieuw, "--json", env=sleutels["jan"].env).stdout)
    assert len(log) == 3  # aangemaakt, journaal, hernoemd
    assert {v["auteur"] for v in log} == {"Ilse IB"}  # de omgeving van de test bleef staan
    assert log[-1]["wijzigingen"][0]["soort"] == "aangemaakt"
    assert "Piet" in jan("show", nieuw, env=sleutels["jan"].env).stdout
