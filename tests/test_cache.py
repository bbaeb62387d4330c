"""De afgeleide cache (`jeugdplan.opslag.cache`): nooit verouderd, veilig te wissen, bestand tegen
beschadiging en gelijktijdig gebruik, en met hetzelfde resultaat als zonder cache.

Geen tijdmetingen: snelheid toont bench/run.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jeugdplan.opslag import cache
from jeugdplan.opslag.store import Repo

OUD_NS = 1_600_000_000_000_000_000  # 2020-09-13: ruim buiten de 'racy'-marge


def lees(root: Path, monkeypatch: pytest.MonkeyPatch | None = None,
         aan: bool = True) -> list[tuple[str, Any, list[Any]]]:
    if monkeypatch is not None:
        monkeypatch.setenv("JEUGDPLAN_CACHE", "1" if aan else "0")
    return [(i, p.model_dump() if p is not None else None, [str(x) for x in probl])
            for i, p, probl in Repo.open(root).lees_alle()]


def cachebestand(root: Path) -> Path:
    return root / ".jeugdplan" / cache.BESTAND


def wis(root: Path) -> None:
    """Wist de cache (die `new` al vulde bij het zoeken naar een dubbel plan)."""
    for p in (root / ".jeugdplan").iterdir():
        if p.name.startswith("cache-"):
            p.unlink()


def statistiek(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    pad = tmp_path / "stats.json"
    monkeypatch.setenv("JEUGDPLAN_CACHE_STATS", str(pad))
    list(Repo.open(root).lees_alle())
    monkeypatch.delenv("JEUGDPLAN_CACHE_STATS")
    uit: dict[str, int] = json.loads(pad.read_text())
    return uit


def vervang_gelijk(pad: Path, oud: str, nieuw: str, mtime_ns: int | None = None) -> None:
    """Vervangt tekst door tekst van dezelfde lengte en zet de oude mtime terug."""
    assert len(oud.encode()) == len(nieuw.encode())
    st = pad.stat()
    tekst = pad.read_text(encoding="utf-8")
    assert oud in tekst
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    os.utime(pad, ns=(st.st_atime_ns, mtime_ns if mtime_ns is not None else st.st_mtime_ns))
    assert pad.stat().st_size == st.st_size


@pytest.fixture
def drie(jp: Any, kind: Callable[..., str], repo_pad: Path) -> list[str]:
    ids = [kind(), kind(voornaam="Daan", achternaam="Bakker", geboortedatum="2014-02-01"),
           kind(voornaam="Yara", achternaam="El Amrani", geboortedatum="2012-09-09",
                onderwijssoort="vo")]
    jp("signaal", "add", ids[0], "--domein", "gedrag", "--omschrijving", "Onrustig in de klas.")
    jp("doel", "add", ids[1], "--omschrijving", "Komt op tijd.", "--eigenaar", "Ilse IB",
       code=None)
    return ids


def test_zelfde_resultaat_met_en_zonder_cache(drie: list[str], repo_pad: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # Een ongeldig plan hoort er ook bij: de problemen (met regelnummer) komen mee.
    ongeldig = repo_pad / "casussen" / "2026-ONGELD" / "plan.yaml"
    ongeldig.parent.mkdir()
    ongeldig.write_text("schema: 1\nid: 2026-ONGELD\naangemeld: 2026-02-30\nkind: x\n")
    wis(repo_pad)
    zonder = lees(repo_pad, monkeypatch, aan=False)
    assert not cachebestand(repo_pad).exists()
    koud = lees(repo_pad, monkeypatch)
    assert cachebestand(repo_pad).exists()
    warm = lees(repo_pad, monkeypatch)
    assert zonder == koud == warm
    assert [i for i, _p, _f in warm] == sorted([*drie, "2026-ONGELD"])
    probl = dict((i, f) for i, _p, f in warm)["2026-ONGELD"]
    assert probl and all(":3:" in p or ":4:" in p for p in probl)


def test_plannen_uit_cache_zijn_volwaardige_modellen(drie: list[str], repo_pad: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    lees(repo_pad, monkeypatch)
    verwacht = {p.id: p for p in (Repo.open(repo_pad).laad(i).plan for i in drie)}
    for plan in Repo.open(repo_pad).plannen():
        assert plan == verwacht[plan.id]
        assert plan.model_fields_set == verwacht[plan.id].model_fields_set
        assert plan.als_yaml_data() == verwacht[plan.id].als_yaml_data()
        assert plan.model_copy(deep=True) == plan
        with pytest.raises(ValueError):
            plan.status = "onzin"  # validatie bij toewijzing werkt nog


def test_cli_gelijk_met_en_zonder_cache(jp: Any, drie: list[str]) -> None:
    zonder = jp("list", "--json", env={"JEUGDPLAN_CACHE": "0"}).stdout
    met = [jp("list", "--json").stdout for _ in range(2)]
    assert met == [zonder, zonder]
    check_zonder = jp("check", "--json", env={"JEUGDPLAN_CACHE": "0"}, code=None).stdout
    assert jp("check", "--json", code=None).stdout == check_zonder


def test_alleen_het_gewijzigde_plan_opnieuw_gelezen(drie: list[str], repo_pad: Path, jp: Any,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    wis(repo_pad)
    for ident in drie:  # buiten de 'racy'-marge, zodat de stempel alleen telt
        pad = repo_pad / "casussen" / ident / "plan.yaml"
        os.utime(pad, ns=(OUD_NS, OUD_NS))
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 0, "gelezen": 3}
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 3, "gelezen": 0}
    jp("journaal", "add", drie[1], "--tekst", "Gesprek met moeder.", code=None)
    jp("signaal", "add", drie[1], "--domein", "thuis", "--omschrijving", "Zorgen thuis.")
    # jeugdplan zet wat het schrijft meteen in de cache
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 3, "gelezen": 0}
    plan = {p.id: p for p in Repo.open(repo_pad).plannen()}[drie[1]]
    assert any(s.omschrijving == "Zorgen thuis." for s in plan.signalen)
    # een wijziging buiten jeugdplan om (editor, git): alleen dat plan opnieuw gelezen
    pad = repo_pad / "casussen" / drie[2] / "plan.yaml"
    pad.write_text(pad.read_text().replace("school: De Windroos", "school: De Windhoos"))
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 2, "gelezen": 1}
    plan = {p.id: p for p in Repo.open(repo_pad).plannen()}[drie[2]]
    assert plan.kind.school == "De Windhoos"


def test_zelfde_grootte_en_mtime_vlak_na_lezen(drie: list[str], repo_pad: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Het bestand is net geschreven: de mtime ligt binnen de resolutie, dus bewaart de cache
    # een hash van de inhoud en ziet hij de wijziging ook bij gelijke stempel.
    pad = repo_pad / "casussen" / drie[0] / "plan.yaml"
    lees(repo_pad, monkeypatch)
    vervang_gelijk(pad, "school: De Windroos", "school: De Windhoos")
    plannen = {p.id: p for p in Repo.open(repo_pad).plannen()}
    assert plannen[drie[0]].kind.school == "De Windhoos"


def test_zelfde_grootte_en_oude_mtime(drie: list[str], repo_pad: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Iemand zet de mtime terug (touch -d, een archiefprogramma): de ctime verraadt het.
    pad = repo_pad / "casussen" / drie[0] / "plan.yaml"
    os.utime(pad, ns=(OUD_NS, OUD_NS))
    lees(repo_pad, monkeypatch)
    vervang_gelijk(pad, "school: De Windroos", "school: De Windhoos", OUD_NS)
    plannen = {p.id: p for p in Repo.open(repo_pad).plannen()}
    assert plannen[drie[0]].kind.school == "De Windhoos"


def test_cache_wissen_en_opnieuw_opbouwen(drie: list[str], repo_pad: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    eerst = lees(repo_pad, monkeypatch)
    wis(repo_pad)
    assert lees(repo_pad, monkeypatch) == eerst
    assert cachebestand(repo_pad).exists()
    import shutil

    shutil.rmtree(repo_pad / ".jeugdplan")
    assert lees(repo_pad, monkeypatch) == eerst


def test_kapotte_cache_wordt_genegeerd(drie: list[str], repo_pad: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    eerst = lees(repo_pad, monkeypatch)
    wis(repo_pad)
    cachebestand(repo_pad).write_bytes(b"dit is geen sqlite" * 100)
    assert lees(repo_pad, monkeypatch) == eerst
    assert lees(repo_pad, monkeypatch) == eerst


def test_beschadigde_rij_wordt_opnieuw_gelezen(drie: list[str], repo_pad: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    eerst = lees(repo_pad, monkeypatch)
    db = sqlite3.connect(cachebestand(repo_pad))
    db.execute("UPDATE plan SET data = ? WHERE id = ?", (b"\x00kapot", drie[0]))
    db.execute("UPDATE plan SET data = ? WHERE id = ?",
               (__import__("zlib").compress(b"\xffgeen marshal"), drie[1]))
    db.commit()
    db.close()
    assert lees(repo_pad, monkeypatch) == eerst


def test_ander_model_maakt_cache_ongeldig(drie: list[str], repo_pad: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    lees(repo_pad, monkeypatch)
    Repo.open(repo_pad).bekijk(drie[0])  # bewaart de veldnamen voor lichte plannen
    monkeypatch.setattr(cache, "_kenmerk", lambda: "ander-model")
    c = cache.Cache(repo_pad)
    assert c.db is not None
    assert c.db.execute("SELECT sleutel FROM meta").fetchall() == [("kenmerk",)]
    c.sluit()
    assert statistiek(repo_pad, tmp_path, monkeypatch)["gelezen"] == 3


def test_verdwenen_plan_verdwijnt_uit_cache(drie: list[str], repo_pad: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import sqlite3

    lees(repo_pad, monkeypatch)
    shutil.rmtree(repo_pad / "casussen" / drie[2])
    assert [i for i, _p, _f in lees(repo_pad, monkeypatch)] == sorted(drie[:2])
    db = sqlite3.connect(cachebestand(repo_pad))
    assert sorted(r[0] for r in db.execute("SELECT id FROM plan")) == sorted(drie[:2])
    db.close()


def test_symlink_naar_buiten_wordt_niet_gelezen(drie: list[str], repo_pad: Path,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    buiten = tmp_path / "buiten.yaml"
    buiten.write_text((repo_pad / "casussen" / drie[0] / "plan.yaml").read_text())
    (repo_pad / "casussen" / "2026-LINK").mkdir()
    (repo_pad / "casussen" / "2026-LINK" / "plan.yaml").symlink_to(buiten)
    for _ in range(2):
        uit = {i: (p, f) for i, p, f in lees(repo_pad, monkeypatch)}
        assert uit["2026-LINK"][0] is None
        assert "buiten de repository" in uit["2026-LINK"][1][0]


def test_cache_uit_schrijft_niets(drie: list[str], repo_pad: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    wis(repo_pad)
    lees(repo_pad, monkeypatch, aan=False)
    assert not cachebestand(repo_pad).exists()


def test_cache_staat_niet_in_git(drie: list[str], repo_pad: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    lees(repo_pad, monkeypatch)
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=repo_pad,
                            capture_output=True, text=True, check=True).stdout
    assert ".jeugdplan/" in status and "!! .jeugdplan/" in status
    assert oct(cachebestand(repo_pad).stat().st_mode & 0o777) == "0o600"


def test_parallel_lezen_geeft_hetzelfde(drie: list[str], repo_pad: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    eerst = lees(repo_pad, monkeypatch, aan=False)
    monkeypatch.setattr(cache, "PARALLEL_VANAF", 1)
    monkeypatch.setattr(cache, "BLOK", 2)
    assert lees(repo_pad, monkeypatch) == eerst


def test_gewijzigde_plannen_op_de_achtergrond_gelezen(drie: list[str], repo_pad: Path,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Een paar gewijzigde plannen tussen veel uit de cache: één werkproces leest ze; het
    resultaat is hetzelfde, in dezelfde volgorde, en alleen de gewijzigde worden gelezen."""
    r = Repo.open(repo_pad)
    list(cache.per_plan(r, "school", _school))
    for ident in (drie[0], drie[2]):
        vervang_gelijk(repo_pad / "casussen" / ident / "plan.yaml", "school: De Windroos",
                       "school: De Windhoos", mtime_ns=OUD_NS)
    monkeypatch.setattr(cache, "ACHTERGROND_VANAF", 1)
    monkeypatch.setattr(cache, "BLOK", 1)
    gestart: list[int | None] = []
    echt = cache._maak_pool
    monkeypatch.setattr(cache, "_maak_pool", lambda n=None: gestart.append(n) or echt(n))
    pad = tmp_path / "stats.json"
    monkeypatch.setenv("JEUGDPLAN_CACHE_STATS", str(pad))
    uit = [(i, w) for i, w, _f in cache.per_plan(r, "school", _school)]
    assert gestart == [1]
    assert uit == [(i, f"{i}:De Windhoos" if i != drie[1] else f"{i}:De Windroos")
                   for i in sorted(drie)]
    assert json.loads(pad.read_text()) == {"uit_cache": 1, "gelezen": 2}
    # Afgebroken na het eerste plan: het werkproces wordt opgeruimd, niets blijft hangen.
    vervang_gelijk(repo_pad / "casussen" / drie[0] / "plan.yaml", "school: De Windhoos",
                   "school: De Windroos", mtime_ns=OUD_NS)
    generator = cache.per_plan(r, "school", _school)
    next(generator)
    generator.close()


def test_vooruit_gestart_werkproces(drie: list[str], repo_pad: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Bij veel plannen laadt één werkproces alvast het model; niets veranderd: het wordt
    gestopt. Alles veranderd (koud): de volle pool neemt het over. Zelfde uitkomst."""
    r = Repo.open(repo_pad)
    verwacht = [(i, f"{i}:De Windroos") for i in sorted(drie)]
    monkeypatch.setattr(cache, "ACHTERGROND_VANAF", 1)
    monkeypatch.setattr(cache, "PARALLEL_VANAF", 2)
    gestart: list[int | None] = []
    gestopt: list[Any] = []
    echt_maak, echt_stop = cache._maak_pool, cache._stop
    monkeypatch.setattr(cache, "_maak_pool", lambda n=None: gestart.append(n) or echt_maak(n))
    monkeypatch.setattr(cache, "_stop", lambda p: gestopt.append(p) or echt_stop(p))
    wis(repo_pad)
    assert [(i, w) for i, w, _f in cache.per_plan(r, "school", _school)] == verwacht
    assert gestart == [1, None] and len(gestopt) == 2  # vooruit gestart, dan de volle pool
    gestart.clear()
    gestopt.clear()
    assert [(i, w) for i, w, _f in cache.per_plan(r, "school", _school)] == verwacht
    assert gestart == [1] and len(gestopt) == 1  # niets te lezen: meteen gestopt


def test_resultaat_van_een_net_geschreven_plan_in_het_werkproces(
        drie: list[str], repo_pad: Path, jp: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Een plan dat jeugdplan net schreef staat in de cache, maar nog zonder dit resultaat:
    het vooruit gestarte werkproces rekent het uit (niets opnieuw gelezen, en het
    hoofdproces bouwt geen plan)."""
    r = Repo.open(repo_pad)
    list(cache.per_plan(r, "school", _school))
    jp("journaal", "add", drie[1], "--tekst", "Gesprek gehad.")
    monkeypatch.setattr(cache, "ACHTERGROND_VANAF", 1)
    monkeypatch.setattr(cache, "_uit_plan", lambda *_a: pytest.fail("plan in hoofdproces"))
    pad = tmp_path / "stats.json"
    monkeypatch.setenv("JEUGDPLAN_CACHE_STATS", str(pad))
    uit = [(i, w) for i, w, _f in cache.per_plan(r, "school", _school)]
    assert uit == [(i, f"{i}:De Windroos") for i in sorted(drie)]
    assert json.loads(pad.read_text()) == {"uit_cache": 3, "gelezen": 0}
    # Het resultaat is bewaard: de volgende keer staat alles klaar.
    monkeypatch.setattr(cache, "_reken", lambda _r: pytest.fail("opnieuw gerekend"))
    assert [(i, w) for i, w, _f in cache.per_plan(r, "school", _school)] == uit


GEBEURD: list[str] = []


class _TraagWerkproces:
    """Een pool waarvan het werkproces nooit 'klaar' meldt voordat erom gevraagd wordt."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    def apply_async(self, *args: Any) -> Any:
        resultaat = self.pool.apply_async(*args)

        def get(_self: object) -> Any:
            GEBEURD.append("wacht")
            return resultaat.get()

        return type("Traag", (), {"ready": lambda _s: False, "get": get})()

    def __getattr__(self, naam: str) -> Any:
        return getattr(self.pool, naam)


def test_hoofdproces_wacht_niet_op_het_werkproces(drie: list[str], repo_pad: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Terwijl het werkproces het gewijzigde eerste plan nog leest, gaat het hoofdproces
    verder met de rest uit de cache; de volgorde blijft die van de ids."""
    r = Repo.open(repo_pad)
    list(cache.per_plan(r, "school", _school))
    eerste = sorted(drie)[0]
    vervang_gelijk(repo_pad / "casussen" / eerste / "plan.yaml", "school: De Windroos",
                   "school: De Windhoos", mtime_ns=OUD_NS)
    monkeypatch.setattr(cache, "ACHTERGROND_VANAF", 1)
    monkeypatch.setattr(cache, "BLOK", 1)
    echt = cache._maak_pool
    monkeypatch.setattr(cache, "_maak_pool", lambda n=None: _TraagWerkproces(echt(n)))
    echt_uit = cache.Cache.uit_afgeleid
    monkeypatch.setattr(cache.Cache, "uit_afgeleid", staticmethod(
        lambda *a: GEBEURD.append("cache") or echt_uit(*a)))
    GEBEURD.clear()
    uit = [(i, w) for i, w, _f in cache.per_plan(r, "school", _school)]
    assert uit == [(i, f"{i}:De Windhoos" if i == eerste else f"{i}:De Windroos")
                   for i in sorted(drie)]
    # Eerst de twee ongewijzigde plannen uit de cache, dan pas wachten op het eerste plan.
    assert GEBEURD == ["cache", "cache", "wacht"]


_PROCES = r"""
import json, sys
from jeugdplan.opslag.store import Repo
root = sys.argv[1]
uit = []
for _ in range(int(sys.argv[2])):
    uit.append(sorted((i, p.kind.school if p else None) for i, p, _f in Repo.open(
        __import__("pathlib").Path(root)).lees_alle()))
print(json.dumps(uit))
"""


def test_twee_processen_tegelijk(drie: list[str], repo_pad: Path) -> None:
    """Twee processen lezen (en vullen) de cache tegelijk terwijl een plan verandert:
    geen beschadiging, en na de wijziging nooit meer het oude antwoord."""
    env = {**os.environ, "JEUGDPLAN_CACHE": "1"}
    procs = [subprocess.Popen([sys.executable, "-c", _PROCES, str(repo_pad), "15"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    pad = repo_pad / "casussen" / drie[0] / "plan.yaml"
    vervang_gelijk(pad, "school: De Windroos", "school: De Windhoos")
    for p in procs:
        uit, fout = p.communicate(timeout=120)
        assert p.returncode == 0, fout
        rondes = json.loads(uit)
        scholen = [dict(r)[drie[0]] for r in rondes]
        assert set(scholen) <= {"De Windroos", "De Windhoos"}
        # Eenmaal het nieuwe antwoord, nooit meer het oude.
        if "De Windhoos" in scholen:
            assert "De Windroos" not in scholen[scholen.index("De Windhoos"):]
    # Daarna: iedereen ziet de nieuwe versie, en de cache is heel.
    na = subprocess.run([sys.executable, "-c", _PROCES, str(repo_pad), "2"], env=env,
                        capture_output=True, text=True, check=True)
    for ronde in json.loads(na.stdout):
        assert dict(ronde)[drie[0]] == "De Windhoos"
    import sqlite3

    db = sqlite3.connect(cachebestand(repo_pad))
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def _school(plan: Any) -> str:
    return f"{plan.id}:{plan.kind.school}"


def test_per_plan_resultaat_bewaard_en_nooit_verouderd(drie: list[str], repo_pad: Path,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ongeldig = repo_pad / "casussen" / "2026-ONGELD" / "plan.yaml"
    ongeldig.parent.mkdir()
    ongeldig.write_text("schema: 1\nid: 2026-ONGELD\n")
    r = Repo.open(repo_pad)
    verwacht = {i: (f"{i}:{p.kind.school}" if p else None) for i, p, _f in r.lees_alle()}
    pad = tmp_path / "stats.json"
    monkeypatch.setenv("JEUGDPLAN_CACHE_STATS", str(pad))
    for _ in range(2):
        uit = {i: w for i, w, _f in cache.per_plan(r, "school", _school)}
        assert uit == verwacht
    assert json.loads(pad.read_text()) == {"uit_cache": 4, "gelezen": 0}
    # Gelijke grootte en mtime vlak na het lezen: de inhoudshash beslist.
    vervang_gelijk(repo_pad / "casussen" / drie[0] / "plan.yaml", "school: De Windroos",
                   "school: De Windhoos")
    uit = {i: w for i, w, _f in cache.per_plan(r, "school", _school)}
    assert uit[drie[0]] == f"{drie[0]}:De Windhoos"
    problemen = {i: f for i, _w, f in cache.per_plan(r, "school", _school)}
    assert problemen["2026-ONGELD"] and uit["2026-ONGELD"] is None
    # Zonder cache hetzelfde.
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    assert {i: w for i, w, _f in cache.per_plan(r, "school", _school)} == uit


def test_onthoud_rekent_alleen_bij_andere_invoer(repo_pad: Path) -> None:
    r = Repo.open(repo_pad)
    aanroepen: list[int] = []

    def tel(uitkomst: int) -> Callable[[], int]:
        def f() -> int:
            aanroepen.append(uitkomst)
            return uitkomst
        return f

    assert cache.onthoud(r, "proef", ("a", 1), tel(1)) == 1
    assert cache.onthoud(r, "proef", ("a", 1), tel(99)) == 1  # uit de cache
    assert cache.onthoud(r, "proef", ("a", 2), tel(2)) == 2  # andere invoer: opnieuw
    assert aanroepen == [1, 2]
    wis(repo_pad)
    assert cache.onthoud(r, "proef", ("a", 2), tel(3)) == 3  # cache gewist: opnieuw


def test_modi_komen_uit_dezelfde_stat(drie: list[str], repo_pad: Path) -> None:
    pad = repo_pad / "casussen" / drie[1] / "plan.yaml"
    pad.chmod(0o644)
    pad.parent.chmod(0o755)
    modi: dict[str, tuple[int, int]] = {}
    list(cache.per_plan(Repo.open(repo_pad), "school", _school, modi))
    assert sorted(modi) == sorted(drie)
    assert [m & 0o777 for m in modi[drie[1]]] == [0o755, 0o644]
    assert [m & 0o777 for m in modi[drie[0]]] == [0o700, 0o600]


@pytest.mark.parametrize(("opdracht", "verwacht"), [
    (["list", "--json"], "[]"),
    (["check", "--json"], "[]"),
    (["report", "thuiszitters", "--format", "json"], "[]"),
    # één plan (en de regio) alleen lezen: het model en de regels
    (["show", "EERSTE"], "['pydantic', 'yaml']"),
    (["route", "EERSTE"], "['pydantic', 'ruamel', 'yaml']"),
    (["meldcode", "next", "EERSTE"], "['pydantic', 'yaml']"),
    (["route", "EERSTE", "--json"], "['pydantic', 'ruamel', 'yaml']"),
    (["meldcode", "next", "EERSTE", "--json"], "['pydantic', 'yaml']"),
    # --json van show heeft het model nodig (model_dump)
    (["show", "EERSTE", "--json"], "['pydantic']"),
])
def test_warm_overzicht_laadt_geen_zware_modules(drie: list[str], repo_pad: Path,
                                                 opdracht: list[str], verwacht: str) -> None:
    """Warm komt alles uit de cache: geen pydantic, YAML-laders, jinja2 of rich bij het
    starten (bij 10.000 plannen is dat de helft van de tijd)."""
    opdracht = [drie[0] if a == "EERSTE" else a for a in opdracht]
    script = (
        "import contextlib, io, sys\n"
        "from jeugdplan.cli.main import main\n"
        f"sys.argv = ['jeugdplan', '--dir', {str(repo_pad)!r}, *{opdracht!r}]\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pydantic', 'ruamel', 'yaml', 'jinja2', 'rich'}))\n"
    )
    env = {**os.environ, "JEUGDPLAN_VANDAAG": "2026-11-25"}
    koud, warm = (subprocess.run([sys.executable, "-c", script], capture_output=True,
                                 text=True, env=env, check=True) for _ in range(2))
    assert koud.stdout.strip() != "[]"  # de eerste keer worden de plannen echt gelezen
    assert warm.stdout.strip() == verwacht, warm.stderr


def test_lees_een_plan_uit_cache_en_nooit_verouderd(drie: list[str], repo_pad: Path,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from jeugdplan.domein.errors import PlanOngeldig

    r = Repo.open(repo_pad)
    pad = tmp_path / "stats.json"
    monkeypatch.setenv("JEUGDPLAN_CACHE_STATS", str(pad))
    assert r.lees(drie[0]) == r.laad(drie[0]).plan
    assert r.lees(drie[0]).kind.school == "De Windroos"
    assert json.loads(pad.read_text()) == {"uit_cache": 1, "gelezen": 0}
    plan = repo_pad / "casussen" / drie[0] / "plan.yaml"
    vervang_gelijk(plan, "school: De Windroos", "school: De Windhoos")
    assert r.lees(drie[0]).kind.school == "De Windhoos"
    # Ongeldig: dezelfde fout, met regel, als round-trip laden.
    plan.write_text(plan.read_text().replace("school: De Windhoos", "school: 12"))
    with pytest.raises(PlanOngeldig) as lezen:
        r.lees(drie[0])
    with pytest.raises(PlanOngeldig) as laden:
        r.laad(drie[0])
    assert lezen.value.melding == laden.value.melding and ":" in lezen.value.melding


def test_geschreven_plan_staat_meteen_in_de_cache(drie: list[str], jp: Any, repo_pad: Path,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Na een bewerking of een nieuw plan hoeft de volgende opdracht niets opnieuw te lezen,
    en wat de cache geeft is wat er op schijf staat."""
    list(Repo.open(repo_pad).lees_alle())
    jp("signaal", "add", drie[1], "--domein", "gezondheid", "--omschrijving", "Vaak ziek.")
    nieuw = jp("new", "--voornaam", "Noor", "--achternaam", "Visser", "--geboortedatum",
               "2013-06-06", "--gemeente", "Velsen", "--school", "De Windroos",
               "--onderwijssoort", "po").stdout.strip()
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 4, "gelezen": 0}
    plannen = {i: p for i, p, _f in Repo.open(repo_pad).lees_alle()}
    assert plannen[nieuw].kind.voornaam == "Noor"
    assert [s.omschrijving for s in plannen[drie[1]].signalen][-1] == "Vaak ziek."
    assert plannen[drie[1]] == Repo.open(repo_pad).laad(drie[1]).plan


def test_licht_plan_alleen_uit_een_kloppende_cache(drie: list[str], repo_pad: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from jeugdplan.opslag.cache import Cache, lees_licht
    from jeugdplan.opslag.licht import Licht

    r = Repo.open(repo_pad)
    wis(repo_pad)
    assert lees_licht(r, drie[0]) is None  # nog niet in de cache: gewoon lezen
    assert not isinstance(r.bekijk(drie[0]), Licht)  # ... en dat zet het erin
    licht = r.bekijk(drie[0])
    assert isinstance(licht, Licht) and licht.kind.school == "De Windroos"
    # Buiten jeugdplan om gewijzigd (zelfde grootte): nooit het oude plan.
    plan = repo_pad / "casussen" / drie[0] / "plan.yaml"
    vervang_gelijk(plan, "school: De Windroos", "school: De Windhoos")
    assert lees_licht(r, drie[0]) is None
    assert r.bekijk(drie[0]).kind.school == "De Windhoos"
    # De veldnamen kwijt (bijv. een oude cache): opnieuw uit het model.
    c = Cache(repo_pad)
    assert c.db is not None
    c.db.execute("DELETE FROM meta WHERE sleutel='velden'")
    c.sluit()
    assert lees_licht(r, drie[0]).kind.school == "De Windhoos"
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    assert lees_licht(r, drie[0]) is None
    assert r.bekijk(drie[0]).kind.school == "De Windhoos"


def test_show_na_wijziging_buiten_jeugdplan(jp: Any, drie: list[str], repo_pad: Path) -> None:
    assert "De Windroos" in jp("show", drie[0]).stdout
    plan = repo_pad / "casussen" / drie[0] / "plan.yaml"
    vervang_gelijk(plan, "school: De Windroos", "school: De Windhoos")
    assert "De Windhoos" in jp("show", drie[0]).stdout
    plan.write_text(plan.read_text().replace("school: De Windhoos", "school: 12"))
    fout = jp("show", drie[0], code=1).stderr
    assert "plan.yaml" in fout and "school" in fout


def test_oudere_resultaten_van_dezelfde_soort_worden_opgeruimd(repo_pad: Path) -> None:
    c = cache.Cache(repo_pad)
    assert c.db is not None
    rij: list[tuple[str, cache.Stempel, bytes | None, Any]] = [("A", (1, 2, 3, 4), None, 1)]
    for naam in ("check:2026-11-24@v1", "kandidaat@v1", "overzicht:2026-11-25@v1",
                 "check:2026-11-25@v1", "kandidaat@v2", "regio:abc"):
        c.bewaar_afgeleid(naam, rij)
    namen = {r[0] for r in c.db.execute("SELECT naam FROM afgeleid")}
    c.sluit()
    assert namen == {"overzicht:2026-11-25@v1", "check:2026-11-25@v1", "kandidaat@v2",
                     "regio:abc"}


def test_hash_vervalt_als_het_plan_niet_meer_racy_is(drie: list[str], repo_pad: Path,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Vlak na schrijven gelezen: de cache bewaart een inhoudshash. Liggen mtime en ctime
    later ruim in het verleden, dan valt die hash weg (anders leest elke opdracht het bestand
    opnieuw om te vergelijken); een wijziging wordt daarna nog steeds gezien (ctime)."""
    r = Repo.open(repo_pad)
    wis(repo_pad)

    def hashes() -> set[object]:
        c = cache.Cache(repo_pad)
        assert c.db is not None
        uit = {h for (h,) in c.db.execute("SELECT hash FROM plan UNION ALL "
                                          "SELECT hash FROM afgeleid")}
        c.sluit()
        return uit

    list(cache.per_plan(r, "school", _school))
    assert None not in hashes()  # de plannen zijn net geschreven
    monkeypatch.setattr(cache, "RACY_NS", 0)
    list(cache.per_plan(r, "school", _school))
    assert hashes() == {None}
    pad = tmp_path / "stats.json"
    monkeypatch.setenv("JEUGDPLAN_CACHE_STATS", str(pad))
    uit = [(i, w) for i, w, _f in cache.per_plan(r, "school", _school)]
    assert json.loads(pad.read_text()) == {"uit_cache": 3, "gelezen": 0}
    assert uit == [(i, f"{i}:De Windroos") for i in sorted(drie)]
    vervang_gelijk(repo_pad / "casussen" / drie[0] / "plan.yaml", "school: De Windroos",
                   "school: De Windhoos")
    assert dict((i, w) for i, w, _f in cache.per_plan(r, "school", _school))[drie[0]] == (
        f"{drie[0]}:De Windhoos")
