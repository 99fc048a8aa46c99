"""Small-count suppression for the whole family of tables a log can produce.

Primary suppression: a count of 1–4 is shown as "<5"; a share or a number of days that rests on
fewer than 5 cases is hidden (".."), and so is everything else that would reveal its base or
its part.

Secondary suppression is made once for every view of a log together — by unit and by reporter
type, month, quarter and year — because a reader holds all of them at once: the counts behind
every figure and every sum between them (`samverkan.followup.quantities`) make one system of
linear equations. An audit computes, by linear programming (`samverkan.followup.intervals`),
the smallest and largest value each hidden count can take given everything shown: "<5" is 1–4,
".." is anything from 0 up. While a count hidden for being 1–4 could not be any of 1, 2, 3 and 4,
or the part of a hidden share could be worked out exactly, two more figures that take part in
the same sums are hidden — the smallest shown count first, a part rather than a total — and the
audit runs again, asking only about the counts still open. A "<5" that would still narrow a sum
it belongs to becomes "..". Before each audit, every sum left with exactly one hidden count gets
a second one at once, without a linear program: that count could otherwise be read off by
adding up, and covering all such sums together takes a handful of audits instead of one per
sum.

The promise, checked by the audit and by an attacker test that reads every output and uses its
own unknowns (the finest counts of cases) rather than these relations: given everything
Samverkan shows for a log on one day, every count it hides for being 1–4 has a feasible interval
at least 1 wide by linear programming (at least two whole values remain; "<5" says 1–4, but the
figures together may narrow it to 1–2), and the part of a share hidden for resting on fewer than
five cases is never pinned to a value above 0 (it can be pinned to 0 when a larger whole shows 0).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, cast

from samverkan.errors import Place, Problem, ProtectionTooSlowError
from samverkan.followup.indicators import TOTAL, By, Cell, IndicatorTable, Kind, Period
from samverkan.followup.intervals import (
    Constraint,
    Requirement,
    connected_groups,
    unmet_requirements,
)
from samverkan.followup.quantities import (
    CELL_QUANTITIES,
    HIDDEN_FIRST,
    CountKey,
    Relation,
    count_key,
    family_counts,
)

__all__ = [
    "THRESHOLD",
    "Status",
    "Shown",
    "SuppressedTable",
    "View",
    "Audit",
    "Selection",
    "SELECTION",
    "FORMER_SELECTION",
    "suppress",
    "suppress_family",
    "primary_cells",
]

THRESHOLD: Final = 5
# The longest the audit may work on one log. A log of many units, each with few cases, can
# need rounds of linear programs without end; past this it is refused with a message rather
# than holding a server process (the 20 000-case synthetic log needs about 1.5 s).
PROTECTION_SECONDS: Final = 15.0

View = tuple[By, Period]


class Status(StrEnum):
    VALUE = "value"  # shown as it is
    SMALL = "small"  # a count of 1–4, shown as "<5"
    HIDDEN = "hidden"  # rests on fewer than 5 cases
    SECONDARY = "secondary"  # hidden so that another hidden figure cannot be worked out
    EMPTY = "empty"  # no case to compute it from


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: the value only when the status is VALUE."""

    status: Status
    value: float | None = None
    base: int | None = None

    @property
    def visible(self) -> bool:
        return self.status is Status.VALUE


@dataclass(frozen=True)
class SuppressedTable:
    source: IndicatorTable
    cells: dict[tuple[str, str, str], Shown]
    threshold: int

    def cell(self, period: str, indicator: str, group: str) -> Shown:
        return self.cells.get((period, indicator, group), Shown(Status.EMPTY))


@dataclass
class Audit:
    """What the suppression did: figures hidden, linear programs solved, and any count the
    audit could not protect (empty when the promise holds)."""

    programs: int = 0
    rounds: int = 0
    unprotected: list[CountKey] = field(default_factory=list)
    # Hidden counts the last round found still open to being worked out (0 before the first
    # round ends and when the pattern is settled), and seconds spent so far: for progress.
    open: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Selection:
    """How the figures hidden for another's sake are chosen, round by round."""

    # Figures hidden in one round for each hidden count still open to being worked out, each
    # one not already chosen that round. One figure seldom frees a count whose every sum is
    # shown on both sides (a unit's month inside a shown quarter and a shown month total):
    # two at once close the rectangle most such counts need in far fewer rounds (a log of 1 500
    # cases over 40 units: 116 counts open after four rounds, against 2 131 with one figure per
    # count), at the price of a few more figures hidden on a log of large units.
    per_open_count: int = 2
    # Whether a count the audit has once found protected is asked about again. It need not be:
    # figures are only ever added to the hidden ones, so the solutions that showed its room
    # stay solutions (with the newly hidden figures at their true values), and asking only the
    # open counts keeps the later programs small and the pushes from trading counts off.
    ask_protected_again: bool = False


SELECTION: Final = Selection()
# The selection up to protection VERSION 2, kept so that the benchmark can measure against it.
FORMER_SELECTION: Final = Selection(per_open_count=1, ask_protected_again=True)


def _primary(cell: Cell, kind: Kind, threshold: int) -> Shown:
    if kind is Kind.COUNT:
        n = int(cell.value or 0)
        if 0 < n < threshold:
            return Shown(Status.SMALL)
        return Shown(Status.VALUE, float(n), n)
    if cell.base == 0 or cell.value is None:
        return Shown(Status.EMPTY)
    if cell.base < threshold:
        return Shown(Status.HIDDEN)
    return Shown(Status.VALUE, cell.value, cell.base)


@dataclass(frozen=True)
class _Display:
    """One figure of one view and the counts it reveals when shown."""

    view: View
    place: tuple[str, str, str]  # (period, indicator, group)
    primary: Shown
    keys: tuple[CountKey, ...]
    parts: tuple[CountKey, ...]  # the keys that are a share's part


def _displays(tables: Mapping[View, IndicatorTable], threshold: int) -> list[_Display]:
    found = []
    for view, table in tables.items():
        by, length = view
        for period in table.periods:
            for indicator in table.indicators:
                roles = CELL_QUANTITIES[indicator.id]
                for group in (*table.groups, TOTAL):
                    keys = tuple(count_key(by, length, period, group, q) for _, q in roles)
                    parts = tuple(k for (role, _), k in zip(roles, keys, strict=True)
                                  if role == "part")
                    primary = _primary(table.cell(period, indicator.id, group), indicator.kind,
                                       threshold)
                    found.append(_Display(view, (period, indicator.id, group), primary, keys,
                                          parts))
    return found


class _Pattern:
    """Which counts are hidden and which "<5" have become ".."; what a reader then knows."""

    def __init__(self, displays: list[_Display], values: dict[CountKey, int],
                 threshold: int) -> None:
        self.displays = displays
        self.values = values
        self.threshold = threshold
        self.hidden: set[CountKey] = set()
        self.relaxed: set[CountKey] = set()  # a "<5" shown as ".." instead
        self.small_keys: set[CountKey] = set()
        self.sensitive: set[CountKey] = set()  # 1–4, hidden for that: must stay 1–4
        self.sensitive_parts: set[CountKey] = set()  # parts of shares hidden for few cases
        for display in displays:
            status = display.primary.status
            if status is Status.SMALL:
                self.small_keys.update(display.keys)
                self.sensitive.update(display.keys)
                self.hidden.update(display.keys)
            elif status is Status.HIDDEN:
                self.hidden.update(display.keys)
                self.sensitive.update(k for k in display.keys if k not in display.parts)
                self.sensitive_parts.update(display.parts)
        self.sensitive_parts -= self.sensitive

    def status(self, display: _Display) -> Status:
        status = display.primary.status
        if status is Status.SMALL:
            return Status.SECONDARY if display.keys[0] in self.relaxed else Status.SMALL
        if status is Status.HIDDEN:
            return status
        return Status.SECONDARY if any(k in self.hidden for k in display.keys) else status

    def known(self) -> dict[CountKey, int]:
        return {k: self.values.get(k, 0) for d in self.displays
                if self.status(d) in (Status.VALUE, Status.EMPTY) for k in d.keys}

    def bounds(self, key: CountKey) -> tuple[float, float | None]:
        if key in self.small_keys and key not in self.relaxed:
            return (1.0, float(self.threshold - 1))
        return (0.0, None)

    def can_hide(self, key: CountKey, known: Mapping[CountKey, int]) -> bool:
        return key in known or (key in self.small_keys and key not in self.relaxed)

    def hide(self, key: CountKey, known: Mapping[CountKey, int]) -> None:
        if key in known:
            self.hidden.add(key)
        else:
            self.relaxed.add(key)


def _constraints(relations: list[Relation], known: Mapping[CountKey, int],
                 absent: set[CountKey]) -> list[Constraint]:
    found = []
    for relation in relations:
        terms = []
        rhs = 0.0
        for key, coefficient in relation.terms:
            if key in known:
                rhs -= coefficient * known[key]
            elif key in absent:
                continue  # a period or group no view lists: nothing in it
            else:
                terms.append((key, float(coefficient)))
        if terms:
            found.append(Constraint(tuple(terms), rhs, relation.equal))
    return found


def _requirement(key: CountKey, pattern: _Pattern) -> Requirement:
    # A count hidden for being 1–4, or the part of a share hidden for resting on fewer than
    # five cases: never pinned to one value.
    return Requirement(None, None, 1.0)


def _candidate(failing: CountKey, by_key: dict[CountKey, list[Relation]],
               pattern: _Pattern, known: Mapping[CountKey, int],
               taken: set[CountKey]) -> CountKey | None:
    """The figure to hide next so that `failing` gains room: one that shares a sum with it,
    or failing that, with a hidden count that shares a sum with it; none in `taken`."""

    def rank(relation: Relation, key: CountKey, coefficient: int) -> tuple[int, int, int, int]:
        whole = 1 if coefficient < 0 and relation.equal else 0
        if key in known:
            # Shown counts first, a path's before the indicators' own (`HIDDEN_FIRST`), the
            # smallest and not a whole, as statistical offices do.
            return (0, key[4] not in HIDDEN_FIRST, whole, known[key])
        # A "<5" turned into "..": the whole of a sum first, it frees every part at once.
        return (1, 0, 1 - whole, 0)

    members = [failing]
    for _ in range(3):
        options = [
            (rank(relation, key, coefficient), repr(key), key)
            for member in members for relation in by_key.get(member, ())
            for key, coefficient in relation.terms
            if key != member and key not in taken and pattern.can_hide(key, known)
        ]
        if options:
            return min(options)[2]
        members = list({key for member in members for relation in by_key.get(member, ())
                        for key, _ in relation.terms if key not in known})
    return None


def _cover_lone_counts(pattern: _Pattern, sums: list[Relation], absent: set[CountKey]) -> None:
    """Hide, before any linear program is asked, one more figure in every sum that has exactly
    one hidden count: such a count is that sum's shown terms added up, whatever else is true.

    Every such sum is covered in the same pass; a path's count (`HIDDEN_FIRST`) is preferred,
    then a figure that completes several of them, then a part rather than a whole, then the
    smallest count that is not 0 (a 0 beside a hidden 1 leaves it at 1). Passes repeat while a
    figure hidden in one sum leaves another with one hidden count. Only figures are added, so
    the audit that follows can only find more room than before.
    """
    while True:
        known = pattern.known()
        lone: list[Relation] = []
        for relation in sums:
            hidden = 0
            for key, _ in relation.terms:
                if key not in known and key not in absent:
                    hidden += 1
                    if hidden > 1:
                        break
            if hidden == 1:
                lone.append(relation)
        if not lone:
            return
        hits: dict[CountKey, int] = {}
        for relation in lone:
            for key, _ in relation.terms:
                if key in known:
                    hits[key] = hits.get(key, 0) + 1
        chosen: set[CountKey] = set()
        for relation in lone:
            if any(key in chosen for key, _ in relation.terms):
                continue
            options = [
                (key[4] not in HIDDEN_FIRST, -hits[key], 1 if coefficient < 0 else 0,
                 known[key] == 0, known[key], repr(key), key)
                for key, coefficient in relation.terms if key in known
            ]
            if not options:
                continue
            chosen.add(min(options)[-1])
        if not chosen:
            return
        for key in chosen:
            pattern.hide(key, known)


def suppress_family(tables: Mapping[View, IndicatorTable], *, threshold: int = THRESHOLD,
                    audit: Audit | None = None,
                    seconds: float | None = PROTECTION_SECONDS,
                    progress: Callable[[Audit], None] | None = None,
                    selection: Selection = SELECTION,
                    ) -> dict[View, SuppressedTable]:
    """Every view as it may be shown, with one suppression pattern for all of them.

    Raises `ProtectionTooSlowError` when the pattern is not settled within `seconds`, checked
    before every linear program. `progress` is told the audit after every round.
    """
    started = time.monotonic()
    deadline = None if seconds is None else started + seconds
    audit = audit if audit is not None else Audit()
    counts = family_counts(tables)
    displays = _displays(tables, threshold)
    pattern = _Pattern(displays, counts.values, threshold)
    by_key: dict[CountKey, list[Relation]] = {}
    for relation in counts.relations:
        for key, _ in relation.terms:
            by_key.setdefault(key, []).append(relation)
    absent = {k for r in counts.relations for k, _ in r.terms if k not in counts.values}
    settled: dict[tuple[frozenset[Hashable], frozenset[Hashable]], bool] = {}
    sums = [r for r in counts.relations if r.equal]
    protected: set[CountKey] = set()  # found protected by an earlier round: stays protected
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise _too_slow(seconds)
        audit.rounds += 1
        _cover_lone_counts(pattern, sums, absent)
        known = pattern.known()
        unknown = [k for k in counts.values if k not in known]
        relevant = list({id(r): r for k in unknown for r in by_key.get(k, ())}.values())
        constraints = _constraints(relevant, known, absent)
        changed = False
        still_open = 0
        for found in connected_groups(unknown, constraints):
            group = cast(list[CountKey], found)
            asked = [k for k in group if k not in protected
                     and (k in pattern.sensitive or k in pattern.sensitive_parts)]
            if not asked:
                continue
            if deadline is not None and time.monotonic() > deadline:
                raise _too_slow(seconds)
            members = set(group)
            state = (frozenset(members), frozenset(k for k in group
                                                   if pattern.bounds(k)[1] is not None))
            if settled.get(state):
                continue
            inside = [c for c in constraints if c.terms[0][0] in members]
            unmet, programs = unmet_requirements(
                group, {k: pattern.bounds(k) for k in group}, inside,
                {k: _requirement(k, pattern) for k in asked}, confirm=False)
            failing = cast(list[CountKey], unmet)
            if not selection.ask_protected_again:
                protected.update(set(asked).difference(failing))
            audit.programs += programs
            still_open += len(failing)
            settled[state] = not failing
            chosen: set[CountKey] = set()
            for key in failing:
                for _ in range(selection.per_open_count):
                    # The former selection let counts share one figure; the present one takes
                    # a figure not yet chosen for each.
                    taken = chosen if selection.per_open_count > 1 else set()
                    choice = _candidate(key, by_key, pattern, known, taken)
                    if choice is None or choice in chosen:
                        break
                    pattern.hide(choice, known)
                    chosen.add(choice)
                    changed = True
            if failing and not chosen:
                audit.unprotected.extend(failing)
                settled[state] = True
        audit.open = still_open if changed else 0
        audit.seconds = time.monotonic() - started
        if progress is not None:
            progress(audit)
        if not changed:
            break
    return {view: _table(table, view, displays, pattern) for view, table in tables.items()}


def _too_slow(seconds: float | None) -> ProtectionTooSlowError:
    limit = f"{seconds:.0f}"
    return ProtectionTooSlowError([Problem(
        Place(),
        f"skyddet av små tal hann inte räknas fram på {limit} sekunder: loggen har för många "
        "enheter, skolor eller anmälartyper med få ärenden var. Slå ihop små enheter i loggen, "
        "eller dela upp den i kortare tidsperioder, och läs in den igen. Ingenting har sparats.",
        f"the protection of small counts could not be worked out in {limit} seconds: the log "
        "has too many units, schools or reporter types with few cases each. Merge small units "
        "in the log, or split it into shorter spans of time, and import it again. Nothing was "
        "saved.",
    )])


def primary_cells(table: IndicatorTable, threshold: int = THRESHOLD
                  ) -> dict[tuple[str, str, str], Shown]:
    """Every figure of one view as the primary suppression alone would show it."""
    return {
        (period, indicator.id, group):
            _primary(table.cell(period, indicator.id, group), indicator.kind, threshold)
        for period in table.periods for indicator in table.indicators
        for group in (*table.groups, TOTAL)
    }


def _table(table: IndicatorTable, view: View, displays: list[_Display],
           pattern: _Pattern) -> SuppressedTable:
    cells: dict[tuple[str, str, str], Shown] = {}
    for display in displays:
        if display.view != view:
            continue
        status = pattern.status(display)
        cells[display.place] = display.primary if status is display.primary.status \
            else Shown(status)
    return SuppressedTable(table, cells, pattern.threshold)


def suppress(table: IndicatorTable, *, threshold: int = THRESHOLD) -> SuppressedTable:
    """One table on its own as it may be shown (a family of one view)."""
    view = (table.by, table.period)
    return suppress_family({view: table}, threshold=threshold)[view]
