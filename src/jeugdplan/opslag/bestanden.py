"""Bestanden veilig schrijven: atomair (nooit half) en alleen voor de eigenaar."""

from __future__ import annotations

import os
from pathlib import Path


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
