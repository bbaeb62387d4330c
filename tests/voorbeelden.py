"""Voorbeeldgegevens die meerdere testmodules delen: acht fictieve plannen (als dicts, met vaste
ids en datums) en `schrijf_plannen` om ze als plan.yaml neer te zetten; één `Plan` om het
verwijsadvies mee te voeden (`maak_plan`), de regio IJmond en de vaste datum van de tests; en
een 'billion laughs'-YAML (`biljoen`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from jeugdplan.diensten.regio import laad_regio
from jeugdplan.domein.model import Kind, Opvoeder, OudersGeinformeerd, Plan, Signaal
from tests import conftest

D = date.fromisoformat
VANDAAG = D(conftest.VANDAAG)  # JEUGDPLAN_VANDAAG van de tests, als date
IJMOND = laad_regio("ijmond")


def _kind(voornaam: str, geboren: str, gemeente: str, school: str, soort: str) -> dict[str, Any]:
    """De kind-gegevens van een fixture-plan (achternaam altijd Fictief)."""
    return {"voornaam": voornaam, "achternaam": "Fictief", "geboortedatum": D(geboren),
            "gemeente": gemeente, "school": school, "onderwijssoort": soort}


def fixture_plannen() -> list[dict[str, Any]]:
    """Acht fictieve plannen die samen elke categorie en elke indicator raken."""
    return [
        {   # Het volledige plan (plandocument); 16 dagen afwezig: dreigend.
            "id": "2026-AAAA01", "status": "actief", "aangemeld": D("2026-09-02"),
            "actief_sinds": D("2026-09-02"),
            "regie": {"naam": "Jan Smit", "organisatie": "Socius", "rol": "jmw",
                      "sinds": D("2026-09-10")},
            "kind": {**_kind("Sanne", "2016-04-03", "Velsen", "De Windroos", "po"), "groep": 5},
            "gezin": [{"naam": "Petra Fictief", "relatie": "moeder", "gezag": True},
                      {"naam": "Kees Fictief", "relatie": "vader", "gezag": True}],
            "signalen": [
                {"id": "s1", "datum": D("2026-09-02"), "bron": "leerkracht",
                 "domein": "sociaal-emotioneel", "zwaarte": "licht",
                 "omschrijving": "Trekt zich terug in de klas | eet slecht <b>niet vet</b>",
                 "interpretatie": "Mogelijk gepest (duiding, niet voor het plandocument)"},
                {"id": "s2", "datum": D("2026-10-12"), "bron": "ouder", "domein": "thuis",
                 "zwaarte": "complex", "omschrijving": "Slaapt slecht sinds de verhuizing"},
            ],
            "ouders_geinformeerd": [{"datum": D("2026-09-04"), "door": "Ilse IB"}],
            "toestemmingen": [
                {"partij": "Socius", "doel": "JMW op school", "datum": D("2026-09-04"),
                 "gegeven_door": ["Petra Fictief", "Kees Fictief"]},
                {"partij": "CJG IJmond", "datum": D("2026-09-20"), "gegeven_door": ["Petra Fictief"],
                 "ingetrokken": D("2026-10-30")},
            ],
            "betrokkenen": [
                {"rol": "ib", "naam": "Ilse IB", "organisatie": "De Windroos",
                 "contact": "ib@windroos.example"},
                {"rol": "jmw", "naam": "Jan Smit", "organisatie": "Socius",
                 "sinds": D("2026-09-10")},
            ],
            "krachten": ["Tekent graag en goed", "Zorgzaam voor haar broertje"],
            "zorgen": ["Weinig contact met klasgenoten"],
            "netwerk": [{"naam": "Oma Riet", "relatie": "grootmoeder",
                         "steun": "haalt Sanne op woensdag op"}],
            "ondersteuning": {"niveau": "extra", "opp": {
                "uitstroombestemming": "vmbo-kader",
                "onderbouwing": {"bevorderend": ["motivatie"], "belemmerend": ["faalangst"]},
                "vastgesteld": D("2026-10-01"), "evaluatiedatum": D("2026-11-01")}},
            "doelen": [
                {"id": "d1", "omschrijving": "Sanne speelt in de pauze met klasgenoten",
                 "eigenaar": "Jan Smit", "evaluatiedatum": D("2026-11-15"), "status": "lopend"},
                {"id": "d2", "omschrijving": "Rustig slapen", "eigenaar": "Petra Fictief",
                 "evaluatiedatum": D("2027-01-15"), "status": "lopend"},
            ],
            "acties": [
                {"id": "a1", "omschrijving": "Kennismaking JMW", "eigenaar": "Jan Smit",
                 "deadline": D("2026-09-20"), "gedaan": D("2026-09-18")},
                {"id": "a2", "omschrijving": "Gesprek met de huisarts", "eigenaar": "Petra Fictief",
                 "deadline": D("2026-11-01")},
            ],
            "jeugdhulp": [{"vorm": "JMW op school", "aanbieder": "Socius",
                           "start": D("2026-09-15")}],
            "verwijzingen": [{"id": "v1", "rol": "cjg-coach", "organisatie": "CJG IJmond",
                              "datum": D("2026-11-20"), "status": "aangevraagd"}],
            "verzuim": {"afwezigheden": [{"van": D("2026-11-10")}]},
            "zienswijze": {"ouders": "We herkennen het; thuis is ze ook stil."},
            "meldcode": {"gestart": D("2026-11-01"), "door": "Ilse IB"},
            "journaal": [{"datum": D("2026-09-03"), "auteur": "Ilse IB",
                          "tekst": "Interne werkaantekening"}],
        },
        {   # Relatief verzuim 4 weken - 3 maanden, zonder aanbod.
            "id": "2026-AAAA02", "status": "actief", "aangemeld": D("2026-10-05"),
            "kind": _kind("Milan", "2012-02-01", "Beverwijk", "Het Lyceum", "vo"),
            "signalen": [{"id": "s1", "datum": D("2026-10-05"), "bron": "leerplicht",
                          "domein": "verzuim", "omschrijving": "Vier weken niet op school"}],
            "verzuim": {"afwezigheden": [{"van": D("2026-10-01")}]},
        },
        {   # Relatief verzuim langer dan 3 maanden, met aanbod en specialistische hulp.
            "id": "2026-AAAA03", "status": "actief", "aangemeld": D("2026-05-20"),
            "kind": _kind("Noor", "2011-06-15", "Heemskerk", "Het Lyceum", "vo"),
            "signalen": [{"id": "s1", "datum": D("2026-05-20"), "bron": "ib",
                          "domein": "gezondheid", "zwaarte": "specialistisch",
                          "omschrijving": "Angstklachten"}],
            "jeugdhulp": [{"vorm": "GGZ-behandeling", "aanbieder": "GGZ-aanbieder",
                           "verwijzer": "huisarts", "start": D("2026-07-01")}],
            "verzuim": {"afwezigheden": [{"van": D("2026-06-01")}],
                        "aanbod": [{"van": D("2026-09-01"),
                                    "omschrijving": "Zorgboerderij, geheim-aanbod-XQ"}]},
        },
        {   # Absoluut verzuim: uitgeschreven.
            "id": "2026-AAAA04", "status": "actief", "aangemeld": D("2026-08-25"),
            "kind": _kind("Daan", "2013-09-09", "Velsen", "De Brug", "so"),
            "verzuim": {"inschrijvingen": [{"tot": D("2026-09-01"), "school": "De Brug"}]},
        },
        {   # Vrijstelling art. 5a.
            "id": "2026-AAAA05", "status": "actief", "aangemeld": D("2026-07-01"),
            "kind": _kind("Eva", "2014-01-20", "Velsen", "De Brug", "vso"),
            "verzuim": {"vrijstellingen": [{"van": D("2026-08-01"), "artikel": "5a"}]},
        },
        {   # 18 jaar: telt niet mee, ook al is er verzuim.
            "id": "2026-AAAA06", "status": "actief", "aangemeld": D("2026-03-01"),
            "kind": _kind("Bram", "2008-05-05", "Velsen", "Het Lyceum", "vo"),
            "verzuim": {"afwezigheden": [{"van": D("2026-01-10")}]},
        },
        {   # Kwalificatieplichtig, langer dan 3 maanden afwezig.
            "id": "2026-AAAA07", "status": "actief", "aangemeld": D("2026-08-20"),
            "kind": _kind("Lisa", "2009-10-10", "Beverwijk", "Nova College", "mbo"),
            "signalen": [{"id": "s1", "datum": D("2026-08-20"), "bron": "leerplicht",
                          "domein": "verzuim", "omschrijving": "Komt niet meer"}],
            "verwijzingen": [{"id": "v1", "rol": "cjg-coach", "organisatie": "CJG IJmond",
                              "datum": D("2026-09-10"), "status": "gestart"}],
            "verzuim": {"afwezigheden": [{"van": D("2026-08-15")}]},
        },
        {   # Afgesloten casus: telt nu niet, wel in het eerste kwartaal; meldcode afgerond.
            "id": "2026-AAAA08", "status": "afgesloten", "aangemeld": D("2026-01-15"),
            "afgesloten": D("2026-06-30"), "reden_afsluiting": "Doelen behaald",
            "kind": _kind("Tim", "2015-03-03", "Velsen", "De Windroos", "po"),
            "signalen": [{"id": "s1", "datum": D("2026-01-15"), "bron": "leerkracht",
                          "domein": "veiligheid", "omschrijving": "Blauwe plekken"}],
            "jeugdhulp": [{"vorm": "Opvoedondersteuning", "aanbieder": "CJG IJmond",
                           "start": D("2026-02-20"), "einde": D("2026-06-15")}],
            "verzuim": {"afwezigheden": [{"van": D("2026-02-01"), "tot": D("2026-04-20")}]},
            "meldcode": {"gestart": D("2026-01-16"), "door": "Ilse IB", "besluit": "hulp",
                         "afgerond": D("2026-03-02")},
        },
    ]


def schrijf_plannen(root: Path, plannen: list[dict[str, Any]] | None = None) -> None:
    """Schrijft `plannen` (standaard `fixture_plannen()`) als casussen/<id>/plan.yaml onder `root`."""
    for data in plannen if plannen is not None else fixture_plannen():
        Plan.model_validate(data)  # een fout in de fixture valt hier op, niet stil weg
        pad = root / "casussen" / data["id"] / "plan.yaml"
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(yaml.safe_dump({"schema": 1, **data}, sort_keys=False,
                                      allow_unicode=True), encoding="utf-8")


def maak_plan(gemeente: str = "Velsen", *, signalen: list[tuple[str, str]] | None = None,
              geboren: date = date(2016, 4, 3), ouders: bool = True, **extra: Any) -> Plan:
    """Een plan voor Sanne met (domein, zwaarte)-signalen; `identiteit` en `school` gaan naar het kind,
    de rest van `extra` naar het plan."""
    kind_velden = {k: extra.pop(k) for k in ("identiteit", "school") if k in extra}
    kind = Kind(voornaam="Sanne", achternaam="de Vries", geboortedatum=geboren,
                gemeente=gemeente, school=kind_velden.get("school", "De Windroos"),
                onderwijssoort="po", identiteit=kind_velden.get("identiteit"))
    plan = Plan(
        id="2026-TEST", aangemeld=date(2026, 9, 1), kind=kind,
        gezin=[Opvoeder(naam="Petra de Vries", relatie="moeder", gezag=True)],
        signalen=[Signaal(id=f"s{i}", datum=date(2026, 9, 2), bron="leerkracht", domein=d,
                          zwaarte=z, omschrijving="feiten")
                  for i, (d, z) in enumerate(signalen or [], 1)],
        ouders_geinformeerd=[OudersGeinformeerd(datum=date(2026, 9, 3), door="Ilse IB")]
        if ouders else [],
        **extra,
    )
    return plan


def biljoen(lagen: int = 12) -> str:
    """'Billion laughs': elke laag verwijst tien keer naar de vorige (10^12 elementen)."""
    regels = ["schema: 1", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, lagen):
        regels.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]")
    return "\n".join(regels) + "\n"
