"""`--cases-per-year` read by the same function as the pages' field: 0 means no annual figures,
and infinity, NaN, negative or absurd numbers are a usage error (exit code 2) saying the range."""

from __future__ import annotations

import json

import pytest
from pytest import approx

from samverkan.formats.case_io import load_case
from samverkan.model import compute
from tests.cli.test_case_commands import LUCAS, run


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e308", "noll"])
@pytest.mark.parametrize("command", ["cost", "simulate"])
def test_an_unusable_number_of_cases_is_refused_with_the_range(command, value):
    done = run(command, LUCAS, f"--cases-per-year={value}")
    assert done.returncode == 2
    said = " ".join(done.stderr.split())
    assert "från 0 till 1 000 000" in said and "from 0 to 1 000 000" in said
    assert "Traceback" not in done.stderr


def test_the_report_refuses_infinity_before_writing_anything(tmp_path):
    out = tmp_path / "r.html"
    done = run("report", LUCAS, "--cases-per-year", "inf", "-o", out)
    assert done.returncode == 2 and not out.exists()


def test_zero_cases_per_year_gives_no_annual_figures_and_forty_gives_forty_times_the_case():
    none = json.loads(run("cost", LUCAS, "--format", "json", "--cases-per-year", "0").stdout)
    assert "annual" not in none
    done = run("cost", LUCAS, "--format", "json", "--cases-per-year", "40")
    assert done.returncode == 0, done.stderr
    yearly = json.loads(done.stdout)["annual"]
    assert yearly["total"]["cost"] == approx(40 * compute(load_case(LUCAS)).total.cost)


UNCERTAIN = LUCAS.parent.parent.parent / "tests" / "fixtures" / "cases" / "uncertain.yaml"


@pytest.mark.parametrize("command", [("cost",), ("simulate", "--draws", "50"),
                                     ("compare", UNCERTAIN)])
def test_every_command_reads_cases_per_year_the_same_way(command):
    """Left out: the file's own number (40 here); 0: no annual figures; a number: that one."""
    name, *rest = command
    key = "annual_comparison" if name == "compare" else "annual"

    def annual(*option):
        done = run(name, UNCERTAIN, *rest, "--format", "json", *option)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout).get(key)

    assert annual()["cases_per_year"] == 40
    assert annual("--cases-per-year", "0") is None
    assert annual("--cases-per-year", "12")["cases_per_year"] == 12
