"""Benchmark van jeugdplan op een grote casusrepository (gemaakt met bench/generate.py).

    python bench/run.py MAP [--herhaal 3] [--json uitvoer.json]

Meet in één run, steeds als subproces van de geïnstalleerde `jeugdplan`:

- de basislijn: elk plan openen en lezen in Python (`python -c`, inclusief opstarten);
- de C-lader van PyYAML op dezelfde bestanden (één proces), de maat voor koud lezen;
- `report thuiszitters --format json`, `check` en `list --json`: warm (cache gevuld) en
  koud (cache gewist);
- andere overzichten warm, zonder doel: `list` als tabel, `agenda` (ook `--ics`),
  `bewaartermijn`, `report kwaliteit` en `report thuiszitters` als markdown;
- één plan gewijzigd (via `signaal add`, en buiten jeugdplan om): daarna `list --json`, en
  hoeveel plannen opnieuw gelezen of uitgerekend werden (JEUGDPLAN_CACHE_STATS);
- losse-casusopdrachten (`show`, `route`, `meldcode next`) en `--help` tegen het opstarten
  van `python -c "import typer"`;
- bewerkende opdrachten (`signaal add`, `new`) op de hele repository;
- het piekgeheugen per opdracht (ru_maxrss van het subproces; werkprocessen tellen apart).

Elke meting is de beste van `--herhaal` keer en staat als verhouding tot zijn basislijn met
PASS/FAIL tegen de doelen van issue 13. De benchmark wijzigt de repository (signaal add):
gebruik een gegenereerde map, geen echte casussen.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

VANDAAG = "2026-11-25"

_MEET = r"""
import json, resource, subprocess, sys, time
args = json.loads(sys.argv[1])
begin = time.perf_counter()
klaar = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
duur = time.perf_counter() - begin
piek = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"tijd": duur, "piek_kb": piek, "code": klaar.returncode,
                  "stderr": klaar.stderr.decode("utf-8", "replace")[-400:]}))
"""

_BASISLIJN = r"""
import os, sys
casussen = os.path.join(sys.argv[1], "casussen")
n = 0
for e in os.scandir(casussen):
    if e.is_dir():
        with open(os.path.join(e.path, "plan.yaml"), "rb") as f:
            n += len(f.read())
"""

_PYYAML = r"""
import os, sys, yaml
casussen = os.path.join(sys.argv[1], "casussen")
for e in os.scandir(casussen):
    if e.is_dir():
        with open(os.path.join(e.path, "plan.yaml"), "rb") as f:
            yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""


def omgeving(cachemap: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        # Een eigen cache- en bewerkmap: wissen raakt niets van de gebruiker.
        "XDG_CACHE_HOME": str(cachemap / "cache"), "XDG_STATE_HOME": str(cachemap / "state"),
        "JEUGDPLAN_VANDAAG": VANDAAG, "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "Benchmark", "GIT_AUTHOR_EMAIL": "benchmark@voorbeeld.nl",
        "GIT_COMMITTER_NAME": "Benchmark", "GIT_COMMITTER_EMAIL": "benchmark@voorbeeld.nl",
    })
    env.pop("JEUGDPLAN_CACHE", None)
    return env


def meet_een(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    uit = subprocess.run([sys.executable, "-c", _MEET, json.dumps(args)], env=env,
                         capture_output=True, text=True, check=True)
    resultaat: dict[str, Any] = json.loads(uit.stdout)
    return resultaat


def meet(args: list[str], env: dict[str, str], herhaal: int,
         voor: Any = None) -> dict[str, Any]:
    """Beste tijd van `herhaal` keer; `voor()` draait vóór elke meting (bijv. cache wissen)."""
    beste: dict[str, Any] | None = None
    piek = 0
    for _ in range(herhaal):
        if voor is not None:
            voor()
        r = meet_een(args, env)
        piek = max(piek, r["piek_kb"])
        if beste is None or r["tijd"] < beste["tijd"]:
            beste = r
    assert beste is not None
    beste["piek_kb"] = piek
    return beste


def jeugdplan() -> str:
    # Het script naast deze Python (een venv, of de Python zelf); niet een shim op PATH (pyenv
    # zet er een bash-script voor dat elke meting ~0,1 s extra zou geven).
    naast = Path(sys.executable).parent / "jeugdplan"
    pad = str(naast) if naast.is_file() else shutil.which("jeugdplan")
    if pad is None:
        sys.exit("jeugdplan is niet geïnstalleerd (pip install -e .)")
    # Zoals bij een gebruiker: met bytecode (.pyc). Een bewerkbare installatie schrijft die pas
    # bij het eerste gebruik, en met PYTHONDONTWRITEBYTECODE nooit; dan zou elke meting het
    # compileren van alle modules meetellen (typer zelf is bij installatie al gecompileerd).
    import compileall

    import jeugdplan as pakket

    compileall.compile_dir(str(Path(pakket.__file__).parent), quiet=1)
    return pad


def bestaat(jp: str, *opdracht: str) -> bool:
    return subprocess.run([jp, *opdracht, "--help"], capture_output=True).returncode == 0


def wis_cache(env: dict[str, str]) -> None:
    shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van jeugdplan (issue 13).")
    parser.add_argument("map", type=Path, help="casusrepository van bench/generate.py")
    parser.add_argument("--herhaal", type=int, default=3, help="metingen per opdracht")
    parser.add_argument("--koud-herhaal", type=int, default=1, help="metingen koud")
    parser.add_argument("--zonder-koud", action="store_true",
                        help="sla de koude metingen over (bij 100.000 plannen geen doel)")
    parser.add_argument("--json", type=Path, default=None, help="schrijf de cijfers ook als JSON")
    args = parser.parse_args(argv)
    root = args.map.resolve()
    cachemap = Path(tempfile.mkdtemp(prefix="jeugdplan-bench-"))
    env = omgeving(cachemap)
    jp = jeugdplan()
    n = args.herhaal
    ids = sorted(e.name for e in os.scandir(root / "casussen") if e.is_dir())
    aantal = len(ids)
    eerste = _open_casus(root, ids)
    basis = ["--dir", str(root)]
    regels: list[dict[str, Any]] = []

    def rapporteer(naam: str, r: dict[str, Any], grond: float, grond_naam: str,
                   doel: float | None, extra: str = "") -> None:
        verhouding = r["tijd"] / grond if grond else float("nan")
        ok = (doel is None or verhouding <= doel) and r.get("code", 0) in (0, None)
        oordeel = "-" if doel is None else ("PASS" if ok else "FAIL")
        if r.get("code") not in (0, None):
            oordeel = f"FAIL (exit {r['code']})"
        regels.append({"meting": naam, "tijd_s": round(r["tijd"], 3),
                       "verhouding": round(verhouding, 2), "t.o.v.": grond_naam,
                       "doel": doel, "oordeel": oordeel, "piek_mb": round(r["piek_kb"] / 1024, 1),
                       "extra": extra})
        doeltekst = f"<= {doel}x" if doel is not None else ""
        print(f"{naam:44s} {r['tijd']:8.3f} s  {verhouding:6.2f}x {grond_naam:13s} {doeltekst:8s}"
              f" {oordeel:6s} {r['piek_kb'] / 1024:7.0f} MB {extra}", flush=True)
        if r.get("code") not in (0, None) and r.get("stderr"):
            print("    stderr: " + r["stderr"].strip().splitlines()[-1], flush=True)

    print(f"jeugdplan-benchmark: {aantal} plannen in {root}; {os.cpu_count()} kernen; "
          f"Python {sys.version.split()[0]}; beste van {n}; belasting (loadavg) "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    # Basislijnen.
    gelezen = meet([sys.executable, "-c", _BASISLIJN, str(root)], env, n)
    pyyaml = ({"tijd": float("nan"), "piek_kb": 0} if args.zonder_koud else
              meet([sys.executable, "-c", _PYYAML, str(root)], env, max(1, min(n, 2))))
    typer_start = meet([sys.executable, "-c", "import typer"], env, max(n, 5))
    rapporteer("basislijn: open+read alle plannen", gelezen, gelezen["tijd"], "basislijn", None)
    rapporteer("PyYAML C-lader, alle plannen", pyyaml, gelezen["tijd"], "basislijn", None)
    rapporteer("python -c 'import typer'", typer_start, typer_start["tijd"], "import typer", None)

    lijstopdrachten: list[tuple[str, list[str]]] = []
    if bestaat(jp, "report", "thuiszitters"):
        lijstopdrachten.append(("report thuiszitters --format json",
                                ["report", "thuiszitters", "--format", "json"]))
    lijstopdrachten += [("check", ["check"]), ("list --json", ["list", "--json"])]

    # Koud: cache gewist vóór elke meting.
    for naam, opdracht in [] if args.zonder_koud else lijstopdrachten:
        r = meet([jp, *basis, *opdracht], env, args.koud_herhaal, voor=lambda: wis_cache(env))
        rapporteer(f"koud: {naam}", r, pyyaml["tijd"], "PyYAML C", 1.0)
    # Warm: eerst elke opdracht één keer (vult de cache voor haar eigen soort; met --herhaal 1
    # zou de meting anders die eerste vulling zijn).
    for _naam, opdracht in lijstopdrachten:
        subprocess.run([jp, *basis, *opdracht], env=env, capture_output=True)
    doel_warm = 2.0
    for naam, opdracht in lijstopdrachten:
        r = meet([jp, *basis, *opdracht], env, n)
        rapporteer(f"warm: {naam}", r, gelezen["tijd"], "basislijn", doel_warm,
                   "" if aantal < 100_000 else "(geheugen < 500 MB)")

    # Andere overzichten over de hele repository, warm (geen doel in issue 13; de maat is die
    # van warm `list`): een tabel, agenda of rapport mag niet elk volledig plan lezen of elke
    # cel apart opmaken (list deed eens 11 s over 10.000 casussen).
    overige = [("list (tabel)", ["list"]), ("agenda", ["agenda"]),
               ("agenda --ics", ["agenda", "--ics"]), ("bewaartermijn", ["bewaartermijn"]),
               ("report kwaliteit --format json", ["report", "kwaliteit", "--format", "json"]),
               ("report thuiszitters (md)", ["report", "thuiszitters"])]
    for naam, opdracht in overige:
        if bestaat(jp, *opdracht):
            subprocess.run([jp, *basis, *opdracht], env=env, capture_output=True)
            r = meet([jp, *basis, *opdracht], env, n)
            rapporteer(f"warm: {naam}", r, gelezen["tijd"], "basislijn", None)

    # Bewerken: één signaal toevoegen (parse, valideer, schrijf, commit).
    bewerk = [jp, *basis, "signaal", "add", eerste, "--domein", "gedrag", "--omschrijving",
              "Benchmark: onrustig in de klas."]
    # Het doel voor bewerken geldt bij 10.000 plannen; bij veel meer: alleen meten.
    doel_bewerken = 0.5 if aantal <= 20_000 else None
    r = meet(bewerk, env, n)
    rapporteer("bewerken: signaal add (absoluut, doel 0,5 s)", r, 1.0, "1 seconde",
               doel_bewerken)
    # Een nieuw plan: ook de controle op één kind, één plan (over alle plannen) telt mee.
    nieuw = [jp, *basis, "new", "--voornaam", "Bench", "--achternaam", "Meting",
             "--geboortedatum", "2015-05-05", "--gemeente", "Velsen", "--school", "De Windroos",
             "--onderwijssoort", "po", "--toch"]
    r = meet(nieuw, env, n)
    rapporteer("bewerken: new (absoluut, doel 0,5 s)", r, 1.0, "1 seconde", doel_bewerken)

    # Eén plan gewijzigd: na een bewerking door jeugdplan (dat zet het plan meteen in de
    # cache: het overzicht van dat ene plan wordt opnieuw uitgerekend, zonder het bestand te
    # lezen) en buiten jeugdplan om (editor, git pull): alleen dat plan opnieuw lezen.
    plan_pad = root / "casussen" / eerste / "plan.yaml"
    for naam, wijzig, verwacht in (
            ("na signaal add: list --json", lambda: subprocess.run(bewerk, env=env,
                                                                   capture_output=True), 1),
            ("na wijziging buiten jeugdplan: list --json",
             lambda: plan_pad.write_text(plan_pad.read_text(encoding="utf-8")
                                         + "# benchmark\n", encoding="utf-8"), 1)):
        def voor(wijzig: Any = wijzig) -> None:
            subprocess.run([jp, *basis, "list", "--json"], env=env, capture_output=True)
            wijzig()

        with tempfile.TemporaryDirectory() as tmp:
            stats = Path(tmp) / "stats.json"
            env_stats = {**env, "JEUGDPLAN_CACHE_STATS": str(stats)}
            r = meet([jp, *basis, "list", "--json"], env_stats, n, voor=voor)
            try:
                s = json.loads(stats.read_text())
                extra = f"opnieuw gelezen: {s['gelezen']}, uit cache: {s['uit_cache']}"
                herlezen_ok = s["gelezen"] == verwacht
            except (OSError, ValueError, KeyError):
                extra, herlezen_ok = "geen cachestatistiek", False
            rapporteer(naam, r, gelezen["tijd"], "basislijn", doel_warm,
                       extra + ("" if herlezen_ok else f" (FAIL: niet precies {verwacht})"))
        if not herlezen_ok:
            regels[-1]["oordeel"] = "FAIL"

    # Losse casus en --help tegen het opstarten van typer.
    losse: list[tuple[str, list[str], float]] = [
        ("--help", ["--help"], 1.5), ("show", ["show", eerste], 3.5),
        ("show --json", ["show", eerste, "--json"], 3.5)]
    if bestaat(jp, "route"):
        losse.append(("route", ["route", eerste], 3.5))
    if bestaat(jp, "meldcode", "next"):
        met_meldcode = _met_meldcode(root, ids)
        losse.append(("meldcode next", ["meldcode", "next", met_meldcode or eerste], 3.5))
    for naam, opdracht, doel in losse:
        r = meet([jp, *basis, *opdracht], env, max(n, 3))
        rapporteer(f"los: {naam}", r, typer_start["tijd"], "import typer", doel)

    if args.json:
        args.json.write_text(json.dumps({"plannen": aantal, "kernen": os.cpu_count(),
                                         "metingen": regels}, indent=2, ensure_ascii=False))
    shutil.rmtree(cachemap, ignore_errors=True)
    mislukt = [r["meting"] for r in regels if r["oordeel"].startswith("FAIL")]
    print(f"\n{len(mislukt)} doel(en) niet gehaald" + (": " + "; ".join(mislukt) if mislukt
                                                      else ""))
    return 0


def _open_casus(root: Path, ids: list[str]) -> str:
    """Een casus rond het midden die nog open is (een afgesloten plan wijzigt niet meer)."""
    for ident in ids[len(ids) // 2:] + ids[:len(ids) // 2]:
        with open(root / "casussen" / ident / "plan.yaml", encoding="utf-8") as f:
            if "\nstatus: afgesloten" not in f.read():
                return ident
    return ids[len(ids) // 2]


def _met_meldcode(root: Path, ids: list[str]) -> str | None:
    """Een casus met een meldcodespoor (de generator geeft een paar procent er een)."""
    for ident in ids[:2000]:
        with open(root / "casussen" / ident / "plan.yaml", encoding="utf-8") as f:
            if "\nmeldcode:" in f.read():
                return ident
    return None


if __name__ == "__main__":
    begin = time.perf_counter()
    code = main()
    print(f"(benchmark duurde {time.perf_counter() - begin:.0f} s)")
    sys.exit(code)
