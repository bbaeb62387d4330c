"""Een plan zoals het was op een datum, uit de git-geschiedenis."""

from __future__ import annotations

from datetime import date, timedelta

from jeugdplan import gitrepo
from jeugdplan.errors import JeugdplanError
from jeugdplan.model import Plan
from jeugdplan.store import Repo
from jeugdplan.validatie import valideer
from jeugdplan.yamlio import laad_rt


def plan_op(repo: Repo, ruw_id: str, dag: date) -> Plan:
    pad = repo.relatief(repo.plan_pad(ruw_id))
    grens = (dag + timedelta(days=1)).isoformat()
    commit = gitrepo.git(repo.root, "log", "-1", "--format=%H", f"--before={grens} 00:00:00",
                         "--", pad).strip()
    if not commit:
        raise JeugdplanError(f"casus {ruw_id.upper()} bestond nog niet op {dag}")
    tekst = gitrepo.git(repo.root, "show", f"{commit}:{pad}")
    doc = laad_rt(tekst, f"{pad}@{dag}")
    return valideer(Plan, doc, f"{pad}@{dag}", doc)
