"""De geschiedenis van één plan uit git: zoals het was op een datum, en wat er per commit
per veld veranderde (`jeugdplan log`, `jeugdplan diff`, `jeugdplan show --op`).

De geschiedenis volgt een hernoeming van de casusmap (na een id-botsing bij `sync`) zelf,
langs de eigen voorgangers: `git log --follow` zou na de hernoeming ook de commits van een
ander kind met het oude id laten zien.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig
from jeugdplan.domein.model import Plan
from jeugdplan.domein.veldhistorie import Veldwijziging, verschillen
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.bronnen import valideer
from jeugdplan.opslag.store import Repo
from jeugdplan.opslag.versleuteling import lees_plan_bytes, ontsleutel_tekst
from jeugdplan.opslag.yamlio import decodeer, laad_snel


def plan_op(repo: Repo, ruw_id: str, dag: date) -> Plan:
    """Het plan zoals het aan het eind van `dag` was vastgelegd."""
    pad = repo.relatief(repo.plan_pad(ruw_id))
    grens = (dag + timedelta(days=1)).isoformat()
    commit = gitrepo.git(repo.root, "log", "-1", "--format=%H", f"--before={grens} 00:00:00",
                         "--", pad).strip()
    if not commit:
        raise JeugdplanError(f"casus {ruw_id.upper()} bestond nog niet op {dag}")
    tekst = ontsleutel_tekst(gitrepo.git(repo.root, "show", f"{commit}:{pad}"), pad) or ""
    return valideer(Plan, laad_snel(tekst, f"{pad}@{dag}"), f"{pad}@{dag}", tekst)


@dataclass
class Versie:
    """Eén commit in de geschiedenis van een plan, met de veldwijzigingen."""

    hash: str
    auteur: str
    datum: str
    bericht: str
    wijzigingen: list[Veldwijziging] = field(default_factory=list)
    samenvoeging: bool = False

    def als_json(self) -> dict[str, Any]:
        return {"hash": self.hash, "auteur": self.auteur, "datum": self.datum,
                "bericht": self.bericht, "samenvoeging": self.samenvoeging,
                "wijzigingen": [w.als_json() for w in self.wijzigingen]}


@dataclass
class _Stap:
    commit: gitrepo.Commit
    pad: str
    pad_ouder: str


def _stappen(repo: Repo, pad: str) -> list[_Stap]:
    """De commits die dit plan raakten, nieuwste eerst, over hernoemingen heen."""
    stappen: list[_Stap] = []
    tot, huidig = "HEAD", pad
    for _ in range(20):
        lijst = gitrepo.commits(repo.root, tot, huidig)
        if not lijst:
            break
        stappen += [_Stap(c, huidig, huidig) for c in lijst]
        oudste = lijst[-1]
        vorig = gitrepo.hernoemd_in(repo.root, oudste.hash, huidig) if oudste.ouders else None
        if vorig is None and oudste.ouders:
            vorig = _hernoemd_door_sync(repo, oudste, huidig)
        if vorig is None:
            break
        stappen[-1].pad_ouder = vorig
        tot, huidig = f"{oudste.hash}^", vorig
    return stappen


_HERNOEMD = re.compile(r"^(?P<nieuw>[A-Z0-9-]+): casus-id gewijzigd van (?P<oud>[A-Z0-9-]+) in "
                       r"(?P=nieuw) ")


def _hernoemd_door_sync(repo: Repo, commit: gitrepo.Commit, pad: str) -> str | None:
    """Een hernoeming door `sync` (id-botsing) die git niet als hernoeming herkent: bij een
    versleuteld plan lijkt de nieuwe inhoud in niets op de oude (andere ciphertext). `sync`
    noemt het oude id in het bericht; de commit moet het oude plan ook echt verwijderen."""
    treffer = _HERNOEMD.match(commit.bericht)
    if treffer is None or pad != f"casussen/{treffer['nieuw']}/plan.yaml":
        return None
    oud = f"casussen/{treffer['oud']}/plan.yaml"
    status = gitrepo.git(repo.root, "show", "--format=", "--name-status", "--no-renames",
                         commit.hash, "--", oud, pad, check=False).splitlines()
    return oud if f"D\t{oud}" in status and f"A\t{pad}" in status else None


def _gegevens(tekst: str | None, naam: str) -> dict[str, Any] | None:
    if tekst is None:
        return None
    try:
        data = laad_snel(ontsleutel_tekst(tekst, naam) or "", naam)
    except PlanOngeldig:
        return {}
    return data if isinstance(data, dict) else {}


def plan_versies(repo: Repo, pad: str) -> list[tuple[gitrepo.Commit, dict[str, Any] | None]]:
    """De commits die dit plan raakten (nieuwste eerst, over hernoemingen heen: alleen dit
    plan, zie boven), elk met de gegevens van het plan na die commit (None: er was geen plan)."""
    stappen = _stappen(repo, pad)
    blobs = gitrepo.lees_blobs(repo.root, [f"{s.commit.hash}:{s.pad}" for s in stappen])
    return [(s.commit, _gegevens(blobs.get(f"{s.commit.hash}:{s.pad}"), s.pad)) for s in stappen]


def geschiedenis(repo: Repo, ruw_id: str) -> list[Versie]:
    """Per commit (nieuwste eerst) wie, wanneer en welke velden veranderden; ook van de
    casussen die in dit plan zijn samengevoegd (`plan.samengevoegd`)."""
    pad = repo.relatief(repo.bestaand_plan_pad(ruw_id))
    stappen = _stappen(repo, pad)
    samengevoegd = repo.lees(ruw_id).samengevoegd
    if samengevoegd:
        for ander in samengevoegd:
            stappen += _stappen(repo, f"casussen/{ander}/plan.yaml")
        stappen.sort(key=lambda s: s.commit.datum, reverse=True)
    specs: list[str] = []
    for s in stappen:
        specs.append(f"{s.commit.hash}:{s.pad}")
        specs += [f"{o}:{s.pad_ouder}" for o in s.commit.ouders]
    blobs = gitrepo.lees_blobs(repo.root, list(dict.fromkeys(specs)))
    versies = []
    for s in stappen:
        nu = _gegevens(blobs.get(f"{s.commit.hash}:{s.pad}"), s.pad)
        ouders = [_gegevens(blobs.get(f"{o}:{s.pad_ouder}"), s.pad_ouder) for o in s.commit.ouders]
        c = s.commit
        if len(ouders) <= 1:
            wijzigingen = verschillen(ouders[0] if ouders else None, nu)
            versies.append(Versie(c.hash, c.auteur, c.datum, c.bericht, wijzigingen))
            continue
        # Samenvoeg-commit: alleen wat de samenvoeging zelf deed (in geen van beide ouders),
        # zoals een hernummering; wat van één kant kwam staat al bij die commits.
        per_ouder = [verschillen(o, nu) for o in ouders]
        gemeenschappelijk = set.intersection(*({w.sleutel() for w in lijst} for lijst in per_ouder))
        eigen = [w for w in per_ouder[0] if w.sleutel() in gemeenschappelijk]
        if eigen:
            versies.append(Versie(c.hash, c.auteur, c.datum, c.bericht, eigen, True))
    return versies


@dataclass
class Verschil:
    id: str
    sinds: date | None
    van: str | None
    """De commit waarmee vergeleken is (None: het plan bestond toen nog niet)."""
    auteurs: list[str]
    wijzigingen: list[Veldwijziging]

    def als_json(self) -> dict[str, Any]:
        return {"id": self.id, "sinds": self.sinds.isoformat() if self.sinds else None,
                "van": self.van, "auteurs": self.auteurs,
                "wijzigingen": [w.als_json() for w in self.wijzigingen]}


def verschil(repo: Repo, ruw_id: str, sinds: date | None) -> Verschil:
    """Wat er aan een plan veranderde sinds `sinds` (op of na die datum), of zonder datum:
    wat in het bestand is gewijzigd maar nog niet vastgelegd."""
    pad = repo.bestaand_plan_pad(ruw_id)
    relatief = repo.relatief(pad)
    ident = pad.parent.name
    nu = _gegevens(decodeer(lees_plan_bytes(pad, relatief), relatief), relatief)
    if sinds is None:
        van = gitrepo.rev(repo.root, "HEAD")
        tekst = gitrepo.lees_blobs(repo.root, [f"HEAD:{relatief}"]).get(f"HEAD:{relatief}")
        return Verschil(ident, None, van if tekst is not None else None, [],
                        verschillen(_gegevens(tekst, relatief), nu))
    stappen = _stappen(repo, relatief)
    grens = sinds.isoformat()
    eerder = next((s for s in stappen if s.commit.datum[:10] < grens), None)
    # Wie iets veranderde; een samenvoeg-commit brengt alleen wijzigingen van anderen samen.
    auteurs = list(dict.fromkeys(s.commit.auteur for s in reversed(stappen)
                                 if s.commit.datum[:10] >= grens and len(s.commit.ouders) < 2))
    if eerder is None:
        return Verschil(ident, sinds, None, auteurs, verschillen(None, nu))
    spec = f"{eerder.commit.hash}:{eerder.pad}"
    oud = _gegevens(gitrepo.lees_blobs(repo.root, [spec]).get(spec), eerder.pad)
    return Verschil(ident, sinds, eerder.commit.hash, auteurs, verschillen(oud, nu))
