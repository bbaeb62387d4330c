"""Bestanden veilig lezen en schrijven: begrensd, nooit via een symbolische koppeling,
atomair (nooit half) en alleen voor de eigenaar."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from jeugdplan.domein.errors import PlanOngeldig, Probleem

MAX_GROOTTE = 5 * 1024 * 1024
"""Een plan is tekst van enkele kilobytes; alles boven 5 MB is geen plan."""


def _fout(pad: str, melding: str) -> PlanOngeldig:
    probleem = Probleem(pad, None, None, "", melding, code="bestand")
    return PlanOngeldig(str(probleem), [probleem])


def lees_bytes(bestand: Path, pad: str) -> bytes:
    """Leest een bestand begrensd: eerst de grootte (stat), dan hooguit `MAX_GROOTTE` + 1
    bytes, zodat een bestand van 100 MB nooit helemaal in het geheugen komt. Alleen gewone
    bestanden (geen fifo of apparaat, waar lezen zou blijven hangen), en nooit via een
    symbolische koppeling."""
    vlaggen = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(bestand, vlaggen)
    except OSError as e:
        if e.errno == errno.ELOOP or os.path.islink(bestand):
            raise _fout(pad, "is een symbolische koppeling; jeugdplan volgt die "
                        "niet") from None
        raise _fout(pad, f"bestand kan niet gelezen worden ({e.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _fout(pad, "is geen gewoon bestand")
        if info.st_size > MAX_GROOTTE:
            raise te_groot(pad, info.st_size)
        delen = []
        over = MAX_GROOTTE + 1
        while over > 0:
            deel = os.read(fd, min(over, 1 << 20))
            if not deel:
                break
            delen.append(deel)
            over -= len(deel)
        ruw = b"".join(delen)
    except OSError as e:
        raise _fout(pad, f"bestand kan niet gelezen worden ({e.strerror})") from None
    finally:
        os.close(fd)
    if len(ruw) > MAX_GROOTTE:
        raise te_groot(pad, len(ruw))
    return ruw


def te_groot(pad: str, grootte: int) -> PlanOngeldig:
    return _fout(pad, f"bestand is te groot ({grootte / 1024 / 1024:.0f} MB, "
                 f"hooguit {MAX_GROOTTE // 1024 // 1024} MB); een plan is hooguit enkele "
                 "honderden kilobytes")


def schrijf_atomair(pad: Path, tekst: str | bytes) -> None:
    """Schrijft via een tijdelijk bestand in dezelfde map, fsync en rename: een crash laat
    het oude of het nieuwe bestand achter, nooit een half bestand. Rechten 0600."""
    import tempfile

    pad.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tijdelijk = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=pad.parent)
    try:
        inhoud = tekst if isinstance(tekst, bytes) else tekst.encode("utf-8")
        with os.fdopen(fd, "wb") as f:
            f.write(inhoud)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tijdelijk, 0o600)
        os.replace(tijdelijk, pad)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(pad.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:  # pragma: no cover - niet elk bestandssysteem kent dit
        pass


def alleen_eigenaar(map_: Path) -> None:
    """Haalt lees- en schrijfrechten van groep en anderen weg (git maakt .git met de umask)."""
    for wortel, mappen, bestanden in os.walk(map_):
        for naam in [*mappen, *bestanden, ""]:
            p = os.path.join(wortel, naam) if naam else wortel
            if os.path.islink(p):
                continue
            modus = os.stat(p).st_mode & 0o7777
            if modus & 0o077:
                os.chmod(p, modus & ~0o077)
