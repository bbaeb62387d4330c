"""Past wat iemand invoert bij elkaar? Groep of leerjaar bij de onderwijssoort, een leeftijd
die bij de onderwijssoort past, en het kind zelf corrigeren (`jeugdplan kind wijzig`).

Groep en leerjaar zijn hard: `--onderwijssoort vo --groep 5` is altijd een vergissing. Een
ongewone leeftijd (een kind van 2 in het vo) is meestal een typfout in de geboortedatum, maar
kan kloppen: met `toch` gaat het door. De grenzen staan in `data/onderwijssoorten.yaml`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.taal import meervoud
from jeugdplan.domein.toestemming import leeftijd

if TYPE_CHECKING:
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.model import Plan


def controleer_klas(onderwijssoort: str, groep: int | None, leerjaar: int | None,
                    g: Gegevens) -> None:
    """Groep hoort bij po, sbo en so; leerjaar bij vo, vso, pro en mbo; binnen het bereik."""
    soort = g.onderwijssoorten.soorten[onderwijssoort]
    fout, goed = ("leerjaar", "groep") if soort.klas == "groep" else ("groep", "leerjaar")
    waarde = groep if soort.klas == "groep" else leerjaar
    if (leerjaar if soort.klas == "groep" else groep) is not None:
        raise JeugdplanError(f"--{fout} past niet bij onderwijssoort {onderwijssoort}: daar telt "
                             f"men in {meervoud(goed)} (--{goed})")
    if waarde is not None and not 1 <= waarde <= soort.hoogste:
        raise JeugdplanError(f"--{goed} {waarde} bestaat niet in onderwijssoort {onderwijssoort} "
                             f"(1 tot en met {soort.hoogste})")


def controleer_leeftijd(geboortedatum: date, onderwijssoort: str, vandaag: date,
                        g: Gegevens) -> None:
    """Weigert een leeftijd die niet bij de onderwijssoort past (met de uitweg `--toch`)."""
    grens = g.onderwijssoorten.soorten[onderwijssoort].leeftijd
    jaren = leeftijd(geboortedatum, vandaag)
    if not grens.van <= jaren <= grens.tot:
        raise JeugdplanError(
            f"een kind van {jaren} jaar (geboren {geboortedatum}) in onderwijssoort "
            f"{onderwijssoort} is niet aannemelijk (verwacht {grens.van} tot en met {grens.tot} "
            "jaar); typfout in de geboortedatum of de onderwijssoort? Klopt het toch, "
            "gebruik --toch")


def controleer_kind(*, geboortedatum: date, onderwijssoort: str, groep: int | None,
                    leerjaar: int | None, toch: bool, vandaag: date, g: Gegevens) -> None:
    controleer_klas(onderwijssoort, groep, leerjaar, g)
    if not toch:
        controleer_leeftijd(geboortedatum, onderwijssoort, vandaag, g)


def wijzig_kind(plan: Plan, velden: dict[str, Any], wis: list[str], *, toch: bool,
                vandaag: date, g: Gegevens) -> str:
    """Corrigeert de gegevens van het kind; het commitbericht noemt alleen de velden."""
    from jeugdplan.domein.onderdelen import niet_afgesloten, zet_velden

    niet_afgesloten(plan)
    k = plan.kind
    nieuw = {n: velden.get(n, getattr(k, n)) for n in
             ("geboortedatum", "onderwijssoort", "groep", "leerjaar")}
    for naam in wis:
        if naam in nieuw:
            nieuw[naam] = None
    if "onderwijssoort" in velden and g.onderwijssoorten.soorten[nieuw["onderwijssoort"]].klas \
            != g.onderwijssoorten.soorten[k.onderwijssoort].klas:
        # Van po naar vo: de groep vervalt vanzelf, tenzij er een nieuwe is opgegeven.
        for oud in ("groep", "leerjaar"):
            if oud not in velden:
                nieuw[oud] = None
                if getattr(k, oud) is not None and oud not in wis:
                    wis = [*wis, oud]
    if nieuw["geboortedatum"] > vandaag:
        raise JeugdplanError(f"geboortedatum {nieuw['geboortedatum']} ligt in de toekomst")
    controleer_kind(geboortedatum=nieuw["geboortedatum"], onderwijssoort=nieuw["onderwijssoort"],
                    groep=nieuw["groep"], leerjaar=nieuw["leerjaar"], toch=toch,
                    vandaag=vandaag, g=g)
    gewijzigd = zet_velden(k, velden, wis, "het kind")
    return f"kind gewijzigd ({', '.join(gewijzigd)})"
