"""An attacker who knows how every figure is defined and holds every output at once.

The unknowns are the finest counts of cases a log can be cut into, taken from the indicator
definitions (README, "Uppföljning"), not from the product's own list of relations:

- reports, per unit × reporter type × month the report came in: decided within 14 days, decided
  later, not decided and past the 14 days, not decided and within them; and of them, those that
  led to an investigation (≤ decided), with a report meeting, with feedback (≤ reports);
- investigations, per unit × reporter type × month opened: closed within four months, closed
  within it after an extension, closed later with an extension, closed later without one — each
  by the month it closed in and by its closing outcome (with or without an intervention) — open
  and past the limit with or without an extension, open within the limit with or without one;
  and of them, those with an intervention (≤ opened), closed with an evaluation (≤ closed).

A month no view lists holds no report, investigation or closing; the day the log ends rules
out what cannot have happened yet (a report of that week still within its 14 days, an
investigation of last month past four months, a closing before the opening). Every figure any
output shows is a sum of these unknowns, so the figures together are linear constraints, and
two linear programs per hidden count give its smallest and largest value. The cost of the real
flow adds bounds too: each cost figure lies between its cases' price at the fewest and at the
most weeks their months allow (`cost_rows`). Counts are taken as
real numbers (the linear relaxation): whole-number reasoning can narrow an interval only inside
what the programs give, and the test says so in its promise.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from samverkan.formats.eventlog import EventLog
from samverkan.model.flow import FlowMapping, PathPrice
from tests.followup.outputs import Outputs, Place, Reading

THRESHOLD = 5
SCHOOL = "school"
Expr = dict[int, float]


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _first(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def _plus_months(day: dt.date, months: int) -> dt.date:
    """Calendar months on, kept to the month's last day (31 October + 4 → 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1))
    return dt.date(year, month + 1, min(day.day, last.day))


def _last(month: str) -> dt.date:
    return _plus_months(_first(month), 1) - dt.timedelta(days=1)


def _months_between(a: str, b: str) -> int:
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


def period_of(month: str, length: str) -> str:
    if length == "month":
        return month
    if length == "quarter":
        return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"
    return month[:4]


REPORT_CLASSES = ("on_time", "late", "overdue", "pending", "led", "meeting", "feedback")
CLOSED_CLASSES = ("on_time", "on_time_ext", "extended", "late")
CLOSINGS = ("intervention", "no_intervention")
OPEN_CLASSES = ("extended_open", "late_open", "pending", "pending_ext")


@dataclass
class Model:
    """The unknowns and the figures as sums of them."""

    units: list[str]
    reporters: list[str]
    months: list[str]
    as_of: dt.date
    index: dict[tuple[str, ...], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for unit in self.units:
            for reporter in self.reporters:
                for month in self.months:
                    for name in REPORT_CLASSES:
                        if self._report_possible(name, month):
                            self._var(("r", name, unit, reporter, month))
                    for closed in self.months:
                        for name in CLOSED_CLASSES:
                            if self._closing_possible(name, month, closed):
                                for closing in CLOSINGS:
                                    self._var(("c", name, unit, reporter, month, closed,
                                               closing))
                    for name in OPEN_CLASSES:
                        if self._open_possible(name, month):
                            self._var(("o", name, unit, reporter, month))
                    self._var(("i", "intervention", unit, reporter, month))
                    self._var(("i", "evaluation", unit, reporter, month))

    def _var(self, key: tuple[str, ...]) -> None:
        self.index[key] = len(self.index)

    def _report_possible(self, name: str, month: str) -> bool:
        if name == "pending":  # not decided, and the 14 days not yet past
            return _last(month) + dt.timedelta(days=14) >= self.as_of
        if name in ("late", "overdue"):  # the 14 days past before the log ends
            return _first(month) + dt.timedelta(days=14) < self.as_of
        return True

    def _closing_possible(self, name: str, opened: str, closed: str) -> bool:
        gap = _months_between(opened, closed)
        if gap < 0:  # a log closing before opening is refused
            return False
        if name in ("on_time", "on_time_ext"):
            return gap <= 4
        return gap >= 4 and _plus_months(_first(opened), 4) < self.as_of

    def _open_possible(self, name: str, month: str) -> bool:
        if name in ("pending", "pending_ext"):
            return _plus_months(_last(month), 4) >= self.as_of
        return _plus_months(_first(month), 4) < self.as_of

    def __len__(self) -> int:
        return len(self.index)

    # -- the figures

    def _cells(self, by: str, group: str | None, length: str, period: str
               ) -> Iterable[tuple[str, str, str]]:
        for unit in self.units:
            for reporter in self.reporters:
                if group is not None and group != (unit if by == "unit" else reporter):
                    continue
                for month in self.months:
                    if period_of(month, length) == period:
                        yield unit, reporter, month

    def _sum(self, keys: Iterable[tuple[str, ...]]) -> Expr:
        found: Expr = defaultdict(float)
        for key in keys:
            if key in self.index:
                found[self.index[key]] += 1.0
        return dict(found)

    def count(self, quantity: str, by: str, length: str, period: str, group: str | None
              ) -> Expr:
        """A count of cases as a sum of unknowns, by its definition."""
        cells = list(self._cells(by, group, length, period))
        # By unit, meetings and feedback concern reports from schools; by reporter type,
        # every type's own reports.
        focus = [c for c in cells if by == "reporter" or c[1] == SCHOOL]

        def r(names: Iterable[str], among: list[tuple[str, str, str]] = cells) -> Expr:
            return self._sum(("r", n, *c) for n in names for c in among)

        def closed(names: Iterable[str], closings: Iterable[str] = CLOSINGS) -> Expr:
            return self._sum(("c", n, *c, m, o) for n in names for c in cells
                             for m in self.months for o in closings)

        def opened(names: Iterable[str]) -> Expr:
            return self._sum(("o", n, *c) for n in names for c in cells)

        everything = ("on_time", "late", "overdue", "pending")
        match quantity:
            case "received":
                return r(everything)
            case "pre_due":
                return r(("on_time", "late", "overdue"))
            case "pre_on_time":
                return r(("on_time",))
            case "pre_pending":
                return r(("pending",))
            case "decided":
                return r(("on_time", "late"))
            case "not_opened":
                return _minus(r(("on_time", "late")), r(("led",)))
            case "led":
                return r(("led",))
            case "focus":
                return r(everything, focus)
            case "meeting":
                return r(("meeting",), focus)
            case "feedback":
                return r(("feedback",), focus)
            case "opened":
                return _plus(closed(CLOSED_CLASSES), opened(OPEN_CLASSES))
            case "inv_due":
                return _plus(closed(CLOSED_CLASSES), opened(("extended_open", "late_open")))
            case "inv_on_time":
                return closed(("on_time", "on_time_ext"))
            case "extended":
                return _plus(closed(("extended",)), opened(("extended_open",)))
            case "late":
                return _plus(closed(("late",)), opened(("late_open",)))
            case "inv_pending":
                return opened(("pending", "pending_ext"))
            case "path_intervention" | "path_no_intervention":
                return closed(("on_time", "late"), (quantity[5:],))
            case "path_extended":
                return _plus(closed(("on_time_ext", "extended")),
                             opened(("extended_open", "pending_ext")))
            case "path_open":
                return opened(("late_open", "pending"))
            case "closed_cohort":
                return closed(CLOSED_CLASSES)
            case "intervention" | "evaluation":
                return self._sum(("i", quantity, *c) for c in cells)
            case "closed":  # by the period it closed in, whenever it was opened
                return self._closed_in(by, group, length, period)
        raise KeyError(quantity)

    def _closed_in(self, by: str, group: str | None, length: str, period: str) -> Expr:
        return self._sum(
            ("c", n, unit, reporter, opened, closed, o)
            for n in CLOSED_CLASSES for o in CLOSINGS
            for unit in self.units for reporter in self.reporters
            if group is None or group == (unit if by == "unit" else reporter)
            for opened in self.months for closed in self.months
            if period_of(closed, length) == period
        )

    def structure(self) -> list[tuple[Expr, float, float]]:
        """What holds in every log: parts within their wholes (lower, upper bound of
        Σ coefficient × unknown)."""
        rows: list[tuple[Expr, float, float]] = []
        for unit in self.units:
            for reporter in self.reporters:
                for month in self.months:
                    cell = (unit, reporter, month)
                    received = self._sum(("r", n, *cell)
                                         for n in ("on_time", "late", "overdue", "pending"))
                    decided = self._sum(("r", n, *cell) for n in ("on_time", "late"))
                    for part, whole in (("led", decided), ("meeting", received),
                                        ("feedback", received)):
                        rows.append((_minus(whole, self._sum([("r", part, *cell)])), 0, np.inf))
                    closed = self._sum(("c", n, *cell, m, o) for n in CLOSED_CLASSES
                                       for m in self.months for o in CLOSINGS)
                    opened = _plus(closed, self._sum(("o", n, *cell) for n in OPEN_CLASSES))
                    rows.append((_minus(opened, self._sum([("i", "intervention", *cell)])),
                                 0, np.inf))
                    rows.append((_minus(closed, self._sum([("i", "evaluation", *cell)])),
                                 0, np.inf))
        return rows

    def reports(self) -> Expr:
        return self._sum(k for k in self.index if k[0] == "r" and k[1] in
                         ("on_time", "late", "overdue", "pending"))

    def investigations(self) -> Expr:
        return self._sum(k for k in self.index if k[0] in ("c", "o"))


def _plus(a: Expr, b: Expr) -> Expr:
    found = dict(a)
    for k, v in b.items():
        found[k] = found.get(k, 0.0) + v
    return found


def _minus(a: Expr, b: Expr) -> Expr:
    return _plus(a, {k: -v for k, v in b.items()})


# Which counts a figure stands on, from the indicator definitions: (role, quantity).
FIGURES: dict[str, tuple[tuple[str, str], ...]] = {
    "reports_received": (("count", "received"),),
    "preassessment_within_14_days": (("base", "pre_due"), ("part", "pre_on_time")),
    "preassessment_not_yet_due": (("count", "pre_pending"),),
    "preassessment_days_median": (("base", "decided"),),
    "preassessment_days_p90": (("base", "decided"),),
    "share_opened": (("base", "decided"), ("part", "led")),
    "reporter_reports": (("count", "focus"),),
    "report_meeting_share": (("base", "focus"), ("part", "meeting")),
    "feedback_share": (("base", "focus"), ("part", "feedback")),
    "feedback_days_median": (("base", "feedback"),),
    "investigations_opened": (("count", "opened"),),
    "investigations_closed": (("count", "closed"),),
    "investigation_within_4_months": (("base", "inv_due"), ("part", "inv_on_time")),
    "investigation_extended_share": (("base", "inv_due"), ("part", "extended")),
    "investigation_late_share": (("base", "inv_due"), ("part", "late")),
    "investigation_not_yet_due": (("count", "inv_pending"),),
    "investigation_days_median": (("base", "closed_cohort"),),
    "investigation_days_p90": (("base", "closed_cohort"),),
    "intervention_share": (("base", "opened"), ("part", "intervention")),
    "evaluation_share": (("base", "closed_cohort"), ("part", "evaluation")),
    "path_not_opened": (("count", "not_opened"),),
    "path_closed_intervention": (("count", "path_intervention"),),
    "path_closed_no_intervention": (("count", "path_no_intervention"),),
    "path_extended": (("count", "path_extended"),),
    "path_open": (("count", "path_open"),),
}


def model_for(outputs: Outputs) -> Model:
    months = sorted(set(outputs.periods[("unit", "month")])
                    | set(outputs.periods[("reporter", "month")]))
    return Model(list(outputs.groups["unit"]), list(outputs.groups["reporter"]), months,
                 outputs.as_of)


def expressions(model: Model, place: Place) -> list[tuple[str, Expr]]:
    by, length, period, indicator, group = place
    return [(role, model.count(q, by, length, period, group)) for role, q in FIGURES[indicator]]


def constraints_of(kind: str, role_exprs: list[tuple[str, Expr]], reading: Reading
                   ) -> list[tuple[Expr, float, float]]:
    """What one reading of one figure says, as bounds on sums of unknowns."""
    roles = dict(role_exprs)
    main = roles.get("count", roles.get("base"))
    assert main is not None
    rows: list[tuple[Expr, float, float]] = []
    if reading.status == "small":
        rows.append((main, 1, THRESHOLD - 1))
    elif reading.status == "empty":
        rows.append((main, 0, 0))  # nothing to compute from: no case behind it
    elif reading.status == "value":
        if kind == "count":
            value = float(reading.value or 0)
            half = 0.5 * 10 ** -(reading.decimals or 0) if reading.decimals is not None else 0
            rows.append((main, value - half, value + half))
        elif reading.n is not None:
            rows.append((main, reading.n, reading.n))
        else:
            rows.append((main, THRESHOLD, np.inf))  # shown: it rests on at least five cases
        if kind == "share" and reading.value is not None:
            part = roles["part"]
            if reading.n is not None and reading.decimals is None:
                exact = round(reading.value * reading.n)
                rows.append((part, exact, exact))
            else:
                # A rounded share: part / base within half a unit of the last decimal shown.
                step = 0.5 * 10 ** -(reading.decimals if reading.decimals is not None else 12)
                rows.append((_minus(part, {k: (reading.value - step) * v
                                           for k, v in main.items()}), 0, np.inf))
                rows.append((_minus(part, {k: (reading.value + step) * v
                                           for k, v in main.items()}), -np.inf, 0))
    return rows


@dataclass
class Program:
    """The attacker's linear program: the unknowns and every constraint the outputs give.

    Unknowns a figure shown as 0 (or "–") pins to 0 are taken out first: the programs keep
    only the unknowns that can still move.
    """

    model: Model
    rows: list[tuple[Expr, float, float]]
    programs: int = 0

    def __post_init__(self) -> None:
        zero: set[int] = set()
        for expr, low, high in self.rows:
            if high == 0 and low <= 0 and all(v > 0 for v in expr.values()):
                zero.update(expr)
        self.zero = zero
        self.free = [k for k in range(len(self.model)) if k not in zero]
        column = {k: j for j, k in enumerate(self.free)}
        data: list[float] = []
        cols: list[int] = []
        ptr = [0]
        lower, upper = [], []
        for expr, low, high in self.rows:
            terms = [(column[k], v) for k, v in expr.items() if k in column and v]
            if not terms:
                assert low - 1e-6 <= 0 <= high + 1e-6
                continue
            for j, v in terms:
                cols.append(j)
                data.append(v)
            ptr.append(len(data))
            lower.append(low)
            upper.append(high)
        self.column = column
        self.a = csr_matrix((data, cols, ptr), shape=(len(lower), len(self.free)))
        self.lower = np.array(lower, float)
        self.upper = np.array(upper, float)

    def _solve(self, objective: np.ndarray, extra: list[tuple[dict[int, float], float, float]],
               box: list[tuple[float, float | None]]) -> np.ndarray | None:
        """Minimise `objective` over the free unknowns and `len(box) - free` auxiliaries."""
        from scipy.sparse import hstack, vstack
        n = len(box)
        a = hstack([self.a, csr_matrix((self.a.shape[0], n - len(self.free)))]).tocsr() \
            if n > len(self.free) else self.a
        if extra:
            rows = [(j, i, v) for i, (row, _, _) in enumerate(extra) for j, v in row.items()]
            more = csr_matrix(([v for _, _, v in rows], ([i for _, i, _ in rows],
                                                        [j for j, _, _ in rows])),
                              shape=(len(extra), n))
            a = vstack([a, more]).tocsr()
        lower = np.concatenate([self.lower, [e[1] for e in extra]])
        upper = np.concatenate([self.upper, [e[2] for e in extra]])
        eq = lower == upper
        up, down = ~eq & np.isfinite(upper), ~eq & np.isfinite(lower)
        from scipy.sparse import vstack as stack
        result = linprog(objective, A_ub=stack([a[up], -a[down]]).tocsr(),
                         b_ub=np.concatenate([upper[up], -lower[down]]),
                         A_eq=a[eq] if eq.any() else None, b_eq=lower[eq] if eq.any() else None,
                         bounds=box, method="highs")
        self.programs += 1
        if result.status == 3:
            return None
        assert result.status == 0, result.message
        return np.asarray(result.x)

    def _local(self, expr: Expr) -> dict[int, float]:
        return {self.column[k]: v for k, v in expr.items() if k in self.column}

    def interval(self, expr: Expr) -> tuple[float, float]:
        """The smallest and largest value of a sum of unknowns over every solution."""
        local = self._local(expr)
        box: list[tuple[float, float | None]] = [(0.0, None)] * len(self.free)
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(self.free))
            for j, v in local.items():
                c[j] = sign * v
            x = self._solve(c, [], box)
            ends.append(np.inf * -sign if x is None else float(c @ x) * sign)
        return ends[0], ends[1]

    def spread(self, targets: list[Expr], known: list[float]) -> list[tuple[float, float]]:
        """For each sum, two values it can take at least 1 apart where there are such, else
        its exact interval. `known` is each sum's value at one solution.

        Most sums are settled a few at a time: each is pushed 1 away from its known value
        (up when it is small, else down), capped there so that no sum crowds out another, as
        statistical offices' audits do; only those left get programs of their own."""
        seen = [[k, k] for k in known]
        pending = list(range(len(targets)))
        while pending:
            before = len(pending)
            for direction in (1.0, -1.0):
                group = [t for t in pending if (known[t] < 2.5) == (direction > 0)]
                if group:
                    for t, got in zip(group, self._push(
                            [targets[t] for t in group],
                            [known[t] + direction for t in group], direction), strict=True):
                        seen[t] = [min(seen[t][0], got), max(seen[t][1], got)]
            pending = [t for t in pending if seen[t][1] - seen[t][0] < 1 - 1e-6]
            if len(pending) == before or len(pending) < 3:
                break
        for t in pending:
            seen[t] = list(self.interval(targets[t]))
            assert seen[t][0] - 1e-6 <= known[t] <= seen[t][1] + 1e-6
        return [(low, high) for low, high in seen]

    def _push(self, targets: list[Expr], goals: list[float], direction: float) -> list[float]:
        """One program: every sum pushed towards its goal (up: y ≤ sum, y ≤ goal, maximise
        Σ y; down: y ≥ sum, y ≥ goal, minimise Σ y). Returns the sums' values."""
        n = len(self.free)
        extra = []
        objective = np.zeros(n + len(targets))
        box: list[tuple[float, float | None]] = [(0.0, None)] * n
        for t, (expr, goal) in enumerate(zip(targets, goals, strict=True)):
            row = {j: -v for j, v in self._local(expr).items()}
            row[n + t] = 1.0
            if direction > 0:
                extra.append((row, -np.inf, 0.0))
                box.append((0.0, goal))
                objective[n + t] = -1.0
            else:
                extra.append((row, 0.0, np.inf))
                box.append((max(goal, 0.0), None))
                objective[n + t] = 1.0
        x = self._solve(objective, extra, box)
        assert x is not None
        return [sum(v * x[j] for j, v in self._local(e).items()) for e in targets]


def truth(log: EventLog, model: Model) -> np.ndarray:
    """The log's own point: how many cases fall in each unknown, by the definitions."""
    cases: dict[str, dict[str, object]] = defaultdict(dict)
    rows = log.connection.execute(
        "SELECT case_id, unit, coalesce(reporter, ''), event, CAST(ts AS DATE), outcome "
        "FROM events WHERE CAST(ts AS DATE) <= $as_of", {"as_of": model.as_of}).fetchall()
    for case_id, unit, reporter, event, day, outcome in rows:
        case = cases[case_id]
        case["unit"] = unit
        if reporter:
            case["reporter"] = max(str(case.get("reporter", "")), reporter)
        case.setdefault(event, day)
        case[event] = min(case[event], day)  # type: ignore[type-var]
        if event == "preassessment_decided" and outcome:
            case["decision"] = max(str(case.get("decision", "")), outcome)
        if event == "investigation_closed" and outcome:
            case["closing"] = max(str(case.get("closing", "")), outcome)
    x = np.zeros(len(model))

    def add(key: tuple[str, ...]) -> None:
        assert key in model.index, f"a case of the log is ruled out by the model: {key}"
        x[model.index[key]] += 1

    for case in cases.values():
        unit, reporter = str(case["unit"]), str(case.get("reporter") or "unknown")
        received = case.get("report_received")
        if isinstance(received, dt.date):
            month = month_of(received)
            decided = case.get("preassessment_decided")
            cell = (unit, reporter, month)
            if isinstance(decided, dt.date):
                add(("r", "on_time" if decided <= received + dt.timedelta(days=14) else "late",
                     *cell))
                if case.get("decision") == "opened":
                    add(("r", "led", *cell))
            else:
                add(("r", "pending" if received + dt.timedelta(days=14) >= model.as_of
                     else "overdue", *cell))
            if "report_meeting_held" in case:
                add(("r", "meeting", *cell))
            if "feedback_to_reporter" in case:
                add(("r", "feedback", *cell))
        opened = case.get("investigation_opened")
        if isinstance(opened, dt.date):
            cell = (unit, reporter, month_of(opened))
            due = _plus_months(opened, 4)
            closed = case.get("investigation_closed")
            extended = "investigation_extended" in case
            if isinstance(closed, dt.date):
                name = ("on_time_ext" if extended else "on_time") if closed <= due else (
                    "extended" if extended else "late")
                closing = "intervention" if case.get("closing") == "intervention" \
                    else "no_intervention"
                add(("c", name, *cell, month_of(closed), closing))
                if "evaluation_with_reporter" in case:
                    add(("i", "evaluation", *cell))
            elif due < model.as_of:
                add(("o", "extended_open" if extended else "late_open", *cell))
            else:
                add(("o", "pending_ext" if extended else "pending", *cell))
            if "intervention_during_investigation" in case:
                add(("i", "intervention", *cell))
    return x


def value(expr: Expr, point: np.ndarray) -> float:
    return float(sum(v * point[k] for k, v in expr.items()))


# ---- the cost of the real flow

# The quantity counting each path's cases, by the indicator definitions.
PATH_QUANTITIES = {"not_opened": "not_opened", "closed_intervention": "path_intervention",
                   "closed_no_intervention": "path_no_intervention",
                   "extended": "path_extended", "open": "path_open"}
_FOUR_MONTHS = (120 / 7, 123 / 7)  # the shortest and longest four calendar months, in weeks


def _path_of(key: tuple[str, ...]) -> str:
    """The path every case of an unknown is on."""
    if key[0] == "r":
        return "not_opened"
    if key[0] == "o":
        return "extended" if key[1] in ("extended_open", "pending_ext") else "open"
    if key[1] in ("on_time_ext", "extended"):
        return "extended"
    return f"closed_{key[6]}"


def _investigation_weeks(model: Model, key: tuple[str, ...]) -> tuple[float, float]:
    """The fewest and most weeks from opening to closing an unknown's cases can have run."""
    if key[0] != "c":
        return (np.nan, np.nan)  # still open: the mapped weeks, known to the attacker
    opened, closed = key[4], key[5]
    low = max(0.0, ((_first(closed) - _last(opened)).days) / 7)
    high = ((_last(closed) - _first(opened)).days) / 7
    if key[1] in ("on_time", "on_time_ext"):
        high = min(high, _FOUR_MONTHS[1])
    else:
        low = max(low, _FOUR_MONTHS[0])
    return low, high


def cost_rows(model: Model, outputs: Outputs, prices: dict[str, PathPrice],
              mapping: FlowMapping, mapped: dict[str, float]) -> list[tuple[Expr, float, float]]:
    """What every cost figure shown says, as bounds on sums of unknowns: each case's hours and
    kronor lie between its path's price at the fewest and at the most weeks its months allow.
    The attacker knows the case and the mapping, so every path's price."""
    rows: list[tuple[Expr, float, float]] = []
    keys = list(model.index)  # an unknown's number is its place in the index
    for (length, period, path, group), readings in outputs.costs.items():
        shown = {(r.hours, r.kronor) for r in readings}
        assert len(shown) == 1, ((length, period, path, group), readings)
        hours, kronor = shown.pop()
        if kronor is None or hours is None:
            continue
        paths = list(PATH_QUANTITIES) if path == "all" else [path]
        low: dict[str, Expr] = {"hours": {}, "kronor": {}}
        high: dict[str, Expr] = {"hours": {}, "kronor": {}}
        for name in paths:
            expr = model.count(PATH_QUANTITIES[name], "unit", length, period, group)
            for k, coefficient in expr.items():
                key = keys[k]
                assert _path_of(key) == name, (key, name)
                price = prices[name]
                ends = []
                for end in (0, 1):
                    weeks = dict(mapped)
                    for span in mapping.spans:
                        per_week = price.per_week[span.id]
                        if not per_week.cost:
                            continue
                        # Only the investigation's weeks move a Lucas-shaped price.
                        assert (span.start, span.end) == ("investigation_opened",
                                                          "investigation_closed")
                        found = _investigation_weeks(model, key)[end]
                        if not np.isnan(found):
                            weeks[span.id] = found
                    ends.append(price.cost(weeks))
                # A term taken away (not opened = decided less led) must have one price.
                assert coefficient > 0 or ends[0] == ends[1], key
                for measure, attribute in (("hours", "minutes"), ("kronor", "cost")):
                    scale = 1 / 60 if measure == "hours" else 1.0
                    a = getattr(ends[0], attribute) * scale * coefficient
                    b = getattr(ends[1], attribute) * scale * coefficient
                    low[measure][k] = low[measure].get(k, 0.0) + min(a, b)
                    high[measure][k] = high[measure].get(k, 0.0) + max(a, b)
        for measure, value in (("hours", hours), ("kronor", kronor)):
            # Scaled to thousands so that the programs' coefficients stay moderate.
            slack = 1e-6 * max(1.0, abs(value))
            rows.append(({k: v / 1000 for k, v in low[measure].items()}, -np.inf,
                         (value + slack) / 1000))
            rows.append(({k: v / 1000 for k, v in high[measure].items()},
                         (value - slack) / 1000, np.inf))
    return rows
