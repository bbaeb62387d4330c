"""Bestanden die de repository bepaalt (en dus elke collega met push-toegang): lezen en
schrijven zonder ooit een symlink te volgen.

Een gepushte `.gitattributes` die een symlink is naar het sessiebestand van de gebruiker
(of naar `~/.ssh/id_rsa`) zou anders gelezen, met die inhoud herschreven, vastgelegd en
verstuurd worden. Daarom:

- `controleer` (bij elke opdracht, via `Repo.vind`): geen van de gedeelde namen in de
  root is een symlink of iets anders dan een gewoon bestand of een map;
- `lees` opent met `O_NOFOLLOW` en leest alleen een gewoon bestand, begrensd;
- `schrijf` schrijft nooit door een symlink (atomair: een nieuw bestand en rename).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from jeugdplan.domein.errors import JeugdplanError

BESTANDEN = (".gitattributes", "ontvangers.yaml", "jeugdplan.yaml", "regio.yaml")
MAPPEN = ("templates", ".jeugdplan", "casussen")


class SymlinkFout(JeugdplanError):
    """Een bestand dat de repository bepaalt is een symlink (of geen gewoon bestand)."""


def symlink_fout(naam: str) -> SymlinkFout:
    return SymlinkFout(
        f"{naam} is een symlink; jeugdplan volgt nooit een symlink voor een bestand dat via de "
        f"gedeelde repository kan binnenkomen (het zou een bestand van buiten de repository "
        f"lezen of overschrijven). Er is niets gelezen of geschreven. Vervang {naam} door een "
        f"gewoon bestand of verwijder het (git rm {naam}) en leg dat vast")


def controleer(root: Path) -> None:
    """Weigert als een van de gedeelde bestanden of mappen in de root een symlink is, of van
    de verkeerde soort (een fifo als `.gitattributes`, een bestand als `templates`)."""
    for naam in (*BESTANDEN, *MAPPEN):
        try:
            modus = os.lstat(root / naam).st_mode
        except OSError:
            continue
        if stat.S_ISLNK(modus):
            raise symlink_fout(naam)
        soort_goed = stat.S_ISDIR(modus) if naam in MAPPEN else stat.S_ISREG(modus)
        if not soort_goed:
            wat = "een map" if naam in MAPPEN else "een gewoon bestand"
            raise SymlinkFout(f"{naam} is geen {wat}; verwijder het en leg dat vast. Er is "
                              "niets gelezen of geschreven")


def lees(root: Path, naam: str) -> bytes | None:
    """De inhoud van gedeeld bestand `naam` (relatief aan de root), of None als het er niet
    is. Nooit via een symlink (ook niet in een map erboven), alleen een gewoon bestand,
    begrensd (`bestanden.lees_bytes`)."""
    from jeugdplan.opslag.bestanden import lees_bytes

    for ouder in reversed(Path(naam).parents[:-1]):
        if (root / ouder).is_symlink():
            raise symlink_fout(ouder.as_posix())
    pad = root / naam
    if pad.is_symlink():
        raise symlink_fout(naam)
    if not os.path.lexists(pad):
        return None
    return lees_bytes(pad, naam)


def lees_tekst(root: Path, naam: str) -> str:
    """Als `lees`, als tekst (leeg als het bestand er niet is)."""
    ruw = lees(root, naam)
    return "" if ruw is None else ruw.decode("utf-8", "replace")


def schrijf(root: Path, naam: str, inhoud: str | bytes, modus: int = 0o644) -> None:
    """Schrijft gedeeld bestand `naam` atomair (nooit door een symlink: die wordt geweigerd)."""
    from jeugdplan.opslag.bestanden import schrijf_atomair

    pad = root / naam
    if pad.is_symlink():
        raise symlink_fout(naam)
    try:
        schrijf_atomair(pad, inhoud)
        os.chmod(pad, modus)
    except OSError as e:
        raise JeugdplanError(f"kan {naam} niet schrijven ({e.strerror or e}); er is niets "
                             "vastgelegd") from None
