"""`jeugdplan report ...`: rapportages uit Jinja-sjablonen (thuiszitters, plan, kwaliteit,
meldcode). Elke rapportage is een opdracht in `report_app`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import nieuwe_app
from jeugdplan.domein import taal
from jeugdplan.domein.errors import GebruiksFout

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.store import Repo

report_app = nieuwe_app("Rapportages: thuiszitters, het plandocument, kwaliteit, meldcodedossier.")

VOORTGANG_VANAF = 50
"""Vanaf zoveel plannen toont een rapport over alle plannen een voortgangsbalk (op een terminal)."""

OutOptie = Annotated[str | None, typer.Option(
    "--out", metavar="BESTAND",
    help="Schrijf naar dit bestand (atomair, alleen leesbaar voor u) in plaats van naar het scherm.")]
PerOptie = Annotated[str | None, typer.Option(
    "--per", metavar="school|gemeente", help="Groepeer de totalen per school of per gemeente.")]


def _keuze(waarde: str | None, opties: tuple[str, ...], optie: str) -> str | None:
    if waarde is None:
        return None
    schoon = waarde.strip().lower()
    if schoon not in opties:
        raise GebruiksFout(f"{optie}: onbekende waarde {waarde[:20]!r}; kies uit: {', '.join(opties)}")
    return schoon


def _toon_voortgang(out: str | None) -> bool:
    """Alleen op een terminal: niet als de uitvoer wordt doorgesluisd (tenzij naar --out)."""
    return sys.stderr.isatty() and (out is not None or sys.stdout.isatty())


def _plannen(r: Repo, out: str | None, wat: str,
             per_plan: tuple[str, Callable[[Plan], Any]] | None = None) -> list[Any]:
    """Alle geldige plannen via `Repo.lees_alle` (of, met `per_plan`, het per plan gecachte
    resultaat van een functie), met een voortgangsbalk op een terminal.

    Ongeldige plannen tellen niet mee; dat wordt gemeld, want een rapport voor de Inspectie
    moet volledig zijn.
    """
    ongeldig: list[str] = []

    def alle() -> Iterator[Any]:
        if per_plan is None:
            bron = r.lees_alle()
        else:
            from jeugdplan.opslag.inlezen import per_plan as cache_per_plan

            bron = cache_per_plan(r, *per_plan)
        for ident, waarde, _problemen in bron:
            if waarde is not None:
                yield waarde
            else:
                ongeldig.append(ident)

    if _toon_voortgang(out) and (aantal := len(r.ids())) >= VOORTGANG_VANAF:
        from rich.progress import track

        plannen = list(track(alle(), total=aantal, description=wat, transient=True,
                             console=common.console(stderr=True)))
    else:
        plannen = list(alle())
    if ongeldig:
        common.meld(f"let op: {taal.aantal(len(ongeldig), 'ongeldig plan', 'ongeldige plannen')} "
                    "niet meegeteld "
                    f"({', '.join(ongeldig[:5])}{', ...' if len(ongeldig) > 5 else ''}); "
                    "zie 'jeugdplan check'")
    return plannen


def _niet_later(dag: Any, optie: str) -> Any:
    """Een rapport geeft de stand op een dag die al geweest is: een datum in de toekomst zou
    een voorspelling lijken die het niet is (lopende afwezigheid telt gewoon door)."""
    from jeugdplan.domein.errors import JeugdplanError

    if dag > common.vandaag():
        raise JeugdplanError(f"{optie} {dag} ligt in de toekomst; een rapport geeft de stand op "
                             f"vandaag ({common.vandaag()}) of een eerdere dag")
    return dag


def _afzender(r: Repo) -> dict[str, Any]:
    """De afzender van een rapport voor gemeente of Inspectie: organisatie en contact uit
    jeugdplan.yaml, en de datum van vandaag."""
    i = r.instellingen
    if not i.organisatie:
        common.meld("let op: het rapport heeft geen afzender; stel die in met 'jeugdplan "
                    "instellingen --organisatie NAAM --contact TEKST'")
    return {"organisatie": i.organisatie, "contact": i.contact, "datum": common.vandaag()}


def _uitvoer(tekst: str, out: str | None, overschrijf: bool = False) -> None:
    if common.schrijf_uitvoer(tekst, out, overschrijf) is not None:
        common.meld(f"geschreven naar {out}")


def _json(data: Any, out: str | None) -> str:
    """JSON zoals bij elke opdracht: ingesprongen op een terminal, anders compact."""
    return common.json_tekst(data, naar_terminal=out is None) + "\n"


@report_app.command("thuiszitters")
def thuiszitters(
    peildatum: Annotated[str | None, typer.Option(
        metavar="JJJJ-MM-DD",
        help="De peildatum (standaard vandaag); een datum in het verleden geeft de stand op "
             "die dag.")] = None,
    formaat: Annotated[str, typer.Option(
        "--format", metavar="md|html|csv|json", help="Uitvoerformaat.")] = "md",
    out: OutOptie = None,
    overschrijf: common.OverschrijfOptie = False,
    per: PerOptie = None,
    per_leerling: Annotated[bool, typer.Option(
        "--per-leerling", help="Ook een regel per leerling (casus, categorie, sinds, school, "
                               "grond van een vrijstelling): INTERN, nooit voor de Inspectie of "
                               "de gemeente.")] = False,
    met_namen: Annotated[bool, typer.Option(
        "--met-namen", help="Per leerling ook naam en geboortedatum (intern; zet "
                            "--per-leerling aan).")] = False,
) -> None:
    """Thuiszitters op een peildatum: absoluut verzuim, langdurig relatief verzuim (4 weken
    tot 3 maanden, langer dan 3 maanden) en vrijstellingen apart, geteld in schooltijd.
    Standaard alleen aantallen (voor de Inspectie en de gemeente); met --per per school of
    gemeente, zonder aantallen die een kind kunnen aanwijzen."""
    fmt = _keuze(formaat, ("md", "html", "csv", "json"), "--format")
    groep = _keuze(per, ("school", "gemeente"), "--per")
    dag = _niet_later(common.datum(peildatum, "--peildatum", common.vandaag()), "--peildatum")
    from functools import partial

    from jeugdplan.diensten.kalender import kalender_van, kenmerk
    from jeugdplan.diensten.overzichten import thuiszitters_per_plan
    from jeugdplan.domein import thuiszitters as tz
    from jeugdplan.opslag.bronnen import gegevens
    from jeugdplan.opslag.cache import Cache

    r = common.repo()
    sleutel = kenmerk(r)
    resultaten = _plannen(r, out, "Plannen lezen", (
        f"thuiszitters:{dag}:{sleutel}",
        partial(thuiszitters_per_plan, peildatum=dag, repo=r, sleutel=sleutel)))
    with Cache(r.root) as cache:  # hangt alleen van data/ af (de versie van de cache)
        instellingen = cache.onthoud("thuiszitters-instellingen", b"",
                                     lambda: tz.instellingen(gegevens()))
    rapport = tz.rapport_uit(resultaten, dag, instellingen, per=groep,  # type: ignore[arg-type]
                             per_leerling=per_leerling or met_namen, met_namen=met_namen)
    if fmt == "json":
        tekst = _json(rapport.als_json(), out)
    else:
        from jeugdplan.rapporten.reports import render

        # De afzender staat op wat naar buiten gaat (niet op csv en de interne variant).
        afzender = _afzender(r) if fmt != "csv" and not rapport.per_leerling else None
        tekst = render("thuiszitters", {**rapport.context(gegevens(), kalender_van(r, sleutel)),
                                        "afzender": afzender}, str(fmt), r.root)
    _uitvoer(tekst, out, overschrijf)
    for waarschuwing in rapport.waarschuwingen:
        common.meld(f"let op: {waarschuwing}")


@report_app.command("plan")
def plan(
    ident: Annotated[str, typer.Argument(metavar="ID", help="Het casus-id.")],
    formaat: Annotated[str, typer.Option(
        "--format", metavar="md|html", help="Uitvoerformaat (html is klaar om af te drukken op A4).")
    ] = "md",
    out: OutOptie = None,
    overschrijf: common.OverschrijfOptie = False,
) -> None:
    """Het plan als document voor een gesprek met ouders, in gewone taal (met namen: geef het
    alleen aan de ouders, de jongere en de betrokkenen)."""
    fmt = _keuze(formaat, ("md", "html"), "--format")
    from jeugdplan.diensten.kalender import kalender_van
    from jeugdplan.opslag.bronnen import gegevens
    from jeugdplan.rapporten.plandocument import context
    from jeugdplan.rapporten.reports import render

    r = common.repo()
    geladen = r.laad(ident)
    _uitvoer(render("plan", context(geladen.plan, common.vandaag(), gegevens(), kalender_van(r)),
                    str(fmt), r.root), out, overschrijf)


@report_app.command("kwaliteit")
def kwaliteit(
    van: Annotated[str | None, typer.Option(
        metavar="JJJJ-MM-DD", help="Begin van de periode (standaard een jaar vóór --tot).")] = None,
    tot: Annotated[str | None, typer.Option(
        metavar="JJJJ-MM-DD", help="Einde van de periode, inclusief (standaard vandaag).")] = None,
    per: PerOptie = None,
    formaat: Annotated[str, typer.Option(
        "--format", metavar="md|html|json", help="Uitvoerformaat.")] = "md",
    out: OutOptie = None,
    overschrijf: common.OverschrijfOptie = False,
) -> None:
    """Kwaliteitsindicatoren (alleen totalen): casussen, tijd van signaal tot eerste hulp,
    lichte en specialistische hulp, doelen, regie en eigen kijk, wat over tijd is,
    meldcodesporen en thuiszitters per kwartaal. Met --per gaan kleine groepen samen."""
    fmt = _keuze(formaat, ("md", "html", "json"), "--format")
    groep = _keuze(per, ("school", "gemeente"), "--per")
    from datetime import timedelta

    eind = _niet_later(common.datum(tot, "--tot", common.vandaag()), "--tot")
    begin = common.datum(van, "--van", _jaar_eerder(eind) + timedelta(days=1))
    if begin > eind:
        from jeugdplan.domein.errors import JeugdplanError

        raise JeugdplanError(f"--van ({begin}) ligt na --tot ({eind})")
    from functools import partial

    from jeugdplan.diensten.kalender import kenmerk
    from jeugdplan.diensten.overzichten import kwaliteit_per_plan
    from jeugdplan.domein import kwaliteit as kw
    from jeugdplan.opslag.bronnen import gegevens
    from jeugdplan.opslag.cache import Cache

    r = common.repo()
    sleutel = kenmerk(r)  # de regiobestanden: schoolkalender en indeling van de hulp
    bijdragen = _plannen(r, out, "Plannen lezen", (
        f"kwaliteit:{begin}:{eind}:{sleutel}",
        partial(kwaliteit_per_plan, van=begin, tot=eind, repo=r, sleutel=sleutel)))
    with Cache(r.root) as cache:  # hangt alleen van data/ af (de versie van de cache)
        drempel = cache.onthoud("kwaliteit-drempel", b"",
                                lambda: gegevens().kwaliteit.kleine_groep.drempel)
    data = kw.rapport_uit(bijdragen, begin, eind, drempel, per=groep)  # type: ignore[arg-type]
    if fmt == "json":
        tekst = _json(data, out)
    else:
        from jeugdplan.rapporten.reports import render

        tekst = render("kwaliteit", {**kw.context(data), "afzender": _afzender(r)}, str(fmt),
                       r.root)
    _uitvoer(tekst, out, overschrijf)


def _jaar_eerder(dag: Any) -> Any:
    from jeugdplan.domein.verzuim import verjaardag

    return verjaardag(dag, -1)


def registreer(app: typer.Typer) -> None:
    from jeugdplan.cli.meldcode import report_meldcode

    report_app.command("meldcode")(report_meldcode)  # het dossier staat bij de meldcode
    app.add_typer(report_app, name="report")
