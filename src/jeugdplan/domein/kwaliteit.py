"""Kwaliteitsindicatoren over een periode (Tips voor een samenhangende aanpak, tip 9):
alleen totalen, nooit per kind.

Indicatoren over de periode [van, tot] (beide inclusief):

- casussen: plannen die in de periode liepen; geopend (aangemeld in de periode) en gesloten.
- signaal tot eerste hulp: dagen van het eerste signaal tot de eerste hulp, voor plannen
  waarvan de eerste hulp in de periode viel: aantal, mediaan, gemiddelde. Eerste hulp is een
  verwijzing die geaccepteerd of gestart is (de datum van die stap), gestarte jeugdhulp of
  extra ondersteuning op school (het vastgestelde OPP); nooit een voorgestelde, aangevraagde
  of afgewezen verwijzing. Hulp die al vóór het eerste signaal liep telt apart
  (`hulp_voor_signaal`), niet als 0 dagen. `zonder_hulp`: open op `tot`, met signaal, nog
  geen hulp (niet altijd fout: vaak is ondersteuning op school genoeg).
- licht of specialistisch: jeugdhulp die in de periode startte, ingedeeld naar de regio
  (`vrij_toegankelijk` bij de aanbieder); een aanbieder die de regio niet kent: onbekend.
- doelen (van plannen die in de periode liepen): hoeveel lopend, behaald, bijgesteld,
  gestopt, en het aandeel van elk afgeronde soort.
- op `tot`: open plannen zonder regie, zonder de eigen kijk van ouders of van het kind, open
  acties zonder eigenaar.
- over tijd op `tot`: acties, doelevaluaties en OPP-evaluaties.
- meldcode: sporen gestart, afgerond en lopend; de duur (mediaan) en de besluiten.
- thuiszitters per kwartaal: de totalen van het thuiszittersrapport op het einde van elk
  kwartaal, met het aantal thuiszitters langer dan 3 maanden zonder aanbod (Thuiszitterspact).

Elk plan draagt zijn deel bij (`bijdrage`: gewone waarden, per plan te cachen); `rapport_uit`
telt de bijdragen op, in totaal en per groep.

Privacy: met `per` (school of gemeente) gaan groepen met minder casussen dan de drempel
(`data/kwaliteit.yaml`) samen in "overige", en is die te klein dan ook de kleinste getoonde
groepen (`onderdrukking.voeg_samen`): geen groep is terug te rekenen uit het totaal min de
getoonde groepen. Het rapport zegt welke groepen samengingen en waarom.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from jeugdplan.domein.dubbel import normaliseer
from jeugdplan.domein.onderdrukking import voeg_samen
from jeugdplan.domein.thuiszitters import GEEN_SCHOOL, leerling
from jeugdplan.domein.verzuim import GETELD

if TYPE_CHECKING:  # pydantic pas bij het uitrekenen: een warm rapport telt alleen op
    from jeugdplan.domein.gegevens import Gegevens
    from jeugdplan.domein.kalender import Kalender
    from jeugdplan.domein.model import Plan
    from jeugdplan.domein.regio import Regio

Per = Literal["school", "gemeente"]
OVERIGE = "overige (kleine groepen samen)"
DOELSTATUSSEN = ("behaald", "bijgesteld", "gestopt")


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


def _aandeel(deel: int, geheel: int) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def eerste_hulp(plan: Plan) -> date | None:
    """De vroegste eerste hulp (zie het begin van deze module), of None."""
    datums = [j.start for j in plan.jeugdhulp if j.start is not None]
    for v in plan.verwijzingen:
        stap = next((s.datum for s in v.historie if s.status in ("geaccepteerd", "gestart")),
                    None)
        if stap is None and v.status in ("geaccepteerd", "gestart", "afgerond"):
            stap = v.datum  # met de hand bijgewerkt, zonder geschiedenis
        if stap is not None:
            datums.append(stap)
    o = plan.ondersteuning
    if o.niveau != "basis" and o.opp is not None and o.opp.vastgesteld is not None:
        datums.append(o.opp.vastgesteld)
    return min(datums, default=None)


def hulpindeling(regio: Regio | None) -> dict[str, bool]:
    """Genormaliseerde naam van een aanbieder (ook de andere namen) -> vrij toegankelijk."""
    uit: dict[str, bool] = {}
    if regio is None:
        return uit
    for org in regio.regels.organisaties.values():
        if org.vrij_toegankelijk is None:
            continue
        for naam in (org.naam, *org.ook_bekend_als):
            uit.setdefault(normaliseer(naam), org.vrij_toegankelijk)
    return uit


TELLERS = (
    "casussen", "geopend", "gesloten", "open_op_einde", "zonder_hulp", "hulp_voor_signaal",
    "licht", "specialistisch", "onbekend",
    "doelen_totaal", "doelen_lopend", *(f"doelen_{s}" for s in DOELSTATUSSEN),
    "zonder_regie", "zonder_zienswijze_ouders", "zonder_zienswijze_kind", "acties_zonder_eigenaar",
    "over_tijd_acties", "over_tijd_evaluaties", "over_tijd_opp",
    "meldcode_gestart", "meldcode_afgerond", "meldcode_lopend",
)
"""De aantallen die elk plan bijdraagt, op deze volgorde; het rapport telt ze op."""

Bijdrage = tuple[str, str, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[str, ...],
                 tuple[tuple[str, bool] | None, ...]]
"""Wat één plan bijdraagt aan het rapport, als gewone waarden (per plan te cachen): school
(of `GEEN_SCHOOL`), gemeente, de `TELLERS`, de dagen van signaal tot eerste hulp, de duur en
de besluiten van de afgeronde meldcodesporen, en per kwartaal (`kwartalen`) de categorie als
thuiszitter en of het langer dan 3 maanden zonder aanbod is (of None: telt niet)."""


def bijdrage(plan: Plan, van: date, tot: date, indeling: dict[str, bool], g: Gegevens,
             kal: Kalender) -> Bijdrage:
    """Wat `plan` bijdraagt aan het rapport over [van, tot] (`indeling`: `hulpindeling`)."""
    t = dict.fromkeys(TELLERS, 0)
    liep, open_op_tot = _liep(plan, van, tot), _open_op(plan, tot)
    t["casussen"], t["open_op_einde"] = int(liep), int(open_op_tot)
    t["geopend"] = int(_in(plan.aangemeld, van, tot))
    t["gesloten"] = int(_in(plan.afgesloten, van, tot))

    wachttijd: tuple[int, ...] = ()
    signaal = min((s.datum for s in plan.signalen), default=None)
    hulp = eerste_hulp(plan)
    if signaal is not None:
        if _in(hulp, van, tot):
            assert hulp is not None
            if hulp < signaal:
                t["hulp_voor_signaal"] = 1
            else:
                wachttijd = ((hulp - signaal).days,)
        elif open_op_tot and signaal <= tot and (hulp is None or hulp > tot):
            t["zonder_hulp"] = 1

    for j in plan.jeugdhulp:
        if _in(j.start, van, tot):
            vrij = indeling.get(normaliseer(j.aanbieder))
            t["onbekend" if vrij is None else "licht" if vrij else "specialistisch"] += 1

    if liep:
        for d in plan.doelen:
            t["doelen_totaal"] += 1
            if d.status in ("lopend", *DOELSTATUSSEN):
                t[f"doelen_{d.status}"] += 1

    if open_op_tot:
        t["zonder_regie"] = int(plan.regie is None)
        t["zonder_zienswijze_ouders"] = int(not plan.zienswijze.ouders)
        t["zonder_zienswijze_kind"] = int(not plan.zienswijze.kind)
        open_acties = [a for a in plan.acties if a.gedaan is None or a.gedaan > tot]
        t["over_tijd_acties"] = sum(
            1 for a in open_acties if a.deadline is not None and a.deadline < tot)
        t["acties_zonder_eigenaar"] = sum(1 for a in open_acties if not a.eigenaar)
        for d in plan.doelen:
            if d.status == "lopend" and d.evaluatiedatum is not None and d.evaluatiedatum < tot:
                gedaan = any(d.evaluatiedatum <= e.datum <= tot for e in plan.evaluaties)
                t["over_tijd_evaluaties"] += not gedaan
        o = plan.ondersteuning.opp
        if o is not None and o.evaluatiedatum is not None and o.evaluatiedatum < tot:
            data = [e.datum for e in plan.evaluaties] + [e.datum for e in o.evaluaties]
            t["over_tijd_opp"] = int(not any(o.evaluatiedatum <= d <= tot for d in data))

    duren: list[int] = []
    besluiten: list[str] = []
    for m in plan.meldcode:
        if m.geannuleerd is not None:
            continue
        t["meldcode_gestart"] += _in(m.gestart, van, tot)
        if _in(m.afgerond, van, tot):
            assert m.afgerond is not None
            t["meldcode_afgerond"] += 1
            duren.append((m.afgerond - m.gestart).days)
            if m.besluit is not None:
                besluiten.append(m.besluit)
        if m.gestart <= tot and (m.afgerond is None or m.afgerond > tot):
            t["meldcode_lopend"] += 1

    thuiszitter = []
    for _label, peildatum in kwartalen(van, tot):
        regel = leerling(plan, peildatum, g, kal)
        thuiszitter.append((regel.categorie, regel.zonder_aanbod_3m)
                           if regel is not None and regel.categorie in GETELD else None)
    return (plan.kind.school or GEEN_SCHOOL, plan.kind.gemeente, tuple(t.values()), wachttijd,
            tuple(duren), tuple(besluiten), tuple(thuiszitter))


def _indicatoren(bijdragen: Sequence[Bijdrage]) -> dict[str, Any]:
    """De indicatoren over een groep plannen: de som van hun bijdragen."""
    sommen = [sum(k) for k in zip(*(b[2] for b in bijdragen), strict=True)]
    t = dict(zip(TELLERS, sommen or [0] * len(TELLERS), strict=True))
    wachttijden = [d for b in bijdragen for d in b[3]]
    duren = [d for b in bijdragen for d in b[4]]
    besluiten = {"afsluiten": 0, "melden": 0, "hulp": 0}
    for besluit in (x for b in bijdragen for x in b[5]):
        besluiten[besluit] = besluiten.get(besluit, 0) + 1
    doelen: dict[str, Any] = {"totaal": t["doelen_totaal"], "lopend": t["doelen_lopend"],
                              **{s: t[f"doelen_{s}"] for s in DOELSTATUSSEN}}
    for status in DOELSTATUSSEN:
        doelen[f"aandeel_{status}"] = _aandeel(doelen[status], doelen["totaal"])
    return {
        "casussen": t["casussen"],
        "geopend": t["geopend"],
        "gesloten": t["gesloten"],
        "open_op_einde": t["open_op_einde"],
        "signaal_tot_hulp": {
            "aantal": len(wachttijden), "mediaan_dagen": _mediaan(wachttijden),
            "gemiddeld_dagen": _gemiddelde(wachttijden), "zonder_hulp": t["zonder_hulp"],
            "hulp_voor_signaal": t["hulp_voor_signaal"],
        },
        "hulp": {s: t[s] for s in ("licht", "specialistisch", "onbekend")},
        "doelen": doelen,
        "plan": {s: t[s] for s in ("zonder_regie", "zonder_zienswijze_ouders",
                                   "zonder_zienswijze_kind", "acties_zonder_eigenaar")},
        "over_tijd": {"acties": t["over_tijd_acties"], "evaluaties": t["over_tijd_evaluaties"],
                      "opp_evaluaties": t["over_tijd_opp"]},
        "meldcode": {
            "gestart": t["meldcode_gestart"], "afgerond": t["meldcode_afgerond"],
            "lopend": t["meldcode_lopend"], "mediaan_duur_dagen": _mediaan(duren),
            "besluiten": besluiten,
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


def _thuiszitters_per_kwartaal(bijdragen: Sequence[Bijdrage], van: date,
                               tot: date) -> list[dict[str, Any]]:
    """De totalen van het thuiszittersrapport op de peildatum van elk kwartaal."""
    uit = []
    for i, (label, peildatum) in enumerate(kwartalen(van, tot)):
        totalen = dict.fromkeys(GETELD, 0)
        zonder_aanbod = 0
        for b in bijdragen:
            if (stand := b[6][i]) is not None:
                totalen[stand[0]] += 1
                zonder_aanbod += stand[1]
        uit.append({"kwartaal": label, "peildatum": peildatum.isoformat(), **totalen,
                    "langer_dan_3_maanden_zonder_aanbod": zonder_aanbod})
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


def rapport_uit(bijdragen: Iterable[Bijdrage], van: date, tot: date, drempel: int, *,
                per: Per | None = None) -> dict[str, Any]:
    """De gegevens van `jeugdplan report kwaliteit` (ook de JSON-uitvoer), uit de `bijdrage`
    van elk plan (`drempel`: `kleine_groep.drempel` uit `data/kwaliteit.yaml`)."""
    alle_bijdragen = list(bijdragen)
    groepen: list[dict[str, Any]] = []
    samengevoegd: list[str] = []
    uitleg = None
    if per is not None:
        alle: dict[str, list[Bijdrage]] = {}
        for b in alle_bijdragen:
            if b[2][0]:  # het plan liep in de periode (`casussen`)
                alle.setdefault(b[0] if per == "school" else b[1], []).append(b)
        getoond, samengevoegd = voeg_samen(alle, drempel)
        for naam, leden in getoond:
            groepen.append({"naam": naam, "casussen": len(leden), "klein": False,
                            "indicatoren": _indicatoren(leden)})
        if samengevoegd and getoond:
            leden = [b for n in samengevoegd for b in alle[n]]
            groepen.append({"naam": OVERIGE, "casussen": len(leden), "klein": False,
                            "indicatoren": _indicatoren(leden)})
        uitleg = _uitleg(per, alle, getoond, samengevoegd, drempel)
    return {
        "van": van.isoformat(), "tot": tot.isoformat(), "per": per, "drempel": drempel,
        "totaal": _indicatoren(alle_bijdragen),
        "groepen": groepen,
        "samengevoegd": samengevoegd,
        "uitleg": uitleg,
        "thuiszitters_per_kwartaal": _thuiszitters_per_kwartaal(alle_bijdragen, van, tot),
    }


def _uitleg(per: Per, alle: dict[str, list[Bijdrage]],
            getoond: list[tuple[str, list[Bijdrage]]], samengevoegd: list[str],
            grens: int) -> str | None:
    """Waarom groepen samengingen (of alleen het totaal te tonen is); zonder aantallen per
    groep, want die zouden juist de kleine groepen tonen."""
    if not samengevoegd:
        return None
    meervoud = "scholen" if per == "school" else "gemeenten"
    namen = ", ".join(samengevoegd)
    if not getoond:
        return (f"Alleen het totaal: van de {len(alle)} {meervoud} ({namen}) zou elke indeling "
                f"een groep met minder dan {grens} casussen tonen, of zo'n groep terug te "
                "rekenen maken uit het totaal min de getoonde groepen.")
    return (f'{len(samengevoegd)} {meervoud} staan samen onder "{OVERIGE}" ({namen}): een '
            f"groep met minder dan {grens} casussen wordt niet los getoond, en ook \"overige\" "
            f"heeft er ten minste {grens}, zodat geen groep terug te rekenen is uit het totaal "
            "min de getoonde groepen.")


def context(data: dict[str, Any]) -> dict[str, Any]:
    """Wat de sjablonen `kwaliteit.<formaat>.j2` krijgen: de gegevens plus de grafiek."""
    return {**data, "van": date.fromisoformat(data["van"]), "tot": date.fromisoformat(data["tot"]),
            "grafiek": grafiek(data["thuiszitters_per_kwartaal"]), "kleuren": KLEUREN,
            "namen": NAMEN, "geteld": list(GETELD)}
