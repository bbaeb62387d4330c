"""De enige module die git aanroept: init, identiteit, commit en geschiedenis.

Alle meldingen naar de gebruiker zijn Nederlands; git zelf draait met `LC_ALL=C` zodat de
uitvoer voorspelbaar te lezen is.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from jeugdplan.errors import JeugdplanError


class GitFout(JeugdplanError):
    """git weigerde of ontbreekt."""


def _omgeving() -> dict[str, str]:
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
            env={**_omgeving(), **(extra_omgeving or {})},
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


def commit(root: Path, paden: list[Path], bericht: str) -> str:
    """Legt precies deze paden vast in één commit; geeft de commit-hash."""
    relatief = [str(p.relative_to(root)) if p.is_absolute() else str(p) for p in paden]
    git(root, "add", "-A", "--", *relatief)
    git(root, "commit", "-q", "--no-verify", "-m", bericht, "--", *relatief)
    return git(root, "rev-parse", "HEAD").strip()


@dataclass(frozen=True)
class Wijziging:
    hash: str
    auteur: str
    datum: str
    bericht: str


_SCHEIDING = "\x1f"


def geschiedenis(root: Path, pad: Path | str) -> list[Wijziging]:
    """Alle commits die `pad` raakten, nieuwste eerst."""
    uitvoer = git(
        root, "log", "--follow", f"--format=%H{_SCHEIDING}%an{_SCHEIDING}%ad{_SCHEIDING}%s",
        "--date=format:%Y-%m-%d %H:%M", "--", str(pad),
    )
    regels = []
    for regel in uitvoer.splitlines():
        delen = regel.split(_SCHEIDING)
        if len(delen) == 4:
            regels.append(Wijziging(*delen))
    return regels


def onvastgelegd(root: Path, onder: str = "casussen") -> list[str]:
    """Paden onder `onder` met wijzigingen die (nog) niet zijn vastgelegd."""
    uitvoer = git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", onder,
                  check=False)
    paden = []
    for item in uitvoer.split("\0"):
        if len(item) > 3:
            paden.append(item[3:])
    return paden
