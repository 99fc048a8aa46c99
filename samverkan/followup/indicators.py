"""Follow-up indicators per unit (or reporter type) and period, computed as SQL on DuckDB.

Which period a figure belongs to: a report's figures belong to the period its report came in; an
investigation's to the period it was opened — so that each row follows one cohort through its
time limits. Only "investigations closed" is counted in the period of closing.

Time limits are calendar limits. The pre-assessment is due 14 days after the report came in.
The investigation is due four calendar months after the day it was opened (opened 31 October →
due 28 or 29 February: DuckDB's month arithmetic keeps to the month's last day), later if it
was extended; an extended investigation that ends after four months is counted apart from one
that is late. A case still open at the end of the log (`as_of`) counts as late once its limit
has passed, and as not yet due before; not-yet-due cases are left out of the shares. An
`as_of` before the log's last day gives the figures as they stood on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from samverkan.formats.eventlog import EventLog

__all__ = [
    "TOTAL",
    "By",
    "Period",
    "Kind",
    "Indicator",
    "INDICATORS",
    "Cell",
    "IndicatorTable",
    "compute_indicators",
    "prepare_cases",
    "period_sql",
]

# The key of the whole municipality beside the groups. Every group comes from a column the
# importer trims of spaces, so no group can begin with one: data can never reach this key.
TOTAL: Final = " total"


class By(StrEnum):
    unit = "unit"
    reporter = "reporter"


class Period(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


class Kind(StrEnum):
    COUNT = "count"  # a number of cases
    SHARE = "share"  # part / base
    DAYS = "days"  # a median or P90 of days over `base` cases


@dataclass(frozen=True)
class Indicator:
    id: str
    kind: Kind
    sv: str
    en: str
    section: str  # "reports" or "investigations"

    def label(self, lang: str = "sv") -> str:
        return self.sv if lang == "sv" else self.en


def _i(id: str, kind: Kind, sv: str, en: str, section: str) -> Indicator:
    return Indicator(id, kind, sv, en, section)


INDICATORS: Final[tuple[Indicator, ...]] = (
    _i("reports_received", Kind.COUNT, "Inkomna anmälningar", "Reports received", "reports"),
    _i("preassessment_within_14_days", Kind.SHARE, "Förhandsbedömning inom 14 dagar",
       "Pre-assessment within 14 days", "reports"),
    _i("preassessment_not_yet_due", Kind.COUNT, "Förhandsbedömning ej klar, inom tidsgräns",
       "Pre-assessment pending, not yet due", "reports"),
    _i("preassessment_days_median", Kind.DAYS, "Dagar till förhandsbedömning, median",
       "Days to pre-assessment, median", "reports"),
    _i("preassessment_days_p90", Kind.DAYS, "Dagar till förhandsbedömning, P90",
       "Days to pre-assessment, P90", "reports"),
    _i("share_opened", Kind.SHARE, "Andel förhandsbedömningar som ledde till utredning",
       "Share of pre-assessments that opened an investigation", "reports"),
    _i("path_not_opened", Kind.COUNT, "Ej inledd efter förhandsbedömning",
       "Not opened after the pre-assessment", "reports"),
    _i("reporter_reports", Kind.COUNT, "Anmälningar från skolan", "Reports from schools",
       "reports"),
    _i("report_meeting_share", Kind.SHARE, "Andel med anmälningsmöte",
       "Share with a report meeting", "reports"),
    _i("feedback_share", Kind.SHARE, "Andel med återkoppling till anmälaren",
       "Share with feedback to the reporter", "reports"),
    _i("feedback_days_median", Kind.DAYS, "Dagar till återkoppling, median",
       "Days to feedback, median", "reports"),
    _i("investigations_opened", Kind.COUNT, "Inledda utredningar", "Investigations opened",
       "investigations"),
    _i("investigations_closed", Kind.COUNT, "Avslutade utredningar (under perioden)",
       "Investigations closed (in the period)", "investigations"),
    _i("investigation_within_4_months", Kind.SHARE, "Utredning klar inom fyra månader",
       "Investigation closed within four months", "investigations"),
    _i("investigation_extended_share", Kind.SHARE, "Förlängd, mer än fyra månader",
       "Extended, over four months", "investigations"),
    _i("investigation_late_share", Kind.SHARE, "Försenad utan förlängning",
       "Late without an extension", "investigations"),
    _i("investigation_not_yet_due", Kind.COUNT, "Pågående utredningar, inom tidsgräns",
       "Open investigations, not yet due", "investigations"),
    _i("investigation_days_median", Kind.DAYS, "Utredningstid i dagar, median",
       "Investigation days, median", "investigations"),
    _i("investigation_days_p90", Kind.DAYS, "Utredningstid i dagar, P90",
       "Investigation days, P90", "investigations"),
    _i("intervention_share", Kind.SHARE, "Andel med insats under utredningen",
       "Share with an intervention during the investigation", "investigations"),
    _i("evaluation_share", Kind.SHARE, "Andel avslutade med utvärdering med anmälaren",
       "Share closed with an evaluation with the reporter", "investigations"),
    # The paths a case can take once opened, one each: what the cost of the real flow prices.
    _i("path_closed_intervention", Kind.COUNT, "Avslutad med insats, ej förlängd",
       "Closed with an intervention, not extended", "investigations"),
    _i("path_closed_no_intervention", Kind.COUNT, "Avslutad utan insats, ej förlängd",
       "Closed without an intervention, not extended", "investigations"),
    _i("path_extended", Kind.COUNT, "Förlängd, avslutad eller pågående",
       "Extended, closed or still open", "investigations"),
    _i("path_open", Kind.COUNT, "Pågående, ej förlängd", "Still open, not extended",
       "investigations"),
)

_BY_REPORTER_LABELS: Final[dict[str, tuple[str, str]]] = {
    "reporter_reports": ("Anmälningar", "Reports"),
}


@dataclass(frozen=True)
class Cell:
    """One figure: `part` of `base` for a share, `value` days over `base` cases, or a count."""

    value: float | None
    base: int
    part: int = 0


@dataclass(frozen=True)
class IndicatorTable:
    by: By
    period: Period
    as_of: dt.date
    groups: tuple[str, ...]
    periods: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    cells: dict[tuple[str, str, str], Cell]  # (period, indicator id, group or TOTAL)

    def cell(self, period: str, indicator: str, group: str) -> Cell:
        return self.cells.get((period, indicator, group), Cell(None, 0))

    def is_settled(self, period: str) -> bool:
        """True when no case of the period is still within its limit, so that its shares are
        final; otherwise they will change as pending cases close or run late."""
        return not any(self.cell(period, i, TOTAL).value
                       for i in ("preassessment_not_yet_due", "investigation_not_yet_due"))

    def last_settled_period(self) -> str | None:
        """The latest settled period, if any."""
        return next((p for p in reversed(self.periods) if self.is_settled(p)), None)


def period_sql(period: Period, column: str) -> str:
    """The SQL naming the period a date column falls in: 2024-03, 2024-Q1 or 2024."""
    if period is Period.month:
        return f"strftime({column}, '%Y-%m')"
    if period is Period.quarter:
        return f"strftime({column}, '%Y') || '-Q' || quarter({column})::VARCHAR"
    return f"strftime({column}, '%Y')"


_CASES_SQL = """
CREATE OR REPLACE TEMP TABLE followup_cases AS
SELECT case_id,
       any_value(unit) AS unit,
       coalesce(max(reporter), 'unknown') AS reporter,
       CAST(min(ts) FILTER (event = 'report_received') AS DATE) AS received,
       CAST(min(ts) FILTER (event = 'preassessment_decided') AS DATE) AS decided,
       max(outcome) FILTER (event = 'preassessment_decided') AS decision,
       count(*) FILTER (event = 'report_meeting_held') > 0 AS meeting,
       CAST(min(ts) FILTER (event = 'feedback_to_reporter') AS DATE) AS feedback,
       CAST(min(ts) FILTER (event = 'investigation_opened') AS DATE) AS opened,
       count(*) FILTER (event = 'investigation_extended') > 0 AS extended,
       count(*) FILTER (event = 'intervention_during_investigation') > 0 AS intervention,
       CAST(min(ts) FILTER (event = 'investigation_closed') AS DATE) AS closed,
       max(outcome) FILTER (event = 'investigation_closed') AS closing,
       count(*) FILTER (event = 'evaluation_with_reporter') > 0 AS evaluation
FROM events WHERE CAST(ts AS DATE) <= $as_of GROUP BY case_id
"""

_REPORTS_SQL = """
WITH c AS (
  SELECT *, {period} AS period, {group} AS grp, {focus} AS focus
  FROM followup_cases WHERE received IS NOT NULL
)
SELECT grp, period, GROUPING(grp) AS is_total,
  count(*) AS reports_received,
  count(decided) AS decided,
  count(*) FILTER (decided <= received + 14) AS pre_on_time,
  count(*) FILTER (decided IS NOT NULL OR received + 14 < $as_of) AS pre_due,
  count(*) FILTER (decided IS NULL AND received + 14 >= $as_of) AS pre_pending,
  quantile_cont(decided - received, 0.5) AS pre_median,
  quantile_cont(decided - received, 0.9) AS pre_p90,
  count(*) FILTER (decision = 'opened') AS led_to_investigation,
  count(*) FILTER (decided IS NOT NULL AND decision <> 'opened') AS not_opened,
  count(*) FILTER (focus) AS focus_reports,
  count(*) FILTER (focus AND meeting) AS focus_meeting,
  count(*) FILTER (focus AND feedback IS NOT NULL) AS focus_feedback,
  quantile_cont(feedback - received, 0.5) FILTER (focus) AS feedback_median
FROM c GROUP BY GROUPING SETS ((grp, period), (period))
"""

_INVESTIGATIONS_SQL = """
WITH c AS (
  SELECT *, {period} AS period, {group} AS grp,
         CAST(opened + INTERVAL 4 MONTH AS DATE) AS due
  FROM followup_cases WHERE opened IS NOT NULL
), d AS (
  SELECT *, closed IS NULL AND due < $as_of OR closed > due AS overdue FROM c
)
SELECT grp, period, GROUPING(grp) AS is_total,
  count(*) AS opened,
  count(*) FILTER (closed <= due) AS on_time,
  count(*) FILTER (closed IS NOT NULL OR due < $as_of) AS inv_due,
  count(*) FILTER (overdue AND extended) AS extended_over,
  count(*) FILTER (overdue AND NOT extended) AS late,
  count(*) FILTER (closed IS NULL AND due >= $as_of) AS pending,
  count(closed) AS closed,
  quantile_cont(closed - opened, 0.5) AS inv_median,
  quantile_cont(closed - opened, 0.9) AS inv_p90,
  count(*) FILTER (intervention) AS with_intervention,
  count(*) FILTER (closed IS NOT NULL AND evaluation) AS with_evaluation,
  count(*) FILTER (NOT extended AND closed IS NOT NULL AND closing = 'intervention')
    AS path_closed_intervention,
  count(*) FILTER (NOT extended AND closed IS NOT NULL AND closing IS DISTINCT FROM 'intervention')
    AS path_closed_no_intervention,
  count(*) FILTER (extended) AS path_extended,
  count(*) FILTER (NOT extended AND closed IS NULL) AS path_open
FROM d GROUP BY GROUPING SETS ((grp, period), (period))
"""

_CLOSED_SQL = """
SELECT {group} AS grp, {period} AS period, GROUPING({group}) AS is_total, count(*) AS closed
FROM followup_cases WHERE closed IS NOT NULL
GROUP BY GROUPING SETS (({group}, {period}), ({period}))
"""


def _share(part: int, base: int) -> Cell:
    return Cell(part / base if base else None, base, part)


def _days(value: float | None, base: int) -> Cell:
    return Cell(None if value is None else float(value), base)


def _count(n: int) -> Cell:
    return Cell(float(n), n, n)


def _counted(column: str) -> Callable[[dict[str, int | float | None]], Cell]:
    return lambda r: _count(_n(r[column]))


# How each indicator's cell is made from a row of the SQL above.
_FROM_REPORTS: Final[dict[str, Callable[[dict[str, int | float | None]], Cell]]] = {
    "reports_received": lambda r: _count(_n(r["reports_received"])),
    "preassessment_within_14_days": lambda r: _share(_n(r["pre_on_time"]), _n(r["pre_due"])),
    "preassessment_not_yet_due": lambda r: _count(_n(r["pre_pending"])),
    "preassessment_days_median": lambda r: _days(r["pre_median"], _n(r["decided"])),
    "preassessment_days_p90": lambda r: _days(r["pre_p90"], _n(r["decided"])),
    "share_opened": lambda r: _share(_n(r["led_to_investigation"]), _n(r["decided"])),
    "path_not_opened": lambda r: _count(_n(r["not_opened"])),
    "reporter_reports": lambda r: _count(_n(r["focus_reports"])),
    "report_meeting_share": lambda r: _share(_n(r["focus_meeting"]), _n(r["focus_reports"])),
    "feedback_share": lambda r: _share(_n(r["focus_feedback"]), _n(r["focus_reports"])),
    "feedback_days_median": lambda r: _days(r["feedback_median"], _n(r["focus_feedback"])),
}
_FROM_INVESTIGATIONS: Final[dict[str, Callable[[dict[str, int | float | None]], Cell]]] = {
    "investigations_opened": lambda r: _count(_n(r["opened"])),
    "investigation_within_4_months": lambda r: _share(_n(r["on_time"]), _n(r["inv_due"])),
    "investigation_extended_share": lambda r: _share(_n(r["extended_over"]), _n(r["inv_due"])),
    "investigation_late_share": lambda r: _share(_n(r["late"]), _n(r["inv_due"])),
    "investigation_not_yet_due": lambda r: _count(_n(r["pending"])),
    "investigation_days_median": lambda r: _days(r["inv_median"], _n(r["closed"])),
    "investigation_days_p90": lambda r: _days(r["inv_p90"], _n(r["closed"])),
    "intervention_share": lambda r: _share(_n(r["with_intervention"]), _n(r["opened"])),
    "evaluation_share": lambda r: _share(_n(r["with_evaluation"]), _n(r["closed"])),
    **{path: _counted(path) for path in ("path_closed_intervention",
                                         "path_closed_no_intervention", "path_extended",
                                         "path_open")},
}


def _n(value: int | float | None) -> int:
    return int(value or 0)


def prepare_cases(log: EventLog, as_of: dt.date) -> None:
    """One row per case in the temporary table `followup_cases` of the log's connection: its
    unit, reporter type, the days of its milestones, its decisions and what happened in it."""
    # Events after `as_of` are left out: the figures are those the log gave on that day.
    log.connection.execute(_CASES_SQL, {"as_of": as_of})


def compute_indicators(
    log: EventLog,
    *,
    by: By = By.unit,
    period: Period = Period.quarter,
    as_of: dt.date | None = None,
) -> IndicatorTable:
    """Every indicator for every group (unit or reporter type) and period, and the total.

    `as_of` is the day the log was taken out; by default its last event's day.
    """
    connection = log.connection
    if as_of is None:
        as_of = log.span()[1]
    prepare_cases(log, as_of)
    group = "unit" if by is By.unit else "reporter"
    # By unit, the meeting and feedback figures concern reports from schools (seeds 001, 003);
    # by reporter type, each type's own reports.
    focus = "reporter = 'school'" if by is By.unit else "true"
    cells: dict[tuple[str, str, str], Cell] = {}

    def collect(sql: str, makers: dict[str, Callable[[dict[str, int | float | None]], Cell]],
                column: str) -> None:
        cursor = connection.execute(
            sql.format(period=period_sql(period, column), group=group, focus=focus),
            {"as_of": as_of} if "$as_of" in sql else None,
        )
        names = [d[0] for d in cursor.description or ()]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            target = TOTAL if row["is_total"] else str(row["grp"])
            for indicator, make in makers.items():
                cells[(str(row["period"]), indicator, target)] = make(row)

    collect(_REPORTS_SQL, _FROM_REPORTS, "received")
    collect(_INVESTIGATIONS_SQL, _FROM_INVESTIGATIONS, "opened")
    collect(_CLOSED_SQL, {
        "investigations_closed": lambda r: _count(_n(r["closed"]))
    }, "closed")

    groups = tuple(
        str(g) for (g,) in connection.execute(
            f"SELECT DISTINCT {group} FROM followup_cases ORDER BY 1"
        ).fetchall()
    )
    periods = tuple(sorted({key[0] for key in cells}))
    indicators = INDICATORS if by is By.unit else tuple(
        Indicator(i.id, i.kind, *_BY_REPORTER_LABELS[i.id], i.section)
        if i.id in _BY_REPORTER_LABELS else i
        for i in INDICATORS
    )
    return IndicatorTable(by, period, as_of, groups, periods, indicators, cells)
