"""`jeugdplan edit`: het plan in $EDITOR bewerken, zoals `crontab -e`.

Het plan wordt gekopieerd naar `.jeugdplan/bewerk/<id>.yaml` (alleen voor de eigenaar,
buiten git; bij een versleutelde repository in een lokale map, zie
`versleuteling.bewerk_map`). Na opslaan wordt de kopie gecontroleerd; een ongeldige versie
wordt niet vastgelegd: de gebruiker kan opnieuw bewerken of afbreken, en de kopie blijft dan
staan, zodat niets van wat getypt is verloren gaat.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import typer

from jeugdplan.cli.common import interactief
from jeugdplan.diensten.bewerken import leg_bewerking_vast
from jeugdplan.domein.checks import controleer_plan
from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.bestanden import schrijf_atomair
from jeugdplan.opslag.bronnen import gegevens
from jeugdplan.opslag.clock import vandaag
from jeugdplan.opslag.planbestand import plan_uit
from jeugdplan.opslag.store import Repo
from jeugdplan.opslag.validatie import veldpad
from jeugdplan.opslag.versleuteling import bewerk_map, lees_plan_bytes
from jeugdplan.opslag.yamlio import decodeer, knopen, laad_snel, plaats


def _editor() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "nano"
    return shlex.split(editor)


def _controleer(tekst: str, relatief: str, ident: str) -> list[Probleem]:
    try:
        plan = plan_uit(tekst, relatief)
    except PlanOngeldig as e:
        return e.problemen
    doc = knopen(tekst)
    problemen = []
    if plan.id != ident:
        problemen.append(Probleem(relatief, *plaats(doc, ["id"]), "id",
                                  f"het id mag niet veranderen (was {ident})"))
    for b in controleer_plan(plan, vandaag(), gegevens()):
        if b.ernst == "fout":
            problemen.append(Probleem(relatief, *plaats(doc, list(b.loc)), veldpad(b.loc),
                                      b.melding, code=b.code))
    return problemen


def _gewijzigde_velden(oud: str, nieuw: str, relatief: str) -> list[str]:
    a, b = laad_snel(oud, relatief) or {}, laad_snel(nieuw, relatief) or {}
    return [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]


def bewerk_in_editor(repo: Repo, ruw_id: str) -> None:
    gitrepo.identiteit(repo.root)
    pad = repo.bestaand_plan_pad(ruw_id)
    ident = pad.parent.name
    relatief = repo.relatief(pad)
    origineel = decodeer(lees_plan_bytes(pad, relatief), relatief)
    # Versleutelde repository: de leesbare werkkopie lokaal, niet op de gedeelde schijf.
    werkmap = bewerk_map(repo.root)
    werkmap.mkdir(parents=True, exist_ok=True, mode=0o700)
    kopie = werkmap / f"{ident}.yaml"
    if kopie.exists():
        typer.echo(f"er staat nog een onafgemaakte bewerking van {ident}; die gaat verder",
                   err=True)
    else:
        schrijf_atomair(kopie, origineel)
    while True:
        _open_editor(kopie)
        nieuw = decodeer(kopie.read_bytes(), relatief)
        if nieuw == origineel:
            kopie.unlink()
            typer.echo(f"{ident}: geen wijzigingen", err=True)
            return
        problemen = _controleer(nieuw, relatief, ident)
        if not problemen:
            break
        for p in problemen:
            typer.echo(str(p), err=True)
        if not interactief():
            raise JeugdplanError(
                f"het plan is niet opgeslagen; uw bewerking staat in {_toon(repo, kopie)}. "
                f"Herstel met 'jeugdplan edit {ident}'"
            )
        keuze = typer.prompt("(o)pnieuw bewerken of (a)fbreken?", default="o")
        if keuze.strip().lower().startswith("a"):
            raise JeugdplanError(
                f"afgebroken; het plan is ongewijzigd. Uw bewerking staat in "
                f"{_toon(repo, kopie)} en wordt bij de volgende 'jeugdplan edit {ident}' "
                "weer geopend"
            )
    velden = ", ".join(_gewijzigde_velden(origineel, nieuw, relatief))
    try:
        samengevoegd = leg_bewerking_vast(repo, pad, origineel, nieuw,
                                               f"{ident}: handmatig bewerkt ({velden})")
    except JeugdplanError as e:
        if lees_plan_bytes(pad, relatief).decode("utf-8", "replace") != nieuw:
            raise JeugdplanError(f"{e.melding}. Uw bewerking staat in "
                                 f"{_toon(repo, kopie)}") from None
        raise
    kopie.unlink()
    if samengevoegd:
        typer.echo(f"{ident}: het plan was intussen gewijzigd; uw bewerking is daarmee "
                   "samengevoegd", err=True)
    typer.echo(f"{ident}: opgeslagen en vastgelegd ({velden})", err=True)


def _toon(repo: Repo, kopie: Path) -> str:
    """De werkkopie relatief aan de repository, of het volledige pad als hij lokaal staat."""
    try:
        return repo.relatief(kopie)
    except ValueError:
        return str(kopie)


def _open_editor(bestand: Path) -> None:
    try:
        resultaat = subprocess.run([*_editor(), str(bestand)])
    except FileNotFoundError:
        raise JeugdplanError(
            f"editor {_editor()[0]!r} niet gevonden; stel EDITOR in (bijvoorbeeld "
            "export EDITOR=nano)"
        ) from None
    if resultaat.returncode != 0:
        raise JeugdplanError(
            f"de editor stopte met een fout; uw bewerking staat in {bestand}"
        )
