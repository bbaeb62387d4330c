"""`jeugdplan sync`: de casusrepository delen via een gewone git-remote.

Ophalen (fetch), samenvoegen (fast-forward of een merge met de driver voor plan.yaml) en
versturen (push), met een overzicht van wat binnenkwam en wat verstuurd werd: welke
casussen, door wie. Alleen ids en namen van professionals, nooit gegevens van het kind.

Waarom merge en geen rebase: een merge ziet alleen de twee eindstanden. Daardoor kan een
botsend casus-id (dezelfde map aan beide kanten nieuw) vooraf met één commit worden
opgelost, en draait de merge-driver één keer per plan in plaats van per eigen commit.

Wat al gedeeld is, houdt zijn id: bij een botsing krijgt de eigen, nog niet verstuurde casus
(of het eigen nieuwe signaal, doel, ...) een nieuw id, nooit die van een collega.

De repository blijft nooit half samengevoegd achter: bij een conflict of fout wordt de
merge afgebroken (`git merge --abort`) en zegt `sync` wat er aan de hand is en hoe te kiezen.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeugdplan.diensten.mergedriver import Melding, installeer
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.store import CASUSSEN, PLAN, Repo, controleer_id, nieuw_id, schrijf_plan

_CASUS_PAD = re.compile(rf"^{CASUSSEN}/([^/]+)/")


@dataclass
class CasusWijziging:
    id: str
    auteurs: list[str]
    commits: int

    def als_json(self) -> dict[str, Any]:
        return {"id": self.id, "auteurs": self.auteurs, "commits": self.commits}


@dataclass
class SyncResultaat:
    remote: str
    tak: str
    binnengekomen: list[CasusWijziging] = field(default_factory=list)
    verstuurd: list[CasusWijziging] = field(default_factory=list)
    hernoemd: list[tuple[str, str]] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)
    eerste_keer: bool = False
    ingesteld: bool = False
    samengevoegd: bool = False

    def als_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote, "tak": self.tak, "eerste_keer": self.eerste_keer,
            "samengevoegd": self.samengevoegd,
            "binnengekomen": [c.als_json() for c in self.binnengekomen],
            "verstuurd": [c.als_json() for c in self.verstuurd],
            "hernoemd": [{"van": a, "naar": b} for a, b in self.hernoemd],
            "meldingen": [m.als_json() for m in self.meldingen],
            "conflicten": [],
        }


class SyncConflict(JeugdplanError):
    """Samenvoegen lukte niet zonder keuze; de merge is afgebroken, er is niets veranderd."""

    def __init__(self, melding: str, conflicten: list[Melding], bestanden: list[str]) -> None:
        super().__init__(melding)
        self.conflicten = conflicten
        self.bestanden = bestanden


def _geen_remote(remote: str, bekend: list[str]) -> JeugdplanError:
    if bekend:
        return JeugdplanError(
            f"onbekende remote {remote!r}; deze repository kent: {', '.join(bekend)} "
            "(kies met --remote NAAM)")
    return JeugdplanError(
        f"deze casusrepository wordt nog met niemand gedeeld (geen remote {remote!r}). "
        "Voeg de gedeelde repository toe met: git remote add origin PAD "
        "(bijvoorbeeld een kale repository op de gedeelde schijf, gemaakt met "
        "'git init --bare --initial-branch=main PAD') en draai 'jeugdplan sync' opnieuw")


def _per_casus(commits: list[gitrepo.Commit]) -> list[CasusWijziging]:
    """Groepeert commits (oudste eerst) naar casus-id, met de auteurs."""
    per: dict[str, CasusWijziging] = {}
    for c in reversed(commits):
        if len(c.ouders) > 1:
            continue
        for ident in dict.fromkeys(m.group(1) for p in c.paden if (m := _CASUS_PAD.match(p))):
            w = per.setdefault(ident, CasusWijziging(ident, [], 0))
            w.commits += 1
            if c.auteur not in w.auteurs:
                w.auteurs.append(c.auteur)
    return sorted(per.values(), key=lambda w: w.id)


def _nieuwe_casussen(root: Path, van: str, tot: str) -> set[str]:
    uit = set()
    for pad in gitrepo.toegevoegd(root, van, tot, CASUSSEN):
        delen = pad.split("/")
        if len(delen) == 3 and delen[2] == PLAN:
            uit.add(delen[1])
    return uit


def _hernoem_casus(repo: Repo, oud: str, bezet: set[str], remote: str) -> str:
    """Geeft de eigen casus `oud` een nieuw id, in één commit."""
    from jeugdplan.opslag.clock import vandaag
    from jeugdplan.opslag.planbestand import plan_uit
    from jeugdplan.opslag.versleuteling import lees_plan_bytes
    from jeugdplan.opslag.yamlio import decodeer, dump_rt, laad_rt

    root = repo.root
    jaar = int(oud[:4]) if re.match(r"^\d{4}-", oud) else vandaag().year
    nieuw = nieuw_id(jaar, lambda k: k in bezet or (repo.casussen / k).exists())
    bezet.add(nieuw)
    oude_map, nieuwe_map = repo.casussen / oud, repo.casussen / nieuw
    os.rename(oude_map, nieuwe_map)
    pad = nieuwe_map / PLAN
    relatief = repo.relatief(pad)
    doc = laad_rt(decodeer(lees_plan_bytes(pad, relatief), relatief), relatief)
    doc["id"] = nieuw
    tekst = dump_rt(doc).replace(f"jeugdplan edit {oud}", f"jeugdplan edit {nieuw}")
    plan_uit(tekst, relatief)
    schrijf_plan(root, pad, tekst)
    gitrepo.commit(root, [oude_map, nieuwe_map],
                   f"{nieuw}: casus-id gewijzigd van {oud} in {nieuw} ({oud} bestond al "
                   f"bij {remote}; gevonden bij sync)")
    return nieuw


def _lees_meldingen(bestand: Path) -> list[Melding]:
    if not bestand.is_file():
        return []
    meldingen = []
    for regel in bestand.read_text(encoding="utf-8").splitlines():
        try:
            d = json.loads(regel)
            meldingen.append(Melding(d["soort"], d["casus"], d["veld"], d["tekst"],
                                     d.get("ons"), d.get("hun")))
        except (ValueError, KeyError):
            continue
    return meldingen


def _conflictmelding(remote: str, conflicten: list[Melding], bestanden: list[str]) -> str:
    regels = [f"samenvoegen met {remote} lukte niet zonder uw keuze; er is niets veranderd "
              "(de samenvoeging is afgebroken)."]
    for m in conflicten:
        regels.append(f"  {m.casus}: {m.tekst}")
    gedekt = {m.casus for m in conflicten}
    for b in bestanden:
        treffer = _CASUS_PAD.match(b)
        if not (treffer and treffer.group(1) in gedekt):
            regels.append(f"  conflict in {b}")
    if any(m.soort == "conflict" for m in conflicten) or not conflicten:
        regels.append(
            "Kies: 'jeugdplan sync --kies ons' (uw waarde wint) of 'jeugdplan sync --kies hun' "
            "(de waarde van de ander wint). De andere waarde wordt in het journaal van de "
            "casus bewaard; er gaat niets verloren.")
    else:
        regels.append("Herstel het plan (zie 'jeugdplan check') en draai 'jeugdplan sync' "
                      "opnieuw.")
    return "\n".join(regels)


def _merge(repo: Repo, upstream: str, remote: str, kies: str | None) -> list[Melding]:
    root = repo.root
    fd, naam = tempfile.mkstemp(prefix="jeugdplan-sync-", suffix=".jsonl")
    os.close(fd)
    bestand = Path(naam)
    try:
        env = {"JEUGDPLAN_MELDINGEN": str(bestand),
               "JEUGDPLAN_AUTEUR": gitrepo.identiteit(root).naam}
        args = ["merge", "--no-ff", "--no-edit", "-m",
                f"jeugdplan sync: wijzigingen van {remote} samengevoegd"]
        if kies:
            env["JEUGDPLAN_KIES"] = kies
            args += ["-X", "ours" if kies == "ons" else "theirs"]
        try:
            code, uitvoer = gitrepo.draai(root, *args, upstream, extra_omgeving=env)
        except BaseException:
            # Onderbroken (Ctrl-C): nooit een halve samenvoeging achterlaten.
            if gitrepo.bezig_met_samenvoegen(root):
                gitrepo.draai(root, "merge", "--abort")
            raise
        meldingen = _lees_meldingen(bestand)
    finally:
        bestand.unlink(missing_ok=True)
    if code == 0:
        return meldingen
    open_paden = gitrepo.onopgelost(root)
    if kies and open_paden:
        try:
            opgelost = _los_op_met_keuze(root, open_paden, kies)
        except BaseException:
            if gitrepo.bezig_met_samenvoegen(root):
                gitrepo.draai(root, "merge", "--abort")
            raise
        if opgelost is not None:
            return meldingen + opgelost
    bestanden = [f"{pad} ({_soort_conflict(versies, remote)})"
                 for pad, versies in sorted(open_paden.items())]
    if gitrepo.bezig_met_samenvoegen(root):
        gitrepo.draai(root, "merge", "--abort")
    conflicten = [m for m in meldingen if m.soort in ("conflict", "fout")]
    if not conflicten and not bestanden:
        laatste = uitvoer.strip().splitlines()[-1] if uitvoer.strip() else "onbekende fout"
        raise JeugdplanError(f"samenvoegen met {remote} mislukte en is afgebroken; er is niets "
                             f"veranderd (git: {laatste[:200]})")
    raise SyncConflict(_conflictmelding(remote, conflicten, bestanden), conflicten, bestanden)


def _leg_besluiten_vast(root: Path, remote: str, meldingen: list[Melding],
                       kies: str | None) -> None:
    """Zet in het bericht van de samenvoeg-commit wat sync besliste (hernummerd, gekozen),
    met ids en veldnamen maar zonder waarden: een commitbericht bevat geen gegevens van
    het kind."""
    regels = []
    for m in meldingen:
        if m.soort == "hernummerd":
            regels.append(f"{m.casus}: {m.tekst}")
        elif m.soort == "gekozen":
            regels.append(f"{m.casus}: {m.veld}: keuze {kies} (de andere waarde staat in "
                          "het journaal)" if m.casus and not m.veld.startswith(CASUSSEN)
                          else f"{m.veld}: keuze {kies}")
    if regels:
        bericht = f"jeugdplan sync: wijzigingen van {remote} samengevoegd\n\n" + "\n".join(regels)
        gitrepo.git(root, "commit", "-q", "--amend", "--no-verify", "-m", bericht)


def _versleutel_na_samenvoegen(repo: Repo) -> None:
    """Versleutelde repository: veranderden de ontvangers aan één kant, dan alles opnieuw
    versleutelen voor de samengevoegde ontvangers (zie `versleuteling.na_samenvoegen`)."""
    from jeugdplan.diensten.versleuteling import na_samenvoegen
    from jeugdplan.opslag.slot import meld

    melding = na_samenvoegen(repo)
    if melding:
        meld(melding)


def _soort_conflict(versies: set[int], remote: str) -> str:
    if 2 not in versies:
        return f"bij u verwijderd, bij {remote} gewijzigd"
    if 3 not in versies:
        return f"bij u gewijzigd, bij {remote} verwijderd"
    return "aan beide kanten anders gewijzigd"


def _los_op_met_keuze(root: Path, paden: dict[str, set[int]], kies: str) -> list[Melding] | None:
    """Lost wat git niet per regel kon samenvoegen (verwijderd tegen gewijzigd, andere
    bestanden) op met de keuze. Een plan dat de driver niet kon samenvoegen (onleesbaar,
    ongeldig) wordt nooit blind overschreven: dan None."""
    kant = 2 if kies == "ons" else 3
    if any(pad.endswith(f"/{PLAN}") and {2, 3} <= versies for pad, versies in paden.items()):
        return None
    meldingen = []
    for pad, versies in sorted(paden.items()):
        treffer = _CASUS_PAD.match(pad)
        casus = treffer.group(1) if treffer else ""
        if kant in versies:
            gitrepo.git(root, "checkout", "--ours" if kant == 2 else "--theirs", "--", pad)
            gitrepo.git(root, "add", "--", pad)
            tekst = f"{pad}: de versie van {kies} gehouden"
        else:
            gitrepo.git(root, "rm", "-q", "--", pad)
            tekst = f"{pad}: verwijderd, zoals bij {kies}"
        meldingen.append(Melding("gekozen", casus, pad, tekst))
    gitrepo.git(root, "commit", "-q", "--no-edit", "--no-verify")
    return meldingen


def _push(root: Path, remote: str, tak: str) -> bool:
    """Verstuurt; False als de remote intussen nieuwe wijzigingen kreeg (opnieuw ophalen)."""
    code, uitvoer = gitrepo.draai(root, "push", "--porcelain", "-u", remote, f"{tak}:{tak}")
    if code == 0:
        return True
    if "rejected" in uitvoer or "non-fast-forward" in uitvoer or "fetch first" in uitvoer:
        return False
    laatste = uitvoer.strip().splitlines()[-1] if uitvoer.strip() else "onbekende fout"
    raise JeugdplanError(
        f"versturen naar {remote} mislukte: {laatste[:200]}. Uw wijzigingen staan veilig "
        "in deze repository; probeer later opnieuw 'jeugdplan sync'")


def _fetch(root: Path, remote: str) -> None:
    code, uitvoer = gitrepo.draai(root, "fetch", "--prune", remote)
    if code != 0:
        laatste = uitvoer.strip().splitlines()[-1] if uitvoer.strip() else "onbekende fout"
        raise JeugdplanError(
            f"kan de gedeelde repository {remote!r} ({gitrepo.remote_url(root, remote)}) niet "
            f"bereiken: {laatste[:200]}. Is de gedeelde schijf of server bereikbaar?")


def _stel_remote_head_in(root: Path, remote: str, tak: str) -> None:
    """Een kale repository op schijf die naar een niet-bestaande tak wijst (master), laat
    `git clone` niets uitpakken; na de eerste push wijst hij naar onze tak."""
    url = gitrepo.remote_url(root, remote)
    pad = Path(url[7:] if url.startswith("file://") else url).expanduser()
    if not pad.is_absolute():
        pad = (root / pad).resolve()
    if not (pad / "HEAD").is_file() or not (pad / "objects").is_dir():
        return
    kop = gitrepo.git(pad, "symbolic-ref", "HEAD", check=False).strip()
    if kop and gitrepo.rev(pad, kop) is None:
        gitrepo.git(pad, "symbolic-ref", "HEAD", f"refs/heads/{tak}", check=False)


def sync(repo: Repo, remote: str = "origin", kies: str | None = None) -> SyncResultaat:
    """Haal op, voeg samen en verstuur. Gooit `SyncConflict` als een keuze nodig is.

    Onder het slot van de repository, zodat geen bewerking tussen ophalen en samenvoegen
    schrijft."""
    from jeugdplan.opslag.slot import vergrendeld

    gitrepo.identiteit(repo.root)
    with vergrendeld(repo.root):
        return _sync(repo, remote, kies)


def _sync(repo: Repo, remote: str, kies: str | None) -> SyncResultaat:
    root = repo.root
    bezig = gitrepo.bezig_met_samenvoegen(root)
    if bezig:
        raise JeugdplanError(
            f"git staat nog midden in een {bezig}; rond die af of breek hem af met "
            f"'git {bezig} --abort' en draai 'jeugdplan sync' opnieuw")
    tak = gitrepo.huidige_tak(root)
    if tak is None:
        raise JeugdplanError("de repository staat niet op een tak (losse HEAD); "
                             "ga terug met 'git switch main'")
    bekend = gitrepo.remotes(root)
    if remote not in bekend:
        raise _geen_remote(remote, bekend)
    open_ = gitrepo.niet_vastgelegd(root)
    if open_:
        raise JeugdplanError(
            "er zijn wijzigingen die nog niet zijn vastgelegd: " + ", ".join(open_[:5])
            + ("…" if len(open_) > 5 else "")
            + ". Leg ze eerst vast (bijvoorbeeld via 'jeugdplan edit ID') of maak ze "
            "ongedaan, en draai 'jeugdplan sync' opnieuw")

    resultaat = SyncResultaat(remote, tak)
    if installeer(root):
        gitrepo.commit(root, [root / ".gitattributes"],
                       "jeugdplan: plannen worden per onderdeel samengevoegd (.gitattributes)")
        resultaat.ingesteld = True

    alle_inkomend: list[gitrepo.Commit] = []
    for _ in range(3):
        _fetch(root, remote)
        upstream = f"refs/remotes/{remote}/{tak}"
        boven = gitrepo.rev(root, upstream)
        if boven is None:
            uitgaand = gitrepo.commits(root, "HEAD", met_paden=True)
            if not _push(root, remote, tak):
                continue
            _stel_remote_head_in(root, remote, tak)
            resultaat.eerste_keer = True
            resultaat.verstuurd = _per_casus(uitgaand)
            return resultaat
        basis = gitrepo.merge_base(root, "HEAD", boven)
        if basis is None:
            raise JeugdplanError(
                f"deze repository en {remote} hebben geen gemeenschappelijke geschiedenis "
                "(twee keer 'jeugdplan init'?). Begin met een kloon van de gedeelde "
                "repository: git clone PAD")
        inkomend = gitrepo.commits(root, f"HEAD..{boven}", met_paden=True)
        if inkomend and gitrepo.commits(root, f"{boven}..HEAD"):
            from jeugdplan.opslag.versleuteling import controleer_toegang

            controleer_toegang(root)  # samenvoegen leest plannen: versleuteld vraagt de sleutel
            bezet = set(repo.ids()) | set(gitrepo.git(
                root, "ls-tree", "--name-only", f"{boven}:{CASUSSEN}", check=False).split())
            botsend = _nieuwe_casussen(root, basis, boven) & _nieuwe_casussen(root, basis, "HEAD")
            for oud in sorted(botsend):
                spec_hun = f"{boven}:{CASUSSEN}/{oud}/{PLAN}"
                spec_ons = f"HEAD:{CASUSSEN}/{oud}/{PLAN}"
                blobs = gitrepo.lees_blobs(root, [spec_hun, spec_ons])
                if blobs[spec_hun] == blobs[spec_ons]:
                    continue
                controleer_id(oud)
                resultaat.hernoemd.append((oud, _hernoem_casus(repo, oud, bezet, remote)))
        uitgaand = gitrepo.commits(root, f"{boven}..HEAD", met_paden=True)
        if inkomend and uitgaand:
            try:
                resultaat.meldingen = _merge(repo, boven, remote, kies)
            except SyncConflict as e:
                if resultaat.hernoemd:
                    e.melding += "".join(
                        f"\n(Al vastgelegd: uw casus {a} heet nu {b}, omdat {a} ook bij "
                        f"{remote} bestond.)" for a, b in resultaat.hernoemd)
                    e.args = (e.melding,)
                raise
            resultaat.samengevoegd = True
            _leg_besluiten_vast(root, remote, resultaat.meldingen, kies)
            _versleutel_na_samenvoegen(repo)
        elif inkomend:
            gitrepo.git(root, "merge", "--ff-only", "-q", boven)
        if uitgaand and not _push(root, remote, tak):
            alle_inkomend += inkomend
            continue
        resultaat.binnengekomen = _per_casus(alle_inkomend + inkomend)
        resultaat.verstuurd = _per_casus(uitgaand)
        return resultaat
    raise JeugdplanError(
        f"{remote} veranderde steeds tijdens het versturen (collega's synchroniseren "
        "tegelijk); uw wijzigingen staan veilig hier. Probeer 'jeugdplan sync' zo opnieuw")
