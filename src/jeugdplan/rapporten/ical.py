"""De agenda als iCalendar-bestand (RFC 5545) voor Outlook, Google en Apple Agenda.

Elk agendapunt wordt een afspraak van een hele dag op de datum van de actie, evaluatie of
termijn. De UID is vast per casus en onderdeel: opnieuw importeren werkt de afspraak bij.

Zonder namen (standaard): de afspraak noemt het casus-id en het onderdeel; vrije tekst
(omschrijving van een actie of doel) staat er wel in, maar de voor- en achternaam van het
kind zijn daaruit weggelaten ("het kind"). Een agenda gaat vaak naar een telefoon of een
gedeelde agenda; namen van kinderen horen daar niet in, tenzij de professional erom vraagt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from jeugdplan.domein.agenda import Punt

SOORTEN = {
    "actie": "Actie", "doel-evaluatie": "Evaluatie doel", "opp-vaststellen": "OPP vaststellen",
    "opp-evaluatie": "Evaluatie OPP", "meldcode-termijn": "Meldcode",
    "meldcode-terugkoppeling": "Meldcode", "verzuim-melding": "Verzuim",
    "vrijstelling": "Vrijstelling", "vervangende-leerplicht": "Vervangende leerplicht",
}


def zonder_namen(tekst: str, namen: Iterable[str]) -> str:
    """Haalt namen (als los woord, hoofdletterongevoelig) uit een tekst: "het kind"."""
    for naam in sorted({n for n in namen if len(n) > 1}, key=len, reverse=True):
        tekst = re.sub(rf"(?<!\w){re.escape(naam)}(?!\w)", "het kind", tekst, flags=re.I)
    return re.sub(r"het kind(\s+het kind)+", "het kind", tekst)


def _escape(tekst: str) -> str:
    return (tekst.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _vouw(regel: str) -> str:
    """Regels van hooguit 75 octetten; vervolgregels beginnen met een spatie (RFC 5545 3.1)."""
    data = regel.encode()
    if len(data) <= 75:
        return regel
    delen: list[str] = []
    begin = 0
    while begin < len(data):
        eind = min(begin + (75 if not delen else 74), len(data))
        while eind < len(data) and (data[eind] & 0xC0) == 0x80:  # geen half UTF-8-teken
            eind -= 1
        delen.append(data[begin:eind].decode())
        begin = eind
    return "\r\n ".join(delen)


def agenda_ics(punten: list[Punt], kinderen: dict[str, tuple[str, str]], vandaag: date, *,
               met_namen: bool = False) -> str:
    """De agendapunten als VCALENDAR; `kinderen`: casus-id -> (voornaam, achternaam)."""
    stempel = vandaag.strftime("%Y%m%dT000000Z")
    regels = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//jeugdplan//agenda//NL",
              "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:jeugdplan"]
    for p in punten:
        voornaam, achternaam = kinderen.get(p.id, ("", ""))
        wat = p.wat if met_namen else zonder_namen(p.wat, [voornaam, achternaam])
        kind = f" ({voornaam} {achternaam})" if met_namen and voornaam else ""
        soort = SOORTEN.get(p.soort, p.soort)
        beschrijving = [wat, f"Casus {p.id}{kind}",
                        f"Eigenaar: {p.eigenaar or 'niet vastgelegd'}",
                        f"Zie: jeugdplan show {p.id}"]
        if p.over_tijd:
            beschrijving.insert(0, f"Over tijd sinds {p.datum.isoformat()}")
        uid = f"{p.id}-{p.soort}-{p.onderdeel or 'plan'}@jeugdplan"
        regels += [
            "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stempel}",
            f"DTSTART;VALUE=DATE:{p.datum.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(p.datum + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(f'{p.id}: {wat}{kind}')}",
            f"DESCRIPTION:{_escape(chr(10).join(beschrijving))}",
            f"CATEGORIES:{_escape(soort)}", "TRANSP:TRANSPARENT", "END:VEVENT",
        ]
    regels.append("END:VCALENDAR")
    return "".join(_vouw(r) + "\r\n" for r in regels)
