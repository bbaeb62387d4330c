"""Versleuteling beheren in een casusrepository: aanzetten, ontvangers toevoegen en
verwijderen, alles opnieuw versleutelen (ook na een `sync` die de ontvangers veranderde) en
de status. De sleutels en het versleutelen zelf staan in `opslag.versleuteling`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig
from jeugdplan.domein.taal import aantal
from jeugdplan.opslag import gitrepo, repobestanden
from jeugdplan.opslag.bestanden import schrijf_atomair
from jeugdplan.opslag.slot import vergrendeld
from jeugdplan.opslag.store import Repo
from jeugdplan.opslag.versleuteling import (
    DIFF_REGEL,
    NIET_BEVESTIGD,
    ONTVANGERS,
    Ontvanger,
    Vergrendeld,
    bewerk_map,
    controleer_naam,
    controleer_ontvangers,
    controleer_sleutel,
    eigen_publieke_sleutels,
    identiteiten,
    installeer_textconv,
    is_versleuteld,
    lees_ontvangers,
    lees_plan_bytes,
    ontvangers_tekst,
    publieke_sleutel,
    schrijfontvangers,
    versleutel,
    versleuteld_repo,
    zet_kloonstaat,
)

GESCHIEDENIS_WAARSCHUWING = (
    "let op: {naam} kan de plannen vanaf nu niet meer lezen, maar oudere versies in de "
    "git-geschiedenis en in bestaande klonen (ook op de gedeelde schijf en in back-ups) blijven "
    "met de oude sleutel leesbaar voor wie die sleutel en een kopie heeft. Wat te doen: laat "
    "{naam} bestaande klonen verwijderen; vermoedt u dat de sleutel is uitgelekt, begin dan een "
    "nieuwe repository met nieuwe sleutels (sleutel roteren) en verwijder de oude repository, "
    "klonen en back-ups, of verwijder gevoelige casussen uit de geschiedenis met "
    "'jeugdplan purge ID --uit-geschiedenis'")



def _zet_attributen(root: Path) -> bool:
    """`diff=jeugdplan` in `.gitattributes` (nooit via een symlink, `repobestanden`)."""
    bestaand = repobestanden.lees_tekst(root, ".gitattributes")
    if DIFF_REGEL in bestaand.splitlines():
        return False
    scheiding = "" if not bestaand or bestaand.endswith("\n") else "\n"
    repobestanden.schrijf(root, ".gitattributes", bestaand + scheiding + "# Versleutelde plannen "
                          "leesbaar in git diff/log (als uw sleutel ontgrendeld is).\n"
                          + DIFF_REGEL + "\n")
    return True


# --- versleuteling aanzetten en ontvangers beheren ---------------------------------------


class Uitkomst:
    """Wat `zet_aan`, `herversleutel` en het beheer van ontvangers deden."""

    def __init__(self, ontvangers: list[Ontvanger], plannen: int, commit: str | None = None
                 ) -> None:
        self.ontvangers = ontvangers
        self.plannen = plannen
        self.commit = commit
        self.waarschuwingen: list[str] = []
        self.nieuw: list[Ontvanger] = []
        """Bij `bevestig`: de ontvangers die nieuw bevestigd werden."""


def _eigen_sleutel_in(lijst: list[Ontvanger], nodig_ontgrendeld: bool) -> None:
    eigen = [i for i in (eigen_publieke_sleutels() if not nodig_ontgrendeld
                         else [publieke_sleutel(x) for x in identiteiten()])]
    if not eigen:
        if nodig_ontgrendeld:
            raise Vergrendeld()
        raise JeugdplanError("u hebt nog geen sleutel; maak er een met 'jeugdplan sleutel maak' "
                             "en ontgrendel hem met 'jeugdplan sleutel ontgrendel'")
    if not set(eigen) & {o.sleutel for o in lijst}:
        raise JeugdplanError(
            "uw eigen sleutel staat niet bij de ontvangers: daarna zou u de plannen zelf niet "
            f"meer kunnen lezen. Uw publieke sleutel is {eigen[0]}; er is niets gewijzigd")


def _plan_paden(repo: Repo) -> list[Path]:
    return [repo.casussen / i / "plan.yaml" for i in repo.ids()]


def _schoon(repo: Repo) -> None:
    open_ = gitrepo.niet_vastgelegd(repo.root) + gitrepo.onvastgelegd(repo.root)
    if open_:
        raise JeugdplanError(
            "er zijn wijzigingen die nog niet zijn vastgelegd: " + ", ".join(open_[:5])
            + ". Leg ze eerst vast of maak ze ongedaan; er is niets gewijzigd")


def _lees_alle_leesbaar(repo: Repo) -> dict[Path, bytes]:
    """Alle plannen ontsleuteld in het geheugen; één onleesbaar plan en er gebeurt niets."""
    uit = {}
    for pad in _plan_paden(repo):
        relatief = repo.relatief(pad)
        if not repo.binnen_repository(pad):
            raise JeugdplanError(f"{relatief} wijst naar een bestand buiten de repository; "
                                 "verwijder de symlink. Er is niets gewijzigd")
        try:
            uit[pad] = lees_plan_bytes(pad, relatief)
        except Vergrendeld:
            raise
        except PlanOngeldig as e:
            raise JeugdplanError(f"{e.melding}. Er is niets gewijzigd") from None
    return uit


def _schrijf_alles(repo: Repo, plannen: dict[Path, bytes], voor: list[Ontvanger] | None,
                   bericht: str, extra: list[Path], bestand: list[Ontvanger] | None) -> str:
    """Alle plannen versleuteld voor `voor` (None: onversleuteld), `ontvangers.yaml` als
    `bestand` (als gegeven), en wat deze kloon bevestigde; in één commit."""
    root = repo.root
    gitrepo.weiger_als_half(root)
    paden = [*extra, *plannen]
    if bestand is not None:
        repobestanden.schrijf(root, ONTVANGERS, ontvangers_tekst(bestand))
        paden.insert(0, root / ONTVANGERS)
    try:
        for pad, inhoud in plannen.items():
            schrijf_atomair(pad, inhoud if voor is None else versleutel(inhoud, voor))
    except OSError as e:
        raise JeugdplanError(f"kan de plannen niet schrijven ({e.strerror or e}); herstel dat "
                             "(schijf vol?) en draai de opdracht opnieuw: wat al geschreven "
                             "is, is nog niet vastgelegd") from None
    zet_kloonstaat(root, voor is not None, None if voor is None else [o.sleutel for o in voor])
    return gitrepo.commit(root, paden, bericht)


def zet_aan(repo: Repo, lijst: list[Ontvanger]) -> Uitkomst:
    """Versleutelt alle plannen voor `lijst`, legt `ontvangers.yaml` vast, in één commit."""
    if os.path.lexists(repo.root / ONTVANGERS):
        raise JeugdplanError("versleuteling staat al aan in deze repository; voeg een collega "
                             "toe met 'jeugdplan versleuteling ontvanger add NAAM age1...'")
    controleer_ontvangers(lijst)
    _eigen_sleutel_in(lijst, nodig_ontgrendeld=False)
    gitrepo.identiteit(repo.root)
    with vergrendeld(repo.root):
        in_geschiedenis = bool(gitrepo.git(repo.root, "log", "-1", "--format=%H", "--",
                                           "casussen/*/plan.yaml", check=False).strip())
        uitkomst = _versleutel_alles(repo, lijst, lambda n: (
            f"jeugdplan: versleuteling aan ({aantal(n, 'plan')} versleuteld voor "
            f"{aantal(len(lijst), 'ontvanger', 'ontvangers')})"), bestand=lijst)
        # De oude cache en bewerkingen (leesbaar) weg uit de repository.
        from jeugdplan.opslag.cache import wis_alles

        wis_alles(repo.root)
        bewerk_map(repo.root)
    if in_geschiedenis:
        uitkomst.waarschuwingen.append(
            "let op: de eerdere, onversleutelde versies van de plannen staan nog leesbaar in de "
            "git-geschiedenis (en in klonen en back-ups). Zet versleuteling bij voorkeur aan "
            "direct na 'jeugdplan init'; begin anders een nieuwe repository en zet de plannen "
            "daarin, of verwijder casussen uit de geschiedenis met 'jeugdplan purge ID "
            "--uit-geschiedenis'")
    return uitkomst


def _versleuteld(repo: Repo) -> None:
    if not versleuteld_repo(repo.root):
        raise JeugdplanError("deze repository is niet versleuteld; zet versleuteling aan met "
                             "'jeugdplan versleuteling aan'")


def herversleutel(repo: Repo, bericht: str, voor: list[Ontvanger] | None = None,
                  bestand: list[Ontvanger] | None = None) -> Uitkomst:
    """Versleutelt alle plannen opnieuw voor `voor` (standaard: de ontvangers waarvoor deze
    kloon schrijft, `schrijfontvangers`), met zo nodig een nieuwe `ontvangers.yaml`."""
    _versleuteld(repo)
    if voor is None:
        voor = schrijfontvangers(repo.root).ontvangers
        if not voor:
            raise JeugdplanError(NIET_BEVESTIGD)
    controleer_ontvangers(voor)
    _eigen_sleutel_in(voor, nodig_ontgrendeld=True)
    gitrepo.identiteit(repo.root)
    with vergrendeld(repo.root):
        return _versleutel_alles(repo, voor, lambda _n: bericht, bestand)


def _versleutel_alles(repo: Repo, voor: list[Ontvanger] | None, bericht: Callable[[int], str],
                      bestand: list[Ontvanger] | None = None) -> Uitkomst:
    """Onder het slot: alle plannen leesbaar lezen, git-attributen en textconv zetten, en
    alles versleuteld voor `voor` (None: onversleuteld) schrijven, zo nodig met
    `ontvangers.yaml`, in één commit met `bericht(aantal plannen)`."""
    _schoon(repo)
    plannen = _lees_alle_leesbaar(repo)
    extra = [repo.root / ".gitattributes"] if _zet_attributen(repo.root) else []
    installeer_textconv(repo.root)
    commit = _schrijf_alles(repo, plannen, voor, bericht(len(plannen)), extra, bestand)
    return Uitkomst(voor or [], len(plannen), commit)


def na_samenvoegen(repo: Repo) -> str | None:
    """Na een samenvoeg-commit van `sync` (HEAD^1 = eigen, HEAD^2 = gedeelde kant).

    Veranderden de ontvangers aan één kant, dan is een deel van de plannen nog voor de oude
    ontvangers versleuteld (een nieuwe collega kan ze niet lezen, of een verwijderde nog
    wel). Dan wordt alles opnieuw versleuteld voor de ontvangers waarvoor deze kloon schrijft
    (bevestigd en in `ontvangers.yaml`; nieuwe van de andere kant pas na bevestigen), in één
    commit die met de samenvoeging mee verstuurd wordt. Geeft een melding of None.
    """
    if not versleuteld_repo(repo.root):
        return None
    specs = [f"HEAD^1:{ONTVANGERS}", f"HEAD^2:{ONTVANGERS}", f"HEAD:{ONTVANGERS}"]
    blobs = gitrepo.lees_blobs(repo.root, specs)
    if len({blobs.get(s) for s in specs}) == 1:
        return None
    try:
        uitkomst = herversleutel(repo, "jeugdplan sync: alle plannen opnieuw versleuteld voor "
                                 "de samengevoegde ontvangers")
    except JeugdplanError as e:
        return (f"let op: de ontvangers veranderden bij deze sync, maar opnieuw versleutelen "
                f"lukte niet ({e.melding}); draai 'jeugdplan versleuteling herversleutel'")
    ontvangers = aantal(len(uitkomst.ontvangers), "bevestigde ontvanger", "bevestigde ontvangers")
    return (f"de ontvangers veranderden bij deze sync: {aantal(uitkomst.plannen, 'plan')} "
            f"opnieuw versleuteld voor {ontvangers}")


def ontvanger_toevoegen(repo: Repo, naam: str, sleutel: str) -> Uitkomst:
    naam = controleer_naam(naam)
    sleutel = controleer_sleutel(sleutel, naam)
    _versleuteld(repo)
    huidig = lees_ontvangers(repo.root)
    if any(o.naam.casefold() == naam.casefold() for o in huidig):
        raise JeugdplanError(f"er is al een ontvanger {naam!r}; kies een andere naam")
    if any(o.sleutel == sleutel for o in huidig):
        raise JeugdplanError("deze sleutel staat al bij de ontvangers (nog niet bevestigd? "
                             "zie 'jeugdplan versleuteling status')")
    nieuw = Ontvanger(naam, sleutel)
    return herversleutel(repo, f"jeugdplan: ontvanger {naam} toegevoegd (alle plannen opnieuw "
                         "versleuteld)", voor=[*schrijfontvangers(repo.root).ontvangers, nieuw],
                         bestand=[*huidig, nieuw])


def ontvanger_verwijderen(repo: Repo, naam: str) -> Uitkomst:
    _versleuteld(repo)
    huidig = lees_ontvangers(repo.root)
    weg = [o for o in huidig if o.naam.casefold() == " ".join(naam.split()).casefold()]
    if not weg:
        raise JeugdplanError(f"geen ontvanger {naam[:40]!r}; bekend: "
                             + ", ".join(o.naam for o in huidig))
    rest = [o for o in huidig if o not in weg]
    if not rest:
        raise JeugdplanError("dit is de laatste ontvanger; dan kan niemand de plannen nog lezen")
    voor = [o for o in schrijfontvangers(repo.root).ontvangers if o not in weg]
    if not voor:
        raise JeugdplanError(NIET_BEVESTIGD)
    uitkomst = herversleutel(repo, f"jeugdplan: ontvanger {weg[0].naam} verwijderd (alle "
                             "plannen opnieuw versleuteld)", voor=voor, bestand=rest)
    uitkomst.waarschuwingen.append(GESCHIEDENIS_WAARSCHUWING.format(naam=weg[0].naam))
    return uitkomst


def bevestig(repo: Repo) -> Uitkomst:
    """De gebruiker van deze kloon bevestigt de ontvangers in `ontvangers.yaml` zoals ze nu
    zijn; deze kloon schrijft voortaan voor hen. Bevestigde hij eerder al ontvangers, dan
    worden alle plannen opnieuw versleuteld (ook wat hij intussen zonder de nieuwe schreef),
    in één commit. Een ontvanger die hij niet wil: 'ontvanger remove'."""
    _versleuteld(repo)
    lijst = lees_ontvangers(repo.root)
    if not lijst:
        raise JeugdplanError(
            f"er is geen {ONTVANGERS} om te bevestigen (verwijderd?); deze kloon blijft "
            "versleutelen voor de ontvangers die u eerder bevestigde. Zet het bestand terug "
            "(git revert), of zet versleuteling uit met 'jeugdplan versleuteling uit'")
    huidig = schrijfontvangers(repo.root)
    if not huidig.ontvangers:  # de eerste keer in deze kloon: er is nog niets voor geschreven
        _eigen_sleutel_in(lijst, nodig_ontgrendeld=False)
        zet_kloonstaat(repo.root, True, [o.sleutel for o in lijst])
        uitkomst = Uitkomst(lijst, 0)
    elif not huidig.onbevestigd:
        uitkomst = Uitkomst(lijst, 0)
    else:
        uitkomst = herversleutel(repo, f"jeugdplan: ontvangers bevestigd (alle plannen opnieuw "
                                 f"versleuteld voor {len(lijst)} ontvanger(s))", voor=lijst)
    uitkomst.nieuw = huidig.onbevestigd
    return uitkomst


def zet_uit(repo: Repo) -> Uitkomst:
    """Versleuteling uit, op uitdrukkelijk verzoek van de gebruiker van deze kloon: alle
    plannen onversleuteld, `ontvangers.yaml` weg, en deze kloon vergeet dat hij versleutelde;
    in één commit."""
    _versleuteld(repo)
    gitrepo.identiteit(repo.root)
    with vergrendeld(repo.root):
        _schoon(repo)
        plannen = _lees_alle_leesbaar(repo)
        weg = os.path.lexists(repo.root / ONTVANGERS)
        if weg:
            (repo.root / ONTVANGERS).unlink()
        commit = _schrijf_alles(repo, plannen, None, "jeugdplan: versleuteling uit "
                                f"({aantal(len(plannen), 'plan')} onversleuteld)",
                                [repo.root / ONTVANGERS] if weg else [], None)
    uitkomst = Uitkomst([], len(plannen), commit)
    uitkomst.waarschuwingen.append(
        "let op: de plannen staan nu leesbaar in de werkmap en, na 'jeugdplan sync', in de "
        "gedeelde repository. Klonen van collega's blijven versleutelen tot zij dit ook doen")
    return uitkomst


def status(repo: Repo) -> dict[str, Any]:
    """Of de repository versleuteld is, voor wie, en welke plannen (nog) leesbaar op schijf
    staan."""
    from jeugdplan.opslag.cache import cachebestand

    aan = versleuteld_repo(repo.root)
    ontvangers = lees_ontvangers(repo.root) if aan else []
    schrijf = schrijfontvangers(repo.root) if aan else None
    onversleuteld, versleuteld_ = [], 0
    for pad in _plan_paden(repo):
        try:
            with open(pad, "rb") as f:
                kop = f.read(64)
        except OSError:
            continue
        if is_versleuteld(kop):
            versleuteld_ += 1
        else:
            onversleuteld.append(pad.parent.name)
    eigen = eigen_publieke_sleutels()
    bijlagen = sum(1 for p in repo.casussen.glob("*/bijlagen/**/*") if p.is_file()) \
        if repo.casussen.is_dir() else 0
    return {
        "versleuteld": aan,
        "ontvangers": [o.als_json() for o in ontvangers],
        "plannen_versleuteld": versleuteld_,
        "plannen_onversleuteld": onversleuteld,
        "bijlagen_onversleuteld": bijlagen,
        "eigen_sleutel": eigen[0] if eigen else None,
        "eigen_sleutel_is_ontvanger": bool(set(eigen) & {o.sleutel for o in ontvangers}),
        "ontgrendeld": bool(identiteiten()),
        "cache": str(cachebestand(repo.root)),
        "ontvangers_bestand": os.path.lexists(repo.root / ONTVANGERS),
        "bevestigd": [o.sleutel for o in schrijf.ontvangers] if schrijf else [],
        "onbevestigd": [o.als_json() for o in schrijf.onbevestigd] if schrijf else [],
    }
