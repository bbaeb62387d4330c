"""De cache (`jeugdplan.opslag.cache`): gesleuteld op inhoud en nooit verouderd, veilig te
wissen, bestand tegen beschadiging en gelijktijdig gebruik, met hetzelfde resultaat als zonder
cache, en nooit in de repository.

Geen tijdmetingen: snelheid toont bench/run.py."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from jeugdplan.domein.model import Plan
from jeugdplan.opslag import cache, inlezen
from jeugdplan.opslag.store import Repo


def lees(root: Path) -> list[tuple[str, Any, list[str]]]:
    return [(i, p.model_dump() if p is not None else None, [str(x) for x in probl])
            for i, p, probl in Repo.open(root).lees_alle()]


def statistiek(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               soort: str | None = None) -> dict[str, int]:
    """Hoeveel plannen uit de cache kwamen en hoeveel opnieuw uitgerekend werden."""
    pad = tmp_path / "stats.json"
    monkeypatch.setenv("JEUGDPLAN_CACHE_STATS", str(pad))
    if soort is None:
        list(Repo.open(root).lees_alle())
    else:
        list(inlezen.per_plan(Repo.open(root), soort, school))
    monkeypatch.delenv("JEUGDPLAN_CACHE_STATS")
    uit: dict[str, int] = json.loads(pad.read_text())
    return uit


def school(plan: Plan) -> str:
    return plan.kind.school


def wis(root: Path) -> None:
    cache.Cache(root).wis()


@pytest.fixture
def drie(jp: Any, kind: Callable[..., str], repo_pad: Path) -> list[str]:
    ids = [kind(voornaam=n, geboortedatum=f"201{i + 4}-04-03") for i, n in
           enumerate(["Sanne", "Daan", "Mila"])]
    jp("signaal", "add", ids[0], "--domein", "gedrag", "--omschrijving", "Slaat")
    return sorted(ids)


def test_zelfde_resultaat_met_en_zonder_cache(drie: list[str], repo_pad: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    zonder = lees(repo_pad)
    monkeypatch.setenv("JEUGDPLAN_CACHE", "1")
    wis(repo_pad)
    koud, warm = lees(repo_pad), lees(repo_pad)
    assert zonder == koud == warm
    assert [i for i, _p, _f in warm] == drie


@pytest.mark.parametrize("opdracht", [["list", "--json"], ["check", "--json"], ["agenda", "--json"],
                                      ["report", "thuiszitters", "--format", "json"]])
def test_cli_gelijk_koud_warm_en_zonder_cache(jp: Any, drie: list[str], repo_pad: Path,
                                               opdracht: list[str]) -> None:
    zonder = jp(*opdracht, env={"JEUGDPLAN_CACHE": "0"}).stdout
    wis(repo_pad)
    assert jp(*opdracht).stdout == jp(*opdracht).stdout == zonder


def test_alleen_gewijzigde_inhoud_opnieuw_gelezen(drie: list[str], repo_pad: Path,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    wis(repo_pad)
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 0, "gelezen": 3}
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 3, "gelezen": 0}
    pad = repo_pad / "casussen" / drie[1] / "plan.yaml"
    info = pad.stat()
    # Zelfde grootte en (teruggezette) mtime, andere inhoud: toch opnieuw gelezen.
    pad.write_text(pad.read_text().replace("De Windroos", "De Windhoos"))
    os.utime(pad, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert pad.stat().st_size == info.st_size
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 2, "gelezen": 1}
    assert dict((i, p and p["kind"]["school"]) for i, p, _ in lees(repo_pad))[drie[1]] == \
        "De Windhoos"
    # Alleen de tijdstempel of de rechten veranderd: niets opnieuw.
    os.utime(pad, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    os.chmod(pad, 0o600)
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 3, "gelezen": 0}


def test_assume_unchanged_wordt_niet_vertrouwd(drie: list[str], repo_pad: Path,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    list(Repo.open(repo_pad).lees_alle())
    pad = repo_pad / "casussen" / drie[0] / "plan.yaml"
    subprocess.run(["git", "update-index", "--assume-unchanged", str(pad)], cwd=repo_pad,
                   check=True)
    pad.write_text(pad.read_text().replace("De Windroos", "Het Anker"))
    assert statistiek(repo_pad, tmp_path, monkeypatch)["gelezen"] == 1
    assert lees(repo_pad)[0][1]["kind"]["school"] == "Het Anker"


def test_per_plan_resultaat_bewaard_en_nooit_verouderd(drie: list[str], repo_pad: Path,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    r = Repo.open(repo_pad)
    eerste = list(inlezen.per_plan(r, "school", school))
    assert [w for _i, w, _f in eerste] == ["De Windroos"] * 3
    assert statistiek(repo_pad, tmp_path, monkeypatch, "school") == {"uit_cache": 3,
                                                                     "gelezen": 0}
    pad = repo_pad / "casussen" / drie[2] / "plan.yaml"
    pad.write_text(pad.read_text().replace("De Windroos", "De Zon"))
    assert [w for _i, w, _f in inlezen.per_plan(r, "school", school)][2] == "De Zon"


def test_per_plan_in_werkprocessen_gelijk(drie: list[str], repo_pad: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Veel uit te rekenen: werkprocessen (met 'spawn' als het platform dat gebruikt; de
    functie is een gewone, te picklen functie) geven hetzelfde als het hoofdproces."""
    r = Repo.open(repo_pad)
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    alleen = list(inlezen.per_plan(r, "school", school))
    monkeypatch.setattr(inlezen, "PARALLEL_VANAF", 1)
    monkeypatch.setattr(inlezen, "BLOK", 1)
    assert list(inlezen.per_plan(r, "school", partial(school))) == alleen


def test_versie_van_de_code_wist_de_cache(drie: list[str], repo_pad: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    list(Repo.open(repo_pad).lees_alle())
    cache.versie.cache_clear()
    monkeypatch.setattr(cache, "versie", lambda: "een andere versie")
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 0, "gelezen": 3}


def test_versie_hangt_af_van_code_data_en_python() -> None:
    import hashlib

    from jeugdplan.opslag.bronnen import data_map

    assert len(cache.versie()) == 24
    bestanden = [*Path(cache.__file__).resolve().parent.parent.rglob("*.py"),
                 *data_map().rglob("*.yaml")]
    assert any(p.name == "validatie.py" for p in bestanden)  # elke module, niet alleen het model
    assert any(p.name == "meldcode.yaml" for p in bestanden)
    assert hashlib.blake2b(sys.version.encode()).hexdigest()  # (de Python-versie telt mee)


def test_kapotte_cache_wordt_weggegooid(drie: list[str], repo_pad: Path) -> None:
    verwacht = lees(repo_pad)
    pad = cache.cachebestand(repo_pad)
    cache.Cache(repo_pad).sluit()
    for achter in ("-wal", "-shm"):
        Path(f"{pad}{achter}").unlink(missing_ok=True)
    pad.write_bytes(b"dit is geen sqlite-bestand" * 100)
    assert lees(repo_pad) == verwacht
    assert lees(repo_pad) == verwacht


def test_beschadigde_rij_wordt_opnieuw_uitgerekend(drie: list[str], repo_pad: Path) -> None:
    import sqlite3

    verwacht = lees(repo_pad)
    with sqlite3.connect(cache.cachebestand(repo_pad)) as db:
        db.execute("UPDATE resultaat SET waarde = x'7b7b7b'")
    assert lees(repo_pad) == verwacht


def test_zonder_bruikbare_cachemap_werkt_alles(drie: list[str], repo_pad: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    verwacht = lees(repo_pad)
    (tmp_path / "bestand").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "bestand"))  # geen map te maken
    assert lees(repo_pad) == verwacht


def test_cache_uit_schrijft_niets(drie: list[str], repo_pad: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    wis(repo_pad)
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    lees(repo_pad)
    assert not cache.cachebestand(repo_pad).exists()


def test_cache_staat_buiten_de_repository_en_alleen_voor_de_gebruiker(
        drie: list[str], repo_pad: Path, tmp_path: Path) -> None:
    (repo_pad / ".jeugdplan").mkdir(exist_ok=True)
    oud = repo_pad / ".jeugdplan" / "cache-v1.sqlite"
    oud.write_bytes(b"oude cache met leesbare namen")
    lees(repo_pad)
    pad = cache.cachebestand(repo_pad)
    assert pad.is_relative_to(tmp_path / "xdg-cache") and not pad.is_relative_to(repo_pad)
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    assert stat.S_IMODE(pad.parent.stat().st_mode) == 0o700
    assert not oud.exists()  # van een eerdere versie: weg uit de repository


def test_ongeldig_plan_blijft_ongeldig_zonder_opnieuw_lezen(drie: list[str], repo_pad: Path,
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    pad = repo_pad / "casussen" / drie[0] / "plan.yaml"
    pad.write_text(pad.read_text().replace("onderwijssoort: po", "onderwijssoort: xx"))
    eerste = lees(repo_pad)
    assert eerste[0][1] is None and "onderwijssoort" in eerste[0][2][0]
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 3, "gelezen": 0}
    assert lees(repo_pad) == eerste


def test_verdwenen_en_nieuwe_plannen(drie: list[str], repo_pad: Path, jp: Any,
                                     kind: Callable[..., str]) -> None:
    lees(repo_pad)
    import shutil

    shutil.rmtree(repo_pad / "casussen" / drie[0])
    assert [i for i, _p, _f in lees(repo_pad)] == drie[1:]
    nieuw = kind(voornaam="Noor", geboortedatum="2015-01-01")
    assert nieuw in [i for i, _p, _f in lees(repo_pad)]


def test_geschreven_plan_staat_meteen_in_de_cache(drie: list[str], jp: Any, repo_pad: Path,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    lees(repo_pad)
    jp("signaal", "add", drie[1], "--domein", "thuis", "--omschrijving", "Moe")
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 3, "gelezen": 0}


def test_twee_processen_tegelijk(drie: list[str], repo_pad: Path) -> None:
    """Twee processen lezen en vullen de cache tegelijk terwijl een plan verandert: beide
    geven een antwoord dat bij een van de twee versies hoort, en daarna is alles juist."""
    code = (
        "import sys\n"
        "from jeugdplan.opslag.store import Repo\n"
        "for _ in range(5):\n"
        "    for i, p, f in Repo.open(sys.argv[1]).lees_alle():\n"
        "        assert p is not None, f\n"
    )
    processen = [subprocess.Popen([sys.executable, "-c", code, str(repo_pad)])
                 for _ in range(2)]
    pad = repo_pad / "casussen" / drie[2] / "plan.yaml"
    for school_ in ("A", "B", "C"):
        tekst = pad.read_text()
        pad.write_text(tekst.replace("school: De Windroos", f"school: {school_}")
                       .replace("school: A", f"school: {school_}")
                       .replace("school: B", f"school: {school_}"))
    assert [p.wait() for p in processen] == [0, 0]
    assert lees(repo_pad)[2][1]["kind"]["school"] == "C"


def test_onthoud_rekent_alleen_voor_nieuwe_inhoud(repo_pad: Path) -> None:
    teller: list[bytes] = []
    with cache.Cache(repo_pad) as c:
        uit = [c.onthoud("test", inhoud, lambda inhoud=inhoud: teller.append(inhoud) or inhoud)
               for inhoud in (b"a", b"a", b"b", b"a")]
    assert teller == [b"a", b"b"] and uit == [b"a", b"a", b"b", b"a"]


@pytest.mark.parametrize("opdracht", [
    ["list", "--json"], ["check", "--json"], ["report", "thuiszitters", "--format", "json"],
    ["agenda", "--json"], ["meldcode", "status", "--json"],
    ["show", "ID"], ["show", "ID", "--json"], ["meldcode", "next", "ID"], ["route", "ID"],
    ["route", "ID", "--json"],
])
def test_warm_overzicht_laadt_geen_zware_modules(drie: list[str], repo_pad: Path,
                                                 opdracht: list[str]) -> None:
    """Warm komt alles uit de cache: geen pydantic, YAML-lader, jinja2 of rich (bij 10.000
    plannen is laden daarvan de helft van de tijd; bij één plan het grootste deel)."""
    opdracht = [drie[0] if a == "ID" else a for a in opdracht]
    env = {**os.environ, "JEUGDPLAN_DIR": str(repo_pad)}
    code = ("import sys\nfrom jeugdplan.cli.main import main\nsys.argv = ['jeugdplan', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "zwaar = ('pydantic', 'ruamel', 'yaml', 'jinja2', 'rich')\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & set(zwaar)), file=sys.stderr)")
    subprocess.run([sys.executable, "-c", code, *opdracht], env=env, capture_output=True,
                   check=True)
    warm = subprocess.run([sys.executable, "-c", code, *opdracht], env=env,
                          capture_output=True, text=True)
    assert warm.stderr.strip().splitlines()[-1] == "[]", warm.stderr


def test_show_volgt_plan_en_peildatum(drie: list[str], jp: Any, repo_pad: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Wat `show` en `meldcode next` onthouden, hangt af van de inhoud van het plan en de
    peildatum: een wijziging (ook buiten jeugdplan om) of een andere dag geeft het nieuwe
    antwoord."""
    voor = jp("show", drie[0]).stdout
    jp("signaal", "add", drie[0], "--domein", "thuis", "--omschrijving", "Moe en stil")
    assert "Moe en stil" in jp("show", drie[0]).stdout
    pad = repo_pad / "casussen" / drie[0] / "plan.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("Moe en stil", "Slaapt slecht"),
                   encoding="utf-8")
    assert "Slaapt slecht" in jp("show", drie[0]).stdout
    assert "Slaapt slecht" in jp.json("show", drie[0], "--json")["signalen"][-1]["omschrijving"]
    monkeypatch.setenv("JEUGDPLAN_VANDAAG", "2031-11-25")
    import re

    def leeftijd(tekst: str) -> int:
        gevonden = re.search(r"(\d+) jaar \(geboren", tekst)
        assert gevonden is not None
        return int(gevonden.group(1))

    assert leeftijd(jp("show", drie[0]).stdout) == leeftijd(voor) + 5


def test_dubbel_kind_na_naamswijziging_met_warme_cache(jp: Any, kind: Callable[..., str],
                                                       repo_pad: Path) -> None:
    """Wat `check` over casussen heen onthoudt (twee plannen voor één kind), volgt de namen:
    een naam die verandert buiten jeugdplan om geeft meteen de bevinding."""
    a = kind(voornaam="Sanne")
    b = kind(voornaam="Mila")
    assert "hetzelfde kind" not in jp("check").stdout
    pad = repo_pad / "casussen" / b / "plan.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("voornaam: Mila", "voornaam: Sanne"),
                   encoding="utf-8")
    uit = jp("check", code=1)
    assert f"waarschijnlijk hetzelfde kind als casus {a}" in uit.stdout + uit.stderr


def test_beschadigde_rij_naast_werkprocessen(drie: list[str], repo_pad: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Een onleesbare rij midden tussen wat werkprocessen uitrekenen: toch alles, op volgorde."""
    r = Repo.open(repo_pad)
    list(inlezen.per_plan(r, "school", school))
    with cache.Cache(repo_pad) as c:
        assert c.db is not None
        c.db.execute("UPDATE resultaat SET waarde = x'00' WHERE soort = 'school' AND inhoud = "
                     "(SELECT min(inhoud) FROM resultaat WHERE soort = 'school')")
        c.db.execute("DELETE FROM resultaat WHERE soort = 'school' AND inhoud = "
                     "(SELECT max(inhoud) FROM resultaat WHERE soort = 'school')")
    monkeypatch.setattr(inlezen, "PARALLEL_VANAF", 1)
    monkeypatch.setattr(inlezen, "BLOK", 1)
    assert [w for _i, w, _f in inlezen.per_plan(r, "school", partial(school))] == [
        "De Windroos"] * 3


def test_nieuwe_plannen_per_blok_bewaard(drie: list[str], repo_pad: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Koud lezen bewaart de plannen per blok (geheugen begrensd): alles komt in de cache."""
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    verwacht = lees(repo_pad)
    monkeypatch.delenv("JEUGDPLAN_CACHE")
    wis(repo_pad)
    monkeypatch.setattr(inlezen, "UITVOER_BLOK", 1)
    assert lees(repo_pad) == verwacht
    assert statistiek(repo_pad, tmp_path, monkeypatch) == {"uit_cache": 3, "gelezen": 0}


def test_lezen_laat_geen_kringverwijzingen_achter(drie: list[str], repo_pad: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`jeugdplan` draait zonder automatische garbage collector (`cli.main.main`): dat kan
    alleen zolang plannen lezen, valideren en afleiden geen kringverwijzingen achterlaten."""
    import gc
    from datetime import date

    from jeugdplan.diensten.controle import controleer_repository
    from jeugdplan.diensten.overzichten import overzicht_repo

    r = Repo.open(repo_pad)
    list(r.lees_alle())  # eenmalige dingen (modules, gegevens) vooraf
    monkeypatch.setenv("JEUGDPLAN_CACHE", "0")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            assert len(list(r.lees_alle())) == 3
            overzicht_repo(r, date(2026, 11, 25))
            controleer_repository(r, None, date(2026, 11, 25))
        assert gc.collect() == 0
    finally:
        gc.enable()
