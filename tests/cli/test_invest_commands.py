"""`samverkan invest` as a user runs it: real processes, real files, exit codes 0/1/2, and the
figures of the model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest import approx

from samverkan.formats.case_io import load_case
from samverkan.formats.price_list import default_price_list
from samverkan.model import compare, compute, investment_case

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "samverkan" / "examples"
LUCAS = EXAMPLES / "lucas.yaml"
ALTERNATIVES = (EXAMPLES / "lucas-samverkan.yaml", EXAMPLES / "lucas-skolsocionom.yaml")
SMALL = ROOT / "tests" / "fixtures" / "cases" / "small.yaml"
SMALL_INVEST = ROOT / "tests" / "fixtures" / "cases" / "small-invest.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samverkan", *map(str, args)],
                          capture_output=True, text=True, env={"COLUMNS": "120", "PATH": ""},
                          timeout=120)


@pytest.fixture(scope="module")
def lucas_json() -> dict:
    done = run("invest", LUCAS, *ALTERNATIVES, "--cases-per-year", "40", "--years", "8",
               "--discount", "3%", "--draws", "500", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_json_has_the_stable_keys_and_the_models_figures(lucas_json) -> None:
    data = lucas_json
    assert data["discount_rate"] == approx(0.03) and data["years"] == 8
    assert data["cases_per_year"] == 40 and data["price_year"] == 2024
    assert data["prices"]["illustrative"] and data["prices"]["index_illustrative"]
    baseline = compute(load_case(LUCAS))
    for path, entry in zip(ALTERNATIVES, data["alternatives"], strict=True):
        expected = investment_case(compare(baseline, compute(load_case(path))),
                                   cases_per_year=40, years=8, discount_rate=0.03,
                                   prices=default_price_list())
        assert entry["alternative"] == expected.alternative
        assert entry["outcome"]["assumption"] == expected.outcome.assumption
        assert entry["npv"] == approx(expected.npv)
        assert entry["benefit_cost_ratio"] == approx(expected.benefit_cost_ratio)
        assert entry["roi"] == approx(expected.roi)
        assert entry["payback_year"] == expected.payback_year
        assert entry["bands"]["npv"]["p10"] <= entry["npv"] <= entry["bands"]["npv"]["p90"]
        assert 0 <= entry["bands"]["probability_positive"] <= 1
        for org_id, ledger in expected.organisations.items():
            years = entry["organisations"][org_id]["years"]
            assert len(years) == 8
            for row, flows in zip(years, ledger.years, strict=True):
                for key in ("investment", "case_cost_change", "avoided_cost", "net",
                            "cumulative_net"):
                    assert row[key] == approx(getattr(flows, key)), key
        # The total is the sum of the groups, year by year.
        for t in range(8):
            assert entry["total"]["years"][t]["net"] == approx(
                sum(g["years"][t]["net"] for g in entry["groups"].values()))


def test_the_table_states_the_condition_the_rate_and_that_prices_are_illustrative() -> None:
    done = run("invest", LUCAS, ALTERNATIVES[1], "--cases-per-year", "40", "--draws", "200")
    assert done.returncode == 0, done.stderr
    # As read: lines joined, a no-break space as a space.
    out = " ".join(done.stdout.replace("\u00a0", " ").split())
    condition = load_case(ALTERNATIVES[1]).economics.outcome.assumption  # type: ignore[union-attr]
    assert " ".join(condition.split()) in out
    assert "Nettonuvärde / net present value (NPV)" in out
    assert "3,5 % real / 3.5% real" in out
    assert "ILLUSTRATIV, INTE EN KÄLLA / ILLUSTRATIVE, NOT A SOURCE" in out
    assert "Återbetalningsår / payback year" in out


def test_a_payback_that_never_comes_is_said(tmp_path: Path) -> None:
    # The small alternative with no avoided interventions and a post for ten years.
    text = SMALL_INVEST.read_text(encoding="utf-8").split("  avoided:")[0].replace(
        "to_year: 2", "to_year: 10")
    alternative = tmp_path / "alt.yaml"
    alternative.write_text(text, encoding="utf-8")
    done = run("invest", SMALL, alternative, "--cases-per-year", "10", "--draws", "50",
               "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["alternatives"][0]["payback_year"] is None
    table = run("invest", SMALL, alternative, "--cases-per-year", "10", "--draws", "50")
    assert "inte inom horisonten / not within the horizon" in table.stdout


@pytest.mark.parametrize(("option", "value"), [("--discount", "-0.01"), ("--discount", "tio"),
                                               ("--years", "0"), ("--years", "51"),
                                               ("--price-year", "20")])
def test_options_that_cannot_be_used_exit_with_2(option: str, value: str) -> None:
    done = run("invest", LUCAS, ALTERNATIVES[0], "--cases-per-year", "40", option, value)
    assert done.returncode == 2
    if option == "--discount":
        assert "negativ ränta" in done.stderr and "negative rate" in done.stderr


def test_no_cases_per_year_and_no_outcome_condition_are_said() -> None:
    done = run("invest", LUCAS, ALTERNATIVES[0])
    assert done.returncode == 2 and "--cases-per-year" in done.stderr
    done = run("invest", LUCAS, LUCAS, "--cases-per-year", "40")
    assert done.returncode == 1
    assert "utfallet för barnet" in done.stderr and "outcome for the child" in done.stderr


def test_a_bad_price_list_is_refused_with_its_places(tmp_path: Path) -> None:
    prices = tmp_path / "priser.csv"
    prices.write_text("Id;Insats;Enhet;Kronor;Prisår\nhvb;HVB;dygn;gratis;2024\n",
                      encoding="utf-8")
    done = run("invest", LUCAS, ALTERNATIVES[0], "--cases-per-year", "40", "--prices", prices)
    assert done.returncode == 1
    assert "fil priser.csv, rad 2, kolumn 4" in done.stderr
    assert "file priser.csv, row 2, column 4" in done.stderr


def test_converting_to_excel_says_the_investment_case_stays_behind(tmp_path: Path) -> None:
    done = run("convert", ALTERNATIVES[0], tmp_path / "fall.xlsx")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())
    assert "skrivs inte till Excelmallen" in out and "not written to the Excel" in out
    assert "economics" not in run("convert", LUCAS, tmp_path / "lucas.xlsx").stdout
