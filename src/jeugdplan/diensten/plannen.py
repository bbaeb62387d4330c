"""Een nieuw plan aanmaken: id kiezen, één kind één plan bewaken, schrijven en vastleggen.

Eén kind, één plan: `new` vergelijkt het nieuwe kind met elk bestaand plan met dezelfde
geboortedatum (`dubbel.zoek_dubbel`). Naam en geboortedatum van elk plan komen uit de cache
(`opslag.inlezen.per_plan`, soort `kandidaat`): warm wordt geen plan gelezen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jeugdplan.domein.bewerkingen import nieuw_plan
from jeugdplan.domein.dubbel import Kandidaat, Samengevoegd, zoek_dubbel
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import Kind, Plan
from jeugdplan.domein.toestemming import leeftijd
from jeugdplan.opslag.bronnen import valideer
from jeugdplan.opslag.inlezen import per_plan
from jeugdplan.opslag.store import Repo, nieuw_id

MAX_LEEFTIJD = 27


def kandidaat(p: Plan) -> Kandidaat:
    """Wat `new` van een bestaand plan nodig heeft (per plan bewaard in de cache)."""
    return (p.id, p.kind.voornaam, p.kind.achternaam, p.kind.geboortedatum)


def kandidaten_op_datum(repo: Repo, geboortedatum: date) -> list[Kandidaat]:
    """(id, voornaam, achternaam, geboortedatum) van elk geldig plan met deze geboortedatum."""
    return [k for _i, k, _p in per_plan(repo, "kandidaat", kandidaat)
            if k is not None and k[3] == geboortedatum]


def maak_plan(
    repo: Repo, *, voornaam: str, achternaam: str, geboortedatum: date, gemeente: str,
    school: str | None, onderwijssoort: str, groep: int | None, leerjaar: int | None,
    identiteit: str | None, toch: bool, vandaag: date, in_nederland_sinds: date | None = None,
) -> tuple[Plan, Path]:
    if geboortedatum > vandaag:
        raise JeugdplanError(f"geboortedatum {geboortedatum} ligt in de toekomst")
    if leeftijd(geboortedatum, vandaag) > MAX_LEEFTIJD:
        raise JeugdplanError(
            f"geboortedatum {geboortedatum}: het kind zou {leeftijd(geboortedatum, vandaag)} "
            "jaar zijn; typfout in het jaar?"
        )
    from jeugdplan.domein.aannemelijk import controleer_kind
    from jeugdplan.opslag.bronnen import gegevens

    controleer_kind(geboortedatum=geboortedatum, onderwijssoort=onderwijssoort, groep=groep,
                    leerjaar=leerjaar, toch=toch, vandaag=vandaag, g=gegevens())
    # Alleen plannen met dezelfde geboortedatum kunnen hetzelfde kind zijn (`dubbel`).
    bestaande = kandidaten_op_datum(repo, geboortedatum)
    dubbel = zoek_dubbel(voornaam, achternaam, geboortedatum, bestaande)
    if dubbel and not toch:
        raise JeugdplanError(
            f"er is al een plan voor dit kind: {', '.join(dubbel)} (één kind, één plan). "
            "Werk dat plan bij, of gebruik --toch als het echt een ander kind is"
        )
    velden: dict[str, object] = {
        "voornaam": voornaam, "achternaam": achternaam, "geboortedatum": geboortedatum,
        "gemeente": gemeente, "school": school, "onderwijssoort": onderwijssoort,
        "groep": groep, "leerjaar": leerjaar, "identiteit": identiteit,
        "niet_dezelfde_als": dubbel or None}
    kind = valideer(Kind, {k: v for k, v in velden.items() if v is not None}, "invoer")
    ident = nieuw_id(vandaag.year, lambda i: repo.plan_pad(i).exists())
    plan = nieuw_plan(ident, kind, vandaag)
    if in_nederland_sinds is not None:
        from jeugdplan.domein.verzuim import nieuwkomer

        nieuwkomer(plan, datum=in_nederland_sinds, vandaag=vandaag)
    pad = repo.maak(plan, "nieuw plan aangemaakt")
    return plan, pad


def voeg_samen(repo: Repo, ident: str, ander: str, vandaag: date, auteur: str) -> Samengevoegd:
    """Voegt plan `ander` samen in `ident` (`jeugdplan samenvoegen`), onder één slot:

    1. `ident` krijgt alles uit `ander` (één commit, via `Repo.bewerk`);
    2. de map van `ander` verdwijnt uit de werkmap, zijn bijlagen gaan mee naar `ident`
       (`bijlagen/<ander>-<naam>` bij een dubbele naam), in een tweede commit.

    De geschiedenis van `ander` blijft in git; `plan.samengevoegd` noemt het id, zodat
    `jeugdplan log ident` ook die commits toont."""
    import shutil

    from jeugdplan.domein.dubbel import voeg_samen as voeg_plannen_samen
    from jeugdplan.opslag import gitrepo
    from jeugdplan.opslag.slot import vergrendeld
    from jeugdplan.opslag.store import controleer_id

    een, twee = controleer_id(ident), controleer_id(ander)
    if een == twee:
        raise JeugdplanError("een plan kan niet met zichzelf worden samengevoegd")
    gitrepo.identiteit(repo.root)
    with vergrendeld(repo.root):
        tweede = repo.laad(twee).plan
        repo.bestaand_plan_pad(een)
        map_twee, bijlagen = repo.casussen / twee, repo.casussen / een / "bijlagen"
        oud = map_twee / "bijlagen"
        for pad in (map_twee, oud, bijlagen):  # bijlagen verplaatsen nooit via een symlink
            if pad.is_symlink():
                raise JeugdplanError(f"{repo.relatief(pad)} is een symlink; verwijder die zelf. "
                                     "Er is niets samengevoegd")
        uitkomst: list[Samengevoegd] = []

        def samen(plan: Plan) -> str:
            uitkomst.append(voeg_plannen_samen(plan, tweede, auteur=auteur, datum=vandaag))
            return uitkomst[0].bericht

        repo.bewerk(een, samen)
        if oud.is_dir() and not oud.is_symlink():
            for bestand in sorted(p for p in oud.rglob("*") if p.is_file() and not p.is_symlink()):
                doel = bijlagen / bestand.relative_to(oud)
                if doel.exists():
                    doel = doel.with_name(f"{twee}-{doel.name}")
                doel.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                shutil.move(str(bestand), doel)
        shutil.rmtree(map_twee)
        try:
            gitrepo.commit(repo.root, [map_twee, *([bijlagen] if bijlagen.is_dir() else [])],
                           f"{twee}: samengevoegd in {een} (map verwijderd; de geschiedenis "
                           "blijft)")
        except gitrepo.GitFout as e:
            raise JeugdplanError(
                f"{twee} is samengevoegd in {een}, maar het verwijderen van {twee} vastleggen in "
                f"git mislukte: {e.melding}. 'git status' toont het; leg het vast met git commit"
            ) from None
    return uitkomst[0]
