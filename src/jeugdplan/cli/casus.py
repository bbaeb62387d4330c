"""Opdrachten voor de repository en de casus als geheel: init, new, show, list, agenda,
check, edit, close, log en demo."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import IdArg, JsonOptie, datum, meld, print_json, repo, vandaag
from jeugdplan.domein.errors import GebruiksFout
from jeugdplan.domein.taal import aantal

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.store import Repo


def init(
    pad: Annotated[Path, typer.Argument(metavar="PAD", help="Map voor de nieuwe casusrepository.")],
    regio: Annotated[str, typer.Option(metavar="NAAM", help="Regioregels (data/regio/NAAM.yaml).")
                     ] = "ijmond",
    organisatie: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Naam van school of samenwerkingsverband (afzender van rapporten).")
    ] = None,
    contact: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Telefoon of e-mail van de organisatie (afzender van rapporten).")
    ] = None,
) -> None:
    """Maak een nieuwe casusrepository (git, jeugdplan.yaml, casussen/, eerste commit)."""
    from jeugdplan.diensten.repository import maak_repository

    nieuw = maak_repository(pad, regio, common.optionele_tekst(organisatie, "--organisatie"),
                            common.optionele_tekst(contact, "--contact"))
    meld(f"casusrepository aangemaakt in {nieuw.root} (regio {nieuw.instellingen.regio})")
    meld(f"volgende stap: cd {pad} && jeugdplan new")


def instellingen(
    organisatie: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Naam van school of samenwerkingsverband (afzender van rapporten; "
        "leeg: weghalen).")] = None,
    contact: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Telefoon of e-mail van de organisatie (afzender van rapporten).")
    ] = None,
) -> None:
    """Toon of wijzig de instellingen van deze repository: de afzender van rapporten voor
    gemeente en Inspectie (organisatie, contact) en de regio."""
    r = repo()
    if organisatie is None and contact is None:
        i = r.instellingen
        typer.echo(f"organisatie: {i.organisatie or '(niet ingesteld)'}")
        typer.echo(f"contact:     {i.contact or '(niet ingesteld)'}")
        typer.echo(f"regio:       {i.regio}")
        return
    from jeugdplan.diensten.repository import zet_instellingen

    def schoon(waarde: str | None, optie: str) -> str | None:
        if waarde is None or not waarde.strip():
            return waarde if waarde is None else ""
        return common.tekst(waarde, optie)

    gewijzigd = zet_instellingen(r, {"organisatie": schoon(organisatie, "--organisatie"),
                                     "contact": schoon(contact, "--contact")})
    meld(f"instellingen gewijzigd: {', '.join(gewijzigd)}")


def new(
    voornaam: Annotated[str | None, typer.Option(metavar="NAAM", help="Voornaam van het kind.")
                        ] = None,
    achternaam: Annotated[str | None, typer.Option(metavar="NAAM",
                                                   help="Achternaam van het kind.")] = None,
    geboortedatum: Annotated[str | None, typer.Option(metavar="JJJJ-MM-DD",
                                                      help="Geboortedatum.")] = None,
    gemeente: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Woongemeente (woonplaatsbeginsel); een gemeente van de regio.")
    ] = None,
    school: Annotated[str | None, typer.Option(
        metavar="NAAM", help="School van het kind (leeg: op geen school ingeschreven).")
    ] = None,
    onderwijssoort: Annotated[str | None, common.code_optie(
        "onderwijssoorten", "SOORT", "po, sbo, so, vo, vso, pro of mbo.", "--onderwijssoort")
    ] = None,
    groep: Annotated[int | None, typer.Option(metavar="GETAL", help="Groep (po, sbo, so).")
                     ] = None,
    leerjaar: Annotated[int | None, typer.Option(metavar="GETAL",
                                                 help="Leerjaar (vo, vso, pro, mbo).")] = None,
    identiteit: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Gewenste identiteit van hulp, bijvoorbeeld reformatorisch.")
    ] = None,
    in_nederland_sinds: Annotated[str | None, typer.Option(
        "--in-nederland-sinds", metavar="JJJJ-MM-DD",
        help="Nieuwkomer: ingeschreven in een Nederlandse gemeente op deze datum (de "
             "leerplicht telt vanaf dan).")] = None,
    buiten_regio: Annotated[bool, typer.Option(
        "--buiten-regio", help="Het kind woont buiten de regio van deze repository (route kan "
        "dan niet adviseren).")] = False,
    toch: Annotated[bool, typer.Option("--toch", help="Maak het plan ook als er al een plan "
                                       "voor dit kind lijkt te bestaan, of als de leeftijd niet "
                                       "bij de onderwijssoort lijkt te passen.")] = False,
    json: JsonOptie = False,
) -> None:
    """Maak een nieuw integraal plan voor een kind (één kind, één plan)."""
    from jeugdplan.diensten.plannen import maak_plan
    from jeugdplan.diensten.regio import gemeente_in_regio, regio_van
    from jeugdplan.opslag.bronnen import gegevens

    r = repo()
    velden = {
        "voornaam": common.vraag_of_fout(voornaam, "--voornaam", "Voornaam van het kind"),
        "achternaam": common.vraag_of_fout(achternaam, "--achternaam", "Achternaam"),
        "geboortedatum": common.vraag_of_fout(geboortedatum, "--geboortedatum",
                                              "Geboortedatum (JJJJ-MM-DD)"),
        "gemeente": common.vraag_of_fout(gemeente, "--gemeente", "Woongemeente",
                                         None if buiten_regio else lambda: regio_van(r).gemeenten),
    }
    if school is None and common.interactief():
        school = typer.prompt("School (leeg: op geen school ingeschreven)", default="",
                              show_default=False, err=True) or None
    velden |= {
        "onderwijssoort": common.vraag_of_fout(onderwijssoort, "--onderwijssoort",
                                               "Onderwijssoort", lambda: list(
                                                   gegevens().codelijsten.codes("onderwijssoorten"))),
    }
    plan, pad = maak_plan(
        r,
        voornaam=common.tekst(velden["voornaam"], "--voornaam"),
        achternaam=common.tekst(velden["achternaam"], "--achternaam"),
        geboortedatum=datum(velden["geboortedatum"], "--geboortedatum"),
        gemeente=gemeente_in_regio(r, common.tekst(velden["gemeente"], "--gemeente"),
                                   buiten_regio),
        school=common.optionele_tekst(school, "--school"),
        onderwijssoort=common.code(velden["onderwijssoort"], "onderwijssoorten",
                                   "--onderwijssoort"),
        groep=groep, leerjaar=leerjaar,
        identiteit=common.optionele_tekst(identiteit, "--identiteit"),
        toch=toch, vandaag=vandaag(),
        in_nederland_sinds=common.optionele_datum(in_nederland_sinds, "--in-nederland-sinds"),
    )
    if json:
        print_json({"id": plan.id, "pad": r.relatief(pad)})
    else:
        typer.echo(plan.id)
        meld(f"plan aangemaakt: {r.relatief(pad)}")


def show(
    ident: IdArg,
    json: JsonOptie = False,
    op: Annotated[str | None, typer.Option(
        "--op", metavar="JJJJ-MM-DD", help="Toon het plan zoals het was op deze datum.")] = None,
) -> None:
    """Toon een plan, leesbaar of als JSON met dezelfde sleutels als de YAML."""
    from functools import partial

    r = repo()
    if op is not None:
        from jeugdplan.diensten.historie import plan_op

        plan = plan_op(r, ident, datum(op, "--op"))
        if json:
            print_json(plan.als_json_data())
        else:
            typer.echo(_plan_tekst(plan, repo=r, peildatum=vandaag()))
    elif json:
        print_json(r.afgeleid(ident, "show-json", _json_data))
    else:
        from jeugdplan.diensten.regio import kenmerk

        # Het resultaat hangt af van het plan, de peildatum, de schoolkalender (regio) en of
        # er vet mag; de code en `data/` zitten in de versie van de cache.
        soort = f"show:{vandaag()}|{kenmerk(r)}|{bool(os.environ.get('NO_COLOR'))}"
        typer.echo(r.afgeleid(ident, soort, partial(_plan_tekst, repo=r,
                                                    peildatum=vandaag())))


def _json_data(plan: Plan) -> Any:
    return plan.als_json_data()


def _plan_tekst(plan: Plan, repo: Repo, peildatum: date) -> str:
    from jeugdplan.cli.weergave import plan_tekst
    from jeugdplan.diensten.kalender import kalender_van
    from jeugdplan.opslag.bronnen import gegevens

    return plan_tekst(plan, peildatum, gegevens(), kalender_van(repo))


def list_(
    status: Annotated[str | None, common.keuze_optie(
        ("aangemeld", "actief", "afgesloten"), "STATUS",
        "Alleen casussen met deze status: aangemeld, actief of afgesloten.", "--status")
    ] = None,
    school: Annotated[str | None, typer.Option(metavar="NAAM", help="Alleen deze school.")
                      ] = None,
    gemeente: Annotated[str | None, typer.Option(metavar="NAAM", help="Alleen deze gemeente.")
                        ] = None,
    regie: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Alleen casussen waarin deze persoon de regie heeft.")] = None,
    mijn: Annotated[bool, typer.Option(
        "--mijn", help="Alleen casussen waarin u de regie heeft (uw naam in git).")] = False,
    json: JsonOptie = False,
) -> None:
    """Toon de casussen, met wat aandacht vraagt."""
    from jeugdplan.diensten.overzichten import overzicht_repo

    if mijn and regie is not None:
        raise GebruiksFout("geef --regie NAAM of --mijn, niet allebei")
    wie = common.auteur() if mijn else regie
    onleesbaar: list[str] = []
    regels = overzicht_repo(repo(), vandaag(), onleesbaar, status=status, school=school,
                            gemeente=gemeente, regie=wie)
    if json:
        print_json([r.als_json() for r in regels])
    else:
        from jeugdplan.cli.weergave import toon_lijst

        toon_lijst(regels)
    common.meld_onleesbaar(onleesbaar, "deze lijst")


def agenda(
    weken: Annotated[int, typer.Option(min=0, max=520, help="Zoveel weken vooruit.")] = 2,
    ics: Annotated[bool, typer.Option(
        "--ics", help="Als iCalendar-bestand (.ics) voor Outlook, Google of Apple Agenda: elke "
        "actie, evaluatie en termijn een afspraak op die dag. Zonder namen van kinderen.")
    ] = False,
    met_namen: Annotated[bool, typer.Option(
        "--met-namen", help="Met --ics: zet de naam van het kind in de afspraken (alleen voor "
        "een agenda die niemand anders ziet).")] = False,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="BESTAND", help="Met --ics: schrijf naar dit bestand (alleen leesbaar "
        "voor u, buiten de casusrepository) in plaats van naar het scherm.")] = None,
    overschrijf: common.OverschrijfOptie = False,
    json: JsonOptie = False,
) -> None:
    """Wat is over tijd of binnenkort aan de beurt: acties, evaluaties, OPP's, termijnen."""
    from jeugdplan.diensten.overzichten import agenda_repo

    if met_namen and not ics:
        raise GebruiksFout("--met-namen hoort bij --ics")
    if out is not None and not ics:
        raise GebruiksFout("--out hoort bij --ics")
    r, onleesbaar = repo(), list[str]()
    if out is not None:
        common.uitvoerpad(out, overschrijf)  # vóór het werk: geen map, niet in de repository
    punten = agenda_repo(r, vandaag(), weken, onleesbaar)
    if ics:
        from jeugdplan.diensten.overzichten import kinderen
        from jeugdplan.rapporten.ical import agenda_ics

        tekst = agenda_ics(punten, kinderen(r, {p.id for p in punten}), vandaag(),
                           met_namen=met_namen)
        if common.schrijf_uitvoer(tekst, out, overschrijf, crlf=True) is not None:
            meld(f"{aantal(len(punten), 'afspraak')} geschreven naar {out}; importeer dit "
                 "bestand in uw agenda")
    elif json:
        print_json([p.als_json() for p in punten])
    else:
        from jeugdplan.cli.weergave import toon_agenda

        toon_agenda(punten, weken)
    common.meld_onleesbaar(onleesbaar, "de agenda")


def check(
    ids: Annotated[list[str] | None, typer.Argument(metavar="[ID]...",
                                                    help="Alleen deze casussen.")] = None,
    strikt: Annotated[bool, typer.Option("--strikt", help="Ook waarschuwingen geven exitcode 1.")
                      ] = False,
    json: JsonOptie = False,
) -> None:
    """Controleer alle plannen: schema, onmogelijke feiten en wat aandacht vraagt."""
    from jeugdplan.diensten.controle import controleer_repository

    problemen = controleer_repository(repo(), ids, vandaag())
    fouten = [p for p in problemen if p.ernst == "fout"]
    ok = not fouten and not (strikt and problemen)
    if json:
        print_json({"ok": ok, "problemen": [p.als_dict() for p in problemen]})
    else:
        if problemen:
            typer.echo("\n".join(map(str, problemen)))
            meld(f"{aantal(len(fouten), 'fout')}, "
                 f"{aantal(len(problemen) - len(fouten), 'waarschuwing')}")
        else:
            meld("alle plannen in orde")
    if not ok:
        raise typer.Exit(1)


def edit(
    ident: IdArg,
    opnieuw: Annotated[bool, typer.Option(
        "--opnieuw", help="Gooi een bewaarde, onafgemaakte bewerking van deze casus weg en "
        "begin opnieuw bij het plan zoals het nu is.")] = False,
) -> None:
    """Bewerk een plan in $EDITOR; na opslaan wordt het gecontroleerd en vastgelegd."""
    from jeugdplan.cli import bewerken

    bewerken.edit(repo(), ident, opnieuw)


def close(
    ident: IdArg,
    reden: Annotated[str, typer.Option(metavar="TEKST",
                                       help="Waarom de casus wordt afgesloten.")],
    op: Annotated[str | None, typer.Option("--datum", metavar="JJJJ-MM-DD",
                                           help="Afsluitdatum (standaard vandaag).")] = None,
) -> None:
    """Sluit een casus af, met reden."""
    from jeugdplan.domein.bewerkingen import sluit

    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: sluit(p, reden=common.tekst(reden, "--reden"), datum=dag))


def heropen(
    ident: IdArg,
    reden: Annotated[str, typer.Option(metavar="TEKST",
                                       help="Waarom de casus weer open gaat (komt in het journaal).")],
    op: common.DatumOptie = None,
) -> None:
    """Heropen een afgesloten casus, met reden."""
    from jeugdplan.domein.bewerkingen import heropen as heropen_

    dag, wie = datum(op, "--datum", vandaag()), common.auteur()
    common.bewerk(ident, lambda p: heropen_(p, reden=common.tekst(reden, "--reden"), auteur=wie,
                                            datum=dag))


def samenvoegen(
    ident: IdArg,
    ander: Annotated[str, typer.Argument(
        metavar="ID2", help="Het tweede plan voor hetzelfde kind; het gaat op in ID.")],
    ja: Annotated[bool, typer.Option("--ja", help="Niet om bevestiging vragen.")] = False,
) -> None:
    """Voeg twee plannen voor hetzelfde kind samen (één kind, één plan): alles uit ID2 komt
    in ID, ID2 verdwijnt uit de werkmap; de geschiedenis van beide blijft ('jeugdplan log ID')."""
    from jeugdplan.diensten.plannen import voeg_samen
    from jeugdplan.domein.errors import JeugdplanError
    from jeugdplan.opslag.store import controleer_id

    r, een, twee = repo(), controleer_id(ident), controleer_id(ander)
    if not ja:
        if not common.interactief():
            raise JeugdplanError("samenvoegen vraagt om bevestiging en er is geen terminal; "
                                 "gebruik --ja als u het zeker weet. Er is niets veranderd")
        if not typer.confirm(f"Plan {twee} samenvoegen in {een} ({twee} verdwijnt)?",
                             default=False, err=True):
            raise JeugdplanError("afgebroken; er is niets veranderd")
    uitkomst = voeg_samen(r, een, twee, vandaag(), common.auteur())
    meld(f"{twee} is samengevoegd in {een} ({aantal(uitkomst.overgenomen, 'onderdeel')} "
         f"overgenomen); de geschiedenis van {twee} staat bij 'jeugdplan log {een}'")
    if uitkomst.afwijkend:
        meld(f"let op: in {twee} stond iets anders bij {', '.join(uitkomst.afwijkend)}; de waarden "
             f"van {een} zijn gebleven (zie het journaal; corrigeer zo nodig met 'jeugdplan kind "
             f"wijzig {een}')")


def log(ident: IdArg, json: JsonOptie = False) -> None:
    """De geschiedenis van een casus: wie, wanneer, en wat er per veld veranderde."""
    from jeugdplan.diensten.historie import geschiedenis

    versies = geschiedenis(repo(), ident)
    if json:
        print_json([v.als_json() for v in versies])
        return
    for v in versies:
        typer.echo(f"{v.datum}  {v.auteur}: {v.bericht}")
        for w in v.wijzigingen:
            typer.echo(f"    {w.tekst}")


def demo(
    pad: Annotated[Path | None, typer.Argument(
        metavar="[PAD]", help="Map voor de demo (standaard ./jeugdplan-demo); niet binnen een "
        "andere git-repository.")] = None,
) -> None:
    """Bouw een demorepository met fictieve casussen en laat zien wat jeugdplan doet."""
    from jeugdplan.cli.demo import draai_demo  # noqa: I001

    draai_demo(pad or Path("jeugdplan-demo"))


def registreer(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(instellingen)
    app.command()(new)
    app.command()(show)
    app.command("list")(list_)
    app.command()(agenda)
    app.command()(check)
    app.command()(edit)
    app.command()(close)
    app.command()(heropen)
    app.command()(samenvoegen)
    app.command()(log)
    app.command()(demo)
