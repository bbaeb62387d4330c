"""De git-merge-driver voor `plan.yaml`: samenvoegen per onderdeel in plaats van per regel.

git roept hem aan (via `.gitattributes`: `casussen/*/plan.yaml merge=jeugdplan`) met de
basisversie (%O), de eigen versie (%A, hier komt het resultaat) en de andere versie (%B).

De regels van het samenvoegen staan in `domein.samenvoegen`. Bij een echt conflict stopt de
driver met exitcode 1 en houdt git de samenvoeging tegen; met `JEUGDPLAN_KIES=ons` of `hun`
(gezet door `jeugdplan sync --kies`) wint die kant.

Het resultaat behoudt opmerkingen en volgorde van %A en moet een geldig `Plan` zijn.
Meldingen (hernummerd, conflict) gaan naar stderr en, als `JEUGDPLAN_MELDINGEN` een pad is,
als JSON-regels naar dat bestand, zodat `sync` ze kan tonen.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from jeugdplan.domein.samenvoegen import Melding, voeg_samen
from jeugdplan.opslag.clock import vandaag

ATTRIBUTEN_REGEL = "casussen/*/plan.yaml merge=jeugdplan"
DRIVER_NAAM = "jeugdplan: plannen samenvoegen per onderdeel"


def driver_commando() -> str:
    """De opdracht die git voor de driver uitvoert: deze Python met `-m jeugdplan`."""
    return f"{shlex.quote(sys.executable)} -m jeugdplan merge-driver %O %A %B %P"


LOKALE_ATTRIBUTEN = (
    "# jeugdplan (per kloon, gaat voor .gitattributes): plannen altijd met de merge-driver en\n"
    "# zonder filters of regeleinde-omzetting, wat een gepushte .gitattributes ook zegt.\n"
    "casussen/*/plan.yaml merge=jeugdplan diff=jeugdplan -text -filter -ident "
    "-working-tree-encoding\n"
    + "".join(f"/{naam} merge=text -filter -ident -working-tree-encoding\n"
              for naam in ("ontvangers.yaml", "jeugdplan.yaml", "regio.yaml", ".gitattributes"))
)
"""Voor `.git/info/attributes`: die gaan voor elke `.gitattributes` in de werkmap. Zo kan
een collega met push-toegang met `merge=union` of een filter in `.gitattributes` de plannen
niet laten beschadigen bij de volgende sync."""


def installeer(root: Path) -> bool:
    """Zet de git-config en de lokale attributen van de driver, en `.gitattributes`; True als
    `.gitattributes` veranderde.

    De config (`merge.jeugdplan.driver`) en `.git/info/attributes` worden niet meegekloond,
    dus `sync` roept dit in elke kloon opnieuw aan. `.gitattributes` komt uit de gedeelde
    repository: nooit via een symlink gelezen of geschreven (`repobestanden`).
    """
    from jeugdplan.opslag import gitrepo, repobestanden

    gitrepo.zet_config(root, "merge.jeugdplan.name", DRIVER_NAAM)
    gitrepo.zet_config(root, "merge.jeugdplan.driver", driver_commando())
    from jeugdplan.opslag.versleuteling import installeer_textconv

    installeer_textconv(root)  # leesbare git diff van versleutelde plannen (per kloon)
    _lokale_attributen(root)
    bestaand = repobestanden.lees_tekst(root, ".gitattributes")
    if ATTRIBUTEN_REGEL in bestaand.splitlines():
        return False
    kop = "" if bestaand else (
        "# plan.yaml wordt per onderdeel samengevoegd door jeugdplan (zie 'jeugdplan sync').\n")
    scheiding = "" if not bestaand or bestaand.endswith("\n") else "\n"
    repobestanden.schrijf(root, ".gitattributes", bestaand + scheiding + kop + ATTRIBUTEN_REGEL
                          + "\n")
    return True


def _lokale_attributen(root: Path) -> None:
    from jeugdplan.domein.errors import JeugdplanError
    from jeugdplan.opslag import gitrepo
    from jeugdplan.opslag.bestanden import schrijf_atomair

    pad = gitrepo.git_map(root) / "info" / "attributes"
    try:
        bestaand = pad.read_text(encoding="utf-8") if pad.is_file() else ""
        if LOKALE_ATTRIBUTEN not in bestaand:
            scheiding = "" if not bestaand or bestaand.endswith("\n") else "\n"
            schrijf_atomair(pad, bestaand + scheiding + LOKALE_ATTRIBUTEN)
    except OSError as e:
        raise JeugdplanError(f"kan {pad} niet schrijven ({e.strerror or e})") from None


# --- de driver zelf ------------------------------------------------------------------------


def _lees(pad: Path, naam: str) -> dict[str, Any] | None:
    from jeugdplan.domein.errors import JeugdplanError
    from jeugdplan.opslag.versleuteling import ontsleutel
    from jeugdplan.opslag.yamlio import laad_snel

    try:
        ruw = pad.read_bytes()
    except OSError as e:
        raise JeugdplanError(f"{naam}: kan {pad} niet lezen ({e.strerror})") from None
    if not ruw.strip():
        return None
    ruw = ontsleutel(ruw, naam)
    data = laad_snel(ruw, naam)
    if not isinstance(data, dict):
        raise JeugdplanError(f"{naam} is geen plan (geen YAML-mapping)")
    return data


def _schrijf_meldingen(meldingen: list[Melding]) -> None:
    """Naar stderr, en als JSON-regels naar `sync`: via de open bestandsbeschrijving
    `JEUGDPLAN_MELDINGEN_FD` (een naamloos bestand van sync: meldingen kunnen ontsleutelde
    waarden bevatten en blijven zo nergens op schijf achter, ook niet na een kill), of naar
    het bestand `JEUGDPLAN_MELDINGEN`."""
    for m in meldingen:
        print(f"jeugdplan: {m.casus}: {m.tekst}", file=sys.stderr)
    regels = "".join(json.dumps(m.als_json(), ensure_ascii=False) + "\n" for m in meldingen)
    fd = os.environ.get("JEUGDPLAN_MELDINGEN_FD", "")
    if fd.isdigit() and regels:
        with contextlib.suppress(OSError):
            os.write(int(fd), regels.encode("utf-8"))
        return
    bestand = os.environ.get("JEUGDPLAN_MELDINGEN")
    if bestand and regels:
        with open(bestand, "a", encoding="utf-8") as f:
            f.write(regels)


def draai_driver(basis: str, ons: str, hun: str, pad: str) -> int:
    """Voert de driver uit; 0 = samengevoegd (resultaat in `ons`), 1 = conflict."""
    from jeugdplan.domein.errors import JeugdplanError
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.bronnen import valideer
    from jeugdplan.opslag.planbestand import plan_uit
    from jeugdplan.opslag.versleuteling import ontsleutel, voor_samenvoeging
    from jeugdplan.opslag.yamlio import decodeer, dump_rt, laad_rt, samenvoegen

    casus = Path(pad).parent.name or pad
    kies = os.environ.get("JEUGDPLAN_KIES") or None
    if kies not in (None, "ons", "hun"):
        kies = None
    auteur = (os.environ.get("JEUGDPLAN_AUTEUR") or os.environ.get("GIT_AUTHOR_NAME")
              or "jeugdplan sync").strip()[:200] or "jeugdplan sync"
    try:
        o = _lees(Path(basis), f"{pad} (basis)")
        a = _lees(Path(ons), f"{pad} (ons)")
        b = _lees(Path(hun), f"{pad} (hun)")
        if a is None or b is None:
            raise JeugdplanError(f"{pad}: een van beide versies is leeg")
        uitkomst = voeg_samen(o, a, b, casus, vandaag(), kies, auteur)
        if uitkomst.data is None:
            _schrijf_meldingen(uitkomst.meldingen)
            _markeer_conflict(basis, ons, hun)
            return 1
        valideer(Plan, uitkomst.data, pad)
        # De samengevoegde gegevens zoals de gebruikers ze schreven (ja/nee, volgorde), in
        # het document van ons: opmerkingen en opmaak blijven, de git-diff blijft klein.
        ons_ruw = Path(ons).read_bytes()
        doc = laad_rt(decodeer(ontsleutel(ons_ruw, pad), pad), pad)
        tekst = dump_rt(samenvoegen(doc, uitkomst.data))
        plan_uit(tekst, pad)  # wat geschreven wordt, leest identiek terug en is geldig
        # Versleuteld als de repository dat is (git draait de driver in de hoofdmap).
        inhoud = voor_samenvoeging(Path.cwd(), ons_ruw, tekst)
    except JeugdplanError as e:
        _schrijf_meldingen([Melding("fout", casus, "", f"kan niet automatisch samenvoegen: "
                                    f"{e.melding.splitlines()[0]}")])
        _markeer_conflict(basis, ons, hun)
        return 1
    Path(ons).write_bytes(inhoud)
    _schrijf_meldingen(uitkomst.meldingen)
    return 0


def _markeer_conflict(basis: str, ons: str, hun: str) -> None:
    """Laat in %A de gewone conflictmarkeringen van git staan (voor wie met de hand werkt)."""
    from jeugdplan.opslag import gitrepo

    if all(Path(p).is_file() for p in (basis, ons, hun)):
        gitrepo.draai(Path.cwd(), "merge-file", "-L", "ons", "-L", "basis", "-L", "hun",
                      ons, basis, hun)
