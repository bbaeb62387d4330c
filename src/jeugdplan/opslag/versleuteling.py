"""Versleuteling in rust met age-sleutels per professional (optioneel, issue 7).

Dit is de enige module die age kent. Wat ze doet:

- **Lezen**: `lees_plan_bytes` (en `ontsleutel` voor bytes uit git) herkent een age-bestand
  aan zijn kop en ontsleutelt het met de ontgrendelde sleutel; een gewoon plan komt
  ongewijzigd terug. Zo werkt elke lezer (store, cache, checks, historie, export,
  merge-driver, sync) in een versleutelde en een gewone repository gelijk.
- **Schrijven**: `voor_schijf` bepaalt wat er op schijf komt: versleuteld voor alle
  ontvangers uit `ontvangers.yaml` als de repository die heeft, anders de tekst zelf. Is de
  inhoud van een versleuteld plan niet veranderd, dan blijft het bestand byte voor byte gelijk
  (age versleutelt elke keer anders; git zou anders een wijziging zien).
- **Ontvangers**: `ontvangers.yaml` in de repository (vastgelegd) noemt per professional een
  naam en een publieke age-sleutel (`age1...`). Geheime sleutels staan nooit in de repository.
- **Sleutels en sessies**: de eigen sleutel staat met een wachtwoord versleuteld (scrypt) in
  de configuratiemap van de gebruiker; `ontgrendel` zet hem voor een beperkte duur in een
  sessiebestand in `$XDG_RUNTIME_DIR` (tmpfs, alleen voor de gebruiker).
- **Lokaal in plaats van in de repository**: de cache en bewaarde bewerkingen bevatten
  leesbare gegevens; bij een versleutelde repository staan ze in de lokale map van de
  gebruiker (`cache.cachebestand`, `bewerk_map`), niet op de (gedeelde) schijf van de repository.

Waarom ASCII-armor (`-----BEGIN AGE ENCRYPTED FILE-----`) en niet binair: git behandelt het
bestand als tekst, zodat `git show`, `git cat-file` en de bestaande code die blobs als tekst
leest (`gitrepo.lees_blobs`) het onbeschadigd doorgeven; het kost een derde meer ruimte.

Waarom geen git clean/smudge-filter: dan staat het plan leesbaar in de werkmap, en juist die
staat op de gedeelde schijf. Hier is de werkmap zelf versleuteld; git ziet alleen ciphertext.

`pyrage` wordt pas geïmporteerd als er echt versleuteld of ontsleuteld wordt, en deze module
zelf is licht (geen dataclasses, alleen de standaardbibliotheek): de opstarttijd van andere
opdrachten en van gewone repositories blijft gelijk.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any, NamedTuple

from jeugdplan.domein.errors import JeugdplanError, PlanOngeldig, Probleem
from jeugdplan.opslag.lokaal import prive_map, xdg

ONTVANGERS = "ontvangers.yaml"
ARMOR_KOP = b"-----BEGIN AGE ENCRYPTED FILE-----"
BINAIR_KOP = b"age-encryption.org/"
DIFF_REGEL = "casussen/*/plan.yaml diff=jeugdplan"
IDENTITEIT_ENV = "JEUGDPLAN_IDENTITEIT"
"""Pad naar een onversleuteld age-identiteitsbestand (voor CI en tests); gaat voor de sessie."""
STANDAARD_DUUR = 8 * 3600
MIN_WACHTWOORD = 10

VERGRENDELD = ("versleutelde casusrepository: ontgrendel eerst uw sleutel met "
               "'jeugdplan sleutel ontgrendel'")

class Vergrendeld(JeugdplanError):
    """Een versleuteld plan moet gelezen worden, maar er is geen ontgrendelde sleutel."""

    def __init__(self, melding: str = VERGRENDELD) -> None:
        super().__init__(melding)


def _age() -> Any:
    """pyrage, pas bij gebruik geladen; ontbreekt het (de extra is niet geïnstalleerd), dan
    een duidelijke fout in plaats van een traceback."""
    try:
        import pyrage
    except ImportError:
        raise JeugdplanError(
            "versleuteling vraagt het pakket pyrage, dat niet is geïnstalleerd; installeer het "
            "met: pip install 'jeugdplan[versleuteling]'") from None
    return pyrage


# --- herkennen en de repository ----------------------------------------------------------


def is_versleuteld(ruw: bytes) -> bool:
    """Herkent een age-bestand (armor of binair) aan zijn kop."""
    kop = ruw[:64].lstrip()
    return kop.startswith(ARMOR_KOP) or kop.startswith(BINAIR_KOP)


def versleuteld_repo(root: Path) -> bool:
    """Is de repository versleuteld: heeft hij ontvangers, of heeft déze kloon ooit versleuteld
    (`kloonstaat`)? Dan wordt elk geschreven plan versleuteld; een `git rm ontvangers.yaml`
    van een collega zet dat niet uit."""
    return os.path.lexists(root / ONTVANGERS) or kloonstaat(root).versleuteld


# --- wat déze kloon besloot (git config, gaat niet mee met push of fetch) ---------------

CONFIG_SECTIE = "jeugdplan"
CONFIG_AAN = "jeugdplan.versleuteling"
"""'aan' zodra deze kloon een versleutelde repository zag; alleen `versleuteling uit` wist het."""
CONFIG_ONTVANGER = "jeugdplan.ontvanger"
"""Meerdere waarden: de publieke sleutels die de gebruiker van deze kloon heeft bevestigd."""


class Kloonstaat(NamedTuple):
    versleuteld: bool
    bevestigd: tuple[str, ...]


def _git_config_pad(root: Path) -> Path | None:
    """Het lokale git-configbestand van de kloon (ook in een worktree), zonder git te starten:
    elke opdracht vraagt dit, en een git-proces kost een paar milliseconden."""
    punt = root / ".git"
    if punt.is_dir():
        gitmap = punt
    elif punt.is_file():
        try:
            regel = punt.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        if not regel.startswith("gitdir:"):
            return None
        gitmap = root / regel[len("gitdir:"):].strip()
    else:
        return None
    with contextlib.suppress(OSError):
        gitmap = gitmap / (gitmap / "commondir").read_text(encoding="utf-8").strip()
    return gitmap / "config"


def kloonstaat(root: Path) -> Kloonstaat:
    """Wat deze kloon over versleuteling weet (uit `.git/config`, sectie `[jeugdplan]`)."""
    import re

    pad = _git_config_pad(root)
    try:
        tekst = pad.read_text(encoding="utf-8", errors="replace") if pad else ""
    except OSError:
        tekst = ""
    aan, sleutels = False, []
    sectie = ""
    for regel in tekst.splitlines():
        regel = regel.strip()
        kop = re.match(r"^\[\s*([A-Za-z0-9.-]+)\s*(?:\"[^\"]*\")?\s*\]", regel)
        if kop:
            sectie = kop.group(1).lower()
            regel = regel[kop.end():].strip()
        if sectie != CONFIG_SECTIE or "=" not in regel:
            continue
        sleutel, _, waarde = regel.partition("=")
        sleutel, waarde = sleutel.strip().lower(), waarde.strip().strip('"')
        if sleutel == "versleuteling":
            aan = waarde == "aan"
        elif sleutel == "ontvanger" and waarde.startswith("age1"):
            sleutels.append(waarde)
    return Kloonstaat(aan or bool(sleutels), tuple(dict.fromkeys(sleutels)))


def zet_kloonstaat(root: Path, versleuteld: bool, bevestigd: list[str] | None = None) -> None:
    """Legt in de git-config van deze kloon vast of hij versleutelt en (als gegeven) voor
    welke bevestigde sleutels."""
    from jeugdplan.opslag import gitrepo

    if not versleuteld:
        for sleutel in (CONFIG_AAN, CONFIG_ONTVANGER):
            gitrepo.git(root, "config", "--local", "--unset-all", sleutel, check=False)
        return
    gitrepo.zet_config(root, CONFIG_AAN, "aan")
    if bevestigd is not None and list(kloonstaat(root).bevestigd) != bevestigd:
        gitrepo.git(root, "config", "--local", "--unset-all", CONFIG_ONTVANGER, check=False)
        for sleutel in bevestigd:
            gitrepo.git(root, "config", "--local", "--add", CONFIG_ONTVANGER, sleutel)


def markeer_versleuteld(root: Path) -> None:
    """Heeft de repository ontvangers, dan onthoudt deze kloon dat hij versleutelt (eenmalig
    een git-config): verdwijnt `ontvangers.yaml` later, dan blijft hij versleutelen."""
    if os.path.lexists(root / ONTVANGERS) and not kloonstaat(root).versleuteld:
        zet_kloonstaat(root, True)


class Schrijfontvangers(NamedTuple):
    """Voor wie deze kloon nu versleutelt, en wat in `ontvangers.yaml` nog niet bevestigd is."""

    ontvangers: list[Ontvanger]
    onbevestigd: list[Ontvanger]


def schrijfontvangers(root: Path) -> Schrijfontvangers:
    """De ontvangers waarvoor deze kloon schrijft: de door de gebruiker bevestigde sleutels
    die ook in `ontvangers.yaml` staan (zonder dat bestand: alle bevestigde).

    Een sleutel die een collega aan `ontvangers.yaml` toevoegde wordt niet gebruikt tot de
    gebruiker hem bevestigt (`versleuteling ontvanger bevestig`); een verwijderde sleutel
    valt meteen weg en telt daarna als nieuw (een ingetrokken collega die zijn sleutel weer
    toevoegt, wordt niet gebruikt)."""
    staat = kloonstaat(root)
    bestand = lees_ontvangers(root)
    if not bestand:
        return Schrijfontvangers([Ontvanger(f"bevestigd {i}", s)
                                  for i, s in enumerate(staat.bevestigd, 1)], [])
    in_bestand = {o.sleutel for o in bestand}
    weg = [s for s in staat.bevestigd if s not in in_bestand]
    if weg:  # onthouden, zodat een latere terugkeer als nieuw telt
        zet_kloonstaat(root, True, [s for s in staat.bevestigd if s in in_bestand])
    bevestigd = set(staat.bevestigd) - set(weg)
    return Schrijfontvangers([o for o in bestand if o.sleutel in bevestigd],
                             [o for o in bestand if o.sleutel not in bevestigd])


NIET_BEVESTIGD = ("deze kloon versleutelt alleen voor ontvangers die u zelf hebt bevestigd, en "
                  "dat zijn er (nog) geen. Bekijk ze met 'jeugdplan versleuteling status' en "
                  "bevestig ze met 'jeugdplan versleuteling ontvanger bevestig'; er is niets "
                  "geschreven")


def _ontvangers_voor_schrijven(root: Path) -> list[Ontvanger] | None:
    """None: een gewone repository (platte tekst). Anders de ontvangers; geen enkele
    bevestigde ontvanger is een fout (nooit platte tekst, nooit onbevestigde sleutels)."""
    markeer_versleuteld(root)
    if not versleuteld_repo(root):
        return None
    lijst = schrijfontvangers(root).ontvangers
    if not lijst:
        raise JeugdplanError(NIET_BEVESTIGD)
    return lijst


def controleer_toegang(root: Path) -> None:
    """Voor opdrachten over alle plannen: in een versleutelde repository meteen een duidelijke
    fout als er geen sleutel ontgrendeld is (ook als de lokale cache alles al heeft)."""
    if versleuteld_repo(root) and not identiteiten():
        raise Vergrendeld()


# --- lokale mappen (buiten de repository) ------------------------------------------------


def config_map() -> Path:
    return xdg("XDG_CONFIG_HOME", ".config") / "jeugdplan"


def identiteit_pad() -> Path:
    """De eigen sleutel, met wachtwoord versleuteld."""
    return config_map() / "identiteit.age"


def publiek_pad() -> Path:
    """De eigen publieke sleutel (geen geheim), om te tonen zonder wachtwoord."""
    return config_map() / "identiteit.pub"


def sessie_pad() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime) / "jeugdplan" / "sessie.json"
    return xdg("XDG_CACHE_HOME", ".cache") / "jeugdplan" / "sessie" / "sessie.json"


def repo_kenmerk(root: Path) -> str:
    """Per kloon verschillend (het pad), zodat twee klonen op één computer elk hun eigen
    cache hebben."""
    import hashlib

    return hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()


def bewerk_map(root: Path) -> Path:
    """Waar `jeugdplan edit` de leesbare werkkopie zet (en een ongeldige bewerking bewaart).
    Bij een versleutelde repository lokaal: `$XDG_STATE_HOME/jeugdplan/bewerk-<kenmerk>/`
    (ook de wisselbestanden van de editor komen dan niet op de gedeelde schijf)."""
    oud = root / ".jeugdplan" / "bewerk"
    if not versleuteld_repo(root):
        return oud
    doel = prive_map(xdg("XDG_STATE_HOME", ".local/state") / "jeugdplan"
                      / f"bewerk-{repo_kenmerk(root)}")
    if oud.is_dir() and not oud.is_symlink():
        # Bewerkingen van vóór de versleuteling (ook in een andere kloon): naar de lokale map.
        import shutil

        from jeugdplan.opslag.slot import meld

        for bestand in sorted(oud.iterdir()):
            if bestand.is_file() and not bestand.is_symlink() and not (doel / bestand.name).exists():
                shutil.move(str(bestand), str(doel / bestand.name))
                meld(f"bewaarde bewerking {bestand.name} verplaatst naar {doel} (versleutelde "
                     "repository: leesbare kopieën staan niet in de repository)")
        with contextlib.suppress(OSError):
            oud.rmdir()
    return doel


def _schrijf_prive(pad: Path, inhoud: bytes) -> None:
    """Atomair schrijven (`store.schrijf_atomair`: rechten 0600) in een map met 0700."""
    from jeugdplan.opslag.bestanden import schrijf_atomair

    prive_map(pad.parent)
    try:
        schrijf_atomair(pad, inhoud)
    except OSError as e:
        raise JeugdplanError(f"kan {pad} niet schrijven ({e.strerror or e}); er is niets "
                             "opgeslagen") from None


# --- sleutels en sessies -----------------------------------------------------------------

_geladen: dict[tuple[Any, ...], tuple[float, list[Any]]] = {}


def _parse_identiteiten(tekst: str, bron: str) -> list[Any]:
    age = _age()
    IdentityError, x25519 = age.IdentityError, age.x25519

    regels = [r.strip() for r in tekst.splitlines()
              if r.strip() and not r.strip().startswith("#")]
    if not regels:
        raise JeugdplanError(f"{bron} bevat geen age-sleutel (AGE-SECRET-KEY-...)")
    try:
        return [x25519.Identity.from_str(r) for r in regels]
    except IdentityError:
        raise JeugdplanError(f"{bron} bevat geen geldige age-sleutel "
                             "(verwacht: een regel AGE-SECRET-KEY-...)") from None


def identiteiten() -> list[Any]:
    """De ontgrendelde sleutel(s): uit `JEUGDPLAN_IDENTITEIT`, anders uit een geldige
    sessie; een lege lijst als er geen is. Per proces bewaard zolang het bestand gelijk is."""
    env = os.environ.get(IDENTITEIT_ENV)
    if env:
        try:
            st = os.stat(env)
        except OSError as e:
            raise JeugdplanError(f"{IDENTITEIT_ENV}: kan {env} niet lezen ({e.strerror})") from None
        sleutel: tuple[Any, ...] = ("env", env, st.st_mtime_ns, st.st_ino, st.st_size)
        if sleutel not in _geladen:
            tekst = Path(env).read_text(encoding="utf-8", errors="replace")
            _geladen[sleutel] = (float("inf"), _parse_identiteiten(tekst, IDENTITEIT_ENV))
        return _geladen[sleutel][1]
    pad = sessie_pad()
    try:
        st = os.stat(pad)
    except OSError:
        return []
    sleutel = ("sessie", str(pad), st.st_mtime_ns, st.st_ino, st.st_size)
    if sleutel not in _geladen:
        _age()  # ontbreekt pyrage, dan die fout (en de sessie blijft staan)
        import json

        try:
            data = json.loads(pad.read_text(encoding="utf-8"))
            verloopt = float(data["verloopt"])
            ids = _parse_identiteiten(str(data["identiteit"]), "de sessie")
        except (OSError, ValueError, KeyError, TypeError, JeugdplanError):
            # Beschadigd: weg ermee, dan is de sleutel gewoon vergrendeld.
            with contextlib.suppress(OSError):
                pad.unlink()
            return []
        _geladen.clear()
        _geladen[sleutel] = (verloopt, ids)
    verloopt, ids = _geladen[sleutel]
    if time.time() >= verloopt:
        with contextlib.suppress(OSError):
            pad.unlink()
        _geladen.pop(sleutel, None)
        return []
    return ids


def publieke_sleutel(identiteit: Any) -> str:
    return str(identiteit.to_public())


def eigen_publieke_sleutels() -> list[str]:
    """De publieke sleutel(s) van de gebruiker: van de ontgrendelde sleutel, anders uit de
    configuratiemap (zonder wachtwoord)."""
    ids = identiteiten()
    if ids:
        return [publieke_sleutel(i) for i in ids]
    with contextlib.suppress(OSError):
        tekst = publiek_pad().read_text(encoding="utf-8").strip()
        if tekst.startswith("age1"):
            return [tekst]
    return []


def _controleer_wachtwoord(wachtwoord: str) -> str:
    wachtwoord = wachtwoord.rstrip("\r\n")
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise JeugdplanError(f"het wachtwoord is te kort (minstens {MIN_WACHTWOORD} tekens); "
                             "er is niets opgeslagen")
    return wachtwoord


def maak_sleutel(wachtwoord: str) -> str:
    """Maakt een nieuwe X25519-sleutel, bewaart hem met het wachtwoord versleuteld en geeft
    de publieke sleutel. Overschrijft nooit een bestaande sleutel."""
    wachtwoord = _controleer_wachtwoord(wachtwoord)
    pad = identiteit_pad()
    if pad.exists():
        raise JeugdplanError(
            f"er is al een sleutel ({pad}); een nieuwe zou de oude vervangen en dan kunt u "
            "plannen die alleen voor de oude versleuteld zijn niet meer lezen. Verplaats het "
            "bestand eerst als u echt een nieuwe wilt")
    prive_map(pad.parent)  # eerst: een onbruikbare map meldt zich vóór het trage scrypt
    age = _age()
    passphrase, x25519 = age.passphrase, age.x25519

    identiteit = x25519.Identity.generate()
    publiek = publieke_sleutel(identiteit)
    kop = f"# jeugdplan-sleutel, gemaakt {time.strftime('%Y-%m-%d %H:%M')}\n# publiek: {publiek}\n"
    geheim = passphrase.encrypt((kop + str(identiteit) + "\n").encode(), wachtwoord, armored=True)
    _schrijf_prive(pad, geheim)
    _schrijf_prive(publiek_pad(), (publiek + "\n").encode())
    return publiek


class Sessie(NamedTuple):
    publiek: str
    verloopt: float


def ontgrendel(wachtwoord: str, duur: int = STANDAARD_DUUR) -> Sessie:
    """Ontsleutelt de eigen sleutel met het wachtwoord en zet hem voor `duur` seconden in de
    sessie."""
    age = _age()
    DecryptError, passphrase = age.DecryptError, age.passphrase

    pad = identiteit_pad()
    try:
        geheim = pad.read_bytes()
    except FileNotFoundError:
        raise JeugdplanError("u hebt nog geen sleutel; maak er een met "
                             "'jeugdplan sleutel maak'") from None
    except OSError as e:
        raise JeugdplanError(f"kan {pad} niet lezen ({e.strerror})") from None
    try:
        tekst = passphrase.decrypt(geheim, wachtwoord.rstrip("\r\n")).decode("utf-8")
    except (DecryptError, UnicodeDecodeError):
        raise JeugdplanError("onjuist wachtwoord (of het sleutelbestand is beschadigd); de "
                             "sleutel blijft vergrendeld") from None
    ids = _parse_identiteiten(tekst, str(pad))
    verloopt = time.time() + duur
    geheim_regel = next(r.strip() for r in tekst.splitlines()
                        if r.strip().startswith("AGE-SECRET-KEY-"))
    import json

    _schrijf_prive(sessie_pad(), json.dumps({"verloopt": verloopt,
                                             "identiteit": geheim_regel}).encode())
    return Sessie(publieke_sleutel(ids[0]), verloopt)


def vergrendel() -> bool:
    """Verwijdert de sessie; True als er een was."""
    _geladen.clear()
    try:
        sessie_pad().unlink()
    except FileNotFoundError:
        return False
    return True


def sleutelstatus() -> dict[str, Any]:
    """Is er een sleutel, is hij ontgrendeld en tot wanneer."""
    uit: dict[str, Any] = {"sleutel": str(identiteit_pad()),
                           "bestaat": identiteit_pad().is_file(),
                           "publiek": None, "ontgrendeld": False, "verloopt": None,
                           "bron": None}
    ids = identiteiten()
    if ids:
        uit["ontgrendeld"] = True
        uit["publiek"] = publieke_sleutel(ids[0])
        if os.environ.get(IDENTITEIT_ENV):
            uit["bron"] = IDENTITEIT_ENV
        else:
            uit["bron"] = str(sessie_pad())
            for verloopt, lijst in _geladen.values():
                if lijst is ids:
                    uit["verloopt"] = time.strftime("%Y-%m-%d %H:%M", time.localtime(verloopt))
    else:
        publiek = eigen_publieke_sleutels()
        uit["publiek"] = publiek[0] if publiek else None
    return uit


def duur_uit_tekst(tekst: str) -> int:
    """'8u', '30m', '90s', '1u30m' of een aantal seconden naar seconden."""
    import re

    schoon = tekst.strip().lower().replace(" ", "")
    if schoon.isdigit():
        seconden = int(schoon)
    else:
        delen = re.fullmatch(r"(?:(\d+)u)?(?:(\d+)m)?(?:(\d+)s)?", schoon)
        if not schoon or delen is None or not any(delen.groups()):
            raise JeugdplanError(f"--duur: {tekst[:20]!r} is geen duur; schrijf bijvoorbeeld "
                                 "8u, 30m of 1u30m")
        u, m, s = (int(g or 0) for g in delen.groups())
        seconden = u * 3600 + m * 60 + s
    if not 0 < seconden <= 7 * 24 * 3600:
        raise JeugdplanError("--duur: kies een duur tussen 1 seconde en 7 dagen")
    return seconden


def commitbericht(root: Path, bericht: str) -> str:
    """Een commitbericht staat leesbaar in git, ook in een versleutelde repository. Daar
    blijft alleen het casus-id over met een algemene omschrijving: 'meldcode afwegingsvraag
    2: ja', 'verwijzing v1 voorgesteld (Veilig Thuis)' of 'verzuim: ongeoorloofd afwezig
    sinds ...' zeggen te veel over een kind. Wat er veranderde staat versleuteld in het plan;
    'jeugdplan log' toont het per veld aan wie de sleutel heeft."""
    if not versleuteld_repo(root):
        return bericht
    ident, scheiding, rest = bericht.partition(":")
    if rest.strip() in _ALGEMENE_BERICHTEN:
        return bericht
    return f"{ident}: plan gewijzigd (details versleuteld)" if scheiding else \
        "plan gewijzigd (details versleuteld)"


_ALGEMENE_BERICHTEN = {"nieuw plan aangemaakt",
                       "eerder niet vastgelegde wijziging alsnog vastgelegd"}
"""Berichten die niets over het kind zeggen en dus kunnen blijven staan."""


# --- ontsleutelen (de ene leesweg) -------------------------------------------------------


def ontsleutel(ruw: bytes, pad: str) -> bytes:
    """Ontsleutelt een age-bestand; andere bytes komen ongewijzigd terug.

    Geen sleutel: `Vergrendeld` (de opdracht stopt). Niet voor ons versleuteld of
    beschadigd: `PlanOngeldig` met plaats (één plan, de rest van een rapportage gaat door).
    """
    if not is_versleuteld(ruw):
        return ruw
    ids = identiteiten()
    if not ids:
        raise Vergrendeld()
    age = _age()
    DecryptError, decrypt = age.DecryptError, age.decrypt

    try:
        return decrypt(ruw, ids)
    except DecryptError as e:
        if "No matching keys" in str(e):
            melding = ("kan niet ontsleuteld worden: het plan is niet voor uw sleutel "
                       "versleuteld of de kop is beschadigd (vraag een collega die het kan "
                       "lezen om u als ontvanger toe te voegen, of om 'jeugdplan "
                       "versleuteling herversleutel')")
        else:
            melding = "kan niet ontsleuteld worden: het versleutelde bestand is beschadigd"
        probleem = Probleem(pad, None, None, "", melding, code="versleuteling")
        raise PlanOngeldig(str(probleem), [probleem]) from None


def lees_plan_bytes(bestand: Path, pad: str) -> bytes:
    """Leest een plan begrensd (`bestanden.lees_bytes`) en ontsleutelt het zo nodig."""
    from jeugdplan.opslag.bestanden import lees_bytes

    return ontsleutel(lees_bytes(bestand, pad), pad)


def ontsleutel_tekst(tekst: str | None, pad: str) -> str | None:
    """Voor tekst uit git (`git show`, `gitrepo.lees_blobs`): de leesbare versie."""
    if tekst is None or not is_versleuteld(tekst[:64].encode("utf-8", "replace")):
        return tekst
    from jeugdplan.opslag.yamlio import decodeer

    return decodeer(ontsleutel(tekst.encode("utf-8"), pad), pad)


# --- ontvangers --------------------------------------------------------------------------


class Ontvanger(NamedTuple):
    naam: str
    sleutel: str

    def als_json(self) -> dict[str, str]:
        return {"naam": self.naam, "sleutel": self.sleutel}


def controleer_sleutel(sleutel: str, wie: str = "") -> str:
    """Een publieke age-sleutel (X25519, `age1...`); anders een Nederlandse fout."""
    schoon = sleutel.strip()
    bij = f" van {wie}" if wie else ""
    if schoon.startswith("AGE-SECRET-KEY-"):
        raise JeugdplanError(f"de sleutel{bij} is een GEHEIME sleutel; geef de publieke sleutel "
                             "(age1...). Deel een geheime sleutel nooit")
    if not schoon.startswith("age1"):
        raise JeugdplanError(f"onbekend sleutelformaat{bij} ({schoon[:16]!r}...): verwacht een "
                             "publieke age-sleutel die begint met age1")
    age = _age()
    RecipientError, x25519 = age.RecipientError, age.x25519

    try:
        x25519.Recipient.from_str(schoon)
    except RecipientError:
        raise JeugdplanError(f"ongeldige age-sleutel{bij} ({schoon[:16]!r}...): controleer of "
                             "hij volledig en zonder typfouten is overgenomen") from None
    return schoon


def controleer_naam(naam: str) -> str:
    from jeugdplan.domein.grenzen import stuurteken

    schoon = " ".join(naam.split())
    if not schoon or len(schoon) > 100:
        raise JeugdplanError("de naam van een ontvanger mag niet leeg zijn en hooguit 100 "
                             "tekens hebben")
    teken = stuurteken(schoon)
    if teken:
        raise JeugdplanError(f"de naam van een ontvanger bevat een stuurteken ({teken}); "
                             "alleen gewone tekst")
    return schoon


def controleer_ontvangers(lijst: list[Ontvanger]) -> list[Ontvanger]:
    if not lijst:
        raise JeugdplanError("er moet minstens één ontvanger zijn")
    namen = [o.naam.casefold() for o in lijst]
    sleutels = [o.sleutel for o in lijst]
    for waarden, wat in ((namen, "naam"), (sleutels, "sleutel")):
        dubbel = {w for w in waarden if waarden.count(w) > 1}
        if dubbel:
            raise JeugdplanError(f"dubbele {wat} bij de ontvangers: {sorted(dubbel)[0][:40]}")
    return lijst


def lees_ontvangers(root: Path) -> list[Ontvanger]:
    """De ontvangers uit `ontvangers.yaml` (leeg als dat er niet is); nooit via een symlink."""
    from jeugdplan.opslag import repobestanden

    ruw = repobestanden.lees(root, ONTVANGERS)
    return [] if ruw is None else ontvangers_uit(ruw)


def ontvangers_uit(ruw: bytes | str) -> list[Ontvanger]:
    """De ontvangers uit de inhoud van een `ontvangers.yaml` (ook een versie uit git)."""
    from jeugdplan.opslag.yamlio import laad_snel

    data = laad_snel(ruw, ONTVANGERS)
    lijst = data.get("ontvangers") if isinstance(data, dict) else None
    if not isinstance(lijst, list) or not lijst:
        raise JeugdplanError(f"{ONTVANGERS}: verwacht een lijst 'ontvangers' met per "
                             "professional een naam en een sleutel")
    uit = []
    for i, item in enumerate(lijst, 1):
        if not isinstance(item, dict) or not isinstance(item.get("naam"), str) \
                or not isinstance(item.get("sleutel"), str):
            raise JeugdplanError(f"{ONTVANGERS}: ontvanger {i} mist 'naam' of 'sleutel'")
        naam = controleer_naam(item["naam"])
        uit.append(Ontvanger(naam, controleer_sleutel(item["sleutel"], naam)))
    return controleer_ontvangers(uit)


def ontvangers_tekst(lijst: list[Ontvanger]) -> str:
    regels = [
        "# Ontvangers: wie de plannen in deze repository kan lezen (jeugdplan versleuteling).",
        "# Elk plan is versleuteld voor al deze publieke age-sleutels. Geheime sleutels horen",
        "# hier nooit. Wijzig met 'jeugdplan versleuteling ontvanger add/remove' (dat",
        "# versleutelt alle plannen opnieuw), niet met de hand.",
        "ontvangers:",
    ]
    import json

    for o in lijst:
        regels += [f"  - naam: {json.dumps(o.naam, ensure_ascii=False)}",
                   f"    sleutel: {o.sleutel}"]
    return "\n".join(regels) + "\n"


def versleutel(inhoud: bytes, ontvangers: list[Ontvanger]) -> bytes:
    age = _age()
    encrypt, x25519 = age.encrypt, age.x25519

    return encrypt(inhoud, [x25519.Recipient.from_str(o.sleutel) for o in ontvangers],
                   armored=True)


def voor_schijf(root: Path, pad: Path, tekst: str, forceer: bool = False) -> str | bytes | None:
    """Wat er voor plan `pad` met inhoud `tekst` op schijf hoort; de poort van elke
    schrijfactie van een plan (`store.schrijf_plan`).

    Weigert tijdens een onafgemaakte merge of rebase. In een gewone repository: de tekst. In
    een versleutelde repository (of een kloon die ooit versleutelde, `kloonstaat`):
    ciphertext voor de bevestigde ontvangers (`schrijfontvangers`), of None als het bestand
    al precies deze inhoud versleuteld bevat (dan niet schrijven: stabiele ciphertext, geen
    schijnwijziging in git). `forceer` versleutelt altijd opnieuw.
    """
    from jeugdplan.opslag import gitrepo

    gitrepo.weiger_als_half(root)
    ontvangers = _ontvangers_voor_schrijven(root)
    if ontvangers is None:
        return tekst
    nieuw = tekst.encode("utf-8")
    if not forceer:
        with contextlib.suppress(OSError, JeugdplanError):
            huidig = pad.read_bytes()
            if is_versleuteld(huidig) and ontsleutel(huidig, str(pad)) == nieuw:
                return None
    return versleutel(nieuw, ontvangers)


def voor_samenvoeging(root: Path, ons: bytes, tekst: str) -> bytes:
    """Voor de merge-driver: het resultaat versleuteld als de kloon dat is (voor de bevestigde
    ontvangers); gelijk aan de eigen versie dan de eigen bytes (stabiele ciphertext)."""
    ontvangers = _ontvangers_voor_schrijven(root)
    nieuw = tekst.encode("utf-8")
    if ontvangers is None:
        return nieuw
    if is_versleuteld(ons):
        with contextlib.suppress(JeugdplanError):
            if ontsleutel(ons, "ons") == nieuw:
                return ons
    return versleutel(nieuw, ontvangers)


def textconv(bestand: Path) -> bytes:
    """Voor `git diff`/`git log -p` (diff.jeugdplan.textconv): de leesbare versie, of een
    korte melding als er geen sleutel is. Faalt nooit (anders stopt git diff)."""
    try:
        ruw = bestand.read_bytes()
    except OSError as e:
        return f"# jeugdplan: kan {bestand} niet lezen ({e.strerror})\n".encode()
    if not is_versleuteld(ruw):
        return ruw
    # Zonder sleutel een melding met een kenmerk van de versie, zodat git diff wel laat zien
    # dat er iets veranderde.
    import hashlib

    kenmerk = hashlib.blake2b(ruw, digest_size=6).hexdigest()
    try:
        return ontsleutel(ruw, str(bestand))
    except Vergrendeld:
        return (f"# versleuteld plan (versie {kenmerk}); ontgrendel met 'jeugdplan sleutel "
                "ontgrendel' om de inhoud te zien\n").encode()
    except JeugdplanError:
        return (f"# versleuteld plan (versie {kenmerk}); kan niet ontsleuteld worden met uw "
                "sleutel\n").encode()


def textconv_commando() -> str:
    import shlex
    import sys

    return f"{shlex.quote(sys.executable)} -m jeugdplan textconv"


def installeer_textconv(root: Path) -> None:
    """Zet de git-config voor de leesbare diff (gaat niet mee in een kloon; `sync` zet hem).

    Bewust geen `diff.jeugdplan.cachetextconv`: git zou de ontsleutelde tekst dan in
    `.git` (notes) bewaren."""
    from jeugdplan.opslag import gitrepo

    gitrepo.zet_config(root, "diff.jeugdplan.textconv", textconv_commando())
