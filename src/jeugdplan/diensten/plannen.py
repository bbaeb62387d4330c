"""Een nieuw plan aanmaken: id kiezen, één kind één plan bewaken, schrijven en vastleggen.

Eén kind, één plan: `new` vergelijkt het nieuwe kind met elk bestaand plan met dezelfde
geboortedatum (`dubbel.zoek_dubbel`). Om daarvoor warm geen 10.000 resultaten uit de cache te
halen, houdt `kandidaten_op_datum` een kleine *kandidatenindex* bij naast de cache
(`<cachebestand>-kandidaten`): per plan de stempel (grootte, mtime_ns, ctime_ns, inode), de
geboortedatum en de naam. Regels, zoals bij de cache:

- Elk plan krijgt nog steeds een lstat; een plan waarvan de stempel niet precies klopt (of dat
  niet in de index staat, of een symlink is) wordt via de cache gelezen zoals altijd.
- In de index komt alleen een geldig plan waarvan mtime én ctime ruim (`cache.RACY_NS`) vóór
  het begin van de opdracht liggen, met dezelfde stempel vóór en na het lezen: een latere
  wijziging geeft dan altijd een andere stempel. Een vers geschreven plan wordt dus gewoon
  gelezen tot het oud genoeg is.
- Veilig te wissen en bij gelijktijdige aanroepen: atomair vervangen, met controlesom en de
  regelversie; een kapotte, vreemde of onleesbare index telt als leeg.
- `JEUGDPLAN_CACHE=0` slaat de index over (en leest alles, zoals de cache).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from jeugdplan.domein.bewerkingen import nieuw_plan
from jeugdplan.domein.dubbel import Kandidaat, zoek_dubbel
from jeugdplan.domein.errors import JeugdplanError
from jeugdplan.domein.model import Kind, Plan
from jeugdplan.domein.toestemming import leeftijd
from jeugdplan.opslag.bronnen import valideer
from jeugdplan.opslag.store import Repo, nieuw_id

MAX_LEEFTIJD = 27
INDEX = "-kandidaten"
"""Achtervoegsel van de kandidatenindex bij de naam van het cachebestand."""
_KOP = b"jeugdplan-kandidaten-1\n"
WEINIG = 50
"""Tot zoveel gewijzigde plannen: elk los uit de plannencache; meer: zoals `cache.per_plan`."""

IndexRij = tuple[int, int, int, int, int, str, str]
"""(grootte, mtime_ns, ctime_ns, inode, geboortedatum als ordinaal, voornaam, achternaam) van
een geldig plan; een ongeldig of onleesbaar plan staat er niet in (dat leest de cache)."""


def _kandidaat(p: Plan) -> tuple[str, str, str, date]:
    return (p.id, p.kind.voornaam, p.kind.achternaam, p.kind.geboortedatum)


def _indexpad(repo: Repo) -> Path:
    from jeugdplan.opslag.cache import cachebestand

    pad = cachebestand(repo.root)
    return pad.with_name(pad.name + INDEX)


def _versie() -> bytes:
    from jeugdplan.opslag.cache import regelversie

    return f"{regelversie()} {sys.version}".encode()


def _lees_index(pad: Path) -> dict[str, IndexRij]:
    """De bewaarde index, of leeg als die er niet is, kapot is of van een andere versie."""
    try:
        with open(pad, "rb") as f:
            ruw = f.read()
        kop, versie, som, data = ruw.split(b"\n", 3)
        if kop + b"\n" != _KOP or versie != _versie() or (
                hashlib.blake2b(data, digest_size=16).hexdigest().encode() != som):
            return {}
        index = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return index if isinstance(index, dict) else {}


def _schrijf_index(pad: Path, index: dict[str, IndexRij]) -> None:
    """Atomair (tijdelijk bestand en rename), rechten 0600; lukt het niet, dan niet."""
    data = marshal.dumps(index)
    inhoud = b"".join((_KOP, _versie(), b"\n",
                       hashlib.blake2b(data, digest_size=16).hexdigest().encode(), b"\n", data))
    with contextlib.suppress(OSError):
        pad.parent.mkdir(mode=0o700, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(prefix=pad.name + ".", suffix=".tmp", dir=pad.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(inhoud)
            os.replace(tijdelijk, pad)
        except BaseException:
            Path(tijdelijk).unlink(missing_ok=True)
            raise


def kandidaten_op_datum(repo: Repo, geboortedatum: date) -> list[Kandidaat]:
    """(id, voornaam, achternaam, geboortedatum) van elk geldig plan met deze geboortedatum,
    op volgorde van id: hetzelfde als alle plannen lezen en op datum filteren, maar warm
    zonder 10.000 resultaten uit de cache te halen (zie het begin van deze module)."""
    from jeugdplan.opslag import cache

    if not cache.aan():
        return [k for _i, k, _p in cache.per_plan(repo, "kandidaat", _kandidaat)
                if k is not None and k[3] == geboortedatum]
    from jeugdplan.opslag.versleuteling import controleer_toegang

    controleer_toegang(repo.root)  # versleuteld en vergrendeld: dezelfde fout als bij lezen
    nu = time.time_ns()
    pad = _indexpad(repo)
    oud = _lees_index(pad)
    dag = geboortedatum.toordinal()
    casussen = str(repo.casussen)
    nieuw: dict[str, IndexRij] = {}
    gevonden: dict[str, Kandidaat] = {}
    opnieuw: list[str] = []
    voor: dict[str, os.stat_result] = {}
    for ident, map_is_link in cache._kandidaten(repo):
        try:
            st = os.lstat(f"{casussen}/{ident}/plan.yaml")
        except OSError:
            continue  # een map zonder plan is geen casus
        rij = oud.get(ident)
        if (rij is None or map_is_link or rij[0] != st.st_size or rij[1] != st.st_mtime_ns
                or rij[2] != st.st_ctime_ns or rij[3] != st.st_ino
                or stat.S_ISLNK(st.st_mode)):
            opnieuw.append(ident)
            if not map_is_link and not stat.S_ISLNK(st.st_mode):
                voor[ident] = st
            continue
        nieuw[ident] = rij
        if rij[4] == dag:
            gevonden[ident] = (ident, rij[5], rij[6], geboortedatum)
    if opnieuw:
        for ident, k in _lees_kandidaten(repo, opnieuw):
            if k is not None and k[3] == geboortedatum:
                gevonden[ident] = k
            eerst = voor.get(ident)
            if (k is None or eerst is None
                    or max(eerst.st_mtime_ns, eerst.st_ctime_ns) >= nu - cache.RACY_NS):
                continue  # ongeldig of onleesbaar, een symlink of te vers: niet in de index
            with contextlib.suppress(OSError):
                na = os.lstat(f"{casussen}/{ident}/plan.yaml")
                stempel = (eerst.st_size, eerst.st_mtime_ns, eerst.st_ctime_ns, eerst.st_ino)
                if (na.st_size, na.st_mtime_ns, na.st_ctime_ns, na.st_ino) == stempel:
                    nieuw[ident] = (*stempel, k[3].toordinal(), k[1], k[2])
    if nieuw.keys() != oud.keys() or any(nieuw[i] != oud.get(i) for i in voor if i in nieuw):
        _schrijf_index(pad, nieuw)
    return [gevonden[i] for i in sorted(gevonden)]


def _lees_kandidaten(repo: Repo, idents: list[str]) -> list[tuple[str, Any]]:
    """(id, kandidaat of None bij een ongeldig plan) via de cache, zoals `cache.per_plan`."""
    from jeugdplan.opslag import cache

    if len(idents) <= WEINIG:
        return [(i, _kandidaat(p) if p is not None else None)
                for i, p, _f in cache.lees_alle(repo, idents)]
    naam = f"kandidaat@{cache.regelversie()}"
    return [(i, k) for i, k, _f in cache.lees_alle(repo, idents, afgeleid=(naam, _kandidaat))]


def maak_plan(
    repo: Repo, *, voornaam: str, achternaam: str, geboortedatum: date, gemeente: str,
    school: str | None, onderwijssoort: str, groep: int | None, leerjaar: int | None,
    identiteit: str | None, toch: bool, vandaag: date, in_nederland_sinds: date | None = None,
) -> tuple[Plan, Path]:
    if geboortedatum > vandaag:
        raise JeugdplanError(f"geboortedatum {geboortedatum} ligt in de toekomst")
    if leeftijd(geboortedatum, vandaag) > MAX_LEEFTIJD:
        raise JeugdplanError(
            f"geboortedatum {geboortedatum}: het kind zou {leeftijd(geboortedatum, vandaag)} "
            "jaar zijn; typfout in het jaar?"
        )
    # Alleen plannen met dezelfde geboortedatum kunnen hetzelfde kind zijn (`dubbel`).
    bestaande = kandidaten_op_datum(repo, geboortedatum)
    dubbel = zoek_dubbel(voornaam, achternaam, geboortedatum, bestaande)
    if dubbel and not toch:
            raise JeugdplanError(
                f"er is al een plan voor dit kind: {', '.join(dubbel)} (één kind, één plan). "
                "Werk dat plan bij, of gebruik --toch als het echt een ander kind is"
            )
    gegevens: dict[str, object] = {
                "voornaam": voornaam, "achternaam": achternaam, "geboortedatum": geboortedatum,
                "gemeente": gemeente, "school": school, "onderwijssoort": onderwijssoort,
                "groep": groep, "leerjaar": leerjaar, "identiteit": identiteit,
                "niet_dezelfde_als": dubbel or None}
    kind = valideer(Kind, {k: v for k, v in gegevens.items() if v is not None}, "invoer")
    ident = nieuw_id(vandaag.year, lambda i: repo.plan_pad(i).exists())
    plan = nieuw_plan(ident, kind, vandaag)
    if in_nederland_sinds is not None:
        from jeugdplan.domein.verzuim import nieuwkomer

        nieuwkomer(plan, datum=in_nederland_sinds, vandaag=vandaag)
    pad = repo.maak(plan, "nieuw plan aangemaakt")
    return plan, pad
