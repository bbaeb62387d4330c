"""`jeugdplan edit`: een plan met de hand bewerken, zonder dat er iets verloren gaat.

Het verloop (de CLI geeft alleen de editor, de vraag aan de gebruiker en meldingen mee):

1. Het plan wordt gekopieerd naar een **werkkopie** in de eigen, lokale map van de gebruiker
   (`werkmap`: `$XDG_STATE_HOME/jeugdplan/bewerkingen/<kloon>/`, 0700, nooit in de
   repository), samen met de **basis**: de versie waarop de kopie gebaseerd is.
2. De editor opent de kopie. Wordt hij afgebroken, mislukt hij, of wordt jeugdplan
   afgeschoten, dan blijven kopie en basis staan.
3. Een geldige versie wordt vastgelegd (`leg_bewerking_vast`); veranderde het plan intussen,
   dan wordt per onderdeel samengevoegd (`domein.samenvoegen.voeg_samen`, zoals bij `sync`).
4. Een bewaarde kopie gaat bij de volgende `edit` verder, maar nooit blind: is het plan
   sindsdien veranderd, dan eerst een driedeling tegen de basis; botst dat, dan wordt er
   geweigerd en blijft de kopie staan.

Alleen kopieën die jeugdplan zelf in de lokale map schreef worden hervat: wat in de
repository staat (ook een oude of via een remote binnengekomen `.jeugdplan/bewerk/ID.yaml`)
wordt nooit gebruikt. Deze module print niets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.domein.samenvoegen import voeg_samen
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.bestanden import schrijf_atomair
from jeugdplan.opslag.bronnen import gegevens
from jeugdplan.opslag.clock import vandaag
from jeugdplan.opslag.lokaal import prive_map, xdg
from jeugdplan.opslag.planbestand import plan_uit
from jeugdplan.opslag.slot import vergrendeld
from jeugdplan.opslag.store import Repo, schrijf_plan
from jeugdplan.opslag.versleuteling import lees_plan_bytes, repo_kenmerk
from jeugdplan.opslag.yamlio import decodeer, dump_rt, knopen, laad_rt, laad_snel, plaats, samenvoegen

Keuze = Literal["opnieuw", "bewaren", "afbreken"]
"""Wat de gebruiker wil na een ongeldige versie: opnieuw bewerken, de kopie bewaren voor
later, of afbreken (de kopie weggooien)."""


@dataclass
class Uitkomst:
    ident: str
    vastgelegd: bool
    """False: er was niets gewijzigd."""
    velden: list[str] = field(default_factory=list)
    """De bovenste velden die de bewerking veranderde (ook in het commitbericht)."""
    samengevoegd: bool = False
    """Het plan veranderde tijdens het bewerken; de bewerking is ermee samengevoegd."""


def werkmap(root: Path) -> Path:
    """De lokale map met werkkopieën van deze kloon (alleen voor de gebruiker)."""
    return xdg("XDG_STATE_HOME", ".local/state") / "jeugdplan" / "bewerkingen" / repo_kenmerk(root)


@dataclass(frozen=True)
class _Kopie:
    kopie: Path
    basis: Path

    @classmethod
    def van(cls, root: Path, ident: str) -> _Kopie:
        map_ = werkmap(root)
        return cls(map_ / f"{ident}.yaml", map_ / f"{ident}.basis.yaml")

    def lees(self, relatief: str) -> tuple[str, str | None] | None:
        """(kopie, basis) als er een werkkopie is; de basis kan ontbreken (afgeschoten tussen
        het schrijven van de twee)."""
        if not self.kopie.is_file():
            return None
        kopie = decodeer(self.kopie.read_bytes(), relatief)
        basis = decodeer(self.basis.read_bytes(), relatief) if self.basis.is_file() else None
        return kopie, basis

    def schrijf(self, kopie: str, basis: str) -> None:
        """Schrijft kopie en basis zo dat een afgeschoten proces nooit een kopie met een te
        nieuwe basis achterlaat (dan zou een driedeling wijzigingen van anderen terugdraaien):
        een nieuwe kopie eerst de basis; een bijgewerkte kopie eerst de kopie."""
        prive_map(self.kopie.parent)
        if self.kopie.is_file():
            schrijf_atomair(self.kopie, kopie)
            schrijf_atomair(self.basis, basis)
        else:
            schrijf_atomair(self.basis, basis)
            schrijf_atomair(self.kopie, kopie)

    def wis(self) -> None:
        self.kopie.unlink(missing_ok=True)
        self.basis.unlink(missing_ok=True)


def wis_bewerking(root: Path, ident: str) -> None:
    """Een bewaarde werkkopie van casus `ident` weggooien (voor `purge`)."""
    _Kopie.van(root, ident).wis()


def bewerk_in_editor(
    repo: Repo,
    ruw_id: str,
    *,
    open_editor: Callable[[Path], None],
    vraag: Callable[[list[Probleem]], Keuze],
    meld: Callable[[str], None],
    opnieuw: bool = False,
) -> Uitkomst:
    """Het hele verloop van `jeugdplan edit` (zie de moduledocumentatie).

    `open_editor(pad)` opent de editor en keert terug als de gebruiker klaar is (een fout
    daarin: de kopie blijft bewaard); `vraag(problemen)` toont de problemen van een
    ongeldige versie en zegt wat de gebruiker wil; `meld` krijgt korte meldingen onderweg.
    Met `opnieuw` wordt een bewaarde werkkopie eerst weggegooid.
    """
    gitrepo.identiteit(repo.root)
    pad = repo.bestaand_plan_pad(ruw_id)
    ident = pad.parent.name
    relatief = repo.relatief(pad)
    huidig = decodeer(lees_plan_bytes(pad, relatief), relatief)
    werk = _Kopie.van(repo.root, ident)
    if opnieuw:
        werk.wis()
    basis = _hervat(werk, ident, relatief, huidig, meld)

    while True:
        open_editor(werk.kopie)
        nieuw = decodeer(werk.kopie.read_bytes(), relatief)
        if nieuw == basis:
            werk.wis()
            return Uitkomst(ident, vastgelegd=False)
        problemen = _controleer(nieuw, relatief, ident)
        if not problemen:
            break
        keuze = vraag(problemen)
        if keuze == "afbreken":
            werk.wis()
            raise JeugdplanError("afgebroken; het plan is ongewijzigd en uw bewerking is "
                                 "weggegooid")
        if keuze == "bewaren":
            raise JeugdplanError(
                f"het plan is niet opgeslagen; uw bewerking is bewaard in {werk.kopie}. "
                f"Verder met 'jeugdplan edit {ident}'")

    velden = _gewijzigde_velden(basis, nieuw, relatief)
    try:
        samengevoegd = leg_bewerking_vast(repo, pad, basis, nieuw,
                                          f"{ident}: handmatig bewerkt ({', '.join(velden)})")
    except JeugdplanError as e:
        if lees_plan_bytes(pad, relatief).decode("utf-8", "replace") == nieuw:
            werk.wis()  # geschreven, alleen niet vastgelegd: de melding zegt het
            raise
        raise JeugdplanError(f"{e.melding}. Uw bewerking is bewaard in {werk.kopie}; verder "
                             f"met 'jeugdplan edit {ident}'") from None
    werk.wis()
    return Uitkomst(ident, vastgelegd=True, velden=velden, samengevoegd=samengevoegd)


def _hervat(werk: _Kopie, ident: str, relatief: str, huidig: str,
            meld: Callable[[str], None]) -> str:
    """Zet de werkkopie klaar en geeft haar basis. Een bewaarde kopie gaat verder, na een
    driedeling als het plan sindsdien veranderde; lukt die niet, dan wordt er geweigerd en
    blijft de kopie staan."""
    opnieuw = f"begin opnieuw met 'jeugdplan edit {ident} --opnieuw'"
    try:
        bewaard = werk.lees(relatief)
    except JeugdplanError as e:
        raise JeugdplanError(f"uw bewaarde bewerking van {ident} is onleesbaar ({e.melding}); "
                             f"{opnieuw}") from None
    if bewaard is None or bewaard[0] in (bewaard[1], huidig):
        werk.wis()  # geen kopie, of een zonder eigen wijzigingen
        werk.schrijf(huidig, huidig)
        return huidig
    kopie, basis = bewaard
    if basis is None:
        raise JeugdplanError(
            f"er staat een bewaarde bewerking van {ident} zonder de versie waarop die "
            f"gebaseerd is, dus jeugdplan kan haar niet veilig samenvoegen: {werk.kopie}. "
            f"Neem over wat u nodig heeft en {opnieuw}")
    if basis == huidig:
        meld(f"{ident}: uw eerdere, onafgemaakte bewerking gaat verder")
        return basis
    try:
        samengevoegd = _driedeling(ident, relatief, basis, huidig, kopie)
    except JeugdplanError as e:
        raise JeugdplanError(
            f"er staat nog een onafgemaakte bewerking van {ident}, maar het plan is sindsdien "
            f"gewijzigd en dat is niet samen te voegen: {e.melding}. Er is niets gewijzigd; uw "
            f"bewerking blijft bewaard in {werk.kopie}. Neem over wat u nodig heeft en "
            f"{opnieuw}") from None
    werk.schrijf(samengevoegd, huidig)
    meld(f"{ident}: uw eerdere, onafgemaakte bewerking gaat verder, samengevoegd met wat "
         "sindsdien is vastgelegd")
    return huidig


def _controleer(tekst: str, relatief: str, ident: str) -> list[Probleem]:
    from jeugdplan.domein.checks import controleer_plan
    from jeugdplan.opslag.validatie import veldpad

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


def leg_bewerking_vast(repo: Repo, pad: Path, origineel: str, nieuw: str, bericht: str) -> bool:
    """Schrijft een met de hand bewerkte versie (`jeugdplan edit`) en legt hem vast.

    Veranderde het plan intussen (een collega, een ander proces), dan wordt de bewerking
    per onderdeel samengevoegd met die wijziging, zoals de merge-driver doet; botsen ze,
    dan wordt niets geschreven. Geeft True als er is samengevoegd.
    """
    relatief = repo.relatief(pad)
    ident = pad.parent.name
    with vergrendeld(repo.root):
        repo.herstel_onvastgelegd(pad, ident)
        huidig = decodeer(lees_plan_bytes(pad, relatief), relatief)
        samengevoegd = huidig != origineel
        if samengevoegd:
            try:
                nieuw = _driedeling(ident, relatief, origineel, huidig, nieuw)
            except JeugdplanError as e:
                raise JeugdplanError(
                    "het plan is tijdens uw bewerking gewijzigd (door een collega of een "
                    f"andere opdracht) en dat botst met uw wijziging: {e.melding}") from None
            plan_uit(nieuw, relatief)
        schrijf_plan(repo.root, pad, nieuw)
        repo.commit(pad, bericht)
    return samengevoegd


def _driedeling(ident: str, relatief: str, basis: str, huidig: str, bewerking: str) -> str:
    """Driedeling per onderdeel, zoals `sync`: 'ons' = de bewerking (nog niet gedeeld: een
    nieuw onderdeel met een bezet id krijgt een nieuw nummer), 'hun' = wat is vastgelegd.
    Behoudt opmaak en opmerkingen van de bewerking. Een echte botsing (of een bewerking die
    geen YAML is) wordt een `JeugdplanError`."""
    uitkomst = voeg_samen(laad_snel(basis, relatief), laad_snel(bewerking, relatief),
                          laad_snel(huidig, relatief), ident, vandaag())
    if uitkomst.data is None:
        raise JeugdplanError("; ".join(m.tekst for m in uitkomst.conflicten))
    tekst: str = dump_rt(samenvoegen(laad_rt(bewerking, relatief), uitkomst.data))
    return tekst

