"""De enige module die git aanroept: init, identiteit, commit en geschiedenis.

Alle meldingen naar de gebruiker zijn Nederlands; git zelf draait met `LC_ALL=C` zodat de
uitvoer voorspelbaar te lezen is.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.grenzen import toonbaar


class GitFout(JeugdplanError):
    """git weigerde of ontbreekt."""


def omgeving() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"})
    return env


def git(root: Path, *args: str, invoer: str | None = None, check: bool = True,
        extra_omgeving: dict[str, str] | None = None) -> str:
    try:
        klaar = subprocess.run(
            ["git", *args],
            cwd=root,
            input=invoer,
            capture_output=True,
            text=True,
            env={**omgeving(), **(extra_omgeving or {})},
        )
    except FileNotFoundError:
        raise GitFout("git is niet geïnstalleerd; installeer git en probeer opnieuw") from None
    if check and klaar.returncode != 0:
        raise GitFout(_vertaal_fout(args, klaar.stderr or klaar.stdout))
    return klaar.stdout


def _vertaal_fout(args: tuple[str, ...], uitvoer: str) -> str:
    tekst = uitvoer.strip().splitlines()[-1] if uitvoer.strip() else "onbekende fout"
    if "index.lock" in uitvoer:
        return ("git is bezet (index.lock bestaat): loopt er nog een git-opdracht? "
                "Zo niet, verwijder .git/index.lock en probeer opnieuw")
    if "No space left" in uitvoer:
        return "de schijf is vol: git kon niet schrijven"
    if "cannot lock ref" in uitvoer or ".lock': File exists" in uitvoer:
        import re

        gevonden = re.search(r"'([^']+\.lock)'", uitvoer)
        welk = gevonden.group(1) if gevonden else "het .lock-bestand in .git"
        return (f"git is bezet (een .lock-bestand in .git bestaat: {welk}): loopt er nog een "
                "git-opdracht? Zo niet (bijvoorbeeld na een afgebroken opdracht), verwijder "
                "dat bestand en probeer opnieuw")
    if ("Permission denied" in uitvoer or "insufficient permission" in uitvoer
            or "Read-only file system" in uitvoer):
        return f"git mag niet schrijven in .git (rechten of alleen-lezen schijf): {tekst[:200]}"
    if "Author identity unknown" in uitvoer or "empty ident" in uitvoer:
        return _GEEN_IDENTITEIT
    return f"git {args[0]} mislukte: {tekst}"


_GEEN_IDENTITEIT = (
    "geen git-identiteit ingesteld; elke wijziging draagt de naam van wie hem maakte. "
    "Stel in met: git config --global user.name \"Uw Naam\" && "
    "git config --global user.email \"u@voorbeeld.nl\""
)


@dataclass(frozen=True)
class Identiteit:
    naam: str
    email: str


def identiteit(root: Path) -> Identiteit:
    """De auteur van een wijziging; geeft een duidelijke fout als die niet is ingesteld."""
    naam = os.environ.get("GIT_AUTHOR_NAME") or git(root, "config", "user.name", check=False)
    email = os.environ.get("GIT_AUTHOR_EMAIL") or git(root, "config", "user.email", check=False)
    if not naam.strip() or not email.strip():
        raise GitFout(_GEEN_IDENTITEIT)
    return Identiteit(naam.strip(), email.strip())


def is_repository(pad: Path) -> bool:
    return (pad / ".git").exists()


def init(pad: Path) -> None:
    git(pad, "init", "-q")
    git(pad, "symbolic-ref", "HEAD", "refs/heads/main")
    # Nieuwe git-bestanden alleen leesbaar voor de eigenaar (plannen bevatten bijzondere
    # persoonsgegevens van kinderen).
    git(pad, "config", "core.sharedRepository", "0600")


def _index_stempel(root: Path) -> tuple[int, int, int, int] | None:
    """Stempel van `.git/index`; None als de index elders kan staan (worktree, GIT_DIR,
    GIT_INDEX_FILE). git schrijft de index altijd via een nieuw bestand en rename: elke
    wijziging geeft een andere stempel."""
    if os.environ.get("GIT_INDEX_FILE") or os.environ.get("GIT_DIR"):
        return None
    try:
        st = os.stat(root / ".git" / "index")
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class Klaar:
    """`git diff --cached` (wat al klaarstaat om vast te leggen), op de achtergrond gestart
    terwijl jeugdplan het plan leest en schrijft (onder het slot). `commit` gebruikt het
    alleen als de index sindsdien niet veranderde; anders vraagt hij het git opnieuw."""

    def __init__(self, root: Path) -> None:
        self.stempel = _index_stempel(root)
        self.proces: subprocess.Popen[bytes] | None = None
        if self.stempel is not None:
            try:
                self.proces = subprocess.Popen(
                    ["git", "diff", "--cached", "--name-only", "-z"], cwd=root,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=omgeving())
            except OSError:
                self.proces = None

    def paden(self, root: Path) -> list[str] | None:
        """De paden die klaarstonden, of None als dat niet zeker is."""
        if self.proces is None:
            return None
        uitvoer = self.proces.communicate()[0].decode("utf-8", "surrogateescape")
        if self.proces.returncode != 0 or _index_stempel(root) != self.stempel:
            return None
        return [p for p in uitvoer.split("\0") if p]

    def sluit(self) -> None:
        """Ruimt het proces op als `commit` er niet aan toe kwam (bijv. een fout ervoor)."""
        if self.proces is not None and self.proces.returncode is None:
            self.proces.communicate()


def commit(root: Path, paden: list[Path], bericht: str, *, hash: bool = True,
           vooraf: Klaar | None = None) -> str:
    """Legt precies deze paden vast in één commit; geeft de commit-hash (met `hash=False`
    een lege tekst: een git-aanroep minder per bewerking). Met `vooraf` (vóór het schrijven
    gestart) hoeft git na `add` niet opnieuw te zeggen wat er klaarstaat. Weigert tijdens een
    onafgemaakte merge of rebase (anders legt dit de halve samenvoeging vast)."""
    weiger_als_half(root)
    relatief = [str(p.relative_to(root)) if p.is_absolute() else str(p) for p in paden]

    def onder(p: str) -> bool:
        return any(p == r or p.startswith(r.rstrip("/") + "/") for r in relatief)

    eerder = vooraf.paden(root) if vooraf is not None else None
    # Met -v meldt git elk pad waarvan de index door deze `add` echt veranderde.
    gemeld = git(root, "add", "-A", *(("-v",) if eerder is not None else ()), "--", *relatief)
    regels = gemeld.splitlines()
    if (eerder is not None and all(r.startswith(("add '", "remove '")) for r in regels)
            and not (regels and any(onder(p) for p in eerder))):
        # Andere paden veranderen niet door deze `add`; van deze paden staat klaar wat er al
        # stond, of (gemeld) wat nu anders is dan in de index die gelijk was aan HEAD.
        klaar = eerder + ([relatief[0]] if regels else [])
    else:
        klaar = [p for p in git(root, "diff", "--cached", "--name-only", "-z").split("\0")
                 if p]
    # `commit -- paden` bekijkt elk bestand in de werkmap opnieuw (bij 100.000 plannen ~1 s);
    # zonder paden legt git de index vast zoals hij is. Dat mag alleen als er niets anders
    # klaarstaat dan deze paden.
    if klaar:  # niets veranderd (bijv. een status die al zo was): geen lege commit
        alleen_deze = all(onder(p) for p in klaar)
        git(root, "commit", "-q", "--no-verify", "-m", bericht,
            *(() if alleen_deze else ("--", *relatief)))
    return git(root, "rev-parse", "HEAD").strip() if hash else ""


def onvastgelegd(root: Path, onder: str = "casussen") -> list[str]:
    """Paden onder `onder` met wijzigingen die (nog) niet zijn vastgelegd."""
    return onvastgelegd_op_achtergrond(root, onder)()


def onvastgelegd_op_achtergrond(root: Path, onder: str = "casussen"
                                ) -> Callable[[], list[str]]:
    """Start `git status` en geeft een functie die de paden van `onvastgelegd` oplevert
    zodra ze nodig zijn. Bij tienduizenden plannen kost git status ongeveer even lang als
    de rest van `check`; zo werken git en jeugdplan tegelijk (op twee kernen).

    Met GIT_OPTIONAL_LOCKS=0: git status schrijft de index dan niet terug (alleen een
    verversing van bestandstijden). Zo neemt hij geen index.lock terwijl een andere opdracht
    vastlegt, en blijft de index ongewijzigd voor `Klaar`."""
    try:
        proces = subprocess.Popen(
            ["git", "status", "--porcelain", "-z", "--untracked-files=all", "--", onder],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**omgeving(), "GIT_OPTIONAL_LOCKS": "0"})
    except FileNotFoundError:
        raise GitFout("git is niet geïnstalleerd; installeer git en probeer opnieuw") from None

    def paden() -> list[str]:
        uitvoer = proces.communicate()[0].decode("utf-8", "surrogateescape")
        return [item[3:] for item in uitvoer.split("\0") if len(item) > 3]

    return paden


# --- samenwerken: remotes, sync, geschiedenis met inhoud (issue 8) -----------------------


def draai(root: Path, *args: str, extra_omgeving: dict[str, str] | None = None,
          pass_fds: tuple[int, ...] = ()) -> tuple[int, str]:
    """Als `git`, maar geeft (exitcode, stdout+stderr) en gooit niet bij een fout. `pass_fds`
    gaan mee naar git en de programma's die git start (de merge-driver)."""
    try:
        klaar = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True,
            env={**omgeving(), **(extra_omgeving or {})}, pass_fds=pass_fds,
        )
    except FileNotFoundError:
        raise GitFout("git is niet geïnstalleerd; installeer git en probeer opnieuw") from None
    return klaar.returncode, (klaar.stdout or "") + (klaar.stderr or "")


def git_map(root: Path) -> Path:
    """De .git-map van de repository (ook in een worktree)."""
    pad = Path(git(root, "rev-parse", "--git-dir").strip())
    return pad if pad.is_absolute() else root / pad


def zet_config(root: Path, sleutel: str, waarde: str) -> bool:
    """Zet een lokale git-instelling als die anders is; geeft True als er iets veranderde."""
    huidig = git(root, "config", "--local", "--get", sleutel, check=False).strip()
    if huidig == waarde:
        return False
    git(root, "config", "--local", sleutel, waarde)
    return True


def remotes(root: Path) -> list[str]:
    return [r for r in git(root, "remote").split() if r]


def remote_url(root: Path, naam: str) -> str:
    return git(root, "remote", "get-url", naam, check=False).strip()


def huidige_tak(root: Path) -> str | None:
    naam = git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).strip()
    return naam or None


def rev(root: Path, ref: str) -> str | None:
    """De commit-hash van `ref`, of None als die niet bestaat."""
    uit = git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    return uit.strip() or None


def merge_base(root: Path, a: str, b: str) -> str | None:
    return git(root, "merge-base", a, b, check=False).strip() or None


_HALF = (("MERGE_HEAD", "merge"), ("rebase-merge", "rebase"), ("rebase-apply", "rebase"),
         ("CHERRY_PICK_HEAD", "cherry-pick"), ("REVERT_HEAD", "revert"))


def bezig_met_samenvoegen(root: Path) -> str | None:
    """'merge', 'rebase', 'cherry-pick' of 'revert' als git daar midden in staat, anders None.
    In een gewone kloon zonder git aan te roepen (elke schrijfopdracht vraagt dit)."""
    punt = root / ".git"
    gm = punt if punt.is_dir() and not os.environ.get("GIT_DIR") else git_map(root)
    for naam, soort in _HALF:
        if (gm / naam).exists():
            return soort
    return None


def weiger_als_half(root: Path) -> None:
    """Een schrijfopdracht tijdens een onafgemaakte merge of rebase zou die half vastleggen
    (een wijziging van een collega kan zo verdwijnen): dan een duidelijke fout."""
    bezig = bezig_met_samenvoegen(root)
    if bezig:
        raise GitFout(
            f"git staat nog midden in een {bezig}; er is niets geschreven. Rond die af of breek "
            f"hem af met 'git {bezig} --abort'" + _lock_hint(root)
            + ", en probeer het daarna opnieuw")


def _lock_hint(root: Path) -> str:
    lock = root / ".git" / "index.lock"
    return (f" (als dat mislukt omdat {lock} bestaat en er geen git meer draait: verwijder "
            "eerst dat bestand)") if lock.exists() else ""


def niet_vastgelegd(root: Path) -> list[str]:
    """Gevolgde bestanden met wijzigingen die niet zijn vastgelegd (nieuwe bestanden tellen niet)."""
    uit = git(root, "status", "--porcelain", "-z", "--untracked-files=no", check=False)
    return [item[3:] for item in uit.split("\0") if len(item) > 3]


@dataclass(frozen=True)
class Commit:
    hash: str
    ouders: tuple[str, ...]
    auteur: str
    datum: str
    bericht: str
    paden: tuple[str, ...] = ()


def commits(root: Path, bereik: str, *paden: str, met_paden: bool = False,
            volg_ouder: bool = False) -> list[Commit]:
    """Commits in `bereik` (bijv. 'a..b' of een hash), nieuwste eerst, eventueel met paden.

    Velden gescheiden door NUL, het enige teken dat niet in een naam of bericht kan staan:
    een auteur met een ander scheidingsteken in zijn naam kan zo geen commit verbergen. Naam
    en bericht komen `toonbaar` terug (geen stuurtekens naar de terminal)."""
    args = ["log", "--format=%x00%H%x00%P%x00%an%x00%ad%x00%s%x00",
            "--date=format:%Y-%m-%d %H:%M"]
    if met_paden:
        args += ["--name-only", "--no-renames"]
    if volg_ouder:
        args.append("--first-parent")
    args.append(bereik)
    if paden:
        args += ["--", *paden]
    velden = git(root, *args).split("\0")
    lijst = []
    for i in range(1, len(velden) - 5, 6):
        h, ouders, auteur, datum, bericht, rest = velden[i:i + 6]
        bestanden = tuple(r for r in rest.splitlines() if r.strip()) if met_paden else ()
        lijst.append(Commit(h, tuple(ouders.split()), toonbaar(auteur), datum, toonbaar(bericht),
                            bestanden))
    return lijst


def toegevoegd(root: Path, van: str, tot: str, onder: str) -> list[str]:
    """Paden onder `onder` die tussen `van` en `tot` zijn toegevoegd."""
    uit = git(root, "diff", "--name-only", "--no-renames", "--diff-filter=A", van, tot,
              "--", onder)
    return [r for r in uit.splitlines() if r.strip()]


def hernoemd_in(root: Path, commit: str, naar: str) -> str | None:
    """Het oude pad als `commit` het bestand `naar` door hernoemen liet ontstaan."""
    uit = git(root, "show", "--format=", "--name-status", "-M", commit, "--", check=False)
    for regel in uit.splitlines():
        delen = regel.split("\t")
        if len(delen) == 3 and delen[0].startswith("R") and delen[2] == naar:
            return delen[1]
    return None


def lees_blobs(root: Path, specs: list[str]) -> dict[str, str | None]:
    """De inhoud van `commit:pad`-specificaties in één git-proces (None als die ontbreekt)."""
    return {spec: None if ruw is None else ruw.decode("utf-8", errors="replace")
            for spec, ruw in lees_blobs_ruw(root, specs).items()}


def lees_blobs_ruw(root: Path, specs: list[str]) -> dict[str, bytes | None]:
    """Als `lees_blobs`, maar de bytes zelf."""
    if not specs:
        return {}
    try:
        klaar = subprocess.run(
            ["git", "cat-file", "--batch"], cwd=root, input="\n".join(specs).encode() + b"\n",
            capture_output=True, env=omgeving(),
        )
    except FileNotFoundError:
        raise GitFout("git is niet geïnstalleerd; installeer git en probeer opnieuw") from None
    data = klaar.stdout
    uitkomst: dict[str, bytes | None] = {}
    positie = 0
    for spec in specs:
        einde = data.index(b"\n", positie)
        kop = data[positie:einde].decode(errors="replace")
        positie = einde + 1
        if kop.endswith(" missing") or kop.endswith(" ambiguous"):
            uitkomst[spec] = None
            continue
        grootte = int(kop.rsplit(" ", 1)[1])
        uitkomst[spec] = data[positie:positie + grootte]
        positie += grootte + 1
    return uitkomst


def onopgelost(root: Path) -> dict[str, set[int]]:
    """Paden met een conflict en welke versies er zijn (1 basis, 2 ons, 3 hun)."""
    uit = git(root, "ls-files", "-u", "-z", check=False)
    paden: dict[str, set[int]] = {}
    for item in uit.split("\0"):
        if "\t" not in item:
            continue
        kop, pad = item.split("\t", 1)
        delen = kop.split()
        if len(delen) == 3 and delen[2].isdigit():
            paden.setdefault(pad, set()).add(int(delen[2]))
    return paden
