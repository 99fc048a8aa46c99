"""`samverkan followup …`: event-log import, indicators and comparison across units."""

from __future__ import annotations

import typer

from samverkan.cli import app

followup_app = typer.Typer(
    help="Uppföljning från händelseloggar / Follow-up from event logs.", no_args_is_help=True
)
app.add_typer(followup_app, name="followup")
