"""The `samverkan` command line: one Typer app, with a module per family of commands.

Every command calls the same functions as the web pages and the tests. Errors the user can cause
(`samverkan.errors.SamverkanError`) are printed in Swedish and English and exit with 1; usage
errors exit with 2 (Typer's own); no traceback reaches the user.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from samverkan.errors import SamverkanError

app = typer.Typer(
    name="samverkan",
    help="Tid, kostnad och samverkan i barnavårdsutredningar / "
    "Time, cost and collaboration in child-welfare investigations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True)


def _register() -> None:
    # Imported here so that each module can import `app` from this one.
    from samverkan.cli import case_commands, followup_commands, web_commands  # noqa: F401


def main() -> None:
    """Entry point: run the app, turning user errors into a message and exit code 1."""
    _register()
    try:
        app(standalone_mode=True)
    except SamverkanError as error:
        report_error(error)
        sys.exit(1)


def report_error(error: SamverkanError) -> None:
    err_console.print(error.message("sv"), markup=False, highlight=False)
    err_console.print()
    err_console.print(error.message("en"), markup=False, highlight=False)
