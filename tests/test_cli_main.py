"""De hoofdgroep laadt opdrachtmodules pas als ze nodig zijn (snelle `jeugdplan --help` en
`jeugdplan show`); de vaste tabel met namen en korte hulp moet kloppen met de echte opdrachten."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import jeugdplan.cli
from jeugdplan.cli import main
from jeugdplan.cli._click import click
from jeugdplan.cli.main import cli
from tests.conftest import Cli

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
            f"try:\n    cli().main({list(args)!r}, prog_name='jeugdplan')\n"
            "except SystemExit:\n    pass\n"
            "print('\\n'.join(sys.modules), file=sys.stderr)\n")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    return set(uit.stderr.split())


def _opdrachtmodules(geladen: set[str]) -> set[str]:
    return {m for m in main.MODULES if f"jeugdplan.cli.{m}" in geladen}


def test_elke_opdrachtmodule_staat_in_de_referentie() -> None:
    map_ = Path(jeugdplan.cli.__path__[0])
    met_registreer = {p.stem for p in map_.glob("*.py")
                      if "\ndef registreer(" in p.read_text(encoding="utf-8")}
    assert met_registreer == set(VROEGERE_VOLGORDE) == set(main.MODULES)


def test_tabel_klopt_met_de_echte_opdrachten() -> None:
    """Namen, volgorde, verborgen en korte hulp (bij elke breedte) zoals de volledige boom."""
    echt = json.loads(_python(VOLLEDIGE_BOOM))
    groep = cli()
    assert isinstance(groep, main.Groep)
    schets = [[naam, groep.commands.schets(naam).hidden,
               [groep.commands.schets(naam).get_short_help_str(n) for n in LIMIETEN]]
              for naam in groep.list_commands(click.Context(groep))]
    assert schets == echt


def test_tabel_verwijst_naar_de_juiste_module() -> None:
    for module in main.MODULES:
        for naam in main.opdrachten_van(module):
            assert main._OPDRACHTEN[naam][0] == module, naam


def test_een_opdracht_apart_gebouwd_is_dezelfde() -> None:
    """`main.opdracht` bouwt alleen de gevraagde opdracht; ze moet gelijk zijn aan die uit
    de hele module (opties, argumenten, hulp, subopdrachten)."""

    def beschrijf(c: click.Command) -> object:
        sub = ({n: beschrijf(o) for n, o in c.commands.items()}
               if isinstance(c, click.Group) else None)
        return (c.name, c.help, c.hidden, [(p.name, p.opts, p.required) for p in c.params], sub)

    for module in main.MODULES:
        for naam, volledig in main.opdrachten_van(module).items():
            assert beschrijf(main.opdracht(naam)) == beschrijf(volledig), naam


def test_help_laadt_geen_opdrachtmodule() -> None:
    for args in (["--help"], [], ["--version"], ["bestaatniet"]):
        geladen = _geladen_na(*args)
        assert "jeugdplan.cli.main" in geladen
        assert _opdrachtmodules(geladen) == set(), args
        assert not {m for m in geladen if m.split(".")[0] in ZWAAR or m in ZWAAR}, args


def test_een_opdracht_laadt_alleen_haar_eigen_module() -> None:
    assert _opdrachtmodules(_geladen_na("show", "--help")) == {"casus"}
    assert _opdrachtmodules(_geladen_na("signaal", "--help")) == {"onderdelen"}
    # report meldcode komt uit de meldcodemodule
    assert _opdrachtmodules(_geladen_na("report", "--help")) == {"report", "meldcode"}


def test_opdrachten_opzoeken_zonder_alles_te_laden() -> None:
    groep = typer.main.get_command(main.app)
    assert isinstance(groep, main.Groep)
    assert "show" in groep.commands and "bestaatniet" not in groep.commands
    assert list(groep.commands) == list(main._OPDRACHTEN)
    assert len(groep.commands) == len(main._OPDRACHTEN)
    assert groep.get_command(click.Context(groep), "bestaatniet") is None
    with pytest.raises(KeyError):
        groep.commands["bestaatniet"]
    show = groep.get_command(click.Context(groep), "show")
    assert show is not None and show.name == "show" and show is groep.commands["show"]


def test_add_command_en_verwijderen_werken_nog() -> None:
    groep = typer.main.get_command(main.app)
    assert isinstance(groep, main.Groep)

    @click.command("extra", help="Een extra opdracht.")
    def extra() -> None:
        click.echo("extra gedaan")

    groep.add_command(extra)
    del groep.commands["demo"]
    ctx = click.Context(groep)
    assert groep.list_commands(ctx)[-1] == "extra"
    assert "demo" not in groep.list_commands(ctx) and "demo" not in groep.commands
    hulp = groep.get_help(ctx)
    assert "Een extra opdracht." in hulp and "  demo " not in hulp
    assert groep.get_command(ctx, "extra") is extra
    with pytest.raises(KeyError):
        del groep.commands["demo"]


def test_hulp_somt_alle_zichtbare_opdrachten_op_met_korte_hulp() -> None:
    uit = Cli(None)("--help").stdout
    for naam in main._OPDRACHTEN:
        regel = [r for r in uit.splitlines() if r.startswith(f"  {naam} ")]
        assert bool(regel) == (naam not in main._VERBORGEN), naam
    assert "  show           Toon een plan, leesbaar of als JSON met dezelfde" in uit


def test_tab_aanvulling_zoals_de_echte_opdrachten() -> None:
    groep = cli()
    ctx = click.Context(groep)
    items = groep.shell_complete(ctx, "s")
    assert [(i.value, i.help) for i in items] == [
        (naam, groep.commands[naam].get_short_help_str())
        for naam in ("show", "samenvoegen", "sync", "signaal", "sleutel")]
    assert [i.value for i in groep.shell_complete(ctx, "m")] == ["meldcode"]  # merge-driver verborgen
    assert "--dir" in [i.value for i in groep.shell_complete(ctx, "--")]


def test_onbekende_opdracht_met_suggestie() -> None:
    r = Cli(None)("shw", code=2)
    assert "onbekende opdracht 'shw' (bedoelde u 'show'?)" in r.stderr
    assert "show" in r.stderr


def test_report_meldcode_in_een_nieuw_proces() -> None:
    """`report meldcode` komt uit de meldcodemodule; ook als niets anders geladen is."""
    uit = subprocess.run([sys.executable, "-m", "jeugdplan", "report", "meldcode", "--help"],
                         capture_output=True, text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.startswith("Gebruik: jeugdplan report meldcode")
