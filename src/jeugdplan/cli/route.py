"""Verwijzen: `route` (advies en vastleggen), `verwijzing` (levensloop) en de groep `regio`.

Dunne opdrachten: ze lezen de argumenten, roepen `routing.route`, `verwijzing.*` of
`regio.laad_regio` aan en tonen het resultaat. Zware modules worden in de functies geladen.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import IdArg, JsonOptie, meld, nieuwe_app, print_json
from jeugdplan.domein.errors import GebruiksFout

if TYPE_CHECKING:
    from jeugdplan.domein.model import Plan
    from jeugdplan.domein.regio import Regio
    from jeugdplan.domein.routing import Uitkomst
    from jeugdplan.opslag.store import Repo

regio_app = nieuwe_app("Regioregels: welke partners, routes en verwijzers gelden (tonen, controleren).")

RegioOptie = Annotated[str | None, typer.Option(
    "--regio", metavar="NAAM",
    help="Alleen de meegeleverde regio NAAM (data/regio/NAAM.yaml), zonder casusrepository.")]


def _regio_van_repo() -> Regio:
    from jeugdplan.diensten.regio import regio_van

    return regio_van(common.repo())


def route(
    ident: IdArg,
    json: JsonOptie = False,
    apply: Annotated[int | None, typer.Option(
        "--apply", metavar="N", min=1,
        help="Leg advies N (1, 2, ...) vast als verwijzing in het plan (één commit).")] = None,
    zonder_toestemming: Annotated[str | None, typer.Option(
        "--zonder-toestemming", metavar="REDEN",
        help="Verwijs met --apply toch zonder geldige toestemming; de reden wordt vastgelegd.")
    ] = None,
) -> None:
    """Advies: welke partner nu betrekken, wat moet eerst, en waarom (volgens de regioregels)."""
    from jeugdplan.domein.routing import route as bereken
    from jeugdplan.opslag.bronnen import gegevens

    if zonder_toestemming is not None and apply is None:
        raise GebruiksFout("--zonder-toestemming hoort bij --apply N")
    reden = (common.tekst(zonder_toestemming, "--zonder-toestemming")
             if zonder_toestemming is not None else None)
    nu = common.vandaag()
    if apply is None:
        from functools import partial

        from jeugdplan.diensten.regio import kenmerk

        r = common.repo()
        # Het advies hangt af van het plan, de peildatum en de regioregels (`kenmerk`); code en
        # `data/` zitten in de versie van de cache.
        data, tekst = r.afgeleid(ident, f"route:{nu}|{kenmerk(r)}",
                                 partial(_advies, repo=r, peildatum=nu))
        if json:
            print_json(data)
        else:
            typer.echo(tekst)
        return
    from jeugdplan.domein.errors import JeugdplanError
    from jeugdplan.domein.taal import aantal
    from jeugdplan.domein.verwijzing import leg_vast

    regio = _regio_van_repo()
    door = common.auteur()
    g = gegevens()
    nummer = apply

    def wijzig(plan: Plan) -> str:
        uitkomst = bereken(plan, regio, nu, g)
        if nummer > len(uitkomst.adviezen):
            raise JeugdplanError(
                f"--apply {nummer}: er {'is' if len(uitkomst.adviezen) == 1 else 'zijn'} "
                f"{aantal(len(uitkomst.adviezen), 'advies')}; zie 'jeugdplan route {plan.id}'")
        return leg_vast(plan, uitkomst.adviezen[nummer - 1], nummer, vandaag=nu, door=door, g=g,
                        zonder_toestemming_reden=reden)

    plan = common.bewerk(ident, wijzig)
    nieuw = plan.verwijzingen[-1]
    if reden is not None and nieuw.toestemming_overruled is None:
        meld("let op: toestemming was aanwezig of niet nodig; --zonder-toestemming is niet "
             "vastgelegd")
    if json:
        print_json(nieuw.model_dump(mode="json", exclude_none=True))
    else:
        typer.echo(nieuw.id)


def _advies(plan: Plan, repo: Repo, peildatum: date) -> tuple[dict[str, Any], str]:
    """Het advies van `route` voor één plan: als JSON-gegevens en als tekst."""
    from jeugdplan.diensten.regio import regio_van
    from jeugdplan.domein.routing import route as bereken
    from jeugdplan.opslag.bronnen import gegevens

    g = gegevens()
    uitkomst = bereken(plan, regio_van(repo), peildatum, g)
    return uitkomst.als_dict(), _tekst(uitkomst, g.codelijsten.codes("rollen"))


def _tekst(u: Uitkomst, rollen: dict[str, str]) -> str:
    regels: list[str] = []
    echo = regels.append
    echo(f"Casus {u.id}: gemeente {u.gemeente} (regio {u.regio}), advies op {u.datum}")
    if u.voorwaarden:
        echo("\nEerst:")
        for v in u.voorwaarden:
            echo(f"  ! {v.code}: {v.melding}")
    if u.adviezen:
        echo("\nAdviezen:")
    for i, a in enumerate(u.adviezen, 1):
        kenmerken = []
        if a.verwijsbaar:
            kenmerken.append({"nodig": "toestemming nodig", "aanwezig": "toestemming aanwezig",
                              "niet-nodig": "geen toestemming nodig"}[a.toestemming])
        if a.onzeker:
            kenmerken.append("niet bevestigd")
        if a.al_betrokken:
            kenmerken.append("al betrokken")
        if a.lopende_verwijzing:
            kenmerken.append(f"loopt al: {a.lopende_verwijzing}")
        extra = f"  [{'; '.join(kenmerken)}]" if kenmerken else ""
        echo(f"  {i}. {rollen.get(a.rol, a.rol)}: {a.organisatie}{extra}")
        if a.contact:
            echo(f"     contact: {a.contact}")
        echo(f"     waarom:  {a.reden}")
        echo(f"     regel:   {a.regel} (bron: {a.bron})")
        if a.onzeker and a.waarom_onzeker:
            echo(f"     onzeker: {a.waarom_onzeker}")
        if a.alternatieven:
            echo(f"     ook:     {', '.join(a.alternatieven)}")
    if u.verwijzers:
        echo("\nVerwijzers voor specialistische jeugdhulp (niet vrij toegankelijk):")
        for w in u.verwijzers:
            echo(f"  - {w.naam}: {w.wanneer} (bron: {w.bron})")
    if any(a.verwijsbaar and not a.al_betrokken for a in u.adviezen):
        echo(f"\nVolg een advies op met: jeugdplan route {u.id} --apply N")
    return "\n".join(regels)


def verwijzing(
    ident: IdArg,
    vid: Annotated[str, typer.Argument(metavar="VERWIJZING",
                                       help="De verwijzing, bijvoorbeeld v1.")],
    status: Annotated[str | None, typer.Argument(
        metavar="STATUS", help="Nieuwe status: aangevraagd, geaccepteerd, afgewezen, gestart of "
        "afgerond.")] = None,
    reden: Annotated[str | None, typer.Option(
        "--reden", metavar="TEKST", help="Toelichting; verplicht bij afgewezen.")] = None,
    op: Annotated[str | None, typer.Option(
        "--datum", metavar="JJJJ-MM-DD", help="Datum van de stap (standaard vandaag).")] = None,
    status_optie: Annotated[str | None, typer.Option(
        "--status", hidden=True, help="Als STATUS (de vorm van eerdere versies).")] = None,
) -> None:
    """Zet een verwijzing een stap verder: voorgesteld -> aangevraagd -> geaccepteerd of
    afgewezen -> gestart -> afgerond."""
    from jeugdplan.domein.errors import GebruiksFout
    from jeugdplan.domein.verwijzing import wijzig_status

    if (status is None) == (status_optie is None):
        raise GebruiksFout("argument STATUS ontbreekt" if status is None else
                           "geef de status één keer (STATUS of --status)")
    nieuw: str = status or status_optie or ""

    nu = common.vandaag()
    dag = common.datum(op, "--datum", nu)
    toelichting = common.optionele_tekst(reden, "--reden")
    door = common.auteur()
    common.bewerk(ident, lambda p: wijzig_status(p, vid, nieuw, datum=dag, vandaag=nu,
                                                 door=door, reden=toelichting))


@regio_app.command("show")
def regio_show(json: JsonOptie = False, regio: RegioOptie = None) -> None:
    """Toon de geldende regioregels: gemeenten, partners, routes en verwijzers."""
    from jeugdplan.diensten.regio import laad_regio

    geladen = laad_regio(regio, None) if regio is not None else _regio_van_repo()
    if json:
        print_json({"sleutel": geladen.sleutel, "bestanden": geladen.bestanden,
                    **geladen.regels.model_dump(mode="json", exclude_none=True)})
        return
    _toon_regio(geladen)


def _toon_regio(g: Regio) -> None:
    r = g.regels
    echo = typer.echo
    echo(f"Regio {g.naam} ({', '.join(g.bestanden)})")
    if r.omschrijving:
        echo(f"  {r.omschrijving}")
    if r.bron:
        echo(f"  bron: {r.bron}")
    functies = sorted({f for rt in r.routes.values() for f in rt.functies}
                      | set(r.partners) | {f for x in r.per_gemeente.values() for f in x.partners})
    echo("\nGemeenten en partners:")
    for gemeente in g.gemeenten:
        echo(f"  {gemeente}")
        for functie in functies:
            koppelingen, _ = g.koppelingen(functie, gemeente)
            for k in koppelingen:
                org = r.organisaties[k.organisatie]
                onzeker = " (niet bevestigd)" if org.onzeker or k.onzeker else ""
                echo(f"    {functie}: {org.naam}{onzeker}")
    if r.scholen:
        echo("\nScholen met eigen afspraken:")
        for naam, s in r.scholen.items():
            for functie, koppelingen in s.partners.items():
                for k in koppelingen:
                    contact = k.contact or r.organisaties[k.organisatie].contact or "-"
                    echo(f"  {naam}: {functie}: {r.organisaties[k.organisatie].naam} "
                         f"(contact: {contact})")
    echo("\nRoutes (domein x zwaarte -> functie):")
    for naam, rt in r.routes.items():
        minimaal = f", minstens {rt.min_domeinen} domeinen" if rt.min_domeinen > 1 else ""
        echo(f"  {naam}: {', '.join(rt.domeinen)} x {', '.join(rt.zwaarte)}{minimaal} -> "
             f"{', '.join(rt.functies)} (bron: {rt.bron})")
    echo("\nOrganisaties:")
    for sleutel, org in r.organisaties.items():
        onzeker = f"; niet bevestigd: {org.waarom}" if org.onzeker else ""
        identiteit = f"; identiteit: {org.identiteit}" if org.identiteit else ""
        echo(f"  {sleutel}: {org.naam} ({org.rol}{identiteit}; bron: {org.bron}{onzeker})")
    echo("\nPrincipes:")
    for naam, p in r.principes.items():
        echo(f"  {naam}: {p.omschrijving} (bron: {p.bron})")
    if r.verwijzers:
        echo("\nVerwijzers:")
        for v in r.verwijzers:
            echo(f"  - {v.naam}: {v.wanneer} (bron: {v.bron})")


@regio_app.command("check")
def regio_check(regio: RegioOptie = None) -> None:
    """Controleer de regioregels (meegeleverd en de eigen regio.yaml), met bestand en regel."""
    from jeugdplan.diensten.regio import controleer
    from jeugdplan.domein.errors import JeugdplanError

    if regio is not None:
        problemen = controleer(regio, None)
    else:
        r = common.repo()
        problemen = controleer(r.instellingen.regio, r.root)
    for p in problemen:
        typer.echo(str(p))
    if problemen:
        from jeugdplan.domein.taal import aantal

        raise JeugdplanError(f"regioregels: {aantal(len(problemen), 'probleem')}")
    meld("regioregels in orde")


def registreer(app: typer.Typer) -> None:
    app.command("route")(route)
    app.command("verwijzing")(verwijzing)
    app.add_typer(regio_app, name="regio")
