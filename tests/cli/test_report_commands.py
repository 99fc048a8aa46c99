"""`samverkan report` as a person runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samverkan", "report", *map(str, args)],
                          capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".xlsx"])
def test_the_lucas_report_in_every_format(tmp_path: Path, suffix: str):
    out = tmp_path / f"lucas{suffix}"
    result = run(EXAMPLES / "lucas.yaml", "--compare", EXAMPLES / "lucas-samverkan.yaml",
                 "--cases-per-year", "40", "--draws", "500", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 5000


def test_an_unknown_output_type_is_a_clear_error(tmp_path: Path):
    result = run(EXAMPLES / "lucas.yaml", "-o", tmp_path / "lucas.docx")
    assert result.returncode == 2
    assert "okänd filtyp '.docx'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [
    ["report", str(EXAMPLES / "lucas.yaml"), "-o", "ut.pdf"],
    ["followup", "synth", "--cases", "20", "-o", "ut.csv"],
])
def test_a_folder_that_does_not_exist_is_named_not_a_traceback(tmp_path: Path,
                                                               command: list[str]):
    target = tmp_path / "finns-inte" / command[-1]
    result = subprocess.run([sys.executable, "-m", "samverkan", *command[:-1], str(target)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"fil {target}: filen eller mappen finns inte" in result.stderr
    assert f"file {target}: No such file or directory" in result.stderr
    assert not target.parent.exists()


def test_compare_may_be_given_several_times(tmp_path: Path):
    from samverkan.formats.case_io import load_case

    out = tmp_path / "tre.html"
    alternatives = [EXAMPLES / "lucas-skolsocionom.yaml", EXAMPLES / "lucas-samverkan.yaml"]
    result = run(EXAMPLES / "lucas.yaml", "--compare", alternatives[0], "--compare",
                 alternatives[1], "--draws", "200", "-o", out)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    section = html.split('id="alternatives"')[1]
    names = [load_case(a).name for a in alternatives]
    # Both ways of working are columns, in the order the options were given.
    assert section.index(names[0]) < section.index(names[1])
