"""The follow-up report: what a politician reads, hiding exactly what every other output hides."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from samverkan.followup.comparison import compare_units
from samverkan.followup.indicators import TOTAL, By, Period, compute_indicators
from samverkan.followup.suppression import Status
from samverkan.followup.synth import synthetic_log
from samverkan.reports.followup_report import render_followup_html, write_followup_pdf
from samverkan.reports.followup_tables import comparison_rows


@pytest.fixture(scope="module")
def comparison():
    # Small units, so that some figures are hidden; the log ends with cases still open.
    log = synthetic_log(cases=600, units=6, seed=11)
    return compare_units(compute_indicators(log, by=By.unit, period=Period.quarter))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u202f", " ")


def test_the_summary_speaks_of_the_latest_settled_period(comparison):
    table = comparison.table.source
    settled = table.last_settled_period()
    assert settled is not None and settled != table.periods[-1]
    pending = ("preassessment_not_yet_due", "investigation_not_yet_due")
    assert all(not table.cell(settled, i, TOTAL).value for i in pending)
    later = table.periods[table.periods.index(settled) + 1:]
    assert all(any(table.cell(p, i, TOTAL).value for i in pending) for p in later)
    text = _text(render_followup_html(comparison, "logg.csv"))
    assert f"kom in under {settled}" in text
    assert f"{settled} är den senaste perioden där varje ärende har nått sin tidsgräns" in text
    assert f"Förhandsbedömning inom 14 dagar, {settled}" in text  # a chart's caption


def test_every_table_shows_the_suppressed_cells_and_nothing_else(comparison):
    html = render_followup_html(comparison, "logg.csv")
    table = comparison.table.source
    hidden = [(p, i.id, g) for p in table.periods for i in table.indicators
              for g in (*table.groups, TOTAL)
              if comparison.table.cell(p, i.id, g).status in (Status.SMALL, Status.HIDDEN,
                                                                Status.SECONDARY)]
    assert hidden, "the fixture should hide something"
    for period in table.periods:
        caption = f"Indikatorer per enhet och hela kommunen, {period}"
        body = html.split(caption)[1].split("</table>")[0]
        found = re.findall(r'<th scope="row">([^<]+)</th>((?:<td class="num">[^<]*</td>)+)',
                           body)
        shown = {label: [unescape(c) for c in re.findall(r'<td class="num">([^<]*)</td>', cells)]
                 for label, cells in found}
        for row in comparison_rows(comparison, period):
            assert shown[row.label] == [*row.cells, row.spread, row.cv], (period, row.label)


def test_the_report_in_english_and_as_a_landscape_pdf(comparison, tmp_path: Path):
    assert "Follow-up of reports of concern" in render_followup_html(comparison, "log", "en")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    path = tmp_path / "uppfoljning.pdf"
    write_followup_pdf(comparison, "logg.csv", path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Uppföljning av orosanmälningar och utredningar" in text
    assert "Hela kommunen period för period" in text and re.search(r"Sida 1 av \d+", text)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    width, height = map(float, re.search(r"Page size: +([\d.]+) x ([\d.]+)", info).groups())
    assert width > height and re.search(r"^Tagged: +yes$", info, re.M)
