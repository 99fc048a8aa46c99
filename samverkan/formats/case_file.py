"""Case files in the `samverkan/case@1` format (YAML or JSON) ⇄ `samverkan.model.Case`.

Reading happens in two passes so that one error can list every problem: pydantic checks the
shape and types of the whole document, then `_check_references` checks what pydantic cannot see
(unique ids, references that resolve, minutes *or* fte). Both report places as key paths such
as `steps[2].tasks[0].participants[1].minutes`; the Excel reader passes a `locate` function that
turns those paths into sheet, row and column.
"""

from __future__ import annotations

import json
import reprlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from samverkan.errors import CaseFileError, Place, ProblemCollector
from samverkan.formats.bounded_parsing import (
    DocumentBoundsError,
    DocumentSyntaxError,
    parse_document,
)
from samverkan.formats.case_bounds import (
    MAX_DESCRIPTION_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    NUMBER_RANGES,
    id_problem,
    range_text,
    text_problem,
)
from samverkan.formats.identity_numbers import (
    PROBLEM_EN,
    PROBLEM_SV,
    identity_number_paths,
)
from samverkan.formats.limits import (
    MAX_CASE_FILE_BYTES,
    MAX_LIST_ITEMS,
    MAX_TASKS,
    quote,
    thousands,
)
from samverkan.model import (
    MAX_YEARS,
    AvoidedIntervention,
    Case,
    Category,
    CostConventions,
    Economics,
    Exchange,
    Investment,
    Organisation,
    Outcome,
    Participant,
    Role,
    Step,
    Task,
    ThreePoint,
)
from samverkan.model.vocabulary import DEFAULT_HOURS_PER_MONTH

__all__ = [
    "FORMAT",
    "KeyPath",
    "Locator",
    "parse_case_text",
    "case_from_data",
    "refuse_identity_numbers_in_case",
    "case_to_data",
    "economics_to_data",
    "dump_case_text",
    "too_large",
    "format_key_path",
]

FORMAT = "samverkan/case@1"

KeyPath = tuple[str | int, ...]
Locator = Callable[[KeyPath], Place]

NonNegative = Annotated[float, Field(ge=0)]


def _safe_id(value: str) -> str:
    problem = id_problem(value)
    if problem is not None:
        raise PydanticCustomError("unsafe_id", "unsafe id", {"sv": problem[0], "en": problem[1]})
    return value


def _safe_text(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        problem = text_problem(value, limit)
        if problem is not None:
            raise PydanticCustomError("unsafe_text", "unsafe text",
                                      {"sv": problem[0], "en": problem[1]})
        return value
    return AfterValidator(check)


def _high(key: str) -> float:
    return NUMBER_RANGES[key][0]


# Ids become part of page addresses; names are stored in columns of 300 characters.
Id = Annotated[str, Field(min_length=1), AfterValidator(_safe_id)]
Text = Annotated[str, Field(min_length=1), _safe_text(MAX_NAME_CHARS)]
Note = Annotated[str, _safe_text(MAX_NOTE_CHARS)]
Description = Annotated[str, _safe_text(MAX_DESCRIPTION_CHARS)]
Minutes = Annotated[float, Field(ge=0, le=_high("minutes"))]
People = Annotated[float, Field(gt=0, le=_high("people"))]
FullTimeShare = Annotated[float, Field(gt=0, le=_high("fte"))]
Weeks = Annotated[float, Field(ge=0, le=_high("weeks"))]
MonthlyCost = Annotated[float, Field(ge=0, le=_high("monthly_cost"))]
OverheadShare = Annotated[float, Field(ge=0, le=_high("overhead_share"))]
HoursPerMonth = Annotated[float, Field(gt=0, le=_high("hours_per_month"))]
CasesPerYear = Annotated[float, Field(ge=0, le=_high("cases_per_year"))]


class _Schema(BaseModel):
    # NaN and infinity are never a time or a cost.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class MinutesRangeIn(_Schema):
    low: Minutes
    likely: Minutes
    high: Minutes

    @model_validator(mode="after")
    def _ordered(self) -> MinutesRangeIn:
        if not self.low <= self.likely <= self.high:
            raise ValueError("low ≤ likely ≤ high")
        return self


class ParticipantIn(_Schema):
    # `minutes` (and a range's ends) are per person and per occasion of the task; `people` and
    # the task's `occasions` multiply them. An `fte` share is time over `weeks` and is not.
    role: Text
    minutes: Minutes | MinutesRangeIn | None = None
    people: People = 1
    fte: FullTimeShare | None = None
    weeks: Weeks | None = None


class TaskIn(_Schema):
    id: Id
    org: Text
    name: Text
    category: Category | None = None
    child_present: bool = False
    exchange: Id | None = None
    occasions: Annotated[int, Field(ge=1, le=NUMBER_RANGES["occasions"][0])] = 1
    participants: list[ParticipantIn] = Field(min_length=1)
    note: Note = ""


class StepIn(_Schema):
    id: Id
    name: Text
    weeks: Weeks
    tasks: list[TaskIn] = []


class OrganisationIn(_Schema):
    id: Id
    name: Text
    group: Text


class RoleIn(_Schema):
    id: Id
    name: Text
    monthly_cost: MonthlyCost


class ExchangeIn(_Schema):
    # The name of an exchange occasion that tasks refer to by id (optional: an occasion
    # without an entry is named by its id made readable).
    id: Id
    name: Text


class CostConventionsIn(_Schema):
    overhead_share: OverheadShare = 0.0
    productive_share: Annotated[float, Field(gt=0, le=1)] = 1.0


# The investment case (`economics:`): what an alternative way of working costs and saves over
# the years. Kronor and units have the monthly cost's bound times a thousand (a post for 80
# years, a placement for a thousand children); years stay within the longest horizon.
Kronor = Annotated[float, Field(ge=0, le=_high("kronor"))]
Units = Annotated[float, Field(ge=0, le=_high("units"))]
Year = Annotated[int, Field(ge=1, le=MAX_YEARS)]
YearsAfter = Annotated[int, Field(ge=0, le=MAX_YEARS)]
Share = Annotated[float, Field(ge=-1, le=1)]
Days = Annotated[float, Field(gt=0, le=_high("days"))]


class OutcomeIn(_Schema):
    # What is assumed about the outcome for the child, and where it comes from: a gain only
    # counts if the child is at least as well off, so the investment case refuses to run
    # without it and shows it beside every gain.
    assumption: Annotated[str, Field(min_length=1), _safe_text(MAX_NOTE_CHARS)]
    source: Note = ""


class ShareRangeIn(_Schema):
    low: Share
    likely: Share
    high: Share

    @model_validator(mode="after")
    def _ordered(self) -> ShareRangeIn:
        if not self.low <= self.likely <= self.high:
            raise ValueError("low ≤ likely ≤ high")
        return self


class InvestmentIn(_Schema):
    # Exactly one amount a year (checked with the references): kronor, a share of full time
    # of a role, or days of people of a role. `year` is a one-off cost's year; a recurring
    # one gives `from_year` and `to_year`.
    name: Text
    org: Text
    kronor: Kronor | None = None
    role: Text | None = None
    fte: FullTimeShare | None = None
    days: Days | None = None
    people: People = 1
    year: Year | None = None
    from_year: Year | None = None
    to_year: Year | None = None
    source: Note = ""
    # The post does the role's tasks in the cases: its case time is not counted twice.
    covers_case_time: bool = False


class AvoidedIn(_Schema):
    # Of each year's cases, `cases_share` no longer need `units` units a year of the price
    # list's `intervention`, from `years_after` years after the case, for `for_years` years.
    intervention: Id
    org: Text
    cases_share: Share | ShareRangeIn
    units: Units
    years_after: YearsAfter = 0
    for_years: Year = 1
    source: Note = ""


class EconomicsIn(_Schema):
    outcome: OutcomeIn
    investments: list[InvestmentIn] = []
    avoided: list[AvoidedIn] = []


class CaseIn(_Schema):
    format: Literal["samverkan/case@1"]
    name: Text
    description: Description = ""
    currency: Text = "SEK"
    hours_per_month: HoursPerMonth = DEFAULT_HOURS_PER_MONTH
    cases_per_year: CasesPerYear | None = None
    cost_conventions: CostConventionsIn = CostConventionsIn()
    # A case is built in the browser from nothing: an empty case is valid and costs 0.
    organisations: list[OrganisationIn] = []
    roles: list[RoleIn] = []
    steps: list[StepIn] = []
    exchanges: list[ExchangeIn] = []
    economics: EconomicsIn | None = None


def format_key_path(path: KeyPath) -> str:
    """`('steps', 0, 'tasks', 1, 'org')` → `steps[0].tasks[1].org`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _key_place(file: str | None) -> Locator:
    return lambda path: Place(file=file, key=format_key_path(path) or None)


# Pydantic's error types, said in Swedish and English for people who never saw a schema.
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("värde saknas", "value is missing"),
    "extra_forbidden": ("okänd nyckel", "unknown key"),
    "float_parsing": ("ska vara ett tal", "must be a number"),
    "float_type": ("ska vara ett tal", "must be a number"),
    "finite_number": ("ska vara ett ändligt tal", "must be a finite number"),
    "int_parsing": ("ska vara ett heltal", "must be a whole number"),
    "int_type": ("ska vara ett heltal", "must be a whole number"),
    "int_from_float": ("ska vara ett heltal", "must be a whole number"),
    "string_type": ("ska vara text", "must be text"),
    "string_unicode": ("texten är inte giltig Unicode", "the text is not valid Unicode"),
    "string_too_short": ("får inte vara tomt", "must not be empty"),
    "bool_parsing": ("ska vara ja eller nej (true/false)", "must be yes or no (true/false)"),
    "bool_type": ("ska vara ja eller nej (true/false)", "must be yes or no (true/false)"),
    "greater_than_equal": ("får inte vara negativt", "must not be negative"),
    "greater_than": ("ska vara större än noll", "must be greater than zero"),
    "less_than_equal": ("får vara högst {le}", "must be at most {le}"),
    "too_short": ("får inte vara tom", "must not be empty"),
    "list_type": ("ska vara en lista", "must be a list"),
    "model_type": ("ska vara en tabell med nycklar", "must be a mapping of keys"),
    "model_attributes_type": ("ska vara en tabell med nycklar", "must be a mapping of keys"),
    "literal_error": ("ska vara {expected}", "must be {expected}"),
    "enum": ("ska vara en av: {expected}", "must be one of: {expected}"),
}


def _is_union_tag(part: str | int) -> bool:
    """Pydantic names the alternative of a union in the path; people only need the key."""
    return isinstance(part, str) and (
        part in {"float", "constrained-float", "MinutesRangeIn", "ShareRangeIn"}
        or part.startswith("function-")
    )


def _pydantic_problems(error: ValidationError, locate: Locator, problems: ProblemCollector) -> None:
    seen: set[tuple[KeyPath, str]] = set()
    for item in error.errors():
        # A number-or-range field reports one error per alternative; keep the plainest one.
        # Report the alternative that fits what was written: a range for a mapping, else a number.
        branch = next((p for p in item["loc"] if _is_union_tag(p)), None)
        is_mapping = isinstance(item.get("input"), Mapping)
        if branch in {"float", "constrained-float"} and is_mapping:
            continue
        if branch is not None and item["loc"][-1] == branch and not is_mapping and (
            branch not in {"float", "constrained-float"}
        ):
            continue
        path = tuple(p for p in item["loc"] if not _is_union_tag(p))
        if (path, "any") in seen:
            continue
        seen.add((path, "any"))
        kind = item["type"]
        raw_ctx = item.get("ctx") or {}
        ctx = {k: quote(v, 80) for k, v in raw_ctx.items()}
        bounded = next((p for p in reversed(path) if isinstance(p, str)), "")
        if kind in {"unsafe_id", "unsafe_text"}:
            sv, en = raw_ctx["sv"], raw_ctx["en"]
        elif kind == "less_than_equal" and range_text(str(bounded)) is not None:
            sv, en = range_text(str(bounded))  # type: ignore[misc]
        elif kind == "value_error" and "low ≤ likely ≤ high" in item["msg"]:
            sv, en = (
                "tre-punktsskattningen måste uppfylla lägsta ≤ troligast ≤ högsta",
                "the three-point estimate must satisfy low ≤ likely ≤ high",
            )
        elif kind == "greater_than_equal" and raw_ctx.get("ge") not in (None, 0):
            least = f"{raw_ctx['ge']:g}"
            sv, en = f"ska vara minst {least}", f"must be at least {least}"
        elif kind in _MESSAGES:
            sv_t, en_t = _MESSAGES[kind]
            sv, en = sv_t.format(**ctx) if ctx else sv_t, en_t.format(**ctx) if ctx else en_t
            if kind in {"float_parsing", "float_type"} and path and path[-1] == "minutes":
                sv += " (eller lägsta/troligast/högsta)"
                en += " (or low/likely/high)"
        else:
            said = quote(item["msg"])
            sv, en = f"ogiltigt värde ({said})", f"invalid value ({said})"
        problems.add(locate(path), sv, en)


def _duplicates(values: Sequence[str | None]) -> set[str]:
    counts = Counter(value for value in values if value is not None)
    return {value for value, count in counts.items() if count > 1}


class _Lenient:
    """A raw document read like a parsed one: missing or ill-typed parts read as None or [].

    Lets `_check_references` look at a document that failed the schema without tripping on
    whatever the schema already reported.
    """

    _LISTS = frozenset({"organisations", "roles", "steps", "tasks", "participants",
                        "exchanges", "investments", "avoided"})
    _MAPPINGS = frozenset({"economics", "outcome"})

    def __init__(self, data: object) -> None:
        self._data = data if isinstance(data, Mapping) else {}

    def __getattr__(self, name: str) -> Any:
        value = self._data.get(name)
        if name in self._LISTS:
            return [_Lenient(item) for item in value] if isinstance(value, list) else []
        if name in self._MAPPINGS:
            return _Lenient(value) if isinstance(value, Mapping) else None
        if isinstance(value, Mapping | list):
            # Only ever compared or shown, never used as a structure; reprlib stays short
            # however large the value.
            return reprlib.repr(value)
        return value


def _check_references(data: CaseIn, locate: Locator, problems: ProblemCollector) -> None:
    for list_key in ("organisations", "roles", "steps"):
        items = getattr(data, list_key)
        dupes = _duplicates([item.id for item in items])
        for index, item in enumerate(items):
            if item.id in dupes:
                problems.add(
                    locate((list_key, index, "id")),
                    f"id '{quote(item.id)}' förekommer mer än en gång",
                    f"id '{quote(item.id)}' occurs more than once",
                )
    task_ids = _duplicates([t.id for s in data.steps for t in s.tasks])
    org_ids = {o.id for o in data.organisations}
    role_ids = {r.id for r in data.roles}
    for s_index, step in enumerate(data.steps):
        for t_index, task in enumerate(step.tasks):
            at: KeyPath = ("steps", s_index, "tasks", t_index)
            if task.id in task_ids:
                problems.add(
                    locate((*at, "id")),
                    f"uppgiftens id '{quote(task.id)}' förekommer mer än en gång",
                    f"task id '{quote(task.id)}' occurs more than once",
                )
            if task.org is not None and task.org not in org_ids:
                problems.add(
                    locate((*at, "org")),
                    f"okänd organisation '{quote(task.org)}'",
                    f"unknown organisation '{quote(task.org)}'",
                )
            if task.exchange is not None and task.category not in (None, Category.COLLABORATION):
                problems.add(
                    locate((*at, "category")),
                    "en uppgift med samverkanstillfälle ska ha kategorin collaboration",
                    "a task with an exchange occasion must have the category collaboration",
                )
            if task.exchange is None and task.category == Category.COLLABORATION:
                problems.add(
                    locate((*at, "exchange")),
                    "en samverkansuppgift ska ange sitt samverkanstillfälle (exchange)",
                    "a collaboration task must name its exchange occasion (exchange)",
                )
            for p_index, part in enumerate(task.participants):
                _check_participant(part, (*at, "participants", p_index), role_ids, locate,
                                   problems)
    _check_exchanges(data, locate, problems)
    if data.economics is not None:
        _check_economics(data.economics, org_ids, role_ids, locate, problems)


def _check_economics(
    economics: EconomicsIn, org_ids: set[str], role_ids: set[str], locate: Locator,
    problems: ProblemCollector,
) -> None:
    """Organisations and roles that resolve, one amount per investment, years in order."""
    for index, item in enumerate(economics.investments):
        at: KeyPath = ("economics", "investments", index)
        if item.org is not None and item.org not in org_ids:
            problems.add(locate((*at, "org")), f"okänd organisation '{quote(item.org)}'",
                         f"unknown organisation '{quote(item.org)}'")
        amounts = [k for k in ("kronor", "fte", "days") if getattr(item, k) is not None]
        if len(amounts) != 1:
            problems.add(
                locate((*at, "kronor")),
                "ange ett belopp per år: kronor, andel av heltid (fte) med yrkesgrupp, eller "
                "dagar (days) med yrkesgrupp",
                "give one amount a year: kronor, a share of full time (fte) with a role, or "
                "days with a role")
        if amounts and amounts[0] in ("fte", "days") and item.role is None:
            problems.add(locate((*at, "role")),
                         "andel av heltid och dagar räknas med en yrkesgrupps lön (role)",
                         "a share of full time or days are costed with a role's salary (role)")
        if item.role is not None and item.role not in role_ids:
            problems.add(locate((*at, "role")), f"okänd yrkesgrupp '{quote(item.role)}'",
                         f"unknown role '{quote(item.role)}'")
        if item.covers_case_time is True and item.fte is None:
            problems.add(locate((*at, "covers_case_time")),
                         "bara en tjänst (andel av heltid med yrkesgrupp) kan täcka ärendenas tid",
                         "only a post (a share of full time of a role) can cover the cases' time")
        if item.role is not None and item.kronor is not None:
            problems.add(locate((*at, "role")),
                         "en yrkesgrupp används bara med andel av heltid eller dagar",
                         "a role is only used with a share of full time or days")
        if item.year is not None and (item.from_year is not None or item.to_year is not None):
            problems.add(locate((*at, "year")),
                         "ange antingen år (year) eller från–till (from_year, to_year)",
                         "give either a year or from_year and to_year, not both")
        elif item.year is None and (item.from_year is None or item.to_year is None):
            problems.add(locate((*at, "year")),
                         "ange vilket år (year) eller vilka år (from_year, to_year)",
                         "give the year (year) or the years (from_year, to_year)")
        elif (item.from_year is not None and item.to_year is not None
              and isinstance(item.from_year, int) and isinstance(item.to_year, int)
              and item.from_year > item.to_year):
            problems.add(locate((*at, "to_year")),
                         "sista året kommer före det första",
                         "the last year comes before the first")
    for index, entry in enumerate(economics.avoided):
        if entry.org is not None and entry.org not in org_ids:
            problems.add(locate(("economics", "avoided", index, "org")),
                         f"okänd organisation '{quote(entry.org)}'",
                         f"unknown organisation '{quote(entry.org)}'")


def _check_exchanges(data: CaseIn, locate: Locator, problems: ProblemCollector) -> None:
    used = {t.exchange for s in data.steps for t in s.tasks if t.exchange is not None}
    dupes = _duplicates([e.id for e in data.exchanges])
    for index, entry in enumerate(data.exchanges):
        if entry.id in dupes:
            problems.add(
                locate(("exchanges", index, "id")),
                f"samverkanstillfället '{quote(entry.id)}' har mer än ett namn",
                f"the exchange occasion '{quote(entry.id)}' is named more than once",
            )
        elif entry.id is not None and entry.id not in used:
            problems.add(
                locate(("exchanges", index, "id")),
                f"ingen arbetsuppgift har samverkanstillfället '{quote(entry.id)}'",
                f"no task has the exchange occasion '{quote(entry.id)}'",
            )


def _check_participant(
    part: ParticipantIn, at: KeyPath, role_ids: set[str], locate: Locator,
    problems: ProblemCollector,
) -> None:
    if part.role is not None and part.role not in role_ids:
        problems.add(
            locate((*at, "role")), f"okänd yrkesgrupp '{quote(part.role)}'",
            f"unknown role '{quote(part.role)}'"
        )
    if part.minutes is not None and part.fte is not None:
        problems.add(
            locate((*at, "fte")),
            "ange antingen minuter eller andel av heltid (fte), inte båda",
            "give either minutes or a share of full time (fte), not both",
        )
    elif part.minutes is None and part.fte is None:
        problems.add(
            locate((*at, "minutes")),
            "tid saknas: ange minuter eller andel av heltid (fte) med veckor",
            "time is missing: give minutes, or a share of full time (fte) with weeks",
        )
    elif part.fte is not None and part.weeks is None:
        problems.add(
            locate((*at, "weeks")),
            "andel av heltid (fte) kräver antal veckor",
            "a share of full time (fte) needs a number of weeks",
        )
    if part.fte is None and part.weeks is not None:
        problems.add(
            locate((*at, "weeks")),
            "veckor används bara tillsammans med andel av heltid (fte)",
            "weeks are only used together with a share of full time (fte)",
        )


def _to_case(data: CaseIn) -> Case:
    def participant(p: ParticipantIn) -> Participant:
        if isinstance(p.minutes, MinutesRangeIn):
            return Participant(
                role=p.role, minutes=p.minutes.likely, people=p.people,
                minutes_low=p.minutes.low, minutes_high=p.minutes.high,
            )
        return Participant(role=p.role, minutes=p.minutes, people=p.people, fte=p.fte,
                           weeks=p.weeks)

    def task(t: TaskIn) -> Task:
        category = t.category or (Category.COLLABORATION if t.exchange else Category.INTERNAL)
        return Task(
            id=t.id, org=t.org, name=t.name, category=category,
            child_present=t.child_present, exchange=t.exchange, occasions=t.occasions,
            participants=tuple(participant(p) for p in t.participants), note=t.note,
        )

    return Case(
        name=data.name,
        description=data.description,
        currency=data.currency,
        hours_per_month=data.hours_per_month,
        cases_per_year=data.cases_per_year,
        conventions=CostConventions(
            overhead_share=data.cost_conventions.overhead_share,
            productive_share=data.cost_conventions.productive_share,
        ),
        organisations=tuple(Organisation(o.id, o.name, o.group) for o in data.organisations),
        roles=tuple(Role(r.id, r.name, r.monthly_cost) for r in data.roles),
        steps=tuple(
            Step(s.id, s.name, s.weeks, tuple(task(t) for t in s.tasks)) for s in data.steps
        ),
        exchanges=tuple(Exchange(e.id, e.name) for e in data.exchanges),
        economics=_to_economics(data.economics) if data.economics is not None else None,
    )


def _to_economics(data: EconomicsIn) -> Economics:
    def investment(i: InvestmentIn) -> Investment:
        first = i.year if i.year is not None else i.from_year or 1
        last = i.year if i.year is not None else i.to_year or first
        return Investment(name=i.name, org=i.org, from_year=first, to_year=last,
                          kronor=i.kronor, role=i.role, fte=i.fte, days=i.days,
                          people=i.people, source=i.source,
                          covers_case_time=i.covers_case_time)

    def share(value: float | ShareRangeIn) -> ThreePoint:
        if isinstance(value, ShareRangeIn):
            return ThreePoint(value.low, value.likely, value.high)
        return ThreePoint.exact(value)

    return Economics(
        outcome=Outcome(data.outcome.assumption, data.outcome.source),
        investments=tuple(investment(i) for i in data.investments),
        avoided=tuple(AvoidedIntervention(a.intervention, a.org, share(a.cases_share), a.units,
                                          a.years_after, a.for_years, a.source)
                      for a in data.avoided),
    )


def _refuse_long_lists(data: Mapping[str, Any], locate: Locator) -> None:
    """A case beyond the size limits is refused before anything walks it item by item."""
    problems = ProblemCollector()
    lists: list[tuple[KeyPath, Any]] = [((key,), data.get(key))
                                        for key in ("organisations", "roles", "steps", "exchanges")]
    tasks = 0
    steps = data.get("steps")
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        step_tasks = step.get("tasks") if isinstance(step, Mapping) else None
        tasks += len(step_tasks) if isinstance(step_tasks, list) else 0
        for t_index, task in enumerate(step_tasks if isinstance(step_tasks, list) else []):
            if isinstance(task, Mapping):
                lists.append((("steps", index, "tasks", t_index, "participants"),
                              task.get("participants")))
    economics = data.get("economics")
    if isinstance(economics, Mapping):
        lists.extend(((("economics", key), economics.get(key)))
                     for key in ("investments", "avoided"))
    for path, items in lists:
        if isinstance(items, list) and len(items) > MAX_LIST_ITEMS:
            limit = thousands(MAX_LIST_ITEMS)
            problems.add(locate(path),
                         f"listan har fler än {limit} poster, gränsen för ett typfall",
                         f"the list has more than {limit} items, the limit for a case")
    if tasks > MAX_TASKS:
        limit = thousands(MAX_TASKS)
        problems.add(locate(("steps",)),
                     f"typfallet har {thousands(tasks)} arbetsuppgifter; gränsen är {limit}",
                     f"the case has {thousands(tasks)} tasks; the limit is {limit}")
    problems.raise_if_any(CaseFileError)


def refuse_identity_numbers_in_case(data: Any, locate: Locator) -> None:
    """Refuse a document holding an identity number anywhere — a name, the description, a
    note, an id, even a key — before any other check could quote it; the number is never
    shown, and a key holding one is named by the place of its mapping."""
    found = identity_number_paths(data)
    if not found:
        return
    problems = ProblemCollector()
    for path, in_key in found[:50]:
        problems.add(locate(path), f"en nyckel {PROBLEM_SV}" if in_key else PROBLEM_SV,
                     f"a key {PROBLEM_EN}" if in_key else PROBLEM_EN)
    problems.raise_if_any(CaseFileError)


def case_from_data(
    data: Any, *, source: str | None = None, locate: Locator | None = None
) -> Case:
    """Check a parsed document and build the case; raise CaseFileError listing every problem."""
    locate = locate or _key_place(source)
    problems = ProblemCollector()
    if not isinstance(data, Mapping):
        problems.add(locate(()), "filen ska innehålla ett typfall (en tabell med nycklar)",
                     "the file must hold a case (a mapping of keys)")
        problems.raise_all(CaseFileError)
    _refuse_long_lists(data, locate)
    refuse_identity_numbers_in_case(data, locate)
    try:
        parsed = CaseIn.model_validate(data)
    except ValidationError as error:
        _pydantic_problems(error, locate, problems)
        # The references are checked too, on the document as written, so that one error
        # lists every problem rather than the shape first and the references next time.
        _check_references(_Lenient(data), locate, problems)  # type: ignore[arg-type]
        if not problems:  # never silent, whatever pydantic reported
            problems.add(locate(()), f"ogiltigt innehåll ({error.error_count()} fel)",
                         f"invalid content ({error.error_count()} errors)")
        problems.raise_all(CaseFileError)
    _check_references(parsed, locate, problems)
    problems.raise_if_any(CaseFileError)
    return _to_case(parsed)


def parse_case_text(text: str, *, fmt: str = "yaml", source: str | None = None) -> Case:
    """Read a case from YAML or JSON text."""
    if len(text) > MAX_CASE_FILE_BYTES:
        raise too_large(source)
    try:
        data = parse_document(text, fmt)
    except DocumentSyntaxError as error:
        raise CaseFileError.single(
            f"filen går inte att läsa som {fmt.upper()}",
            f"the file cannot be read as {fmt.upper()}",
            Place(file=source, row=error.line),
        ) from None
    except DocumentBoundsError as error:
        raise CaseFileError.single(error.sv, error.en, Place(file=source)) from None
    return case_from_data(data, source=source)


def too_large(source: str | None) -> CaseFileError:
    """The file is beyond the size of a case: refused before it is read."""
    megabytes = MAX_CASE_FILE_BYTES // (1024 * 1024)
    return CaseFileError.single(
        f"filen är större än {megabytes} MB, gränsen för ett typfall",
        f"the file is larger than {megabytes} MB, the limit for a case",
        Place(file=source),
    )


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _participant_data(p: Participant) -> dict[str, Any]:
    out: dict[str, Any] = {"role": p.role}
    if p.fte is not None:
        out["fte"] = _number(p.fte)
        out["weeks"] = _number(p.weeks or 0.0)
    elif p.minutes_low is not None:
        out["minutes"] = {"low": _number(p.minutes_low), "likely": _number(p.minutes or 0.0),
                          "high": _number(p.minutes_high or 0.0)}
    else:
        out["minutes"] = _number(p.minutes or 0.0)
    if p.people != 1:
        out["people"] = _number(p.people)
    return out


def case_to_data(case: Case) -> dict[str, Any]:
    """The case as a document in the file format, leaving out values that are defaults."""
    data: dict[str, Any] = {"format": FORMAT, "name": case.name}
    if case.description:
        data["description"] = case.description
    data["currency"] = case.currency
    data["hours_per_month"] = _number(case.hours_per_month)
    if case.cases_per_year is not None:
        data["cases_per_year"] = _number(case.cases_per_year)
    if not case.conventions.is_default:
        data["cost_conventions"] = {
            "overhead_share": case.conventions.overhead_share,
            "productive_share": case.conventions.productive_share,
        }
    data["organisations"] = [{"id": o.id, "name": o.name, "group": o.group}
                             for o in case.organisations]
    data["roles"] = [{"id": r.id, "name": r.name, "monthly_cost": _number(r.monthly_cost)}
                     for r in case.roles]
    steps = []
    for step in case.steps:
        tasks = []
        for t in step.tasks:
            task: dict[str, Any] = {"id": t.id, "org": t.org, "name": t.name,
                                    "category": t.category.value}
            if t.child_present:
                task["child_present"] = True
            if t.exchange is not None:
                task["exchange"] = t.exchange
            if t.occasions != 1:
                task["occasions"] = t.occasions
            if t.note:
                task["note"] = t.note
            task["participants"] = [_participant_data(p) for p in t.participants]
            tasks.append(task)
        steps.append({"id": step.id, "name": step.name, "weeks": _number(step.weeks),
                      "tasks": tasks})
    data["steps"] = steps
    # Only occasions some task uses are named: the format refuses a name for an unused one.
    names = {e.id: e.name for e in case.exchanges}
    named = [{"id": e, "name": names[e]} for e in case.exchange_occasions if names.get(e)]
    if named:
        data["exchanges"] = named
    if case.economics is not None:
        data["economics"] = economics_to_data(case.economics)
    return data


def economics_to_data(economics: Economics) -> dict[str, Any]:
    """The `economics:` section as written in a case file, leaving out defaults."""
    outcome: dict[str, Any] = {"assumption": economics.outcome.assumption}
    if economics.outcome.source:
        outcome["source"] = economics.outcome.source
    investments = []
    for i in economics.investments:
        item: dict[str, Any] = {"name": i.name, "org": i.org}
        if i.kronor is not None:
            item["kronor"] = _number(i.kronor)
        if i.role is not None:
            item["role"] = i.role
        if i.fte is not None:
            item["fte"] = _number(i.fte)
        if i.days is not None:
            item["days"] = _number(i.days)
        if i.people != 1:
            item["people"] = _number(i.people)
        if i.from_year == i.to_year:
            item["year"] = i.from_year
        else:
            item["from_year"], item["to_year"] = i.from_year, i.to_year
        if i.covers_case_time:
            item["covers_case_time"] = True
        if i.source:
            item["source"] = i.source
        investments.append(item)
    avoided = []
    for a in economics.avoided:
        s = a.cases_share
        entry: dict[str, Any] = {
            "intervention": a.intervention, "org": a.org,
            "cases_share": _number(s.likely) if s.is_exact else {
                "low": _number(s.low), "likely": _number(s.likely), "high": _number(s.high)},
            "units": _number(a.units)}
        if a.years_after:
            entry["years_after"] = a.years_after
        if a.for_years != 1:
            entry["for_years"] = a.for_years
        if a.source:
            entry["source"] = a.source
        avoided.append(entry)
    data: dict[str, Any] = {"outcome": outcome}
    if investments:
        data["investments"] = investments
    if avoided:
        data["avoided"] = avoided
    return data


def dump_case_text(case: Case, fmt: str = "yaml") -> str:
    """The case as YAML or JSON text."""
    data = case_to_data(case)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
