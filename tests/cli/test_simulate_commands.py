"""`samverkan simulate` as a person runs it: a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, EXAMPLES


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samverkan", "simulate", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_json_holds_bands_tornado_gain_and_annual_figures():
    result = run(EXAMPLES / "lucas.yaml", "--compare", EXAMPLES / "lucas-samverkan.yaml",
                 "--assume-range", "0.75,1.5", "--cases-per-year", "40", "--draws", "4000",
                 "--seed", "3", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    total = data["simulation"]["total"]["cost"]
    # Times may run up to 1.5 times the likely value but only down to 0.75: skewed upwards.
    assert total["p10"] < total["p50"] < total["p90"]
    assert total["mean"] > 144_098
    assert data["tornado"][0]["swing"] >= data["tornado"][-1]["swing"]
    assert 0 < data["gain"]["probability_alternative_cheaper"] <= 1
    assert data["annual"]["total"]["cost"] == pytest.approx(40 * 144_097.84, rel=1e-6)
    assert data["annual_comparison"]["gain"] == pytest.approx(40 * 2817.42, rel=1e-4)
    assert data["assumed_range"] == [0.75, 1.5]


def test_the_same_seed_prints_the_same_figures():
    first = run(CASES / "uncertain.yaml", "--draws", "3000", "--seed", "9", "--format", "json")
    again = run(CASES / "uncertain.yaml", "--draws", "3000", "--seed", "9", "--format", "json")
    assert first.stdout == again.stdout


def test_the_table_says_when_a_case_has_no_ranges():
    result = run(EXAMPLES / "lucas.yaml", "--draws", "100")
    assert result.returncode == 0, result.stderr
    assert "inga intervall" in result.stdout and "Vad påverkar totalkostnaden" in result.stdout


def test_a_bad_assumed_range_is_a_clear_error():
    result = run(EXAMPLES / "lucas.yaml", "--assume-range", "1.5,0.5")
    assert result.returncode == 2  # a usage error, not an unreadable case
    assert "--assume-range" in result.stderr and "Traceback" not in result.stderr
    assert "Typfallet kan inte läsas" not in result.stderr
    assert "Ett val i kommandot eller på sidan kan inte användas" in result.stderr
