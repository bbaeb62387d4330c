"""Maakt `python -m jeugdplan` mogelijk."""

from jeugdplan.cli.main import main

main()
