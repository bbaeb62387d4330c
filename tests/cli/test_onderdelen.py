"""Elk onderdeel van het plan is met een opdracht in te vullen, te corrigeren en te
verwijderen: één commit per opdracht, de reden van verwijderen in het journaal (niet in het
commitbericht), en geweigerd wat niet klopt (niets geschreven)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Cli, git_log


def _plan(jp: Cli, ident: str) -> dict:
    return jp.json("show", ident)  # type: ignore[no-any-return]


@pytest.fixture
def ident(jp: Cli, kind: Callable[..., str]) -> str:
    return kind()


def test_gezin_wijzig_en_verwijder_met_reden(jp: Cli, ident: str, repo_pad: Path) -> None:
    jp("gezin", "add", ident, "--naam", "Petra de Vries", "--relatie", "moeder")
    jp("gezin", "add", ident, "--naam", "Petra de Vries-Jansen", "--relatie", "moeder")
    jp("gezin", "wijzig", ident, "o1", "--geen-gezag", "--contact", "06-12345678")
    r = jp("gezin", "verwijder", ident, "o2", "--reden", "dubbel ingevoerd door Petra")
    assert f"{ident}: gezinslid o2 verwijderd (reden in journaal j1)" in r.stderr
    plan = _plan(jp, ident)
    assert [(o["id"], o["gezag"], o.get("contact")) for o in plan["gezin"]] == [
        ("o1", False, "06-12345678")]
    assert plan["journaal"][0]["tekst"] == "gezinslid o2 verwijderd: dubbel ingevoerd door Petra"
    log = git_log(repo_pad)
    assert log[0] == f"Ilse IB|{ident}: gezinslid o2 verwijderd (reden in journaal j1)"
    assert log[1] == f"Ilse IB|{ident}: gezinslid o1 gewijzigd (gezag, contact)"
    assert not any("Petra" in regel for regel in log)  # geen namen in commitberichten


def test_gezag_onbekend_vastleggen_en_corrigeren(jp: Cli, ident: str) -> None:
    jp("gezin", "add", ident, "--naam", "Kees Bos", "--relatie", "vader", "--gezag-onbekend")
    jp("gezin", "add", ident, "--naam", "Petra de Vries", "--relatie", "moeder")
    jp("gezin", "wijzig", ident, "o2", "--gezag-onbekend")
    assert [o["gezag"] for o in _plan(jp, ident)["gezin"]] == ["onbekend", "onbekend"]
    jp("gezin", "wijzig", ident, "o1", "--gezag")
    assert [o["gezag"] for o in _plan(jp, ident)["gezin"]] == [True, "onbekend"]
    r = jp("gezin", "wijzig", ident, "o1", "--geen-gezag", "--gezag-onbekend", code=2)
    assert "kies --gezag, --geen-gezag of --gezag-onbekend" in r.stderr
    assert [o["gezag"] for o in _plan(jp, ident)["gezin"]] == [True, "onbekend"]


def test_signaal_zwaarte_corrigeren(jp: Cli, ident: str) -> None:
    jp("signaal", "add", ident, "--domein", "gedrag", "--omschrijving", "x", "--zwaarte",
       "specialistisch")
    r = jp("signaal", "wijzig", ident, "s1", "--wis", "interpretatie", code=1)
    assert "signaal s1 is al zo; er is niets gewijzigd" in r.stderr
    jp("signaal", "wijzig", ident, "s1", "--zwaarte", "Licht")
    assert _plan(jp, ident)["signalen"][0]["zwaarte"] == "licht"
    r = jp("signaal", "wijzig", ident, "s1", "--datum", "2027-01-01", code=1)
    assert "datum (2027-01-01) ligt in de toekomst" in r.stderr
    r = jp("signaal", "wijzig", ident, "s9", "--zwaarte", "licht", code=1)
    assert "signaal 's9' bestaat niet in casus" in r.stderr and "(wel: s1)" in r.stderr


def test_onderdeel_van_een_andere_soort_wordt_genoemd(jp: Cli, ident: str) -> None:
    jp("doel", "add", ident, "--omschrijving", "x")
    r = jp("actie", "verwijder", ident, "d1", "--reden", "weg", code=1)
    assert "actie 'd1' bestaat niet" in r.stderr and "d1 is een doel" in r.stderr


def test_toestemming_op_id_intrekken_corrigeren_verwijderen(jp: Cli, ident: str) -> None:
    jp("gezin", "add", ident, "--naam", "P", "--relatie", "moeder")
    jp("toestemming", "add", ident, "--partij", "Socius", "--door", "P", "--datum", "2026-11-01")
    jp("toestemming", "add", ident, "--partij", "CJG", "--door", "P", "--datum", "2026-11-01")
    jp("toestemming", "wijzig", ident, "t2", "--doel", "gezinscoaching", "--door", "P",
       "--door", "Q")
    jp("toestemming", "intrekken", ident, "t1", "--datum", "2026-11-20")
    r = jp("toestemming", "intrekken", ident, "t1", code=1)
    assert "toestemming t1 is al ingetrokken op 2026-11-20" in r.stderr
    jp("toestemming", "intrekken", ident, "t1", "--partij", "CJG", code=2)
    jp("toestemming", "verwijder", ident, "t2", "--reden", "verkeerde casus")
    plan = _plan(jp, ident)
    assert [(t["id"], t.get("ingetrokken")) for t in plan["toestemmingen"]] == [
        ("t1", "2026-11-20")]


def test_betrokkene_regie_volgt_en_vervalt(jp: Cli, ident: str) -> None:
    jp("betrokkene", "add", ident, "--rol", "jmw", "--naam", "Jan Smit", "--regie")
    jp("betrokkene", "add", ident, "--rol", "ib", "--naam", "Ilse IB")
    jp("betrokkene", "wijzig", ident, "b1", "--organisatie", "Socius")
    assert _plan(jp, ident)["regie"]["organisatie"] == "Socius"
    jp("betrokkene", "regie", ident, "b2")
    assert _plan(jp, ident)["regie"]["naam"] == "Ilse IB"
    assert "heeft de regie al" in jp("betrokkene", "regie", ident, "b2", code=1).stderr
    r = jp("betrokkene", "verwijder", ident, "b2", "--reden", "vertrokken")
    assert "de regie is nu niet belegd" in r.stderr
    plan = _plan(jp, ident)
    assert "regie" not in plan and [b["id"] for b in plan["betrokkenen"]] == ["b1"]


def test_krachten_zorgen_netwerk_jeugdhulp(jp: Cli, ident: str) -> None:
    jp("kracht", "add", ident, "--tekst", "Tekent graag")
    jp("kracht", "wijzig", ident, "k1", "--tekst", "Tekent graag en goed")
    jp("zorg", "add", ident, "--tekst", "Eet slecht")
    jp("zorg", "verwijder", ident, "z1", "--reden", "klopt niet")
    jp("netwerk", "add", ident, "--naam", "Oma Riet", "--relatie", "oma", "--steun", "woensdag")
    jp("netwerk", "wijzig", ident, "n1", "--wis", "steun")
    jp("jeugdhulp", "add", ident, "--vorm", "JMW", "--aanbieder", "Socius", "--start",
       "2026-10-01")
    jp("jeugdhulp", "wijzig", ident, "h1", "--einde", "2026-11-20")
    r = jp("jeugdhulp", "add", ident, "--vorm", "x", "--aanbieder", "y", "--start", "2026-10-01",
           "--einde", "2026-09-01", code=1)
    assert "--einde (2026-09-01) ligt vóór --start (2026-10-01)" in r.stderr
    plan = _plan(jp, ident)
    assert plan["krachten"] == [{"id": "k1", "tekst": "Tekent graag en goed"}]
    assert plan["zorgen"] == []
    assert plan["netwerk"] == [{"id": "n1", "naam": "Oma Riet", "relatie": "oma"}]
    assert plan["jeugdhulp"][0]["einde"] == "2026-11-20"


def test_doel_actie_evaluatie_journaal(jp: Cli, ident: str) -> None:
    jp("doel", "add", ident, "--omschrijving", "x", "--eigenaar", "Jan", "--evaluatie",
       "2027-01-15")
    jp("doel", "wijzig", ident, "d1", "--wis", "evaluatie", "--omschrijving", "Speelt mee")
    assert "omschrijving van doel d1 mag niet leeg zijn" in jp(
        "doel", "wijzig", ident, "d1", "--wis", "omschrijving", code=1).stderr
    assert "doel d1 heeft geen veld 'kleur'" in jp(
        "doel", "wijzig", ident, "d1", "--wis", "kleur", code=1).stderr
    jp("actie", "add", ident, "--omschrijving", "bellen")
    jp("actie", "done", ident, "a1")
    jp("actie", "wijzig", ident, "a1", "--wis", "gedaan")  # toch nog niet gedaan
    jp("evaluatie", "add", ident, "--notitie", "goed", "--doel", "d1")
    jp("evaluatie", "wijzig", ident, "e1", "--notitie", "heel goed")
    jp("journaal", "add", ident, "--tekst", "gebeld")
    jp("journaal", "wijzig", ident, "j1", "--tekst", "gebeld met moeder")
    plan = _plan(jp, ident)
    assert plan["doelen"][0] == {"id": "d1", "omschrijving": "Speelt mee", "eigenaar": "Jan",
                                 "status": "lopend"}
    assert "gedaan" not in plan["acties"][0]
    assert plan["evaluaties"][0]["notitie"] == "heel goed"
    assert plan["journaal"][0]["tekst"] == "gebeld met moeder"


def test_kind_ondersteuning_zienswijze(jp: Cli, ident: str) -> None:
    jp("kind", "wijzig", ident, "--school", "De Brug", "--groep", "6", "--gemeente", "beverwijk")
    kind_ = _plan(jp, ident)["kind"]
    assert (kind_["school"], kind_["groep"], kind_["gemeente"]) == ("De Brug", 6, "Beverwijk")
    r = jp("kind", "wijzig", ident, "--gemeente", "Haarlem", code=1)
    assert "--gemeente: 'Haarlem' hoort niet bij regio IJmond" in r.stderr
    r = jp("kind", "wijzig", ident, "--leerjaar", "2", code=1)
    assert "--leerjaar past niet bij onderwijssoort po" in r.stderr
    # naar het vo: de groep vervalt, een leerjaar mag
    jp("kind", "wijzig", ident, "--onderwijssoort", "vo", "--leerjaar", "1")
    kind_ = _plan(jp, ident)["kind"]
    assert "groep" not in kind_ and kind_["leerjaar"] == 1
    jp("ondersteuning", ident, "--niveau", "extra", "--omschrijving", "RT")
    assert _plan(jp, ident)["ondersteuning"] == {"niveau": "extra", "omschrijving": "RT"}
    jp("zienswijze", ident, "--ouders", "Het gaat beter")
    jp("zienswijze", ident, "--wis", "ouders")
    assert "ouders" not in _plan(jp, ident)["zienswijze"]


def test_afgesloten_casus_heropenen(jp: Cli, ident: str) -> None:
    jp("close", ident, "--reden", "klaar")
    r = jp("kracht", "add", ident, "--tekst", "x", code=1)
    assert f"Heropen het eerst met 'jeugdplan heropen {ident} --reden ...'" in r.stderr
    jp("heropen", ident, "--reden", "nieuwe zorgen")
    plan = _plan(jp, ident)
    assert plan["status"] == "actief" and "afgesloten" not in plan
    assert plan["journaal"][-1]["tekst"] == "casus heropend: nieuwe zorgen"
    assert "is niet afgesloten" in jp("heropen", ident, "--reden", "x", code=1).stderr


def test_ontbrekende_optie_gevraagd_op_terminal_met_keuzes(jp: Cli, ident: str) -> None:
    r = jp("signaal", "add", ident, "--omschrijving", "x", invoer="zwaar\ngedrag\n",
           env={"JEUGDPLAN_INTERACTIEF": "1"})
    assert "Domein, bijvoorbeeld gedrag, thuis, veiligheid (kies uit: leren, gedrag" in r.stderr
    assert "fout: --domein: onbekende waarde 'zwaar'" in r.stderr  # opnieuw gevraagd
    assert _plan(jp, ident)["signalen"][0]["domein"] == "gedrag"
    r = jp("toestemming", "add", ident, "--partij", "Socius", invoer="Petra; Kees\n",
           env={"JEUGDPLAN_INTERACTIEF": "1"})
    assert _plan(jp, ident)["toestemmingen"][0]["gegeven_door"] == ["Petra", "Kees"]


def test_nooit_vragen_zonder_terminal(jp: Cli, ident: str) -> None:
    """In een pipe of script (stdin geen terminal) wordt niets gevraagd: exitcode 2."""
    r = jp("signaal", "add", ident, "--omschrijving", "x", invoer="gedrag\n", code=2)
    assert "fout: optie --domein ontbreekt" in r.stderr
    assert "Domein" not in r.stderr.split("fout:")[0].replace("Gebruik", "")
    assert _plan(jp, ident)["signalen"] == []
