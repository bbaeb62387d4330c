"""Rapporten: één Jinja-omgeving en de context van elk rapport."""
