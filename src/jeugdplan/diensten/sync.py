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
Lukt dat afbreken niet (een achtergebleven `.git/index.lock`), dan zegt `sync` dat, met het
bestand dat weg moet, en nooit dat er niets veranderde.

Wat binnenkomt wordt niet vertrouwd (`inkomend`): eerst gecontroleerd (geen symlinks, niets
onder `.jeugdplan/`, elk gewijzigd plan geldig, geen met purge verwijderde casus terug), pas
dan vastgelegd en verstuurd; wat er buiten de plannen binnenkwam wordt met auteur genoemd.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeugdplan.diensten import inkomend
from jeugdplan.diensten.mergedriver import Melding, installeer
from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.store import CASUSSEN, PLAN, Repo, controleer_id, nieuw_id, schrijf_plan
from jeugdplan.opslag.versleuteling import Vergrendeld, markeer_versleuteld

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
    buiten_casussen: list[inkomend.Bestand] = field(default_factory=list)
    ontvangers: inkomend.Ontvangerswijziging | None = None
    alsnog_vastgelegd: list[str] = field(default_factory=list)
    niet_gedeeld: list[str] = field(default_factory=list)

    def als_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote, "tak": self.tak, "eerste_keer": self.eerste_keer,
            "samengevoegd": self.samengevoegd,
            "binnengekomen": [c.als_json() for c in self.binnengekomen],
            "verstuurd": [c.als_json() for c in self.verstuurd],
            "hernoemd": [{"van": a, "naar": b} for a, b in self.hernoemd],
            "meldingen": [m.als_json() for m in self.meldingen],
            "conflicten": [],
            "buiten_casussen": [b.als_json() for b in self.buiten_casussen],
            "ontvangers": self.ontvangers.als_json() if self.ontvangers else None,
            "alsnog_vastgelegd": self.alsnog_vastgelegd,
            "niet_gedeeld": self.niet_gedeeld,
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


class _Meldingen:
    """Een naamloos tijdelijk bestand voor de meldingen van de merge-driver (die kunnen
    ontsleutelde waarden bevatten). De driver schrijft erin via de geërfde bestandsbeschrijving
    (`JEUGDPLAN_MELDINGEN_FD`); er is geen naam, dus ook na een kill blijft er niets achter."""

    def __enter__(self) -> _Meldingen:
        self.bestand = tempfile.TemporaryFile()
        return self

    @property
    def fd(self) -> int:
        return self.bestand.fileno()

    def lees(self) -> list[Melding]:
        self.bestand.seek(0)
        meldingen = []
        for regel in self.bestand.read().decode("utf-8", "replace").splitlines():
            try:
                d = json.loads(regel)
                meldingen.append(Melding(d["soort"], d["casus"], d["veld"], d["tekst"],
                                         d.get("ons"), d.get("hun")))
            except (ValueError, KeyError, TypeError):
                continue
        return meldingen

    def __exit__(self, *_: Any) -> None:
        self.bestand.close()


def _breek_af(root: Path) -> None:
    """`git merge --abort`. Lukt dat niet (een achtergebleven `.git/index.lock`), dan een
    duidelijke fout: de repository staat dan nog half samengevoegd, en dat moet de gebruiker
    weten (nooit 'er is niets veranderd')."""
    if not gitrepo.bezig_met_samenvoegen(root):
        return
    code, uitvoer = gitrepo.draai(root, "merge", "--abort")
    if code == 0 and not gitrepo.bezig_met_samenvoegen(root):
        return
    lock = gitrepo.git_map(root) / "index.lock"
    laatste = uitvoer.strip().splitlines()[-1] if uitvoer.strip() else "onbekende fout"
    raise JeugdplanError(
        "samenvoegen is mislukt en git kon de samenvoeging niet ongedaan maken (git: "
        f"{laatste[:200]}). De repository staat nog half samengevoegd (midden in een merge); "
        "jeugdplan schrijft niets tot dat is opgelost. "
        + (f"Verwijder {lock} (als er geen git-opdracht meer draait), " if lock.exists() else "")
        + "draai 'git merge --abort' en daarna 'jeugdplan sync' opnieuw")


def _merge(repo: Repo, upstream: str, remote: str, tak: str, kies: str | None) -> list[Melding]:
    """Voegt `upstream` samen zonder vast te leggen, controleert het resultaat
    (`inkomend`) en legt het dan pas vast; bij een conflict of een fout wordt de samenvoeging
    afgebroken."""
    root = repo.root
    with _Meldingen() as bestand:
        env = {"JEUGDPLAN_MELDINGEN_FD": str(bestand.fd),
               "JEUGDPLAN_AUTEUR": gitrepo.identiteit(root).naam}
        args = ["merge", "--no-ff", "--no-commit"]
        if kies:
            env["JEUGDPLAN_KIES"] = kies
            args += ["-X", "ours" if kies == "ons" else "theirs"]
        try:
            code, uitvoer = gitrepo.draai(root, *args, upstream, extra_omgeving=env,
                                          pass_fds=(bestand.fd,))
        except BaseException:
            # Onderbroken (Ctrl-C): nooit een halve samenvoeging achterlaten.
            _breek_af(root)
            raise
        meldingen = bestand.lees()
    try:
        if code != 0:
            meldingen += _na_conflict(root, remote, kies, meldingen, uitvoer)
        inkomend.controleer_plannen(root, _samengevoegd(root), remote, f"HEAD..{upstream}")
        inkomend.controleer_grafstenen(root, None, remote, f"HEAD..{upstream}", tak)
    except BaseException:
        _breek_af(root)
        raise
    gitrepo.git(root, "commit", "-q", "--no-verify", "-m", _bericht(remote, meldingen, kies))
    return meldingen


def _na_conflict(root: Path, remote: str, kies: str | None, meldingen: list[Melding],
                 uitvoer: str) -> list[Melding]:
    """Wat git niet zelf kon samenvoegen: oplossen met de keuze (de meldingen daarvan), of
    afbreken met een melding die zegt wat er botste."""
    open_paden = gitrepo.onopgelost(root)
    if kies and open_paden:
        opgelost = _los_op_met_keuze(root, open_paden, kies)
        if opgelost is not None:
            return opgelost
    bestanden = [f"{pad} ({_soort_conflict(versies, remote)})"
                 for pad, versies in sorted(open_paden.items())]
    _breek_af(root)
    conflicten = [m for m in meldingen if m.soort in ("conflict", "fout")]
    if not conflicten and not bestanden:
        laatste = uitvoer.strip().splitlines()[-1] if uitvoer.strip() else "onbekende fout"
        if "index.lock" in uitvoer:
            laatste = (f"{gitrepo.git_map(root) / 'index.lock'} bestaat: loopt er nog een "
                       "git-opdracht? Zo niet, verwijder dat bestand")
        raise JeugdplanError(f"samenvoegen met {remote} mislukte en is afgebroken; er is niets "
                             f"veranderd (git: {laatste[:300]})")
    raise SyncConflict(_conflictmelding(remote, conflicten, bestanden), conflicten, bestanden)


def _samengevoegd(root: Path) -> dict[str, bytes | None]:
    """De plannen (en `ontvangers.yaml`, `jeugdplan.yaml`) die de samenvoeging veranderde,
    zoals ze nu in de werkmap staan."""
    from jeugdplan.opslag.bestanden import lees_bytes

    uit: dict[str, bytes | None] = {}
    for pad in inkomend.gewijzigd(root, "--cached", "HEAD"):
        try:
            uit[pad] = lees_bytes(root / pad, pad)
        except PlanOngeldig as e:
            raise inkomend.InkomendGeweigerd(f"{e.melding.splitlines()[0]}; er is niets "
                                             "samengevoegd") from None
    return uit


def _snel_vooruit(root: Path, boven: str, remote: str, tak: str) -> None:
    """Alleen binnenkomende wijzigingen: eerst controleren (uit git), dan fast-forward."""
    paden = inkomend.gewijzigd(root, "HEAD", boven)
    blobs = gitrepo.lees_blobs_ruw(root, [f"{boven}:{p}" for p in paden])
    inkomend.controleer_plannen(root, {p: blobs[f"{boven}:{p}"] for p in paden}, remote,
                                f"HEAD..{boven}")
    inkomend.controleer_grafstenen(root, boven, remote, f"HEAD..{boven}", tak)
    gitrepo.git(root, "merge", "--ff-only", "-q", boven)


def _bericht(remote: str, meldingen: list[Melding], kies: str | None) -> str:
    """Het bericht van de samenvoeg-commit, met wat sync besliste (hernummerd, gekozen): ids
    en veldnamen maar geen waarden, want een commitbericht bevat geen gegevens van het kind."""
    regels = []
    for m in meldingen:
        if m.soort == "hernummerd":
            regels.append(f"{m.casus}: {m.tekst}")
        elif m.soort == "gekozen":
            regels.append(f"{m.casus}: {m.veld}: keuze {kies} (de andere waarde staat in "
                          "het journaal)" if m.casus and not m.veld.startswith(CASUSSEN)
                          else f"{m.veld}: keuze {kies}")
    kop = f"jeugdplan sync: wijzigingen van {remote} samengevoegd"
    return kop + ("\n\n" + "\n".join(regels) if regels else "")


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
    bestanden) op met de keuze, in de index (`_merge` legt vast na controle). Een plan dat
    de driver niet kon samenvoegen (onleesbaar, ongeldig) wordt nooit blind overschreven:
    dan None."""
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


def _ruim_resten_op(root: Path) -> None:
    """Tijdelijke bestanden van een afgebroken git-merge (`.merge_file_*`, met de versies van
    een plan) weg uit de werkmap."""
    for pad in root.glob(".merge_file_*"):
        if pad.is_file() or pad.is_symlink():
            pad.unlink(missing_ok=True)


def _maak_prive(root: Path, van: str | None = None) -> None:
    """Zoals `init`: alles alleen voor de eigenaar. Een kloon (`git clone`) heeft 0755/0644:
    de eerste keer alles (en `core.sharedRepository=0600` voor nieuwe git-bestanden), daarna
    de root en wat sinds `van` binnenkwam."""
    from jeugdplan.opslag.bestanden import alleen_eigenaar

    if gitrepo.git(root, "config", "--local", "--get", "core.sharedRepository",
                   check=False).strip() != "0600":
        alleen_eigenaar(root)
        gitrepo.zet_config(root, "core.sharedRepository", "0600")
        return
    paden = [root] if van is None else [root, *(root / p for p in gitrepo.git(
        root, "diff", "--name-only", "--no-renames", van, "HEAD").splitlines())]
    for pad in paden:
        for deel in (pad, *pad.parents):
            if deel != root and root not in deel.parents:
                break
            with contextlib.suppress(OSError):
                st = os.lstat(deel)
                if not stat.S_ISLNK(st.st_mode) and st.st_mode & 0o077:
                    os.chmod(deel, st.st_mode & 0o7700)


def _leg_nieuwe_plannen_vast(repo: Repo, resultaat: SyncResultaat) -> None:
    """Een nieuw plan waarvan de eerste commit mislukte staat niet in git en zou nooit gedeeld
    worden: een geldig plan wordt alsnog vastgelegd, een ongeldig genoemd."""
    uit = gitrepo.git(repo.root, "status", "--porcelain", "-z", "--untracked-files=all", "--",
                      CASUSSEN)
    for item in uit.split("\0"):
        treffer = re.match(rf"^\?\? {CASUSSEN}/([^/]+)/{PLAN}$", item)
        if not treffer:
            continue
        ident = treffer.group(1)
        try:
            geladen = repo.laad(ident)
        except Vergrendeld:
            raise
        except PlanOngeldig as e:
            resultaat.niet_gedeeld.append(e.melding.splitlines()[-1])
            continue
        except JeugdplanError as e:
            resultaat.niet_gedeeld.append(f"{CASUSSEN}/{ident}/{PLAN}: {e.melding}")
            continue
        repo.herstel_onvastgelegd(geladen.pad, geladen.id)
        resultaat.alsnog_vastgelegd.append(geladen.id)


def _sync(repo: Repo, remote: str, kies: str | None) -> SyncResultaat:

    root = repo.root
    _ruim_resten_op(root)
    gitrepo.weiger_als_half(root)
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

    gevolgd = gitrepo.git(root, "ls-files", "--", ".jeugdplan").split()
    if gevolgd:
        raise JeugdplanError(
            f"git volgt bestanden onder .jeugdplan/ ({', '.join(gevolgd[:3])}); die map is "
            "lokaal (cache, bewerkingen) en wordt niet gedeeld. Haal ze uit git met 'git rm "
            "-r --cached .jeugdplan', leg dat vast en draai 'jeugdplan sync' opnieuw")

    resultaat = SyncResultaat(remote, tak)
    # Ontvangers gezien: deze kloon blijft versleutelen, ook als ze straks verdwijnen.
    markeer_versleuteld(root)
    _maak_prive(root)
    _leg_nieuwe_plannen_vast(repo, resultaat)
    if installeer(root):
        gitrepo.commit(root, [root / ".gitattributes"],
                       "jeugdplan: plannen worden per onderdeel samengevoegd (.gitattributes)")
        resultaat.ingesteld = True

    begin = gitrepo.rev(root, "HEAD")
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
        voor = gitrepo.rev(root, "HEAD")
        binnen = gitrepo.commits(root, f"HEAD..{boven}", met_paden=True)
        if binnen:
            inkomend.controleer_boom(root, basis, boven, remote)
        if binnen and gitrepo.commits(root, f"{boven}..HEAD"):
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
        if binnen and uitgaand:
            try:
                resultaat.meldingen = _merge(repo, boven, remote, tak, kies)
            except JeugdplanError as e:
                if resultaat.hernoemd:
                    e.melding += "".join(
                        f"\n(Al vastgelegd: uw casus {a} heet nu {b}, omdat {a} ook bij "
                        f"{remote} bestond.)" for a, b in resultaat.hernoemd)
                    e.args = (e.melding,)
                raise
            resultaat.samengevoegd = True
            _versleutel_na_samenvoegen(repo)
        elif binnen:
            _snel_vooruit(root, boven, remote, tak)
        if binnen and voor is not None:
            _maak_prive(root, voor)
        if uitgaand and not _push(root, remote, tak):
            alle_inkomend += binnen
            continue
        alle_inkomend += binnen
        resultaat.binnengekomen = _per_casus(alle_inkomend)
        resultaat.buiten_casussen = inkomend.buiten_casussen(alle_inkomend)
        resultaat.verstuurd = _per_casus(uitgaand)
        if alle_inkomend and begin is not None:
            resultaat.ontvangers = _ontvangers(root, begin, boven)
        return resultaat
    raise JeugdplanError(
        f"{remote} veranderde steeds tijdens het versturen (collega's synchroniseren "
        "tegelijk); uw wijzigingen staan veilig hier. Probeer 'jeugdplan sync' zo opnieuw")


def _ontvangers(root: Path, begin: str, boven: str) -> inkomend.Ontvangerswijziging | None:
    """Wat de gedeelde kant aan de ontvangers veranderde, en wat deze kloon daarvan nog niet
    bevestigde (een verwijderde sleutel valt meteen weg: `schrijfontvangers`)."""
    from jeugdplan.opslag.versleuteling import schrijfontvangers, versleuteld_repo

    basis = gitrepo.merge_base(root, begin, boven)
    wijziging = inkomend.ontvangers_wijziging(root, basis, boven) if basis else None
    if wijziging is not None and versleuteld_repo(root):
        wijziging.onbevestigd = schrijfontvangers(root).onbevestigd
    return wijziging
