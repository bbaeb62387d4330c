"""De hoofdgroep laadt opdrachtmodules pas als ze nodig zijn (snelle `jeugdplan --help` en
`jeugdplan show`, via `list_commands`/`get_command`); de tabel `_OPDRACHTEN` met namen en korte
hulp moet kloppen met de echte opdrachten; fouten van typer zelf zijn Nederlands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import typer
from typer.core import TyperGroup

import jeugdplan.cli
from jeugdplan.cli import main, nl
from jeugdplan.cli.main import cli
from tests.conftest import Cli, opdrachten

# Zoals de hoofdgroep vroeger alle modules tegelijk registreerde (casus, onderdelen en dan de
# uitbreidingen): de referentie voor namen, volgorde, korte hulp en verborgen opdrachten.
VROEGERE_VOLGORDE = ["casus", "onderdelen", "opp", "meldcode", "route", "verzuim", "report", "samen",
                     "privacy", "versleuteling"]

LIMIETEN = [10, 20, 30, 40, 45, 50, 60, 70, 80, 100, 120, 200]

VOLLEDIGE_BOOM = f"""
import importlib, json
import typer
from jeugdplan.cli.common import nieuwe_app

app = nieuwe_app("jeugdplan")
for naam in {VROEGERE_VOLGORDE!r}:
    importlib.import_module("jeugdplan.cli." + naam).registreer(app)
groep = typer.main.get_group(app)
print(json.dumps([[naam, opdracht.hidden, [opdracht.get_short_help_str(n) for n in {LIMIETEN!r}]]
                  for naam, opdracht in groep.commands.items()]))
"""

ZWAAR = ("pydantic", "ruamel", "rich", "jinja2", "yaml", "jeugdplan.domein.model", "jeugdplan.opslag.store")


def _python(code: str) -> str:
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    return uit.stdout


def _geladen_na(*args: str) -> set[str]:
    """De modules die geladen zijn nadat `jeugdplan ARGS` (in een nieuw proces) klaar is."""
    code = ("import sys\n"
            "from jeugdplan.cli.main import cli\n"
            f"cli().main({list(args)!r}, prog_name='jeugdplan', standalone_mode=False)\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    return set(uit.stderr.split())


def _opdrachtmodules(geladen: set[str]) -> set[str]:
    return {m for m in main.MODULES if f"jeugdplan.cli.{m}" in geladen}


def test_elke_opdrachtmodule_staat_in_de_tabel() -> None:
    map_ = Path(jeugdplan.cli.__path__[0])
    met_registreer = {p.stem for p in map_.glob("*.py")
                      if "\ndef registreer(" in p.read_text(encoding="utf-8")}
    assert met_registreer == set(VROEGERE_VOLGORDE) == set(main.MODULES)


def test_tabel_klopt_met_de_echte_opdrachten() -> None:
    """Namen, volgorde, verborgen en korte hulp (bij elke breedte) zoals de volledige boom."""
    echt = json.loads(_python(VOLLEDIGE_BOOM))
    groep = cli()
    schetsen = [main._schets(naam) for naam in groep.list_commands(typer.Context(groep))]
    assert [[s.name, s.hidden, [s.get_short_help_str(n) for n in LIMIETEN]]
            for s in schetsen] == echt


def test_tabel_verwijst_naar_de_juiste_module() -> None:
    for module in main.MODULES:
        for naam in main.module_opdrachten(module):
            assert main._OPDRACHTEN[naam][0] == module, naam


def test_elke_opdracht_en_groep_is_nederlands() -> None:
    """Elke opdracht en groep gebruikt de klassen van nl.py (gebruiksregel en hulp)."""
    def alle(commandos: dict) -> list:
        return [c for sub in commandos.values()
                for c in [sub, *(alle(sub.commands) if isinstance(sub, TyperGroup) else [])]]

    for commando in alle(opdrachten()):
        assert isinstance(commando, nl.Opdracht | nl.Groep), commando.name


def test_help_laadt_geen_opdrachtmodule() -> None:
    for args in (["--help"], [], ["--version"], ["bestaatniet"]):
        geladen = _geladen_na(*args)
        assert "jeugdplan.cli.main" in geladen
        assert _opdrachtmodules(geladen) == set(), args
        # typer 0.29 laadt pydantic voor elke opdracht: daarom typer<0.29 (pyproject.toml)
        assert not {m for m in geladen if m.split(".")[0] in ZWAAR or m in ZWAAR}, args


def test_een_opdracht_laadt_alleen_haar_eigen_module() -> None:
    assert _opdrachtmodules(_geladen_na("show", "--help")) == {"casus"}
    assert _opdrachtmodules(_geladen_na("signaal", "--help")) == {"onderdelen"}
    # report meldcode komt uit de meldcodemodule
    assert _opdrachtmodules(_geladen_na("report", "--help")) == {"report", "meldcode"}


def test_opdrachten_opzoeken() -> None:
    groep = cli()
    ctx = typer.Context(groep)
    assert groep.list_commands(ctx) == list(main._OPDRACHTEN)
    assert groep.get_command(ctx, "bestaatniet") is None
    show = groep.get_command(ctx, "show")
    assert show is not None and show.name == "show"
    assert groep.get_command(ctx, "show") is show  # één keer gebouwd


def test_add_command_werkt_nog() -> None:
    groep = cli()

    def extra() -> None:
        typer.echo("extra gedaan")

    groep.add_command(nl.Opdracht("extra", callback=extra, help="Een extra opdracht."))
    ctx = typer.Context(groep)
    assert groep.list_commands(ctx)[-1] == "extra"
    assert "Een extra opdracht." in groep.get_help(ctx)
    assert groep.main(["extra"], prog_name="jeugdplan", standalone_mode=False) == 0


def test_hulp_somt_alle_zichtbare_opdrachten_op_met_korte_hulp() -> None:
    uit = Cli(None)("--help").stdout
    for naam in main._OPDRACHTEN:
        regel = [r for r in uit.splitlines() if r.startswith(f"  {naam} ")]
        assert bool(regel) == (naam not in main._VERBORGEN), naam
    assert "  show           Toon een plan, leesbaar of als JSON met dezelfde" in uit


def test_tab_aanvulling_zoals_de_echte_opdrachten() -> None:
    groep = cli()
    ctx = typer.Context(groep)
    items = groep.shell_complete(ctx, "s")
    echt = opdrachten()
    assert [(i.value, i.help) for i in items] == [
        (naam, echt[naam].get_short_help_str())
        for naam in ("show", "samenvoegen", "sync", "signaal", "sleutel")]
    assert [i.value for i in groep.shell_complete(ctx, "m")] == ["meldcode"]  # merge-driver verborgen
    assert "--dir" in [i.value for i in groep.shell_complete(ctx, "--")]


def test_onbekende_opdracht_met_suggestie() -> None:
    r = Cli(None)("shw", code=2)
    assert r.stderr.endswith("fout: onbekende opdracht 'shw' (bedoelde u 'show'?)\n")
    r = Cli(None)("signaal", "ad", code=2)
    assert "fout: onbekende opdracht 'ad' (bedoelde u 'add'?)" in r.stderr


def test_fouten_van_typer_zijn_nederlands() -> None:
    """In dezelfde stijl als de eigen meldingen: kleine letter, geen punt, de optie zonder
    aanhalingstekens (wat de gebruiker typte wel)."""
    jp = Cli(None)
    r = jp("show", code=2)
    assert r.stderr == ("Gebruik: jeugdplan show [OPTIES] ID\n"
                        "Zie 'jeugdplan show --help' voor hulp.\n\n"
                        "fout: argument ID ontbreekt\n")
    assert jp("show", "X", "--bla", code=2).stderr.endswith("fout: onbekende optie '--bla'\n")
    assert jp("list", "extra", code=2).stderr.endswith(
        "fout: onverwacht extra argument (extra)\n")
    assert jp("close", "X", code=2).stderr.endswith("fout: optie --reden ontbreekt\n")
    assert jp("agenda", "--weken", "veel", code=2).stderr.endswith(
        "fout: --weken: 'veel' is geen geheel getal\n")
    assert jp("agenda", "--weken", "9999", code=2).stderr.endswith(
        "fout: --weken: 9999 ligt buiten het bereik (0 tot en met 520)\n")
    assert jp("show", "--op", code=2).stderr.endswith(
        "fout: optie --op heeft een waarde nodig\n")
    # zonder opdracht: de hulp, exitcode 2
    assert jp(code=2).stderr.startswith("Gebruik: jeugdplan [OPTIES] OPDRACHT [ARGUMENTEN]...")


def test_report_meldcode_in_een_nieuw_proces() -> None:
    """`report meldcode` komt uit de meldcodemodule; ook als niets anders geladen is."""
    uit = subprocess.run([sys.executable, "-m", "jeugdplan", "report", "meldcode", "--help"],
                         capture_output=True, text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.startswith("Gebruik: jeugdplan report meldcode")


def test_main_zet_de_garbage_collector_uit_en_bevriest_bij_afsluiten(monkeypatch) -> None:
    """Eén opdracht per proces: geen automatische gc, en bij het afsluiten geen laatste ronde
    over alle objecten (die kostte na een bewerking ~0,3 s); ook na een fout (exitcode)."""
    import gc

    monkeypatch.setattr(sys, "argv", ["jeugdplan", "bestaat-niet"])
    try:
        main.main()
    except SystemExit as e:
        assert e.code == 2
    finally:
        uit, bevroren = not gc.isenabled(), gc.get_freeze_count()
        gc.unfreeze()
        gc.enable()
    assert uit and bevroren > 0
