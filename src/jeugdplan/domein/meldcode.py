"""De meldcode huiselijk geweld en kindermishandeling als expliciete toestandsmachine.

De regels staan in `data/meldcode.yaml` (stappen, te documenteren velden, afwegingskader met
uitkomsten, onderwijsvariant, gronden om stap 3 over te slaan, Veilig Thuis, de aparte
meldplicht bij een mogelijk zedendelict door personeel). Hieruit bouwt `Machine` een
overgangstabel `(toestand, gebeurtenis) -> mogelijke volgende toestanden`.

De toestand wordt nooit los opgeslagen: `toestand()` speelt een vastgelegd spoor in het plan
(stappen, overslaan, afwegingen, meldingen) opnieuw af door de tabel, en controleert daarbij
ook de volgorde in de tijd. Zo wordt ook een met de hand bewerkt spoor gecontroleerd. Een
gebeurtenis die de tabel niet toestaat is een `JeugdplanError` die zegt wat er nog ontbreekt;
er wordt dan niets geschreven.

Een plan heeft sporen in de tijd (`plan.meldcode`, oudste eerst): elk nieuw vermoeden begint
een nieuw spoor bij stap 1 zodra het vorige is afgerond (of geannuleerd). Er loopt hoogstens
één spoor tegelijk; een nieuw signaal over veiligheid terwijl een spoor loopt hoort bij dat
spoor (aanvullen mag tot het besluit). De aparte meldplicht bij een mogelijk zedendelict door
iemand met taken op school is geen meldcode en houdt de meldcode voor een ander vermoeden
niet tegen.

Deze module print nooit; de opdrachten in `cli/meldcode.py` tonen het resultaat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.taal import aantal

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jeugdplan.domein.gegevens import (
        Afwegingsvraag,
        Antwoord,
        Gegevens,
        Meldcodedefinitie,
        MeldcodeStapDefinitie,
    )
    from jeugdplan.domein.model import Meldcode, MeldcodeStap, Plan, Signaal

ANTWOORDEN = ("ja", "nee", "twijfel")
VEILIGHEID = "veiligheid"


class Staat(StrEnum):
    """De benoemde toestanden van een meldcodespoor."""

    NIET_GESTART = "niet-gestart"
    STAP_1 = "stap-1"
    STAP_2 = "stap-2"
    STAP_3 = "stap-3"
    VRAAG_1 = "vraag-1"
    VRAAG_2 = "vraag-2"
    VRAAG_3 = "vraag-3"
    VRAAG_4 = "vraag-4"
    HULP = "hulp"
    """Hulp georganiseerd (vraag 4 ja); vraag 5 moet vóór de termijn beantwoord worden."""
    MELDEN = "melden"
    """Besluit: melden bij Veilig Thuis; de melding is nog niet vastgelegd."""
    AFGEROND = "afgerond"
    GEANNULEERD = "geannuleerd"
    """Per vergissing gestart; blijft in de geschiedenis staan."""


STAP_STATEN = (Staat.STAP_1, Staat.STAP_2, Staat.STAP_3)
VRAAG_STATEN = (Staat.VRAAG_1, Staat.VRAAG_2, Staat.VRAAG_3, Staat.VRAAG_4, Staat.HULP)
UITKOMST_STATEN = {"afsluiten": Staat.AFGEROND, "melden": Staat.MELDEN, "hulp": Staat.HULP}


def vraag_staat(nummer: int) -> Staat:
    """De toestand waarin afwegingsvraag `nummer` aan de beurt is."""
    return Staat.HULP if nummer == 5 else Staat(f"vraag-{nummer}")


def gebeurtenis_stap(nummer: int) -> str:
    return f"stap-{nummer}"


def gebeurtenis_vraag(nummer: int, antwoord: str) -> str:
    return f"vraag-{nummer}:{antwoord}"


class Machine:
    """De meldcode uit de gegevens: stappen, vragen en de overgangstabel."""

    def __init__(self, d: Meldcodedefinitie) -> None:
        self.d = d
        self.stappen: dict[int, MeldcodeStapDefinitie] = {s.nummer: s for s in d.stappen}
        self.vragen: dict[int, Afwegingsvraag] = {v.nummer: v for v in d.afwegingskader.vragen}
        self.gronden: dict[str, str] = dict(d.overslaan.gronden)
        self.overgangen = self._bouw_tabel()

    def _bouw_tabel(self) -> dict[tuple[Staat, str], tuple[Staat, ...]]:
        t: dict[tuple[Staat, str], tuple[Staat, ...]] = {
            (Staat.NIET_GESTART, "start"): (Staat.STAP_1,),
            # Een stap is af als al zijn verplichte velden zijn vastgelegd (ook verspreid
            # over meer aantekeningen); tot dan blijft het spoor in die stap.
            (Staat.STAP_1, "stap-1"): (Staat.STAP_1, Staat.STAP_2),
            (Staat.STAP_2, "stap-2"): (Staat.STAP_2, Staat.STAP_3),
            (Staat.STAP_3, "stap-3"): (Staat.STAP_3, Staat.VRAAG_1),
            (Staat.STAP_3, "overslaan-3"): (Staat.VRAAG_1,),
            (Staat.MELDEN, "melding"): (Staat.AFGEROND,),
        }
        # Aanvullingen op een eerdere, afgeronde stap (nieuwe signalen, nog een consultatie,
        # bij twijfel Veilig Thuis raadplegen) mogen tot er een besluit is.
        volgorde = [*STAP_STATEN, *VRAAG_STATEN[:-1]]
        for i, staat in enumerate(volgorde):
            for n in (1, 2, 3):
                if i >= n:
                    t.setdefault((staat, gebeurtenis_stap(n)), (staat,))
        # De afwegingsvragen: de uitkomst per antwoord komt uit de gegevens.
        for nummer, vraag in self.vragen.items():
            for antwoord, info in vraag.antwoorden.items():
                t[(vraag_staat(nummer), gebeurtenis_vraag(nummer, antwoord))] = (
                    self._doel(info.uitkomst),
                )
        return t

    @staticmethod
    def _doel(uitkomst: str) -> Staat:
        if uitkomst.startswith("vraag "):
            return vraag_staat(int(uitkomst.split()[1]))
        return UITKOMST_STATEN[uitkomst]

    def stap(self, nummer: int) -> MeldcodeStapDefinitie:
        return self.stappen[nummer]

    def stap_titel(self, nummer: int) -> str:
        return f"Stap {nummer}: {self.stappen[nummer].titel}"

    def vraag_van(self, nummer: int) -> Afwegingsvraag:
        return self.vragen[nummer]

    def uitkomst(self, nummer: int, antwoord: str) -> Antwoord:
        return self.vragen[nummer].antwoorden[antwoord]

    def toegestaan(self, staat: Staat, gebeurtenis: str) -> tuple[Staat, ...] | None:
        return self.overgangen.get((staat, gebeurtenis))


_MACHINES: dict[int, tuple[Gegevens, Machine]] = {}


def machine(g: Gegevens) -> Machine:
    """De meldcode uit `data/meldcode.yaml` (één keer gebouwd per set gegevens)."""
    bewaard = _MACHINES.get(id(g))
    if bewaard is None or bewaard[0] is not g:
        bewaard = _MACHINES[id(g)] = (g, Machine(g.meldcode))
    return bewaard[1]


# --- sporen in de tijd -----------------------------------------------------------------------


def nummer_van(plan: Plan, spoor: Meldcode) -> int:
    """Het volgnummer (1, 2, ...) van een spoor in het plan."""
    return next(i for i, s in enumerate(plan.meldcode, 1) if s is spoor)


def laatste(plan: Plan) -> Meldcode | None:
    """Het nieuwste spoor (het lopende, als er een loopt), of None."""
    return plan.meldcode[-1] if plan.meldcode else None


def is_gesloten(spoor: Meldcode) -> bool:
    return spoor.afgerond is not None or spoor.geannuleerd is not None


def kies_spoor(plan: Plan, nummer: int | None) -> Meldcode:
    """Spoor `nummer` (1-based), standaard het nieuwste; weigert met wat er wel is."""
    if not plan.meldcode:
        raise JeugdplanError(f"casus {plan.id} heeft geen meldcodespoor; "
                             f"start het met 'jeugdplan meldcode start {plan.id}'")
    if nummer is None:
        return plan.meldcode[-1]
    if not 1 <= nummer <= len(plan.meldcode):
        aantal = "er is 1 spoor" if len(plan.meldcode) == 1 else \
            f"er zijn {len(plan.meldcode)} sporen"
        raise JeugdplanError(f"casus {plan.id} heeft geen meldcodespoor {nummer}; {aantal}")
    return plan.meldcode[nummer - 1]


def _gedekt_door(signaal: Signaal, spoor: Meldcode) -> bool:
    if spoor.geannuleerd is not None:
        return False
    if signaal.id in spoor.signalen:
        return True
    # Een lopend spoor neemt elk nieuw signaal mee (aanvullen in stap 1 mag tot het besluit);
    # een afgerond spoor dekt wat er vóór de afronding was (ook in plannen van vóór de
    # koppeling van signalen aan sporen). Een signaal van de dag van afronding zelf dat niet
    # aan het spoor hangt, telt als nieuw: liever een keer te veel gevraagd.
    return spoor.afgerond is None or signaal.datum < spoor.afgerond


def open_signalen(plan: Plan) -> list[Signaal]:
    """Signalen over veiligheid die (nog) door geen spoor gedekt zijn: elk nieuw vermoeden na
    een afgerond spoor vraagt een nieuw spoor."""
    return [s for s in plan.signalen if s.domein == VEILIGHEID
            and not any(_gedekt_door(s, spoor) for spoor in plan.meldcode)]


def signalen_van_lopend(plan: Plan, spoor: Meldcode) -> list[Signaal]:
    """De signalen over veiligheid waar een lopend spoor over gaat: gekoppeld, of door geen
    ander (afgerond) spoor gedekt."""
    anders = [t for t in plan.meldcode if t is not spoor]
    return [s for s in plan.signalen if s.domein == VEILIGHEID and (
        s.id in spoor.signalen or not any(_gedekt_door(s, t) for t in anders))]


def gemeld(plan: Plan) -> list[tuple[int, Meldcode]]:
    """De sporen die in een melding aan Veilig Thuis eindigden, met hun nummer."""
    return [(i, s) for i, s in enumerate(plan.meldcode, 1) if s.meldingen]


# --- de toestand afspelen ------------------------------------------------------------------


@dataclass
class Toestand:
    staat: Staat
    ontbreekt: list[str] = field(default_factory=list)
    """Verplichte velden die de huidige stap (1-3) nog mist."""
    besluit: str | None = None
    termijn: date | None = None
    afgerond: date | None = None
    fouten: list[str] = field(default_factory=list)
    """Wat in een met de hand bewerkt spoor niet klopt (de afspeling stopt daar)."""
    sinds: date | None = None
    """Sinds wanneer het spoor in deze toestand is: een gebeurtenis van deze toestand mag niet
    eerder gedateerd zijn (de chronologie)."""
    sinds_wat: str = "de start van het spoor"


def _gedekt(stappen: list[MeldcodeStap], nummer: int) -> set[str]:
    velden: set[str] = set()
    for s in stappen:
        if s.stap == nummer:
            velden.update(naam for naam in ("notitie", "met", "kindcheck", "reactie")
                          if getattr(s, naam))
    return velden


def _ontbreekt(m: Machine, stappen: list[MeldcodeStap], nummer: int) -> list[str]:
    gedekt = _gedekt(stappen, nummer)
    return [v for v in m.stap(nummer).vereist if v not in gedekt]


def _stapnummer(staat: Staat) -> int | None:
    return STAP_STATEN.index(staat) + 1 if staat in STAP_STATEN else None


def toestand(meldcode: Meldcode | None, m: Machine) -> Toestand:
    """Speelt één vastgelegd spoor af door de overgangstabel en geeft de huidige toestand."""
    if meldcode is None:
        return Toestand(Staat.NIET_GESTART)
    staat = Staat.STAP_1
    uit = Toestand(staat, sinds=meldcode.gestart)
    wie = f"meldcodespoor {meldcode.id}"
    gezien: list[MeldcodeStap] = []
    # (gebeurtenis, soort, item); de soort staat erbij, zodat dit ook werkt op de lichte
    # objecten uit de cache (`licht`), die geen modelklassen zijn.
    gebeurtenissen: list[tuple[str, str, Any]] = [
        (gebeurtenis_stap(s.stap), "stap", s) for s in meldcode.stappen]
    gebeurtenissen += [(f"overslaan-{o.stap}", "overslaan", o) for o in meldcode.overgeslagen]
    gebeurtenissen += [(gebeurtenis_vraag(a.vraag, a.antwoord), "afweging", a)
                       for a in meldcode.afwegingen]
    gebeurtenissen += [("melding", "melding", x) for x in meldcode.meldingen]
    for naam, soort, item in gebeurtenissen:
        mogelijk = m.toegestaan(staat, naam)
        if mogelijk is None:
            uit.fouten.append(f"{wie}: {_beschrijf(naam)} past niet na {_staat_tekst(m, staat)}")
            break
        if soort == "stap" and item.stap == 3 and meldcode.overgeslagen:
            uit.fouten.append(f"{wie}: stap 3 is zowel vastgelegd als overgeslagen")
            break
        # Een aanvulling op een eerdere stap hoeft alleen na de start te liggen; al het andere
        # niet vóór het moment waarop het spoor in deze toestand kwam.
        aanvulling = soort == "stap" and item.stap != _stapnummer(staat)
        grens, grens_wat = ((meldcode.gestart, "de start van het spoor") if aanvulling
                            else (uit.sinds or meldcode.gestart, uit.sinds_wat))
        if item.datum < grens:
            uit.fouten.append(f"{wie}: {_beschrijf(naam)} ({item.datum}) ligt vóór {grens_wat} "
                              f"({grens})")
            break
        voor = staat
        if soort == "stap":
            gezien.append(item)
            nummer = _stapnummer(staat)
            if nummer is not None and nummer == item.stap and not _ontbreekt(m, gezien, nummer):
                staat = mogelijk[-1]
        else:
            staat = mogelijk[0]
        if staat != voor:
            uit.sinds, uit.sinds_wat = item.datum, _beschrijf(naam)
        if soort == "afweging":
            info = m.uitkomst(item.vraag, item.antwoord)
            if not info.uitkomst.startswith("vraag "):
                uit.besluit = info.uitkomst
                uit.termijn = item.termijn if info.uitkomst == "hulp" else None
                if staat == Staat.AFGEROND:
                    uit.afgerond = item.datum
        if soort == "melding":
            uit.afgerond = item.datum
    uit.staat = staat
    if staat in STAP_STATEN:
        uit.ontbreekt = _ontbreekt(m, gezien, STAP_STATEN.index(staat) + 1)
    if not uit.fouten and meldcode.besluit != uit.besluit:
        uit.fouten.append(f"{wie}: besluit in het plan ({meldcode.besluit or 'geen'}) klopt "
                          f"niet met de afwegingen ({uit.besluit or 'geen'})")
    if not uit.fouten and meldcode.afgerond != uit.afgerond:
        uit.fouten.append(f"{wie}: afgerond in het plan ({meldcode.afgerond or 'niet'}) klopt "
                          f"niet met de afwegingen en meldingen ({uit.afgerond or 'niet'})")
    melddatum = meldcode.meldingen[0].datum if meldcode.meldingen else None
    for t in meldcode.terugkoppelingen:
        if melddatum is None:
            uit.fouten.append(f"{wie}: een terugkoppeling van Veilig Thuis zonder melding")
        elif t.datum < melddatum:
            uit.fouten.append(f"{wie}: de terugkoppeling ({t.datum}) ligt vóór de melding "
                              f"({melddatum})")
    if meldcode.geannuleerd is not None:
        if meldcode.geannuleerd.datum < meldcode.gestart:
            uit.fouten.append(f"{wie}: geannuleerd ({meldcode.geannuleerd.datum}) vóór de start "
                              f"({meldcode.gestart})")
        uit.staat = Staat.GEANNULEERD
    return uit


def fouten(plan: Plan, m: Machine) -> list[str]:
    """Wat er in de sporen van een (met de hand bewerkt) plan niet klopt: elk spoor door de
    tabel, de sporen na elkaar en hoogstens één lopend spoor."""
    uit: list[str] = []
    gezien: set[str] = set()
    for i, spoor in enumerate(plan.meldcode):
        uit.extend(toestand(spoor, m).fouten)
        if spoor.id in gezien:
            uit.append(f"meldcodespoor {spoor.id} komt twee keer voor")
        gezien.add(spoor.id)
        if spoor.gestart < plan.kind.geboortedatum:
            uit.append(f"meldcodespoor {spoor.id}: gestart ({spoor.gestart}) vóór de "
                       "geboortedatum van het kind")
        if i + 1 < len(plan.meldcode):
            volgend = plan.meldcode[i + 1]
            einde = _einde(spoor)
            if einde is None:
                uit.append(f"meldcodespoor {volgend.id} is gestart terwijl spoor {spoor.id} nog "
                           "loopt (er loopt hoogstens één spoor tegelijk)")
            elif volgend.gestart < einde:
                uit.append(f"meldcodespoor {volgend.id}: gestart ({volgend.gestart}) vóór het "
                           f"einde van spoor {spoor.id} ({einde})")
        bekend = {s.id for s in plan.signalen}
        for sid in spoor.signalen:
            if sid not in bekend:
                uit.append(f"meldcodespoor {spoor.id}: onbekend signaal {sid!r}")
    return uit


def _einde(spoor: Meldcode) -> date | None:
    if spoor.geannuleerd is not None:
        return spoor.geannuleerd.datum
    return spoor.afgerond


def _beschrijf(gebeurtenis: str) -> str:
    if gebeurtenis.startswith("stap-"):
        return f"stap {gebeurtenis[5:]}"
    if gebeurtenis.startswith("overslaan-"):
        return f"stap {gebeurtenis[10:]} overslaan"
    if gebeurtenis.startswith("vraag-"):
        nummer, antwoord = gebeurtenis[6:].split(":")
        return f"afwegingsvraag {nummer} ({antwoord})"
    return {"melding": "de melding", "start": "de start"}.get(gebeurtenis, gebeurtenis)


def _staat_tekst(m: Machine, staat: Staat) -> str:
    if staat in STAP_STATEN:
        return m.stap_titel(STAP_STATEN.index(staat) + 1).lower()
    if staat in VRAAG_STATEN:
        return f"afwegingsvraag {VRAAG_STATEN.index(staat) + 1}"
    return {Staat.MELDEN: "het besluit melden", Staat.AFGEROND: "de afronding",
            Staat.NIET_GESTART: "de start", Staat.GEANNULEERD: "de annulering"}[staat]


# --- wat moet er nu gebeuren ------------------------------------------------------------


@dataclass
class Advies:
    """Het antwoord van `meldcode next`: waar staat het spoor en wat moet er nu gebeuren."""

    id: str
    status: str
    staat: str
    stap: int | None
    titel: str
    uitleg: str
    ontbreekt: list[str]
    afweging: int | None
    vraag: str | None
    antwoorden: dict[str, str]
    besluit: str | None
    termijn: date | None
    termijn_verstreken: bool
    opdracht: str | None
    waarschuwingen: list[str]
    gestart: date | None = None
    door: str | None = None
    andere_plicht: dict[str, Any] | None = None
    veilig_thuis: str = "0800-2000"
    spoor: int | None = None
    """Het volgnummer (1, 2, ...) van het lopende of nieuwste spoor."""
    spoor_id: str | None = None
    terugkoppeling: date | None = None
    """Na een melding: uiterlijk wanneer Veilig Thuis naar verwachting terugkoppelt (zolang
    er geen terugkoppeling is vastgelegd)."""

    def als_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "stap": self.stap, "titel": self.titel,
            "ontbreekt": self.ontbreekt, "afweging": self.afweging, "besluit": self.besluit,
            "termijn": self.termijn.isoformat() if self.termijn else None,
            "waarschuwingen": self.waarschuwingen,
            "staat": self.staat, "uitleg": self.uitleg, "vraag": self.vraag,
            "antwoorden": self.antwoorden, "termijn_verstreken": self.termijn_verstreken,
            "opdracht": self.opdracht,
            "gestart": self.gestart.isoformat() if self.gestart else None, "door": self.door,
            "andere_plicht": self.andere_plicht, "veilig_thuis": self.veilig_thuis,
            "spoor": self.spoor, "spoor_id": self.spoor_id,
            "terugkoppeling": self.terugkoppeling.isoformat() if self.terugkoppeling else None,
        }


def andere_plicht(plan: Plan, m: Machine) -> dict[str, Any] | None:
    """De aparte meldplicht als het plan een signaal heeft over een mogelijk zedendelict door
    iemand met taken op school (WPO/WEC art. 4a), met haar stappen."""
    plicht = m.d.andere_plicht
    signalen = [s.id for s in plan.signalen if s.domein == plicht.domein]
    if not signalen:
        return None
    return {
        "titel": plicht.titel,
        "uitleg": " ".join(plicht.uitleg.split()),
        "wie": plicht.wie,
        "voor_wie": " ".join(plicht.voor_wie.split()),
        "vertrouwensinspecteur": plicht.vertrouwensinspecteur,
        "signalen": ", ".join(signalen),
        "stappen": [{"wie": s.wie, "wat": " ".join(s.wat.split()), "bron": s.bron}
                    for s in plicht.stappen],
        "naast_meldcode": " ".join(plicht.naast_meldcode.split()),
        "bron": plicht.bron,
        "onzeker": plicht.onzeker,
    }


def _plicht_tekst(plicht: dict[str, Any]) -> str:
    stappen = "; ".join(f"{i}. {s['wie']} {s['wat']}" for i, s in enumerate(plicht["stappen"], 1))
    return (f"signaal {plicht['signalen']}: {plicht['titel'].lower()}. {plicht['uitleg']} "
            f"Stappen: {stappen}. Vertrouwensinspecteur: {plicht['vertrouwensinspecteur']}.")


def _uitkomst_tekst(info: Antwoord) -> str:
    if info.uitkomst.startswith("vraag "):
        return f"door naar afwegings{info.uitkomst}"
    return info.uitleg or info.uitkomst


def _antwoorden(m: Machine, nummer: int) -> dict[str, str]:
    uit = {}
    for antwoord, info in m.vraag_van(nummer).antwoorden.items():
        tekst = _uitkomst_tekst(info)
        velden = [m.d.afweging_velden[v].optie for v in info.vereist]
        if velden:
            tekst += f" (verplicht: {', '.join(velden)})"
        uit[antwoord] = tekst
    return uit


def _start_advies(advies: Advies, plan: Plan, open_: list[Signaal]) -> None:
    """Er loopt geen spoor: wijs op (een nieuw) spoor bij een open signaal over veiligheid."""
    advies.opdracht = f"jeugdplan meldcode start {plan.id}"
    if not open_:
        return
    ids = ", ".join(s.id for s in open_)
    if plan.meldcode:
        advies.titel = f"Nieuw vermoeden: start meldcodespoor {len(plan.meldcode) + 1}"
        advies.uitleg = ("Elk nieuw vermoeden van huiselijk geweld of kindermishandeling begint "
                         "een nieuw spoor bij stap 1; de eerdere sporen blijven in het dossier "
                         "en tellen mee bij het wegen.")
        advies.waarschuwingen.insert(0, f"nieuw signaal over veiligheid na het vorige spoor: "
                                        f"{ids}; start een nieuw meldcodespoor")
    else:
        advies.waarschuwingen.insert(0, f"er is een veiligheidssignaal ({ids}); start de "
                                        "meldcode")


def volgende(plan: Plan, vandaag: date, m: Machine) -> Advies:
    """Wat moet er nu gebeuren in het (nieuwste) meldcodespoor van dit plan (`meldcode next`)."""
    mc = laatste(plan)
    t = toestand(mc, m)
    plicht = andere_plicht(plan, m)
    waarschuwingen: list[str] = fouten(plan, m)
    vt = m.d.veilig_thuis.telefoon
    advies = Advies(
        id=plan.id, status="lopend", staat=t.staat.value, stap=None, titel="", uitleg="",
        ontbreekt=list(t.ontbreekt), afweging=None, vraag=None, antwoorden={},
        besluit=t.besluit, termijn=t.termijn, termijn_verstreken=False, opdracht=None,
        waarschuwingen=waarschuwingen, gestart=mc.gestart if mc else None,
        door=mc.door if mc else None, andere_plicht=plicht, veilig_thuis=vt,
        spoor=len(plan.meldcode) or None, spoor_id=mc.id if mc else None,
    )
    ident = plan.id
    open_ = open_signalen(plan)
    if mc is None:
        advies.status = "niet-gestart"
        if plicht is not None and not open_:
            advies.titel = plicht["titel"]
            advies.uitleg = (f"Dit is niet de meldcode. Meld het direct bij {plicht['wie']}; "
                             "het bestuur overlegt met de vertrouwensinspecteur "
                             f"({plicht['vertrouwensinspecteur']}). {plicht['naast_meldcode']}")
            waarschuwingen.append(_plicht_tekst(plicht))
            return advies
        advies.titel = "Meldcode niet gestart"
        advies.uitleg = ("Start de meldcode bij een vermoeden van huiselijk geweld of "
                         "kindermishandeling; daarna wijst 'meldcode next' elke stap.")
        _start_advies(advies, plan, open_)
        if plicht is not None:
            waarschuwingen.append(_plicht_tekst(plicht))
        return advies
    if plicht is not None:
        waarschuwingen.append(_plicht_tekst(plicht))
    if t.staat == Staat.GEANNULEERD:
        advies.status = "geannuleerd"
        assert mc.geannuleerd is not None
        advies.titel = f"Meldcodespoor {advies.spoor} geannuleerd"
        advies.uitleg = (f"Geannuleerd op {mc.geannuleerd.datum} door {mc.geannuleerd.door}: "
                         f"{mc.geannuleerd.reden}")
        if open_:
            _start_advies(advies, plan, open_)
    elif t.staat == Staat.AFGEROND:
        advies.status = "afgerond"
        advies.titel = f"Meldcodespoor {advies.spoor} afgerond"
        advies.uitleg = (f"Afgerond op {t.afgerond} met besluit "
                         f"'{m.d.besluiten[t.besluit or 'afsluiten']}'.")
        if mc.meldingen:
            advies.uitleg += " " + " ".join(m.d.na_melding.uitleg.split())
            verwacht = mc.meldingen[0].terugkoppeling_verwacht
            if not mc.terugkoppelingen and verwacht is not None:
                advies.terugkoppeling = verwacht
                advies.opdracht = (f'jeugdplan meldcode terugkoppeling {ident} --datum '
                                   'JJJJ-MM-DD --notitie "..."')
                if verwacht < vandaag:
                    waarschuwingen.append(
                        f"Veilig Thuis heeft nog niet teruggekoppeld (verwacht uiterlijk "
                        f"{verwacht}): vraag het na bij Veilig Thuis ({vt})")
        if open_:
            _start_advies(advies, plan, open_)
    elif t.staat in STAP_STATEN:
        nummer = STAP_STATEN.index(t.staat) + 1
        stap = m.stap(nummer)
        advies.stap, advies.titel = nummer, m.stap_titel(nummer)
        advies.uitleg = " ".join(stap.uitleg.split())
        advies.opdracht = _stap_opdracht(m, ident, nummer, t.ontbreekt)
        if nummer == 3:
            advies.uitleg += " Gronden om over te slaan: " + "; ".join(
                f"{g}: {' '.join(tekst.split())}" for g, tekst in m.gronden.items())
    elif t.staat in VRAAG_STATEN:
        nummer = VRAAG_STATEN.index(t.staat) + 1
        vraag = m.vraag_van(nummer)
        advies.stap = vraag.stap
        advies.titel = f"{m.stap_titel(advies.stap)} — afwegingsvraag {nummer}"
        advies.afweging, advies.vraag = nummer, vraag.vraag
        advies.antwoorden = _antwoorden(m, nummer)
        advies.uitleg = " ".join((vraag.hulptekst or "").split()) or " ".join(
            m.stap(advies.stap).uitleg.split())
        keuzes = "|".join(advies.antwoorden)
        advies.opdracht = f"jeugdplan meldcode afweging {ident} {nummer} {keuzes}"
        if t.staat == Staat.HULP and t.termijn is not None:
            advies.uitleg = (f"De hulp loopt; beantwoord vraag 5 uiterlijk op {t.termijn}. "
                             + advies.uitleg).strip()
            if t.termijn < vandaag:
                advies.termijn_verstreken = True
                dagen = (vandaag - t.termijn).days
                waarschuwingen.append(
                    f"de termijn voor afwegingsvraag 5 ({t.termijn}) is {aantal(dagen, 'dag')} "
                    "verstreken: beantwoord vraag 5 nu; leidt de hulp niet tot de nodige "
                    "veiligheid, dan alsnog melden bij Veilig Thuis")
    elif t.staat == Staat.MELDEN:
        advies.stap, advies.titel = 5, m.stap_titel(5) + " — melden bij Veilig Thuis"
        advies.ontbreekt = ["melding"]
        advies.uitleg = (f"Meld bij Veilig Thuis ({vt}, dag en nacht) en leg de melding vast: "
                         "datum, wat is gemeld, wie erover is geïnformeerd en hun reactie. "
                         + " ".join(m.d.wettelijk.meldrecht.split()))
        advies.opdracht = (f'jeugdplan meldcode melding {ident} --datum JJJJ-MM-DD '
                           '--notitie "..." --geinformeerd "..." --reactie "..."')
    if advies.spoor is not None and advies.status == "lopend" and len(plan.meldcode) > 1:
        advies.titel = f"Spoor {advies.spoor}, {advies.titel[0].lower()}{advies.titel[1:]}"
    waarschuwingen.extend(dossier_gaten(mc, m))
    return advies


def _stap_opdracht(m: Machine, ident: str, nummer: int, ontbreekt: list[str]) -> str:
    delen = [f"jeugdplan meldcode stap {ident} {nummer} --notitie \"...\""]
    for veld in ("met", "kindcheck", "reactie"):
        if veld in ontbreekt or veld in m.stap(nummer).aanbevolen:
            delen.append(f"--{veld} \"...\"")
    opdracht = " ".join(delen)
    if nummer == 3:
        gronden = "|".join(m.gronden)
        opdracht += f"  (of: jeugdplan meldcode overslaan {ident} 3 --grond {gronden} --reden \"...\")"
    return opdracht


def dossier_gaten(mc: Meldcode, m: Machine) -> list[str]:
    """Wat het dossier hoort te bevatten maar (nog) mist: waarschuwingen, geen weigering."""
    uit: list[str] = []
    aanbevolen_stap = m.stap(3).aanbevolen
    stap3 = [s for s in mc.stappen if s.stap == 3]
    if stap3 and not _ontbreekt(m, mc.stappen, 3):
        gedekt = _gedekt(mc.stappen, 3)
        for veld in aanbevolen_stap:
            if veld not in gedekt:
                uit.append(f"stap 3: {m.stap(3).velden[veld]} is niet vastgelegd (--{veld})")
    for a in mc.afwegingen:
        if a.antwoord not in m.vraag_van(a.vraag).antwoorden:
            continue
        for veld, wat in m.uitkomst(a.vraag, a.antwoord).aanbevolen.items():
            if not getattr(a, veld, None):
                optie = m.d.afweging_velden[veld].optie
                uit.append(f"afwegingsvraag {a.vraag}: {wat} is niet vastgelegd ({optie})")
    for x in mc.meldingen:
        for veld in m.d.melding.aanbevolen:
            if not getattr(x, veld, None):
                uit.append(f"melding {x.datum}: {m.d.melding.velden[veld]} is niet "
                           f"vastgelegd (--{veld})")
    return uit


def status_overzicht(plannen: Iterable[Plan], vandaag: date,
                     m: Machine) -> list[Advies]:
    """Alle lopende meldcodesporen: verstreken termijnen eerst, dan op termijn en id."""
    return lopend(spoor(p, vandaag, m) for p in plannen)


def spoor(plan: Plan, vandaag: date, m: Machine) -> Advies | None:
    """Het advies voor het lopende spoor van een open plan (None: er loopt geen spoor)."""
    mc = laatste(plan)
    if mc is None or is_gesloten(mc) or plan.status == "afgesloten":
        return None
    return volgende(plan, vandaag, m)


def lopend(adviezen: Iterable[Advies | None]) -> list[Advies]:
    uit = [a for a in adviezen if a is not None and a.status == "lopend"]
    return sorted(uit, key=lambda a: (not a.termijn_verstreken,
                                      a.termijn or date.max, a.id))


def plus_werkdagen(dag: date, werkdagen: int) -> date:
    """`werkdagen` werkdagen (maandag tot en met vrijdag) na `dag` (feestdagen niet)."""
    uit = dag
    while werkdagen > 0:
        uit += timedelta(days=1)
        if uit.weekday() < 5:
            werkdagen -= 1
    return uit


# --- gebeurtenissen: het plan aanpassen (of weigeren) ---------------------------------------


def _weiger_algemeen(plan: Plan, datum: date, vandaag: date) -> None:
    if plan.status == "afgesloten":
        raise JeugdplanError(f"casus {plan.id} is afgesloten; het meldcodespoor wijzigt niet meer")
    if datum > vandaag:
        raise JeugdplanError(f"de datum ({datum}) ligt in de toekomst")
    mc = laatste(plan)
    if mc is not None and not is_gesloten(mc) and datum < mc.gestart:
        raise JeugdplanError(
            f"de datum ({datum}) ligt vóór de start van de meldcode ({mc.gestart})")


def _huidig(plan: Plan, m: Machine) -> Toestand:
    problemen = fouten(plan, m)
    if problemen:
        raise JeugdplanError(
            "het meldcodespoor in plan.yaml klopt niet: " + "; ".join(problemen)
            + "; herstel het eerst met 'jeugdplan edit'")
    return toestand(laatste(plan), m)


def _nu_nodig(m: Machine, plan: Plan, t: Toestand) -> str:
    """Zegt in één zin wat er in de huidige toestand eerst moet gebeuren."""
    ident = plan.id
    if t.staat == Staat.NIET_GESTART:
        return f"de meldcode is nog niet gestart ('jeugdplan meldcode start {ident}')"
    if t.staat in STAP_STATEN:
        nummer = STAP_STATEN.index(t.staat) + 1
        wat = f"stap {nummer} ({m.stap(nummer).titel.lower()})"
        velden = ", ".join(t.ontbreekt)
        if nummer == 3:
            return (f"{wat} is nog niet vastgelegd of geldig overgeslagen; ontbreekt: {velden} "
                    f"('jeugdplan meldcode stap {ident} 3 --notitie ... --met ...' of "
                    f"'jeugdplan meldcode overslaan {ident} 3 --grond ... --reden ...')")
        opties = " ".join(f"--{v} ..." for v in t.ontbreekt)
        return (f"{wat} is nog niet compleet; ontbreekt: {velden} "
                f"('jeugdplan meldcode stap {ident} {nummer} {opties}')")
    if t.staat in VRAAG_STATEN:
        nummer = VRAAG_STATEN.index(t.staat) + 1
        return f"eerst afwegingsvraag {nummer} beantwoorden ({m.vraag_van(nummer).vraag})"
    if t.staat == Staat.MELDEN:
        return ("het besluit is melden; leg eerst de melding aan Veilig Thuis vast "
                f"('jeugdplan meldcode melding {ident} --datum ... --notitie ...')")
    nieuw = (f"; bij een nieuw vermoeden: 'jeugdplan meldcode start {ident}' (een nieuw spoor)")
    if t.staat == Staat.GEANNULEERD:
        return f"het meldcodespoor is geannuleerd{nieuw}"
    return f"het meldcodespoor is afgerond op {t.afgerond}{nieuw}"


def _pas_toe(plan: Plan, gebeurtenis: str, wat: str, datum: date, m: Machine) -> Toestand:
    """Controleert een gebeurtenis tegen de tabel en de chronologie; weigert met wat er
    ontbreekt."""
    t = _huidig(plan, m)
    if m.toegestaan(t.staat, gebeurtenis) is None:
        raise JeugdplanError(f"{wat} kan nu niet: {_nu_nodig(m, plan, t)}")
    aanvulling = (gebeurtenis.startswith("stap-")
                  and int(gebeurtenis[5:]) != _stapnummer(t.staat))
    if not aanvulling and t.sinds is not None and datum < t.sinds:
        raise JeugdplanError(f"{wat} kan niet op {datum}: dat ligt vóór {t.sinds_wat} "
                             f"({t.sinds})")
    return t


def _na(plan: Plan, m: Machine) -> Toestand:
    """Na een wijziging: de nieuwe toestand, besluit en afronding bijwerken."""
    mc = laatste(plan)
    assert mc is not None
    t = toestand(mc, m)
    mc.besluit = t.besluit  # type: ignore[assignment]
    mc.afgerond = t.afgerond
    return t


def start(plan: Plan, *, datum: date, door: str, vandaag: date,
          m: Machine) -> str:
    _weiger_algemeen(plan, datum, vandaag)
    if datum < plan.kind.geboortedatum:
        raise JeugdplanError(f"de datum ({datum}) ligt vóór de geboortedatum van het kind")
    _huidig(plan, m)
    vorig = laatste(plan)
    if vorig is not None and not is_gesloten(vorig):
        raise JeugdplanError(
            f"de meldcode is al gestart op {vorig.gestart} door {vorig.door} (spoor "
            f"{len(plan.meldcode)}); er loopt één spoor tegelijk: een nieuw signaal hoort bij "
            f"dit spoor (aanvullen in stap 1 mag tot het besluit). Zie 'jeugdplan meldcode "
            f"next {plan.id}'")
    open_ = open_signalen(plan)
    plicht = andere_plicht(plan, m)
    if plicht is not None and not open_:
        raise JeugdplanError(
            f"de meldcode start niet: {_plicht_tekst(plicht)} Leg dit vast in het journaal. "
            "Is er daarnaast een ander vermoeden van huiselijk geweld of kindermishandeling, "
            f"leg dat dan vast als signaal met domein veiligheid ('jeugdplan signaal add "
            f"{plan.id} --domein veiligheid ...'); daarvoor geldt de meldcode wel.")
    if vorig is not None:
        einde = _einde(vorig)
        assert einde is not None
        if not open_:
            raise JeugdplanError(
                f"meldcodespoor {len(plan.meldcode)} is "
                f"{'geannuleerd' if vorig.geannuleerd else 'afgerond'} op {einde}; een nieuw "
                "spoor begint bij een nieuw vermoeden: leg dat eerst vast als signaal "
                f"('jeugdplan signaal add {plan.id} --domein veiligheid --omschrijving ...')")
        if datum < einde:
            raise JeugdplanError(
                f"de start ({datum}) ligt vóór het einde van het vorige spoor {vorig.id} "
                f"({einde})")
    from jeugdplan.domein.model import Meldcode, volgend_id

    spoor_id = volgend_id(plan.meldcode, "m")
    plan.meldcode.append(Meldcode(id=spoor_id, gestart=datum, door=door,
                                  signalen=[s.id for s in open_]))
    if len(plan.meldcode) == 1:
        return "meldcode gestart"
    return f"meldcode: nieuw spoor {len(plan.meldcode)} ({spoor_id}) gestart"


def leg_stap_vast(plan: Plan, nummer: int, *, notitie: str, met: str | None,
                  kindcheck: str | None, reactie: str | None, datum: date, door: str,
                  vandaag: date, m: Machine) -> str:
    from jeugdplan.domein.model import MeldcodeStap, voeg_toe

    if nummer not in (1, 2, 3):
        raise JeugdplanError(
            f"stap {nummer} bestaat niet als aparte aantekening: stap 1, 2 en 3 leg je vast met "
            "'meldcode stap'; stap 4 en 5 met 'meldcode afweging' en 'meldcode melding'")
    stap = m.stap(nummer)
    toegestaan = set(stap.vereist) | set(stap.optioneel)
    for veld, waarde in (("met", met), ("kindcheck", kindcheck), ("reactie", reactie)):
        if waarde is not None and veld not in toegestaan:
            hoort = [s for s, d in m.stappen.items()
                     if veld in set(d.vereist) | set(d.optioneel)]
            raise JeugdplanError(
                f"--{veld} hoort niet bij stap {nummer}"
                + (f" maar bij stap {', '.join(map(str, hoort))}" if hoort else ""))
    _weiger_algemeen(plan, datum, vandaag)
    wat = f"stap {nummer} ({stap.titel.lower()}) vastleggen"
    huidig = _huidig(plan, m)
    if huidig.besluit is not None and huidig.staat not in (Staat.AFGEROND, Staat.GEANNULEERD):
        raise JeugdplanError(
            f"{wat} kan niet meer: het besluit ({huidig.besluit}) is genomen; leg verdere "
            f"aantekeningen vast met 'jeugdplan journaal add {plan.id} --tekst ...'")
    _pas_toe(plan, gebeurtenis_stap(nummer), wat, datum, m)
    mc = laatste(plan)
    assert mc is not None
    if nummer == 3 and mc.overgeslagen:
        raise JeugdplanError(f"{wat} kan niet: stap 3 is overgeslagen "
                             f"(grond: {mc.overgeslagen[0].grond})")
    voeg_toe(mc.stappen, MeldcodeStap,
        stap=nummer, datum=datum, door=door, notitie=notitie, met=met, kindcheck=kindcheck,
        reactie=reactie)
    na = _na(plan, m)
    compleet = ""
    if na.staat in STAP_STATEN and STAP_STATEN.index(na.staat) + 1 == nummer:
        compleet = f"; nog niet compleet (ontbreekt: {', '.join(na.ontbreekt)})"
    return f"meldcode stap {nummer} vastgelegd{compleet}"


def sla_over(plan: Plan, nummer: int, *, grond: str | None, reden: str | None, datum: date,
             door: str, vandaag: date, m: Machine) -> str:
    from jeugdplan.domein.model import MeldcodeOverslaan, voeg_toe

    if nummer != m.d.overslaan.stap:
        raise JeugdplanError(
            f"alleen stap {m.d.overslaan.stap} (gesprek met ouders en/of kind) mag "
            f"worden overgeslagen, niet stap {nummer}")
    gronden = ", ".join(m.gronden)
    if grond is None:
        raise JeugdplanError(f"stap 3 overslaan kan alleen op een van de gronden {gronden}: "
                             "geef --grond")
    if grond not in m.gronden:
        raise JeugdplanError(
            f"{grond!r} is geen grond om stap 3 over te slaan; alleen: {gronden} "
            "(veiligheid van kind, beroepskracht of anderen; of het gezin verbreekt het contact)")
    if reden is None or not reden.strip():
        raise JeugdplanError("stap 3 overslaan kan alleen met een vastgelegde reden: geef "
                             "--reden met de concrete aanwijzingen")
    _weiger_algemeen(plan, datum, vandaag)
    t = _pas_toe(plan, "overslaan-3", "stap 3 overslaan", datum, m)
    mc = laatste(plan)
    assert mc is not None
    if any(s.stap == 3 for s in mc.stappen):
        raise JeugdplanError("stap 3 overslaan kan niet: het gesprek is al (deels) vastgelegd; "
                             f"ontbreekt nog: {', '.join(t.ontbreekt)}")
    voeg_toe(mc.overgeslagen, MeldcodeOverslaan,
        stap=3, grond=grond, reden=reden, datum=datum, door=door)
    _na(plan, m)
    return f"meldcode stap 3 overgeslagen (grond: {grond})"


def beantwoord(plan: Plan, nummer: int, antwoord: str, *, toelichting: str | None,
               termijn: date | None, casemanager: str | None, datum: date, door: str,
               vandaag: date, m: Machine) -> str:
    from jeugdplan.domein.model import MeldcodeAfweging, voeg_toe

    if nummer not in m.vragen:
        raise JeugdplanError(f"afwegingsvraag {nummer} bestaat niet; kies 1 tot en met "
                             f"{max(m.vragen)}")
    antwoord = antwoord.strip().lower()
    if antwoord not in ANTWOORDEN:
        raise JeugdplanError(f"antwoord {antwoord[:20]!r} onbekend; kies ja, nee of twijfel")
    vraag = m.vraag_van(nummer)
    if antwoord not in vraag.antwoorden:
        waar = [str(n) for n, v in m.vragen.items() if antwoord in v.antwoorden]
        raise JeugdplanError(
            f"'{antwoord}' kan niet bij afwegingsvraag {nummer}; beantwoord met "
            f"{' of '.join(vraag.antwoorden)}"
            + (f" (twijfel kan alleen bij vraag {', '.join(waar)}: in de onderwijsvariant "
               "telt twijfel daar als ja, dus melden)" if waar else ""))
    _weiger_algemeen(plan, datum, vandaag)
    wat = f"afwegingsvraag {nummer} beantwoorden"
    t = _huidig(plan, m)
    mc = laatste(plan)
    if m.toegestaan(t.staat, gebeurtenis_vraag(nummer, antwoord)) is None:
        eerder = [a for a in (mc.afwegingen if mc and not is_gesloten(mc) else [])
                  if a.vraag == nummer]
        if eerder:
            raise JeugdplanError(
                f"afwegingsvraag {nummer} is al beantwoord ({eerder[-1].antwoord}, "
                f"{eerder[-1].datum}); een antwoord wordt niet gewijzigd. Nu: "
                f"{_nu_nodig(m, plan, t)}")
        raise JeugdplanError(f"{wat} kan nu niet: {_nu_nodig(m, plan, t)}")
    _pas_toe(plan, gebeurtenis_vraag(nummer, antwoord), wat, datum, m)
    info = m.uitkomst(nummer, antwoord)
    vereist = info.vereist
    mogelijk = {"toelichting", *vereist, *info.aanbevolen}
    waarden = {"toelichting": toelichting, "termijn": termijn, "casemanager": casemanager}
    velden = m.d.afweging_velden
    for veld, waarde in waarden.items():
        if waarde is not None and veld not in mogelijk:
            raise JeugdplanError(f"{velden[veld].optie} hoort niet bij vraag {nummer} "
                                 f"{antwoord} ({velden[veld].uitleg})")
    for veld, wat in vereist.items():
        if waarden[veld] is None:
            raise JeugdplanError(
                f"vraag {nummer} {antwoord} ({info.uitleg or info.uitkomst}) vraagt "
                f"{velden[veld].optie}: {wat}")
    if termijn is not None and termijn <= datum:
        raise JeugdplanError(f"de termijn ({termijn}) moet na de datum van de afweging "
                             f"({datum}) liggen")
    assert mc is not None
    voeg_toe(mc.afwegingen, MeldcodeAfweging,
        vraag=nummer, antwoord=antwoord, datum=datum, door=door,
        toelichting=toelichting, termijn=termijn, casemanager=casemanager)
    na = _na(plan, m)
    uitkomst = info.uitkomst if na.besluit is None or info.uitkomst.startswith("vraag") \
        else f"besluit: {na.besluit}"
    return f"meldcode afwegingsvraag {nummer}: {antwoord} -> {uitkomst}"


def leg_melding_vast(plan: Plan, *, datum: date, notitie: str, geinformeerd: str | None,
                     reactie: str | None, door: str, vandaag: date, m: Machine,
                     hulp: str | None = None) -> str:
    from jeugdplan.domein.model import MeldcodeMelding, voeg_toe

    _weiger_algemeen(plan, datum, vandaag)
    _pas_toe(plan, "melding", "de melding vastleggen", datum, m)
    mc = laatste(plan)
    assert mc is not None
    verwacht = plus_werkdagen(datum, m.d.terugkoppeling.werkdagen)
    voeg_toe(mc.meldingen, MeldcodeMelding,
        datum=datum, door=door, notitie=notitie, geinformeerd=geinformeerd, reactie=reactie,
        hulp=hulp, terugkoppeling_verwacht=verwacht)
    _na(plan, m)
    return "meldcode: melding aan Veilig Thuis vastgelegd; spoor afgerond"


def leg_terugkoppeling_vast(plan: Plan, *, datum: date, notitie: str, door: str,
                            vandaag: date, m: Machine, nummer: int | None = None) -> str:
    """De terugkoppeling van Veilig Thuis na een melding (standaard: het nieuwste gemelde
    spoor). De rol van de school gaat door na de melding."""
    from jeugdplan.domein.model import MeldcodeTerugkoppeling, voeg_toe

    if plan.status == "afgesloten":
        raise JeugdplanError(f"casus {plan.id} is afgesloten; het meldcodespoor wijzigt niet meer")
    if datum > vandaag:
        raise JeugdplanError(f"de datum ({datum}) ligt in de toekomst")
    _huidig(plan, m)
    if nummer is not None:
        spoor_ = kies_spoor(plan, nummer)
    else:
        met_melding = gemeld(plan)
        if not met_melding:
            raise JeugdplanError(
                f"een terugkoppeling van Veilig Thuis hoort bij een spoor dat in een melding "
                f"eindigde; casus {plan.id} heeft (nog) geen melding "
                f"('jeugdplan meldcode next {plan.id}')")
        nummer, spoor_ = met_melding[-1]
    if not spoor_.meldingen:
        raise JeugdplanError(f"meldcodespoor {nummer} eindigde niet in een melding; een "
                             "terugkoppeling van Veilig Thuis hoort bij een melding")
    melding = spoor_.meldingen[0]
    if datum < melding.datum:
        raise JeugdplanError(f"de terugkoppeling ({datum}) ligt vóór de melding "
                             f"({melding.datum})")
    voeg_toe(spoor_.terugkoppelingen, MeldcodeTerugkoppeling, datum=datum, door=door,
             notitie=notitie)
    return f"meldcode: terugkoppeling van Veilig Thuis vastgelegd (spoor {nummer})"


def annuleer(plan: Plan, *, reden: str, datum: date, door: str, vandaag: date,
             m: Machine) -> str:
    """Een per vergissing gestart spoor annuleren: het blijft met reden in het plan en in de
    geschiedenis staan. Een afgerond spoor (een besluit of een melding) annuleer je niet."""
    from jeugdplan.domein.model import MeldcodeAnnulering

    _weiger_algemeen(plan, datum, vandaag)
    if not reden.strip():
        raise JeugdplanError("annuleren kan alleen met een reden (--reden)")
    t = _huidig(plan, m)
    mc = laatste(plan)
    if mc is None or t.staat == Staat.NIET_GESTART:
        raise JeugdplanError(f"casus {plan.id} heeft geen lopend meldcodespoor om te annuleren")
    if t.staat == Staat.GEANNULEERD:
        raise JeugdplanError(f"meldcodespoor {len(plan.meldcode)} is al geannuleerd")
    if t.staat == Staat.AFGEROND:
        raise JeugdplanError(
            f"meldcodespoor {len(plan.meldcode)} is afgerond op {t.afgerond} (besluit: "
            f"{t.besluit}); een afgerond spoor wordt niet geannuleerd, het blijft in het dossier")
    mc.geannuleerd = MeldcodeAnnulering(datum=datum, door=door, reden=reden)
    return f"meldcodespoor {len(plan.meldcode)} ({mc.id}) geannuleerd"


# --- het dossier (voor `report meldcode`) --------------------------------------------------


def dossier(plan: Plan, vandaag: date, m: Machine, nummer: int | None = None) -> dict[str, Any]:
    """De context voor het sjabloon `meldcode.<formaat>.j2`: één spoor (standaard het
    nieuwste), met de andere sporen als verwijzing (de geschiedenis telt mee bij het wegen).

    Alleen wat het meldcodedossier nodig heeft: geen naam of geboortedatum van het kind, geen
    contactgegevens of andere delen van het plan.
    """
    mc = kies_spoor(plan, nummer)
    volgnummer = nummer_van(plan, mc)
    t = toestand(mc, m)
    advies = volgende(plan, vandaag, m) if mc is laatste(plan) else None
    stappen = []
    for n in (1, 2, 3):
        stap = m.stap(n)
        stappen.append({
            "nummer": n, "titel": stap.titel,
            "aantekeningen": [s for s in mc.stappen if s.stap == n],
            "overgeslagen": [o for o in mc.overgeslagen if o.stap == n],
        })
    afwegingen = [{
        "vraag": a.vraag, "stap": m.vraag_van(a.vraag).stap,
        "tekst": m.vraag_van(a.vraag).vraag, "antwoord": a.antwoord,
        "uitkomst": _uitkomst_tekst(m.uitkomst(a.vraag, a.antwoord)),
        "datum": a.datum, "door": a.door, "toelichting": a.toelichting,
        "termijn": a.termijn, "casemanager": a.casemanager,
    } for a in mc.afwegingen]
    signalen = [s for s in plan.signalen if s.domein == VEILIGHEID
                and (s.id in mc.signalen or (not mc.signalen and _gedekt_door(s, mc)))]
    andere = [{"nummer": i, "id": s.id, "gestart": s.gestart, "afgerond": s.afgerond,
               "besluit": m.d.besluiten.get(s.besluit) if s.besluit else None,
               "geannuleerd": s.geannuleerd is not None}
              for i, s in enumerate(plan.meldcode, 1) if s is not mc]
    status = {Staat.AFGEROND: "afgerond", Staat.GEANNULEERD: "geannuleerd"}.get(t.staat,
                                                                                 "lopend")
    waarschuwingen = (advies.waarschuwingen if advies is not None
                      else t.fouten + dossier_gaten(mc, m))
    return {
        "id": plan.id,
        "school": plan.kind.school,
        "onderwijssoort": plan.kind.onderwijssoort,
        "meldcode": mc,
        "spoor": volgnummer,
        "sporen": len(plan.meldcode),
        "andere_sporen": andere,
        "status": status,
        "nu": advies.titel if advies is not None and status == "lopend" else None,
        "termijn": t.termijn if status == "lopend" else None,
        "termijn_verstreken": bool(advies and advies.termijn_verstreken),
        "waarschuwingen": waarschuwingen,
        "stappen": stappen,
        "stap_titels": {n: s.titel for n, s in m.stappen.items()},
        "afwegingen": afwegingen,
        "meldingen": mc.meldingen,
        "terugkoppelingen": mc.terugkoppelingen,
        "besluit": m.d.besluiten.get(mc.besluit) if mc.besluit else None,
        "gronden": m.gronden,
        "signalen": signalen,
        "veilig_thuis": m.d.veilig_thuis,
        "bron": m.d.afwegingskader.bron,
        "vandaag": vandaag,
    }
