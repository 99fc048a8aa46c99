"""The report: what a politician reads in HTML and PDF, and the workbook an economist audits."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan.formats.case_io import load_case
from samverkan.model import compare, compute, with_assumed_ranges
from samverkan.reports.analysis import analyse
from samverkan.reports.labels import kronor, number, percent
from samverkan.reports.report import NetworkFetchRefused, Report, render_html, write_pdf
from samverkan.reports.report_xlsx import write_report_xlsx
from tests.conftest import EXAMPLES
from tests.spreadsheets import recalculated


def build_report(case, *, alternative=None, **options) -> Report:
    return Report(analyse(case, [alternative] if alternative else [], **options))


@pytest.fixture(scope="module")
def lucas_report():
    lucas = with_assumed_ranges(load_case(EXAMPLES / "lucas.yaml"))
    variant = with_assumed_ranges(load_case(EXAMPLES / "lucas-samverkan.yaml"))
    return build_report(lucas, alternative=variant, cases_per_year=40, draws=2000, seed=1,
                        assumed_range=(0.75, 1.5))


def _sv(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u202f", " ")


def test_the_html_has_every_section_in_order_and_the_lucas_figures(lucas_report):
    html = render_html(lucas_report)
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings == ["Sammanfattning", "Så räknar vi", "Antaganden", "Tid och kostnad",
                        "Hur säkra är siffrorna?", "Tidslinje", "Barnets perspektiv",
                        "Jämförelse: vem betalar, vem vinner?", "Per år"]
    text = _text(html)
    # The figures worked out from the organisations in the test: the total is the schools'
    # mean plus social services, the gain the drop in that total, per year 40 times it.
    base = compute(lucas_report.case)
    alt = compute(lucas_report.alternative.case)

    def total(result):
        orgs = result.organisations
        return ((orgs["skola_a"].figures.cost + orgs["skola_b"].figures.cost) / 2
                + orgs["soc"].figures.cost)

    gain = total(base) - total(alt)
    assert f"totalt {_sv(kronor(total(base)))}" in text
    assert f"samverkansvinst på {_sv(kronor(gain))} per ärende" in text
    assert f"{_sv(kronor(40 * gain))} per år med 40 ärenden" in text
    assert "REKONSTRUKTION" in text  # the case's own note on where its times come from
    assert "antaget intervall" in text
    # Shares with one decimal and full-time equivalents with two, as the tables promise.
    soc = base.organisations["soc"].figures
    assert _sv(f"Socialtjänsten {number(soc.minutes / 60, decimals=1)} {kronor(soc.cost)} "
               f"{number(soc.collaboration_minutes / 60, decimals=1)} "
               f"{percent(soc.collaboration_minutes / soc.minutes, decimals=1)}") in text
    # Per year, a school on its own: 40 cases of its minutes over 165 h × 12 months a year,
    # apart from the totals and said not to add up to them.
    school = base.organisations["skola_a"].figures
    assert _sv(f"Skola A {number(40 * school.minutes / 60)} {kronor(40 * school.cost)} "
               f"{number(40 * school.minutes / 60 / (165 * 12), decimals=2)}") in text
    assert "summeras inte till totalen" in text
    schools = (school.cost + base.organisations["skola_b"].figures.cost) / 2
    assert _sv(f"Skolorna (genomsnitt) {number(40 * base.groups['school'].figures.minutes / 60)}"
               f" {kronor(40 * schools)}") in text


def test_the_html_is_self_contained_and_accessible(lucas_report):
    html = render_html(lucas_report)
    assert "<script" not in html
    assert not re.search(r'(src|href)="https?://', html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html
    assert html.count("<caption>") >= 5 and 'scope="col"' in html and 'scope="row"' in html
    assert 'role="img"' in html  # the charts carry a title and a description


def test_text_from_a_case_file_cannot_inject_markup_or_fetch(lucas_report):
    sneaky = replace(lucas_report.case, description='<img src="http://example.org/x.png">')
    report = Report(replace(lucas_report.analysis, case=sneaky))
    html = render_html(report)
    assert "<img" not in html and "&lt;img" in html


def test_the_pdf_opens_with_the_expected_text(lucas_report, tmp_path: Path):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    path = tmp_path / "lucas.pdf"
    write_pdf(lucas_report, path)
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout.replace("\u202f", " ")
    assert "Sammanfattning" in text and "Barnets perspektiv" in text
    comparison = lucas_report.comparison
    assert _sv(kronor(comparison.total.baseline.cost)) in text
    assert _sv(kronor(comparison.gain)) in text
    assert re.search(r"Sida 1 av \d", text)
    # The timeline has a landscape page of its own; every other page is A4 portrait.
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True,
                          text=True, check=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)",
                                                         info)]
    # Tagged (PDF/UA), so that a screen reader gets headings, tables and reading order.
    assert re.search(r"^Tagged: +yes$", info, re.M)
    landscape = [number for number, (w, h) in enumerate(sizes, start=1) if w > h]
    assert len(landscape) == 1
    page = subprocess.run(["pdftotext", "-f", str(landscape[0]), "-l", str(landscape[0]),
                           str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert page.lstrip().startswith("Tidslinje")


def test_the_pdf_refuses_to_fetch_anything(monkeypatch, lucas_report, tmp_path: Path):
    import samverkan.reports.report as module

    real = module.render_html
    monkeypatch.setattr(module, "render_html", lambda report: real(report).replace(
        "</body>", '<img src="http://example.org/tracker.png" alt=""></body>'))
    fetched: list[str] = []

    def recording(url: str) -> None:
        fetched.append(url)
        raise NetworkFetchRefused(url)

    monkeypatch.setattr(module, "refuse_fetch", recording)
    write_pdf(lucas_report, tmp_path / "x.pdf")  # WeasyPrint logs the refusal and goes on
    assert fetched == ["http://example.org/tracker.png"]


def test_the_workbook_holds_the_inputs_and_totals_equal_to_the_model(tmp_path: Path):
    lucas = load_case(EXAMPLES / "lucas.yaml")
    variant = load_case(EXAMPLES / "lucas-samverkan.yaml")
    report = build_report(lucas, alternative=variant, cases_per_year=40, draws=200)
    path = tmp_path / "lucas.xlsx"
    write_report_xlsx(report, path)
    book = load_workbook(path)
    result = compute(lucas)
    orgs = {row[0]: row for row in book["Organisationer"].iter_rows(min_row=2, values_only=True)}
    assert orgs["Totalt"][3] == pytest.approx(result.total.cost)
    assert orgs["Skola A"][3] == pytest.approx(result.organisations["skola_a"].figures.cost)
    assert orgs["Skola A"][4].startswith("=SUMPRODUCT(EXACT(Deltagare!")
    participants = list(book["Deltagare"].iter_rows(min_row=2, values_only=True))
    assert sum(p[12] for p in participants if p[2] == "Skola A") == pytest.approx(
        result.organisations["skola_a"].figures.cost)
    assert participants[0][11].startswith("=K2*Yrkesgrupper!D")
    gain = {row[0]: row for row in book["Jämförelse"].iter_rows(min_row=2, values_only=True)}
    assert gain["Samverkansvinst"][3] == pytest.approx(
        compare(result, compute(variant)).gain)
    year = {row[0]: row for row in book["Per år"].iter_rows(min_row=2, values_only=True)}
    schools = (result.organisations["skola_a"].figures.cost
               + result.organisations["skola_b"].figures.cost) / 2
    assert year["Skolorna (genomsnitt)"][2] == pytest.approx(40 * schools)
    assert year["Totalt (summa av grupperna)"][2] == pytest.approx(40 * result.total.cost)
    # Each school per year stands apart, under a line saying it does not add up.
    labels = [row[0] for row in book["Per år"].iter_rows(values_only=True)]
    apart = next(i for i, label in enumerate(labels) if label and "var för sig" in label)
    assert labels.index("Totalt (summa av grupperna)") < apart < labels.index("Skola A")
    assert year["Skola A"][2] == pytest.approx(40 * result.organisations["skola_a"].figures.cost)


def test_a_spreadsheet_program_recalculates_the_workbook_to_the_models_figures(tmp_path: Path):
    """LibreOffice opens the workbook as Excel would, computes every formula from the monthly
    costs and minutes, and gets the model's own figure beside each one."""
    lucas = with_assumed_ranges(load_case(EXAMPLES / "lucas.yaml"))
    conventions = replace(lucas.conventions, overhead_share=0.15, productive_share=0.9)
    report = build_report(replace(lucas, conventions=conventions), cases_per_year=40, draws=200)
    path = tmp_path / "lucas.xlsx"
    write_report_xlsx(report, path)
    book = load_workbook(recalculated(path, tmp_path), data_only=True)
    pairs = {"Yrkesgrupper": (3, 4), "Deltagare": (11, 12), "Organisationer": (4, 3)}
    for sheet, (formula, model) in pairs.items():
        rows = list(book[sheet].iter_rows(min_row=2, values_only=True))
        assert rows and all(isinstance(r[formula], float | int) for r in rows), sheet
        for r in rows:
            assert r[formula] == pytest.approx(r[model], rel=1e-9), (sheet, r[0])
    total = next(r for r in book["Organisationer"].iter_rows(values_only=True) if r[0] == "Totalt")
    assert total[4] == pytest.approx(compute(report.case).total.cost, rel=1e-9)


def _three_ways(**options):
    lucas = with_assumed_ranges(load_case(EXAMPLES / "lucas.yaml"))
    alternatives = [with_assumed_ranges(load_case(EXAMPLES / name))
                    for name in ("lucas-skolsocionom.yaml", "lucas-samverkan.yaml")]
    return lucas, alternatives, Report(analyse(lucas, alternatives, **options))


def _side_rows(book) -> dict[str, tuple]:
    return {row[0]: row for row in book["Arbetssätt"].iter_rows(min_row=2, values_only=True)
            if row[0]}


def test_the_workbook_shows_every_alternative_side_by_side(tmp_path: Path):
    lucas, alternatives, report = _three_ways(cases_per_year=40, draws=200)
    path = tmp_path / "tre.xlsx"
    write_report_xlsx(report, path)
    book = load_workbook(path)
    header = next(book["Arbetssätt"].iter_rows(max_row=1, values_only=True))
    names = [a.name for a in alternatives]
    # A cost, a change and a change per year for each alternative, in the order given.
    assert header[2:] == tuple(f"{n}: {what}" for n in names
                               for what in ("kostnad", "ändring", "ändring per år"))
    rows = _side_rows(book)
    for i, alternative in enumerate(alternatives):
        alt = compute(alternative)
        assert rows["Skola A"][2 + 3 * i] == pytest.approx(
            alt.organisations["skola_a"].figures.cost)
        assert rows["Totalt"][2 + 3 * i] == pytest.approx(alt.total.cost)
        total = next(c.row for c in book["Arbetssätt"]["A"] if c.value == "Totalt")
        assert rows["Samverkansvinst (nu − alternativ)"][3 + 3 * i] == \
            f"=B{total}-{'CF'[i]}{total}"
    # One alternative's sheet of its own is left out: it would show only the first.
    assert "Jämförelse" not in book.sheetnames


def test_a_spreadsheet_program_recalculates_the_alternatives_to_the_models_figures(
    tmp_path: Path,
):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (libreoffice-calc-nogui) is not installed")
    lucas, alternatives, report = _three_ways(cases_per_year=40, draws=200)
    path = tmp_path / "tre.xlsx"
    write_report_xlsx(report, path)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(path)],
                   check=True, capture_output=True, timeout=120)
    rows = _side_rows(load_workbook(tmp_path / "out" / "tre.xlsx", data_only=True))
    base = compute(lucas)
    assert rows["Totalt"][1] == pytest.approx(base.total.cost, rel=1e-9)
    assert rows["Skola A"][1] == pytest.approx(base.organisations["skola_a"].figures.cost)
    for i, alternative in enumerate(alternatives):
        comparison = compare(base, compute(alternative))
        change, per_year = 3 + 3 * i, 4 + 3 * i
        for org in ("skola_a", "skola_b", "soc"):
            name = {"skola_a": "Skola A", "skola_b": "Skola B", "soc": "Socialtjänsten"}[org]
            if name == "Socialtjänsten":
                continue  # the organisation and its group share the name; the group is below
            assert rows[name][change] == pytest.approx(comparison.by_organisation[org].cost)
        assert rows["Skolorna (genomsnitt)"][change] == pytest.approx(
            comparison.by_group["school"].cost)
        assert rows["Skolorna (genomsnitt)"][per_year] == pytest.approx(
            40 * comparison.by_group["school"].cost)
        assert rows["Totalt"][change] == pytest.approx(comparison.total.cost)
        gain = rows["Samverkansvinst (nu − alternativ)"]
        assert gain[change] == pytest.approx(comparison.gain)
        assert gain[per_year] == pytest.approx(40 * comparison.gain)
        # The formulas' gain stands beside the model's own.
        assert rows["Samverkansvinst, modellens siffra"][change] == pytest.approx(gain[change])


def test_the_html_shows_every_alternative_side_by_side_with_its_own_warnings():
    lucas = load_case(EXAMPLES / "lucas.yaml")
    small = load_case(EXAMPLES.parent.parent / "tests" / "fixtures" / "cases" / "small.yaml")
    alternatives = [load_case(EXAMPLES / n) for n in ("lucas-samverkan.yaml",
                                                       "lucas-skolsocionom.yaml")] + [small]
    html = render_html(Report(analyse(lucas, alternatives, cases_per_year=40, draws=200)))
    text = _sv(_text(html))
    section = text.split("Jämförelse av arbetssätt")[1].split("Per år Med")[0]
    base = compute(lucas)
    header = section.split("med varje arbetssätt Nu")[1].split("Skola A")[0]
    assert [header.index(a.name) for a in alternatives] == \
        sorted(header.index(a.name) for a in alternatives)
    gains_row = section.split("Samverkansvinst per ärende")[1].split("Samverkansgrad")[0]
    for alternative in alternatives:
        gain = compare(base, compute(alternative)).gain
        assert _sv(kronor(gain)) in gains_row
        assert _sv(kronor(40 * gain)) in section.split("Samverkansvinst per år")[1]
    # Only the alternative that is not the same process is warned about, by name.
    assert f"{small.name}: Fallen har inte samma steg" in section
    assert f"{alternatives[0].name}: Fallen" not in section
    assert 'id="alternatives-chart-t"' in html and "en stapel per arbetssätt" in text
    # Each alternative's own description is under Antaganden.
    assert all(f"Om arbetssättet {a.name}" in text for a in alternatives[:2])
