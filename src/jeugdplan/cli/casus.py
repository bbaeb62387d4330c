"""Opdrachten voor de repository en de casus als geheel: init, new, show, list, agenda,
check, edit, close, log en demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import IdArg, JsonOptie, datum, meld, print_json, repo, vandaag


def init(
    pad: Annotated[Path, typer.Argument(help="Map voor de nieuwe casusrepository.")],
    regio: Annotated[str, typer.Option(help="Regioregels (data/regio/<regio>.yaml).")] = "ijmond",
    organisatie: Annotated[str | None, typer.Option(help="Naam van school of SWV.")] = None,
) -> None:
    """Maak een nieuwe casusrepository (git, jeugdplan.yaml, casussen/, eerste commit)."""
    from jeugdplan.diensten.repository import maak_repository

    nieuw = maak_repository(pad, regio, organisatie)
    meld(f"casusrepository aangemaakt in {nieuw.root} (regio {nieuw.instellingen.regio})")
    meld(f"volgende stap: cd {pad} && jeugdplan new")


def new(
    voornaam: Annotated[str | None, typer.Option(help="Voornaam van het kind.")] = None,
    achternaam: Annotated[str | None, typer.Option(help="Achternaam van het kind.")] = None,
    geboortedatum: Annotated[str | None, typer.Option(help="JJJJ-MM-DD.")] = None,
    gemeente: Annotated[str | None, typer.Option(help="Woongemeente (woonplaatsbeginsel).")] = None,
    school: Annotated[str | None, typer.Option(
        help="School van het kind (leeg: op geen school ingeschreven).")] = None,
    onderwijssoort: Annotated[
        str | None, typer.Option(help="po, sbo, so, vo, vso, pro of mbo.")] = None,
    groep: Annotated[int | None, typer.Option(help="Groep 1-8 (po).")] = None,
    leerjaar: Annotated[int | None, typer.Option(help="Leerjaar 1-6 (vo, mbo).")] = None,
    identiteit: Annotated[
        str | None, typer.Option(help="Gewenste identiteit van hulp, bijvoorbeeld 'reformatorisch'.")] = None,
    in_nederland_sinds: Annotated[str | None, typer.Option(
        "--in-nederland-sinds", metavar="JJJJ-MM-DD",
        help="Nieuwkomer: ingeschreven in een Nederlandse gemeente op deze datum (de "
             "leerplicht telt vanaf dan).")] = None,
    toch: Annotated[bool, typer.Option("--toch", help="Maak het plan ook als er al een plan "
                                       "voor dit kind lijkt te bestaan.")] = False,
    json: JsonOptie = False,
) -> None:
    """Maak een nieuw integraal plan voor een kind (één kind, één plan)."""
    from jeugdplan.diensten.plannen import maak_plan

    velden = {
        "voornaam": common.vraag_of_fout(voornaam, "--voornaam", "Voornaam van het kind"),
        "achternaam": common.vraag_of_fout(achternaam, "--achternaam", "Achternaam"),
        "geboortedatum": common.vraag_of_fout(geboortedatum, "--geboortedatum",
                                              "Geboortedatum (JJJJ-MM-DD)"),
        "gemeente": common.vraag_of_fout(gemeente, "--gemeente", "Woongemeente"),
    }
    if school is None and common.interactief():
        school = typer.prompt("School (leeg: op geen school ingeschreven)", default="",
                              show_default=False) or None
    velden |= {
        "onderwijssoort": common.vraag_of_fout(onderwijssoort, "--onderwijssoort",
                                               "Onderwijssoort (po/sbo/so/vo/vso/pro/mbo)"),
    }
    r = repo()
    plan, pad = maak_plan(
        r,
        voornaam=common.tekst(velden["voornaam"], "--voornaam"),
        achternaam=common.tekst(velden["achternaam"], "--achternaam"),
        geboortedatum=datum(velden["geboortedatum"], "--geboortedatum"),
        gemeente=common.tekst(velden["gemeente"], "--gemeente"),
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
        "--op", help="Toon het plan zoals het was op deze datum (JJJJ-MM-DD).")] = None,
) -> None:
    """Toon een plan, leesbaar of als JSON met dezelfde sleutels als de YAML."""
    r = repo()
    if op is not None:
        from jeugdplan.diensten.historie import plan_op

        plan = plan_op(r, ident, datum(op, "--op"))
    else:
        plan = r.lees(ident)
    if json:
        print_json(plan.als_json_data())
        return
    from jeugdplan.cli.weergave import toon_plan
    from jeugdplan.diensten.kalender import kalender_van
    from jeugdplan.opslag.bronnen import gegevens

    toon_plan(plan, vandaag(), gegevens(), kalender_van(r))


def list_(
    status: Annotated[str | None, typer.Option(help="aangemeld, actief of afgesloten.")] = None,
    school: Annotated[str | None, typer.Option(help="Alleen deze school.")] = None,
    gemeente: Annotated[str | None, typer.Option(help="Alleen deze gemeente.")] = None,
    json: JsonOptie = False,
) -> None:
    """Toon de casussen, met wat aandacht vraagt."""
    from jeugdplan.diensten.overzichten import overzicht_repo

    onleesbaar: list[str] = []
    regels = overzicht_repo(repo(), vandaag(), onleesbaar, status=status, school=school,
                            gemeente=gemeente)
    if json:
        print_json([r.als_json() for r in regels])
    else:
        from jeugdplan.cli.weergave import toon_lijst

        toon_lijst(regels)
    common.meld_onleesbaar(onleesbaar, "deze lijst")


def agenda(
    weken: Annotated[int, typer.Option(min=0, max=520, help="Zoveel weken vooruit.")] = 2,
    json: JsonOptie = False,
) -> None:
    """Wat is over tijd of binnenkort aan de beurt: acties, evaluaties, OPP's, termijnen."""
    from jeugdplan.diensten.overzichten import agenda_repo

    onleesbaar: list[str] = []
    punten = agenda_repo(repo(), vandaag(), weken, onleesbaar)
    if json:
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
        for p in problemen:
            typer.echo(str(p))
        aantal_w = len(problemen) - len(fouten)
        if problemen:
            meld(f"{len(fouten)} fout(en), {aantal_w} waarschuwing(en)")
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
    reden: Annotated[str, typer.Option(help="Waarom de casus wordt afgesloten.")],
    op: Annotated[str | None, typer.Option("--datum", help="Afsluitdatum (standaard vandaag).")
                  ] = None,
) -> None:
    """Sluit een casus af, met reden."""
    from jeugdplan.domein.bewerkingen import sluit

    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: sluit(p, reden=common.tekst(reden, "--reden"), datum=dag))


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
    pad: Annotated[Path | None, typer.Argument(help="Map voor de demo (standaard "
                                               "./jeugdplan-demo).")] = None,
) -> None:
    """Bouw een demorepository met fictieve casussen en laat zien wat jeugdplan doet."""
    from jeugdplan.cli.demo import draai_demo  # noqa: I001

    draai_demo(pad or Path("jeugdplan-demo"))


def registreer(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(new)
    app.command()(show)
    app.command("list")(list_)
    app.command()(agenda)
    app.command()(check)
    app.command()(edit)
    app.command()(close)
    app.command()(log)
    app.command()(demo)
