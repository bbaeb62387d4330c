"""De opdrachtregel `jeugdplan`: hoofdapp, globale opties en de ene foutafhandeling.

Exitcodes: 0 gelukt; 1 een probleem dat de gebruiker kan oplossen (ongeldig plan, onbekende
casus, geweigerde stap); 2 verkeerd gebruik (onbekende optie, ontbrekend argument).
Een `JeugdplanError` wordt één Nederlandse regel op stderr, nooit een traceback.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

import typer
import typer.core

from jeugdplan import __version__
from jeugdplan.cli import nl
from jeugdplan.cli._click import click
from jeugdplan.cli.common import nieuwe_app, staat
from jeugdplan.errors import GebruiksFout, JeugdplanError


class _Fout(click.ClickException):
    """Een `JeugdplanError` in de vorm die click begrijpt (exitcode 1; een `GebruiksFout`
    wordt een `_GebruikFout` met exitcode 2)."""

    exit_code = 1

    def __init__(self, fout: JeugdplanError) -> None:
        super().__init__(fout.melding)

    def show(self, file: Any = None) -> None:
        click.echo(f"fout: {self.message}", err=True)


class _GebruikFout(click.UsageError):
    """Een `GebruiksFout`: toont het gebruik van de opdracht, exitcode 2."""


class Groep(typer.core.TyperGroup):
    """Hoofdgroep die domeinfouten omzet in nette meldingen met de juiste exitcode."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GebruiksFout as e:
            raise _GebruikFout(e.melding) from None
        except JeugdplanError as e:
            raise _Fout(e) from None
        except Exception as e:
            if type(e).__name__ != "ValidationError":
                raise
            from jeugdplan.validatie import problemen_uit

            problemen = problemen_uit(e, "invoer")  # type: ignore[arg-type]
            raise _Fout(JeugdplanError("; ".join(str(p) for p in problemen))) from None
        except KeyboardInterrupt:
            raise _Fout(JeugdplanError("afgebroken; er is niets half geschreven")) from None


app = nieuwe_app(
    "jeugdplan: één kind, één plan. Integrale plannen in een git-repository, verwijzing "
    "volgens regionale regels, de meldcode stap voor stap en rapportages.",
    cls=Groep,
    name="jeugdplan",
)


def _versie(waarde: bool) -> None:
    if waarde:
        typer.echo(f"jeugdplan {__version__}")
        raise typer.Exit()


@app.callback()
def _hoofd(
    dir: Annotated[
        str | None,
        typer.Option("--dir", metavar="PAD", help="De casusrepository (anders JEUGDPLAN_DIR, "
                     "of de map met jeugdplan.yaml in of boven de werkmap)."),
    ] = None,
    versie: Annotated[
        bool, typer.Option("--version", help="Toon de versie en stop.", callback=_versie,
                           is_eager=True),
    ] = False,
) -> None:
    """jeugdplan: één kind, één plan."""
    staat.dir = dir


def _registreer() -> None:
    # Elke opdrachtgroep staat in een eigen module; die importeert alleen typer.
    from jeugdplan.cli import casus, onderdelen

    casus.registreer(app)
    onderdelen.registreer(app)
    # --- uitbreidingen (meldcode, verwijzing, verzuim, rapportages, samenwerken) ---
    # Elke module hieronder heeft een functie `registreer(app)`.
    import importlib

    for naam in _UITBREIDINGEN:
        try:
            module = importlib.import_module(f"jeugdplan.cli.{naam}")
        except ModuleNotFoundError as e:
            if e.name != f"jeugdplan.cli.{naam}":
                raise
            continue
        module.registreer(app)


_UITBREIDINGEN = ["meldcode", "route", "verzuim", "report", "samen", "privacy", "versleuteling"]

_COMPLETION_HULP = {
    "install_completion": "Installeer aanvulling (tab-completion) voor de huidige shell.",
    "show_completion": "Toon het aanvulscript voor de huidige shell.",
}


@cache
def cli() -> click.Command:
    """Het click-commando (gebouwd en vertaald), ook voor tests met CliRunner."""
    nl.installeer()
    _registreer()
    commando = typer.main.get_command(app)
    for param in commando.params:
        if param.name in _COMPLETION_HULP and isinstance(param, click.Option):
            param.help = _COMPLETION_HULP[param.name]
    return commando


def main() -> None:
    cli()(prog_name="jeugdplan")
