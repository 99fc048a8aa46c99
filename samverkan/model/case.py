"""The typical case (typfall): organisations, roles, steps, tasks and participants.

Plain immutable values with no I/O. Reading and checking files is `samverkan.formats`' job; a
`Case` that exists is assumed to have passed those checks (unique ids, resolved references).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from samverkan.model.economics import Economics
from samverkan.model.vocabulary import (
    DEFAULT_HOURS_PER_MONTH,
    SCHOOL,
    SOCIAL_SERVICES,
    Category,
)

__all__ = [
    "Category",
    "CostConventions",
    "Organisation",
    "Role",
    "Participant",
    "Task",
    "Step",
    "Exchange",
    "readable_id",
    "Case",
    "SCHOOL",
    "SOCIAL_SERVICES",
    "DEFAULT_HOURS_PER_MONTH",
    "WEEKS_PER_YEAR",
    "MONTHS_PER_YEAR",
    "full_time_hours_per_week",
]

# 52 weeks in 12 months: turns a monthly number of hours into a weekly one.
WEEKS_PER_YEAR = 52.0
MONTHS_PER_YEAR = 12.0


def full_time_hours_per_week(hours_per_month: float) -> float:
    """Hours a week of a full-time post: `hours_per_month` twelve times a year over 52 weeks.

    What a share of full time (`fte`) is a share of; paid time, productive or not.

    >>> full_time_hours_per_week(130)
    30.0
    """
    return hours_per_month * MONTHS_PER_YEAR / WEEKS_PER_YEAR


@dataclass(frozen=True)
class CostConventions:
    """Optional additions to the seed's method; the defaults leave it exact.

    `overhead_share` adds overheads on top of salary cost (0.25 = +25 %). `productive_share` is
    the practical-capacity factor: the share of paid hours that is productive, so a minute of
    work costs 1 / productive_share paid minutes.
    """

    overhead_share: float = 0.0
    productive_share: float = 1.0

    @property
    def is_default(self) -> bool:
        return self.overhead_share == 0.0 and self.productive_share == 1.0


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    group: str


@dataclass(frozen=True)
class Role:
    """A staff role with its monthly cost including employer contributions (PO)."""

    id: str
    name: str
    monthly_cost: float


@dataclass(frozen=True)
class Participant:
    """One role's part in a task: minutes per person × people, or a share of full time.

    `minutes` is the exact or most likely time per person. `minutes_low`/`minutes_high` give a
    three-point estimate for the uncertainty model; both are None for an exact time.
    """

    role: str
    minutes: float | None = None
    people: float = 1.0
    fte: float | None = None
    weeks: float | None = None
    minutes_low: float | None = None
    minutes_high: float | None = None

    @property
    def is_fte(self) -> bool:
        return self.fte is not None

    @property
    def is_uncertain(self) -> bool:
        return self.minutes_low is not None


@dataclass(frozen=True)
class Task:
    id: str
    org: str
    name: str
    category: Category = Category.INTERNAL
    child_present: bool = False
    exchange: str | None = None
    occasions: int = 1
    participants: tuple[Participant, ...] = ()
    note: str = ""

    @property
    def is_collaboration(self) -> bool:
        return self.exchange is not None


@dataclass(frozen=True)
class Exchange:
    """The name people use for an exchange occasion that tasks refer to by `id`."""

    id: str
    name: str


def readable_id(exchange_id: str) -> str:
    """An id made readable as a name: "referentsamtal-2" → "Referentsamtal 2"."""
    words = " ".join(exchange_id.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else exchange_id


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    weeks: float
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class Case:
    name: str
    organisations: tuple[Organisation, ...]
    roles: tuple[Role, ...]
    steps: tuple[Step, ...]
    description: str = ""
    currency: str = "SEK"
    hours_per_month: float = DEFAULT_HOURS_PER_MONTH
    cases_per_year: float | None = None
    conventions: CostConventions = field(default_factory=CostConventions)
    # Names of exchange occasions; an occasion without an entry is named by its id made
    # readable. Entries no task uses are harmless here and left out when the case is written.
    exchanges: tuple[Exchange, ...] = ()
    # What an alternative way of working assumes about money over the years: its outcome
    # condition, investments and later interventions avoided (the investment case). None for
    # a case that states none, as a baseline usually does.
    economics: Economics | None = None

    # Lookups are indexed once per case: pages and reports look up every task's organisation
    # and role, which a scan per lookup would make quadratic in the case's size. A frozen
    # dataclass keeps cached properties in the instance's own dictionary, outside its fields.
    @cached_property
    def _organisations_by_id(self) -> dict[str, Organisation]:
        return {o.id: o for o in self.organisations}

    @cached_property
    def _roles_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    def organisation(self, org_id: str) -> Organisation:
        return self._organisations_by_id[org_id]

    @property
    def productive_hours_per_year(self) -> float:
        """Working hours of one full-time equivalent a year: paid hours times the productive
        share (1 unless the practical-capacity convention is used)."""
        return self.hours_per_month * MONTHS_PER_YEAR * self.conventions.productive_share

    def role(self, role_id: str) -> Role:
        return self._roles_by_id[role_id]

    @cached_property
    def _exchange_names(self) -> dict[str, str]:
        return {e.id: e.name for e in self.exchanges}

    def exchange_name(self, exchange_id: str) -> str:
        """The name of an exchange occasion as users read it, never its id."""
        return self._exchange_names.get(exchange_id) or readable_id(exchange_id)

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for s in self.steps for t in s.tasks)

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups in order of first appearance among the organisations."""
        return tuple(dict.fromkeys(o.group for o in self.organisations))

    def organisations_in(self, group: str) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.group == group)

    @cached_property
    def _organisations_with_tasks(self) -> frozenset[str]:
        return frozenset(t.org for t in self.tasks)

    def counted_in(self, group: str) -> tuple[Organisation, ...]:
        """The organisations whose mean is the group's figures: those with at least one task.

        An organisation with no tasks yet (a school added before its mapping) is not yet a
        realisation of its group; counted as zero it would halve the schools' mean. A group in
        which no organisation has tasks counts them all (its mean is zero either way).
        """
        members = self.organisations_in(group)
        with_tasks = tuple(o for o in members if o.id in self._organisations_with_tasks)
        return with_tasks or members

    @property
    def left_out_of_means(self) -> tuple[Organisation, ...]:
        """Organisations without tasks that their group's mean leaves out, in the case's order."""
        counted = {o.id for g in self.groups for o in self.counted_in(g)}
        return tuple(o for o in self.organisations if o.id not in counted)

    @property
    def exchange_occasions(self) -> tuple[str, ...]:
        """The distinct exchange ids in the order they first occur."""
        return tuple(dict.fromkeys(t.exchange for t in self.tasks if t.exchange is not None))

    @property
    def named_exchanges(self) -> tuple[Exchange, ...]:
        """Every exchange occasion tasks use, with its name, in the order they first occur."""
        return tuple(Exchange(e, self.exchange_name(e)) for e in self.exchange_occasions)
