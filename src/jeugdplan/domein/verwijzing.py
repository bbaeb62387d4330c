"""Verwijzingen als gegevens in het plan: een opgevolgd advies met zijn levensloop.

voorgesteld -> aangevraagd -> geaccepteerd | afgewezen (met reden) -> gestart -> afgerond

De overgangen staan als tabel in `OVERGANGEN`; een overgang die niet mag is een duidelijke
fout die zegt wat wel kan. Bij het vastleggen geldt de toestemmingspoort: zonder geldige
toestemming voor de partner wordt een verwijzing geweigerd, tenzij er een reden voor het
afwijken wordt vastgelegd (`toestemming_overruled`). Ook ouders eerst geldt: zolang niet is
vastgelegd dat de zorgen met de ouders zijn besproken (ook in meldcode stap 3 of bij de
melding), en opnieuw na een later signaal, wordt er niet verwezen, behalve naar partners met
een eigen wettelijke grondslag (leerplicht, Veilig Thuis). Wie al betrokken is (ook Veilig
Thuis na een melding) krijgt geen tweede verwijzing.

Zuivere functies op een `Plan` die het commitbericht teruggeven (zoals `bewerkingen.py`);
commitberichten noemen nooit de naam van het kind.
"""

from __future__ import annotations

from datetime import date

from jeugdplan.domein import ouders
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.gegevens import Gegevens
from jeugdplan.domein.model import Plan, Verwijzing, VerwijzingStap, voeg_toe, volgend_id
from jeugdplan.domein.routing import ACTIEVE_STATUSSEN, Advies
from jeugdplan.domein.toestemming import vereist, zonder_toestemming

STATUSSEN = ("voorgesteld", "aangevraagd", "geaccepteerd", "afgewezen", "gestart", "afgerond")

OVERGANGEN: dict[str, tuple[str, ...]] = {
    "voorgesteld": ("aangevraagd",),
    "aangevraagd": ("geaccepteerd", "afgewezen"),
    "geaccepteerd": ("gestart",),
    "afgewezen": (),
    "gestart": ("afgerond",),
    "afgerond": (),
}
"""Toegestane overgangen; `afgewezen` en `afgerond` zijn eindtoestanden."""

REDEN_VERPLICHT = ("afgewezen",)


def _open_plan(plan: Plan) -> None:
    if plan.status == "afgesloten":
        raise JeugdplanError(
            f"casus {plan.id} is afgesloten op {plan.afgesloten}; een afgesloten plan wijzigt "
            "niet meer"
        )


def leg_vast(plan: Plan, advies: Advies, nummer: int, *, vandaag: date, door: str, g: Gegevens,
             zonder_toestemming_reden: str | None = None) -> str:
    """Legt advies `nummer` vast als verwijzing (status voorgesteld)."""
    _open_plan(plan)
    if not advies.verwijsbaar:
        raise JeugdplanError(
            f"advies {nummer} ({advies.organisatie}) is geen verwijzing naar een partner maar "
            f"een stap voor de school zelf: {advies.reden}"
        )
    for v in plan.verwijzingen:
        if v.organisatie == advies.organisatie and v.status in ACTIEVE_STATUSSEN:
            raise JeugdplanError(
                f"er loopt al verwijzing {v.id} naar {advies.organisatie} (status {v.status}); "
                f"werk die bij met 'jeugdplan verwijzing {plan.id} {v.id} --status ...'"
            )
    if advies.al_betrokken:
        raise JeugdplanError(
            f"{advies.organisatie} is al betrokken ({advies.betrokken_als}); er komt geen "
            "tweede verwijzing. Werk de lopende hulp bij, of leg een nieuwe betrokkene vast met "
            f"'jeugdplan betrokkene add {plan.id} ...'"
        )
    eigen_grondslag = advies.rol in zonder_toestemming(g)
    nog = ouders.nog_niet_besproken(plan)
    if nog and not eigen_grondslag:
        sinds = ouders.laatste(plan)
        wat = (f"signaal {', '.join(s.id for s in nog)} kwam na het laatste gesprek met de "
               f"ouders ({sinds})" if sinds is not None
               else "er is nog niet vastgelegd dat de zorgen met de ouders zijn besproken")
        raise JeugdplanError(
            f"ouders eerst: {wat}; bespreek de zorgen eerst en leg het vast met 'jeugdplan "
            f"ouders informeer {plan.id}'"
        )
    if ouders.veiligheid_zonder_gesprek(plan) and not eigen_grondslag:
        raise JeugdplanError(
            "ouders eerst: bij het signaal over veiligheid volgt het gesprek met de ouders via "
            f"de meldcode (stap 3); zie 'jeugdplan meldcode next {plan.id}'"
        )
    overruled = None
    if advies.toestemming == "nodig":
        if zonder_toestemming_reden is None:
            aanwijzing = vereist(plan, vandaag, g).aanwijzing(plan.id)
            raise JeugdplanError(
                f"geen geldige toestemming om gegevens te delen met {advies.organisatie}; nodig "
                f"is toestemming van {advies.toestemming_van}.{aanwijzing} Leg die vast met 'jeugdplan "
                f"toestemming add {plan.id} --partij \"{advies.organisatie}\" --door ...', of "
                "verwijs toch met --zonder-toestemming REDEN (de reden wordt vastgelegd)"
            )
        overruled = zonder_toestemming_reden
    vid = volgend_id(plan.verwijzingen, "v")
    plan.verwijzingen.append(Verwijzing(
        id=vid, rol=advies.rol, organisatie=advies.organisatie, reden=advies.reden,
        regel=advies.regel, bron=advies.bron, status="voorgesteld", datum=vandaag,
        toestemming_overruled=overruled,
        historie=[VerwijzingStap(id="st1", datum=vandaag, status="voorgesteld", door=door,
                                 reden=overruled and f"zonder toestemming: {overruled}")],
    ))
    extra = " (zonder toestemming, reden vastgelegd)" if overruled else ""
    return f"verwijzing {vid} voorgesteld: {advies.rol} ({advies.organisatie}){extra}"


def wijzig_status(plan: Plan, vid: str, status: str, *, datum: date, vandaag: date, door: str,
                  reden: str | None = None) -> str:
    """Zet verwijzing `vid` een stap verder in haar levensloop."""
    _open_plan(plan)
    schoon = status.strip().lower()
    if schoon not in STATUSSEN:
        raise JeugdplanError(f"--status: onbekende status {status[:40]!r}; kies uit: "
                             + ", ".join(STATUSSEN))
    gevonden = [v for v in plan.verwijzingen if v.id.lower() == vid.strip().lower()]
    if not gevonden:
        bekend = ", ".join(v.id for v in plan.verwijzingen) or "(geen)"
        raise JeugdplanError(f"casus {plan.id} heeft geen verwijzing {vid[:20]!r}; "
                             f"verwijzingen: {bekend}")
    v = gevonden[0]
    toegestaan = OVERGANGEN[v.status]
    if schoon not in toegestaan:
        verder = (f"van '{v.status}' kan alleen naar: {', '.join(toegestaan)}" if toegestaan
                  else f"'{v.status}' is een eindtoestand")
        raise JeugdplanError(f"verwijzing {v.id} kan niet van '{v.status}' naar '{schoon}': "
                             f"{verder}")
    if schoon in REDEN_VERPLICHT and not reden:
        raise JeugdplanError(f"een verwijzing op '{schoon}' zetten vraagt een reden (--reden)")
    if datum > vandaag:
        raise JeugdplanError(f"de datum ({datum}) ligt in de toekomst")
    vorige = max([v.datum, *(s.datum for s in v.historie)])
    if datum < vorige:
        raise JeugdplanError(f"de datum ({datum}) ligt vóór de vorige stap van verwijzing "
                             f"{v.id} ({vorige})")
    v.status = schoon  # type: ignore[assignment]
    voeg_toe(v.historie, VerwijzingStap, datum=datum, status=schoon, door=door, reden=reden)
    return f"verwijzing {v.id} {schoon} ({v.organisatie})"
