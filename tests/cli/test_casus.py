"""De kernopdrachten: init, new, show, list, agenda, check, edit, close, log."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli, git_log


def plan_tekst(repo: Path, ident: str) -> str:
    return (repo / "casussen" / ident / "plan.yaml").read_text(encoding="utf-8")


# --- init -------------------------------------------------------------------------------


def test_init_maakt_repository_met_eerste_commit(repo_pad: Path) -> None:
    assert (repo_pad / "jeugdplan.yaml").is_file()
    assert (repo_pad / "casussen").is_dir()
    assert ".jeugdplan/" in (repo_pad / ".gitignore").read_text()
    assert git_log(repo_pad) == ["Ilse IB|jeugdplan: casusrepository aangemaakt"]
    assert stat.S_IMODE(repo_pad.stat().st_mode) == 0o700
    assert stat.S_IMODE((repo_pad / "jeugdplan.yaml").stat().st_mode) == 0o600


def test_init_weigert_bestaande_repository(repo_pad: Path) -> None:
    r = Cli(None)("init", str(repo_pad), code=1)
    assert r.stderr == f"fout: {repo_pad} bevat al een repository; kies een lege of nieuwe map\n"


def test_init_weigert_onbekende_regio(tmp_path: Path) -> None:
    r = Cli(None)("init", str(tmp_path / "x"), "--regio", "atlantis", code=2)
    assert "onbekende regio 'atlantis'" in r.stderr
    assert not (tmp_path / "x").exists()


def test_init_zonder_git_identiteit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(k)
    r = Cli(None)("init", str(tmp_path / "x"), code=1)
    assert "geen git-identiteit ingesteld" in r.stderr
    assert 'git config --global user.name "Uw Naam"' in r.stderr


# --- repository vinden -------------------------------------------------------------------


def test_buiten_repository_duidelijke_fout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = Cli(None)("list", code=1)
    assert r.stderr.startswith("fout: geen casusrepository gevonden")


def test_repository_via_omgeving_en_omhoog_zoeken(
    repo_pad: Path, kind, monkeypatch: pytest.MonkeyPatch
) -> None:
    ident = kind()
    monkeypatch.setenv("JEUGDPLAN_DIR", str(repo_pad))
    assert ident in Cli(None)("list").stdout
    monkeypatch.delenv("JEUGDPLAN_DIR")
    monkeypatch.chdir(repo_pad / "casussen" / ident)
    assert ident in Cli(None)("list").stdout


# --- new ---------------------------------------------------------------------------------


def test_new_json_en_bestand(jp: Cli, repo_pad: Path) -> None:
    data = jp.json("new", "--voornaam", "Sanne", "--achternaam", "de Vries", "--geboortedatum",
                   "2016-04-03", "--gemeente", "Velsen", "--school", "De Windroos",
                   "--onderwijssoort", "po", "--groep", "5")
    assert set(data) == {"id", "pad"}
    assert len(data["id"]) <= 12
    assert data["pad"] == f"casussen/{data['id']}/plan.yaml"
    tekst = plan_tekst(repo_pad, data["id"])
    assert tekst.startswith("# Integraal plan")
    assert "Sanne" not in data["pad"]
    assert "geboortedatum: 2016-04-03\n" in tekst
    assert git_log(repo_pad)[0] == f"Ilse IB|{data['id']}: nieuw plan aangemaakt"


def test_new_zonder_terminal_ontbrekend_veld_is_gebruiksfout(jp: Cli) -> None:
    r = jp("new", "--voornaam", "Sanne", code=2)
    assert "optie --achternaam ontbreekt" in r.stderr


def test_new_vraagt_op_terminal(jp: Cli) -> None:
    invoer = "de Vries\n2016-04-03\nVelsen\nDe Windroos\npo\n"
    r = jp("new", "--voornaam", "Sanne", invoer=invoer, env={"JEUGDPLAN_INTERACTIEF": "1"})
    # De vragen gaan naar stderr: stdout blijft alleen het nieuwe id (voor scripts). (De
    # CliRunner van typer schrijft de getypte antwoorden ook op stdout, zoals een terminal ze
    # toont; die regels tellen hier niet.)
    assert "Achternaam" in r.stderr and "Achternaam" not in r.stdout
    assert "Woongemeente (kies uit: Velsen, Beverwijk" in r.stderr
    antwoorden = {regel.strip() for regel in invoer.splitlines()}
    assert [regel for regel in r.stdout.splitlines() if regel.strip() not in antwoorden] == \
        [r.stdout.strip().splitlines()[-1]]
    assert r.stdout.strip().splitlines()[-1].startswith("2026-")


def test_een_kind_een_plan(jp: Cli, repo_pad: Path, kind) -> None:
    eerste = kind(voornaam="Mohammed", achternaam="Jansen")
    r = jp("new", "--voornaam", "Mohamed", "--achternaam", "Janssen", "--geboortedatum",
           "2016-04-03", "--gemeente", "Velsen", "--school", "X", "--onderwijssoort", "po", code=1)
    assert f"er is al een plan voor dit kind: {eerste}" in r.stderr
    tweede = kind(voornaam="Mohamed", achternaam="Janssen", toch="")  # --toch
    assert tweede != eerste
    assert jp.json("show", tweede)["kind"]["niet_dezelfde_als"] == [eerste]
    assert jp.json("check")["ok"] is True
    # zonder die vastlegging is een tweede plan voor hetzelfde kind een fout in check
    pad = repo_pad / "casussen" / tweede / "plan.yaml"
    pad.write_text(pad.read_text().replace(f"  niet_dezelfde_als:\n    - {eerste}\n", ""))
    check = jp.json("check", code=1)
    assert [(p["code"], p["ernst"]) for p in check["problemen"]][:2] == [
        ("dubbel-kind", "fout"), ("dubbel-kind", "fout")]


@pytest.mark.parametrize(
    ("geboortedatum", "melding"),
    [("2030-01-01", "ligt in de toekomst"), ("1986-01-01", "typfout in het jaar?"),
     ("2016-02-30", "geen geldige datum")],
)
def test_new_weigert_onmogelijke_geboortedatum(jp: Cli, repo_pad: Path, geboortedatum: str,
                                              melding: str) -> None:
    r = jp("new", "--voornaam", "A", "--achternaam", "B", "--geboortedatum", geboortedatum,
           "--gemeente", "Velsen", "--school", "X", "--onderwijssoort", "po", code=1)
    assert melding in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert len(git_log(repo_pad)) == 1


def test_new_onbekende_onderwijssoort(jp: Cli) -> None:
    r = jp("new", "--voornaam", "A", "--achternaam", "B", "--geboortedatum", "2016-01-01",
           "--gemeente", "Velsen", "--school", "X", "--onderwijssoort", "havo", code=1)
    assert r.stderr == ("fout: --onderwijssoort: onbekende waarde 'havo'; kies uit: "
                        "po, sbo, so, vo, vso, pro, mbo\n")


def test_new_ongeldige_groep(jp: Cli) -> None:
    r = jp("new", "--voornaam", "A", "--achternaam", "B", "--geboortedatum", "2016-01-01",
           "--gemeente", "Velsen", "--school", "X", "--onderwijssoort", "po", "--groep", "9",
           code=1)
    assert "fout: --groep 9 bestaat niet in onderwijssoort po (1 tot en met 8)" in r.stderr


# --- wijzigingen: elk één commit -----------------------------------------------------------


def test_wijzigingen_elk_een_commit_met_bericht(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "thuis", "--zwaarte", "complex", "--omschrijving",
       "Moeder vertelt over ruzies", "--bron", "ouder", "--datum", "2026-11-20")
    jp("ouders", "informeer", ident, "--door", "Ilse IB", "--notitie", "Herkent het")
    jp("toestemming", "add", ident, "--partij", "Socius", "--door", "Kind", "--doel", "JMW")
    jp("betrokkene", "add", ident, "--rol", "jmw", "--naam", "Jan Smit", "--organisatie",
       "Socius", "--regie")
    jp("doel", "add", ident, "--omschrijving", "Speelt samen", "--eigenaar", "Jan Smit",
       "--evaluatie", "2027-01-15")
    jp("doel", "status", ident, "d1", "behaald")
    jp("actie", "add", ident, "--omschrijving", "Gesprek", "--eigenaar", "Jan", "--deadline",
       "2026-12-01")
    jp("actie", "done", ident, "a1")
    jp("journaal", "add", ident, "--tekst", "Eerste regel\ntweede regel")
    jp("toestemming", "intrekken", ident, "--partij", "socius")
    jp("close", ident, "--reden", "Doelen behaald")
    berichten = [regel.split("|", 1)[1] for regel in git_log(repo_pad)]
    assert berichten[:11] == [
        f"{ident}: casus afgesloten",
        f"{ident}: toestemming ingetrokken voor socius",
        f"{ident}: journaal bijgewerkt",
        f"{ident}: actie a1 gedaan",
        f"{ident}: actie a1 toegevoegd",
        f"{ident}: doel d1: status lopend → behaald",
        f"{ident}: doel d1 toegevoegd",
        f"{ident}: betrokkene toegevoegd (jmw), met regie",
        f"{ident}: toestemming vastgelegd voor Socius",
        f"{ident}: ouders geïnformeerd op 2026-11-25",
        f"{ident}: signaal s1 toegevoegd (thuis, complex)",
    ]
    plan = jp.json("show", ident)
    assert plan["status"] == "afgesloten"
    assert plan["afgesloten"] == "2026-11-25"
    assert plan["signalen"][0]["datum"] == "2026-11-20"
    assert plan["journaal"][0]["tekst"] == "Eerste regel\ntweede regel"
    assert "tekst: |-\n" in plan_tekst(repo_pad, ident)
    assert plan["regie"]["naam"] == "Jan Smit"
    # afgesloten: geen nieuwe signalen meer
    r = jp("signaal", "add", ident, "--domein", "thuis", "--omschrijving", "x", code=1)
    assert "is afgesloten" in r.stderr
    log = [r for r in jp("log", ident).stdout.splitlines() if not r.startswith(" ")]
    assert len(log) == 12 and "Ilse IB: " in log[0]


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["signaal", "add", "{id}", "--domein", "gedrag", "--omschrijving", "x", "--datum",
          "2026-13-01"], "--datum: '2026-13-01' is geen geldige datum"),
        (["signaal", "add", "{id}", "--domein", "gedrag", "--omschrijving", "x", "--datum",
          "2010-01-01"], "ligt vóór de geboortedatum"),
        (["signaal", "add", "{id}", "--domein", "gedrag", "--omschrijving", "x", "--datum",
          "2027-01-01"], "ligt in de toekomst"),
        (["signaal", "add", "{id}", "--domein", "gedrag", "--omschrijving", "   "],
         "--omschrijving mag niet leeg zijn"),
        (["signaal", "add", "{id}", "--domein", "gedrag", "--omschrijving", "x" * 100_000],
         "--omschrijving is te lang (100000 tekens; hooguit 10000)"),
        (["signaal", "add", "{id}", "--domein", "gedrag", "--omschrijving", "x", "--zwaarte",
          "zwaar"], "--zwaarte: onbekende waarde 'zwaar'"),
        (["toestemming", "intrekken", "{id}", "--partij", "GGD"],
         "geen geldige toestemming voor 'GGD'"),
        (["actie", "done", "{id}", "a9"], "actie 'a9' bestaat niet in dit plan (wel: geen)"),
        (["doel", "status", "{id}", "d1", "klaar"], "STATUS: onbekende waarde 'klaar'"),
        (["show", "ONBEKEND"], "geen casus met id ONBEKEND"),
        (["show", "../../etc"], "ongeldig casus-id"),
        (["close", "{id}", "--reden", "x", "--datum", "2020-01-01"], "vóór de aanmelding"),
    ],
)
def test_weigeringen_schrijven_niets(jp: Cli, repo_pad: Path, kind, args: list[str],
                                     melding: str) -> None:
    ident = kind()
    voor = plan_tekst(repo_pad, ident)
    r = jp(*[a.replace("{id}", ident) for a in args], code=1)
    assert melding in r.stderr
    assert r.stderr.startswith("fout: ")
    assert plan_tekst(repo_pad, ident) == voor
    assert len(git_log(repo_pad)) == 2


def test_bewerken_behoudt_opmerkingen_en_volgorde(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    tekst = pad.read_text().replace("kind:\n", "# over het kind\nkind:  # zie dossier\n")
    tekst = tekst.replace("  school: De Windroos\n", "  school: 'De Windroos'   # sinds groep 1\n")
    pad.write_text(tekst)
    subprocess.run(["git", "commit", "-qam", "opmerking"], cwd=repo_pad, check=True)
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Slaat")
    na = pad.read_text()
    assert "# over het kind\nkind:  # zie dossier\n" in na
    assert "  school: 'De Windroos'   # sinds groep 1\n" in na
    diff = subprocess.run(["git", "diff", "HEAD~1", "--stat"], cwd=repo_pad, capture_output=True,
                          text=True).stdout
    assert "1 file changed" in diff


# --- show / list / agenda ------------------------------------------------------------------


def test_show_json_zelfde_sleutels_als_yaml(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    data = jp.json("show", ident)
    assert list(data)[:5] == ["schema", "id", "status", "aangemeld", "kind"]
    assert data["kind"]["geboortedatum"] == "2016-04-03"
    leesbaar = jp("show", ident).stdout
    assert "Sanne de Vries" in leesbaar and "nog niet: bespreek de zorgen eerst" in leesbaar


def test_list_filters_en_aandacht(jp: Cli, kind) -> None:
    a = kind()
    b = kind(voornaam="Daan", achternaam="Bakker", gemeente="Beverwijk", school="De Regenboog")
    jp("signaal", "add", a, "--domein", "gedrag", "--omschrijving", "x")
    regels = jp.json("list")
    assert [r["id"] for r in regels][0] == a
    assert regels[0]["aandacht"] == ["ouders nog niet geïnformeerd", "geen regie"]
    assert [r["id"] for r in jp.json("list", "--gemeente", "beverwijk")] == [b]
    assert jp.json("list", "--status", "afgesloten") == []
    assert "2 casussen" in jp("list").stdout


def test_list_tabel_in_vaste_kolommen(jp: Cli, kind) -> None:
    a = kind()
    b = kind(voornaam="Daan", achternaam="Bakker", gemeente="Beverwijk", school="De Regenboog")
    jp("signaal", "add", a, "--domein", "gedrag", "--omschrijving", "x")
    kop, *rijen, totaal = jp("list").stdout.splitlines()
    assert kop.split() == ["id", "status", "gemeente", "school", "leeftijd", "regie", "aandacht"]
    assert [r.split()[0] for r in rijen] == [a, b] and totaal == "2 casussen"
    # Elke kolom begint in elke regel op dezelfde plaats, ook na de langere schoolnaam.
    kolom = kop.index("aandacht")
    assert rijen[0][kolom:] == "ouders nog niet geïnformeerd; geen regie"
    assert rijen[0][kop.index("regie"):].startswith("-") and rijen[1].endswith("-")  # niets
    assert rijen[1][kop.index("school"):].startswith("De Regenboog")
    # Een regeleinde in een naam breekt de kolommen niet.
    jp("kind", "wijzig", b, "--school", "De\tRegen\nboog")
    assert jp("list").stdout.splitlines()[2][kop.index("school"):].startswith("De Regen boog  ")


def test_agenda_over_tijd_en_binnenkort(jp: Cli, kind) -> None:
    ident = kind()
    jp("actie", "add", ident, "--omschrijving", "Oud", "--deadline", "2026-11-01")
    jp("actie", "add", ident, "--omschrijving", "Binnenkort", "--deadline", "2026-11-30")
    jp("actie", "add", ident, "--omschrijving", "Later", "--deadline", "2027-03-01")
    jp("doel", "add", ident, "--omschrijving", "Doel", "--evaluatie", "2026-12-01")
    punten = jp.json("agenda")
    assert [(p["wat"].split(":")[0], p["over_tijd"], p["dagen"]) for p in punten] == [
        ("actie a1", True, -24), ("actie a2", False, 5), ("evaluatie doel d1", False, 6)]
    assert len(jp.json("agenda", "--weken", "20")) == 4
    assert "24 dagen over tijd" in jp("agenda").stdout


# --- check ---------------------------------------------------------------------------------


def test_check_typfout_geeft_regel(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    regels = pad.read_text().splitlines(keepends=True)
    nr = next(i for i, r in enumerate(regels) if r.startswith("  geboortedatum:"))
    regels[nr] = "  geboortedatum: 2016-02-30\n"
    regels.insert(nr + 1, "  schoool: typfout\n")
    pad.write_text("".join(regels))
    r = jp("check", code=1)
    assert f"casussen/{ident}/plan.yaml:{nr + 1}:18: kind.geboortedatum: '2016-02-30' is geen " \
           "geldige datum; schrijf JJJJ-MM-DD" in r.stdout
    assert f"casussen/{ident}/plan.yaml:{nr + 2}:3: kind.schoool: onbekend veld (typfout?)" \
        in r.stdout
    data = jp.json("check", code=1)
    assert data["ok"] is False
    assert {(p["regel"], p["veld"]) for p in data["problemen"]} >= {
        (nr + 1, "kind.geboortedatum"), (nr + 2, "kind.schoool")}
    # een bewerking op een ongeldig plan wordt geweigerd
    r = jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", code=1)
    assert "het plan is ongeldig" in r.stderr


def test_check_yaml_syntaxfout(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    pad.write_text(pad.read_text().replace("school: De Windroos", "school: De: Windroos"))
    r = jp("check", code=1)
    assert "dubbele punt op een plek waar dat niet mag" in r.stdout


def test_check_waarschuwingen_en_strikt(jp: Cli, kind) -> None:
    ident = kind()
    jp("actie", "add", ident, "--omschrijving", "Oud", "--deadline", "2026-11-01")
    jp("doel", "add", ident, "--omschrijving", "Zonder eigenaar")
    jp("betrokkene", "add", ident, "--rol", "cjg-coach", "--naam", "Carla", "--organisatie",
       "CJG IJmond")
    data = jp.json("check")
    assert data["ok"] is True
    codes = sorted(p["code"] for p in data["problemen"])
    assert codes == ["actie-over-tijd", "doel-zonder-eigenaar", "zonder-toestemming"]
    assert all(p["ernst"] == "waarschuwing" for p in data["problemen"])
    jp("check", "--strikt", code=1)
    jp("check", ident)


def test_check_onvastgelegde_wijziging(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    pad.write_text(pad.read_text() + "# extra\n")
    data = jp.json("check")
    assert [p["code"] for p in data["problemen"]] == ["onvastgelegd"]


# --- edit ----------------------------------------------------------------------------------


def _editor(tmp_path: Path, vervangingen: list[tuple[str, str]]) -> str:
    """Een 'editor' die bij elke aanroep de volgende vervanging uitvoert."""
    script = tmp_path / "editor.py"
    teller = tmp_path / "teller"
    script.write_text(
        "import json, sys, pathlib\n"
        f"stappen = {json.dumps(vervangingen)}\n"
        f"t = pathlib.Path({str(teller)!r})\n"
        "n = int(t.read_text()) if t.exists() else 0\n"
        "t.write_text(str(n + 1))\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "oud, nieuw = stappen[min(n, len(stappen) - 1)]\n"
        "p.write_text(p.read_text().replace(oud, nieuw))\n"
    )
    return f"{sys.executable} {script}"


def test_edit_geldig_wordt_vastgelegd(jp: Cli, repo_pad: Path, kind, tmp_path: Path) -> None:
    ident = kind()
    editor = _editor(tmp_path, [("krachten: []", "krachten:\n  - Sanne tekent graag # mooi")])
    r = jp("edit", ident, env={"EDITOR": editor})
    assert "opgeslagen en vastgelegd (krachten)" in r.stderr
    assert "  - Sanne tekent graag # mooi\n" in plan_tekst(repo_pad, ident)
    assert git_log(repo_pad)[0] == f"Ilse IB|{ident}: handmatig bewerkt (krachten)"


def test_edit_typfout_bewaren_en_verder(jp: Cli, repo_pad: Path, kind, tmp_path: Path) -> None:
    from jeugdplan.diensten.bewerken import werkmap

    ident = kind(groep="5")
    voor = plan_tekst(repo_pad, ident)
    editor = _editor(tmp_path, [("groep: 5", "groep: vijf"), ("groep: vijf", "groep: 6")])
    env = {"EDITOR": editor, "JEUGDPLAN_INTERACTIEF": "1"}
    # eerst bewaren voor later: plan ongewijzigd, bewerking lokaal bewaard
    r = jp("edit", ident, env=env, invoer="b\n", code=1)
    regel = voor.splitlines().index("  groep: 5") + 1
    assert f"casussen/{ident}/plan.yaml:{regel}:10: kind.groep: moet een geheel getal zijn" \
        in r.stderr
    bewaard = werkmap(repo_pad) / f"{ident}.yaml"
    assert f"uw bewerking is bewaard in {bewaard}" in r.stderr
    assert plan_tekst(repo_pad, ident) == voor
    assert "groep: vijf" in bewaard.read_text()
    # opnieuw: de bewaarde bewerking gaat verder, de editor herstelt de fout
    r = jp("edit", ident, env=env)
    assert "uw eerdere, onafgemaakte bewerking gaat verder" in r.stderr
    assert "groep: 6" in plan_tekst(repo_pad, ident)
    assert not bewaard.exists()


def test_edit_zonder_terminal_weigert_ongeldig(jp: Cli, repo_pad: Path, kind,
                                               tmp_path: Path) -> None:
    ident = kind()
    editor = _editor(tmp_path, [(f"id: {ident}", "id: ANDER")])
    r = jp("edit", ident, env={"EDITOR": editor}, code=1)
    assert "id: het id mag niet veranderen" in r.stderr
    assert "het plan is niet opgeslagen" in r.stderr


def test_edit_zonder_wijziging(jp: Cli, kind, tmp_path: Path) -> None:
    ident = kind()
    r = jp("edit", ident, env={"EDITOR": "true"})
    assert r.stderr == f"{ident}: geen wijzigingen\n"


def test_vandaag_vervangbaar(jp: Cli, kind) -> None:
    ident = kind()
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x",
       env={"JEUGDPLAN_VANDAAG": "2026-12-24"})
    assert jp.json("show", ident)["signalen"][0]["datum"] == "2026-12-24"
    r = jp("list", env={"JEUGDPLAN_VANDAAG": "gisteren"}, code=2)
    assert "JEUGDPLAN_VANDAAG='gisteren' is geen geldige datum" in r.stderr


def test_versie() -> None:
    from jeugdplan import __version__

    assert Cli(None)("--version").stdout == f"jeugdplan {__version__}\n"


def test_console_script_werkt(repo_pad: Path) -> None:
    uit = subprocess.run([sys.executable, "-m", "jeugdplan", "--dir", str(repo_pad), "list"],
                         capture_output=True, text=True, env={**os.environ})
    assert uit.returncode == 0, uit.stderr
    assert "geen casussen" in uit.stdout


def test_gezin_evaluatie_zienswijze(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    jp("gezin", "add", ident, "--naam", "Petra de Vries", "--relatie", "moeder")
    jp("gezin", "add", ident, "--naam", "Stiefvader Rob", "--relatie", "stiefvader",
       "--geen-gezag")
    r = jp("gezin", "add", ident, "--naam", "petra de vries", "--relatie", "moeder", code=1)
    assert "staat al bij het gezin" in r.stderr
    jp("doel", "add", ident, "--omschrijving", "Speelt samen", "--evaluatie", "2026-11-20")
    assert jp.json("agenda")[0]["soort"] == "doel-evaluatie"
    jp("evaluatie", "add", ident, "--notitie", "Gaat beter", "--doel", "d1")
    assert jp.json("agenda") == []
    jp("evaluatie", "add", ident, "--notitie", "x", "--doel", "d7", code=1)
    jp("zienswijze", ident, "--ouders", "We zijn blij met de hulp")
    jp("zienswijze", ident, code=1)
    plan = jp.json("show", ident)
    assert [(o["naam"], o["gezag"]) for o in plan["gezin"]] == [
        ("Petra de Vries", True), ("Stiefvader Rob", False)]
    assert plan["evaluaties"][0]["doelen"] == ["d1"]
    assert plan["zienswijze"] == {"ouders": "We zijn blij met de hulp"}
    assert git_log(repo_pad)[0] == f"Ilse IB|{ident}: zienswijze van ouders vastgelegd"
    # toestemming van een 10-jarige: beide ouders met gezag nodig; alleen vader telt niet
    r = jp("toestemming", "add", ident, "--partij", "CJG", "--door", "Iemand anders")
    assert "let op: nodig is toestemming van de ouders met gezag (Petra de Vries)" in r.stderr


def test_check_meldcode_en_verzuim_met_de_hand_bewerkt(jp: Cli, repo_pad: Path, kind) -> None:
    ident = kind()
    jp("verzuim", "afwezig", ident, "--sinds", "2026-10-01")
    jp("meldcode", "start", ident)
    pad = repo_pad / "casussen" / ident / "plan.yaml"
    tekst = pad.read_text()
    tekst = tekst.replace("  afwezigheden:\n", "  afwezigheden:\n    - van: 2026-09-01\n")
    tekst = tekst.replace("    stappen: []\n", "    stappen: []\n    besluit: melden\n")
    pad.write_text(tekst)
    data = jp.json("check", code=1)
    codes = {(p["code"], p["veld"]) for p in data["problemen"] if p["ernst"] == "fout"}
    assert codes == {("verzuim-tegenstrijdig", "verzuim"), ("meldcode-spoor", "meldcode")}


def test_check_meldt_fout_in_instellingen(jp: Cli, repo_pad: Path) -> None:
    assert jp.json("check")["ok"] is True
    pad = repo_pad / "jeugdplan.yaml"
    pad.write_text(pad.read_text() + "onbekend: 1\n")
    data = jp.json("check", code=1)
    assert [(p["pad"], p["veld"]) for p in data["problemen"]] == [("jeugdplan.yaml", "onbekend")]
