"""`jeugdplan sync` met een kale remote en twee klonen op het lokale bestandssysteem."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, git, plan

KIND = ["--voornaam", "Sanne", "--achternaam", "de Vries", "--geboortedatum", "2016-04-03",
        "--gemeente", "Velsen", "--school", "De Windroos", "--onderwijssoort", "po"]


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    pad = tmp_path / "gedeeld.git"
    subprocess.run(["git", "init", "-q", "--bare", str(pad)], check=True)
    return pad


@pytest.fixture
def twee(jp: Cli, repo_pad: Path, remote: Path, tmp_path: Path) -> tuple[Cli, Cli, str]:
    """Kloon A (de fixture-repo) deelt een casus; kloon B is een verse `git clone`."""
    ident = jp.json("new", *KIND)["id"]
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Slaat")
    jp("doel", "add", ident, "--omschrijving", "Speelt in de pauze")
    git(repo_pad, "remote", "add", "origin", str(remote))
    jp("sync")
    kloon = tmp_path / "kloon-b"
    subprocess.run(["git", "clone", "-q", str(remote), str(kloon)], check=True)
    return jp, Cli(kloon), ident


def test_zonder_remote_duidelijke_fout(jp: Cli) -> None:
    uit = jp("sync", code=1)
    assert "git remote add origin PAD" in uit.stderr
    uit = jp("sync", "--remote", "elders", code=1)
    assert "geen remote 'elders'" in uit.stderr


def test_onbekende_remote_noemt_de_bekende(jp: Cli, repo_pad: Path, remote: Path) -> None:
    git(repo_pad, "remote", "add", "gedeeld", str(remote))
    uit = jp("sync", code=1)
    assert "onbekende remote 'origin'" in uit.stderr and "gedeeld" in uit.stderr
    assert jp("sync", "--remote", "gedeeld").exit_code == 0


def test_verkeerde_keuze_is_gebruiksfout(jp: Cli) -> None:
    uit = jp("sync", "--kies", "allebei", code=2)
    assert "kies 'ons' of 'hun'" in uit.stderr


def test_eerste_push_naar_lege_remote(jp: Cli, repo_pad: Path, remote: Path, kind) -> None:
    ident = kind()
    git(repo_pad, "remote", "add", "origin", str(remote))
    uit = jp.json("sync")
    assert uit["eerste_keer"] is True
    assert [c["id"] for c in uit["verstuurd"]] == [ident]
    assert uit["verstuurd"][0]["auteurs"] == ["Ilse IB"]
    assert git(remote, "rev-parse", "main") == git(repo_pad, "rev-parse", "HEAD")
    # De kale repository wijst nu naar main, zodat een kloon iets uitpakt.
    assert git(remote, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    tekst = jp("sync").stdout
    assert "al bijgewerkt" in tekst


def test_eerste_push_tekst(jp: Cli, repo_pad: Path, remote: Path, kind) -> None:
    ident = kind()
    git(repo_pad, "remote", "add", "origin", str(remote))
    tekst = jp("sync").stdout
    assert "verstuurd naar origin (eerste keer gedeeld): 1 casus" in tekst
    assert f"{ident}  1 wijziging door Ilse IB" in tekst


def test_verse_kloon_krijgt_driverconfig(twee) -> None:
    a, b, ident = twee
    assert b.root is not None
    assert "merge.jeugdplan.driver" not in git(b.root, "config", "--local", "-l")
    uit = b("sync").stdout
    assert "al bijgewerkt" in uit
    driver = git(b.root, "config", "merge.jeugdplan.driver")
    assert "-m jeugdplan merge-driver %O %A %B %P" in driver
    assert (b.root / ".gitattributes").read_text().count("merge=jeugdplan") == 1
    assert b("show", ident, "--json").exit_code == 0


def test_oude_repository_krijgt_gitattributes(jp: Cli, repo_pad: Path, remote: Path) -> None:
    (repo_pad / ".gitattributes").unlink()
    git(repo_pad, "commit", "-qam", "weg")
    git(repo_pad, "remote", "add", "origin", str(remote))
    uit = jp("sync").stdout
    assert "ingesteld" in uit
    assert "merge=jeugdplan" in git(repo_pad, "show", "HEAD:.gitattributes")


def test_beide_een_signaal_in_elke_volgorde(twee) -> None:
    a, b, ident = twee
    a("signaal", "add", ident, "--domein", "thuis", "--omschrijving", "Moe")
    b("signaal", "add", ident, "--domein", "veiligheid", "--omschrijving", "Blauwe plek",
      "--bron", "kind")
    a("sync")
    uit = b.json("sync")
    assert uit["samengevoegd"] is True
    assert [c["id"] for c in uit["binnengekomen"]] == [ident]
    assert any(m["soort"] == "hernummerd" for m in uit["meldingen"])
    a("sync")
    for kloon in (a, b):
        signalen = {s["id"]: s["domein"] for s in plan(kloon.root, ident)["signalen"]}
        # Wat al gedeeld was (s2 van A) houdt zijn id; het signaal van B wordt s3.
        assert signalen == {"s1": "gedrag", "s2": "thuis", "s3": "veiligheid"}
    assert git(a.root, "rev-parse", "HEAD") == git(b.root, "rev-parse", "HEAD")
    assert a("check").exit_code == 0


def test_hernummeren_wordt_gemeld(twee) -> None:
    a, b, ident = twee
    a("signaal", "add", ident, "--domein", "thuis", "--omschrijving", "Moe")
    b("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Boos")
    a("sync")
    tekst = b("sync").stdout
    assert f"binnengekomen van origin: 1 casus\n  {ident}  1 wijziging door Ilse IB" in tekst
    assert (f"samengevoegd: {ident}: signaal s2 bestond aan beide kanten; het eigen (nog niet "
            "gedeelde) signaal s2 heet nu s3") in tekst
    assert "verstuurd naar origin: 1 casus" in tekst
    assert "het eigen (nog niet gedeelde) signaal s2 heet nu s3" in git(b.root, "log", "-1",
                                                                         "--format=%B")


def test_doel_en_evaluatie_zonder_conflict(twee) -> None:
    a, b, ident = twee
    a("doel", "add", ident, "--omschrijving", "Leest elke dag", "--evaluatie", "2027-02-01")
    # B legt een evaluatie vast door het plan te bewerken (zoals 'jeugdplan edit').
    assert b.root is not None
    pad = b.root / "casussen" / ident / "plan.yaml"
    tekst = pad.read_text()
    assert "evaluaties: []" in tekst
    pad.write_text(tekst.replace(
        "evaluaties: []",
        "evaluaties:\n  - datum: 2026-11-20\n    door: Jan Smit\n    notitie: Gaat goed\n"
        "    doelen: [d1]"))
    git(b.root, "commit", "-qam", f"{ident}: evaluatie")
    b("sync")
    a("sync")
    b("sync")
    for kloon in (a, b):
        p = plan(kloon.root, ident)
        assert [d["id"] for d in p["doelen"]] == ["d1", "d2"]
        assert [e["notitie"] for e in p["evaluaties"]] == ["Gaat goed"]


def test_beide_journaal_en_verschillende_casussen(twee, tmp_path: Path) -> None:
    a, b, ident = twee
    tweede = b.json("new", *KIND[:-6], "--gemeente", "Beverwijk", "--school", "De Zon",
                    "--onderwijssoort", "po", "--toch")["id"]
    a("journaal", "add", ident, "--tekst", "Gebeld met moeder")
    b("journaal", "add", ident, "--tekst", "Gesprek met leerkracht")
    b("journaal", "add", tweede, "--tekst", "Aangemeld")
    b("sync")
    uit = a.json("sync")
    assert {c["id"] for c in uit["binnengekomen"]} == {ident, tweede}
    b("sync")
    for kloon in (a, b):
        teksten = sorted(j["tekst"] for j in plan(kloon.root, ident)["journaal"])
        assert teksten == ["Gebeld met moeder", "Gesprek met leerkracht"]
        assert (kloon.root / "casussen" / tweede / "plan.yaml").is_file()


def test_opmerkingen_blijven_bij_samenvoegen(twee) -> None:
    a, b, ident = twee
    assert a.root is not None
    pad = a.root / "casussen" / ident / "plan.yaml"
    pad.write_text(pad.read_text().replace("signalen:", "# eigen aantekening van A\nsignalen:"))
    git(a.root, "commit", "-qam", "opmerking")
    a("signaal", "add", ident, "--domein", "thuis", "--omschrijving", "Moe")
    b("journaal", "add", ident, "--tekst", "x")
    b("sync")
    a("sync")
    assert "# eigen aantekening van A" in pad.read_text()


def test_echt_conflict_kies_ons_en_niets_verloren(twee) -> None:
    a, b, ident = twee
    a("doel", "status", ident, "d1", "behaald")
    b("doel", "status", ident, "d1", "gestopt")
    a("sync")
    assert b.root is not None
    voor = git(b.root, "rev-parse", "HEAD")
    uit = b("sync", code=1)
    assert "lukte niet zonder uw keuze" in uit.stderr
    assert "doel d1: status: ons gestopt ↔ hun behaald" in uit.stderr
    assert "jeugdplan sync --kies ons" in uit.stderr
    # Niets half samengevoegd: zelfde HEAD, geen MERGE_HEAD, schone werkmap.
    assert git(b.root, "rev-parse", "HEAD") == voor
    assert not (b.root / ".git" / "MERGE_HEAD").exists()
    assert git(b.root, "status", "--porcelain", "--untracked-files=no") == ""
    uit = b("sync", "--kies", "ons").stdout
    assert "gekozen ons (gestopt); vervallen hun (behaald) staat in het journaal" in uit
    bericht = git(b.root, "log", "-1", "--format=%B")
    assert f"{ident}: doel d1: status: keuze ons (de andere waarde staat in het journaal)" in bericht
    assert "behaald" not in bericht  # geen waarden in commitberichten
    a("sync")
    for kloon in (a, b):
        p = plan(kloon.root, ident)
        assert p["doelen"][0]["status"] == "gestopt"
        assert "vervallen waarde(n): doel d1: status: behaald (hun)" in p["journaal"][-1]["tekst"]


def test_echt_conflict_kies_hun(twee) -> None:
    a, b, ident = twee
    a("doel", "status", ident, "d1", "behaald")
    b("doel", "status", ident, "d1", "gestopt")
    a("sync")
    uit = b.json("sync", "--kies", "hun")
    assert uit["meldingen"][0]["soort"] == "gekozen"
    assert plan(b.root, ident)["doelen"][0]["status"] == "behaald"


def test_conflict_json(twee) -> None:
    a, b, ident = twee
    a("doel", "status", ident, "d1", "behaald")
    b("doel", "status", ident, "d1", "gestopt")
    a("sync")
    uit = b("sync", "--json", code=1)

    data = json.loads(uit.stdout)
    assert data["conflicten"][0]["veld"] == "doel d1: status"
    assert data["conflicten"][0]["ons"] == "gestopt" and data["conflicten"][0]["hun"] == "behaald"


def test_conflict_in_ander_bestand_wordt_afgebroken(twee) -> None:
    a, b, ident = twee
    assert a.root is not None and b.root is not None
    for kloon, regio in ((a, "a"), (b, "b")):
        pad = kloon.root / "jeugdplan.yaml"
        pad.write_text(pad.read_text().replace("scholen: []", f"scholen: [{regio}]"))
        git(kloon.root, "commit", "-qam", "scholen")
    a("sync")
    uit = b("sync", code=1)
    assert "conflict in jeugdplan.yaml" in uit.stderr
    assert not (b.root / ".git" / "MERGE_HEAD").exists()
    b("sync", "--kies", "hun")
    assert "scholen: [a]" in (b.root / "jeugdplan.yaml").read_text()


def test_casus_id_botsing_wordt_hernoemd(twee, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beide klonen maken een casus met hetzelfde id: de eigen, niet gedeelde krijgt een
    nieuw id in één commit, en na sync bestaan beide casussen aan beide kanten."""
    import jeugdplan.diensten.plannen as plannen

    a, b, ident = twee
    monkeypatch.setattr(plannen, "nieuw_id", lambda jaar, bestaat: "2026-BOTSEN")
    a.json("new", *KIND[:-6], "--gemeente", "Velsen", "--school", "A", "--onderwijssoort",
           "po", "--toch")
    b.json("new", "--voornaam", "Piet", "--achternaam", "Jansen", "--geboortedatum",
           "2015-01-01", "--gemeente", "Velsen", "--school", "B", "--onderwijssoort", "po")
    b("journaal", "add", "2026-BOTSEN", "--tekst", "Piet is aangemeld")
    monkeypatch.undo()
    a("sync")
    uit = b.json("sync")
    assert len(uit["hernoemd"]) == 1
    nieuw = uit["hernoemd"][0]["naar"]
    assert uit["hernoemd"][0]["van"] == "2026-BOTSEN" and nieuw.startswith("2026-")
    assert b.root is not None
    assert git(b.root, "log", "-1", "--format=%s", "HEAD^1").strip() == (
        f"{nieuw}: casus-id gewijzigd van 2026-BOTSEN in {nieuw} (2026-BOTSEN bestond al bij "
        "origin; gevonden bij sync)")
    a("sync")
    for kloon in (a, b):
        assert plan(kloon.root, "2026-BOTSEN")["kind"]["voornaam"] == "Sanne"
        p = plan(kloon.root, nieuw)
        assert p["id"] == nieuw and p["kind"]["voornaam"] == "Piet"
        assert kloon("check").exit_code == 0
    # De geschiedenis van de hernoemde casus is alleen die van Piet.
    log = b.json("log", nieuw)
    berichten = [v["bericht"] for v in log]
    assert any("journaal" in x for x in berichten)
    assert all("School" not in x for x in berichten)
    assert len([v for v in log if v["wijzigingen"] and v["wijzigingen"][0]["soort"] == "aangemaakt"]) == 1
    # Zo ook de inzage-export: geen commit van het andere kind dat het oude id had.
    export = json.loads(b("export", nieuw, "--aanvrager", "ouder").stdout)
    assert [w["hash"] for w in export["geschiedenis"]] == [v["hash"] for v in log]


def test_ids_van_twee_klonen_botsen_nooit(twee) -> None:
    a, b, ident = twee
    ids_a = [a.json("new", *KIND, "--toch")["id"] for _ in range(3)]
    ids_b = [b.json("new", *KIND, "--toch")["id"] for _ in range(3)]
    a("sync")
    b("sync")
    a("sync")
    alle = {ident, *ids_a, *ids_b}
    assert len(alle) == 7
    for kloon in (a, b):
        assert set(kloon.json("list") and [r["id"] for r in kloon.json("list")]) == alle


def test_niet_vastgelegde_wijziging_weigert(twee) -> None:
    a, b, ident = twee
    assert a.root is not None
    pad = a.root / "casussen" / ident / "plan.yaml"
    pad.write_text(pad.read_text() + "\n# los\n")
    uit = a("sync", code=1)
    assert "nog niet zijn vastgelegd" in uit.stderr and f"casussen/{ident}/plan.yaml" in uit.stderr


def test_remote_onbereikbaar(jp: Cli, repo_pad: Path, tmp_path: Path) -> None:
    git(repo_pad, "remote", "add", "origin", str(tmp_path / "bestaat-niet.git"))
    uit = jp("sync", code=1)
    assert "kan de gedeelde repository 'origin'" in uit.stderr
    assert "Traceback" not in uit.stderr


def test_push_wordt_opnieuw_geprobeerd(twee, monkeypatch: pytest.MonkeyPatch) -> None:
    """Komt er tussen ophalen en versturen iets binnen, dan haalt sync opnieuw op."""
    import jeugdplan.diensten.sync as s

    a, b, ident = twee
    a("journaal", "add", ident, "--tekst", "a")
    b("journaal", "add", ident, "--tekst", "b")
    echte_push = s._push
    eerste = [True]

    def push(root: Path, remote: str, tak: str) -> bool:
        if eerste[0]:
            eerste[0] = False
            b("sync")  # een collega is net eerder
            return False
        return echte_push(root, remote, tak)

    monkeypatch.setattr(s, "_push", push)
    a("sync")
    teksten = sorted(j["tekst"] for j in plan(a.root, ident)["journaal"])
    assert teksten == ["a", "b"]


@pytest.mark.parametrize("volgorde", ["ab", "ba"])
def test_onafhankelijke_wijzigingen_in_elke_volgorde(twee, volgorde: str) -> None:
    """Veel onafhankelijke wijzigingen aan beide kanten: alles komt aan, geen conflict."""
    a, b, ident = twee
    a("signaal", "add", ident, "--domein", "thuis", "--omschrijving", "Moe")
    a("doel", "add", ident, "--omschrijving", "Leest")
    a("journaal", "add", ident, "--tekst", "van a")
    a("toestemming", "add", ident, "--partij", "Socius", "--door", "Petra de Vries")
    b("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "Boos")
    b("actie", "add", ident, "--omschrijving", "Bellen", "--deadline", "2026-12-01")
    b("journaal", "add", ident, "--tekst", "van b")
    b("doel", "status", ident, "d1", "behaald")
    b("betrokkene", "add", ident, "--rol", "jmw", "--naam", "Jan Smit", "--regie")
    eerst, dan = (a, b) if volgorde == "ab" else (b, a)
    eerst("sync")
    dan("sync")
    eerst("sync")
    assert git(a.root, "rev-parse", "HEAD") == git(b.root, "rev-parse", "HEAD")
    p = plan(a.root, ident)
    assert sorted(s["domein"] for s in p["signalen"]) == ["gedrag", "gedrag", "thuis"]
    assert len({s["id"] for s in p["signalen"]}) == 3
    assert {d["id"]: d["status"] for d in p["doelen"]} == {"d1": "behaald", "d2": "lopend"}
    assert [x["omschrijving"] for x in p["acties"]] == ["Bellen"]
    assert sorted(j["tekst"] for j in p["journaal"]) == ["van a", "van b"]
    assert [t["partij"] for t in p["toestemmingen"]] == ["Socius"]
    assert p["regie"]["naam"] == "Jan Smit"
    assert a("check").exit_code == 0


def test_halve_samenvoeging_van_git_zelf_wordt_genoemd(jp: Cli, repo_pad: Path, remote: Path,
                                                        kind) -> None:
    kind()
    git(repo_pad, "remote", "add", "origin", str(remote))
    git(repo_pad, "switch", "-q", "-c", "zij")
    pad = repo_pad / "notities.txt"
    pad.write_text("x\n")
    git(repo_pad, "add", "notities.txt")
    git(repo_pad, "commit", "-qm", "x")
    git(repo_pad, "switch", "-q", "main")
    pad.write_text("y\n")
    git(repo_pad, "add", "notities.txt")
    git(repo_pad, "commit", "-qm", "y")
    subprocess.run(["git", "merge", "zij"], cwd=repo_pad, capture_output=True)
    uit = jp("sync", code=1)
    assert "midden in een merge" in uit.stderr and "git merge --abort" in uit.stderr


@pytest.mark.parametrize("kies", ["ons", "hun"])
def test_verwijderd_tegen_gewijzigd(twee, kies: str) -> None:
    a, b, ident = twee
    assert a.root is not None and b.root is not None
    git(a.root, "rm", "-q", "-r", f"casussen/{ident}")
    git(a.root, "commit", "-qm", f"{ident}: casus verwijderd")
    a("sync")
    b("journaal", "add", ident, "--tekst", "nog bezig")
    uit = b("sync", code=1)
    assert (f"conflict in casussen/{ident}/plan.yaml (bij u gewijzigd, bij origin verwijderd)"
            in uit.stderr)
    assert not (b.root / ".git" / "MERGE_HEAD").exists()
    uit = b.json("sync", "--kies", kies)
    assert uit["meldingen"][0]["soort"] == "gekozen"
    bestaat = (b.root / "casussen" / ident / "plan.yaml").is_file()
    assert bestaat is (kies == "ons")
    a("sync")
    assert (a.root / "casussen" / ident / "plan.yaml").is_file() is (kies == "ons")
    assert git(a.root, "rev-parse", "HEAD") == git(b.root, "rev-parse", "HEAD")


def test_ongerelateerde_repository_weigert(jp: Cli, repo_pad: Path, remote: Path,
                                           tmp_path: Path) -> None:
    git(repo_pad, "remote", "add", "origin", str(remote))
    jp("sync")
    ander = tmp_path / "ander"
    Cli(None)("init", str(ander))
    git(ander, "remote", "add", "origin", str(remote))
    uit = Cli(ander)("sync", code=1)
    assert "geen gemeenschappelijke geschiedenis" in uit.stderr and "git clone" in uit.stderr


def test_ingetrokken_en_aangevulde_toestemming_wordt_een_onderdeel(twee) -> None:
    """Een toestemming, in kloon A ingetrokken en in kloon B aangevuld: na sync één
    toestemming, ingetrokken én aangevuld (niet een ingetrokken en een nog geldige)."""
    a, b, ident = twee
    a("toestemming", "add", ident, "--partij", "Socius", "--door", "Petra de Vries",
      "--doel", "JMW op school")
    a("sync")
    b("sync")
    a("toestemming", "intrekken", ident, "--partij", "Socius")
    assert b.root is not None
    pad = b.root / "casussen" / ident / "plan.yaml"
    tekst = pad.read_text()
    assert tekst.count("doel: JMW op school") == 1
    pad.write_text(tekst.replace("doel: JMW op school", "doel: JMW en gesprekken op school"))
    git(b.root, "commit", "-qam", f"{ident}: toestemming aangevuld")
    a("sync")
    assert b.json("sync")["samengevoegd"] is True
    a("sync")
    for kloon in (a, b):
        toestemmingen = plan(kloon.root, ident)["toestemmingen"]
        assert len(toestemmingen) == 1
        t = toestemmingen[0]
        assert (t["id"], t["doel"], str(t["ingetrokken"])) == (
            "t1", "JMW en gesprekken op school", "2026-11-25")
        assert "Socius: 2026-11-25, door Petra de Vries (ingetrokken 2026-11-25)" in \
            kloon("show", ident).stdout
        assert kloon("check").exit_code == 0
    assert git(a.root, "rev-parse", "HEAD") == git(b.root, "rev-parse", "HEAD")
