"""Een met de hand bewerkt plan (`jeugdplan edit`) vastleggen, ook als het plan intussen
veranderde: dan wordt de bewerking per onderdeel samengevoegd met wat er intussen is
vastgelegd (`domein.samenvoegen`), en bij een echte botsing wordt niets geschreven."""

from __future__ import annotations

from pathlib import Path

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import Plan
from jeugdplan.domein.samenvoegen import voeg_samen
from jeugdplan.opslag.bronnen import valideer
from jeugdplan.opslag.clock import vandaag
from jeugdplan.opslag.slot import vergrendeld
from jeugdplan.opslag.store import Repo, schrijf_plan
from jeugdplan.opslag.versleuteling import lees_plan_bytes
from jeugdplan.opslag.yamlio import decodeer, dump_rt, laad_rt, laad_snel, samenvoegen


def leg_bewerking_vast(repo: Repo, pad: Path, origineel: str, nieuw: str, bericht: str) -> bool:
    """Schrijft een met de hand bewerkte versie (`jeugdplan edit`) en legt hem vast.

    Veranderde het plan intussen (een collega, een ander proces), dan wordt de bewerking
    per onderdeel samengevoegd met die wijziging, zoals de merge-driver doet; botsen ze,
    dan wordt niets geschreven. Geeft True als er is samengevoegd.
    """
    relatief = repo.relatief(pad)
    ident = pad.parent.name
    with vergrendeld(repo.root):
        repo.herstel_onvastgelegd(pad, ident)
        huidig = decodeer(lees_plan_bytes(pad, relatief), relatief)
        samengevoegd = huidig != origineel
        if samengevoegd:
            nieuw = voeg_bewerking_samen(ident, relatief, origineel, huidig, nieuw)
        schrijf_plan(repo.root, pad, nieuw)
        repo.commit(pad, bericht)
    return samengevoegd


def voeg_bewerking_samen(ident: str, relatief: str, origineel: str, huidig: str,
                          bewerking: str) -> str:
    """Driedeling: basis = het plan bij het openen, 'ons' = de bewerking (nog niet gedeeld),
    'hun' = wat intussen is vastgelegd (dat houdt zijn ids)."""
    uitkomst = voeg_samen(laad_snel(origineel, relatief), laad_snel(bewerking, relatief),
                          laad_snel(huidig, relatief), ident, vandaag())
    if uitkomst.data is None:
        botsing = "; ".join(m.tekst for m in uitkomst.conflicten)
        raise JeugdplanError(
            f"het plan is tijdens uw bewerking gewijzigd (door een collega of een andere "
            f"opdracht) en dat botst met uw wijziging: {botsing}"
        )
    tekst = dump_rt(samenvoegen(laad_rt(bewerking, relatief), uitkomst.data))
    valideer(Plan, laad_snel(tekst, relatief), relatief)
    return tekst
