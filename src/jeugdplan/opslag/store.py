"""De casusrepository: vinden, plannen laden en opslaan, en elke wijziging vastleggen.

- `Repo.vind` zoekt de repository zoals git de zijne: `--dir`, `JEUGDPLAN_DIR`, of omhoog
  vanaf de werkmap naar `jeugdplan.yaml`.
- `Repo.laad` leest één plan round-trip (met regelnummers, voor bewerken en `check`).
- `Repo.lees_alle` leest veel plannen via de snelle lader.
- `Repo.bewerk` is de enige schrijfweg: laden, wijzigen, volledig valideren, opmerkingen
  behouden, atomair schrijven, één git-commit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag.bestanden import schrijf_atomair
from jeugdplan.opslag.slot import meld as slot_meld
from jeugdplan.opslag.slot import vergrendeld
from jeugdplan.opslag.versleuteling import lees_plan_bytes

if TYPE_CHECKING:
    from jeugdplan.domein.model import Instellingen, Plan
    from jeugdplan.opslag import gitrepo

# pydantic (model, validatie) en de YAML-laders worden pas geladen als een plan echt gelezen
# of geschreven wordt: warm komen overzichten uit de cache en starten ze zonder die modules.
# (`versleuteling` is licht: alleen de standaardbibliotheek; pyrage pas bij gebruik.)

INSTELLINGEN = "jeugdplan.yaml"
CASUSSEN = "casussen"
PLAN = "plan.yaml"

ID_PATROON = re.compile(r"^[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?$")
_ID_TEKENS = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Zonder 0/O, 1/I/L en U: makkelijk over te typen en voor te lezen."""

KOP = (
    "# Integraal plan - één kind, één plan (jeugdplan, schema {schema})\n"
    "# Dit bestand bevat bijzondere persoonsgegevens van een kind: deel het alleen met\n"
    "# toestemming. Bewerk met 'jeugdplan edit {id}' of een editor; 'jeugdplan check' controleert.\n"
    "# Datums als JJJJ-MM-DD. Elke wijziging wordt een git-commit met auteur en datum."
)


def controleer_id(ruw: str) -> str:
    """Normaliseert een casus-id; weigert alles wat een pad zou kunnen zijn."""
    kandidaat = ruw.strip().upper()
    if not ID_PATROON.match(kandidaat):
        raise JeugdplanError(
            f"ongeldig casus-id {ruw[:40]!r}: een id bestaat uit hoogstens 12 letters, "
            "cijfers en streepjes (bijvoorbeeld 2026-K7QXM2)"
        )
    return kandidaat


def nieuw_id(jaar: int, bestaat: Callable[[str], bool]) -> str:
    """Kort, typbaar en willekeurig (30^6 mogelijkheden per jaar): twee klonen die elk
    casussen aanmaken botsen praktisch nooit, en `sync` controleert het toch."""
    import secrets

    for _ in range(100):
        kandidaat = f"{jaar}-" + "".join(secrets.choice(_ID_TEKENS) for _ in range(6))
        if not bestaat(kandidaat):
            return kandidaat
    raise JeugdplanError("kon geen vrij casus-id vinden")  # pragma: no cover


def schrijf_plan(root: Path, pad: Path, tekst: str) -> None:
    """Schrijft een plan atomair: versleuteld als de repository ontvangers heeft
    (`versleuteling`). Een versleuteld plan waarvan de inhoud niet veranderde blijft byte voor
    byte gelijk."""
    from jeugdplan.opslag.versleuteling import voor_schijf

    inhoud = voor_schijf(root, pad, tekst)
    if inhoud is not None:
        schrijf_atomair(pad, inhoud)


@dataclass
class GeladenPlan:
    """Een plan met zijn round-trip-document (opmerkingen, regelnummers)."""

    id: str
    pad: Path
    relatief: str
    doc: Any
    plan: Plan


@dataclass
class Repo:
    root: Path

    # --- vinden -------------------------------------------------------------------------

    @classmethod
    def vind(cls, pad: str | Path | None = None) -> Repo:
        if pad is None:
            pad = os.environ.get("JEUGDPLAN_DIR") or None
        if pad is not None:
            root = Path(pad).expanduser().resolve()
            if not (root / INSTELLINGEN).is_file():
                raise JeugdplanError(
                    f"{root} is geen casusrepository (geen {INSTELLINGEN}); "
                    "maak er een met 'jeugdplan init PAD'"
                )
            return cls.open(root)
        start = Path.cwd().resolve()
        for kandidaat in (start, *start.parents):
            if (kandidaat / INSTELLINGEN).is_file():
                return cls.open(kandidaat)
        raise JeugdplanError(
            "geen casusrepository gevonden (geen jeugdplan.yaml in deze map of erboven). "
            "Ga naar uw casusmap, gebruik --dir PAD of JEUGDPLAN_DIR, "
            "of maak een repository met 'jeugdplan init PAD'"
        )

    @classmethod
    def open(cls, root: Path) -> Repo:
        return cls(root)

    @cached_property
    def instellingen(self) -> Instellingen:
        """`jeugdplan.yaml`, gevalideerd bij het eerste gebruik (met regelnummers)."""
        from jeugdplan.domein.model import Instellingen
        from jeugdplan.opslag.bronnen import valideer
        from jeugdplan.opslag.yamlio import decodeer, laad_rt, lees_bytes

        tekst = decodeer(lees_bytes(self.root / INSTELLINGEN, INSTELLINGEN), INSTELLINGEN)
        doc = laad_rt(tekst, INSTELLINGEN)
        return valideer(Instellingen, doc if doc is not None else {}, INSTELLINGEN, doc)

    # --- paden --------------------------------------------------------------------------

    @property
    def casussen(self) -> Path:
        return self.root / CASUSSEN

    def relatief(self, pad: Path) -> str:
        return pad.relative_to(self.root).as_posix()

    def plan_pad(self, ruw_id: str) -> Path:
        return self.casussen / controleer_id(ruw_id) / PLAN

    def bestaand_plan_pad(self, ruw_id: str) -> Path:
        pad = self.plan_pad(ruw_id)
        if not pad.is_file():
            raise JeugdplanError(
                f"geen casus met id {controleer_id(ruw_id)}; 'jeugdplan list' toont de casussen"
            )
        if not self.binnen_repository(pad):
            raise JeugdplanError(
                f"{self.relatief(pad)} wijst naar een bestand buiten de repository; geweigerd"
            )
        return pad

    def binnen_repository(self, pad: Path) -> bool:
        """Onwaar als `pad` (of zijn map) via een symlink buiten `casussen/` uitkomt."""
        try:
            return pad.resolve().is_relative_to(self.casussen.resolve())
        except (OSError, RuntimeError):  # symlinklus
            return False

    def ids(self) -> list[str]:
        if not self.casussen.is_dir():
            return []
        return sorted(
            e.name for e in os.scandir(self.casussen)
            if e.is_dir() and ID_PATROON.match(e.name) and os.path.isfile(
                os.path.join(e.path, PLAN))
        )

    # --- lezen --------------------------------------------------------------------------

    def laad(self, ruw_id: str) -> GeladenPlan:
        """Eén plan, round-trip, met regelnummers in de fouten."""
        pad = self.bestaand_plan_pad(ruw_id)
        relatief = self.relatief(pad)
        return self.laad_pad(pad, relatief)

    def lees(self, ruw_id: str) -> Plan:
        """Eén plan om alleen te lezen (`show`, `route`, `meldcode next`): uit de cache zolang
        het bestand niet veranderde, anders snel gelezen en gevalideerd. Een ongeldig plan
        geeft dezelfde fout (met regels) als `laad`."""
        return self._lees(self.bestaand_plan_pad(ruw_id))

    def bekijk(self, ruw_id: str) -> Plan:
        """Als `lees`, maar zo licht mogelijk: zolang het bestand niet veranderde komt het plan
        als lichte objecten uit de cache (`jeugdplan.opslag.licht`: dezelfde velden, zonder pydantic).
        Alleen om te lezen: ze zijn niet te wijzigen en hebben geen modelmethoden."""
        from jeugdplan.opslag.cache import lees_licht

        pad = self.bestaand_plan_pad(ruw_id)
        plan: Plan | None = lees_licht(self, pad.parent.name)
        return plan if plan is not None else self._lees(pad)

    def _lees(self, pad: Path) -> Plan:
        from jeugdplan.opslag.cache import lees_alle

        for _ident, plan, _problemen in lees_alle(self, [pad.parent.name]):
            if plan is not None:
                return plan
        return self.laad_pad(pad, self.relatief(pad)).plan

    def laad_pad(self, pad: Path, relatief: str) -> GeladenPlan:
        from jeugdplan.domein.model import Plan
        from jeugdplan.opslag.bronnen import valideer
        from jeugdplan.opslag.yamlio import decodeer, laad_rt

        tekst = decodeer(lees_plan_bytes(pad, relatief), relatief)
        doc = laad_rt(tekst, relatief)
        plan = valideer(Plan, doc, relatief, doc)
        return GeladenPlan(plan.id, pad, relatief, doc, plan)

    def lees_alle(self) -> Iterator[tuple[str, Plan | None, list[Probleem]]]:
        """Alle plannen via de snelle lader: (id, plan of None, problemen), op volgorde van id.

        Een ongeldig plan wordt opnieuw round-trip gelezen om de regels te kunnen noemen; een
        symlink naar buiten de repository wordt nooit gelezen. Wat gelezen is komt in de
        afgeleide cache (`jeugdplan.opslag.cache`, onder `.jeugdplan/`; bij een versleutelde
        repository lokaal bij de gebruiker, zie `versleuteling.cache_pad`); een plan dat veranderde
        wordt altijd opnieuw gelezen, en bij veel plannen gebeurt dat parallel.
        """
        from jeugdplan.opslag.cache import lees_alle

        yield from lees_alle(self)

    def plannen(self) -> list[Plan]:
        """Alle geldige plannen (ongeldige worden overgeslagen; `check` meldt ze)."""
        return [p for _, p, _ in self.lees_alle() if p is not None]

    # --- schrijven ----------------------------------------------------------------------

    def bewerk(self, ruw_id: str, wijzig: Callable[[Plan], str]) -> Plan:
        """Laadt een plan, laat `wijzig` het aanpassen, valideert, schrijft en commit.

        `wijzig` geeft het commitbericht (zonder id) terug of gooit een `JeugdplanError`;
        dan wordt er niets geschreven.
        """
        from jeugdplan.domein.model import Plan
        from jeugdplan.opslag import gitrepo
        from jeugdplan.opslag.bronnen import valideer
        from jeugdplan.opslag.yamlio import samenvoegen

        gitrepo.identiteit(self.root)
        # Eén slot per repository: laden, wijzigen, schrijven en vastleggen gebeuren zonder
        # dat een ander proces ertussen schrijft (anders gaat een wijziging verloren).
        with vergrendeld(self.root):
            # git status loopt al terwijl het plan gelezen en gevalideerd wordt.
            pad = self.bestaand_plan_pad(ruw_id)
            relatief = self.relatief(pad)
            onvastgelegd = gitrepo.onvastgelegd_op_achtergrond(self.root, relatief)
            try:
                geladen = self.laad_pad(pad, relatief)
            except PlanOngeldig as e:
                raise PlanOngeldig(
                    "het plan is ongeldig; herstel het eerst ('jeugdplan edit', "
                    "'jeugdplan check')\n" + e.melding,
                    e.problemen,
                ) from None
            self.herstel_onvastgelegd(geladen.pad, geladen.id, onvastgelegd())
            # Na git status (twee kernen): git diff --cached loopt mee met wijzigen en schrijven.
            klaar = gitrepo.Klaar(self.root)
            try:
                plan = geladen.plan.model_copy(deep=True)
                wat = wijzig(plan)
                nieuw = valideer(Plan, plan.als_yaml_data(), geladen.relatief)
                self._schrijf(geladen.pad, samenvoegen(geladen.doc, nieuw.als_yaml_data()))
                self.commit(geladen.pad, f"{geladen.id}: {wat}", klaar)
            finally:
                klaar.sluit()
            self.in_cache(geladen.id)
        return nieuw

    def herstel_onvastgelegd(self, pad: Path, ident: str,
                              onvastgelegd: list[str] | None = None) -> None:
        """Een eerder geschreven maar niet vastgelegde versie (commit mislukt, proces
        afgebroken) eerst apart vastleggen, zodat de geschiedenis niets mist. `onvastgelegd`:
        de uitkomst van `gitrepo.onvastgelegd` voor dit pad, als die al bekend is."""
        from jeugdplan.opslag import gitrepo

        if onvastgelegd is None:
            onvastgelegd = gitrepo.onvastgelegd(self.root, self.relatief(pad))
        if not onvastgelegd:
            return
        self.commit(pad, f"{ident}: eerder niet vastgelegde wijziging alsnog vastgelegd")
        slot_meld(f"{ident}: een eerder niet vastgelegde wijziging van dit plan is nu "
                  "alsnog vastgelegd")

    def commit(self, pad: Path, bericht: str, vooraf: gitrepo.Klaar | None = None) -> None:
        from jeugdplan.opslag import gitrepo
        from jeugdplan.opslag.versleuteling import commitbericht

        bericht = commitbericht(self.root, bericht)  # versleuteld: geen details in git
        try:
            gitrepo.commit(self.root, [pad], bericht, hash=False, vooraf=vooraf)
        except gitrepo.GitFout as e:
            raise JeugdplanError(
                f"{self.relatief(pad)} is opgeslagen, maar vastleggen in git mislukte: "
                f"{e.melding}. Er is niets verloren: na herstel legt de volgende wijziging "
                "van deze casus het alsnog vast, en 'jeugdplan check' toont wat nog niet is "
                "vastgelegd"
            ) from None

    def maak(self, plan: Plan, bericht: str) -> Path:
        """Schrijft een nieuw plan en commit het."""
        from jeugdplan.opslag import gitrepo

        gitrepo.identiteit(self.root)
        pad = self.plan_pad(plan.id)
        from ruamel.yaml.comments import CommentedMap

        from jeugdplan.opslag.yamlio import samenvoegen

        with vergrendeld(self.root):
            if pad.exists() or pad.is_symlink():
                raise JeugdplanError(f"casus {plan.id} bestaat al")
            klaar = gitrepo.Klaar(self.root)  # git diff --cached loopt mee met het schrijven
            try:
                doc = samenvoegen(CommentedMap(), plan.als_yaml_data())
                doc.yaml_set_start_comment(KOP.format(schema=plan.schema_versie, id=plan.id))
                self._schrijf(pad, doc)
                self.commit(pad, f"{plan.id}: {bericht}", klaar)
            finally:
                klaar.sluit()
            self.in_cache(plan.id)
        return pad

    def in_cache(self, ident: str) -> None:
        """Wat net geschreven is meteen in de cache: de volgende opdracht leest het niet."""
        from jeugdplan.opslag.cache import na_schrijven

        na_schrijven(self, ident)

    def _schrijf(self, pad: Path, doc: Any) -> None:
        from jeugdplan.domein.model import Plan
        from jeugdplan.opslag.bronnen import valideer
        from jeugdplan.opslag.yamlio import dump_rt, laad_snel

        tekst = dump_rt(doc)
        # Laatste controle: wat we schrijven moet weer te lezen zijn.
        valideer(Plan, laad_snel(tekst, self.relatief(pad)), self.relatief(pad))
        try:
            schrijf_plan(self.root, pad, tekst)
        except OSError as e:
            # Schijf vol, alleen-lezen, geen rechten: het oude bestand staat er nog.
            raise JeugdplanError(
                f"kon {self.relatief(pad)} niet opslaan ({e.strerror or e}); het plan is "
                "ongewijzigd"
            ) from None
