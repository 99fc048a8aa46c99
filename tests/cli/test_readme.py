"""The README keeps up with the product: every command, every option and every environment
variable the code reads is written in it (as datasette checks its documentation)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typer.main import get_command

from samverkan.cli import _register, app

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield " ".join(path), command


def _all_commands() -> list[tuple[str, Any]]:
    _register()
    return list(_commands(get_command(app)))


def _written(text: str) -> bool:
    # As a word of its own: "--cases" is not documented by "--cases-per-year".
    return re.search(re.escape(text) + r"(?![\w-])", README) is not None


def test_the_walk_finds_the_commands() -> None:
    names = {name for name, _ in _all_commands()}
    assert {"cost", "report", "serve", "followup indicators", "admin create-user"} <= names


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name, _ in _all_commands() if not _written(f"samverkan {name}")]
    assert not missing, f"commands not in README.md: {missing}"


def test_every_option_is_in_the_readme() -> None:
    missing = [
        f"{name} {parameter.opts[0]}" for name, command in _all_commands()
        for parameter in command.params
        if any(o.startswith("--") for o in parameter.opts)
        and not getattr(parameter, "hidden", False)  # internal: one process starting another
        and not any(_written(option) for option in [*parameter.opts, *parameter.secondary_opts]
                    if option.startswith("--"))
    ]
    assert not missing, f"options not in README.md: {missing}"


def test_every_environment_variable_the_code_reads_is_in_the_readme() -> None:
    read = {name for path in (ROOT / "samverkan").rglob("*.py")
            for name in re.findall(r"SAMVERKAN_[A-Z_]+", path.read_text(encoding="utf-8"))}
    assert {"SAMVERKAN_SECRET_KEY", "SAMVERKAN_DATA_DIR"} <= read
    assert not sorted(name for name in read if not _written(name))
