"""Maakt een casusrepository met N realistische, fictieve plannen voor de benchmark.

    python bench/generate.py N MAP [--seed 1] [--processen 2]

Elk plan heeft 100+ regels zoals een echt plan: kind en gezin, regie, signalen, ouders
geïnformeerd, toestemmingen, betrokkenen, krachten en zorgen, doelen, acties, jeugdhulp,
evaluaties en journaalregels. Een paar procent heeft verzuim (afwezigheid), een
vrijstelling of een meldcodespoor, en enkele procenten een actie over tijd (waarschuwing).

De plannen worden gevalideerd met het echte model en geschreven met de echte round-trip
dumper (zoals `Repo.maak`), parallel over processen, en aan het eind in één git-commit
vastgelegd. Deterministisch: dezelfde N en seed geven dezelfde bestanden. Alle namen zijn
verzonnen. Ijkdatum: 2026-11-25 (zet JEUGDPLAN_VANDAAG=2026-11-25 bij `check`).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path
from typing import Any

IJKDATUM = date(2026, 11, 25)
_TEKENS = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_PRIEM = 1_000_003  # ondeelbaar door 2, 3 en 5: i -> i * _PRIEM mod 30^6 is een bijectie

_VOORNAMEN_RUW = [
    "Sanne", "Daan", "Fatima", "Mohammed", "Lotte", "Bram", "Yara", "Emma", "Luuk", "Finn",
    "Julia", "Milan", "Thijs", "Eline", "Jesse", "Amira", "Stijn", "Femke", "Rayan", "Ilse",
    "Gijs", "Noor", "Kees", "Zeynep", "Wouter", "Lieke", "Tobias", "Hanna", "Oscar", "Vera",
    "Quinten", "Esmee", "Jurre", "Ayoub", "Marit", "Pepijn", "Sofia", "Ruben", "Dewi", "Hamza",
]
ACHTERNAMEN = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "Haddou", "Yilmaz",
    "El Amrani", "Vermeulen", "van den Berg", "Kuipers", "Schouten", "Postma",
]
GEMEENTEN = ["Velsen", "Beverwijk", "Heemskerk"]
SCHOLEN_PO = ["De Windroos", "Het Kompas", "De Regenboog", "Sint Jozef", "De Zeester",
              "Het Anker", "De Vlinderboom", "Kindcentrum Duin"]
SCHOLEN_VO = ["Ichthus College", "Tender College", "Kennemer College", "Gymnasium Duin"]
DOMEINEN = ["leren", "gedrag", "sociaal-emotioneel", "thuis", "gezondheid", "buurt",
            "financien", "psychosociaal"]
BRONNEN = ["leerkracht", "ib", "ouder", "kind", "jmw", "ggd", "huisarts"]
SIGNALEN = [
    "Komt de laatste weken vaak te laat en is moe in de ochtend.",
    "Trekt zich terug in de klas en speelt in de pauze alleen.",
    "Leerachterstand bij rekenen van ruim een jaar, ondanks extra instructie.",
    "Heftige boosheid bij kleine tegenslagen, twee keer een conflict op het plein.",
    "Ouder vertelt over spanningen thuis na een verhuizing.",
    "Meldt hoofdpijn en buikpijn, regelmatig ziek gemeld op maandag.",
    "Huiswerk wordt niet gemaakt; spullen vaak niet op orde.",
    "Vertelt dat er thuis weinig geld is voor sport en schoolreis.",
    "Concentratie is wisselend; snel afgeleid bij zelfstandig werken.",
    "Wordt volgens klasgenoten online gepest.",
]
DOELEN = [
    "Komt elke dag op tijd op school.",
    "Heeft minstens één vriend of vriendin in de klas.",
    "Haalt de achterstand bij rekenen voor de helft in.",
    "Kan benoemen wat helpt als hij of zij boos wordt.",
    "Ouders weten waar ze terechtkunnen met opvoedvragen.",
    "Doet mee aan een sport of club in de buurt.",
    "Maakt huiswerk met hulp van een planner.",
]
ACTIES = [
    "Gesprek met ouders over de ochtendroutine.",
    "Aanmelden voor de sociale vaardigheidstraining.",
    "Extra rekeninstructie twee keer per week.",
    "Overleg met de jeugdarts over de klachten.",
    "Aanvraag Jeugdfonds Sport en Cultuur.",
    "Observatie in de klas door de IB'er.",
    "Afspraak met de CJG-coach plannen.",
    "Weekplanner invoeren met de mentor.",
]
JOURNAAL = [
    "Telefonisch contact met moeder; zij herkent het beeld en wil meedenken.",
    "Overleg met leerkracht: het gaat iets beter in de ochtend.",
    "Kind zelf gesproken, vertelt dat hij of zij de pauzes lastig vindt.",
    "Zorgteam besproken; afgesproken om de CJG-coach te betrekken.",
    "Ouders op school geweest; afspraken uit het plan doorgenomen.",
    "Terugkoppeling van de jeugdarts ontvangen, geen medische oorzaak gevonden.",
    "Evaluatiegesprek voorbereid met de mentor.",
]
KRACHTEN = ["Creatief en goed in tekenen.", "Zorgzaam voor jongere broertjes en zusjes.",
            "Sportief, zit op voetbal.", "Ouders zijn betrokken en bereikbaar.",
            "Heeft een fijne band met de leerkracht.", "Oma woont dichtbij en helpt mee."]
ZORGEN = ["Weinig structuur in de ochtend.", "Sociale isolatie in de klas.",
          "Financiële zorgen in het gezin.", "Oplopende leerachterstand.",
          "Spanningen tussen de ouders."]
MEDEWERKERS = ["Ilse Hoekstra", "Marco Veenstra", "Petra de Lange", "Karim Benali",
               "Anouk Zwart", "Ruud Koster"]
EXTERN = [
    ("jmw", "Jeugdmaatschappelijk werk IJmond", "Samira Ouali"),
    ("cjg-coach", "CJG IJmond", "Tom Verbeek"),
    ("ggd", "GGD Kennemerland", "Dr. Annelies Pauw"),
    ("jeugdhulpaanbieder", "Kenter Jeugdhulp", "Erik Wolters"),
]


def _lijkt_niet(namen: list[str]) -> list[str]:
    """Alleen voornamen die onderling niet op elkaar lijken (dan geen 'dubbel-kind')."""
    from jeugdplan.domein.dubbel import normaliseer, zelfde_kind

    gekozen: list[str] = []
    for naam in namen:
        if all(not zelfde_kind(naam, "x", ander, "x") for ander in gekozen) and normaliseer(naam):
            gekozen.append(naam)
    return gekozen


VOORNAMEN = _lijkt_niet(_VOORNAMEN_RUW)
_DAGEN = (date(2022, 6, 1) - date(2008, 12, 15)).days  # geboren 2008-12-15 .. 2022-06-01


def casus_id(i: int, seed: int, jaar: int) -> str:
    getal = (i * _PRIEM + seed * 7919) % (30 ** 6)
    tekens = []
    for _ in range(6):
        getal, rest = divmod(getal, 30)
        tekens.append(_TEKENS[rest])
    return f"{jaar}-" + "".join(tekens)


def _dag(rng: random.Random, van: date, tot: date) -> date:
    if tot <= van:
        return van
    return van + timedelta(days=rng.randint(0, (tot - van).days))


def plan_data(i: int, seed: int) -> dict[str, Any]:
    """De gegevens van plan nummer i (deterministisch bij dezelfde seed)."""
    rng = random.Random(f"{seed}:{i}")
    # Geboortedatum en voornaam samen uniek: per geboortedag een andere voornaam.
    geboren = date(2008, 12, 15) + timedelta(days=i % _DAGEN)
    voornaam = VOORNAMEN[(i // _DAGEN) % len(VOORNAMEN)]
    achternaam = rng.choice(ACHTERNAMEN)
    leeftijd = (IJKDATUM - geboren).days // 365
    if leeftijd < 12:
        soort, scholen = rng.choice(["po", "po", "po", "sbo"]), SCHOLEN_PO
        klas: dict[str, int] = {"groep": max(1, min(8, leeftijd - 3))}
    else:
        soort, scholen = rng.choice(["vo", "vo", "vso", "pro"]), SCHOLEN_VO
        klas = {"leerjaar": max(1, min(6, leeftijd - 11))}
    aangemeld = _dag(rng, max(date(2024, 1, 8), geboren + timedelta(days=4 * 365)),
                     date(2026, 9, 30))
    actief = aangemeld + timedelta(days=rng.randint(3, 20))
    afgesloten = rng.random() < 0.15 and actief < date(2026, 6, 1)
    eind = _dag(rng, actief + timedelta(days=60), date(2026, 10, 1)) if afgesloten else None
    laatst = eind or IJKDATUM - timedelta(days=1)
    coord = rng.choice(MEDEWERKERS)
    moeder = f"{rng.choice(['Karin', 'Nadia', 'Mirjam', 'Esra', 'Linda'])} {achternaam}"
    vader = f"{rng.choice(['Peter', 'Youssef', 'Mark', 'Hasan', 'Dennis'])} {achternaam}"
    jaren = (actief - geboren).days // 365  # leeftijd bij het geven van toestemming

    def gegeven_door() -> list[str]:
        if jaren >= 16:
            return [voornaam]
        if jaren >= 12:
            return [voornaam, moeder, vader]
        return [moeder, vader]

    extern = rng.sample(EXTERN, k=rng.randint(1, 3))
    plan: dict[str, Any] = {
        "schema": 1, "id": casus_id(i, seed, aangemeld.year),
        "status": "afgesloten" if afgesloten else "actief",
        "aangemeld": aangemeld, "actief_sinds": actief,
    }
    if afgesloten:
        plan["afgesloten"] = eind
        plan["reden_afsluiting"] = "Doelen behaald; ouders en school zijn tevreden."
    plan["regie"] = {"naam": coord, "organisatie": rng.choice(scholen), "rol": "ib",
                     "sinds": actief}
    plan["kind"] = {"voornaam": voornaam, "achternaam": achternaam, "geboortedatum": geboren,
                    "gemeente": rng.choice(GEMEENTEN), "school": rng.choice(scholen),
                    "onderwijssoort": soort, **klas}
    plan["gezin"] = [
        {"naam": moeder, "relatie": "moeder", "gezag": True, "contact": "06-12345678"},
        {"naam": vader, "relatie": "vader", "gezag": True},
    ]
    plan["signalen"] = [
        {"id": f"s{n + 1}", "datum": _dag(rng, aangemeld - timedelta(days=30), aangemeld),
         "bron": rng.choice(BRONNEN), "domein": rng.choice(DOMEINEN),
         "zwaarte": rng.choice(["licht", "licht", "complex"]),
         "omschrijving": rng.choice(SIGNALEN),
         **({"interpretatie": "Mogelijk samenhang met de situatie thuis; navragen."}
            if rng.random() < 0.4 else {})}
        for n in range(rng.randint(3, 5))
    ]
    plan["ouders_geinformeerd"] = [{"datum": aangemeld, "door": coord,
                                    "notitie": "Zorgen besproken, ouders herkennen het beeld."}]
    plan["toestemmingen"] = [
        {"partij": org, "doel": "Overleg over passende ondersteuning.",
         "datum": actief, "gegeven_door": gegeven_door()}
        for _rol, org, _naam in extern
    ]
    plan["betrokkenen"] = [{"rol": "ib", "naam": coord, "organisatie": plan["kind"]["school"],
                            "sinds": aangemeld}] + [
        {"rol": rol, "naam": naam, "organisatie": org, "contact": "088-1234567",
         "sinds": actief} for rol, org, naam in extern
    ]
    plan["krachten"] = rng.sample(KRACHTEN, k=3)
    plan["zorgen"] = rng.sample(ZORGEN, k=2)
    plan["netwerk"] = [{"naam": f"Oma {achternaam}", "relatie": "grootmoeder",
                        "steun": "Haalt twee middagen per week uit school."}]
    plan["ondersteuning"] = {"niveau": "basis",
                             "omschrijving": "Extra begeleiding in de klas en gesprekken."}
    if rng.random() < 0.1:
        plan["ondersteuning"] = {
            "niveau": "extra", "omschrijving": "Arrangement met OPP.",
            "opp": {"uitstroombestemming": "vmbo-kader" if soort != "po" else "vmbo-basis",
                    "onderbouwing": {"belemmerend": ["Werkgeheugen zwak."],
                                     "bevorderend": ["Doorzetter, gemotiveerd."]},
                    "vastgesteld": actief, "evaluatiedatum": IJKDATUM + timedelta(days=90),
                    "instemming_ouders": actief}}
    plan["doelen"] = [
        {"id": f"d{n + 1}", "omschrijving": tekst, "eigenaar": rng.choice(MEDEWERKERS),
         "evaluatiedatum": (laatst - timedelta(days=10)) if afgesloten
         else IJKDATUM + timedelta(days=rng.randint(14, 150)),
         "status": "behaald" if afgesloten else rng.choice(["lopend", "lopend", "behaald"])}
        for n, tekst in enumerate(rng.sample(DOELEN, k=3))
    ]
    over_tijd = not afgesloten and rng.random() < 0.03
    acties = []
    for n, tekst in enumerate(rng.sample(ACTIES, k=4)):
        gedaan = n < 2 or afgesloten
        actie: dict[str, Any] = {"id": f"a{n + 1}", "omschrijving": tekst,
                                 "eigenaar": rng.choice(MEDEWERKERS)}
        if gedaan:
            actie["deadline"] = _dag(rng, actief, laatst)
            actie["gedaan"] = actie["deadline"]
        elif over_tijd and n == 3:
            actie["deadline"] = IJKDATUM - timedelta(days=rng.randint(3, 30))
        else:
            actie["deadline"] = IJKDATUM + timedelta(days=rng.randint(8, 60))
        acties.append(actie)
    plan["acties"] = acties
    if rng.random() < 0.3:
        plan["jeugdhulp"] = [{"vorm": "ambulante gezinsbegeleiding",
                              "aanbieder": "Kenter Jeugdhulp", "verwijzer": "CJG IJmond",
                              "start": _dag(rng, actief, laatst)}]
    plan["verzuim"] = {}
    kans = rng.random()
    if kans < 0.03 and not afgesloten:
        plan["verzuim"]["afwezigheden"] = [
            {"van": IJKDATUM - timedelta(days=rng.randint(20, 140))}]
        plan["signalen"].append({"id": f"s{len(plan['signalen']) + 1}",
                                 "datum": IJKDATUM - timedelta(days=14), "bron": "leerplicht",
                                 "domein": "verzuim", "zwaarte": "complex",
                                 "omschrijving": "Komt al weken niet meer op school."})
    elif kans < 0.05 and leeftijd >= 7:  # al leerplichtig op 1 augustus 2026
        plan["verzuim"]["vrijstellingen"] = [
            {"artikel": "lpw_5_onder_a", "van": date(2026, 8, 1), "tot": date(2027, 7, 31)}]
    if not plan["verzuim"]:
        del plan["verzuim"]
    plan["zienswijze"] = {"ouders": "Wij willen vooral dat hij of zij weer plezier heeft.",
                          "kind": "Ik wil graag minder ruzie in de pauze."}
    plan["evaluaties"] = [{"datum": _dag(rng, actief, laatst), "door": coord,
                           "notitie": "Eerste evaluatie: kleine stappen vooruit.",
                           "doelen": ["d1"]}]
    if rng.random() < 0.03:
        start = _dag(rng, actief, laatst)
        plan["meldcode"] = {
            "gestart": start, "door": coord,
            "stappen": [
                {"stap": 1, "datum": start, "door": coord,
                 "notitie": "Signalen in kaart gebracht: feiten en duiding gescheiden.",
                 "kindcheck": "Geen jongere kinderen of andere afhankelijken in beeld."},
                {"stap": 2, "datum": start + timedelta(days=2), "door": coord,
                 "notitie": "Collegiale consultatie.", "met": "Veilig Thuis (advies)"},
            ],
        }
    journaal: list[dict[str, Any]] = []
    for _ in range(rng.randint(5, 8)):
        journaal.append({"datum": _dag(rng, aangemeld, laatst), "auteur": rng.choice(MEDEWERKERS),
                         "tekst": rng.choice(JOURNAAL)})
    journaal.sort(key=lambda j: j["datum"])
    journaal[-1]["tekst"] += "\nVolgende stap: evaluatie met ouders en kind plannen."
    plan["journaal"] = journaal
    return plan


def _schrijf_reeks(taak: tuple[str, int, int, int]) -> int:
    """Schrijft plannen [van, tot) in een werkproces; geeft het totaal aantal regels."""
    root, van, tot, seed = taak
    from ruamel.yaml.comments import CommentedMap

    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.store import CASUSSEN, KOP, PLAN
    from jeugdplan.opslag.yamlio import dump_rt, samenvoegen

    regels = 0
    for i in range(van, tot):
        plan = Plan.model_validate(plan_data(i, seed))
        doc = samenvoegen(CommentedMap(), plan.als_yaml_data())
        doc.yaml_set_start_comment(KOP.format(schema=plan.schema_versie, id=plan.id))
        tekst = dump_rt(doc)
        regels += tekst.count("\n")
        map_ = os.path.join(root, CASUSSEN, plan.id)
        os.mkdir(map_, 0o700)
        # Rechten 0600 zoals `schrijf_atomair`: plannen zijn bijzondere persoonsgegevens.
        fd = os.open(os.path.join(map_, PLAN), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(tekst)
    return regels


def genereer(aantal: int, doel: Path, seed: int = 1, processen: int | None = None) -> Path:
    from jeugdplan.diensten.repository import maak_repository
    from jeugdplan.opslag import gitrepo

    repo = maak_repository(doel, "ijmond", "Samenwerkingsverband IJmond (benchmark)")
    processen = processen or os.cpu_count() or 1
    stuk = max(1, min(2000, aantal // (processen * 4) or 1))
    taken = [(str(repo.root), van, min(aantal, van + stuk), seed)
             for van in range(0, aantal, stuk)]
    if processen > 1 and len(taken) > 1:
        with Pool(processen) as pool:
            regels = sum(pool.imap_unordered(_schrijf_reeks, taken))
    else:
        regels = sum(map(_schrijf_reeks, taken))
    gitrepo.identiteit(repo.root)
    gitrepo.git(repo.root, "add", "-A", "--", "casussen")
    gitrepo.git(repo.root, "commit", "-q", "--no-verify", "-m",
                f"benchmark: {aantal} gegenereerde plannen")
    print(f"{aantal} plannen, gemiddeld {regels / max(aantal, 1):.0f} regels, in {repo.root}",
          file=sys.stderr)
    return repo.root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak N fictieve plannen voor de benchmark.")
    parser.add_argument("aantal", type=int, help="aantal plannen")
    parser.add_argument("map", type=Path, help="nieuwe (lege) map voor de casusrepository")
    parser.add_argument("--seed", type=int, default=1, help="zaad voor de toevalsgenerator")
    parser.add_argument("--processen", type=int, default=None,
                        help="aantal werkprocessen (standaard: aantal kernen)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GIT_AUTHOR_NAME", "Benchmark")
    os.environ.setdefault("GIT_AUTHOR_EMAIL", "benchmark@voorbeeld.nl")
    os.environ.setdefault("GIT_COMMITTER_NAME", "Benchmark")
    os.environ.setdefault("GIT_COMMITTER_EMAIL", "benchmark@voorbeeld.nl")
    begin = time.perf_counter()
    genereer(args.aantal, args.map, args.seed, args.processen)
    print(f"klaar in {time.perf_counter() - begin:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
