"""Het click dat typer gebruikt: nieuwere typer-versies leveren een eigen kopie mee
(`typer._click`), oudere gebruiken het pakket `click`. Alle CLI-code importeert click hier."""

from __future__ import annotations

try:
    from typer import _click as click  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - oudere typer
    import click  # type: ignore[no-redef]

__all__ = ["click"]
