"""jeugdplan: één kind, één plan.

Integrale plannen als YAML in een git-repository, verwijzing volgens regionale regels,
de meldcode stap voor stap en rapportages (thuiszitters, plandocument, kwaliteit).
De domeinbibliotheek drukt nooit iets af; de opdrachtregel staat in `jeugdplan.cli`.
"""

__version__ = "0.1.0"
