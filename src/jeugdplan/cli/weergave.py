"""Leesbare weergave op de terminal (rich): een plan, de lijst van casussen, de agenda."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text

from jeugdplan.agenda import Punt
from jeugdplan.cli.common import console
from jeugdplan.model import Plan
from jeugdplan.overzicht import Regel
from jeugdplan.toestemming import is_geldig, leeftijd


def _kop(c: object, titel: str) -> None:
    c.print(Text(f"\n{titel}", style="bold"))  # type: ignore[attr-defined]


def toon_plan(plan: Plan, vandaag: date) -> None:
    c = console()
    k = plan.kind
    c.print(Text(f"{k.voornaam} {k.achternaam}", style="bold") + Text(
        f"  ({plan.id}, {plan.status})"))
    klas = f", groep {k.groep}" if k.groep else (f", leerjaar {k.leerjaar}" if k.leerjaar else "")
    c.print(f"{leeftijd(k.geboortedatum, vandaag)} jaar (geboren {k.geboortedatum}), "
            f"{k.gemeente}; {k.school} ({k.onderwijssoort}{klas})")
    if k.identiteit:
        c.print(f"Gewenste identiteit van hulp: {k.identiteit}")
    regie = "nog niet belegd"
    if plan.regie:
        regie = plan.regie.naam + (f" ({plan.regie.organisatie})" if plan.regie.organisatie else "")
    c.print(f"Regie: {regie}")
    if plan.gezin:
        _kop(c, "Gezin")
        for o in plan.gezin:
            c.print(f"  {o.naam} ({o.relatie}{', gezag' if o.gezag else ''})")
    if plan.signalen:
        _kop(c, "Signalen")
        for s in plan.signalen:
            c.print(f"  {s.id} {s.datum} [{s.domein}, {s.zwaarte}] {s.omschrijving} "
                    f"(bron: {s.bron})")
    _kop(c, "Ouders geïnformeerd")
    if plan.ouders_geinformeerd:
        for moment in plan.ouders_geinformeerd:
            c.print(f"  {moment.datum} door {moment.door}")
    else:
        c.print("  nog niet: bespreek de zorgen eerst met de ouders")
    for titel, lijst in (("Krachten", plan.krachten), ("Zorgen", plan.zorgen)):
        if lijst:
            _kop(c, titel)
            for regel in lijst:
                c.print(f"  - {regel}")
    if plan.betrokkenen:
        _kop(c, "Betrokkenen")
        for b in plan.betrokkenen:
            c.print(f"  {b.naam} ({b.rol}{', ' + b.organisatie if b.organisatie else ''})")
    if plan.toestemmingen:
        _kop(c, "Toestemmingen")
        for t in plan.toestemmingen:
            staat = "geldig" if is_geldig(plan, t, vandaag) else (
                f"ingetrokken {t.ingetrokken}" if t.ingetrokken else "onvolledig")
            c.print(f"  {t.partij}: {t.datum}, door {', '.join(t.gegeven_door)} ({staat})")
    if plan.doelen:
        _kop(c, "Doelen")
        for d in plan.doelen:
            c.print(f"  {d.id} [{d.status}] {d.omschrijving} (eigenaar: {d.eigenaar or '-'}, "
                    f"evaluatie: {d.evaluatiedatum or '-'})")
    if plan.acties:
        _kop(c, "Acties")
        for a in plan.acties:
            klaar = f"gedaan {a.gedaan}" if a.gedaan else f"uiterlijk {a.deadline or '-'}"
            c.print(f"  {a.id} {a.omschrijving} ({a.eigenaar or '-'}, {klaar})")
    if plan.jeugdhulp:
        _kop(c, "Jeugdhulp")
        for h in plan.jeugdhulp:
            c.print(f"  {h.vorm} door {h.aanbieder} (verwijzer: {h.verwijzer or '-'}, "
                    f"{h.start or '?'} - {h.einde or 'lopend'})")
    if plan.verwijzingen:
        _kop(c, "Verwijzingen")
        for v in plan.verwijzingen:
            c.print(f"  {v.id} {v.organisatie} ({v.rol}): {v.status}")
    if plan.zienswijze.ouders or plan.zienswijze.kind:
        _kop(c, "Zienswijze")
        if plan.zienswijze.ouders:
            c.print(f"  Ouders: {plan.zienswijze.ouders}")
        if plan.zienswijze.kind:
            c.print(f"  Kind: {plan.zienswijze.kind}")
    if plan.meldcode:
        _kop(c, "Meldcode")
        c.print(f"  gestart {plan.meldcode.gestart}; "
                f"besluit: {plan.meldcode.besluit or 'nog niet genomen'}")
    if plan.journaal:
        _kop(c, "Journaal")
        for j in plan.journaal[-5:]:
            c.print(f"  {j.datum} {j.auteur}: {j.tekst}")


def toon_lijst(regels: list[Regel]) -> None:
    c = console()
    if not regels:
        c.print("geen casussen")
        return
    tabel = Table(box=None, header_style="bold", pad_edge=False)
    for kolom in ("id", "status", "gemeente", "school", "leeftijd", "regie", "aandacht"):
        tabel.add_column(kolom)
    for r in regels:
        tabel.add_row(r.id, r.status, r.gemeente, r.school, str(r.leeftijd), r.regie or "-",
                      Text("; ".join(r.aandacht), style="yellow" if r.aandacht else ""))
    c.print(tabel)
    c.print(f"{len(regels)} casus(sen)")


def toon_agenda(punten: list[Punt], weken: int) -> None:
    c = console()
    if not punten:
        c.print(f"niets over tijd of aan de beurt in de komende {weken} weken")
        return
    for p in punten:
        wanneer = (f"{-p.dagen} dagen over tijd" if p.over_tijd
                   else "vandaag" if p.dagen == 0 else f"over {p.dagen} dagen")
        c.print(Text(f"{p.datum} {p.id:<12} ", style="red" if p.over_tijd else "")
                + Text(f"{p.wat} ({p.eigenaar or 'geen eigenaar'}; {wanneer})"))
