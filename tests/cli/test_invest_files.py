"""`samverkan invest --format xlsx|html|pdf --output FILE`: the workbook and the report written
by a real process, with the model's figures, in Swedish or English; a file format without a
file is refused."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan.formats.case_io import load_case
from samverkan.formats.price_list import default_price_list, read_price_list
from samverkan.model import InvestmentCase, compare, compute, investment_case
from samverkan.reports.labels import kronor
from tests.cli.test_invest_commands import EXAMPLES, SMALL, SMALL_INVEST, run


def _expected(tmp_path: Path) -> tuple[Path, InvestmentCase]:
    prices = tmp_path / "priser.csv"
    prices.write_text("Id;Insats;Enhet;Kronor;Prisår;Källa\nhvb;HVB;dygn;1000;2024;Test\n"
                      "sarskilt-stod;Stöd;timme;800;2024;Test\n", encoding="utf-8")
    case = investment_case(compare(compute(load_case(SMALL)), compute(load_case(SMALL_INVEST))),
                           cases_per_year=12, years=5, prices=read_price_list(prices))
    return prices, case


@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
def test_each_file_format_is_written_with_the_models_npv(tmp_path: Path, fmt: str) -> None:
    prices, case = _expected(tmp_path)
    out = tmp_path / f"kalkyl.{fmt}"
    done = run("invest", SMALL, SMALL_INVEST, "--cases-per-year", "12", "--years", "5",
               "--prices", prices, "--draws", "50", "--format", fmt, "--output", out)
    assert done.returncode == 0, done.stderr
    if fmt == "xlsx":
        book = load_workbook(out)
        summary = list(book["Sammanfattning"].iter_rows(min_row=2, values_only=True))
        assert summary[0][0] == case.alternative
        assert str(summary[0][1]).startswith("='Alt 1'!B")
        npv = [r for r in book["Alt 1"].iter_rows(values_only=True) if r[0] == "Nettonuvärde"]
        assert npv[-1][2] == pytest.approx(case.npv)  # the total's, beside its formula
    elif fmt == "html":
        text = out.read_text(encoding="utf-8").replace("\u202f", " ").replace("\u00a0", " ")
        assert "Lönar sig det nya arbetssättet" in text
        assert kronor(case.npv).replace("\u202f", " ") in text
    else:
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout.replace("\u202f", " ")
        assert kronor(case.npv).replace("\u202f", " ") in re.sub(r"\s+", " ", text)


def test_the_report_is_written_in_english_when_asked(tmp_path: Path) -> None:
    prices, _case = _expected(tmp_path)
    out = tmp_path / "case.html"
    done = run("invest", SMALL, SMALL_INVEST, "--cases-per-year", "12", "--prices", prices,
               "--draws", "20", "-f", "html", "-o", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Does the new way of working pay" in out.read_text(encoding="utf-8")


def test_a_file_format_without_a_file_is_refused_in_both_languages(tmp_path: Path) -> None:
    done = run("invest", SMALL, SMALL_INVEST, "--cases-per-year", "12", "-f", "pdf")
    assert done.returncode != 0
    assert "ange en fil med --output för pdf" in done.stderr
    assert "give a file with --output for pdf" in done.stderr


def test_the_illustrative_price_list_is_said_to_be_so_in_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "kalkyl.xlsx"
    assert default_price_list().illustrative
    done = run("invest", EXAMPLES / "lucas.yaml", EXAMPLES / "lucas-samverkan.yaml",
               "--cases-per-year", "40", "--draws", "20", "-f", "xlsx", "-o", out)
    assert done.returncode == 0, done.stderr
    about = [r[1] for r in load_workbook(out)["Om"].iter_rows(values_only=True)]
    assert any(str(v).startswith("ILLUSTRATIV PRISLISTA") for v in about)
