"""The investment case's report: the question, each alternative's NPV, ratios and payback with
the outcome condition beside them, who invests and who gets back, every year per organisation,
group and the total, the rate and price year stated, illustrative prices said to be so, an
accessible chart; in Swedish and English, as HTML and as PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from samverkan.model import Outcome
from samverkan.reports.analysis import analyse
from samverkan.reports.investment_chart import cumulative_net_chart
from samverkan.reports.investment_report import render_investment_html, write_investment_pdf
from samverkan.reports.labels import kronor, number, percent
from tests.reports.investment_cases import (
    CASES_PER_YEAR,
    PRICES,
    YEARS,
    analysis,
    cases,
    expected_cases,
)

SVG = "{http://www.w3.org/2000/svg}"


def _text(html: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("&#39;", "'")


def _sv(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture(scope="module")
def html() -> str:
    return render_investment_html(analysis())


def test_the_report_asks_the_question_and_answers_it_per_alternative(html: str) -> None:
    text = _text(html)
    assert "Lönar sig det nya arbetssättet – för vem och när?" in text
    assert "diskonterat med 3,5 % real ränta per år, i 2024 års priser" in text
    pays, never = expected_cases()
    assert pays.payback_year is not None and never.payback_year is None
    # Summary row: name, NPV, ratio, ROI, payback, then the outcome condition beside them.
    assert pays.benefit_cost_ratio is not None and pays.roi is not None
    assert _sv(f"{pays.alternative} {kronor(pays.npv)} {number(pays.benefit_cost_ratio, 'sv', 2)}"
               f" {percent(pays.roi)} {pays.payback_year}") in text
    assert f"{_sv(kronor(never.npv))}" in text and "inte inom 6 år" in text
    assert "Barnet har det minst lika bra som i dag" in text
    assert "Oförändrat för barnet" in text
    assert f"Kalkylen betalar sig år {pays.payback_year}." in text
    assert "Kalkylen betalar sig inte inom 6 år." in text


def test_who_invests_and_who_gets_back_follows_each_organisations_npv(html: str) -> None:
    pays = expected_cases()[0]
    text = _text(html)
    names = {"sa": "Skola A", "sb": "Skola B", "soc": "Socialtjänsten"}
    for org_id, led in pays.organisations.items():
        role = "investerar" if led.npv < 0 else "får tillbaka"
        assert re.search(rf"{names[org_id]} [^|]*? {re.escape(_sv(kronor(led.npv)))} .*? {role}",
                         text), org_id
    assert pays.investors and pays.beneficiaries


def test_every_year_of_every_organisation_group_and_the_total_is_shown(html: str) -> None:
    pays = expected_cases()[0]
    text = _text(html)
    for name, led in [("Socialtjänsten", pays.organisations["soc"]),
                      ("Skolorna (genomsnitt)", pays.groups["school"]),
                      ("Totalt (summa av grupperna)", pays.total)]:
        caption = f"{name}: år för år, kronor i 2024 års priser"
        assert caption in text
        for y in led.years:
            row = " ".join(_sv(kronor(v)) for v in (y.investment, y.case_cost_change,
                                                     y.avoided_cost, y.net, y.cumulative_net))
            assert f"{y.year} {row}" in text, (name, y.year)


def test_illustrative_prices_are_said_to_be_so(html: str) -> None:
    assert "ILLUSTRATIVA, inte en källa" in _text(html)


def test_the_report_is_self_contained_accessible_and_escapes_case_text() -> None:
    base, invest, never = cases()
    sneaky = replace(invest, economics=replace(
        invest.economics, outcome=Outcome('<img src="http://example.org/x.png">')))
    html = render_investment_html(analyse(base, [sneaky, never], cases_per_year=CASES_PER_YEAR,
                                          draws=20, years=YEARS, prices=PRICES))
    assert "<img" not in html and "&lt;img" in html
    assert "<script" not in html and not re.search(r'(src|href)="https?://', html)
    assert '<html lang="sv">' in html
    assert 'scope="col"' in html and 'scope="row"' in html
    assert html.count("<caption>") >= 2 * (3 + 2 + 1)


def test_the_chart_draws_each_organisations_cumulative_net_with_a_title() -> None:
    pays = expected_cases()[0]
    base, invest, _ = cases()
    names = {o.id: o.name for o in invest.organisations}
    root = ET.fromstring(cumulative_net_chart(pays, names, invest.organisations))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) == len(pays.organisations)
    points = [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle")]  # type: ignore[union-attr]
    soc = pays.organisations["soc"]
    for y in soc.years:
        assert f"Socialtjänsten, år {y.year}: {kronor(y.cumulative_net)}" in points
    # Lines are told apart by more than colour.
    assert len({line.get("stroke-dasharray") for line in lines}) == len(lines)


def test_the_report_speaks_english_when_asked() -> None:
    text = _text(render_investment_html(analysis(), "en"))
    assert "Does the new way of working pay – for whom, and when?" in text
    assert "discounted at a real rate of 3.5% a year, in 2024 prices" in text
    assert "ILLUSTRATIVE, not a source" in text
    pays = expected_cases()[0]
    assert f"Net present value {kronor(pays.total.npv, 'en')}" in text


def test_the_pdf_reads_back_with_the_question_figures_and_assumptions(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    path = tmp_path / "kalkyl.pdf"
    write_investment_pdf(analysis(), path)
    assert path.read_bytes().startswith(b"%PDF")
    text = _sv(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout)
    flat = re.sub(r"\s+", " ", text)
    pays = expected_cases()[0]
    assert "Lönar sig det nya arbetssättet" in flat
    assert _sv(kronor(pays.npv)) in flat
    assert "Barnet har det minst lika bra som i dag" in flat
    assert "ILLUSTRATIVA" in flat and "3,5 % real ränta" in flat
    assert re.search(r"Sida 1 av \d", flat)
