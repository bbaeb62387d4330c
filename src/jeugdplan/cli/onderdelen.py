"""Opdrachten voor de onderdelen van een plan: toevoegen (`add`), corrigeren (`wijzig`) en
verwijderen (`verwijder`, met reden), voor gezin, signalen, gesprekken met ouders,
toestemmingen, betrokkenen, krachten, zorgen, netwerk, doelen, acties, jeugdhulp, evaluaties
en journaal; en het kind, de ondersteuning op school en de zienswijze. Elke opdracht is één
git-commit.

Eén vorm voor alles: `jeugdplan GROEP WERKWOORD ID [ONDERDEEL] --optie waarde`. Het casus-id
en het onderdeel (`o1`, `s2`, `d1`) staan vooraan; wat u vastlegt geeft u met opties.
`--wis VELD` maakt een veld leeg; `--reden` bij verwijderen komt in het journaal.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jeugdplan.cli import common
from jeugdplan.cli.common import (
    DatumOptie,
    IdArg,
    code_optie,
    datum,
    nieuwe_app,
    optionele_datum,
    optionele_tekst,
    tekst,
    vandaag,
)


class _Lui:
    """`b.functie` laadt `jeugdplan.domein.bewerkingen` (en daarmee pydantic) pas als een opdracht
    draait: `--help` en het opstarten blijven snel (issue 6)."""

    def __getattr__(self, naam: str) -> Any:
        from jeugdplan.domein import bewerkingen

        return getattr(bewerkingen, naam)


b = _Lui()

# --- gedeelde opties ------------------------------------------------------------------------

RedenOptie = Annotated[str, typer.Option(
    "--reden", metavar="TEKST", help="Waarom dit weg moet; komt in het journaal van de casus.")]
WisOptie = Annotated[list[str] | None, typer.Option(
    "--wis", metavar="VELD", help="Maak dit veld leeg (herhaal voor meer velden).")]
Tekst = Annotated[str, typer.Option(metavar="TEKST")]
NaamOptie = Annotated[str | None, typer.Option("--naam", metavar="NAAM", help="De naam.")]
ContactOptie = Annotated[str | None, typer.Option(
    "--contact", metavar="TEKST", help="Telefoon of e-mail.")]


def onderdeel_arg(metavar: str, voorbeeld: str) -> Any:
    return typer.Argument(metavar=metavar, help=f"Het id van het onderdeel, bijvoorbeeld "
                          f"{voorbeeld} (zie 'jeugdplan show ID').")


def _datum(help: str, naam: str) -> Any:
    return typer.Option(naam, metavar="JJJJ-MM-DD", help=help)


def wijzig_onderdeel(ident: str, sleutel: str, onderdeel: str, velden: dict[str, Any],
            wis: list[str] | None, namen: dict[str, str] | None = None) -> None:
    """Eén onderdeel corrigeren: alleen wat is opgegeven verandert. `namen`: optienaam ->
    veldnaam voor `--wis` (`evaluatie` -> `evaluatiedatum`)."""
    from jeugdplan.domein import onderdelen

    gegeven = {k: v for k, v in velden.items() if v is not None}
    leeg = [(namen or {}).get(w.strip().lower().lstrip("-"), w.strip().lower().lstrip("-"))
            for w in wis or []]
    nu = vandaag()
    common.bewerk(ident, lambda p: onderdelen.wijzig(p, sleutel, onderdeel, gegeven, leeg, nu))


def verwijder_onderdeel(ident: str, sleutel: str, onderdeel: str, reden: str) -> None:
    from jeugdplan.domein import onderdelen

    waarom, wie, nu = tekst(reden, "--reden"), common.auteur(), vandaag()
    common.bewerk(ident, lambda p: onderdelen.verwijder(p, sleutel, onderdeel, waarom, wie, nu))


def voeg_toe(ident: str, sleutel: str, klasse: str, **velden: Any) -> None:
    """Een nieuw onderdeel met het volgende id (`k3`, `n2`, `h1`)."""
    from jeugdplan.domein.onderdelen import LIJSTEN, lijst_van, niet_afgesloten

    def toevoegen(plan: Any) -> str:
        from jeugdplan.domein import model

        niet_afgesloten(plan)
        item = model.voeg_toe(lijst_van(plan, sleutel), getattr(model, klasse), **velden)
        return f"{LIJSTEN[sleutel].naam} {item.id} toegevoegd"

    common.bewerk(ident, toevoegen)


def _groep(naam: str, help: str) -> typer.Typer:
    app = nieuwe_app(help)
    GROEPEN[naam] = app
    return app


GROEPEN: dict[str, typer.Typer] = {}
"""Naam -> groep, in de volgorde van registreren."""

kind = _groep("kind", "Het kind: naam, geboortedatum, gemeente, school, groep of leerjaar.")
gezin = _groep("gezin", "Het gezin: ouders en verzorgers, en wie het gezag heeft.")
signaal = _groep("signaal", "Signalen: wat is er gezien of gehoord (feiten, met bron en domein).")
ouders = _groep("ouders", "Ouders: vastleggen dat de zorgen met de ouders zijn besproken.")
toestemming = _groep("toestemming", "Toestemming om gegevens te delen: geven, intrekken, "
                     "corrigeren.")
betrokkene = _groep("betrokkene", "Betrokken professionals en wie de regie heeft.")
kracht = _groep("kracht", "Krachten: wat gaat goed, waar is het kind trots op.")
zorg = _groep("zorg", "Zorgen: waar maken school, ouders en hulp zich zorgen over.")
netwerk = _groep("netwerk", "Het netwerk: familie, buren en anderen die steunen.")
doel = _groep("doel", "Doelen van het plan, met eigenaar en evaluatiedatum.")
actie = _groep("actie", "Acties: wie doet wat wanneer.")
jeugdhulp = _groep("jeugdhulp", "Jeugdhulp: welke hulp, door wie, sinds en tot wanneer.")
evaluatie = _groep("evaluatie", "Evaluaties van het plan en zijn doelen.")
journaal = _groep("journaal", "Het journaal: korte aantekeningen bij de casus.")


# --- gezin ----------------------------------------------------------------------------------

GezagOptie = Annotated[bool | None, typer.Option(
    "--gezag/--geen-gezag", help="Heeft deze persoon ouderlijk gezag (bepaalt wie toestemming "
    "geeft)?")]
GezagOnbekendOptie = Annotated[bool, typer.Option(
    "--gezag-onbekend", help="Nog niet bekend of deze persoon gezag heeft (toestemming is dan "
    "niet volledig).")]


def _gezag(gezag: bool | None, onbekend: bool) -> bool | str | None:
    if onbekend and gezag is not None:
        from jeugdplan.domein.errors import GebruiksFout

        raise GebruiksFout("kies --gezag, --geen-gezag of --gezag-onbekend, niet meer dan één")
    return "onbekend" if onbekend else gezag


@gezin.command("add")
def gezin_add(
    ident: IdArg,
    naam: Annotated[str, typer.Option(metavar="NAAM", help="Naam van de ouder of verzorger.")],
    relatie: Annotated[str, typer.Option(
        metavar="TEKST", help="Bijvoorbeeld moeder, vader, pleegouder, voogd.")],
    gezag: GezagOptie = None,
    gezag_onbekend: GezagOnbekendOptie = False,
    contact: ContactOptie = None,
) -> None:
    """Voeg een ouder of verzorger toe (gezag bepaalt wie toestemming geeft; standaard: met
    gezag)."""
    waarde = _gezag(gezag, gezag_onbekend)
    common.bewerk(ident, lambda p: b.voeg_opvoeder_toe(
        p, naam=tekst(naam, "--naam"), relatie=tekst(relatie, "--relatie"),
        gezag=True if waarde is None else waarde, contact=optionele_tekst(contact, "--contact")))


@gezin.command("wijzig")
def gezin_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("LID", "o1")],
    naam: NaamOptie = None,
    relatie: Annotated[str | None, typer.Option(metavar="TEKST", help="De relatie.")] = None,
    gezag: GezagOptie = None,
    gezag_onbekend: GezagOnbekendOptie = False,
    contact: ContactOptie = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een gezinslid (bijvoorbeeld het gezag of het contact)."""
    wijzig_onderdeel(ident, "gezin", onderdeel, {
        "naam": optionele_tekst(naam, "--naam"), "relatie": optionele_tekst(relatie, "--relatie"),
        "gezag": _gezag(gezag, gezag_onbekend), "contact": optionele_tekst(contact, "--contact")},
        wis)


@gezin.command("verwijder")
def gezin_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("LID", "o2")],
                    reden: RedenOptie) -> None:
    """Verwijder een gezinslid (bijvoorbeeld dubbel ingevoerd), met reden."""
    verwijder_onderdeel(ident, "gezin", onderdeel, reden)


# --- signalen -------------------------------------------------------------------------------

DomeinOptie = code_optie("domeinen", "DOMEIN", "Domein, bijvoorbeeld gedrag, thuis, veiligheid.",
                         "--domein")
ZwaarteOptie = code_optie("zwaarte", "ZWAARTE", "licht, complex, specialistisch of acuut.",
                          "--zwaarte")
BronOptie = code_optie("bronnen", "BRON", "Wie signaleerde: leerkracht, ouder, kind, ...",
                       "--bron")


@signaal.command("add")
def signaal_add(
    ident: IdArg,
    domein: Annotated[str, DomeinOptie],
    omschrijving: Annotated[str, typer.Option(metavar="TEKST",
                                              help="Wat is er gezien of gehoord (feiten).")],
    zwaarte: Annotated[str, ZwaarteOptie] = "licht",
    bron: Annotated[str, BronOptie] = "leerkracht",
    interpretatie: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Duiding, apart van de feiten.")] = None,
    op: DatumOptie = None,
) -> None:
    """Voeg een signaal toe aan het plan."""
    velden: dict[str, Any] = {
        "domein": domein, "zwaarte": zwaarte, "bron": bron,
        "omschrijving": tekst(omschrijving, "--omschrijving"),
        "interpretatie": optionele_tekst(interpretatie, "--interpretatie"),
    }
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    plan = common.bewerk(ident, lambda p: b.voeg_signaal_toe(p, datum=dag, vandaag=nu, **velden))
    _let_op(domein, zwaarte, plan.id)


def _let_op(domein: str | None, zwaarte: str | None, ident: str) -> None:
    """Acuut gevaar: wat eerst moet; een veiligheidssignaal: de meldcode."""
    if zwaarte == "acuut":
        from jeugdplan.opslag.bronnen import gegevens

        common.meld("LET OP: " + " ".join(gegevens().crisis.voorwaarde.split())
                    + f" Zie 'jeugdplan route {ident}'.")
    if domein in ("veiligheid", "grensoverschrijdend-personeel"):
        common.meld(f"let op: dit is een veiligheidssignaal; zie 'jeugdplan meldcode next {ident}'")


@signaal.command("wijzig")
def signaal_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("SIGNAAL", "s1")],
    domein: Annotated[str | None, DomeinOptie] = None,
    zwaarte: Annotated[str | None, ZwaarteOptie] = None,
    bron: Annotated[str | None, BronOptie] = None,
    omschrijving: Annotated[str | None, typer.Option(metavar="TEKST", help="De feiten.")] = None,
    interpretatie: Annotated[str | None, typer.Option(metavar="TEKST", help="De duiding.")
                             ] = None,
    op: Annotated[str | None, _datum("Datum van het signaal.", "--datum")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een signaal (bijvoorbeeld de zwaarte of het domein)."""
    wijzig_onderdeel(ident, "signalen", onderdeel, {
        "domein": domein, "zwaarte": zwaarte, "bron": bron,
        "omschrijving": optionele_tekst(omschrijving, "--omschrijving"),
        "interpretatie": optionele_tekst(interpretatie, "--interpretatie"),
        "datum": optionele_datum(op, "--datum")}, wis)
    _let_op(domein, zwaarte, ident.upper())


@signaal.command("verwijder")
def signaal_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("SIGNAAL", "s2")],
                      reden: RedenOptie) -> None:
    """Verwijder een signaal (bijvoorbeeld bij de verkeerde casus ingevoerd), met reden."""
    verwijder_onderdeel(ident, "signalen", onderdeel, reden)


# --- ouders ---------------------------------------------------------------------------------

@ouders.command("informeer")
def ouders_informeer(
    ident: IdArg,
    op: DatumOptie = None,
    door: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Wie sprak de ouders (standaard u).")] = None,
    notitie: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Hoe reageerden de ouders?")] = None,
) -> None:
    """Leg vast dat de zorgen met de ouders zijn besproken (ouders eerst)."""
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    wie = tekst(door, "--door") if door is not None else common.auteur()
    common.bewerk(ident, lambda p: b.informeer_ouders(
        p, datum=dag, door=wie, notitie=optionele_tekst(notitie, "--notitie"), vandaag=nu))


@ouders.command("wijzig")
def ouders_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("GESPREK", "g1")],
    op: Annotated[str | None, _datum("Datum van het gesprek.", "--datum")] = None,
    door: Annotated[str | None, typer.Option(metavar="NAAM", help="Wie sprak de ouders.")
                    ] = None,
    notitie: Annotated[str | None, typer.Option(metavar="TEKST", help="De reactie.")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een vastgelegd gesprek met de ouders."""
    wijzig_onderdeel(ident, "ouders_geinformeerd", onderdeel, {
        "datum": optionele_datum(op, "--datum"), "door": optionele_tekst(door, "--door"),
        "notitie": optionele_tekst(notitie, "--notitie")}, wis)


@ouders.command("verwijder")
def ouders_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("GESPREK", "g1")],
                     reden: RedenOptie) -> None:
    """Verwijder een vastgelegd gesprek met de ouders, met reden."""
    verwijder_onderdeel(ident, "ouders_geinformeerd", onderdeel, reden)


# --- toestemming ----------------------------------------------------------------------------

@toestemming.command("add")
def toestemming_add(
    ident: IdArg,
    partij: Annotated[str, typer.Option(metavar="NAAM",
                                        help="Met wie gegevens gedeeld mogen worden.")],
    door: Annotated[list[str], typer.Option(
        metavar="NAAM", help="Wie gaf toestemming (herhaal voor meer personen).")],
    doel_: Annotated[str | None, typer.Option("--doel", metavar="TEKST", help="Waarvoor.")
                     ] = None,
    op: DatumOptie = None,
) -> None:
    """Leg toestemming vast om gegevens met een partij te delen."""
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    namen = [tekst(d, "--door") for d in door]
    plan = common.bewerk(ident, lambda p: b.geef_toestemming(
        p, partij=tekst(partij, "--partij"), door=namen,
        doel=optionele_tekst(doel_, "--doel"), datum=dag, vandaag=nu))
    from jeugdplan.domein.toestemming import is_geldig, vereist
    from jeugdplan.opslag.bronnen import gegevens

    laatste, g = plan.toestemmingen[-1], gegevens()
    if not is_geldig(plan, laatste, nu, g):
        nodig = vereist(plan, dag, g)
        common.meld(f"let op: nodig is toestemming van {nodig.omschrijving}; de toestemming "
                    f"is nog niet volledig.{nodig.aanwijzing(plan.id)}")


@toestemming.command("intrekken")
def toestemming_intrekken(
    ident: IdArg,
    onderdeel: Annotated[str | None, typer.Argument(
        metavar="[TOESTEMMING]", help="Het id van de toestemming, bijvoorbeeld t1.")] = None,
    partij: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Of: alle toestemmingen voor deze partij.")] = None,
    op: DatumOptie = None,
) -> None:
    """Trek een toestemming in (op id, of alle toestemmingen voor een partij)."""
    if (onderdeel is None) == (partij is None):
        from jeugdplan.domein.errors import GebruiksFout

        raise GebruiksFout("geef de toestemming (bijvoorbeeld t1) of --partij, niet allebei")
    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: b.trek_toestemming_in(p, partij=partij, ident=onderdeel,
                                                         datum=dag))


@toestemming.command("wijzig")
def toestemming_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("TOESTEMMING", "t1")],
    partij: Annotated[str | None, typer.Option(metavar="NAAM", help="De partij.")] = None,
    doel_: Annotated[str | None, typer.Option("--doel", metavar="TEKST", help="Waarvoor.")
                     ] = None,
    door: Annotated[list[str] | None, typer.Option(
        metavar="NAAM", help="Wie gaf toestemming (herhaal; vervangt de lijst).")] = None,
    op: Annotated[str | None, _datum("Datum van de toestemming.", "--datum")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een toestemming (partij, doel, wie, datum)."""
    wijzig_onderdeel(ident, "toestemmingen", onderdeel, {
        "partij": optionele_tekst(partij, "--partij"), "doel": optionele_tekst(doel_, "--doel"),
        "gegeven_door": [tekst(d, "--door") for d in door] if door else None,
        "datum": optionele_datum(op, "--datum")}, wis, {"door": "gegeven_door"})


@toestemming.command("verwijder")
def toestemming_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("TOESTEMMING",
                                                                             "t1")],
                          reden: RedenOptie) -> None:
    """Verwijder een toestemming die ten onrechte is vastgelegd, met reden (intrekken door
    ouders of jongere: 'toestemming intrekken')."""
    verwijder_onderdeel(ident, "toestemmingen", onderdeel, reden)


# --- betrokkenen ----------------------------------------------------------------------------

RolOptie = code_optie("rollen", "ROL", "Rol, bijvoorbeeld jmw, cjg-coach, ib, ggd.", "--rol")


@betrokkene.command("add")
def betrokkene_add(
    ident: IdArg,
    rol: Annotated[str, RolOptie],
    naam: Annotated[str, typer.Option(metavar="NAAM", help="Naam van de professional.")],
    organisatie: Annotated[str | None, typer.Option(metavar="NAAM", help="Organisatie.")
                           ] = None,
    contact: ContactOptie = None,
    regie: Annotated[bool, typer.Option("--regie", help="Deze persoon heeft de regie.")] = False,
    op: DatumOptie = None,
) -> None:
    """Voeg een betrokken professional toe (met --regie: ook regiehouder)."""
    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: b.voeg_betrokkene_toe(
        p, rol=rol, naam=tekst(naam, "--naam"),
        organisatie=optionele_tekst(organisatie, "--organisatie"),
        contact=optionele_tekst(contact, "--contact"), datum=dag, regie=regie))


@betrokkene.command("wijzig")
def betrokkene_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("BETROKKENE", "b1")],
    rol: Annotated[str | None, RolOptie] = None,
    naam: NaamOptie = None,
    organisatie: Annotated[str | None, typer.Option(metavar="NAAM", help="Organisatie.")
                           ] = None,
    contact: ContactOptie = None,
    sinds: Annotated[str | None, _datum("Betrokken sinds.", "--sinds")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een betrokkene (heeft deze de regie, dan verandert die mee)."""
    wijzig_onderdeel(ident, "betrokkenen", onderdeel, {
        "rol": rol, "naam": optionele_tekst(naam, "--naam"),
        "organisatie": optionele_tekst(organisatie, "--organisatie"),
        "contact": optionele_tekst(contact, "--contact"),
        "sinds": optionele_datum(sinds, "--sinds")}, wis)


@betrokkene.command("verwijder")
def betrokkene_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("BETROKKENE", "b2")],
                         reden: RedenOptie) -> None:
    """Verwijder een betrokkene (bijvoorbeeld vertrokken), met reden; had deze de regie, dan
    is de regie daarna niet belegd."""
    verwijder_onderdeel(ident, "betrokkenen", onderdeel, reden)


@betrokkene.command("regie")
def betrokkene_regie(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("BETROKKENE", "b1")],
                     op: DatumOptie = None) -> None:
    """Geef de regie aan deze betrokkene."""
    dag = datum(op, "--datum", vandaag())
    common.bewerk(ident, lambda p: b.geef_regie(p, ident=onderdeel, datum=dag))


# --- krachten, zorgen, netwerk --------------------------------------------------------------

NotitieTekst = Annotated[str, typer.Option("--tekst", metavar="TEKST", help="De tekst.")]


def _notities(app: typer.Typer, sleutel: str, klasse: str, metavar: str, wat: str) -> None:
    """add/wijzig/verwijder voor een lijst notities (krachten, zorgen)."""
    onderdeel_soort = Annotated[str, onderdeel_arg(metavar, f"{metavar[0].lower()}1")]

    def add(ident: IdArg, tekst_: NotitieTekst) -> None:
        voeg_toe(ident, sleutel, klasse, tekst=tekst(tekst_, "--tekst"))

    def wijzig(ident: IdArg, onderdeel: str, tekst_: NotitieTekst) -> None:
        wijzig_onderdeel(ident, sleutel, onderdeel, {"tekst": tekst(tekst_, "--tekst")}, None)

    def verwijder(ident: IdArg, onderdeel: str, reden: RedenOptie) -> None:
        verwijder_onderdeel(ident, sleutel, onderdeel, reden)

    # Met `from __future__ import annotations` zijn aantekeningen tekst; deze hangt van de
    # argumenten van `_notities` af en staat daarom als object in de functie.
    for functie, doc in ((add, f"Voeg {wat} toe."), (wijzig, f"Herschrijf {wat}."),
                         (verwijder, f"Verwijder {wat}, met reden.")):
        functie.__doc__ = doc
        if "onderdeel" in functie.__annotations__:
            functie.__annotations__["onderdeel"] = onderdeel_soort
        app.command(functie.__name__)(functie)


_notities(kracht, "krachten", "Kracht", "KRACHT", "een kracht")
_notities(zorg, "zorgen", "Zorg", "ZORG", "een zorg")


@netwerk.command("add")
def netwerk_add(
    ident: IdArg,
    naam: Annotated[str, typer.Option(metavar="NAAM", help="Wie (bijvoorbeeld Oma Riet).")],
    relatie: Annotated[str | None, typer.Option(metavar="TEKST", help="Bijvoorbeeld oma, buur.")
                       ] = None,
    steun: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Wat deze persoon doet (bijvoorbeeld haalt op woensdag op).")
    ] = None,
) -> None:
    """Voeg iemand uit het netwerk van het gezin toe."""
    voeg_toe(ident, "netwerk", "Netwerklid", naam=tekst(naam, "--naam"),
              relatie=optionele_tekst(relatie, "--relatie"),
              steun=optionele_tekst(steun, "--steun"))


@netwerk.command("wijzig")
def netwerk_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("LID", "n1")],
    naam: NaamOptie = None,
    relatie: Annotated[str | None, typer.Option(metavar="TEKST", help="De relatie.")] = None,
    steun: Annotated[str | None, typer.Option(metavar="TEKST", help="De steun.")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer iemand uit het netwerk."""
    wijzig_onderdeel(ident, "netwerk", onderdeel, {
        "naam": optionele_tekst(naam, "--naam"), "relatie": optionele_tekst(relatie, "--relatie"),
        "steun": optionele_tekst(steun, "--steun")}, wis)


@netwerk.command("verwijder")
def netwerk_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("LID", "n1")],
                      reden: RedenOptie) -> None:
    """Verwijder iemand uit het netwerk, met reden."""
    verwijder_onderdeel(ident, "netwerk", onderdeel, reden)


# --- doelen en acties -----------------------------------------------------------------------

EigenaarOptie = Annotated[str | None, typer.Option(
    metavar="NAAM", help="Wie is eigenaar (wie zorgt ervoor).")]


@doel.command("add")
def doel_add(
    ident: IdArg,
    omschrijving: Annotated[str, typer.Option(metavar="TEKST",
                                              help="Concreet en toetsbaar doel.")],
    eigenaar: EigenaarOptie = None,
    evaluatie_: Annotated[str | None, _datum("Evaluatiedatum.", "--evaluatie")] = None,
) -> None:
    """Voeg een doel toe."""
    wanneer = optionele_datum(evaluatie_, "--evaluatie")
    common.bewerk(ident, lambda p: b.voeg_doel_toe(
        p, omschrijving=tekst(omschrijving, "--omschrijving"),
        eigenaar=optionele_tekst(eigenaar, "--eigenaar"), evaluatiedatum=wanneer))


_DOELSTATUS = common.Keuze("STATUS", "doelstatussen")
StatusArg = Annotated[str, typer.Argument(
    metavar="STATUS", help="lopend, behaald, bijgesteld of gestopt.", parser=_DOELSTATUS,
    autocompletion=_DOELSTATUS.aanvulling)]


@doel.command("status")
def doel_status(ident: IdArg, doel_id: Annotated[str, onderdeel_arg("DOEL", "d1")],
                status: StatusArg) -> None:
    """Zet de status van een doel."""
    common.bewerk(ident, lambda p: b.zet_doelstatus(p, doel_id=doel_id, status=status))


@doel.command("wijzig")
def doel_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("DOEL", "d1")],
    omschrijving: Annotated[str | None, typer.Option(metavar="TEKST", help="Het doel.")] = None,
    eigenaar: EigenaarOptie = None,
    evaluatie_: Annotated[str | None, _datum("Evaluatiedatum.", "--evaluatie")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een doel (omschrijving, eigenaar, evaluatiedatum)."""
    wijzig_onderdeel(ident, "doelen", onderdeel, {
        "omschrijving": optionele_tekst(omschrijving, "--omschrijving"),
        "eigenaar": optionele_tekst(eigenaar, "--eigenaar"),
        "evaluatiedatum": optionele_datum(evaluatie_, "--evaluatie")}, wis,
        {"evaluatie": "evaluatiedatum"})


@doel.command("verwijder")
def doel_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("DOEL", "d1")],
                   reden: RedenOptie) -> None:
    """Verwijder een doel, met reden (een doel dat niet meer nodig is: 'doel status ID DOEL
    gestopt')."""
    verwijder_onderdeel(ident, "doelen", onderdeel, reden)


@actie.command("add")
def actie_add(
    ident: IdArg,
    omschrijving: Annotated[str, typer.Option(metavar="TEKST", help="Wat moet er gebeuren.")],
    eigenaar: Annotated[str | None, typer.Option(metavar="NAAM", help="Wie doet het.")] = None,
    deadline: Annotated[str | None, _datum("Uiterlijk op.", "--deadline")] = None,
) -> None:
    """Voeg een actie toe."""
    wanneer = optionele_datum(deadline, "--deadline")
    common.bewerk(ident, lambda p: b.voeg_actie_toe(
        p, omschrijving=tekst(omschrijving, "--omschrijving"),
        eigenaar=optionele_tekst(eigenaar, "--eigenaar"), deadline=wanneer))


@actie.command("done")
def actie_done(ident: IdArg, actie_id: Annotated[str, onderdeel_arg("ACTIE", "a1")],
               op: DatumOptie = None) -> None:
    """Markeer een actie als gedaan."""
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    common.bewerk(ident, lambda p: b.actie_gedaan(p, actie_id=actie_id, datum=dag, vandaag=nu))


@actie.command("wijzig")
def actie_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("ACTIE", "a1")],
    omschrijving: Annotated[str | None, typer.Option(metavar="TEKST", help="Wat.")] = None,
    eigenaar: Annotated[str | None, typer.Option(metavar="NAAM", help="Wie doet het.")] = None,
    deadline: Annotated[str | None, _datum("Uiterlijk op.", "--deadline")] = None,
    gedaan: Annotated[str | None, _datum("Gedaan op.", "--gedaan")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een actie (met --wis gedaan: toch nog niet gedaan)."""
    wijzig_onderdeel(ident, "acties", onderdeel, {
        "omschrijving": optionele_tekst(omschrijving, "--omschrijving"),
        "eigenaar": optionele_tekst(eigenaar, "--eigenaar"),
        "deadline": optionele_datum(deadline, "--deadline"),
        "gedaan": optionele_datum(gedaan, "--gedaan")}, wis)


@actie.command("verwijder")
def actie_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("ACTIE", "a1")],
                    reden: RedenOptie) -> None:
    """Verwijder een actie, met reden."""
    verwijder_onderdeel(ident, "acties", onderdeel, reden)


# --- jeugdhulp ------------------------------------------------------------------------------

@jeugdhulp.command("add")
def jeugdhulp_add(
    ident: IdArg,
    vorm: Annotated[str, typer.Option(metavar="TEKST",
                                      help="Welke hulp, bijvoorbeeld ambulante gezinsbegeleiding.")],
    aanbieder: Annotated[str, typer.Option(metavar="NAAM", help="Wie biedt de hulp.")],
    verwijzer: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Wie verwees (bijvoorbeeld huisarts, CJG).")] = None,
    start: Annotated[str | None, _datum("Begonnen op.", "--start")] = None,
    einde: Annotated[str | None, _datum("Beëindigd op.", "--einde")] = None,
) -> None:
    """Leg jeugdhulp vast die het kind of gezin krijgt."""
    from jeugdplan.domein.onderdelen import controleer_datum

    nu = vandaag()
    begin, eind = optionele_datum(start, "--start"), optionele_datum(einde, "--einde")

    def toevoegen(p: Any) -> str:
        from jeugdplan.domein.model import Jeugdhulp, voeg_toe
        from jeugdplan.domein.onderdelen import niet_afgesloten

        niet_afgesloten(p)
        for naam, dag in (("--start", begin), ("--einde", eind)):
            if dag is not None:
                controleer_datum(p, naam, dag, nu, gebeurtenis=False)
        hulp = voeg_toe(p.jeugdhulp, Jeugdhulp, vorm=tekst(vorm, "--vorm"),
                        aanbieder=tekst(aanbieder, "--aanbieder"),
                        verwijzer=optionele_tekst(verwijzer, "--verwijzer"), start=begin,
                        einde=eind)
        if begin is not None and eind is not None and eind < begin:
            from jeugdplan.domein.errors import JeugdplanError

            raise JeugdplanError(f"--einde ({eind}) ligt vóór --start ({begin})")
        return f"jeugdhulp {hulp.id} toegevoegd"

    common.bewerk(ident, toevoegen)


@jeugdhulp.command("wijzig")
def jeugdhulp_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("HULP", "h1")],
    vorm: Annotated[str | None, typer.Option(metavar="TEKST", help="Welke hulp.")] = None,
    aanbieder: Annotated[str | None, typer.Option(metavar="NAAM", help="Wie.")] = None,
    verwijzer: Annotated[str | None, typer.Option(metavar="NAAM", help="Verwijzer.")] = None,
    start: Annotated[str | None, _datum("Begonnen op.", "--start")] = None,
    einde: Annotated[str | None, _datum("Beëindigd op (de hulp is afgelopen).", "--einde")
                     ] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer jeugdhulp, of leg vast dat ze is afgelopen (--einde)."""
    wijzig_onderdeel(ident, "jeugdhulp", onderdeel, {
        "vorm": optionele_tekst(vorm, "--vorm"), "aanbieder": optionele_tekst(aanbieder,
                                                                               "--aanbieder"),
        "verwijzer": optionele_tekst(verwijzer, "--verwijzer"),
        "start": optionele_datum(start, "--start"), "einde": optionele_datum(einde, "--einde")},
        wis)


@jeugdhulp.command("verwijder")
def jeugdhulp_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("HULP", "h1")],
                        reden: RedenOptie) -> None:
    """Verwijder jeugdhulp die ten onrechte is vastgelegd, met reden (afgelopen hulp: 'jeugdhulp
    wijzig ID HULP --einde D')."""
    verwijder_onderdeel(ident, "jeugdhulp", onderdeel, reden)


# --- evaluaties en journaal -----------------------------------------------------------------

@evaluatie.command("add")
def evaluatie_add(
    ident: IdArg,
    notitie: Annotated[str, typer.Option(metavar="TEKST",
                                         help="Wat is bereikt, wat niet, wat nu.")],
    doel_: Annotated[list[str] | None, typer.Option(
        "--doel", metavar="DOEL", help="Geëvalueerd doel, bijvoorbeeld d1 (herhaal voor meer).")
    ] = None,
    door: Annotated[str | None, typer.Option(metavar="NAAM",
                                             help="Wie evalueerde (standaard u).")] = None,
    op: DatumOptie = None,
) -> None:
    """Leg een evaluatie vast (de agenda rekent de evaluatie van de doelen dan als gedaan)."""
    dag, nu = datum(op, "--datum", vandaag()), vandaag()
    wie = tekst(door, "--door") if door is not None else common.auteur()
    common.bewerk(ident, lambda p: b.voeg_evaluatie_toe(
        p, datum=dag, door=wie, notitie=tekst(notitie, "--notitie"), doelen=doel_ or [],
        vandaag=nu))


@evaluatie.command("wijzig")
def evaluatie_wijzig(
    ident: IdArg,
    onderdeel: Annotated[str, onderdeel_arg("EVALUATIE", "e1")],
    notitie: Annotated[str | None, typer.Option(metavar="TEKST", help="De evaluatie.")] = None,
    door: Annotated[str | None, typer.Option(metavar="NAAM", help="Wie evalueerde.")] = None,
    op: Annotated[str | None, _datum("Datum van de evaluatie.", "--datum")] = None,
    wis: WisOptie = None,
) -> None:
    """Corrigeer een evaluatie."""
    wijzig_onderdeel(ident, "evaluaties", onderdeel, {
        "notitie": optionele_tekst(notitie, "--notitie"), "door": optionele_tekst(door, "--door"),
        "datum": optionele_datum(op, "--datum")}, wis)


@evaluatie.command("verwijder")
def evaluatie_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("EVALUATIE", "e1")],
                        reden: RedenOptie) -> None:
    """Verwijder een evaluatie, met reden."""
    verwijder_onderdeel(ident, "evaluaties", onderdeel, reden)


@journaal.command("add")
def journaal_add(
    ident: IdArg,
    tekst_: Annotated[str, typer.Option("--tekst", metavar="TEKST", help="De aantekening.")],
    op: DatumOptie = None,
) -> None:
    """Schrijf een aantekening in het journaal."""
    dag = datum(op, "--datum", vandaag())
    wie = common.auteur()
    common.bewerk(ident, lambda p: b.schrijf_journaal(
        p, tekst=tekst(tekst_, "--tekst"), auteur=wie, datum=dag))


@journaal.command("wijzig")
def journaal_wijzig(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("REGEL", "j1")],
                    tekst_: Annotated[str, typer.Option("--tekst", metavar="TEKST",
                                                        help="De nieuwe tekst.")]) -> None:
    """Herschrijf een aantekening in het journaal."""
    wijzig_onderdeel(ident, "journaal", onderdeel, {"tekst": tekst(tekst_, "--tekst")}, None)


@journaal.command("verwijder")
def journaal_verwijder(ident: IdArg, onderdeel: Annotated[str, onderdeel_arg("REGEL", "j1")],
                       reden: RedenOptie) -> None:
    """Verwijder een aantekening uit het journaal, met reden."""
    verwijder_onderdeel(ident, "journaal", onderdeel, reden)


# --- het kind, ondersteuning, zienswijze ----------------------------------------------------

@kind.command("wijzig")
def kind_wijzig(
    ident: IdArg,
    voornaam: Annotated[str | None, typer.Option(metavar="NAAM", help="Voornaam.")] = None,
    achternaam: Annotated[str | None, typer.Option(metavar="NAAM", help="Achternaam.")] = None,
    geboortedatum: Annotated[str | None, _datum("Geboortedatum.", "--geboortedatum")] = None,
    gemeente: Annotated[str | None, typer.Option(
        metavar="NAAM", help="Woongemeente (een gemeente van de regio).")] = None,
    school: Annotated[str | None, typer.Option(metavar="NAAM", help="School.")] = None,
    onderwijssoort: Annotated[str | None, code_optie(
        "onderwijssoorten", "SOORT", "po, sbo, so, vo, vso, pro of mbo.", "--onderwijssoort")
    ] = None,
    groep: Annotated[int | None, typer.Option(metavar="GETAL", help="Groep (po, sbo, so).")
                     ] = None,
    leerjaar: Annotated[int | None, typer.Option(
        metavar="GETAL", help="Leerjaar (vo, vso, pro, mbo).")] = None,
    identiteit: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Gewenste identiteit van hulp, bijvoorbeeld reformatorisch.")
    ] = None,
    wis: WisOptie = None,
    buiten_regio: Annotated[bool, typer.Option(
        "--buiten-regio", help="De woongemeente hoort niet bij de regio van deze repository.")
    ] = False,
    toch: Annotated[bool, typer.Option(
        "--toch", help="Ook als de leeftijd niet bij de onderwijssoort lijkt te passen.")] = False,
) -> None:
    """Corrigeer de gegevens van het kind (naam, geboortedatum, gemeente, school, klas)."""
    from jeugdplan.domein.aannemelijk import wijzig_kind
    from jeugdplan.opslag.bronnen import gegevens

    r = common.repo()
    velden = {k: v for k, v in {
        "voornaam": optionele_tekst(voornaam, "--voornaam"),
        "achternaam": optionele_tekst(achternaam, "--achternaam"),
        "geboortedatum": optionele_datum(geboortedatum, "--geboortedatum"),
        "gemeente": _gemeente(r, gemeente, buiten_regio) if gemeente is not None else None,
        "school": optionele_tekst(school, "--school"), "onderwijssoort": onderwijssoort,
        "groep": groep, "leerjaar": leerjaar,
        "identiteit": optionele_tekst(identiteit, "--identiteit")}.items() if v is not None}
    leeg = [w.strip().lower().lstrip("-") for w in wis or []]
    nu, g = vandaag(), gegevens()
    common.bewerk(ident, lambda p: wijzig_kind(p, velden, leeg, toch=toch, vandaag=nu, g=g))


def _gemeente(r: Any, naam: str, buiten_regio: bool) -> str:
    from jeugdplan.diensten.regio import gemeente_in_regio

    return gemeente_in_regio(r, tekst(naam, "--gemeente"), buiten_regio)


def ondersteuning(
    ident: IdArg,
    niveau: Annotated[str | None, code_optie(
        "ondersteuningsniveaus", "NIVEAU", "basis, extra of arrangement.", "--niveau")] = None,
    omschrijving: Annotated[str | None, typer.Option(
        metavar="TEKST", help="Wat de school doet (bijvoorbeeld huiswerkbegeleiding).")] = None,
    wis: WisOptie = None,
) -> None:
    """Leg de ondersteuning op school vast: basis, extra of een arrangement van het
    samenwerkingsverband (het OPP: 'jeugdplan opp')."""
    leeg = [w.strip().lower().lstrip("-") for w in wis or []]
    velden = {k: v for k, v in {"niveau": niveau, "omschrijving": optionele_tekst(
        omschrijving, "--omschrijving")}.items() if v is not None}
    common.bewerk(ident, lambda p: b.zet_ondersteuning(p, velden, leeg))


def zienswijze(
    ident: IdArg,
    ouders_: Annotated[str | None, typer.Option("--ouders", metavar="TEKST", help=(
        "De kijk van de ouders, in hun eigen woorden."))] = None,
    kind_: Annotated[str | None, typer.Option("--kind", metavar="TEKST", help=(
        "De kijk van het kind, in eigen woorden."))] = None,
    wis: Annotated[list[str] | None, typer.Option(
        "--wis", metavar="WIE", help="Maak de zienswijze van ouders of kind leeg.")] = None,
) -> None:
    """Leg de zienswijze van ouders en kind vast, in hun eigen woorden."""
    leeg = [w.strip().lower().lstrip("-") for w in wis or []]
    common.bewerk(ident, lambda p: b.zet_zienswijze(
        p, ouders=optionele_tekst(ouders_, "--ouders"), kind=optionele_tekst(kind_, "--kind"),
        wis=leeg))


def registreer(app: typer.Typer) -> None:
    app.command()(zienswijze)
    app.command()(ondersteuning)
    for naam, groep in GROEPEN.items():
        app.add_typer(groep, name=naam)
