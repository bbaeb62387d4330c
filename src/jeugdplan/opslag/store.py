"""De casusrepository: vinden, plannen lezen en opslaan, en elke wijziging vastleggen.

- `Repo.vind` zoekt de repository zoals git de zijne: `--dir`, `JEUGDPLAN_DIR`, of omhoog
  vanaf de werkmap naar `jeugdplan.yaml`.
- `Repo.lees` geeft één gevalideerd `Plan`; `Repo.laad` ook het round-trip-document om te
  bewerken (opmerkingen en opmaak blijven).
- `Repo.lees_alle` geeft alle plannen, via de cache (`opslag.inlezen`).
- `Repo.bewerk` is de enige schrijfweg: laden, wijzigen, volledig valideren, opmerkingen
  behouden, atomair schrijven, één git-commit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag import repobestanden
from jeugdplan.opslag.bestanden import schrijf_atomair
from jeugdplan.opslag.inlezen import na_schrijven
from jeugdplan.opslag.paden import (  # noqa: F401 - ook bekend als store.CASUSSEN, ...
    CASUSSEN,
    ID_PATROON,
    INSTELLINGEN,
    PLAN,
    controleer_id,
    nieuw_id,
)
from jeugdplan.opslag.slot import meld as slot_meld
from jeugdplan.opslag.slot import vergrendeld

if TYPE_CHECKING:
    from jeugdplan.domein.model import Instellingen, Plan
    from jeugdplan.opslag import gitrepo

# pydantic (model, validatie) en de YAML-laders worden pas geladen als een plan echt gelezen
# of geschreven wordt: warm komen overzichten uit de cache en starten ze zonder die modules.
# (`versleuteling` is licht: alleen de standaardbibliotheek; pyrage pas bij gebruik.)

KOP = (
    "# Integraal plan - één kind, één plan (jeugdplan, schema {schema})\n"
    "# Dit bestand bevat bijzondere persoonsgegevens van een kind: deel het alleen met\n"
    "# toestemming. Bewerk met 'jeugdplan edit {id}' of een editor; 'jeugdplan check' controleert.\n"
    "# Datums als JJJJ-MM-DD. Elke wijziging wordt een git-commit met auteur en datum."
)


def schrijf_plan(root: Path, pad: Path, tekst: str) -> bytes:
    """Schrijft een plan atomair: versleuteld als de repository ontvangers heeft
    (`versleuteling`). Een versleuteld plan waarvan de inhoud niet veranderde blijft byte voor
    byte gelijk. Geeft de bytes die nu op schijf staan."""
    from jeugdplan.opslag.versleuteling import voor_schijf

    inhoud = voor_schijf(root, pad, tekst)
    if inhoud is None:
        return pad.read_bytes()
    schrijf_atomair(pad, inhoud)
    return inhoud if isinstance(inhoud, bytes) else inhoud.encode("utf-8")


@dataclass
class GeladenPlan:
    """Een plan met zijn tekst en round-trip-document (om te bewerken met behoud van
    opmerkingen en opmaak)."""

    id: str
    pad: Path
    relatief: str
    tekst: str
    plan: Plan

    @cached_property
    def doc(self) -> Any:
        from jeugdplan.opslag.yamlio import laad_rt

        return laad_rt(self.tekst, self.relatief)


@dataclass
class Repo:
    root: Path

    # --- vinden -------------------------------------------------------------------------

    @classmethod
    def vind(cls, pad: str | Path | None = None) -> Repo:
        """De repository in `pad`, `$JEUGDPLAN_DIR` of de eerste map vanaf hier omhoog met
        `jeugdplan.yaml`. Weigert als een gedeeld bestand (`.gitattributes`, `templates/`,
        ...) een symlink is, vóór er iets gelezen of geschreven wordt."""
        gevonden = cls._vind(pad)
        repobestanden.controleer(gevonden.root)
        return gevonden

    @classmethod
    def _vind(cls, pad: str | Path | None) -> Repo:
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
    def open(cls, root: str | Path) -> Repo:
        return cls(Path(root))

    @cached_property
    def instellingen(self) -> Instellingen:
        """`jeugdplan.yaml`, gevalideerd bij het eerste gebruik (met regelnummers)."""
        from jeugdplan.domein.model import Instellingen
        from jeugdplan.opslag.bestanden import lees_bytes
        from jeugdplan.opslag.bronnen import valideer
        from jeugdplan.opslag.yamlio import decodeer, laad_snel

        tekst = decodeer(lees_bytes(self.root / INSTELLINGEN, INSTELLINGEN), INSTELLINGEN)
        data = laad_snel(tekst, INSTELLINGEN)
        return valideer(Instellingen, data if data is not None else {}, INSTELLINGEN, tekst)

    # --- paden --------------------------------------------------------------------------

    @property
    def casussen(self) -> Path:
        return self.root / CASUSSEN

    def relatief(self, pad: Path) -> str:
        return pad.relative_to(self.root).as_posix()

    def plan_pad(self, ruw_id: str) -> Path:
        return self.casussen / controleer_id(ruw_id) / PLAN

    def bestaand_plan_pad(self, ruw_id: str) -> Path:
        """Het pad van een bestaand plan; een symbolische koppeling wordt geweigerd."""
        ident = controleer_id(ruw_id)
        pad = self.plan_pad(ident)
        if not os.path.lexists(pad):
            raise JeugdplanError(
                f"geen casus met id {ident}; 'jeugdplan list' toont de casussen")
        if pad.parent.is_symlink() or pad.is_symlink():
            raise JeugdplanError(
                f"{self.relatief(pad)} is een symbolische koppeling; jeugdplan volgt die niet "
                "(wie de gedeelde repository kan beschrijven, zou zo een ander bestand laten "
                "lezen). Verwijder de koppeling")
        return pad

    def binnen_repository(self, pad: Path) -> bool:
        """Onwaar als `pad` (of een map erboven) via een symlink buiten `casussen/` uitkomt."""
        try:
            return pad.resolve().is_relative_to(self.casussen.resolve())
        except (OSError, RuntimeError):  # symlinklus
            return False

    def ids(self) -> list[str]:
        """De ids van alle casussen (mappen met een plan; symbolische koppelingen niet)."""
        try:
            with os.scandir(self.casussen) as it:
                return sorted(e.name for e in it
                              if ID_PATROON.match(e.name) and e.is_dir(follow_symlinks=False)
                              and os.path.isfile(os.path.join(e.path, PLAN)))
        except OSError:
            return []

    # --- lezen --------------------------------------------------------------------------

    def laad(self, ruw_id: str) -> GeladenPlan:
        """Eén plan om te bewerken: het `Plan`, zijn tekst en (`doc`) het round-trip-document."""
        from jeugdplan.opslag.planbestand import lees_ruw, plan_uit, plantekst

        pad = self.bestaand_plan_pad(ruw_id)
        relatief = self.relatief(pad)
        tekst = plantekst(lees_ruw(self.casussen, pad.parent.name, relatief), relatief)
        return GeladenPlan(pad.parent.name, pad, relatief, tekst, plan_uit(tekst, relatief))

    def lees(self, ruw_id: str) -> Plan:
        """Eén gevalideerd plan om te lezen (`show`, `route`, `meldcode next`), via de cache
        zolang het bestand niet veranderde; een ongeldig plan geeft een fout met bestand,
        regel en kolom."""
        from jeugdplan.opslag.inlezen import lees_een

        return lees_een(self.root, self.bestaand_plan_pad(ruw_id).parent.name)

    def afgeleid(self, ruw_id: str, soort: str, functie: Callable[[Plan], Any]) -> Any:
        """`functie(plan)` voor één plan, uit de cache zolang het bestand niet veranderde
        (`inlezen.afgeleid_een`); een ongeldig plan geeft dezelfde fout als `lees`."""
        from jeugdplan.opslag.inlezen import afgeleid_een

        return afgeleid_een(self.root, self.bestaand_plan_pad(ruw_id).parent.name, soort,
                            functie)

    def lees_alle(self, idents: list[str] | None = None
                  ) -> Iterator[tuple[str, Plan | None, list[Probleem]]]:
        """Alle plannen (of `idents`): (id, plan of None, problemen), op volgorde van id, via
        de cache (`opslag.inlezen`); een symbolische koppeling wordt nooit gelezen."""
        from jeugdplan.opslag.inlezen import lees_alle

        yield from lees_alle(self, idents)

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
            gitrepo.weiger_als_half(self.root)  # ook geen half samengevoegd plan vastleggen
            # git status loopt al terwijl het plan gelezen en gevalideerd wordt.
            pad = self.bestaand_plan_pad(ruw_id)
            relatief = self.relatief(pad)
            onvastgelegd = gitrepo.onvastgelegd_op_achtergrond(self.root, relatief)
            try:
                geladen = self.laad(pad.parent.name)
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
                ruw = self._schrijf(geladen.pad, samenvoegen(geladen.doc, nieuw.als_yaml_data()))
                self.commit(geladen.pad, f"{geladen.id}: {wat}", klaar)
            finally:
                klaar.sluit()
            na_schrijven(self.root, ruw, nieuw)
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
                ruw = self._schrijf(pad, doc)
                self.commit(pad, f"{plan.id}: {bericht}", klaar)
            finally:
                klaar.sluit()
            na_schrijven(self.root, ruw, plan)
        return pad

    def _schrijf(self, pad: Path, doc: Any) -> bytes:
        """Schrijft het document; geeft de bytes op schijf. Eerst de laatste controle: wat
        geschreven wordt, leest identiek terug (hetzelfde YAML-dialect) en is een geldig plan."""
        from jeugdplan.opslag.planbestand import plan_uit
        from jeugdplan.opslag.yamlio import dump_rt

        tekst = dump_rt(doc)
        plan_uit(tekst, self.relatief(pad))
        try:
            return schrijf_plan(self.root, pad, tekst)
        except OSError as e:
            # Schijf vol, alleen-lezen, geen rechten: het oude bestand staat er nog.
            raise JeugdplanError(
                f"kon {self.relatief(pad)} niet opslaan ({e.strerror or e}); het plan is "
                "ongewijzigd"
            ) from None
