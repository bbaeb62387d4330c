"""Een nieuw plan aanmaken: id kiezen, één kind één plan bewaken, schrijven en vastleggen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jeugdplan.bewerkingen import nieuw_plan
from jeugdplan.dubbel import zoek_dubbel
from jeugdplan.errors import JeugdplanError
from jeugdplan.model import Kind, Plan
from jeugdplan.store import Repo, nieuw_id
from jeugdplan.toestemming import leeftijd
from jeugdplan.validatie import valideer

MAX_LEEFTIJD = 27


def _kandidaat(p: Plan) -> tuple[str, str, str, date]:
    return (p.id, p.kind.voornaam, p.kind.achternaam, p.kind.geboortedatum)


def maak_plan(
    repo: Repo, *, voornaam: str, achternaam: str, geboortedatum: date, gemeente: str,
    school: str, onderwijssoort: str, groep: int | None, leerjaar: int | None,
    identiteit: str | None, toch: bool, vandaag: date,
) -> tuple[Plan, Path]:
    if geboortedatum > vandaag:
        raise JeugdplanError(f"geboortedatum {geboortedatum} ligt in de toekomst")
    if leeftijd(geboortedatum, vandaag) > MAX_LEEFTIJD:
        raise JeugdplanError(
            f"geboortedatum {geboortedatum}: het kind zou {leeftijd(geboortedatum, vandaag)} "
            "jaar zijn; typfout in het jaar?"
        )
    from jeugdplan.cache import per_plan

    # Per plan gecachet: warm bouwt `new` geen 10.000 plannen op om één naam te vergelijken.
    bestaande = [k for _i, k, _p in per_plan(repo, "kandidaat", _kandidaat) if k is not None]
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
    pad = repo.maak(plan, "nieuw plan aangemaakt")
    return plan, pad
