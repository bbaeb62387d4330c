"""Kwaliteitsindicatoren over een periode (seed 004, tip 9): alleen totalen, nooit per kind.

Indicatoren over de periode [van, tot] (beide inclusief):

- casussen: plannen die in de periode liepen; geopend (aangemeld in de periode) en gesloten.
- signaal tot hulp: dagen van het eerste signaal tot de eerste hulp (de vroegste start van
  jeugdhulp of datum van een verwijzing), voor plannen waarvan de eerste hulp in de periode
  viel: aantal, mediaan, gemiddelde. `zonder_hulp`: open op `tot`, met signaal, nog geen hulp
  (dat is niet altijd fout: veel casussen hebben alleen ondersteuning op school nodig).
- licht of specialistisch: jeugdhulp die in de periode startte; met een verwijzer is
  het niet vrij toegankelijke (specialistische) hulp, zonder verwijzer vrij toegankelijke,
  lichte hulp (Jeugdwet art. 2.3 en 2.6; een benadering, zie DOMAIN.md §2).
- over tijd op `tot`: acties (deadline voorbij, niet gedaan op `tot`), doelevaluaties (lopend
  doel, evaluatiedatum voorbij, geen evaluatie sinds die datum) en OPP-evaluaties.
- meldcode: sporen gestart, afgerond en lopend; de duur (mediaan) van afgeronde sporen en de
  besluiten.
- thuiszitters per kwartaal: de totalen van het thuiszittersrapport op het einde van elk
  kwartaal in de periode (of op `tot` voor het lopende kwartaal).

Privacy: met `per` (school of gemeente) worden groepen met minder dan de drempel aan
casussen (`data/kwaliteit.yaml`) samengevoegd tot "overige"; is ook die groep te klein, dan worden
haar cijfers niet getoond. Zo is een kind in een kleine school niet te herkennen aan een
indicator. Het totaal bevat alle casussen.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from jeugdplan.domein.gegevens import Gegevens
from jeugdplan.domein.model import Plan
from jeugdplan.domein.thuiszitters import rapport as thuiszitters_rapport
from jeugdplan.domein.verzuim import GETELD

Per = Literal["school", "gemeente"]
OVERIGE = "overige (kleine groepen)"


def _in(dag: date | None, van: date, tot: date) -> bool:
    return dag is not None and van <= dag <= tot


def _open_op(plan: Plan, dag: date) -> bool:
    return plan.aangemeld <= dag and (plan.afgesloten is None or plan.afgesloten > dag)


def _liep(plan: Plan, van: date, tot: date) -> bool:
    return plan.aangemeld <= tot and (plan.afgesloten is None or plan.afgesloten >= van)


def _mediaan(waarden: Sequence[int]) -> float | None:
    return round(float(statistics.median(waarden)), 1) if waarden else None


def _gemiddelde(waarden: Sequence[int]) -> float | None:
    return round(sum(waarden) / len(waarden), 1) if waarden else None


def eerste_hulp(plan: Plan) -> date | None:
    datums = [j.start for j in plan.jeugdhulp if j.start is not None]
    datums += [v.datum for v in plan.verwijzingen]
    return min(datums, default=None)


def indicatoren(plannen: Sequence[Plan], van: date, tot: date) -> dict[str, Any]:
    lopend = [p for p in plannen if _liep(p, van, tot)]
    open_op_tot = [p for p in plannen if _open_op(p, tot)]

    wachttijden: list[int] = []
    zonder_hulp = 0
    for p in plannen:
        signaal = min((s.datum for s in p.signalen), default=None)
        hulp = eerste_hulp(p)
        if signaal is None:
            continue
        if _in(hulp, van, tot):
            assert hulp is not None
            wachttijden.append(max(0, (hulp - signaal).days))
        elif _open_op(p, tot) and signaal <= tot and (hulp is None or hulp > tot):
            zonder_hulp += 1

    licht = specialistisch = 0
    for p in plannen:
        for j in p.jeugdhulp:
            if _in(j.start, van, tot):
                if j.verwijzer:
                    specialistisch += 1
                else:
                    licht += 1

    acties = evaluaties = opp = 0
    for p in open_op_tot:
        acties += sum(1 for a in p.acties if a.deadline is not None and a.deadline < tot
                      and (a.gedaan is None or a.gedaan > tot))
        for d in p.doelen:
            if d.status == "lopend" and d.evaluatiedatum is not None and d.evaluatiedatum < tot:
                gedaan = any(d.evaluatiedatum <= e.datum <= tot for e in p.evaluaties)
                evaluaties += not gedaan
        o = p.ondersteuning.opp
        if o is not None and o.evaluatiedatum is not None and o.evaluatiedatum < tot:
            opp += not any(o.evaluatiedatum <= e.datum <= tot for e in p.evaluaties)

    gestart = afgerond = loopt = 0
    duren: list[int] = []
    besluiten = {"afsluiten": 0, "melden": 0, "hulp": 0}
    for m in (spoor for p in plannen for spoor in p.meldcode if spoor.geannuleerd is None):
        gestart += _in(m.gestart, van, tot)
        if _in(m.afgerond, van, tot):
            assert m.afgerond is not None
            afgerond += 1
            duren.append((m.afgerond - m.gestart).days)
            if m.besluit is not None:
                besluiten[m.besluit] = besluiten.get(m.besluit, 0) + 1
        if m.gestart <= tot and (m.afgerond is None or m.afgerond > tot):
            loopt += 1

    return {
        "casussen": len(lopend),
        "geopend": sum(1 for p in plannen if _in(p.aangemeld, van, tot)),
        "gesloten": sum(1 for p in plannen if _in(p.afgesloten, van, tot)),
        "open_op_einde": len(open_op_tot),
        "signaal_tot_hulp": {
            "aantal": len(wachttijden), "mediaan_dagen": _mediaan(wachttijden),
            "gemiddeld_dagen": _gemiddelde(wachttijden), "zonder_hulp": zonder_hulp,
        },
        "hulp": {"licht": licht, "specialistisch": specialistisch},
        "over_tijd": {"acties": acties, "evaluaties": evaluaties, "opp_evaluaties": opp},
        "meldcode": {
            "gestart": gestart, "afgerond": afgerond, "lopend": loopt,
            "mediaan_duur_dagen": _mediaan(duren), "besluiten": besluiten,
        },
    }


def kwartalen(van: date, tot: date) -> list[tuple[str, date]]:
    """(label, peildatum) per kwartaal dat de periode raakt; peildatum = einde of `tot`."""
    uit = []
    jaar, kwartaal = van.year, (van.month - 1) // 3
    while True:
        begin = date(jaar, kwartaal * 3 + 1, 1)
        if begin > tot:
            break
        volgend = date(jaar + (kwartaal == 3), (kwartaal + 1) % 4 * 3 + 1, 1)
        einde = min(volgend - timedelta(days=1), tot)
        uit.append((f"{jaar} K{kwartaal + 1}", einde))
        jaar, kwartaal = volgend.year, (volgend.month - 1) // 3
    return uit


def thuiszitters_per_kwartaal(plannen: Sequence[Plan], van: date, tot: date, g: Gegevens
                              ) -> list[dict[str, Any]]:
    uit = []
    for label, peildatum in kwartalen(van, tot):
        totalen = thuiszitters_rapport(plannen, peildatum, g).totalen
        uit.append({"kwartaal": label, "peildatum": peildatum.isoformat(), **totalen})
    return uit


@dataclass
class Grafiek:
    """Een gestapeld staafdiagram (SVG) van de thuiszitters per kwartaal."""

    breedte: int
    hoogte: int
    staven: list[dict[str, Any]]
    assen: list[dict[str, Any]]
    legenda: list[dict[str, Any]]


KLEUREN = {"absoluut_verzuim": "#9a3412", "relatief_4w_3m": "#e0a030",
           "relatief_3m_plus": "#1f5f8b"}
NAMEN = {"absoluut_verzuim": "1 absoluut verzuim", "relatief_4w_3m": "2a relatief 4 wk–3 mnd",
         "relatief_3m_plus": "2b relatief > 3 mnd"}


def grafiek(per_kwartaal: list[dict[str, Any]]) -> Grafiek:
    breedte, hoogte, links, onder, boven = 640, 240, 40, 30, 30
    plot_h = hoogte - onder - boven
    hoogste = max([sum(k[c] for c in KLEUREN) for k in per_kwartaal] + [1])
    stap = max(1, -(-hoogste // 4))
    schaal_max = stap * 4
    n = max(1, len(per_kwartaal))
    vak = (breedte - links - 10) / n
    staafbreedte = min(48.0, vak * 0.6)
    staven: list[dict[str, Any]] = []
    for i, k in enumerate(per_kwartaal):
        x = links + i * vak + (vak - staafbreedte) / 2
        y = float(hoogte - onder)
        for c, kleur in KLEUREN.items():
            h = plot_h * k[c] / schaal_max
            if k[c]:
                y -= h
                staven.append({"x": round(x, 1), "y": round(y, 1), "b": round(staafbreedte, 1),
                               "h": round(h, 1), "kleur": kleur,
                               "titel": f"{k['kwartaal']}: {NAMEN[c]}: {k[c]}"})
        staven.append({"x": round(x + staafbreedte / 2, 1), "y": hoogte - onder + 16,
                       "label": k["kwartaal"], "totaal": sum(k[c] for c in KLEUREN),
                       "ty": round(y - 4, 1)})
    assen = [{"waarde": w, "y": round(hoogte - onder - plot_h * w / schaal_max, 1)}
             for w in range(0, schaal_max + 1, stap)]
    legenda = [{"x": links + i * 190, "kleur": kleur, "naam": NAMEN[c]}
               for i, (c, kleur) in enumerate(KLEUREN.items())]
    return Grafiek(breedte, hoogte, staven, assen, legenda)


def _groepsnaam(plan: Plan, per: Per) -> str:
    return plan.kind.school if per == "school" else plan.kind.gemeente


def rapport(plannen: Sequence[Plan], van: date, tot: date, g: Gegevens, *,
            per: Per | None = None) -> dict[str, Any]:
    """De gegevens van `jeugdplan report kwaliteit` (ook de JSON-uitvoer)."""
    grens = g.kwaliteit.kleine_groep.drempel
    groepen: list[dict[str, Any]] = []
    if per is not None:
        indeling: dict[str, list[Plan]] = {}
        for p in plannen:
            if _liep(p, van, tot):
                indeling.setdefault(_groepsnaam(p, per), []).append(p)
        overige: list[Plan] = []
        for naam in sorted(indeling):
            leden = indeling[naam]
            if len(leden) < grens:
                overige += leden
            else:
                groepen.append({"naam": naam, "casussen": len(leden), "klein": False,
                                "indicatoren": indicatoren(leden, van, tot)})
        if overige:
            klein = len(overige) < grens
            groepen.append({"naam": OVERIGE, "casussen": None if klein else len(overige),
                            "klein": klein,
                            "indicatoren": None if klein else indicatoren(overige, van, tot)})
    per_kwartaal = thuiszitters_per_kwartaal(plannen, van, tot, g)
    return {
        "van": van.isoformat(), "tot": tot.isoformat(), "per": per, "drempel": grens,
        "totaal": indicatoren(plannen, van, tot),
        "groepen": groepen,
        "thuiszitters_per_kwartaal": per_kwartaal,
    }


def context(data: dict[str, Any]) -> dict[str, Any]:
    """Wat de sjablonen `kwaliteit.<formaat>.j2` krijgen: de gegevens plus de grafiek."""
    return {**data, "van": date.fromisoformat(data["van"]), "tot": date.fromisoformat(data["tot"]),
            "grafiek": grafiek(data["thuiszitters_per_kwartaal"]), "kleuren": KLEUREN,
            "namen": NAMEN, "geteld": list(GETELD)}
