"""Wat `sync` binnenhaalt: controleren vóór het vastleggen, en zeggen wat er binnenkwam.

Alles in de gedeelde repository kan komen van elke collega met push-toegang, van een
vertrokken collega wiens sleutel is ingetrokken, of van wie de gedeelde schijf vindt. Daarom
controleert `sync` wat binnenkomt voordat het iets vastlegt of verstuurt:

- `controleer_boom`: geen symlinks en geen bestanden onder `.jeugdplan/` (dat is lokaal);
- `controleer_plannen`: elk gewijzigd `plan.yaml` is te ontsleutelen, te lezen en geldig, en
  `ontvangers.yaml` en `jeugdplan.yaml` zijn te lezen;
- `controleer_grafstenen`: een casus die hier met `purge` is verwijderd komt niet terug;
- `buiten_casussen` en `ontvangers_wijziging`: wat er buiten de plannen binnenkwam, met
  auteur, en de gevoelige bestanden apart genoemd.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig
from jeugdplan.domein.grenzen import toonbaar
from jeugdplan.opslag import gitrepo
from jeugdplan.opslag.store import CASUSSEN, INSTELLINGEN, PLAN
from jeugdplan.opslag.versleuteling import ONTVANGERS, Ontvanger

GEVOELIG = {
    ".gitattributes": "bepaalt hoe git samenvoegt en toont",
    ONTVANGERS: "wie de plannen kan lezen",
    INSTELLINGEN: "instellingen van de repository: regio, scholen",
    "regio.yaml": "eigen regioregels: partners, routes, telefoonnummers",
    "templates/": "sjablonen van de rapportages",
}
"""Bestanden die bepalen hoe jeugdplan werkt: `sync` noemt ze apart als ze binnenkomen."""

GRAFSTEEN = "jeugdplan.verwijderd"
"""Git-config van de kloon (meerdere waarden): casus-ids die hier met `purge` zijn verwijderd."""


class InkomendGeweigerd(JeugdplanError):
    """Wat binnenkwam wordt niet samengevoegd; er is niets veranderd."""


def _let_op(pad: str) -> str | None:
    for naam, waarom in GEVOELIG.items():
        if pad == naam or (naam.endswith("/") and pad.startswith(naam)):
            return waarom
    return None


@dataclass
class Bestand:
    """Een bestand buiten `casussen/` dat binnenkwam."""

    pad: str
    auteurs: list[str]
    let_op: str | None

    def als_json(self) -> dict[str, Any]:
        return {"pad": self.pad, "auteurs": self.auteurs, "let_op": self.let_op}


def buiten_casussen(commits: list[gitrepo.Commit]) -> list[Bestand]:
    """Elk pad buiten `casussen/` uit `commits` (met paden), met wie het veranderde."""
    per: dict[str, Bestand] = {}
    for c in reversed(commits):
        for pad in c.paden:
            if pad.startswith(f"{CASUSSEN}/"):
                continue
            b = per.setdefault(pad, Bestand(toonbaar(pad), [], _let_op(pad)))
            if c.auteur not in b.auteurs:
                b.auteurs.append(c.auteur)
    return sorted(per.values(), key=lambda b: (b.let_op is None, b.pad))


# --- de boom die binnenkomt ---------------------------------------------------------------


def _wijzigingen(root: Path, *vergelijk: str) -> list[tuple[str, str, str]]:
    """(nieuwe modus, status, pad) per pad dat veranderde (`git diff <vergelijk>`)."""
    uit = gitrepo.git(root, "diff", "--raw", "-z", "--no-renames", "--no-abbrev", *vergelijk)
    velden = uit.split("\0")
    lijst = []
    for i in range(0, len(velden) - 1, 2):
        kop = velden[i].lstrip(":").split()
        if len(kop) >= 5:
            lijst.append((kop[1], kop[4], velden[i + 1]))
    return lijst


def _auteurs(root: Path, bereik: str, pad: str) -> str:
    namen = list(dict.fromkeys(c.auteur for c in gitrepo.commits(root, bereik, pad)))
    return ", ".join(namen) or "onbekend"


def controleer_boom(root: Path, basis: str, boven: str, remote: str) -> None:
    """Weigert wat `remote` sinds `basis` binnenbrengt als het een symlink bevat (die kan een
    bestand van buiten de repository laten lezen of overschrijven) of bestanden onder
    `.jeugdplan/` (lokaal: cache, bewerkingen; een geplante kopie zou vastgelegd worden)."""
    for modus, status, pad in _wijzigingen(root, basis, boven):
        if status == "D":
            continue
        if modus == "120000":
            raise InkomendGeweigerd(
                f"{remote} brengt een symlink binnen: {pad} (door "
                f"{_auteurs(root, f'{basis}..{boven}', pad)}). Een symlink kan jeugdplan een "
                "bestand van buiten de repository laten lezen of overschrijven; er is niets "
                "samengevoegd. Laat die collega hem verwijderen (git rm) en sync opnieuw")
        if pad == ".jeugdplan" or pad.startswith(".jeugdplan/"):
            raise InkomendGeweigerd(
                f"{remote} brengt een bestand onder .jeugdplan/ binnen: {pad} (door "
                f"{_auteurs(root, f'{basis}..{boven}', pad)}). Die map is lokaal (cache, "
                "bewerkingen) en hoort niet in git; er is niets samengevoegd. Laat die "
                f"collega het verwijderen (git rm --cached {pad}) en sync opnieuw")


def gewijzigd(root: Path, *vergelijk: str) -> list[str]:
    """De toegevoegde of gewijzigde paden die `controleer_plannen` controleert: elk
    `casussen/ID/plan.yaml`, `ontvangers.yaml` en `jeugdplan.yaml` (`git diff <vergelijk>`)."""
    return [pad for _modus, status, pad in _wijzigingen(root, *vergelijk)
            if status != "D" and (pad in (ONTVANGERS, INSTELLINGEN) or (
                pad.startswith(f"{CASUSSEN}/") and pad.endswith(f"/{PLAN}")
                and pad.count("/") == 2))]


def _probleem_in_plan(pad: str, ruw: bytes) -> str | None:
    from jeugdplan.domein.model import Plan
    from jeugdplan.opslag.bronnen import valideer
    from jeugdplan.opslag.versleuteling import ontsleutel
    from jeugdplan.opslag.yamlio import laad_snel

    try:
        plan = valideer(Plan, laad_snel(ontsleutel(ruw, pad), pad), pad)
    except PlanOngeldig as e:
        return e.problemen[0].melding if e.problemen else e.melding.splitlines()[0]
    map_ = pad.split("/")[1]
    if plan.id != map_:
        return f"het id {plan.id} past niet bij de map {map_}"
    return None


def controleer_plannen(root: Path, inhoud: dict[str, bytes | None], remote: str,
                       bereik: str) -> None:
    """Elk plan in `inhoud` (pad -> bytes, None = ontbreekt) moet te ontsleutelen, te lezen en
    geldig zijn; anders wordt er niets vastgelegd. `Vergrendeld` gaat door (eerst
    ontgrendelen)."""
    fouten = []
    for pad, ruw in sorted(inhoud.items()):
        if ruw is None:
            continue
        if pad == ONTVANGERS:
            from jeugdplan.opslag.versleuteling import ontvangers_uit

            try:
                ontvangers_uit(ruw)
            except JeugdplanError as e:
                fouten.append(f"  {pad}: {e.melding.splitlines()[0]}")
            continue
        probleem = (_probleem_in_instellingen(ruw) if pad == INSTELLINGEN
                    else _probleem_in_plan(pad, ruw))
        if probleem:
            fouten.append(f"  {pad} (door {_auteurs(root, bereik, pad)}): {probleem}")
    if fouten:
        raise InkomendGeweigerd(
            f"wat {remote} binnenbrengt is niet te lezen of ongeldig; er is niets samengevoegd "
            "of verstuurd:\n" + "\n".join(fouten) + "\nVraag wie het veranderde om het te "
            "herstellen ('jeugdplan check' in diens kloon) en sync daarna opnieuw")


def _probleem_in_instellingen(ruw: bytes) -> str | None:
    from jeugdplan.domein.model import Instellingen
    from jeugdplan.opslag.bronnen import valideer
    from jeugdplan.opslag.yamlio import laad_snel

    try:
        valideer(Instellingen, laad_snel(ruw, INSTELLINGEN) or {}, INSTELLINGEN)
    except PlanOngeldig as e:
        return e.problemen[0].melding if e.problemen else e.melding.splitlines()[0]
    return None


# --- grafstenen: met purge verwijderde casussen -------------------------------------------


def grafstenen(root: Path) -> list[str]:
    uit = gitrepo.git(root, "config", "--local", "--get-all", GRAFSTEEN, check=False)
    return [r.strip() for r in uit.splitlines() if r.strip()]


def begraaf(root: Path, ident: str) -> None:
    """Onthoudt in deze kloon dat casus `ident` is verwijderd: `sync` haalt hem niet terug."""
    if ident not in grafstenen(root):
        gitrepo.git(root, "config", "--local", "--add", GRAFSTEEN, ident)


def controleer_grafstenen(root: Path, boom: str | None, remote: str, bereik: str,
                          tak: str) -> None:
    """Weigert als het resultaat (de commit `boom`, of zonder: de index na een merge) een
    casus bevat die hier met `purge` is verwijderd."""
    doden = grafstenen(root)
    if not doden:
        return
    paden = [f"{CASUSSEN}/{i}" for i in doden]
    if boom is None:
        uit = gitrepo.git(root, "ls-files", "--", *paden)
    else:
        uit = gitrepo.git(root, "ls-tree", "-r", "--name-only", boom, "--", *paden)
    terug = sorted({r.split("/")[1] for r in uit.splitlines() if r.count("/") >= 2})
    if terug:
        wie = "; ".join(f"{i} door {_auteurs(root, bereik, f'{CASUSSEN}/{i}')}" for i in terug)
        raise InkomendGeweigerd(
            f"casus {', '.join(terug)} is in deze kloon verwijderd (purge), maar {remote} heeft "
            f"hem nog ({wie}). sync haalt een verwijderde casus niet terug; er is niets "
            "samengevoegd. Was de casus bij een collega gewijzigd, kies dan 'jeugdplan sync "
            "--kies ons' (blijft verwijderd). Verwijderde u hem ook uit de geschiedenis, "
            f"vervang dan de gedeelde repository door deze: git push --force {remote} {tak} "
            "(collega's klonen daarna opnieuw), en laat collega's hun kloon opschonen. Was de "
            "purge een vergissing: git config --unset-all jeugdplan.verwijderd ID")


# --- ontvangers ---------------------------------------------------------------------------


@dataclass
class Ontvangerswijziging:
    """Wat `remote` aan `ontvangers.yaml` veranderde (sinds de gemeenschappelijke basis)."""

    toegevoegd: list[Ontvanger] = field(default_factory=list)
    verwijderd: list[Ontvanger] = field(default_factory=list)
    door: list[str] = field(default_factory=list)
    bestand_verwijderd: bool = False
    onbevestigd: list[Ontvanger] = field(default_factory=list)

    def als_json(self) -> dict[str, Any]:
        return {"toegevoegd": [o.als_json() for o in self.toegevoegd],
                "verwijderd": [o.als_json() for o in self.verwijderd],
                "door": self.door, "bestand_verwijderd": self.bestand_verwijderd,
                "onbevestigd": [o.als_json() for o in self.onbevestigd]}


def ontvangers_wijziging(root: Path, basis: str, boven: str) -> Ontvangerswijziging | None:
    """Wie `boven` sinds `basis` aan de ontvangers toevoegde of ervan verwijderde, en door
    wie; None als de ontvangers daar niet veranderden."""
    from jeugdplan.opslag.versleuteling import ontvangers_uit

    specs = [f"{basis}:{ONTVANGERS}", f"{boven}:{ONTVANGERS}"]
    blobs = gitrepo.lees_blobs(root, specs)
    oud_tekst, nieuw_tekst = blobs[specs[0]], blobs[specs[1]]
    if oud_tekst == nieuw_tekst:
        return None

    def lijst(tekst: str | None) -> list[Ontvanger]:
        if tekst is None:
            return []
        try:
            return ontvangers_uit(tekst)
        except JeugdplanError:
            return []

    oud, nieuw = lijst(oud_tekst), lijst(nieuw_tekst)
    oude_sleutels = {o.sleutel for o in oud}
    nieuwe_sleutels = {o.sleutel for o in nieuw}
    return Ontvangerswijziging(
        [o for o in nieuw if o.sleutel not in oude_sleutels],
        [o for o in oud if o.sleutel not in nieuwe_sleutels],
        list(dict.fromkeys(c.auteur for c in gitrepo.commits(root, f"{basis}..{boven}",
                                                             ONTVANGERS))),
        oud_tekst is not None and nieuw_tekst is None)
