"""Regioregels: welke partners een regio kent, welk signaal naar welke functie gaat, en waarom.

Een regio staat in `data/regio/<naam>.yaml` (meegeleverd). Een casusrepository kan met een
eigen `regio.yaml` in de root de regio aanvullen of onderdelen vervangen:

- losse velden (`naam`, `omschrijving`, `bron`) en de lijst `verwijzers` vervangen;
- `gemeenten` worden aangevuld (nieuwe gemeenten achteraan);
- in de groepen `organisaties`, `partners`, `per_gemeente`, `scholen`, `routes` en
  `principes` vervangt een sleutel uit `regio.yaml` de hele ingang met die sleutel;
- `vervang: true` bovenaan: alleen `regio.yaml` geldt.

Beide bestanden worden gevalideerd als een plan (strikt, met regel en kolom); daarna worden de
kruisverwijzingen gecontroleerd (bestaat de organisatie, kent elke gemeente elke functie) en
ook die fouten noemen het bestand en de regel waar de ingang staat.
"""

from __future__ import annotations

import os
import stat
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag.bronnen import bekende_regios, data_map
from jeugdplan.opslag.store import Repo

if TYPE_CHECKING:  # pydantic pas bij laden: `kenmerk` hoort bij de warme overzichten
    from jeugdplan.domein.regio import Loc, Regio
    from jeugdplan.domein.regiomodel import RegioRegels

EIGEN_REGIO = "regio.yaml"
"""De eigen regioregels in de root van een casusrepository."""
BESTANDEN = ("jeugdplan.yaml", EIGEN_REGIO)
"""De bestanden van de repository waar de geldende regio uit komt."""


# --- laden ---------------------------------------------------------------------------------


def _lees(pad: Path, relatief: str) -> RegioRegels:
    """Leest één regiobestand; fouten met regel en kolom."""
    from jeugdplan.domein.regiomodel import RegioRegels
    from jeugdplan.opslag.bestanden import lees_bytes
    from jeugdplan.opslag.bronnen import valideer
    from jeugdplan.opslag.yamlio import decodeer, laad_snel

    tekst = decodeer(lees_bytes(pad, relatief), relatief)
    data = laad_snel(tekst, relatief)
    return valideer(RegioRegels, data if data is not None else {}, relatief, tekst)


def laad_regio(sleutel: str, root: Path | None = None) -> Regio:
    """De geldende regio: `data/regio/<sleutel>.yaml`, aangevuld met `<root>/regio.yaml`.

    Alle problemen (schema en kruisverwijzingen) komen samen in één `PlanOngeldig`.
    """
    from jeugdplan.domein.regio import Regio, herkomst_van, kruiscontrole, samenvoegen

    eigen = root / EIGEN_REGIO if root is not None else None
    extra = _lees(eigen, EIGEN_REGIO) if eigen is not None and eigen.is_file() else None
    pad_basis = f"data/regio/{sleutel}.yaml"
    if extra is not None and extra.vervang:
        regio = Regio(sleutel, extra, [EIGEN_REGIO], herkomst_van(extra, EIGEN_REGIO))
    else:
        if sleutel not in bekende_regios():
            raise JeugdplanError(
                f"onbekende regio {sleutel!r} in jeugdplan.yaml; meegeleverd: "
                f"{', '.join(bekende_regios())} (of zet 'vervang: true' in een eigen {EIGEN_REGIO})"
            )
        basis = _lees(data_map() / "regio" / f"{sleutel}.yaml", pad_basis)
        if extra is None:
            regio = Regio(sleutel, basis, [pad_basis], herkomst_van(basis, pad_basis))
        else:
            regels, herkomst = samenvoegen(basis, pad_basis, extra, EIGEN_REGIO)
            regio = Regio(sleutel, regels, [pad_basis, EIGEN_REGIO], herkomst)
    problemen = _plaats_problemen(regio, list(kruiscontrole(regio.regels)), root)
    if problemen:
        from jeugdplan.domein.taal import aantal

        kop = f"regioregels ongeldig: {aantal(len(problemen), 'probleem')}"
        raise PlanOngeldig(kop + "\n" + "\n".join(str(p) for p in problemen), problemen)
    return regio


def kenmerk(repo: Repo) -> str:
    """Een korte hash van `jeugdplan.yaml` en `regio.yaml`, zonder ze te ontleden: verandert
    als de geldende regio kan veranderen (een symlink wordt niet gevolgd: dan telt alleen dat
    het er een is; het laden van de regio weigert hem)."""
    h = blake2b(digest_size=8)
    for naam in BESTANDEN:
        pad = repo.root / naam
        try:
            st = os.lstat(pad)
        except OSError:
            h.update(f"{naam}:-\n".encode())
            continue
        if not stat.S_ISREG(st.st_mode):
            h.update(f"{naam}:{st.st_mode}\n".encode())
            continue
        try:
            h.update(f"{naam}:".encode() + pad.read_bytes() + b"\n")
        except OSError:
            h.update(f"{naam}:?\n".encode())
    return h.hexdigest()


def regio_van(repo: Repo, sleutel: str | None = None) -> Regio:
    """De geldende regio van een casusrepository (`jeugdplan.yaml` en `regio.yaml`); uit de
    cache zolang die bestanden (`kenmerk`, als dat al bekend is: `sleutel`) en de code gelijk
    zijn. Ongeldige regels geven elke keer dezelfde fout."""
    from jeugdplan.opslag.cache import Cache

    with Cache(repo.root) as bewaard:
        regio: Regio = bewaard.onthoud(
            "regio", (sleutel or kenmerk(repo)).encode(),
            lambda: laad_regio(repo.instellingen.regio, repo.root))
    return regio


def gemeente_in_regio(repo: Repo, naam: str, buiten_regio: bool = False) -> str:
    """De woongemeente zoals de regio haar schrijft (`velsen` -> `Velsen`); een gemeente
    buiten de regio alleen met `buiten_regio` (dan kan `route` niet adviseren)."""
    regio = regio_van(repo)
    gevonden = regio.gemeente(naam)
    if gevonden is not None:
        return gevonden
    if buiten_regio:
        return naam
    raise JeugdplanError(
        f"--gemeente: {naam!r} hoort niet bij regio {regio.naam} ({', '.join(regio.gemeenten)}). "
        "Woont het kind echt buiten de regio, gebruik dan --buiten-regio (route kan dan geen "
        "partners adviseren), of voeg de gemeente toe in regio.yaml")


def controleer(sleutel: str, root: Path | None = None) -> list[Probleem]:
    """Alle problemen van de geldende regio (leeg = in orde), voor `jeugdplan regio check`."""
    try:
        laad_regio(sleutel, root)
    except PlanOngeldig as e:
        return e.problemen
    return []


def _plaats_problemen(regio: Regio, fouten: list[tuple[Loc, str]], root: Path | None
                      ) -> list[Probleem]:
    """Zoekt bij elke fout het bestand (waar de ingang vandaan komt) en de regel."""
    if not fouten:
        return []
    from jeugdplan.opslag.validatie import veldpad
    from jeugdplan.opslag.yamlio import decodeer, knopen, plaats

    docs: dict[str, Any] = {}

    def doc(pad: str) -> Any:
        if pad not in docs:
            bestand = (root / EIGEN_REGIO if pad == EIGEN_REGIO and root is not None
                       else data_map() / "regio" / f"{regio.sleutel}.yaml")
            docs[pad] = knopen(decodeer(bestand.read_bytes(), pad))
        return docs[pad]

    problemen = []
    for loc, melding in fouten:
        pad = (regio.herkomst.get(loc[:2]) or regio.herkomst.get(loc[:1])
               or regio.bestanden[-1])
        regel, kolom = plaats(doc(pad), loc)
        problemen.append(Probleem(pad, regel, kolom, veldpad(loc), melding, code="regio"))
    return problemen
