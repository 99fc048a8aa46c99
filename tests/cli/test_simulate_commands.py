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


def test_several_alternatives_each_get_a_gain_from_the_same_baseline_draws() -> None:
    from samverkan.formats.case_io import load_case
    from samverkan.model import simulate_comparison, with_assumed_ranges

    names = ["lucas-skolsocionom.yaml", "lucas-samverkan.yaml"]
    done = run(EXAMPLES / "lucas.yaml", "--compare", EXAMPLES / names[0],
               "--compare", EXAMPLES / names[1], "--assume-range", "0.75,1.5", "--draws", "500",
               "--cases-per-year", "10", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    base = with_assumed_ranges(load_case(EXAMPLES / "lucas.yaml"))
    assert [g["alternative"] for g in data["gains"]] == [load_case(EXAMPLES / n).name
                                                          for n in names]
    for item, name in zip(data["gains"], names, strict=True):
        alternative = with_assumed_ranges(load_case(EXAMPLES / name))
        expected = simulate_comparison(base, alternative, draws=500, seed=0)
        assert item["gain"]["p50"] == expected.gain.p50
        assert item["probability_alternative_cheaper"] == expected.probability_alternative_cheaper
        assert "annual_comparison" in item
    # The baseline is drawn alike for both: its cost is the case's own simulation.
    assert data["gains"][0]["baseline_cost"] == data["gains"][1]["baseline_cost"] == \
        data["simulation"]["total"]["cost"]
    assert "gain" not in data and "annual_comparison" not in data
