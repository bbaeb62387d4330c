"""De opdrachten `route`, `verwijzing` en `regio` via de echte opdrachtregel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import git_log


def signaal(jp: Any, ident: str, domein: str = "thuis", zwaarte: str = "licht") -> None:
    jp("signaal", "add", ident, "--domein", domein, "--zwaarte", zwaarte,
       "--omschrijving", "Komt vaak moe op school")


def test_route_json(jp: Any, kind: Callable[..., str]) -> None:
    ident = kind(gemeente="Castricum")
    signaal(jp, ident, "thuis", "specialistisch")
    data = jp.json("route", ident)
    assert data["id"] == ident and data["gemeente"] == "Castricum"
    assert [v["code"] for v in data["voorwaarden"]][0] == "ouders-informeren"
    eerste, tweede = data["adviezen"][:2]
    assert eerste["regel"] == "ouders-eerst"
    assert (tweede["rol"], tweede["organisatie"]) == ("jg-coach", "CJG Castricum (regio Alkmaar)")
    for a in data["adviezen"]:
        assert {"rol", "organisatie", "contact", "reden", "regel", "bron"} <= set(a)
        assert a["regel"] and a["bron"]
    assert data["verwijzers"] and {"naam", "wanneer"} <= set(data["verwijzers"][0])
    toestemming = [v for v in data["voorwaarden"] if v["code"] == "toestemming"]
    assert toestemming[0]["organisatie"] == "CJG Castricum (regio Alkmaar)"
    assert "ouders met gezag" in toestemming[0]["melding"]


def test_route_tekst(jp: Any, kind: Callable[..., str]) -> None:
    ident = kind()
    signaal(jp, ident, "sociaal-emotioneel")
    uit = jp("route", ident).stdout
    assert f"Casus {ident}: gemeente Velsen (regio IJmond)" in uit
    assert "! ouders-informeren:" in uit
    assert "2. Jeugdmaatschappelijk werker: Socius Maatschappelijke Dienstverlening" in uit
    assert "regel:   licht-jmw (bron: Samenwerkingsverband IJmond, website" in uit
    assert f"jeugdplan route {ident} --apply N" in uit


def test_gemeente_buiten_regio(jp: Any, kind: Callable[..., str]) -> None:
    ident = kind(gemeente="Haarlem", **{"buiten-regio": ""})
    uit = jp("route", ident, code=1)
    assert uit.stderr.startswith("fout: gemeente 'Haarlem' hoort niet bij regio IJmond")
    assert "Velsen, Beverwijk, Heemskerk, Castricum, Uitgeest" in uit.stderr
    assert "Traceback" not in uit.stderr


def _plan_tekst(repo_pad: Path, ident: str) -> str:
    return (repo_pad / "casussen" / ident / "plan.yaml").read_text(encoding="utf-8")


def test_apply_zonder_toestemming_geweigerd_niets_geschreven(
        jp: Any, kind: Callable[..., str], repo_pad: Path) -> None:
    ident = kind()
    signaal(jp, ident)
    jp("ouders", "informeer", ident)
    voor, log = _plan_tekst(repo_pad, ident), git_log(repo_pad)
    uit = jp("route", ident, "--apply", "1", code=1)
    assert "geen geldige toestemming om gegevens te delen met Socius" in uit.stderr
    assert "--zonder-toestemming" in uit.stderr
    assert _plan_tekst(repo_pad, ident) == voor and git_log(repo_pad) == log


def test_apply_ouders_eerst(jp: Any, kind: Callable[..., str]) -> None:
    ident = kind()
    signaal(jp, ident)
    uit = jp("route", ident, "--apply", "1", code=1)
    assert "geen verwijzing naar een partner" in uit.stderr
    uit = jp("route", ident, "--apply", "2", "--zonder-toestemming", "spoed", code=1)
    assert "ouders eerst" in uit.stderr and f"jeugdplan ouders informeer {ident}" in uit.stderr


def test_apply_met_toestemming_een_commit(jp: Any, kind: Callable[..., str],
                                          repo_pad: Path) -> None:
    ident = kind()
    signaal(jp, ident)
    jp("ouders", "informeer", ident)
    jp("gezin", "add", ident, "--naam", "Petra de Vries", "--relatie", "moeder", "--gezag")
    jp("toestemming", "add", ident, "--partij", "Socius", "--door", "Petra de Vries")
    log = git_log(repo_pad)
    uit = jp("route", ident, "--apply", "1")
    assert uit.stdout.strip() == "v1"
    assert uit.stderr.strip() == (f"{ident}: verwijzing v1 voorgesteld: jmw "
                                  "(Socius Maatschappelijke Dienstverlening)")
    nieuw = git_log(repo_pad)
    assert len(nieuw) == len(log) + 1
    assert nieuw[0] == (f"Ilse IB|{ident}: verwijzing v1 voorgesteld: jmw "
                        "(Socius Maatschappelijke Dienstverlening)")
    plan = jp.json("show", ident)
    v = plan["verwijzingen"][0]
    assert (v["status"], v["regel"], v["rol"]) == ("voorgesteld", "licht-jmw", "jmw")
    assert "toestemming_overruled" not in v
    # --zonder-toestemming bij een partner zonder toestemmingsplicht wordt niet vastgelegd
    signaal(jp, ident, "verzuim")
    uit = jp("route", ident, "--apply", "2", "--zonder-toestemming", "x")
    assert "--zonder-toestemming is niet vastgelegd" in uit.stderr
    assert "toestemming_overruled" not in jp.json("show", ident)["verwijzingen"][1]
    # tweede keer: loopt al
    assert "er loopt al verwijzing v1" in jp("route", ident, "--apply", "1", code=1).stderr
    assert "loopt al: v1 (voorgesteld)" in jp("route", ident).stdout


def test_apply_zonder_toestemming_met_reden(jp: Any, kind: Callable[..., str],
                                            repo_pad: Path) -> None:
    ident = kind(gemeente="Beverwijk")
    signaal(jp, ident, "gedrag", "complex")
    jp("ouders", "informeer", ident)
    data = jp.json("route", ident, "--apply", "1", "--zonder-toestemming",
                   "ouders gaven mondeling toestemming")
    assert data["organisatie"] == "Centrum Jeugd en Gezin IJmond"
    assert data["toestemming_overruled"] == "ouders gaven mondeling toestemming"
    assert "zonder toestemming, reden vastgelegd" in git_log(repo_pad)[0]
    assert "Sanne" not in git_log(repo_pad)[0]


def test_apply_buiten_bereik_en_verkeerd_gebruik(jp: Any, kind: Callable[..., str]) -> None:
    ident = kind()
    signaal(jp, ident)
    assert "er zijn 2 adviezen" in jp("route", ident, "--apply", "9", code=1).stderr
    jp("route", ident, "--apply", "0", code=2)
    assert "--zonder-toestemming hoort bij --apply" in jp(
        "route", ident, "--zonder-toestemming", "x", code=2).stderr
    jp("route", ident, "--apply", "2", "--zonder-toestemming", "  ", code=1)


def test_verwijzing_levensloop(jp: Any, kind: Callable[..., str], repo_pad: Path) -> None:
    ident = kind()
    signaal(jp, ident, "verzuim")
    jp("route", ident, "--apply", "2")  # leerplicht: eigen grondslag
    uit = jp("verwijzing", ident, "v1", "--status", "geaccepteerd", code=1)
    assert ("verwijzing v1 kan niet van 'voorgesteld' naar 'geaccepteerd': van 'voorgesteld' "
            "kan alleen naar: aangevraagd") in uit.stderr
    jp("verwijzing", ident, "v1", "--status", "aangevraagd")
    uit = jp("verwijzing", ident, "v1", "--status", "afgewezen", code=1)
    assert "vraagt een reden (--reden)" in uit.stderr
    jp("verwijzing", ident, "v1", "--status", "afgewezen", "--reden", "geen leerplichtzaak")
    assert "eindtoestand" in jp("verwijzing", ident, "v1", "--status", "gestart",
                                code=1).stderr
    v = jp.json("show", ident)["verwijzingen"][0]
    assert v["status"] == "afgewezen"
    assert [s["status"] for s in v["historie"]] == ["voorgesteld", "aangevraagd", "afgewezen"]
    assert v["historie"][-1]["reden"] == "geen leerplichtzaak"
    assert v["historie"][-1]["door"] == "Ilse IB"
    assert git_log(repo_pad)[0] == (f"Ilse IB|{ident}: verwijzing v1 afgewezen "
                                    "(Leerplicht gemeente Velsen)")


def test_verwijzing_onbekend(jp: Any, kind: Callable[..., str]) -> None:
    ident = kind()
    assert "geen verwijzing 'v3'" in jp("verwijzing", ident, "v3", "--status", "aangevraagd",
                                        code=1).stderr
    jp("verwijzing", ident, "v1", code=2)


def test_regio_show_en_check(jp: Any) -> None:
    data = jp.json("regio", "show")
    assert data["naam"] == "IJmond" and data["bestanden"] == ["data/regio/ijmond.yaml"]
    assert data["gemeenten"] == ["Velsen", "Beverwijk", "Heemskerk", "Castricum", "Uitgeest"]
    uit = jp("regio", "show").stdout
    assert "coach: CJG Castricum (regio Alkmaar)" in uit
    assert "veilig-thuis: Veilig Thuis Kennemerland (niet bevestigd)" in uit
    assert "regioregels in orde" in jp("regio", "check").stderr


def test_regio_zonder_repository(tmp_path: Path, monkeypatch: Any) -> None:
    from tests.conftest import Cli

    monkeypatch.chdir(tmp_path)
    cli = Cli(None)
    assert cli.json("regio", "show", "--regio", "jgt-voorbeeld")["naam"] == "JGT-voorbeeld"
    assert "regioregels in orde" in cli("regio", "check", "--regio", "ijmond").stderr
    assert "onbekende regio 'nergens'" in cli("regio", "check", "--regio", "nergens",
                                              code=1).stderr


def test_eigen_regio_yaml_met_fout_geeft_regel(jp: Any, kind: Callable[..., str],
                                               repo_pad: Path) -> None:
    ident = kind()
    (repo_pad / "regio.yaml").write_text(
        "# eigen afspraken\norganisaties:\n  socius-jmw:\n    naam: Socius\n    rol: jmw\n"
        "    contct: 023-0000000\n    bron: eigen\n", encoding="utf-8")
    uit = jp("regio", "check", code=1)
    assert uit.stdout.strip() == ("regio.yaml:6:5: organisaties.socius-jmw.contct: "
                                  "onbekend veld (typfout?)")
    uit = jp("route", ident, code=1)
    assert "regio.yaml:6:5: organisaties.socius-jmw.contct" in uit.stderr


def test_eigen_regio_yaml_overschrijft(jp: Any, kind: Callable[..., str],
                                       repo_pad: Path) -> None:
    ident = kind(identiteit="reformatorisch")
    signaal(jp, ident)
    (repo_pad / "regio.yaml").write_text("""\
organisaties:
  eigen-jmw:
    naam: Identiteitsgebonden JMW
    rol: jmw
    identiteit: reformatorisch
    contact: via de school
    bron: eigen afspraak met de gemeente (2026)
partners:
  jmw: [socius-jmw, eigen-jmw]
""", encoding="utf-8")
    data = jp.json("route", ident)
    jmw = next(a for a in data["adviezen"] if a["rol"] == "jmw")
    assert jmw["organisatie"] == "Identiteitsgebonden JMW"
    assert "identiteit" in jmw["regels"]
    assert jmw["alternatieven"] == ["Socius Maatschappelijke Dienstverlening"]
    assert jp.json("regio", "show")["bestanden"] == ["data/regio/ijmond.yaml", "regio.yaml"]


def test_hulp_bij_elke_opdracht(jp: Any) -> None:
    for args in (["route"], ["verwijzing"], ["regio"], ["regio", "show"], ["regio", "check"]):
        uit = jp(*args, "--help").stdout
        assert "--help" in uit
    assert "--zonder-toestemming" in jp("route", "--help").stdout


def test_init_met_jgt_voorbeeld(tmp_path: Path) -> None:
    from tests.conftest import Cli

    pad = tmp_path / "jgt"
    Cli(None)("init", str(pad), "--regio", "jgt-voorbeeld")
    jp = Cli(pad)
    ident = jp.json("new", "--voornaam", "Noa", "--achternaam", "Bakker", "--geboortedatum",
                    "2015-05-05", "--gemeente", "Voorbeeldgemeente", "--school",
                    "Voorbeeldschool", "--onderwijssoort", "po")["id"]
    signaal(jp, ident, "gezondheid")
    data = jp.json("route", ident)
    jgt = next(a for a in data["adviezen"] if a["rol"] == "jgt")
    assert "vaste JGT-contactpersoon van de Voorbeeldschool" in jgt["contact"]
    assert jgt["onzeker"] is True
    assert data["regio"] == "JGT-voorbeeld"


# --- issue 15: acuut, mbo, wie al betrokken is, eigen bronnen ------------------------------


def test_acuut_gevaar_eerst_112_huisarts_en_113(jp: Any, kind: Callable[..., str],
                                                repo_pad: Path) -> None:
    ident = kind(voornaam="Lotte", geboortedatum="2011-02-02", onderwijssoort="vo",
                 school="Kennemer College")  # 15 jaar
    r = jp("signaal", "add", ident, "--domein", "psychosociaal", "--zwaarte", "acuut",
           "--bron", "kind", "--omschrijving", "Zegt dat ze niet meer wil leven")
    assert "LET OP: Acuut gevaar: laat het kind niet alleen" in r.stderr
    data = jp.json("route", ident)
    codes = [v["code"] for v in data["voorwaarden"]]
    assert codes[0] == "acuut" and "ouders-informeren" not in codes
    acuut = data["voorwaarden"][0]["melding"]
    for woord in ("laat het kind niet alleen", "112", "vandaag nog", "huisartsenpost",
                  "crisisdienst", "tenzij dat het kind in gevaar brengt", "0800-2000",
                  "wacht daar niet op"):
        assert woord in acuut, woord
    eerste = data["adviezen"][:3]
    assert [a["organisatie"] for a in eerste] == [
        "112 (alarmnummer)", "Huisarts van het gezin of de huisartsenpost (vandaag nog)",
        "113 Zelfmoordpreventie"]
    assert "113 of 0800-0113 (gratis)" in eerste[2]["contact"]
    assert all(a["regel"] == "acuut" and a["bron"] and not a["verwijsbaar"] for a in eerste)
    assert all(a["organisatie"] != "Centrum Jeugd en Gezin IJmond" for a in data["adviezen"])
    assert "Volg een advies op" not in jp("route", ident).stdout
    assert "niet bevestigd" in jp("route", ident).stdout  # eigen crisisprotocol gaat voor


def test_mbo_nooit_naar_het_samenwerkingsverband(jp: Any, kind: Callable[..., str]) -> None:
    ident = kind(voornaam="Lisa", geboortedatum="2009-10-10", gemeente="Beverwijk",
                 school="Nova College", onderwijssoort="mbo")
    signaal(jp, ident, "leren", "complex")
    jp("verzuim", "afwezig", ident, "--sinds", "2026-09-01")
    data = jp.json("route", ident)
    assert all(a["rol"] != "swv" for a in data["adviezen"])
    namen = [a["organisatie"] for a in data["adviezen"]]
    assert "De mbo-school zelf (studentbegeleiding, loopbaanbegeleiding en zorgteam)" in namen
    rmc = next(a for a in data["adviezen"] if a["organisatie"].startswith("RMC"))
    assert rmc["regel"] == "verzuim" and "geen samenwerkingsverband" in rmc["reden"]
    assert rmc["onzeker"] is True
    # Een vo-leerling met hetzelfde signaal gaat wel naar het samenwerkingsverband.
    vo = kind(voornaam="Milan", geboortedatum="2012-10-10", onderwijssoort="vo")
    signaal(jp, vo, "leren", "complex")
    assert any(a["rol"] == "swv" for a in jp.json("route", vo)["adviezen"])


def test_wie_al_betrokken_is(jp: Any, kind: Callable[..., str], repo_pad: Path) -> None:
    ident = kind()
    signaal(jp, ident, "sociaal-emotioneel")
    jp("ouders", "informeer", ident)
    jp("betrokkene", "add", ident, "--rol", "jmw", "--naam", "Jan Smit", "--organisatie",
       "Socius", "--regie")
    data = jp.json("route", ident)
    jmw = next(a for a in data["adviezen"] if a["rol"] == "jmw")
    assert jmw["al_betrokken"] is True
    assert "Al betrokken: Jan Smit (jmw, met regie)." in jmw["reden"]
    assert all(a["al_betrokken"] is False for a in data["adviezen"] if a is not jmw)
    assert "[geen toestemming nodig" not in jp("route", ident).stdout
    assert "al betrokken" in jp("route", ident).stdout
    log = git_log(repo_pad)
    r = jp("route", ident, "--apply", str(jmw["nr"]), "--zonder-toestemming", "x", code=1)
    assert "Socius Maatschappelijke Dienstverlening is al betrokken (Jan Smit (jmw, met " \
           "regie)); er komt geen tweede verwijzing" in r.stderr
    assert git_log(repo_pad) == log


def test_veilig_thuis_en_leerplicht_noemen_hun_eigen_bron(jp: Any,
                                                          kind: Callable[..., str]) -> None:
    ident = kind()
    signaal(jp, ident, "veiligheid")
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-09-01")
    data = jp.json("route", ident)
    vt = next(a for a in data["adviezen"] if a["rol"] == "veilig-thuis")
    leerplicht = next(a for a in data["adviezen"] if a["rol"] == "leerplicht")
    for advies in (vt, leerplicht):
        assert "Coaches vanuit het Centrum voor Jeugd en Gezin" not in advies["bron"]
    assert "Veilig Thuis" in vt["bron"] and "Wmo 2015" in vt["bron"]
    assert "Leerplichtwet 1969" in leerplicht["bron"]
