"""Het click-pakket waarop typer bouwt; alle CLI-code importeert click hier.

typer is vastgezet op <0.20: nieuwere versies leveren een eigen, onvolledige kopie van click
mee (`typer._click`) zonder `UsageError` en `testing`; deze module is de ene plek om dat
later aan te passen."""

from __future__ import annotations

import click

__all__ = ["click"]
