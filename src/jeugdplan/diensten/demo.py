"""Fictieve demogegevens: een twaalftal casussen die elk deel van het plan gebruiken.

Alle namen, scholen en gebeurtenissen zijn verzonnen. Datums liggen relatief ten opzichte van
vandaag, zodat de demo altijd iets over tijd, iets binnenkort en enkele thuiszitters laat zien.
De demo schrijft via dezelfde weg als de opdrachten (`Repo.maak`, `Repo.bewerk`), met
verschillende fictieve auteurs, zodat `jeugdplan log` een echte geschiedenis toont.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jeugdplan.diensten.repository import maak_repository
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import Plan
from jeugdplan.opslag.bronnen import valideer
from jeugdplan.opslag.store import Repo

MARKERING = ".jeugdplan-demo"

AUTEURS = {
    "ib": ("Ilse de Boer (IB, demo)", "ib@demo.invalid"),
    "jmw": ("Jan Smit (JMW Socius, demo)", "jmw@demo.invalid"),
    "cjg": ("Carla Visser (CJG-coach, demo)", "cjg@demo.invalid"),
    "swv": ("Samir Aydin (SWV, demo)", "swv@demo.invalid"),
}


@contextmanager
def auteur(rol: str) -> Iterator[None]:
    """Zet tijdelijk een fictieve git-identiteit voor de commits van de demo."""
    naam, email = AUTEURS[rol]
    sleutels = ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"]
    oud = {k: os.environ.get(k) for k in sleutels}
    os.environ.update({"GIT_AUTHOR_NAME": naam, "GIT_AUTHOR_EMAIL": email,
                       "GIT_COMMITTER_NAME": naam, "GIT_COMMITTER_EMAIL": email})
    try:
        yield
    finally:
        for k, v in oud.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _d(vandaag: date, dagen: int) -> str:
    return (vandaag + timedelta(days=dagen)).isoformat()


def _geboren(vandaag: date, jaren: int, dagen: int = 0) -> str:
    try:
        dag = vandaag.replace(year=vandaag.year - jaren)
    except ValueError:  # 29 februari
        dag = vandaag.replace(year=vandaag.year - jaren, day=28)
    return (dag - timedelta(days=dagen)).isoformat()


def demo_plannen(vandaag: date) -> list[tuple[str, dict[str, Any]]]:
    """(auteur-rol, plangegevens) per casus; geldig voor `Plan`."""
    d = lambda n: _d(vandaag, n)  # noqa: E731 - leesbaar in de tabel hieronder
    plannen: list[tuple[str, dict[str, Any]]] = []

    plannen.append(("ib", {
        "id": "DEMO-01", "status": "actief", "aangemeld": d(-70), "actief_sinds": d(-66),
        "regie": {"naam": "Jan Smit", "organisatie": "Socius Maatschappelijke Dienstverlening",
                  "rol": "jmw", "sinds": d(-60)},
        "kind": {"voornaam": "Sanne", "achternaam": "de Vries", "geboortedatum": _geboren(vandaag, 9, 40),
                 "gemeente": "Velsen", "school": "OBS De Windroos", "onderwijssoort": "po", "groep": 5},
        "gezin": [{"naam": "Petra de Vries", "relatie": "moeder", "gezag": True},
                  {"naam": "Mark de Vries", "relatie": "vader", "gezag": True}],
        "signalen": [
            {"id": "s1", "datum": d(-66), "bron": "leerkracht", "domein": "sociaal-emotioneel",
             "zwaarte": "licht", "omschrijving": "Trekt zich terug in de klas, speelt in de pauze alleen.",
             "interpretatie": "Mogelijk verdriet door de scheiding van de ouders."},
            {"id": "s2", "datum": d(-40), "bron": "ouder", "domein": "thuis", "zwaarte": "licht",
             "omschrijving": "Moeder vertelt dat Sanne slecht slaapt sinds de verhuizing."},
        ],
        "ouders_geinformeerd": [{"datum": d(-64), "door": "Ilse de Boer",
                                 "notitie": "Moeder herkent het; vader belt terug."}],
        "toestemmingen": [{"partij": "Socius Maatschappelijke Dienstverlening", "doel": "JMW op school",
                           "datum": d(-62), "gegeven_door": ["Petra de Vries", "Mark de Vries"]}],
        "betrokkenen": [
            {"rol": "ib", "naam": "Ilse de Boer", "organisatie": "OBS De Windroos", "sinds": d(-66)},
            {"rol": "jmw", "naam": "Jan Smit", "organisatie": "Socius Maatschappelijke Dienstverlening",
             "sinds": d(-60)}],
        "krachten": ["Sanne tekent graag en goed", "Warme band met oma"],
        "zorgen": ["Weinig contact met klasgenoten", "Slaapt slecht"],
        "netwerk": [{"naam": "Oma Riet", "relatie": "grootmoeder", "steun": "Haalt Sanne op woensdag op"}],
        "doelen": [
            {"id": "d1", "omschrijving": "Sanne speelt in de pauze met ten minste één klasgenoot",
             "eigenaar": "Jan Smit", "evaluatiedatum": d(-3), "status": "lopend"},
            {"id": "d2", "omschrijving": "Vaste slaaproutine thuis", "eigenaar": "Petra de Vries",
             "evaluatiedatum": d(20), "status": "lopend"}],
        "acties": [
            {"id": "a1", "omschrijving": "Kennismakingsgesprek JMW met Sanne en moeder",
             "eigenaar": "Jan Smit", "deadline": d(-55), "gedaan": d(-56)},
            {"id": "a2", "omschrijving": "Vader uitnodigen voor gesprek", "eigenaar": "Ilse de Boer",
             "deadline": d(-5)},
            {"id": "a3", "omschrijving": "Groepje 'vriendschap' in de klas starten",
             "eigenaar": "Ilse de Boer", "deadline": d(4)}],
        "zienswijze": {"ouders": "We willen dat Sanne weer vrolijk naar school gaat.",
                       "kind": "Ik wil graag met Noor spelen."},
        "journaal": [{"datum": d(-56), "auteur": "Jan Smit", "tekst": "Goed eerste gesprek; Sanne tekende haar huis."}],
    }))

    plannen.append(("ib", {
        "id": "DEMO-02", "status": "aangemeld", "aangemeld": d(-6),
        "kind": {"voornaam": "Daan", "achternaam": "Bakker", "geboortedatum": _geboren(vandaag, 7, 100),
                 "gemeente": "Beverwijk", "school": "De Regenboog", "onderwijssoort": "po", "groep": 3},
        "gezin": [{"naam": "Anouk Bakker", "relatie": "moeder", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-6), "bron": "leerkracht", "domein": "gedrag",
                      "zwaarte": "licht", "omschrijving": "Woedeaanvallen bij overgangen in het rooster."}],
    }))

    plannen.append(("cjg", {
        "id": "DEMO-03", "status": "actief", "aangemeld": d(-200), "actief_sinds": d(-195),
        "regie": {"naam": "Carla Visser", "organisatie": "Centrum Jeugd en Gezin IJmond",
                  "rol": "cjg-coach", "sinds": d(-180)},
        "kind": {"voornaam": "Mila", "achternaam": "Jansen", "geboortedatum": _geboren(vandaag, 13, 10),
                 "gemeente": "Heemskerk", "school": "Kennemer College", "onderwijssoort": "vo", "leerjaar": 2},
        "gezin": [{"naam": "Ria Jansen", "relatie": "moeder", "gezag": True},
                  {"naam": "Kees Jansen", "relatie": "vader", "gezag": True}],
        "signalen": [
            {"id": "s1", "datum": d(-200), "bron": "leerkracht", "domein": "leren",
             "zwaarte": "complex", "omschrijving": "Cijfers dalen sterk, huiswerk ontbreekt."},
            {"id": "s2", "datum": d(-190), "bron": "kind", "domein": "thuis", "zwaarte": "complex",
             "omschrijving": "Mila vertelt over veel ruzie thuis over geld."},
            {"id": "s3", "datum": d(-150), "bron": "ouder", "domein": "financien", "zwaarte": "complex",
             "omschrijving": "Vader is werkloos geworden."}],
        "ouders_geinformeerd": [{"datum": d(-198), "door": "Ilse de Boer"},
                                {"datum": d(-188), "door": "Carla Visser",
                                 "notitie": "Met beide ouders over wat Mila vertelde."}],
        "toestemmingen": [{"partij": "Centrum Jeugd en Gezin IJmond", "doel": "Gezinscoaching",
                           "datum": d(-185), "gegeven_door": ["Mila Jansen", "Ria Jansen", "Kees Jansen"]}],
        "betrokkenen": [
            {"rol": "mentor", "naam": "Tom Kuiper", "organisatie": "Kennemer College"},
            {"rol": "cjg-coach", "naam": "Carla Visser", "organisatie": "Centrum Jeugd en Gezin IJmond"}],
        "krachten": ["Mila is sportief en zit op hockey", "Ouders willen hulp"],
        "zorgen": ["Spanningen thuis door geldzorgen", "Achterstand wiskunde"],
        "netwerk": [{"naam": "Tante Els", "relatie": "tante", "steun": "Huiswerkplek op dinsdag"}],
        "ondersteuning": {"niveau": "extra", "omschrijving": "Huiswerkbegeleiding en mentorgesprekken",
                          "opp": {"uitstroombestemming": "vmbo-tl", "vastgesteld": d(-160),
                                  "begeleiding": "Huiswerkklas op school, twee middagen per week; "
                                                 "elke week een gesprek met de mentor",
                                  "inbreng_leerling": "Mila wil haar huiswerk op school maken, "
                                                      "niet thuis: daarom de huiswerkklas",
                                  "evaluatiedatum": d(10), "instemming_ouders": d(-158),
                                  "onderbouwing": {"belemmerend": ["Concentratieproblemen door stress thuis"],
                                                   "bevorderend": ["Gemotiveerd", "Goede band met mentor"]}}},
        "doelen": [
            {"id": "d1", "omschrijving": "Mila maakt 4 van de 5 dagen haar huiswerk", "eigenaar": "Tom Kuiper",
             "evaluatiedatum": d(-90), "status": "behaald"},
            {"id": "d2", "omschrijving": "Ouders hebben een overzicht van hun schulden",
             "eigenaar": "Carla Visser", "evaluatiedatum": d(30), "status": "lopend"}],
        "acties": [{"id": "a1", "omschrijving": "Aanmelding schuldhulpverlening", "eigenaar": "Carla Visser",
                    "deadline": d(-100), "gedaan": d(-105)}],
        "jeugdhulp": [{"vorm": "Ambulante gezinsbegeleiding", "aanbieder": "Centrum Jeugd en Gezin IJmond",
                       "verwijzer": "CJG", "start": d(-170)}],
        "evaluaties": [{"datum": d(-88), "door": "Carla Visser",
                        "notitie": "Huiswerk gaat goed; geldzorgen blijven.", "doelen": ["d1"]}],
        "zienswijze": {"ouders": "Het gaat beter sinds we hulp hebben bij de rekeningen.",
                       "kind": "School gaat beter, thuis is het rustiger."},
        "journaal": [{"datum": d(-88), "auteur": "Carla Visser", "tekst": "Evaluatie met gezin en mentor."}],
    }))

    plannen.append(("ib", {
        "id": "DEMO-04", "status": "actief", "aangemeld": d(-30), "actief_sinds": d(-30),
        "regie": {"naam": "Ilse de Boer", "organisatie": "OBS De Windroos", "rol": "ib"},
        "kind": {"voornaam": "Yusuf", "achternaam": "El Amrani", "geboortedatum": _geboren(vandaag, 8, 200),
                 "gemeente": "Velsen", "school": "OBS De Windroos", "onderwijssoort": "po", "groep": 4},
        "gezin": [{"naam": "Samira El Amrani", "relatie": "moeder", "gezag": True},
                  {"naam": "Karim El Amrani", "relatie": "vader", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-30), "bron": "leerkracht", "domein": "veiligheid",
                      "zwaarte": "complex",
                      "omschrijving": "Blauwe plekken op beide bovenarmen; zegt 'gevallen'.",
                      "interpretatie": "Past niet bij een val; zorgen over de thuissituatie."}],
        "ouders_geinformeerd": [{"datum": d(-20), "door": "Ilse de Boer",
                                 "notitie": "Gesprek in meldcode stap 3."}],
        "betrokkenen": [{"rol": "aandachtsfunctionaris", "naam": "Ilse de Boer", "organisatie": "OBS De Windroos"}],
        "meldcode": {
            "gestart": d(-29), "door": "Ilse de Boer",
            "stappen": [
                {"stap": 1, "datum": d(-29), "door": "Ilse de Boer",
                 "notitie": "Blauwe plekken gezien door leerkracht, foto niet gemaakt; feiten genoteerd.",
                 "kindcheck": "Zusje van 4 jaar op de peuterspeelzaal."},
                {"stap": 2, "datum": d(-25), "door": "Ilse de Boer", "met": "Veilig Thuis (anoniem)",
                 "notitie": "Advies: gesprek met ouders voeren, letsel laten duiden."},
                {"stap": 3, "datum": d(-20), "door": "Ilse de Boer", "met": "beide ouders",
                 "notitie": "Ouders schrokken, vertellen over stress; staan open voor hulp.",
                 "reactie": "Moeder: 'We hebben het zwaar, we willen hulp.'"}],
            "afwegingen": [
                {"vraag": 1, "antwoord": "ja", "datum": d(-18), "door": "Ilse de Boer",
                 "toelichting": "Vermoeden blijft bestaan."},
                {"vraag": 2, "antwoord": "nee", "datum": d(-18), "door": "Ilse de Boer",
                 "toelichting": "Geen acute of structurele onveiligheid."},
                {"vraag": 3, "antwoord": "ja", "datum": d(-18), "door": "Ilse de Boer"},
                {"vraag": 4, "antwoord": "ja", "datum": d(-15), "door": "Ilse de Boer",
                 "toelichting": "Ouders accepteren opvoedondersteuning via het CJG.", "termijn": d(-2),
                 "casemanager": "Carla Visser (CJG-coach)"}],
            "besluit": "hulp"},
        "journaal": [{"datum": d(-15), "auteur": "Ilse de Boer", "tekst": "Afspraken vastgelegd met ouders."}],
    }))

    plannen.append(("swv", {
        "id": "DEMO-05", "status": "actief", "aangemeld": d(-150), "actief_sinds": d(-150),
        "regie": {"naam": "Samir Aydin", "organisatie": "SWV IJmond (demo)", "rol": "swv"},
        "kind": {"voornaam": "Lucas", "achternaam": "Smit", "geboortedatum": _geboren(vandaag, 14, 60),
                 "gemeente": "Beverwijk", "school": "Scholengemeenschap Duin", "onderwijssoort": "vo",
                 "leerjaar": 3},
        "gezin": [{"naam": "Marieke Smit", "relatie": "moeder", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-150), "bron": "leerplicht", "domein": "verzuim",
                      "zwaarte": "specialistisch", "omschrijving": "Komt sinds de herfstvakantie niet meer op school."},
                     {"id": "s2", "datum": d(-140), "bron": "ouder", "domein": "gezondheid", "zwaarte": "specialistisch",
                      "omschrijving": "Angstklachten, durft het huis niet uit."}],
        "ouders_geinformeerd": [{"datum": d(-149), "door": "Samir Aydin"}],
        "toestemmingen": [{"partij": "GGD Kennemerland", "doel": "Jeugdarts beoordeelt verzuim",
                           "datum": d(-145), "gegeven_door": ["Lucas Smit", "Marieke Smit"]}],
        "betrokkenen": [{"rol": "leerplicht", "naam": "Leerplicht Beverwijk (demo)", "organisatie": "Gemeente Beverwijk"},
                        {"rol": "ggd", "naam": "Jeugdarts (demo)", "organisatie": "GGD Kennemerland"}],
        "verzuim": {"afwezigheden": [{"van": d(-130)}], "gemeld_16_uur": [d(-125), d(-3)],
                    "aanbod": [{"omschrijving": "Twee ochtenden per week thuisonderwijs via school", "van": d(-40)}]},
        "doelen": [{"id": "d1", "omschrijving": "Lucas gaat twee ochtenden per week naar school",
                    "eigenaar": "Samir Aydin", "evaluatiedatum": d(14), "status": "lopend"}],
        "jeugdhulp": [{"vorm": "Behandeling angststoornis", "aanbieder": "GGZ-aanbieder (demo)",
                       "verwijzer": "huisarts", "start": d(-60)}],
    }))

    plannen.append(("swv", {
        "id": "DEMO-06", "status": "actief", "aangemeld": d(-50), "actief_sinds": d(-50),
        "kind": {"voornaam": "Emma", "achternaam": "Visser", "geboortedatum": _geboren(vandaag, 11, 5),
                 "gemeente": "Castricum", "school": "Basisschool De Brug", "onderwijssoort": "po", "groep": 8},
        "gezin": [{"naam": "Johan Visser", "relatie": "vader", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-45), "bron": "leerkracht", "domein": "verzuim", "zwaarte": "complex",
                      "omschrijving": "Afwezig sinds conflict met de school over de aanpak."}],
        "ouders_geinformeerd": [{"datum": d(-44), "door": "Samir Aydin"}],
        "verzuim": {"afwezigheden": [{"van": d(-42)}]},
    }))

    plannen.append(("swv", {
        "id": "DEMO-07", "status": "actief", "aangemeld": d(-90), "actief_sinds": d(-90),
        "kind": {"voornaam": "Noah", "achternaam": "de Jong", "geboortedatum": _geboren(vandaag, 10, 30),
                 "gemeente": "Uitgeest", "school": "SBO De Springplank", "onderwijssoort": "sbo", "groep": 6},
        "gezin": [{"naam": "Lisa de Jong", "relatie": "moeder", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-90), "bron": "ib", "domein": "leren", "zwaarte": "complex",
                      "omschrijving": "Uitgeschreven na verhuizing; nog geen nieuwe school."}],
        "ouders_geinformeerd": [{"datum": d(-89), "door": "Samir Aydin"}],
        "verzuim": {"inschrijvingen": [{"school": "SBO De Springplank", "van": d(-700), "tot": d(-80)}]},
        "acties": [{"id": "a1", "omschrijving": "Plaatsing zoeken met toelaatbaarheidsverklaring",
                    "eigenaar": "Samir Aydin", "deadline": d(-10)}],
    }))

    plannen.append(("swv", {
        "id": "DEMO-08", "status": "actief", "aangemeld": d(-300), "actief_sinds": d(-300),
        "kind": {"voornaam": "Lotte", "achternaam": "Meijer", "geboortedatum": _geboren(vandaag, 12, 90),
                 "gemeente": "Heemskerk", "school": "Kennemer College", "onderwijssoort": "vso", "leerjaar": 1},
        "gezin": [{"naam": "Anna Meijer", "relatie": "moeder", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-300), "bron": "huisarts", "domein": "gezondheid",
                      "zwaarte": "specialistisch", "omschrijving": "Ernstige chronische ziekte; niet belastbaar."}],
        "ouders_geinformeerd": [{"datum": d(-299), "door": "Samir Aydin"}],
        "verzuim": {"vrijstellingen": [{"artikel": "lpw_5_onder_a", "van": d(-250), "tot": d(120),
                                       "nooit_geschikt": True}]},
    }))

    plannen.append(("ib", {
        "id": "DEMO-09", "status": "actief", "aangemeld": d(-15), "actief_sinds": d(-15),
        "kind": {"voornaam": "Bram", "achternaam": "van Dijk", "geboortedatum": _geboren(vandaag, 15, 20),
                 "gemeente": "Velsen", "school": "Reformatorische SG (demo)", "onderwijssoort": "vo",
                 "leerjaar": 4, "identiteit": "reformatorisch"},
        "gezin": [{"naam": "Hendrik van Dijk", "relatie": "vader", "gezag": True},
                  {"naam": "Maria van Dijk", "relatie": "moeder", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-15), "bron": "leerkracht", "domein": "psychosociaal",
                      "zwaarte": "complex", "omschrijving": "Somber, zegt dat hij nergens zin in heeft."}],
        "ouders_geinformeerd": [{"datum": d(-12), "door": "Ilse de Boer",
                                 "notitie": "Ouders vragen hulp die past bij hun geloof."}],
        "verzuim": {"afwezigheden": [{"van": d(-10)}]},
        "zienswijze": {"ouders": "Wij willen hulp die aansluit bij onze waarden."},
    }))

    plannen.append(("cjg", {
        "id": "DEMO-10", "status": "afgesloten", "aangemeld": d(-400), "actief_sinds": d(-395),
        "afgesloten": d(-60), "reden_afsluiting": "Doelen behaald; ouders en school tevreden.",
        "regie": {"naam": "Carla Visser", "organisatie": "Centrum Jeugd en Gezin IJmond", "rol": "cjg-coach"},
        "kind": {"voornaam": "Sophie", "achternaam": "Mulder", "geboortedatum": _geboren(vandaag, 6, 150),
                 "gemeente": "Beverwijk", "school": "De Regenboog", "onderwijssoort": "po", "groep": 2},
        "gezin": [{"naam": "Eva Mulder", "relatie": "moeder", "gezag": True}],
        "signalen": [{"id": "s1", "datum": d(-400), "bron": "ouder", "domein": "thuis", "zwaarte": "licht",
                      "omschrijving": "Moeder vraagt tips bij driftbuien."}],
        "ouders_geinformeerd": [{"datum": d(-400), "door": "Ilse de Boer"}],
        "toestemmingen": [{"partij": "Centrum Jeugd en Gezin IJmond", "datum": d(-398),
                           "gegeven_door": ["Eva Mulder"], "ingetrokken": d(-60)}],
        "jeugdhulp": [{"vorm": "Opvoedondersteuning", "aanbieder": "Centrum Jeugd en Gezin IJmond",
                       "verwijzer": "CJG", "start": d(-390), "einde": d(-70)}],
        "doelen": [{"id": "d1", "omschrijving": "Minder driftbuien thuis", "eigenaar": "Eva Mulder",
                    "evaluatiedatum": d(-80), "status": "behaald"}],
        "evaluaties": [{"datum": d(-75), "door": "Carla Visser", "notitie": "Doel behaald.", "doelen": ["d1"]}],
    }))

    plannen.append(("ib", {
        "id": "DEMO-11", "status": "actief", "aangemeld": d(-5), "actief_sinds": d(-5),
        "kind": {"voornaam": "Finn", "achternaam": "Bos", "geboortedatum": _geboren(vandaag, 10, 10),
                 "gemeente": "Heemskerk", "school": "Basisschool Het Kompas", "onderwijssoort": "po", "groep": 7},
        "signalen": [{"id": "s1", "datum": d(-5), "bron": "kind", "domein": "grensoverschrijdend-personeel",
                      "zwaarte": "specialistisch",
                      "omschrijving": "Finn vertelt over een aanraking door een medewerker die hij niet wilde."}],
        "journaal": [{"datum": d(-5), "auteur": "Ilse de Boer",
                      "tekst": "Direct gemeld aan het bevoegd gezag (schoolbestuur)."}],
    }))

    plannen.append(("jmw", {
        "id": "DEMO-12", "status": "actief", "aangemeld": d(-120), "actief_sinds": d(-118),
        "regie": {"naam": "Jan Smit", "organisatie": "Socius Maatschappelijke Dienstverlening", "rol": "jmw"},
        "kind": {"voornaam": "Aya", "achternaam": "Yilmaz", "geboortedatum": _geboren(vandaag, 17, 100),
                 "gemeente": "Castricum", "school": "Clusius College (demo)", "onderwijssoort": "mbo", "leerjaar": 2},
        "signalen": [{"id": "s1", "datum": d(-120), "bron": "kind", "domein": "psychosociaal", "zwaarte": "licht",
                      "omschrijving": "Aya vraagt zelf om gesprekken over stress en werk naast school."}],
        "ouders_geinformeerd": [{"datum": d(-119), "door": "Jan Smit", "notitie": "Aya (17) informeerde zelf haar moeder."}],
        "toestemmingen": [{"partij": "Socius Maatschappelijke Dienstverlening", "datum": d(-118),
                           "gegeven_door": ["Aya Yilmaz"]}],
        "betrokkenen": [{"rol": "jmw", "naam": "Jan Smit", "organisatie": "Socius Maatschappelijke Dienstverlening"}],
        "verzuim": {"startkwalificatie": d(-140)},
        "doelen": [{"id": "d1", "omschrijving": "Aya plant werk en school zonder overbelasting",
                    "eigenaar": "Aya Yilmaz", "evaluatiedatum": d(40), "status": "lopend"}],
    }))
    return plannen


def _korte_ids(data: Any, klasse: Any = Plan) -> Any:
    """Korte ids (o1, k1, t1, ...) zoals opdrachten ze geven, in plaats van ids uit de inhoud."""
    from jeugdplan.domein.model import lijsten

    if not isinstance(data, dict):
        return data
    uit = dict(data)
    for sleutel, sub, met_id in lijsten(klasse):
        waarde = uit.get(sleutel)
        if isinstance(waarde, dict):
            uit[sleutel] = _korte_ids(waarde, sub)
        elif isinstance(waarde, list):
            nieuw = []
            for i, item in enumerate(waarde, 1):
                if met_id and isinstance(item, str):  # een kracht of zorg als kale tekst
                    item = {"tekst": item}
                if isinstance(item, dict):
                    item = _korte_ids(item, sub)
                    if met_id and "id" not in item:
                        voorvoegsel: str = sub.VOORVOEGSEL  # type: ignore[attr-defined]
                        item = {"id": f"{voorvoegsel}{i}", **item}
                nieuw.append(item)
            uit[sleutel] = nieuw
    return uit


def _niet_in_een_repository(pad: Path) -> None:
    """Een demo binnen een andere git-repository (zoals de broncode van jeugdplan) wordt een
    geneste repository: git van de buitenste ziet dan een map die het niet kan volgen."""
    from jeugdplan.opslag import gitrepo

    map_ = pad.absolute().parent
    while not map_.exists():
        map_ = map_.parent
    buiten = gitrepo.git(map_, "rev-parse", "--show-toplevel", check=False).strip()
    if buiten:
        raise JeugdplanError(
            f"{pad} ligt in de git-repository {buiten}; een demo daarin wordt een geneste "
            "repository. Kies een map daarbuiten, bijvoorbeeld: jeugdplan demo ~/jeugdplan-demo")


def bouw_demo(pad: Path, vandaag: date) -> Repo:
    """Maakt de demorepository in `pad` (een eerdere demo daar wordt vervangen)."""
    pad = pad.expanduser()
    _niet_in_een_repository(pad)
    if pad.exists():
        if not (pad / MARKERING).exists():
            raise JeugdplanError(
                f"{pad} bestaat al en is geen demorepository; kies een andere map"
            )
        import shutil

        shutil.rmtree(pad)
    with auteur("swv"):
        repo = maak_repository(pad, "ijmond", "Demo: samenwerkingsverband IJmond (fictief)")
    (repo.root / MARKERING).write_text("gemaakt door 'jeugdplan demo'\n", encoding="utf-8")
    for rol, gegevens in demo_plannen(vandaag):
        plan = valideer(Plan, _korte_ids(gegevens), f"demo {gegevens['id']}")
        with auteur(rol):
            repo.maak(plan, "nieuw plan aangemaakt (demo)")
    # Een paar wijzigingen door anderen, voor een echte geschiedenis in 'jeugdplan log'.
    from jeugdplan.domein import bewerkingen

    with auteur("jmw"):
        repo.bewerk("DEMO-01", lambda p: bewerkingen.schrijf_journaal(
            p, tekst="Sanne speelde vandaag met Noor in de pauze.", auteur="Jan Smit",
            datum=vandaag - timedelta(days=2)))
    with auteur("ib"):
        repo.bewerk("DEMO-02", lambda p: bewerkingen.voeg_actie_toe(
            p, omschrijving="Gesprek met moeder plannen", eigenaar="Ilse de Boer",
            deadline=vandaag + timedelta(days=3)))
    return repo
