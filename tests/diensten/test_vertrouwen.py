"""Niets vertrouwen wat via de gedeelde remote binnenkomt (issue 14).

Elke test speelt een aanval na met een kale gedeelde repository, de kloon van het slachtoffer
(`jp`, Ilse) en een kloon van een aanvaller (Mallory) die wel mag pushen maar geen sleutel
heeft. Elke aanval moet mislukken met een duidelijke melding, zonder dat er iets lekt of
verloren gaat.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, deel_en_kloon

NAAM = "Zwartkop"
"""Een achternaam die nergens anders voorkomt: zo zoeken we naar lekken."""
GEHEIM = "GEHEIM-sleutelmateriaal-7f3a"
MALLORY = {"GIT_AUTHOR_NAME": "Mallory", "GIT_AUTHOR_EMAIL": "m@example",
           "GIT_COMMITTER_NAME": "Mallory", "GIT_COMMITTER_EMAIL": "m@example"}


def git(pad: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    return subprocess.run(["git", *args], cwd=pad, capture_output=True, text=True, check=check,
                          env={**os.environ, **(env or {})}).stdout


def push_als_mallory(m: Path, bericht: str = "wijziging") -> None:
    git(m, "add", "-A", "-f", ".")
    git(m, "commit", "-qm", bericht, env=MALLORY)
    git(m, "push", "-q", "origin", "main", env=MALLORY)


def alle_blobs(root: Path) -> bytes:
    return subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=root,
                          capture_output=True, check=True).stdout


def plan_pad(root: Path, ident: str) -> Path:
    return root / "casussen" / ident / "plan.yaml"


@pytest.fixture
def gedeeld(jp: Cli, repo_pad: Path, tmp_path: Path, kind) -> tuple[str, Path]:
    """Ilse (`jp`) deelt een casus via `gedeeld.git`; Mallory heeft een eigen kloon."""
    ident = kind(achternaam=NAAM)
    return ident, deel_en_kloon(jp, repo_pad, tmp_path, "mallory")


def _ongewijzigd(jp: Cli, repo_pad: Path, tmp_path: Path, *args: str, melding: str) -> str:
    """`jp(*args)` weigert met `melding`; HEAD, werkmap en remote blijven gelijk."""
    voor = (git(repo_pad, "rev-parse", "HEAD"), git(repo_pad, "status", "--porcelain"),
            git(tmp_path / "gedeeld.git", "rev-parse", "main"))
    r = jp(*args, code=1)
    assert melding in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not (repo_pad / ".git" / "MERGE_HEAD").exists()
    assert voor == (git(repo_pad, "rev-parse", "HEAD"), git(repo_pad, "status", "--porcelain"),
                    git(tmp_path / "gedeeld.git", "rev-parse", "main"))
    return str(r.stderr)


# --- 1. symlinks ---------------------------------------------------------------------------


@pytest.mark.parametrize("naam", [".gitattributes", "ontvangers.yaml", "jeugdplan.yaml",
                                  "regio.yaml", "templates/plan.md.j2"])
def test_gepushte_symlink_wordt_geweigerd_en_niets_lekt(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                        gedeeld, naam: str) -> None:
    """Een `.gitattributes` (of ander gedeeld bestand) als symlink naar een geheim bestand van
    het slachtoffer (sessie, ~/.ssh/id_rsa): sync weigert, niets wordt gelezen of verstuurd."""
    _ident, m = gedeeld
    geheim = tmp_path / "id_rsa"
    geheim.write_text(GEHEIM + "\n")
    doel = m / naam
    doel.parent.mkdir(exist_ok=True)
    doel.unlink(missing_ok=True)
    doel.symlink_to(geheim)
    push_als_mallory(m)
    uit = _ongewijzigd(jp, repo_pad, tmp_path, "sync", melding=f"symlink binnen: {naam} (door "
                       "Mallory)")
    assert "er is niets samengevoegd" in uit
    assert GEHEIM.encode() not in alle_blobs(tmp_path / "gedeeld.git")
    assert not (repo_pad / naam).is_symlink()


@pytest.mark.parametrize("naam", [".gitattributes", "ontvangers.yaml", "jeugdplan.yaml",
                                  "regio.yaml", "templates", ".jeugdplan", "casussen"])
def test_symlink_in_de_werkmap_weigert_elke_opdracht(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                     kind, naam: str) -> None:
    ident = kind()
    geheim = tmp_path / "geheim"
    geheim.mkdir()
    (geheim / "x").write_text(GEHEIM)
    pad = repo_pad / naam
    if pad.is_dir():
        os.rename(pad, tmp_path / "weg")
    else:
        pad.unlink(missing_ok=True)
    pad.symlink_to(geheim if naam in ("templates", ".jeugdplan", "casussen") else geheim / "x")
    for args in (["list"], ["show", ident], ["signaal", "add", ident, "--domein", "gedrag",
                                              "--omschrijving", "x"], ["sync"]):
        r = jp(*args, code=1)
        assert r.stderr.startswith(f"fout: {naam} is een symlink; jeugdplan volgt nooit"), args
    assert (geheim / "x").read_text() == GEHEIM


def test_installeren_schrijft_nooit_door_een_symlink(repo_pad: Path, tmp_path: Path) -> None:
    from jeugdplan.diensten.mergedriver import installeer
    from jeugdplan.domein.errors import JeugdplanError

    geheim = tmp_path / "sessie.json"
    geheim.write_text(GEHEIM)
    (repo_pad / ".gitattributes").unlink()
    (repo_pad / ".gitattributes").symlink_to(geheim)
    with pytest.raises(JeugdplanError, match=r"\.gitattributes is een symlink"):
        installeer(repo_pad)
    assert geheim.read_text() == GEHEIM


def test_sjabloon_via_symlink_en_include_van_een_plan_geweigerd(jp: Cli, repo_pad: Path,
                                                                kind) -> None:
    """Een eigen sjabloon dat een ander plan insluit via een symlink: het 'anonieme' rapport
    zou een volledig plan bevatten."""
    ident = kind()
    ander = kind(voornaam="Bram", achternaam=NAAM, geboortedatum="2015-02-02")
    sjablonen = repo_pad / "templates"
    sjablonen.mkdir()
    (sjablonen / "plan.md.j2").write_text("{% include 'geheim.j2' %}\n")
    (sjablonen / "geheim.j2").symlink_to(plan_pad(repo_pad, ander))
    r = jp("report", "plan", ident, code=1)
    assert "templates/geheim.j2 is een symlink" in r.stderr and NAAM not in r.stdout
    (sjablonen / "plan.md.j2").unlink()
    (sjablonen / "plan.md.j2").symlink_to(plan_pad(repo_pad, ander))
    r = jp("report", "plan", ident, code=1)
    assert "templates/plan.md.j2 is een symlink" in r.stderr and NAAM not in r.stdout
    (sjablonen / "plan.md.j2").unlink()
    (sjablonen / "plan.md.j2").write_text("{% include '../casussen/" + ander + "/plan.yaml' %}")
    r = jp("report", "plan", ident, code=1)
    assert NAAM not in r.stdout


@pytest.mark.parametrize(("sjabloon", "melding"), [
    ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
     "lusdoorgangen"),
    ("{% for i in range(100) %}{{ 'x' * 100 }}{% endfor %}", "tekens uitvoer"),
    ("{{ 'x' * 100000000000 }}", "het resultaat van '*' is te groot"),
    ("{{ 2 ** 100000 }}", "exponent boven 64"),
])
def test_sjabloon_is_begrensd(jp: Cli, repo_pad: Path, kind, monkeypatch, sjabloon: str,
                              melding: str) -> None:
    from jeugdplan.rapporten import reports

    monkeypatch.setattr(reports, "MAX_STAPPEN", 10_000)
    monkeypatch.setattr(reports, "MAX_UITVOER", 5_000)
    ident = kind()
    (repo_pad / "templates").mkdir()
    (repo_pad / "templates" / "plan.md.j2").write_text(sjabloon)
    r = jp("report", "plan", ident, code=1)
    assert melding in r.stderr and "Traceback" not in r.stderr


# --- 2. versleuteling hoort bij de kloon ----------------------------------------------------

pyrage = pytest.importorskip("pyrage")


@pytest.fixture
def lokaal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    basis = tmp_path / "thuis"
    for naam, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                      ("XDG_STATE_HOME", "state"), ("XDG_RUNTIME_DIR", "run")):
        (basis / sub).mkdir(parents=True, mode=0o700)
        monkeypatch.setenv(naam, str(basis / sub))
    return basis


def _sleutel(map_: Path, naam: str) -> tuple[str, Path]:
    identiteit = pyrage.x25519.Identity.generate()
    pad = map_ / f"{naam}.key"
    pad.write_text(f"{identiteit}\n")
    return str(identiteit.to_public()), pad


@pytest.fixture
def versleuteld(jp: Cli, repo_pad: Path, tmp_path: Path, kind, lokaal, monkeypatch):
    """Versleutelde repository van Ilse (ontgrendeld), gedeeld; Jan is ontvanger; Mallory
    heeft een kloon en een eigen sleutel, maar is geen ontvanger."""
    from jeugdplan.opslag.versleuteling import IDENTITEIT_ENV

    sleutels = {n: _sleutel(tmp_path, n) for n in ("ilse", "jan", "mallory")}
    monkeypatch.setenv(IDENTITEIT_ENV, str(sleutels["ilse"][1]))
    jp("versleuteling", "aan", "--ontvanger", f"Ilse IB={sleutels['ilse'][0]}",
       "--ontvanger", f"Jan JMW={sleutels['jan'][0]}")
    ident = kind(achternaam=NAAM)
    m = deel_en_kloon(jp, repo_pad, tmp_path, "mallory")
    return ident, m, sleutels


def _kan_lezen(pad: Path, sleutel: Path) -> bool:
    identiteit = pyrage.x25519.Identity.from_str(sleutel.read_text().strip())
    try:
        pyrage.decrypt(pad.read_bytes(), [identiteit])
    except pyrage.DecryptError:
        return False
    return True


def test_ontvangers_weg_op_de_remote_zet_versleuteling_niet_uit(jp: Cli, repo_pad: Path,
                                                                 tmp_path: Path, versleuteld
                                                                 ) -> None:
    ident, m, _sleutels = versleuteld
    git(m, "rm", "-q", "ontvangers.yaml")
    push_als_mallory(m, "opruimen")
    r = jp("sync")
    assert "ontvangers.yaml is verwijderd door Mallory" in r.stderr
    assert "ontvangers.yaml  door Mallory  (let op: wie de plannen kan lezen)" in r.stdout
    assert not (repo_pad / "ontvangers.yaml").exists()
    jp("journaal", "add", ident, "--tekst", f"Gesprek over {NAAM}")
    jp("new", "--voornaam", "Piet", "--achternaam", NAAM, "--geboortedatum", "2015-01-01",
       "--gemeente", "Velsen", "--school", "B", "--onderwijssoort", "po")
    jp("sync")
    assert NAAM.encode() not in alle_blobs(tmp_path / "gedeeld.git")
    assert all("details versleuteld" in r or "nieuw plan" in r
               for r in git(repo_pad, "log", "-2", "--format=%s").splitlines())
    status = jp.json("versleuteling", "status")
    assert status["versleuteld"] and not status["ontvangers_bestand"]
    assert "ontvangers.yaml ontbreekt" in jp("versleuteling", "status").stdout


def test_ingetrokken_collega_voegt_zijn_sleutel_weer_toe(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                         versleuteld) -> None:
    ident, m, sleutels = versleuteld
    jp("versleuteling", "ontvanger", "remove", "Jan JMW")
    jp("sync")
    git(m, "pull", "-q", "origin", "main", env=MALLORY)
    pad = m / "ontvangers.yaml"
    pad.write_text(pad.read_text() + f'  - naam: "Jan JMW"\n    sleutel: {sleutels["jan"][0]}\n'
                   f'  - naam: "Mallory"\n    sleutel: {sleutels["mallory"][0]}\n')
    push_als_mallory(m, "ontvangers bijgewerkt")
    r = jp("sync")
    assert "let op: ontvanger toegevoegd door Mallory: Jan JMW" in r.stderr
    assert "nog niet bevestigd, dus niet gebruikt: Jan JMW, Mallory" in r.stderr
    jp("journaal", "add", ident, "--tekst", "na de intrekking")
    for wie in ("jan", "mallory"):
        assert not _kan_lezen(plan_pad(repo_pad, ident), sleutels[wie][1])
    assert _kan_lezen(plan_pad(repo_pad, ident), sleutels["ilse"][1])
    assert jp.json("versleuteling", "status")["onbevestigd"] == [
        {"naam": "Jan JMW", "sleutel": sleutels["jan"][0]},
        {"naam": "Mallory", "sleutel": sleutels["mallory"][0]}]


def test_intrekking_in_een_andere_kloon_geldt_ook_bij_terugkeer(jp: Cli, repo_pad: Path,
                                                                tmp_path: Path, versleuteld
                                                                ) -> None:
    """Ilse trekt Jan in; Kim (een tweede kloon) krijgt dat via sync en schrijft daarna niet
    meer voor Jan, ook niet als Jan zijn sleutel daarna weer toevoegt."""
    from jeugdplan.opslag.versleuteling import IDENTITEIT_ENV

    ident, m, sleutels = versleuteld
    kim_sleutel = _sleutel(tmp_path, "kim")
    jp("versleuteling", "ontvanger", "add", "Kim", kim_sleutel[0])
    jp("sync")
    kim = Cli(tmp_path / "kim")
    git(tmp_path, "clone", "-q", str(tmp_path / "gedeeld.git"), "kim")
    env = {IDENTITEIT_ENV: str(kim_sleutel[1])}
    kim("sync", env=env)
    r = kim("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", env=env, code=1)
    assert "nog) geen. Bekijk ze met 'jeugdplan versleuteling status'" in r.stderr
    kim("versleuteling", "ontvanger", "bevestig", env=env)
    jp("versleuteling", "ontvanger", "remove", "Jan JMW")
    jp("sync")
    r = kim("sync", env=env)
    assert "ontvanger verwijderd door Ilse IB: Jan JMW" in r.stderr
    git(m, "pull", "-q", "origin", "main", env=MALLORY)
    pad = m / "ontvangers.yaml"
    pad.write_text(pad.read_text() + f'  - naam: "Jan"\n    sleutel: {sleutels["jan"][0]}\n')
    push_als_mallory(m)
    kim("sync", env=env)
    kim("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "y", env=env)
    assert not _kan_lezen(plan_pad(tmp_path / "kim", ident), sleutels["jan"][1])
    assert _kan_lezen(plan_pad(tmp_path / "kim", ident), sleutels["ilse"][1])


def test_ontvangers_toegevoegd_aan_een_gewone_repository(jp: Cli, repo_pad: Path,
                                                         tmp_path: Path, gedeeld, lokaal) -> None:
    """Mallory zet in een gewone repository versleuteling 'aan' voor alleen zichzelf: het
    slachtoffer schrijft niet voor Mallory (en niet in platte tekst) tot het kiest; met
    'versleuteling uit' is het weer een gewone repository."""
    ident, m = gedeeld
    publiek, _pad = _sleutel(tmp_path, "mallory")
    (m / "ontvangers.yaml").write_text(f'ontvangers:\n  - naam: "Beheer"\n    sleutel: {publiek}\n')
    push_als_mallory(m)
    r = jp("sync")
    assert "let op: ontvanger toegevoegd door Mallory: Beheer" in r.stderr
    voor = plan_pad(repo_pad, ident).read_bytes()
    r = jp("journaal", "add", ident, "--tekst", "x", code=1)
    assert "versleutelt alleen voor ontvangers die u zelf hebt bevestigd" in r.stderr
    assert plan_pad(repo_pad, ident).read_bytes() == voor
    r = jp("versleuteling", "uit", "--ja")
    assert "versleuteling uit: 1 plan onversleuteld" in r.stderr
    assert not (repo_pad / "ontvangers.yaml").exists()
    jp("journaal", "add", ident, "--tekst", "weer gewoon")
    assert b"weer gewoon" in plan_pad(repo_pad, ident).read_bytes()


def test_versleuteling_uit_ontsleutelt_alles(jp: Cli, repo_pad: Path, versleuteld) -> None:
    ident, _m, _s = versleuteld
    jp("versleuteling", "uit", "--ja")
    assert NAAM.encode() in plan_pad(repo_pad, ident).read_bytes()
    assert jp.json("versleuteling", "status")["versleuteld"] is False
    assert not git(repo_pad, "status", "--porcelain")


# --- 3. sync controleert en meldt ---------------------------------------------------------


def test_merge_union_in_gitattributes_beschadigt_geen_plannen(jp: Cli, repo_pad: Path,
                                                              tmp_path: Path, versleuteld
                                                              ) -> None:
    """Mallory zet `merge=union` in .gitattributes; daarna wijzigen Ilse en Jan hetzelfde
    versleutelde plan. De merge-driver blijft gelden (.git/info/attributes)."""
    from jeugdplan.opslag.versleuteling import IDENTITEIT_ENV

    ident, m, sleutels = versleuteld
    with open(m / ".gitattributes", "a") as f:
        f.write("casussen/*/plan.yaml merge=union\n* merge=union\n")
    push_als_mallory(m, "samenvoegen makkelijker")
    jan = Cli(tmp_path / "jan")
    git(tmp_path, "clone", "-q", str(tmp_path / "gedeeld.git"), "jan")
    env = {IDENTITEIT_ENV: str(sleutels["jan"][1])}
    jan("sync", env=env)
    jan("versleuteling", "ontvanger", "bevestig", env=env)
    jan("journaal", "add", ident, "--tekst", "van Jan", env=env)
    jan("sync", env=env)
    jp("journaal", "add", ident, "--tekst", "van Ilse")
    r = jp("sync")
    assert ".gitattributes  door Mallory  (let op: bepaalt hoe git samenvoegt en toont)" in r.stdout
    teksten = {j["tekst"] for j in jp.json("show", ident)["journaal"]}
    assert {"van Jan", "van Ilse"} <= teksten
    assert jp("check").exit_code == 0


@pytest.mark.parametrize("beide_kanten", [False, True])
def test_kapot_plan_van_de_remote_wordt_niet_vastgelegd(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                        gedeeld, beide_kanten: bool) -> None:
    """Zonder eigen wijzigingen (fast-forward) en met (een merge waarin git het plan van de
    ander overneemt): het kapotte plan wordt niet vastgelegd en niet verstuurd."""
    ident, m = gedeeld
    plan_pad(m, ident).write_text("schema: 1\nid: [\n")
    push_als_mallory(m, "beschadigd")
    if beide_kanten:
        jp("new", "--voornaam", "Piet", "--achternaam", "J", "--geboortedatum", "2015-01-01",
           "--gemeente", "Velsen", "--school", "S", "--onderwijssoort", "po")
    uit = _ongewijzigd(jp, repo_pad, tmp_path, "sync", melding="is niet te lezen of ongeldig")
    assert f"casussen/{ident}/plan.yaml (door Mallory)" in uit


@pytest.mark.parametrize("beide_kanten", [False, True])
def test_onleesbare_ciphertext_van_de_remote(jp: Cli, repo_pad: Path, tmp_path: Path,
                                            versleuteld, beide_kanten: bool) -> None:
    """Beschadigde ciphertext (zoals `merge=union` die maakte): niet vastgelegd, ook niet als
    hetzelfde plan aan beide kanten veranderde (dan weigert de merge-driver)."""
    ident, m, _s = versleuteld
    pad = plan_pad(m, ident)
    regels = pad.read_text().splitlines()
    regels[2] = regels[2][::-1]
    pad.write_text("\n".join(regels) + "\n")
    push_als_mallory(m)
    if beide_kanten:
        jp("journaal", "add", ident, "--tekst", "eigen werk")
        uit = _ongewijzigd(jp, repo_pad, tmp_path, "sync", melding="kan niet automatisch "
                           "samenvoegen")
    else:
        uit = _ongewijzigd(jp, repo_pad, tmp_path, "sync", melding="is niet te lezen of "
                           "ongeldig")
        assert f"casussen/{ident}/plan.yaml (door Mallory)" in uit


def test_ongeldig_plan_bij_snel_vooruit(jp: Cli, repo_pad: Path, tmp_path: Path, gedeeld) -> None:
    ident, m = gedeeld
    pad = plan_pad(m, ident)
    pad.write_text(pad.read_text().replace("geboortedatum: 2016-04-03",
                                           "geboortedatum: 9999-12-31"))
    push_als_mallory(m)
    uit = _ongewijzigd(jp, repo_pad, tmp_path, "sync", melding="9999-12-31 ligt buiten")
    assert "er is niets samengevoegd of verstuurd" in uit


def test_jeugdplan_map_in_git_wordt_geweigerd(jp: Cli, repo_pad: Path, tmp_path: Path,
                                             gedeeld) -> None:
    """Een geplante bewerkingskopie (`git add -f .jeugdplan/bewerk/ID.yaml`)."""
    ident, m = gedeeld
    (m / ".jeugdplan" / "bewerk").mkdir(parents=True)
    (m / ".jeugdplan" / "bewerk" / f"{ident}.yaml").write_text("signalen: []\n")
    push_als_mallory(m)
    _ongewijzigd(jp, repo_pad, tmp_path, "sync",
                 melding=f"bestand onder .jeugdplan/ binnen: .jeugdplan/bewerk/{ident}.yaml "
                 "(door Mallory)")


def test_eigen_bestanden_onder_jeugdplan_worden_niet_verstuurd(jp: Cli, repo_pad: Path,
                                                               tmp_path: Path, gedeeld) -> None:
    (repo_pad / ".jeugdplan").mkdir(exist_ok=True)
    (repo_pad / ".jeugdplan" / "x.yaml").write_text("a: 1\n")
    git(repo_pad, "add", "-f", ".jeugdplan/x.yaml")
    git(repo_pad, "commit", "-qm", "per ongeluk")
    _ongewijzigd(jp, repo_pad, tmp_path, "sync", melding="git volgt bestanden onder .jeugdplan/ "
                 "(.jeugdplan/x.yaml)")


def test_sync_noemt_wat_buiten_de_casussen_binnenkomt(jp: Cli, repo_pad: Path, gedeeld) -> None:
    _ident, m = gedeeld
    (m / "templates").mkdir()
    (m / "templates" / "plan.md.j2").write_text("{{ plan.id }}\n")
    (m / "regio.yaml").write_text("organisaties: {}\n")
    (m / "notities.txt").write_text("x\n")
    push_als_mallory(m)
    uit = jp.json("sync")
    assert uit["buiten_casussen"] == [
        {"pad": "regio.yaml", "auteurs": ["Mallory"],
         "let_op": "eigen regioregels: partners, routes, telefoonnummers"},
        {"pad": "templates/plan.md.j2", "auteurs": ["Mallory"],
         "let_op": "sjablonen van de rapportages"},
        {"pad": "notities.txt", "auteurs": ["Mallory"], "let_op": None}]
    assert "al bijgewerkt" in jp("sync").stdout


def test_sync_tekst_noemt_gevoelige_bestanden(jp: Cli, repo_pad: Path, gedeeld) -> None:
    _ident, m = gedeeld
    (m / "regio.yaml").write_text("organisaties: {}\n")
    push_als_mallory(m)
    tekst = jp("sync").stdout
    assert ("binnengekomen buiten de casussen: 1 bestand\n  regio.yaml  door Mallory  "
            "(let op: eigen regioregels: partners, routes, telefoonnummers)") in tekst
    assert "al bijgewerkt" not in tekst


def test_mislukt_afbreken_wordt_gezegd_en_blokkeert_schrijven(jp: Cli, repo_pad: Path,
                                                              tmp_path: Path, monkeypatch,
                                                              gedeeld) -> None:
    """Een achtergebleven `.git/index.lock` laat `git merge --abort` mislukken: sync zegt dat
    (met het bestand), en geen schrijfopdracht legt de halve samenvoeging vast."""
    from jeugdplan.opslag import gitrepo

    ident, m = gedeeld
    pad = plan_pad(m, ident)
    pad.write_text(pad.read_text().replace("status: aangemeld", "status: actief"))
    push_als_mallory(m)
    jp("close", ident, "--reden", "verhuisd")
    echte = gitrepo.draai

    def draai(root: Path, *args: str, **kw):  # type: ignore[no-untyped-def]
        if args[:2] == ("merge", "--abort"):
            (root / ".git" / "index.lock").write_text("")
        return echte(root, *args, **kw)

    monkeypatch.setattr(gitrepo, "draai", draai)
    r = jp("sync", code=1)
    lock = repo_pad / ".git" / "index.lock"
    assert "git kon de samenvoeging niet ongedaan maken" in r.stderr
    assert f"Verwijder {lock}" in r.stderr and "niets veranderd" not in r.stderr
    monkeypatch.setattr(gitrepo, "draai", echte)
    voor = plan_pad(repo_pad, ident).read_bytes()
    for args in (["journaal", "add", ident, "--tekst", "x"], ["purge", ident, "--ja"],
                 ["sync"]):
        r = jp(*args, code=1)
        assert "midden in een merge" in r.stderr and str(lock) in r.stderr, args
    assert plan_pad(repo_pad, ident).read_bytes() == voor
    lock.unlink()
    git(repo_pad, "merge", "--abort")
    assert "lukte niet zonder uw keuze" in jp("sync", code=1).stderr


def test_schrijven_tijdens_een_merge_geweigerd(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    git(repo_pad, "switch", "-q", "-c", "zij")
    (repo_pad / "x.txt").write_text("a\n")
    git(repo_pad, "add", "x.txt")
    git(repo_pad, "commit", "-qm", "a")
    git(repo_pad, "switch", "-q", "main")
    (repo_pad / "x.txt").write_text("b\n")
    git(repo_pad, "add", "x.txt")
    git(repo_pad, "commit", "-qm", "b")
    git(repo_pad, "merge", "zij", check=False)
    kop = git(repo_pad, "rev-parse", "HEAD")
    for args in (["signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x"],
                 ["new", "--voornaam", "A", "--achternaam", "B", "--geboortedatum",
                  "2015-01-01", "--gemeente", "Velsen", "--school", "S", "--onderwijssoort",
                  "po"],
                 ["purge", ident, "--ja"]):
        r = jp(*args, code=1)
        assert "git staat nog midden in een merge; er is niets geschreven" in r.stderr, args
    assert git(repo_pad, "rev-parse", "HEAD") == kop
    assert len(list((repo_pad / "casussen").iterdir())) == 2  # .gitkeep en de casus


def test_kloon_wordt_prive(jp: Cli, repo_pad: Path, tmp_path: Path, gedeeld) -> None:
    ident, m = gedeeld
    kloon = tmp_path / "collega"
    git(tmp_path, "clone", "-q", str(tmp_path / "gedeeld.git"), "collega")
    for pad in (kloon, kloon / "casussen" / ident, kloon / ".git"):  # zoals met umask 022
        pad.chmod(0o755)
    plan_pad(kloon, ident).chmod(0o644)
    Cli(kloon)("sync")
    for pad in (kloon, kloon / ".git", kloon / "casussen" / ident, plan_pad(kloon, ident),
                kloon / ".git" / "config"):
        assert stat.S_IMODE(pad.stat().st_mode) & 0o077 == 0, pad
    assert git(kloon, "config", "core.sharedRepository").strip() == "0600"
    # wat later binnenkomt ook
    nieuw = Cli(repo_pad).json("new", "--voornaam", "Piet", "--achternaam", "J",
                               "--geboortedatum", "2015-01-01", "--gemeente", "Velsen",
                               "--school", "S", "--onderwijssoort", "po")["id"]
    jp("sync")
    Cli(kloon)("sync")
    assert stat.S_IMODE(plan_pad(kloon, nieuw).stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(plan_pad(kloon, nieuw).parent.stat().st_mode) & 0o077 == 0


def test_nieuw_plan_waarvan_de_commit_mislukte_wordt_alsnog_gedeeld(jp: Cli, repo_pad: Path,
                                                                    tmp_path: Path, gedeeld
                                                                    ) -> None:
    _ident, _m = gedeeld
    lock = repo_pad / ".git" / "index.lock"
    lock.touch()
    r = jp("new", "--voornaam", "Piet", "--achternaam", "J", "--geboortedatum", "2015-01-01",
           "--gemeente", "Velsen", "--school", "S", "--onderwijssoort", "po", code=1)
    assert "vastleggen in git mislukte" in r.stderr
    lock.unlink()
    nieuw = next(p.name for p in (repo_pad / "casussen").iterdir()
                 if p.is_dir() and not git(repo_pad, "ls-files", str(p)))
    (repo_pad / "casussen" / "2026-KAPOT2").mkdir()
    plan_pad(repo_pad, "2026-KAPOT2").write_text("schema: 1\nid: [\n")
    uit = jp.json("sync")
    assert uit["alsnog_vastgelegd"] == [nieuw]
    assert nieuw in [c["id"] for c in uit["verstuurd"]]
    assert uit["niet_gedeeld"] and "2026-KAPOT2" in uit["niet_gedeeld"][0]
    assert git(tmp_path / "gedeeld.git", "ls-tree", "-r", "--name-only", "main",
               f"casussen/{nieuw}").strip()


def test_meldingen_van_de_driver_komen_nergens_op_schijf(jp: Cli, repo_pad: Path,
                                                          tmp_path: Path, monkeypatch,
                                                          gedeeld) -> None:
    """De meldingen (met ontsleutelde waarden bij een conflict) gaan via een naamloos bestand;
    restanten van een afgebroken merge (`.merge_file_*`) ruimt sync op."""
    import tempfile

    ident, m = gedeeld
    tijdelijk = tmp_path / "tmp"
    tijdelijk.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tijdelijk))
    monkeypatch.setenv("TMPDIR", str(tijdelijk))
    (repo_pad / ".merge_file_a1B2c3").write_text(f"kind: {NAAM}\n")
    git(m, "pull", "-q", "origin", "main")
    pad = plan_pad(m, ident)
    pad.write_text(pad.read_text().replace("status: aangemeld", "status: actief"))
    push_als_mallory(m)
    jp("close", ident, "--reden", "verhuisd")
    r = jp("sync", code=1)
    assert "status: ons afgesloten ↔ hun actief" in r.stderr  # de melding kwam aan
    assert list(tijdelijk.iterdir()) == []
    assert not list(repo_pad.glob(".merge_file_*"))


# --- 4. purge -----------------------------------------------------------------------------


def test_purge_wist_elke_bereikbare_kopie(jp: Cli, repo_pad: Path, tmp_path: Path, versleuteld,
                                          lokaal, monkeypatch) -> None:
    import tempfile

    from jeugdplan.opslag.cache import cachebestand
    from jeugdplan.opslag.versleuteling import bewerk_map

    ident, _m, _s = versleuteld
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    jp("list")
    cache = cachebestand(repo_pad)
    assert cache.exists() and cache.is_relative_to(lokaal)
    kopie = bewerk_map(repo_pad) / f"{ident}.yaml"
    kopie.write_text(f"achternaam: {NAAM}\n")
    resten = [repo_pad / ".merge_file_x1Y2z3", tmp_path / "jeugdplan-sync-abc.jsonl"]
    for pad in resten:
        pad.write_text(NAAM)
    jp("purge", ident, "--ja")
    for pad in (cache, kopie, *resten):
        assert not pad.exists(), pad
    assert not (repo_pad / "casussen" / ident).exists()


def test_purge_uit_geschiedenis_komt_niet_terug_met_sync(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                         gedeeld) -> None:
    ident, _m = gedeeld
    r = jp("purge", ident, "--ja", "--uit-geschiedenis")
    assert "sync haalt hem niet terug" in r.stderr
    uit = _ongewijzigd(jp, repo_pad, tmp_path, "sync",
                       melding=f"casus {ident} is in deze kloon verwijderd (purge)")
    assert "git push --force origin main" in uit and "door Ilse IB" in uit
    assert not (repo_pad / "casussen" / ident).exists()
    git(repo_pad, "push", "-q", "--force", "origin", "main")
    assert "al bijgewerkt" in jp("sync").stdout
    assert not git(tmp_path / "gedeeld.git", "log", "--all", "--format=%H", "--",
                   f"casussen/{ident}")


def test_purge_en_een_wijziging_van_een_collega(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                gedeeld) -> None:
    """Een collega wijzigde de casus terwijl hij hier werd verwijderd: '--kies hun' zou hem
    terugbrengen; dat weigert sync, '--kies ons' houdt hem verwijderd."""
    ident, m = gedeeld
    git(m, "pull", "-q", "origin", "main")
    pad = plan_pad(m, ident)
    pad.write_text(pad.read_text().replace("status: aangemeld", "status: actief"))
    push_als_mallory(m)
    jp("purge", ident, "--ja")
    _ongewijzigd(jp, repo_pad, tmp_path, "sync", "--kies", "hun",
                 melding=f"casus {ident} is in deze kloon verwijderd (purge)")
    jp("sync", "--kies", "ons")
    assert not (repo_pad / "casussen" / ident).exists()


# --- 6. geen plan verdwijnt stil ----------------------------------------------------------


def test_onleesbare_plannen_worden_gemeld(jp: Cli, repo_pad: Path, kind) -> None:
    goed = kind()
    jp("meldcode", "start", goed)
    dubbel = kind(voornaam="Bram", geboortedatum="2015-02-02")
    pad = plan_pad(repo_pad, dubbel)
    pad.write_text(pad.read_text() + "status: actief\n")  # dubbele sleutel
    for args, wat in ((["list"], "deze lijst"), (["agenda"], "de agenda"),
                      (["list", "--json"], "deze lijst")):
        r = jp(*args)
        assert (f"let op: 1 plan kon niet gelezen worden ({dubbel}) en ontbreekt in "
                f"{wat}; zie 'jeugdplan check'") in r.stderr
    r = jp("meldcode", "status", code=1)
    assert goed in r.stdout and "een lopend spoor kan dus ontbreken" in r.stderr
    assert [a["id"] for a in json.loads(jp("meldcode", "status", "--json", code=1).stdout)] == [goed]
    pad.write_text(pad.read_text().rsplit("status: actief\n", 1)[0])
    assert jp("meldcode", "status").exit_code == 0


# --- 7. kwaadaardige invoer, ronde 2 ------------------------------------------------------


def test_enorm_getal_in_een_plan(jp: Cli, repo_pad: Path, kind) -> None:
    ident, ander = kind(), kind(voornaam="Bram", geboortedatum="2015-02-02")
    pad = plan_pad(repo_pad, ident)
    pad.write_text(pad.read_text().replace("onderwijssoort: po",
                                           "onderwijssoort: po\n  groep: 1" + "0" * 100_000))
    r = jp("check", code=1)
    assert f"casussen/{ident}/plan.yaml:" in r.stdout and "kind.groep" in r.stdout
    assert ander in jp("list").stdout
    r = jp("show", ident, code=1)
    assert "kind.groep" in r.stderr and "Traceback" not in r.stderr
    jp("agenda")
    jp("report", "thuiszitters")


@pytest.mark.parametrize("dag", ["0001-01-01", "9999-12-31"])
def test_jaar_1_en_9999_in_plan_en_opties(jp: Cli, repo_pad: Path, kind, dag: str) -> None:
    ident = kind()
    for args in (["show", ident, "--op", dag], ["report", "thuiszitters", "--peildatum", dag],
                 ["signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x",
                  "--datum", dag], ["report", "kwaliteit", "--tot", dag]):
        r = jp(*args, code=1)
        assert f"{dag} ligt buiten 1900-01-01 tot en met 2199-12-31" in r.stderr, args
    pad = plan_pad(repo_pad, ident)
    pad.write_text(pad.read_text().replace("aangemeld: 2026-11-25", f"aangemeld: {dag}"))
    assert f"{dag} ligt buiten" in jp("check", code=1).stdout
    for args in (["show", ident], ["export", ident, "--aanvrager", "ouder"], ["route", ident],
                 ["bewaartermijn"], ["report", "plan", ident]):
        r = jp(*args, code=None)
        assert "Traceback" not in r.stderr and r.exit_code in (0, 1), args


ESC = ["\x1b]0;gehackt\x07", "\x1b[2J", "\x1b]52;c;Y3VybA==\x07", "\x9b31m", "\u202eevil"]


@pytest.mark.parametrize("teken", ESC)
def test_stuurtekens_in_opties_en_plannen(jp: Cli, repo_pad: Path, kind, teken: str) -> None:
    ident = kind()
    r = jp("journaal", "add", ident, "--tekst", f"a{teken}b", code=1)
    assert "bevat een stuurteken" in r.stderr and teken not in r.stderr
    pad = plan_pad(repo_pad, ident)
    escape = json.dumps(teken)  # YAML tussen dubbele aanhalingstekens: \u001b enz.
    pad.write_text(pad.read_text().replace("school: De Windroos", f"school: {escape}"))
    r = jp("check", code=1)
    assert "kind.school: bevat een stuurteken" in r.stdout and teken not in r.stdout
    for args in (["show", ident], ["list"], ["list", "--json"],
                 ["export", ident, "--aanvrager", "ouder"]):
        r = jp(*args, code=None)
        assert teken not in r.stdout + r.stderr, args


def test_stuurtekens_in_git_metadata_worden_zichtbaar(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                      gedeeld) -> None:
    ident, m = gedeeld
    pad = plan_pad(m, ident)
    pad.write_text(pad.read_text().replace("status: aangemeld", "status: actief"))
    git(m, "commit", "-qam", f"{ident}: status \u202egnilegeR \x1b[2J",
        env={**MALLORY, "GIT_AUTHOR_NAME": "Mal\x1b]0;x\x07lory\x9b"})
    (m / "notities\x1b[2J.txt").write_text("x")
    git(m, "add", "-A")
    git(m, "commit", "-qm", "notitie", env=MALLORY)
    git(m, "push", "-q", "origin", "main")
    for args in (["sync"], ["sync", "--json"], ["log", ident], ["log", ident, "--json"],
                 ["diff", ident, "--sinds", "2000-01-01"], ["export", ident, "--aanvrager", "ouder"]):
        r = jp(*args)
        uit = r.stdout + r.stderr
        assert not any(t in uit for t in ("\x1b", "\x07", "\x9b", "\u202e")), args
    assert "Mal\\u001b]0;x\\u0007lory\\u009b" in jp("log", ident).stdout


def test_sjabloon_met_stuurtekens_wordt_zichtbaar(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    (repo_pad / "templates").mkdir()
    (repo_pad / "templates" / "plan.md.j2").write_text("x\x1b[2Jy\u202e{{ plan.id }}\n")
    uit = jp("report", "plan", ident).stdout
    assert uit == f"x\\u001b[2Jy\\u202e{ident}\n"


def test_out_buiten_de_repository_en_niet_over_een_bestaand_bestand(jp: Cli, repo_pad: Path,
                                                                     tmp_path: Path, kind
                                                                     ) -> None:
    ident = kind()
    for doel in (plan_pad(repo_pad, ident), repo_pad / ".git" / "config",
                 repo_pad / "rapport.md"):
        voor = doel.read_bytes() if doel.exists() else None
        r = jp("report", "thuiszitters", "--out", str(doel), "--overschrijf", code=1)
        assert "ligt in de casusrepository" in r.stderr
        assert (doel.read_bytes() if doel.exists() else None) == voor
    doel = tmp_path / "rapport.md"
    doel.write_text("eerder")
    r = jp("export", ident, "--aanvrager", "ouder", "--out", str(doel), code=1)
    assert "bestaat al; kies een andere naam of geef --overschrijf" in r.stderr
    assert doel.read_text() == "eerder"
    jp("export", ident, "--aanvrager", "ouder", "--out", str(doel), "--overschrijf")
    assert ident in doel.read_text()
    jp("report", "thuiszitters", "--out", str(tmp_path / "nieuw.md"))


def test_schijf_vol_bij_gedeelde_bestanden_en_out(jp: Cli, repo_pad: Path, tmp_path: Path,
                                                  kind, monkeypatch) -> None:
    import errno

    from jeugdplan.opslag import bestanden

    ident = kind()

    def vol(pad: Path, tekst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bestanden, "schrijf_atomair", vol)
    r = jp("export", ident, "--aanvrager", "ouder", "--out", str(tmp_path / "x.json"), code=1)
    assert "kan" in r.stderr and "No space left on device" in r.stderr
    (repo_pad / ".gitattributes").write_text("")
    git(repo_pad, "commit", "-qam", "leeg")
    git(repo_pad, "remote", "add", "origin", str(tmp_path / "nergens.git"))
    r = jp("sync", code=1)
    assert r.stderr.startswith("fout: kan ") and "(No space left on device)" in r.stderr
    assert "Traceback" not in r.stderr
