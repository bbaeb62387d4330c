"""Leesbare weergave op de terminal: een plan (platte tekst), de lijst van casussen (vaste
kolommen) en de agenda. Kleur en vet via `typer.style` (`_opmaak`), alles in één keer
geschreven: rich maakt elke regel apart op, en dat kostte bij 10.000 casussen seconden."""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

import typer

from jeugdplan.domein.taal import aantal
from jeugdplan.domein.toestemming import leeftijd, stand

if TYPE_CHECKING:
    from collections.abc import Callable

    from jeugdplan.domein.agenda import Punt
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.kalender import Kalender
    from jeugdplan.domein.model import Plan
    from jeugdplan.domein.overzicht import Regel


def _opmaak(**stijl: Any) -> Callable[[str], str]:
    """Opmaak (`bold=True`, `fg="red"`) op een terminal met kleur, niet bij NO_COLOR;
    `typer.echo` haalt de opmaak zelf weg als de uitvoer geen terminal is."""
    return (lambda tekst: tekst) if os.environ.get("NO_COLOR") else partial(typer.style, **stijl)


def _vet(tekst: str) -> str:
    return _opmaak(bold=True)(tekst)


def plan_tekst(plan: Plan, vandaag: date, g: Gegevens, kal: Kalender) -> str:
    """Het plan als platte tekst voor `show` (koppen vet, zie `_vet`)."""
    regels: list[str] = []
    uit = regels.append

    def kop(titel: str) -> None:
        uit("")
        uit(_vet(titel))

    k = plan.kind
    uit(_vet(f"{k.voornaam} {k.achternaam}") + f"  ({plan.id}, {plan.status})")
    klas = f", groep {k.groep}" if k.groep else (f", leerjaar {k.leerjaar}" if k.leerjaar else "")
    uit(f"{leeftijd(k.geboortedatum, vandaag)} jaar (geboren {k.geboortedatum}), "
        f"{k.gemeente}; {k.school or 'geen school'} ({k.onderwijssoort}{klas})")
    if k.identiteit:
        uit(f"Gewenste identiteit van hulp: {k.identiteit}")
    regie = "nog niet belegd"
    if plan.regie:
        regie = plan.regie.naam + (f" ({plan.regie.organisatie})" if plan.regie.organisatie else "")
    uit(f"Regie: {regie}")
    if plan.gezin:
        kop("Gezin")
        for o in plan.gezin:
            gezag = {True: ", gezag", "onbekend": ", gezag onbekend"}.get(o.gezag, "")
            contact = f", {o.contact}" if o.contact else ""
            uit(f"  {o.id} {o.naam} ({o.relatie}{gezag}{contact})")
    if plan.signalen:
        kop("Signalen")
        for s in plan.signalen:
            uit(f"  {s.id} {s.datum} [{s.domein}, {s.zwaarte}] {s.omschrijving} "
                f"(bron: {s.bron})")
    kop("Ouders geïnformeerd")
    from jeugdplan.domein import ouders

    for moment in ouders.momenten(plan):
        via = "" if moment.via == "ouders informeer" else f" ({moment.via})"
        uit(f"  {moment.id + ' ' if moment.id else ''}{moment.datum} door {moment.door or '-'}"
            f"{via}")
    nog = ouders.nog_niet_besproken(plan)
    if nog:
        uit(f"  nog niet over {', '.join(f'{s.id} ({s.datum})' for s in nog)}: bespreek de "
            "zorgen eerst met de ouders")
    elif not ouders.momenten(plan):
        uit("  nog niet: " + ("bij veiligheid volgt het gesprek via de meldcode (stap 3)"
                              if ouders.veiligheid_zonder_gesprek(plan)
                              else "bespreek de zorgen eerst met de ouders"))
    for titel, lijst in (("Krachten", plan.krachten), ("Zorgen", plan.zorgen)):
        if lijst:
            kop(titel)
            for regel in lijst:
                uit(f"  {regel.id} {regel.tekst}")
    if plan.netwerk:
        kop("Netwerk")
        for n in plan.netwerk:
            uit(f"  {n.id} {n.naam}" + (f" ({n.relatie})" if n.relatie else "")
                + (f": {n.steun}" if n.steun else ""))
    if plan.betrokkenen:
        kop("Betrokkenen")
        for b in plan.betrokkenen:
            regie_ = ", regie" if plan.regie and plan.regie.naam.lower() == b.naam.lower() else ""
            uit(f"  {b.id} {b.naam} ({b.rol}{', ' + b.organisatie if b.organisatie else ''}"
                f"{regie_})")
    if plan.toestemmingen:
        kop("Toestemmingen")
        for t in plan.toestemmingen:
            stand_ = stand(plan, t, vandaag, g)
            staat = "geldig" if stand_.geldig else (
                f"ingetrokken {t.ingetrokken}" if t.ingetrokken else "onvolledig")
            uit(f"  {t.id} {t.partij}: {t.datum}, door {', '.join(t.gegeven_door)} ({staat})")
            if stand_.opnieuw:
                uit(f"    let op: {stand_.opnieuw}")
    steun = plan.ondersteuning
    if steun.niveau != "basis" or steun.omschrijving or steun.opp:
        kop("Ondersteuning op school")
        uit(f"  {g.codelijsten.codes('ondersteuningsniveaus').get(steun.niveau, steun.niveau)}"
            + (f": {steun.omschrijving}" if steun.omschrijving else ""))
        if steun.opp is not None:
            _toon_opp(steun.opp, uit)
    if plan.doelen:
        kop("Doelen")
        for d in plan.doelen:
            uit(f"  {d.id} [{d.status}] {d.omschrijving} (eigenaar: {d.eigenaar or '-'}, "
                f"evaluatie: {d.evaluatiedatum or '-'})")
    if plan.acties:
        kop("Acties")
        for a in plan.acties:
            klaar = f"gedaan {a.gedaan}" if a.gedaan else f"uiterlijk {a.deadline or '-'}"
            uit(f"  {a.id} {a.omschrijving} ({a.eigenaar or '-'}, {klaar})")
    if plan.jeugdhulp:
        kop("Jeugdhulp")
        for h in plan.jeugdhulp:
            uit(f"  {h.id} {h.vorm} door {h.aanbieder} (verwijzer: {h.verwijzer or '-'}, "
                f"{h.start or '?'} - {h.einde or 'lopend'})")
    if plan.verwijzingen:
        kop("Verwijzingen")
        for v in plan.verwijzingen:
            uit(f"  {v.id} {v.organisatie} ({v.rol}): {v.status}")
    if plan.evaluaties:
        kop("Evaluaties")
        for e in plan.evaluaties:
            doelen = f" [{', '.join(e.doelen)}]" if e.doelen else ""
            uit(f"  {e.id} {e.datum} {e.door}{doelen}: {e.notitie}")
    if plan.zienswijze.ouders or plan.zienswijze.kind:
        kop("Zienswijze")
        if plan.zienswijze.ouders:
            uit(f"  Ouders: {plan.zienswijze.ouders}")
        if plan.zienswijze.kind:
            uit(f"  Kind: {plan.zienswijze.kind}")
    _verzuim(plan, vandaag, g, kal, kop, uit)
    if plan.meldcode:
        kop("Meldcode")
        for i, spoor in enumerate(plan.meldcode, 1):
            if spoor.geannuleerd is not None:
                toestand_ = f"geannuleerd {spoor.geannuleerd.datum}"
            elif spoor.afgerond is not None:
                toestand_ = f"afgerond {spoor.afgerond}, besluit: {spoor.besluit}"
            else:
                toestand_ = f"loopt, besluit: {spoor.besluit or 'nog niet genomen'}"
            gemeld = f"; gemeld {spoor.meldingen[0].datum}" if spoor.meldingen else ""
            uit(f"  spoor {i}: gestart {spoor.gestart}; {toestand_}{gemeld}")
    if plan.journaal:
        kop("Journaal" + (f" (laatste 5 van {len(plan.journaal)})" if len(plan.journaal) > 5
                          else ""))
        for j in plan.journaal[-5:]:
            uit(f"  {j.id} {j.datum} {j.auteur}: {j.tekst}")
    return "\n".join(regels)


def _toon_opp(opp: Any, uit: Any) -> None:
    """Het OPP in het overzicht van `show`: wat de wet vraagt, en of het er is."""
    uit(f"  OPP: uitstroom {opp.uitstroombestemming}; vastgesteld {opp.vastgesteld or 'nog niet'}"
        + (f" (inschrijving {opp.inschrijving})" if opp.inschrijving else ""))
    uit(f"    begeleiding: {opp.begeleiding or '-'}")
    if opp.afwijkingen:
        uit(f"    afwijkingen van het programma: {opp.afwijkingen}")
    uit(f"    inbreng leerling: {opp.inbreng_leerling or '-'}")
    uit(f"    instemming ouders: {opp.instemming_ouders or 'nog niet'}")
    for soort, factoren in (("belemmerend", opp.onderbouwing.belemmerend),
                            ("bevorderend", opp.onderbouwing.bevorderend)):
        for f in factoren:
            uit(f"    {f.id} {soort}: {f.tekst}")
    for e in opp.evaluaties:
        met = [w for w, ja in (("ouders", e.met_ouders), ("leerling", e.met_leerling)) if ja]
        uit(f"    {e.id} evaluatie {e.datum}" + (f" met {' en '.join(met)}" if met else "")
            + f": {e.notitie}")
    if opp.evaluatiedatum:
        uit(f"    volgende evaluatie: {opp.evaluatiedatum}")


def _verzuim(plan: Plan, vandaag: date, g: Gegevens, kal: Kalender, kop: Callable[[str], None],
             uit: Callable[[str], object]) -> None:
    """De verzuimstand vandaag en de periodes uit het plan (inschrijving, afwezigheid,
    vrijstelling, aanbod)."""
    from jeugdplan.domein.verzuim import categorie_omschrijvingen, classificeer, school_op

    v = plan.verzuim
    if not (v.inschrijvingen or v.afwezigheden or v.vrijstellingen or v.aanbod
            or v.startkwalificatie):
        return
    kop("Verzuim")
    school = school_op(plan, vandaag)
    uit(f"  vandaag ingeschreven op: {school or 'geen school'}")
    stand_ = classificeer(plan, vandaag, g, kal)
    if stand_ is not None:
        wat = categorie_omschrijvingen(g).get(stand_.categorie, stand_.categorie)
        uit(f"  {wat}: sinds {stand_.sinds} ({aantal(stand_.dagen, 'dag')}; {stand_.plicht})")
    for i in v.inschrijvingen:
        uit(f"  ingeschreven: {i.school}, {i.van or '?'} tot {i.tot or 'nu'}")
    for a in v.afwezigheden:
        uit(f"  ongeoorloofd afwezig: {a.van or '?'} tot {a.tot or 'nu'}")
    for vr in v.vrijstellingen:
        uit(f"  vrijstelling art. {vr.artikel}: {vr.van or '?'} tot {vr.tot or 'nu'}")
    for a in v.aanbod:
        uit(f"  aanbod: {a.omschrijving}, {a.van or '?'} tot {a.tot or 'nu'}")
    if v.startkwalificatie:
        uit(f"  startkwalificatie: {v.startkwalificatie}")


def toon_lijst(regels: list[Regel]) -> None:
    """De casussen als tabel in vaste kolommen (wat aandacht vraagt geel, achteraan). Zelf
    uitgelijnd in plaats van met een rich-tabel: die meet en breekt elke cel en deed over
    10.000 casussen ruim 10 seconden."""
    if not regels:
        typer.echo("geen casussen")
        return
    def cel(tekst: str | None) -> str:  # een regeleinde of tab in een naam: één spatie
        return " ".join((tekst or "").split()) or "-"

    kop = ("id", "status", "gemeente", "school", "leeftijd", "regie")
    rijen = [(r.id, r.status, cel(r.gemeente), cel(r.school), str(r.leeftijd), cel(r.regie))
             for r in regels]
    breedtes = [max(map(len, kolom)) for kolom in zip(kop, *rijen, strict=True)]

    def regel(velden: tuple[str, ...], aandacht: str) -> str:
        cellen = (v.ljust(b) for v, b in zip(velden, breedtes, strict=True))
        return ("  ".join(cellen) + "  " + aandacht).rstrip()

    geel = _opmaak(fg="yellow")
    uit = [_vet(regel(kop, "aandacht"))]
    uit += [regel(rij, geel("; ".join(r.aandacht)) if r.aandacht else "")
            for rij, r in zip(rijen, regels, strict=True)]
    uit.append(aantal(len(regels), "casus"))
    typer.echo("\n".join(uit))


def toon_agenda(punten: list[Punt], weken: int) -> None:
    """Eén regel per punt, over tijd rood; in één keer geschreven (zoals `toon_lijst`)."""
    if not punten:
        typer.echo(f"niets over tijd of aan de beurt in de komende {weken} weken")
        return
    rood = _opmaak(fg="red")
    regels = []
    for p in punten:
        wanneer = (f"{aantal(-p.dagen, 'dag')} over tijd" if p.over_tijd
                   else "vandaag" if p.dagen == 0 else f"over {aantal(p.dagen, 'dag')}")
        begin = f"{p.datum} {p.id:<12} "
        regels.append((rood(begin) if p.over_tijd else begin)
                      + f"{p.wat} ({p.eigenaar or 'geen eigenaar'}; {wanneer})")
    typer.echo("\n".join(regels))
