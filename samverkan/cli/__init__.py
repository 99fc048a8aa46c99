"""The `samverkan` command line: one Typer app, with a module per family of commands.

Every command calls the same functions as the web pages and the tests. Errors the user can cause
(`samverkan.errors.SamverkanError`) are printed in Swedish and English and exit with 1; usage
errors exit with 2 (Typer's own, and `OptionError` for an option's value that cannot be used);
no traceback reaches the user.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from samverkan.errors import FileAccessError, OptionError, SamverkanError

app = typer.Typer(
    name="samverkan",
    help="Tid, kostnad och samverkan i barnavårdsutredningar / "
    "Time, cost and collaboration in child-welfare investigations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[..., None]]:
    """A progress bar for long work; yields the callback `(done, total, note="")` that moves
    it (a total of None for work whose end is not known; the note is shown after the label).

    It is drawn on stderr and removed when done, so that JSON on stdout stays clean.
    """
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int | None, note: str = "") -> None:
            progress.update(task, completed=done, total=total,
                            description=f"{label}: {note}" if note else label)

        yield advance


def _register() -> None:
    # Imported here so that each module can import `app` from this one.
    from samverkan.cli import (  # noqa: F401
        case_commands,
        followup_commands,
        invest_commands,
        report_commands,
        simulate_commands,
        web_commands,
    )


def main() -> None:
    """Entry point: run the app, turning user errors and unreadable or unwritable files into a
    message and exit code 1."""
    _register()
    try:
        app(standalone_mode=True)
    except OptionError as error:  # a usage error, like Typer's own
        report_error(error)
        sys.exit(2)
    except SamverkanError as error:
        report_error(error)
        sys.exit(1)
    except OSError as error:
        # A folder that does not exist, no permission, a full disk: the file and the reason.
        report_error(FileAccessError.from_os_error(error))
        sys.exit(1)


def report_error(error: SamverkanError) -> None:
    # Not wrapped: a path or a cell address broken over two lines cannot be copied.
    err_console.print(error.message("sv"), markup=False, highlight=False, soft_wrap=True)
    err_console.print()
    err_console.print(error.message("en"), markup=False, highlight=False, soft_wrap=True)
