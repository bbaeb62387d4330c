"""`jeugdplan edit`, de kant van de opdrachtregel: een editor kiezen en openen, de gebruiker
iets vragen en tonen wat er gebeurde. Het verloop zelf (werkkopie, hervatten, samenvoegen,
vastleggen) staat in `diensten.bewerken`."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
from pathlib import Path

import typer

from jeugdplan.cli.common import interactief, meld
from jeugdplan.diensten.bewerken import Keuze, bewerk_in_editor
from jeugdplan.domein.errors import JeugdplanError, Probleem
from jeugdplan.opslag.store import Repo


def terugvallers() -> tuple[str, ...]:
    """De gebruikelijke editors als VISUAL en EDITOR niet (bruikbaar) zijn ingesteld."""
    return ("notepad",) if os.name == "nt" else ("editor", "nano", "vi")


def _splits(waarde: str) -> list[str]:
    """Een editoropdracht uit VISUAL/EDITOR in woorden ('code --wait'); een bestaand pad met
    spaties (Windows: C:\\Program Files\\...) blijft één woord."""
    if shutil.which(waarde):
        return [waarde]
    try:
        woorden = shlex.split(waarde, posix=os.name != "nt")
    except ValueError:
        return [waarde]
    return [w.strip('"') for w in woorden]


def kies_editor() -> tuple[list[str], list[str]]:
    """De editoropdracht: `$VISUAL`, dan `$EDITOR`, dan de eerste gebruikelijke editor die op
    deze computer bestaat. Geeft (opdracht, de ingestelde editors die niet gevonden zijn)."""
    geprobeerd: list[str] = []
    for naam in ("VISUAL", "EDITOR"):
        waarde = os.environ.get(naam, "").strip()
        if not waarde:
            continue
        woorden = _splits(waarde)
        if woorden and shutil.which(woorden[0]):
            return woorden, geprobeerd
        geprobeerd.append(f"{naam}={waarde!r}")
    ingesteld = list(geprobeerd)
    for editor in terugvallers():
        if shutil.which(editor):
            return [editor], ingesteld
        geprobeerd.append(editor)
    instellen = "set EDITOR=..." if os.name == "nt" else "export EDITOR=..."
    raise JeugdplanError(
        f"geen editor gevonden (geprobeerd: {', '.join(geprobeerd)}); stel EDITOR in op de "
        f"editor die u gebruikt ({instellen}, met de naam of het volledige pad) of installeer "
        "er een")


def edit(repo: Repo, ruw_id: str, opnieuw: bool) -> None:
    editor, niet_gevonden = kies_editor()
    if niet_gevonden:
        meld(f"editor {' en '.join(niet_gevonden)} niet gevonden; jeugdplan gebruikt {editor[0]}")

    def open_editor(bestand: Path) -> None:
        try:
            proces = subprocess.Popen([*editor, str(bestand)])
        except OSError as e:
            raise JeugdplanError(f"de editor {editor[0]!r} start niet ({e.strerror or e}); uw "
                                 f"bewerking is bewaard in {bestand}") from None
        # Zoals git: Ctrl-C is voor de editor (vim gebruikt het), niet om jeugdplan te stoppen.
        vorige = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            code = proces.wait()
        finally:
            signal.signal(signal.SIGINT, vorige)
        if code != 0:
            raise JeugdplanError(
                f"de editor {editor[0]!r} stopte met een fout (code {code}); er is "
                f"niets vastgelegd en uw bewerking is bewaard in {bestand}. Verder met "
                f"'jeugdplan edit {ruw_id}'")

    def vraag(problemen: list[Probleem]) -> Keuze:
        for p in problemen:
            typer.echo(str(p), err=True)
        if not interactief():
            return "bewaren"
        keuzes: dict[str, Keuze] = {"o": "opnieuw", "b": "bewaren", "a": "afbreken"}
        while True:
            antwoord: str = typer.prompt("(o)pnieuw bewerken, (b)ewaren voor later of "
                                         "(a)fbreken (uw bewerking weggooien)?", default="o",
                                         err=True)
            if antwoord.strip().lower()[:1] in keuzes:
                return keuzes[antwoord.strip().lower()[:1]]

    uitkomst = bewerk_in_editor(repo, ruw_id, open_editor=open_editor, vraag=vraag, meld=meld,
                                opnieuw=opnieuw)
    if not uitkomst.vastgelegd:
        meld(f"{uitkomst.ident}: geen wijzigingen")
        return
    if uitkomst.samengevoegd:
        meld(f"{uitkomst.ident}: het plan was intussen gewijzigd; uw bewerking is daarmee "
             "samengevoegd")
    meld(f"{uitkomst.ident}: opgeslagen en vastgelegd ({', '.join(uitkomst.velden)})")
