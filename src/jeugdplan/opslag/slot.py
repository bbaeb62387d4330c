"""Eén slot per casusrepository, zodat twee jeugdplan-processen nooit elkaars wijziging
overschrijven (laden → wijzigen → schrijven → commit gebeurt onder het slot).

Het slot is een bestandsslot op `.jeugdplan/slot` (niet in git: `.jeugdplan/` staat in
`.gitignore`) via `filelock`: `flock` op Linux en macOS, `msvcrt.locking` op Windows. Een
proces dat wordt afgeschoten (`kill -9`) laat geen verouderd slot achter: het besturingssysteem
geeft het slot vrij zodra het proces sterft. Een bestandssysteem zonder zulke sloten geeft een
duidelijke fout, nooit een "zacht" slot dat na een crash blijft hangen. Het pid in het bestand
dient alleen voor de melding aan wie wacht.

Binnen één proces is het slot herintreedbaar (een bewerking die een andere bewerking
aanroept blokkeert zichzelf niet). Wachten wordt gemeld via `melder` (de CLI zet daar een
functie die naar stderr schrijft; domeinmodules printen zelf nooit).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


def _houder(pad: Path) -> str:
    """Het pid van wie het slot heeft, als dat te lezen is (op Windows vaak niet)."""
    try:
        inhoud = pad.read_bytes()[:64].decode("ascii", "replace").strip()
    except OSError:
        return ""
    return inhoud if inhoud.isdigit() else ""


def _schrijf_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))


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
    except OSError as e:
        raise _kan_niet(e) from None
    slot = _neem(pad, wacht if wacht is not None else wachttijd())
    _VAST[sleutel] = 1
    try:
        yield
    finally:
        _VAST.pop(sleutel, None)
        slot.release()


def _kan_niet(e: OSError) -> JeugdplanError:
    return JeugdplanError(
        f"kan het slot {SLOTBESTAND} niet aanmaken ({e.strerror or e}); heeft u schrijfrechten "
        "in de casusrepository, en is er ruimte op de schijf?")


def _neem(pad: Path, wacht: float) -> Any:
    from filelock import FileLock, Timeout

    slot = FileLock(pad, mode=0o600, fallback_to_soft=False, on_acquired=_schrijf_pid)
    try:
        try:
            slot.acquire(blocking=False)
            return slot
        except Timeout:
            pass
        houder = _houder(pad)
        wie = f" (proces {houder})" if houder else ""
        meld(f"een andere jeugdplan-opdracht{wie} wijzigt deze casusrepository; "
             f"even wachten (hooguit {wacht:g} seconden)...")
        try:
            slot.acquire(timeout=wacht)
            return slot
        except Timeout:
            raise SlotBezet(
                f"de casusrepository is bezet: een andere jeugdplan-opdracht{wie} houdt "
                f"het slot ({SLOTBESTAND}) al langer dan {wacht:g} seconden vast. Er is "
                "niets gewijzigd; probeer het zo opnieuw (of verhoog "
                "JEUGDPLAN_SLOT_WACHTTIJD)"
            ) from None
    except OSError as e:
        raise _kan_niet(e) from None
