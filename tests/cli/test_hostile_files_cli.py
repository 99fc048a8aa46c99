"""Hostile files on the command line, as a user runs it: a message and exit code 1, no
traceback, in seconds."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile_files import (
    alias_bomb,
    damaged_workbook,
    far_cell_event_log,
    far_cell_template,
    long_name,
    nested,
    not_a_zip,
    wide_event_log,
)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samverkan", *map(str, args)],
                          capture_output=True, text=True, env={"COLUMNS": "200", "PATH": ""},
                          timeout=120)


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "make", "expected"), [
    ("bomb.yaml", lambda p: _text(p, alias_bomb()), "200 000 värden"),
    ("djup.yaml", lambda p: _text(p, nested()), "fler än 40 nivåer"),
    ("djup.json", lambda p: _text(p, nested()), "more than 40 levels"),
    ("fall.xlsx", far_cell_template, "rad 1 048 576; gränsen är 10 000 rader"),
    ("fall.xlsx", not_a_zip, "går inte att öppna som en Excelfil"),
])
def test_cost_refuses_a_hostile_case_file(
        name: str, make: Callable[[Path], Path], expected: str, tmp_path: Path) -> None:
    done = run("cost", make(tmp_path / name))
    assert done.returncode == 1, done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert expected in output
    assert "Traceback" not in output and "lol" not in output
    assert len(output) < 5_000


@pytest.mark.parametrize(("make", "expected"), [
    (far_cell_event_log, "rad 1 048 576; gränsen är 1 000 000 rader under rubrikraden"),
    (wide_event_log, "gränsen är 100 kolumner"),
    (not_a_zip, "går inte att öppna som en Excelfil"),
    (damaged_workbook, "the file is damaged"),
])
def test_followup_validate_refuses_a_hostile_workbook(
        make: Callable[[Path], Path], expected: str, tmp_path: Path) -> None:
    done = run("followup", "validate", make(tmp_path / "logg.xlsx"))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert expected in output and "Traceback" not in output


def test_a_file_name_over_255_bytes_is_a_message(tmp_path: Path) -> None:
    done = run("cost", tmp_path / long_name(".yaml"))
    output = done.stdout + done.stderr
    assert done.returncode in (1, 2), output
    assert "Traceback" not in output
    # The system's own reason, said as the product says every file it cannot read.
    assert "Filen kan inte läsas" in output and "The file cannot be read" in output
