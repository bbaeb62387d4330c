"""`jeugdplan verzuim ...`: elke opdracht één commit, tegenstrijdigheden geweigerd."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, git_log


def verzuim(jp: Cli, ident: str) -> dict:
    return jp.json("show", ident)["verzuim"]


def test_verloop_en_commits(jp: Cli, kind, repo_pad: Path) -> None:
    ident = kind(geboortedatum="2013-05-01", onderwijssoort="vo", school="Het Lyceum")
    jp("verzuim", "afwezig", ident, "--sinds", "2026-09-01")
    jp("verzuim", "hervat", ident, "--datum", "2026-09-20")
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-10-01")
    jp("verzuim", "vrijstelling", ident, "--artikel", "5 onder a", "--van", "2026-10-01",
       "--tot", "2027-07-01")
    jp("verzuim", "aanbod", ident, "--omschrijving", "Zorgboerderij twee dagen", "--van",
       "2026-10-15")
    jp("verzuim", "inschrijving", ident, "--datum", "2026-11-01", "--school", "Het Kompas")
    jp("verzuim", "startkwalificatie", ident, "--datum", "vandaag")
    log = git_log(repo_pad)
    assert log[:7] == [
        f"Ilse IB|{ident}: verzuim: startkwalificatie behaald op 2026-11-25",
        f"Ilse IB|{ident}: verzuim: ingeschreven per 2026-11-01",
        f"Ilse IB|{ident}: verzuim: aanbod vastgelegd vanaf 2026-10-15",
        f"Ilse IB|{ident}: verzuim: vrijstelling art. 5 onder a vanaf 2026-10-01",
        f"Ilse IB|{ident}: verzuim: uitgeschreven per 2026-10-01",
        f"Ilse IB|{ident}: verzuim: hervat op 2026-09-20",
        f"Ilse IB|{ident}: verzuim: ongeoorloofd afwezig sinds 2026-09-01",
    ]
    assert verzuim(jp, ident) == {
        "inschrijvingen": [{"tot": "2026-10-01", "school": "Het Lyceum"},
                           {"van": "2026-11-01", "school": "Het Kompas"}],
        "afwezigheden": [{"van": "2026-09-01", "tot": "2026-09-20"}],
        "deels_afwezig": [], "gemeld_16_uur": [],
        "vrijstellingen": [{"van": "2026-10-01", "tot": "2027-07-01", "artikel": "lpw_5_onder_a",
                            "verlengd": []}],
        "vervangende_leerplicht": [],
        "startkwalificatie": "2026-11-25",
        "aanbod": [{"van": "2026-10-15", "omschrijving": "Zorgboerderij twee dagen"}],
    }
    assert jp.json("show", ident)["kind"]["school"] == "Het Kompas"
    assert jp("check").exit_code == 0


@pytest.mark.parametrize(("voorbereiding", "opdracht", "melding"), [
    ([], ["hervat", "--datum", "2026-10-01"], "er loopt geen afwezigheid"),
    ([["afwezig", "--sinds", "2026-10-01"]], ["afwezig", "--sinds", "2026-10-05"],
     "er loopt al een afwezigheid sinds 2026-10-01"),
    ([["afwezig", "--sinds", "2026-10-01"]], ["hervat", "--datum", "2026-09-01"],
     "hervatten op 2026-09-01 ligt niet na het begin van de afwezigheid (2026-10-01)"),
    ([["uitschrijving", "--datum", "2026-09-01"]], ["afwezig", "--sinds", "2026-10-01"],
     "het kind is op 2026-10-01 op geen school ingeschreven"),
    ([], ["afwezig", "--sinds", "2010-01-01"], "ligt vóór de geboortedatum van het kind"),
    ([], ["afwezig", "--sinds", "2027-01-01"], "ligt in de toekomst"),
    ([], ["inschrijving", "--datum", "2026-10-01"],
     "het kind is op 2026-10-01 al ingeschreven op De Windroos"),
    ([["uitschrijving", "--datum", "2026-09-01"]], ["uitschrijving", "--datum", "2026-10-01"],
     "al op geen school ingeschreven"),
    ([], ["vrijstelling", "--artikel", "lpw_5_onder_a", "--van", "2026-10-01", "--tot",
          "2026-09-01"],
     "het einde van de vrijstelling (2026-09-01) ligt niet na het begin (2026-10-01)"),
    ([["vrijstelling", "--artikel", "lpw_5_onder_a", "--van", "2026-09-01"]],
     ["vrijstelling", "--artikel", "5b", "--van", "2026-10-01"],
     "overlapt met de vrijstelling art. 5 onder a vanaf 2026-09-01"),
    ([], ["vrijstelling", "--artikel", "99", "--van", "2026-10-01"], "onbekende grond '99'"),
    ([], ["aanbod", "--omschrijving", "  ", "--van", "2026-10-01"],
     "--omschrijving mag niet leeg zijn"),
    ([], ["aanbod", "--omschrijving", "x", "--van", "2026-10-01", "--tot", "2026-10-01"],
     "ligt niet na het begin"),
    ([], ["startkwalificatie", "--datum", "2026-13-01"], "is geen geldige datum"),
])
def test_weigeringen(jp: Cli, kind, repo_pad: Path, voorbereiding: list[list[str]],
                     opdracht: list[str], melding: str) -> None:
    ident = kind()
    for stap in voorbereiding:
        jp("verzuim", stap[0], ident, *stap[1:])
    voor = git_log(repo_pad)
    r = jp("verzuim", opdracht[0], ident, *opdracht[1:], code=1)
    assert melding in r.stderr
    assert r.stderr.startswith("fout: ")
    assert "Traceback" not in r.stderr
    assert git_log(repo_pad) == voor           # niets vastgelegd


def test_verplichte_opties_exit_2(jp: Cli, kind) -> None:
    ident = kind()
    assert jp("verzuim", "afwezig", ident, code=2).exit_code == 2
    assert jp("verzuim", "vrijstelling", ident, "--artikel", "lpw_15", code=2).exit_code == 2


def test_commitberichten_zonder_namen(jp: Cli, kind, repo_pad: Path) -> None:
    ident = kind(voornaam="Zoë", achternaam="Uniekenaam")
    jp("verzuim", "inschrijving", ident, "--datum", "2026-10-01", code=1)
    jp("verzuim", "uitschrijving", ident, "--datum", "2026-10-01")
    jp("verzuim", "inschrijving", ident, "--datum", "2026-11-01", "--school", "Het Kompas")
    assert not any("Uniekenaam" in regel or "Zoë" in regel for regel in git_log(repo_pad))


def test_hulp_bij_elke_opdracht(jp: Cli) -> None:
    for opdracht in ("afwezig", "hervat", "uren", "gemeld", "uitschrijving", "inschrijving",
                     "vrijstelling", "verleng", "vervangend", "twaalf-schooljaren", "nieuwkomer",
                     "startkwalificatie", "aanbod", "status"):
        r = jp("verzuim", opdracht, "--help")
        assert "Gebruik:" in r.stdout and "JJJJ-MM-DD" in r.stdout or "Opties" in r.stdout
