"""`jeugdplan report ...`: rapportages uit Jinja-sjablonen (thuiszitters, plan, kwaliteit,
meldcode). Elke rapportage is een opdracht in `report_app`."""

from __future__ import annotations

import typer

from jeugdplan.cli.common import nieuwe_app

report_app = nieuwe_app("Rapportages: thuiszitters, het plandocument, kwaliteit, meldcodedossier.")


def registreer(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
