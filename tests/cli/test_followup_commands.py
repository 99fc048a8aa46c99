"""`samverkan followup …` run as a person runs it: a real process, files on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import EVENTLOGS


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samverkan", "followup", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_synth_then_indicators_prints_a_suppressed_comparison(tmp_path: Path):
    log = tmp_path / "log.csv"
    made = run("synth", "--cases", "3000", "--units", "8", "--seed", "2", "-o", log)
    assert made.returncode == 0, made.stderr
    assert "3\u202f000 ärenden" in made.stdout
    shown = run("indicators", log, "--period", "quarter")
    assert shown.returncode == 0, shown.stderr
    assert "Förhandsbedömning inom 14 dagar" in shown.stdout
    assert "Hela kommunen" in shown.stdout and "2025-Q4" in shown.stdout
    # Monthly figures for small units are small: some must be hidden.
    monthly = run("indicators", log, "--period", "month")
    assert "<5" in monthly.stdout or ".." in monthly.stdout


def test_indicators_as_json_hold_no_hidden_value(tmp_path: Path):
    result = run("indicators", EVENTLOGS / "hand.csv", "--period", "year", "--format", "json",
                 "--as-of", "2024-07-10")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2024-07-10" and data["groups"] == ["Norr", "Söder"]
    cells = [
        cell
        for period in data["periods"]
        for indicator in period["indicators"]
        for cell in [*indicator["groups"].values(), indicator["total"]]
    ]
    assert any(cell["status"] == "small" for cell in cells)
    assert all("value" not in cell for cell in cells if cell["status"] != "value")


def test_indicators_to_excel(tmp_path: Path):
    out = tmp_path / "indicators.xlsx"
    result = run("indicators", EVENTLOGS / "hand.csv", "--format", "xlsx", "-o", out)
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["Period", "Indikator", "Norr", "Söder"]


def test_indicators_as_a_report_in_html_and_pdf(tmp_path: Path):
    html = tmp_path / "uppfoljning.html"
    result = run("indicators", EVENTLOGS / "hand.csv", "--format", "html", "-o", html)
    assert result.returncode == 0, result.stderr
    assert "Uppföljning av orosanmälningar och utredningar" in html.read_text(encoding="utf-8")
    pdf = tmp_path / "uppfoljning.pdf"
    result = run("indicators", EVENTLOGS / "hand.csv", "--format", "pdf", "-o", pdf)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    missing = run("indicators", EVENTLOGS / "hand.csv", "--format", "pdf")
    assert missing.returncode == 1 and "ange en fil med --output för pdf" in missing.stderr


def test_validate_and_convert(tmp_path: Path):
    ok = run("validate", EVENTLOGS / "hand.csv")
    assert ok.returncode == 0 and "35 händelser" in ok.stdout
    xes = tmp_path / "log.xes"
    assert run("convert", EVENTLOGS / "hand.csv", xes).returncode == 0
    assert "<trace>" in xes.read_text(encoding="utf-8")


def test_a_bad_log_gives_the_list_of_problems_in_both_languages_and_exit_1():
    result = run("validate", EVENTLOGS / "errors.csv")
    assert result.returncode == 1
    assert "rad 2, kolumn event" in result.stderr and "row 2, column event" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_log_with_an_identity_number_is_refused_without_showing_it(tmp_path: Path):
    log = tmp_path / "log.csv"
    log.write_text("case_id,unit,event,timestamp\n201701012393,Norr,report_received,2024-01-01\n")
    result = run("indicators", log)
    assert result.returncode == 1
    assert "personnummer" in result.stderr
    assert "201701012393" not in result.stderr + result.stdout


def test_a_bad_as_of_date_is_a_clear_error():
    result = run("indicators", EVENTLOGS / "hand.csv", "--as-of", "igår")
    assert result.returncode == 2
    assert "Händelseloggen kan inte läsas in" not in result.stderr
    assert "--as-of: 'igår' är inget datum" in result.stderr


def test_cost_prices_the_paths_and_hides_what_the_counts_hide(tmp_path: Path):
    from tests.conftest import EXAMPLES

    log = tmp_path / "log.csv"
    assert run("synth", "--cases", "600", "--units", "3", "--seed", "4", "--years", "1",
               "-o", log).returncode == 0
    case = EXAMPLES / "lucas.yaml"
    table = run("cost", log, "--case", case, "--period", "year")
    assert table.returncode == 0, table.stderr
    assert "Ej inledd efter förhandsbedömning: kronor" in table.stdout
    assert "Hela kommunen" in table.stdout and "Lucas 10 år" in table.stdout
    english = run("cost", log, "--case", case, "--period", "year", "--lang", "en")
    assert "Not opened after the pre-assessment: kronor" in english.stdout
    out = tmp_path / "kostnad.json"
    made = run("cost", log, "--case", case, "--period", "month", "--format", "json", "-o", out)
    assert made.returncode == 0, made.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "samverkan/followup-cost@1" and data["case"] == "Lucas 10 år"
    cells = [c for p in data["periods"] for path in p["paths"]
             for c in [*path["groups"].values(), path["total"]]]
    assert any(c["status"] == "hidden" for c in cells)
    assert all("kronor" not in c for c in cells if c["status"] == "hidden")
    assert all(c["status"] == "hidden" for c in cells if c["cases"]["status"] != "value")


def test_cost_with_a_mapping_that_does_not_fit_names_the_problem(tmp_path: Path):
    from tests.conftest import EXAMPLES

    mapping = tmp_path / "koppling.yaml"
    mapping.write_text("format: samverkan/flow-mapping@1\nspans: []\npaths:\n"
                       "  not_opened: [s1, s9]\n  closed_intervention: [s1]\n"
                       "  closed_no_intervention: [s1]\n  extended: [s1]\n  open: [s1]\n",
                       encoding="utf-8")
    result = run("cost", EVENTLOGS / "hand.csv", "--case", EXAMPLES / "lucas.yaml",
                 "--mapping", mapping)
    assert result.returncode == 1
    assert "nyckel paths.not_opened" in result.stderr and "har inget steg 's9'" in result.stderr
    assert "key paths.not_opened" in result.stderr and "has no step 's9'" in result.stderr
