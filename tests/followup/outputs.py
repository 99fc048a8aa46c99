"""Every figure Samverkan shows for one log, read back from the outputs a person gets.

The command line's table and JSON, the web page (one page per view and period), the web
application's JSON and Excel downloads, its report as a web page and as PDF (through poppler's
`pdftotext`): each is produced as a person would produce it and parsed back as text. A figure
is one cell — (view, period, indicator, group) — and every output that shows it gives a
`Reading` of it: its status ("<5", "..", "–" or a value) and, where the output gives them, its
value and base `n`.

Nothing here uses the product's own lists of which count lies behind which figure: a reading is
only what the output says.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from typer.testing import CliRunner

from samverkan.cli import app
from samverkan.cli import followup_commands as _followup_commands  # noqa: F401  (registers them)

BYS = ("unit", "reporter")
LENGTHS = ("month", "quarter", "year")
TOTAL_NAME = "Hela kommunen"
SYMBOLS = {"<5": "small", "..": "hidden", "–": "empty"}

# (by, period length, period, indicator id, group); group None is the whole municipality.
Place = tuple[str, str, str, str, str | None]


@dataclass(frozen=True)
class Reading:
    source: str
    status: str  # "value", "small", "hidden" (".." for any reason) or "empty"
    value: float | None = None  # as exact as the output gives it
    n: int | None = None  # the base, where the output gives it
    decimals: int | None = None  # a text's value is rounded to so many decimals (shares: %)


@dataclass(frozen=True)
class CostReading:
    """A cost figure as an output gives it: hours and kronor, or hidden."""

    source: str
    hours: float | None
    kronor: float | None


@dataclass
class Outputs:
    """Every reading of every figure, the labels a text output uses, and the log's header."""

    readings: dict[Place, list[Reading]]
    groups: dict[str, list[str]]  # by → groups in the outputs' order
    periods: dict[tuple[str, str], list[str]]
    kinds: dict[str, str]  # indicator id → count, share or days
    header: dict[str, int]  # the web page's events, cases and units
    as_of: dt.date = dt.date.min  # the day every output says the log runs to
    # The cost of the real flow: (period length, period, path or "all", unit or None).
    costs: dict[tuple[str, str, str, str | None], list[CostReading]] = field(
        default_factory=dict)

    def add(self, place: Place, reading: Reading) -> None:
        self.readings.setdefault(place, []).append(reading)


def text_reading(source: str, text: str, kind: str) -> Reading:
    """A figure printed as text: "<5", "..", "–", "12", "3,5", "67 %" (sv) or "67%" (en)."""
    text = text.strip()
    if text in SYMBOLS:
        return Reading(source, "hidden" if SYMBOLS[text] == "hidden" else SYMBOLS[text])
    plain = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    plain = plain.replace("−", "-")
    percent = plain.endswith("%")
    number = float(plain.rstrip("%"))
    decimals = len(plain.rstrip("%").partition(".")[2])
    if kind == "share":
        assert percent, f"{source}: a share without %: {text!r}"
        return Reading(source, "value", number / 100, None, decimals + 2)
    assert not percent, f"{source}: a {kind} with %: {text!r}"
    return Reading(source, "value", number, None, decimals)


def json_reading(source: str, cell: dict[str, Any]) -> Reading:
    status = cell["status"]
    if status == "value":
        return Reading(source, "value", float(cell["value"]), int(cell["n"]))
    return Reading(source, "hidden" if status in ("hidden", "secondary") else status)


# ---- JSON: the command line's and the web application's

def read_json(outputs: Outputs, source: str, data: dict[str, Any]) -> None:
    by, length = data["by"], data["period"]
    outputs.as_of = dt.date.fromisoformat(data["as_of"])
    outputs.groups.setdefault(by, list(data["groups"]))
    assert outputs.groups[by] == data["groups"], source
    outputs.periods[(by, length)] = [p["period"] for p in data["periods"]]
    for period in data["periods"]:
        for indicator in period["indicators"]:
            outputs.kinds[indicator["id"]] = indicator["kind"]
            cells = [*indicator["groups"].items(), (None, indicator["total"])]
            for group, cell in cells:
                outputs.add((by, length, period["period"], indicator["id"], group),
                            json_reading(source, cell))


# ---- the cost of the real flow: the command line's JSON

PATH_INDICATORS = {"not_opened": "path_not_opened",
                   "closed_intervention": "path_closed_intervention",
                   "closed_no_intervention": "path_closed_no_intervention",
                   "extended": "path_extended", "open": "path_open"}


def read_cost_json(outputs: Outputs, source: str, data: dict[str, Any]) -> None:
    """Every cost figure, and every path's count beside it as a reading of its indicator."""
    length = data["period"]
    assert data["groups"] == outputs.groups["unit"], source
    for period in data["periods"]:
        for path in period["paths"]:
            cells = [*path["groups"].items(), (None, path["total"])]
            for group, cell in cells:
                place = (length, period["period"], path["id"], group)
                if cell["status"] == "value":
                    reading = CostReading(source, float(cell["hours"]), float(cell["kronor"]))
                else:
                    assert set(cell) == {"cases", "status"}, (source, place, cell)
                    reading = CostReading(source, None, None)
                outputs.costs.setdefault(place, []).append(reading)
                if path["id"] in PATH_INDICATORS:
                    cases = cell["cases"]
                    outputs.add(("unit", length, period["period"], PATH_INDICATORS[path["id"]],
                                 group), json_reading(source, {**cases, "n": cases.get("value")}))


# ---- text tables: terminal, web page, report (HTML and PDF)

@dataclass(frozen=True)
class TextTable:
    """One period's table as printed: header names, then per indicator label its cells."""

    period: str
    header: list[str]
    rows: list[tuple[str, list[str]]]


def read_text_tables(outputs: Outputs, source: str, by: str, length: str,
                     tables: Iterable[TextTable], labels: dict[str, str]) -> int:
    """Readings from tables whose columns are the groups in order, then the whole
    municipality; `labels` maps a row's label to its indicator. Returns the cells read."""
    groups = outputs.groups[by]
    read = 0
    for table in tables:
        assert table.header[-1] == TOTAL_NAME, (source, table.header)
        assert len(table.header) == len(groups) + 1, (source, table.header)
        for label, cells in table.rows:
            indicator = labels[label]
            assert len(cells) >= len(groups) + 1, (source, label, cells)
            for group, text in zip([*groups, None], cells, strict=False):
                outputs.add((by, length, table.period, indicator, group),
                            text_reading(source, text, outputs.kinds[indicator]))
                read += 1
    return read


def _boxed(lines: list[str], mark: str) -> list[list[str]]:
    """The cells of the lines drawn with `mark` between the cells."""
    return [[c.strip() for c in line.split(mark)[1:-1]] for line in lines
            if line.startswith(mark)]


def terminal_tables(text: str) -> list[TextTable]:
    """The command line's tables: a title line "PERIOD — file", then a box of rows."""
    tables: list[TextTable] = []
    for block in re.split(r"\n(?=\S+ — )", "\n" + text):
        lines = block.strip("\n").splitlines()
        if not lines or " — " not in lines[0]:
            continue
        period = lines[0].split(" — ")[0].strip()
        # A header too long for its column goes on over the next lines.
        header = [" ".join(filter(None, parts))
                  for parts in zip(*_boxed(lines[1:], "┃"), strict=True)]
        lines_of_rows = _boxed(lines[1:], "│")
        width = len(header) - 3  # indicator, groups and total, spread, CV
        rows: list[tuple[str, list[str]]] = []
        for cells in lines_of_rows:
            if rows and not any(cells[1:]):
                # A label too long for its column goes on over the next line, alone.
                rows[-1] = (f"{rows[-1][0]} {cells[0]}", rows[-1][1])
            else:
                rows.append((cells[0], cells[1:1 + width]))
        tables.append(TextTable(period, header[1:1 + width], rows))
    return tables


class _Tables(HTMLParser):
    """Every <table> of a page: caption, header cells, and rows as (th, [td])."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self._text: list[str] | None = None
        self._row: list[tuple[str, str]] | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"caption": "", "rows": [], "attrs": dict(attrs)})
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("th", "td", "caption") and self.tables:
            self._text = []
        elif tag in ("svg",):
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._text is not None and self._row is not None:
            self._row.append((tag, "".join(self._text).strip()))
            self._text = None
        elif tag == "caption" and self._text is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._text).split())
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None
        elif tag == "svg":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._depth:
            self._text.append(data)


def html_tables(html: str) -> list[dict[str, Any]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _group_table(table: dict[str, Any], period: str) -> TextTable:
    header, *rows = table["rows"]
    names = [text for _, text in header[1:]]
    width = len(names) - 2  # spread and CV follow the groups and the total
    return TextTable(period, names[:width], [(r[0][1], [t for _, t in r[1:1 + width]])
                                             for r in rows])


def page_table(html: str, period: str) -> TextTable:
    """The indicator table of one period on the follow-up page."""
    (table,) = [t for t in html_tables(html) if t["attrs"].get("id") == "indicators"]
    assert period in table["caption"], table["caption"]
    return _group_table(table, period)


def report_tables(html: str) -> tuple[list[TextTable], list[tuple[str, list[str]]], list[str]]:
    """The report's tables: every period's groups, and the whole municipality over time
    (rows of label and cells, and the periods of its columns)."""
    per_period: list[TextTable] = []
    over_time: list[tuple[str, list[str]]] = []
    columns: list[str] = []
    for table in html_tables(html):
        found = re.search(r", (\S+)$", table["caption"])
        if "units" in (table["attrs"].get("class") or "") and found:
            per_period.append(_group_table(table, found.group(1)))
        elif table["rows"] and table["rows"][0][0][0] == "th" and not over_time:
            header, *rows = table["rows"]
            columns = [t for _, t in header[1:]]
            over_time = [(r[0][1], [t for _, t in r[1:]]) for r in rows]
    return per_period, over_time, columns


_TOKEN = re.compile(r"<5|\.\.|–|−?\d+(?:[ \u202f\u00a0]\d{3})*(?:,\d+)?(?:[ \u00a0]?%)?")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_tables(text: str, labels: Iterable[str], width: int) -> list[TextTable]:
    """The report's per-period tables as `pdftotext -layout` lays them out: a caption line
    ending in the period, then rows that begin with an indicator's label and hold `width`
    figures (the groups and the whole municipality) before the spread."""
    ordered = sorted(labels, key=len, reverse=True)
    tables: list[TextTable] = []
    for line in text.splitlines():
        caption = re.match(r"^\s*Indikatorer per \S+ och hela kommunen, (\S+)\s*$", line)
        if caption:
            tables.append(TextTable(caption.group(1), [], []))
            continue
        if not tables:
            continue
        stripped = line.strip()
        label = next((lab for lab in ordered if stripped.startswith(lab + " ")), None)
        if label is None:
            continue
        tokens = _TOKEN.findall(stripped[len(label):])
        tables[-1].rows.append((label, tokens[:width]))
    return tables


# ---- producing the outputs

def cli(*args: str | Path) -> str:
    result = CliRunner().invoke(app, ["followup", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout


def labels_of(by: str, data: dict[str, Any]) -> dict[str, str]:
    """Swedish label → indicator id, as the JSON names them for this view."""
    return {i["label_sv"]: i["id"] for i in data["periods"][0]["indicators"]}


def collect(client: Client, log_id: int, path: Path, folder: Path, *,
            cli_views: Iterable[tuple[str, str]] = (),
            pdf_views: Iterable[tuple[str, str]] = ()) -> Outputs:
    """Every figure of every view from every web output, for a log kept with id `log_id`; the
    command line's table and JSON (for the same log as the file `path`) and the PDF report for
    the views asked, as each works the whole family's protection out again and takes seconds."""
    outputs = Outputs({}, {}, {}, {}, {})
    pdf_views, cli_views = set(pdf_views), set(cli_views)
    for by in BYS:
        for length in LENGTHS:
            query = {"by": by, "period": length}
            # The web application: JSON and Excel downloads, every period's page, the report.
            response = client.get(reverse("followup:download", args=[log_id, "json"]), query)
            assert response.status_code == 200
            data = json.loads(response.content)
            read_json(outputs, "web-json", data)
            labels = labels_of(by, data)
            if (by, length) in cli_views:
                # The command line: JSON, then its table.
                read_json(outputs, "cli-json", json.loads(cli(
                    "indicators", path, "--by", by, "--period", length, "--format", "json")))
                read_text_tables(outputs, "cli-table", by, length,
                                 terminal_tables(cli("indicators", path, "--by", by,
                                                     "--period", length)), labels)
            _read_xlsx(outputs, client, log_id, by, length, labels)
            for period in outputs.periods[(by, length)]:
                page = client.get(reverse("followup:log", args=[log_id]),
                                  {**query, "show": period})
                assert page.status_code == 200
                read_text_tables(outputs, "web-page", by, length,
                                 [page_table(page.content.decode(), period)], labels)
            _read_report(outputs, client, log_id, by, length, labels,
                         folder if (by, length) in pdf_views else None)
    page = client.get(reverse("followup:log", args=[log_id])).content.decode()
    assert "{#" not in page and "{%" not in page  # no template text reaches the page
    found = re.search(r"· (\d+) (\S+) ·", page)
    assert found and found.group(2) in ("ärenden", "cases"), "the page's header gives cases"
    outputs.header = {"cases": int(found.group(1))}
    # The list of logs gives the same, and no count of events.
    listing = client.get(reverse("followup:index")).content.decode()
    assert "Händelser" not in listing and "Events" not in listing
    (row,) = [r for t in html_tables(listing) for r in t["rows"][1:]
              if r[0][1] == page_name(page)]
    assert int(row[2][1]) == outputs.header["cases"]
    return outputs


def page_name(page: str) -> str:
    found = re.search(r"<h1>(.*?)</h1>", page)
    assert found
    return found.group(1)


def _read_xlsx(outputs: Outputs, client: Client, log_id: int, by: str, length: str,
               labels: dict[str, str]) -> None:
    response = client.get(reverse("followup:download", args=[log_id, "xlsx"]),
                          {"by": by, "period": length})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))
                          if hasattr(response, "streaming_content")
                          else BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    groups = outputs.groups[by]
    assert header[2 + len(groups)] == TOTAL_NAME
    for row in rows[1:]:
        period, label = str(row[0]), str(row[1])
        indicator = labels[label]
        for group, value in zip([*groups, None], row[2:3 + len(groups)], strict=True):
            if isinstance(value, (int, float)):
                reading = Reading("web-xlsx", "value", float(value))
            else:
                reading = text_reading("web-xlsx", str(value), outputs.kinds[indicator])
            outputs.add((by, length, period, indicator, group), reading)


def _read_report(outputs: Outputs, client: Client, log_id: int, by: str, length: str,
                 labels: dict[str, str], folder: Path | None) -> None:
    query = {"by": by, "period": length}
    html = client.get(reverse("followup:report", args=[log_id, "html"]), query)
    assert html.status_code == 200
    per_period, over_time, columns = report_tables(html.content.decode())
    read_text_tables(outputs, "report-html", by, length, per_period, labels)
    assert columns == outputs.periods[(by, length)]
    for label, cells in over_time:
        indicator = labels[label]
        for period, text in zip(columns, cells, strict=True):
            outputs.add((by, length, period, indicator, None),
                        text_reading("report-html", text, outputs.kinds[indicator]))
    if folder is None:
        return
    response = client.get(reverse("followup:report", args=[log_id, "pdf"]), query)
    assert response.status_code == 200
    path = folder / f"report-{by}-{length}.pdf"
    path.write_bytes(b"".join(response.streaming_content)
                     if hasattr(response, "streaming_content") else response.content)
    width = len(outputs.groups[by]) + 1
    tables = pdf_tables(pdf_text(path), labels, width)
    assert [t.period for t in tables] == list(reversed(outputs.periods[(by, length)])) or \
        {t.period for t in tables} == set(outputs.periods[(by, length)])
    for table in tables:
        assert len(table.rows) >= len(labels), (table.period, len(table.rows))
        for label, cells in table.rows:
            assert len(cells) == width, (table.period, label, cells)
    names = outputs.groups[by]
    for table in tables:
        for label, cells in table.rows:
            indicator = labels[label]
            for group, text in zip([*names, None], cells, strict=True):
                outputs.add((by, length, table.period, indicator, group),
                            text_reading("report-pdf", text, outputs.kinds[indicator]))
