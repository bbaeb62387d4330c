"""Lokale mappen van de gebruiker, buiten elke casusrepository (XDG): sleutels, sessies,
lokale caches. Alleen voor de gebruiker zelf (0700)."""

from __future__ import annotations

import os
from pathlib import Path

from jeugdplan.domein.errors import JeugdplanError


def xdg(naam: str, standaard: str) -> Path:
    """`$naam` (als het een absoluut pad is), anders `~/<standaard>`."""
    waarde = os.environ.get(naam)
    return Path(waarde) if waarde and os.path.isabs(waarde) else Path.home() / standaard


def prive_map(pad: Path) -> Path:
    """Maakt `pad` (0700) en weigert een map van een ander (bijvoorbeeld in een gedeelde /tmp)."""
    try:
        pad.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = pad.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise JeugdplanError(f"{pad} is van een andere gebruiker; geweigerd")
        if info.st_mode & 0o077:
            os.chmod(pad, 0o700)
    except OSError as e:
        raise JeugdplanError(f"kan de map {pad} niet gebruiken ({e.strerror or e})") from None
    return pad
