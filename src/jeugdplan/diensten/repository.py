"""Een nieuwe casusrepository aanmaken (`jeugdplan init`) en haar instellingen wijzigen
(`jeugdplan instellingen`)."""

from __future__ import annotations

import os
from pathlib import Path

from jeugdplan.diensten.mergedriver import installeer
from jeugdplan.domein.errors import GebruiksFout, JeugdplanError
from jeugdplan.domein.model import Instellingen
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.bestanden import alleen_eigenaar, schrijf_atomair
from jeugdplan.opslag.bronnen import bekende_regios
from jeugdplan.opslag.store import (
    CASUSSEN,
    INSTELLINGEN,
    Repo,
)


def maak_repository(pad: Path, regio: str, organisatie: str | None = None,
                    contact: str | None = None) -> Repo:
    """`jeugdplan init`: een nieuwe casusrepository met eerste commit."""
    import json
    import secrets

    pad = pad.expanduser().absolute()
    if (pad / INSTELLINGEN).exists() or gitrepo.is_repository(pad):
        raise JeugdplanError(
            f"{pad} bevat al een repository; kies een lege of nieuwe map"
        )
    if pad.exists() and not pad.is_dir():
        raise JeugdplanError(f"{pad} bestaat al en is geen map")
    if pad.exists() and any(pad.iterdir()):
        raise JeugdplanError(f"{pad} is niet leeg; kies een lege of nieuwe map")
    if regio not in bekende_regios():
        raise GebruiksFout(
            f"onbekende regio {regio!r}; meegeleverd: {', '.join(bekende_regios())}"
        )
    pad.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(pad, 0o700)
    gitrepo.identiteit(pad)
    gitrepo.init(pad)
    instellingen = Instellingen(regio=regio, organisatie=organisatie, contact=contact)
    regels = [
        "# Instellingen van deze casusrepository (jeugdplan).",
        "# regio: de meegeleverde regioregels (data/regio/<regio>.yaml); een eigen regio.yaml",
        "# in deze map vult die aan of vervangt ze.",
        "jeugdplan: 1",
        # Zonder dit kenmerk geven twee 'init's in dezelfde seconde door dezelfde persoon
        # precies dezelfde eerste commit, en zou git ze voor één repository houden.
        f"kenmerk: \"{secrets.token_hex(6)}\"",  # tussen aanhalingstekens: nooit een getal
    ]
    # organisatie en contact: de afzender van rapporten voor gemeente en Inspectie.
    for sleutel, waarde in (("organisatie", organisatie), ("contact", contact)):
        if waarde:
            # JSON-tekst is geldige YAML-tekst tussen dubbele aanhalingstekens: veilig citeren.
            regels.append(f"{sleutel}: {json.dumps(waarde, ensure_ascii=False)}")
    regels += [f"regio: {instellingen.regio}", "scholen: []", ""]
    schrijf_atomair(pad / INSTELLINGEN, "\n".join(regels))
    schrijf_atomair(pad / ".gitignore", "# afgeleide bestanden (cache), veilig te wissen\n"
                    ".jeugdplan/\n*.tmp\n")
    (pad / CASUSSEN).mkdir(mode=0o700, exist_ok=True)
    schrijf_atomair(pad / CASUSSEN / ".gitkeep", "")
    # Merge-driver voor plan.yaml: .gitattributes (gaat mee in de kloon) en git-config
    # (gaat niet mee; `sync` zet die in elke kloon opnieuw). Zie mergedriver.py (issue 8).
    installeer(pad)
    gitrepo.identiteit(pad)
    gitrepo.commit(pad, [pad / INSTELLINGEN, pad / ".gitignore", pad / CASUSSEN / ".gitkeep",
                         pad / ".gitattributes"],
                   "jeugdplan: casusrepository aangemaakt")
    # Alles (ook .git en bestanden die git of de merge-driver aanmaakt) alleen voor de eigenaar.
    alleen_eigenaar(pad)
    return Repo.open(pad.resolve())


def zet_instellingen(repo: Repo, velden: dict[str, str | None]) -> list[str]:
    """Zet velden van `jeugdplan.yaml` (organisatie, contact: de afzender van rapporten) in
    één commit; een lege tekst haalt het veld weg. Opmerkingen in het bestand blijven staan.
    Geeft de namen van wat veranderde."""
    from jeugdplan.opslag import repobestanden
    from jeugdplan.opslag.bronnen import valideer
    from jeugdplan.opslag.slot import vergrendeld
    from jeugdplan.opslag.yamlio import decodeer, dump_rt, laad_rt, laad_snel

    gitrepo.identiteit(repo.root)
    with vergrendeld(repo.root):  # nooit via een symlink (`repobestanden`)
        ruw = repobestanden.lees(repo.root, INSTELLINGEN) or b""
        doc = laad_rt(decodeer(ruw, INSTELLINGEN), INSTELLINGEN)
        gewijzigd = []
        for sleutel, waarde in velden.items():
            if waarde is None or doc.get(sleutel) == (waarde or None):
                continue
            if waarde:
                doc[sleutel] = waarde
            else:
                doc.pop(sleutel, None)
            gewijzigd.append(sleutel)
        if not gewijzigd:
            raise JeugdplanError("de instellingen zijn al zo; er is niets gewijzigd")
        tekst = dump_rt(doc)
        valideer(Instellingen, laad_snel(tekst, INSTELLINGEN) or {}, INSTELLINGEN, tekst)
        repobestanden.schrijf(repo.root, INSTELLINGEN, tekst, 0o600)
        gitrepo.commit(repo.root, [repo.root / INSTELLINGEN],
                       f"jeugdplan: instellingen gewijzigd ({', '.join(gewijzigd)})")
    return gewijzigd
