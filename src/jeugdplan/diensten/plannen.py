"""Een nieuw plan aanmaken: id kiezen, één kind één plan bewaken, schrijven en vastleggen.

Eén kind, één plan: `new` vergelijkt het nieuwe kind met elk bestaand plan met dezelfde
geboortedatum (`dubbel.zoek_dubbel`). Naam en geboortedatum van elk plan komen uit de cache
(`opslag.inlezen.per_plan`, soort `kandidaat`): warm wordt geen plan gelezen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jeugdplan.domein.bewerkingen import nieuw_plan
from jeugdplan.domein.dubbel import Kandidaat, zoek_dubbel
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
    # Alleen plannen met dezelfde geboortedatum kunnen hetzelfde kind zijn (`dubbel`).
    bestaande = kandidaten_op_datum(repo, geboortedatum)
    dubbel = zoek_dubbel(voornaam, achternaam, geboortedatum, bestaande)
    if dubbel and not toch:
            raise JeugdplanError(
                f"er is al een plan voor dit kind: {', '.join(dubbel)} (één kind, één plan). "
                "Werk dat plan bij, of gebruik --toch als het echt een ander kind is"
            )
    gegevens: dict[str, object] = {
                "voornaam": voornaam, "achternaam": achternaam, "geboortedatum": geboortedatum,
                "gemeente": gemeente, "school": school, "onderwijssoort": onderwijssoort,
                "groep": groep, "leerjaar": leerjaar, "identiteit": identiteit,
                "niet_dezelfde_als": dubbel or None}
    kind = valideer(Kind, {k: v for k, v in gegevens.items() if v is not None}, "invoer")
    ident = nieuw_id(vandaag.year, lambda i: repo.plan_pad(i).exists())
    plan = nieuw_plan(ident, kind, vandaag)
    if in_nederland_sinds is not None:
        from jeugdplan.domein.verzuim import nieuwkomer

        nieuwkomer(plan, datum=in_nederland_sinds, vandaag=vandaag)
    pad = repo.maak(plan, "nieuw plan aangemaakt")
    return plan, pad
