"""Eén slot per casusrepository, zodat twee jeugdplan-processen nooit elkaars wijziging
overschrijven (laden → wijzigen → schrijven → commit gebeurt onder het slot).

Het slot is `fcntl.flock` op `.jeugdplan/slot` (niet in git: `.jeugdplan/` staat in
`.gitignore`). Een proces dat wordt afgeschoten (`kill -9`) laat geen verouderd slot achter:
de kernel geeft een flock vrij zodra het proces sterft. Het pid in het bestand dient alleen
voor de melding aan wie wacht.

Binnen één proces is het slot herintreedbaar (een bewerking die een andere bewerking
aanroept blokkeert zichzelf niet). Wachten wordt gemeld via `melder` (de CLI zet daar een
functie die naar stderr schrijft; domeinmodules printen zelf nooit).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from jeugdplan.domein.errors import JeugdplanError

SLOTBESTAND = Path(".jeugdplan") / "slot"
STANDAARD_WACHTTIJD = 30.0
"""Seconden; te wijzigen met JEUGDPLAN_SLOT_WACHTTIJD."""

melder: Callable[[str], None] | None = None
"""Krijgt korte Nederlandse meldingen (wachten, herstel); de CLI zet hier `meld`."""

_VAST: dict[Path, int] = {}
"""Per repository (root) hoe vaak dit proces het slot nu vasthoudt."""


class SlotBezet(JeugdplanError):
    """Het slot kwam niet vrij binnen de wachttijd."""


def meld(regel: str) -> None:
    if melder is not None:
        melder(regel)


def wachttijd() -> float:
    ruw = os.environ.get("JEUGDPLAN_SLOT_WACHTTIJD")
    if not ruw:
        return STANDAARD_WACHTTIJD
    try:
        return max(0.0, float(ruw))
    except ValueError:
        raise JeugdplanError(
            f"JEUGDPLAN_SLOT_WACHTTIJD={ruw[:20]!r} is geen getal (seconden)"
        ) from None


def _houder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        inhoud = os.read(fd, 64).decode("ascii", "replace").strip()
    except OSError:  # pragma: no cover
        return ""
    return inhoud if inhoud.isdigit() else ""


@contextlib.contextmanager
def vergrendeld(root: Path, wacht: float | None = None) -> Iterator[None]:
    """Houdt het slot van de repository `root` vast zolang het blok loopt."""
    sleutel = root.resolve()
    if _VAST.get(sleutel):
        _VAST[sleutel] += 1
        try:
            yield
        finally:
            _VAST[sleutel] -= 1
        return
    pad = sleutel / SLOTBESTAND
    try:
        pad.parent.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(pad, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as e:
        raise JeugdplanError(
            f"kan het slot {SLOTBESTAND} niet aanmaken ({e.strerror}); "
            "heeft u schrijfrechten in de casusrepository?"
        ) from None
    try:
        _neem(fd, wacht if wacht is not None else wachttijd())
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        _VAST[sleutel] = 1
        try:
            yield
        finally:
            _VAST.pop(sleutel, None)
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _neem(fd: int, wacht: float) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    houder = _houder(fd)
    wie = f" (proces {houder})" if houder else ""
    meld(f"een andere jeugdplan-opdracht{wie} wijzigt deze casusrepository; "
         f"even wachten (hooguit {wacht:g} seconden)...")
    einde = time.monotonic() + wacht
    pauze = 0.01
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= einde:
                raise SlotBezet(
                    f"de casusrepository is bezet: een andere jeugdplan-opdracht{wie} houdt "
                    f"het slot ({SLOTBESTAND}) al langer dan {wacht:g} seconden vast. Er is "
                    "niets gewijzigd; probeer het zo opnieuw (of verhoog "
                    "JEUGDPLAN_SLOT_WACHTTIJD)"
                ) from None
            time.sleep(pauze)
            pauze = min(pauze * 2, 0.2)
