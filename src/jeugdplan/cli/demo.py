"""`jeugdplan demo`: bouwt de demorepository en laat de belangrijkste opdrachten zien."""

from __future__ import annotations

from pathlib import Path

import typer

RONDLEIDING: list[tuple[str, list[str]]] = [
    ("Alle casussen, met wat aandacht vraagt", ["list"]),
    ("Wat is over tijd of binnen twee weken aan de beurt", ["agenda", "--weken", "2"]),
    ("Controle van alle plannen (fouten en waarschuwingen)", ["check"]),
    ("Eén integraal plan", ["show", "DEMO-01"]),
    ("Wie betrekken we bij Daan? (verwijzing volgens de IJmond-regels)", ["route", "DEMO-02"]),
    ("Meldcode bij Yusuf: wat is de volgende stap?", ["meldcode", "next", "DEMO-04"]),
    ("Signaal over een medewerker van de school", ["meldcode", "next", "DEMO-11"]),
    ("Thuiszittersrapportage voor de Inspectie (zonder namen)",
     ["report", "thuiszitters", "--format", "md"]),
    ("De geschiedenis van een casus", ["log", "DEMO-01"]),
]


def draai_demo(pad: Path) -> None:
    from jeugdplan.cli.main import cli
    from jeugdplan.diensten.demo import bouw_demo
    from jeugdplan.opslag.clock import vandaag

    typer.echo(f"Demorepository bouwen in {pad} ...", err=True)
    repo = bouw_demo(pad, vandaag())
    typer.echo(f"{len(repo.ids())} fictieve casussen aangemaakt in {repo.root}\n")
    commando = cli()
    for titel, args in RONDLEIDING:
        typer.echo(f"\n=== {titel}\n$ jeugdplan {' '.join(args)}")
        # Zonder standalone: een fout wordt getoond en de rondleiding gaat door.
        commando.main(["--dir", str(repo.root), *args], prog_name="jeugdplan",
                      standalone_mode=False)
    typer.echo(f"\nProbeer zelf: cd {pad} && jeugdplan --help")
