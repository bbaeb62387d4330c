"""`jeugdplan meldcode ...`: de meldcode huiselijk geweld en kindermishandeling, stap voor stap.

Dunne opdrachten: argumenten lezen, één functie uit `jeugdplan.domein.meldcode` aanroepen (via
`common.bewerk`: één commit per geaccepteerde handeling), het resultaat tonen. Een geweigerde
handeling is een `JeugdplanError` (exit 1) en schrijft niets. Ook `jeugdplan report meldcode`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import (
    DatumOptie,
    IdArg,
    JsonOptie,
    datum,
    nieuwe_app,
    optionele_tekst,
    tekst,
    vandaag,
)

if TYPE_CHECKING:
    from jeugdplan.domein.meldcode import Advies, Machine
    from jeugdplan.domein.model import Plan


meldcode_app = nieuwe_app(
    "De meldcode huiselijk geweld en kindermishandeling: vijf stappen en het afwegingskader, "
    "vastgelegd in het plan. Elk nieuw vermoeden begint een nieuw spoor. Begin met "
    "'meldcode next ID': die zegt wat er nu moet gebeuren.")


def _machine() -> Machine:
    """De meldcode uit de meegeleverde gegevens (`data/meldcode.yaml`)."""
    from jeugdplan.domein.meldcode import machine
    from jeugdplan.opslag.bronnen import gegevens

    return machine(gegevens())


def _na_handeling(plan: Plan) -> None:
    """Na een geaccepteerde handeling: de volgende stap en waarschuwingen op stderr."""
    from jeugdplan.domein.meldcode import volgende

    advies = volgende(plan, vandaag(), _machine())
    for w in advies.waarschuwingen:
        common.meld(f"let op: {w}")
    if advies.status in ("afgerond", "geannuleerd"):
        common.meld(f"{advies.titel}: {advies.uitleg}")
        if advies.opdracht:
            common.meld(f"volgende: {advies.opdracht}")
    elif advies.opdracht:
        common.meld(f"volgende: {advies.titel}: {advies.opdracht}")


@meldcode_app.command("start")
def start(ident: IdArg, op: DatumOptie = None) -> None:
    """Start een meldcodespoor (bij een vermoeden van huiselijk geweld of kindermishandeling);
    na een afgerond spoor begint een nieuw vermoeden een nieuw spoor."""
    from jeugdplan.domein import meldcode as mc

    dag, nu, wie = datum(op, "--datum", vandaag()), vandaag(), common.auteur()
    m = _machine()
    plan = common.bewerk(ident, lambda p: mc.start(p, datum=dag, door=wie, vandaag=nu, m=m))
    _na_handeling(plan)


@meldcode_app.command("stap")
def stap(
    ident: IdArg,
    nummer: Annotated[int, typer.Argument(metavar="N", help="De stap: 1, 2 of 3.")],
    notitie: Annotated[str, typer.Option(
        help="Wat is vastgesteld (stap 1: signalen, feiten apart van interpretaties, met bron; "
             "stap 2: het advies; stap 3: wat is besproken).")],
    met: Annotated[str | None, typer.Option(
        help="Stap 2: met wie overlegd (collega, aandachtsfunctionaris, Veilig Thuis anoniem, "
             "letselduiding); stap 3: met wie gesproken; stap 1: bron van informatie van "
             "derden.")] = None,
    kindcheck: Annotated[str | None, typer.Option(
        help="Stap 1: de kindcheck (andere afhankelijke kinderen, aantal en leeftijden).")
    ] = None,
    reactie: Annotated[str | None, typer.Option(
        help="Stap 3: de reactie van ouders en/of kind.")] = None,
    op: DatumOptie = None,
) -> None:
    """Leg stap 1, 2 of 3 vast (meer aantekeningen per stap mag; stappen gaan op volgorde)."""
    from jeugdplan.domein import meldcode as mc

    schoon = tekst(notitie, "--notitie")
    wie_met = optionele_tekst(met, "--met")
    check = optionele_tekst(kindcheck, "--kindcheck")
    reactie_ = optionele_tekst(reactie, "--reactie")
    dag, nu, wie = datum(op, "--datum", vandaag()), vandaag(), common.auteur()
    m = _machine()
    plan = common.bewerk(ident, lambda p: mc.leg_stap_vast(
        p, nummer, notitie=schoon, met=wie_met, kindcheck=check, reactie=reactie_, datum=dag,
        door=wie, vandaag=nu, m=m))
    _na_handeling(plan)


@meldcode_app.command("overslaan")
def overslaan(
    ident: IdArg,
    nummer: Annotated[int, typer.Argument(metavar="N", help="Alleen stap 3 mag worden "
                                          "overgeslagen.")],
    grond: Annotated[str | None, typer.Option(
        metavar="veiligheid|contactbreuk",
        help="veiligheid (van kind, beroepskracht of anderen) of contactbreuk (het gezin "
             "verbreekt het contact).")] = None,
    reden: Annotated[str | None, typer.Option(
        help="De concrete aanwijzingen voor deze grond (verplicht).")] = None,
    op: DatumOptie = None,
) -> None:
    """Sla stap 3 (gesprek met ouders en/of kind) over, alleen op een geldige grond met reden."""
    from jeugdplan.domein import meldcode as mc

    schone_grond = grond.strip().lower() if grond is not None else None
    schone_reden = optionele_tekst(reden, "--reden")
    dag, nu, wie = datum(op, "--datum", vandaag()), vandaag(), common.auteur()
    m = _machine()
    plan = common.bewerk(ident, lambda p: mc.sla_over(
        p, nummer, grond=schone_grond, reden=schone_reden, datum=dag, door=wie, vandaag=nu,
        m=m))
    _na_handeling(plan)


@meldcode_app.command("afweging")
def afweging(
    ident: IdArg,
    nummer: Annotated[int, typer.Argument(metavar="N", help="De afwegingsvraag: 1 tot en met 5.")],
    antwoord: Annotated[str, typer.Argument(
        metavar="ANTWOORD", help="ja, nee of twijfel (twijfel alleen bij vraag 2).")],
    toelichting: Annotated[str | None, typer.Option(
        help="Toelichting; verplicht bij vraag 1 nee (waarom afsluiten) en vraag 5 ja "
             "(afspraken over monitoring).")] = None,
    termijn: Annotated[str | None, typer.Option(
        metavar="JJJJ-MM-DD",
        help="Vraag 4 ja: datum waarop vraag 5 beantwoord moet zijn (verplicht).")] = None,
    casemanager: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Vraag 4 ja: de casemanager (onderwijsvariant).")] = None,
    op: DatumOptie = None,
) -> None:
    """Beantwoord een vraag van het afwegingskader (in volgorde, na stap 1 tot en met 3)."""
    from jeugdplan.domein import meldcode as mc

    uiterlijk = common.optionele_datum(termijn, "--termijn")
    uitleg = optionele_tekst(toelichting, "--toelichting")
    manager = optionele_tekst(casemanager, "--casemanager")
    dag, nu, wie = datum(op, "--datum", vandaag()), vandaag(), common.auteur()
    m = _machine()
    plan = common.bewerk(ident, lambda p: mc.beantwoord(
        p, nummer, antwoord, toelichting=uitleg, termijn=uiterlijk, casemanager=manager,
        datum=dag, door=wie, vandaag=nu, m=m))
    _na_handeling(plan)


@meldcode_app.command("melding")
def melding(
    ident: IdArg,
    op: Annotated[str, typer.Option("--datum", metavar="JJJJ-MM-DD", help="Datum van de melding.")],
    notitie: Annotated[str, typer.Option(help="Wat is gemeld bij Veilig Thuis.")],
    geinformeerd: Annotated[str | None, typer.Option(
        metavar="WIE", help="Wie is over de melding geïnformeerd (of waarom niet).")] = None,
    reactie: Annotated[str | None, typer.Option(
        help="Hun reactie en eventuele bezwaren.")] = None,
    hulp: Annotated[str | None, typer.Option(
        help="De hulp die de school naast de melding biedt of organiseert.")] = None,
) -> None:
    """Leg de melding aan Veilig Thuis vast (na het besluit melden); rondt het spoor af. De
    agenda toont daarna de verwachte terugkoppeling van Veilig Thuis."""
    from jeugdplan.domein import meldcode as mc

    schoon = tekst(notitie, "--notitie")
    wie_weet = optionele_tekst(geinformeerd, "--geinformeerd")
    reactie_ = optionele_tekst(reactie, "--reactie")
    hulp_ = optionele_tekst(hulp, "--hulp")
    dag, nu, wie = datum(op, "--datum"), vandaag(), common.auteur()
    m = _machine()
    plan = common.bewerk(ident, lambda p: mc.leg_melding_vast(
        p, datum=dag, notitie=schoon, geinformeerd=wie_weet, reactie=reactie_, door=wie,
        vandaag=nu, m=m, hulp=hulp_))
    _na_handeling(plan)


SpoorOptie = Annotated[int | None, typer.Option(
    "--spoor", metavar="N", min=1, help="Het spoor (1, 2, ...); standaard het nieuwste.")]


@meldcode_app.command("terugkoppeling")
def terugkoppeling(
    ident: IdArg,
    op: Annotated[str, typer.Option("--datum", metavar="JJJJ-MM-DD",
                                    help="Datum van de terugkoppeling.")],
    notitie: Annotated[str, typer.Option(
        help="Wat Veilig Thuis terugkoppelde: welke stappen het zet, afspraken met de school.")],
    spoor: SpoorOptie = None,
) -> None:
    """Leg de terugkoppeling van Veilig Thuis na een melding vast (de school blijft
    betrokken)."""
    from jeugdplan.domein import meldcode as mc

    schoon = tekst(notitie, "--notitie")
    dag, nu, wie = datum(op, "--datum"), vandaag(), common.auteur()
    m = _machine()
    common.bewerk(ident, lambda p: mc.leg_terugkoppeling_vast(
        p, datum=dag, notitie=schoon, door=wie, vandaag=nu, m=m, nummer=spoor))


@meldcode_app.command("annuleer")
def annuleer(
    ident: IdArg,
    reden: Annotated[str, typer.Option(help="Waarom het spoor per vergissing is gestart.")],
    op: DatumOptie = None,
) -> None:
    """Annuleer een per vergissing gestart spoor; het blijft met de reden in het dossier."""
    from jeugdplan.domein import meldcode as mc

    schoon = tekst(reden, "--reden")
    dag, nu, wie = datum(op, "--datum", vandaag()), vandaag(), common.auteur()
    m = _machine()
    plan = common.bewerk(ident, lambda p: mc.annuleer(
        p, reden=schoon, datum=dag, door=wie, vandaag=nu, m=m))
    _na_handeling(plan)


@meldcode_app.command("next")
def volgende(ident: IdArg, json: JsonOptie = False) -> None:
    """Wat moet er nu gebeuren: de stap, wat ontbreekt, de vraag, het besluit, de termijn."""
    from functools import partial

    advies = common.repo().afgeleid(ident, f"meldcode-next:{vandaag()}",
                                    partial(_volgende, peildatum=vandaag()))
    if json:
        common.print_json(advies.als_json())
        return
    _toon(advies)


def _volgende(plan: Plan, peildatum: date) -> Advies:
    from jeugdplan.domein.meldcode import volgende

    return volgende(plan, peildatum, _machine())


def _toon(a: Advies) -> None:
    spoor = f", spoor {a.spoor}" if a.spoor else ""
    regels = [f"{a.id}: meldcode {a.status}{spoor}"
              + (f" (gestart {a.gestart} door {a.door})" if a.gestart else "")]
    regels.append(f"Nu: {a.titel}")
    if a.vraag:
        regels.append(f"  Vraag {a.afweging}: {a.vraag}")
        for antwoord, uitkomst in a.antwoorden.items():
            regels.append(f"    {antwoord:8} -> {uitkomst}")
    if a.uitleg:
        regels.append(f"  {a.uitleg}")
    if a.ontbreekt:
        regels.append(f"  Ontbreekt: {', '.join(a.ontbreekt)}")
    if a.besluit:
        regels.append(f"  Besluit: {a.besluit}")
    if a.termijn:
        regels.append(f"  Termijn vraag 5: {a.termijn}"
                      + (" (VERSTREKEN)" if a.termijn_verstreken else ""))
    if a.terugkoppeling:
        regels.append(f"  Terugkoppeling van Veilig Thuis verwacht uiterlijk: {a.terugkoppeling}")
    if a.opdracht:
        regels.append(f"  Opdracht: {a.opdracht}")
    for w in a.waarschuwingen:
        regels.append(f"Let op: {w}")
    if a.andere_plicht is None:
        regels.append(f"Veilig Thuis: {a.veilig_thuis} (dag en nacht); bij twijfel altijd "
                      "raadplegen, ook anoniem.")
    typer.echo("\n".join(regels))


@meldcode_app.command("status")
def status(json: JsonOptie = False) -> None:
    """Alle lopende meldcodesporen in de repository (één per casus), verstreken termijnen
    eerst."""
    from jeugdplan.diensten.overzichten import meldcode_status_repo as status_repo

    onleesbaar: list[str] = []
    adviezen = status_repo(common.repo(), vandaag(), onleesbaar)
    if json:
        common.print_json([a.als_json() for a in adviezen])
    elif not adviezen:
        typer.echo("Geen lopende meldcodesporen.")
    for a in [] if json else adviezen:
        termijn = ""
        if a.termijn:
            termijn = f"  termijn {a.termijn}" + (" VERSTREKEN" if a.termijn_verstreken else "")
        typer.echo(f"{a.id}  spoor {a.spoor}  {a.titel}{termijn}")
    # Een onleesbaar plan kan een lopend spoor (met verstreken termijn) bevatten: exitcode 1.
    common.meld_onleesbaar(onleesbaar, "dit overzicht: een lopend spoor kan dus ontbreken")
    if onleesbaar:
        raise typer.Exit(1)


def report_meldcode(
    ident: IdArg,
    formaat: Annotated[str, typer.Option("--format", metavar="md|html",
                                         help="Uitvoerformaat.")] = "md",
    spoor: SpoorOptie = None,
) -> None:
    """Het meldcodedossier van een casus: elke stap met datum, auteur en aantekeningen
    (intern dossier), per spoor (standaard het nieuwste)."""
    from jeugdplan.domein.errors import GebruiksFout
    from jeugdplan.domein.meldcode import dossier
    from jeugdplan.rapporten import reports

    formaat = formaat.strip().lower()
    if formaat not in ("md", "html"):
        raise GebruiksFout(f"--format: kies md of html, niet {formaat[:20]!r}")
    r = common.repo()
    plan = r.lees(ident)
    ctx: dict[str, Any] = dossier(plan, vandaag(), _machine(), spoor)
    typer.echo(reports.render("meldcode", ctx, formaat, r.root), nl=False)


def registreer(app: typer.Typer) -> None:
    app.add_typer(meldcode_app, name="meldcode")
