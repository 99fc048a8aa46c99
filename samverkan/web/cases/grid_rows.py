"""The mapping grid's rows: the seed's figure 3.1 for one step, one row per participant.

A row is read back from what the browser posts into one edit of the case (`samverkan.model.edit`)
and the element it touches, so that a row saves on its own and conflicts only with a change to
the same task. Numbers are read as people type them (a decimal comma, spaces between thousands).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

from samverkan.formats.case_bounds import NUMBER_RANGES
from samverkan.formats.identity_numbers import holds_identity_number
from samverkan.formats.limits import thousands
from samverkan.model import Case, Category, Participant, Task
from samverkan.model.edit import (
    ElementRef,
    add_participant,
    add_task,
    fingerprint,
    replace_participant,
    replace_task,
    task_with_named_exchange,
)
from samverkan.web.cases.element_forms import NAME_LENGTH
from samverkan.web.text_checks import control_character_message, forbidden_character

# The longest name of an exchange occasion, as in the task form.
EXCHANGE_LENGTH = 100


@dataclass(frozen=True)
class RowError:
    field: str
    message: str
    missing: bool = False  # a required field left empty, rather than a wrong value


class RowInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class GridRow:
    """One participant row as the page shows it, its numbers written as the user writes them."""

    key: str  # "task-id:index"
    step_id: str
    task: Task
    index: int
    first: bool  # the task's own fields are edited on its first row
    participant: Participant
    role_name: str
    minutes: str
    people: str
    low: str
    high: str
    fte: str  # "75 % of full time for 15 weeks", or "" for minutes
    exchange: str = ""  # the task's exchange occasion by name, as users write it


def plain_number(value: float | None, lang: str) -> str:
    """A number as someone would type it: no trailing zeros, a decimal comma in Swedish."""
    if value is None:
        return ""
    text = f"{value:g}" if abs(value) < 1e15 else str(value)
    return text.replace(".", ",") if lang == "sv" else text


def step_rows(case: Case, step_id: str, lang: str) -> list[GridRow]:
    step = next(s for s in case.steps if s.id == step_id)
    names = {r.id: r.name for r in case.roles}
    rows = []
    for task in step.tasks:
        for index, p in enumerate(task.participants):
            fte = ""
            if p.fte is not None:
                fte = _("%(share)s %% of full time for %(weeks)s weeks") % {
                    "share": plain_number(p.fte * 100, lang),
                    "weeks": plain_number(p.weeks, lang)}
            rows.append(GridRow(
                f"{task.id}:{index}", step.id, task, index, index == 0, p,
                names.get(p.role, p.role), plain_number(p.minutes, lang),
                plain_number(p.people, lang), plain_number(p.minutes_low, lang),
                plain_number(p.minutes_high, lang), fte,
                case.exchange_name(task.exchange) if task.exchange else ""))
    return rows


def step_fingerprints(case: Case, step_id: str) -> dict[str, str]:
    """Each task's fingerprint, which the page sends back with a row's save."""
    step = next(s for s in case.steps if s.id == step_id)
    return {t.id: fingerprint(case, ("task", t.id)) for t in step.tasks}


def _number(raw: str, field: str, name: str, errors: list[RowError], *,
            required: bool = False, integer: bool = False) -> float | None:
    """The number typed in `field`, within the range a case allows for it (`NUMBER_RANGES`)."""
    text = raw.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    text = text.replace(",", ".").replace("−", "-")
    if not text:
        if required:
            errors.append(RowError(field, _("Give the %(name)s.") % {"name": name}, True))
        return None
    try:
        value = float(text)
    except ValueError:
        errors.append(RowError(field, _("%(name)s must be a number, like 45 or 7,5.")
                               % {"name": name.capitalize()}))
        return None
    if value != value or value in (float("inf"), float("-inf")):
        errors.append(RowError(field, _("%(name)s must be a number, like 45 or 7,5.")
                               % {"name": name.capitalize()}))
        return None
    if value < 0:
        errors.append(RowError(field, _("%(name)s cannot be negative.")
                               % {"name": name.capitalize()}))
        return None
    limit = NUMBER_RANGES[field][0]
    if value > limit:
        errors.append(RowError(field, _("%(name)s can be at most %(limit)s.")
                               % {"name": name.capitalize(), "limit": thousands(int(limit))}))
        return None
    if integer and value != int(value):
        errors.append(RowError(field, _("%(name)s must be a whole number.")
                               % {"name": name.capitalize()}))
        return None
    return value


def _text(raw: str, field: str, limit: int, errors: list[RowError]) -> str:
    """A text cell checked as the task form checks it; the problem is marked at the cell."""
    text = raw.strip()
    if holds_identity_number(text):
        errors.append(RowError(field, _(
            "Personal identity and coordination numbers may not be saved. Write the text "
            "without the number.")))
    elif len(text) > limit:
        errors.append(RowError(field, _("The text is %(length)s characters long; at most "
                                        "%(limit)s fit.")
                               % {"length": thousands(len(text)), "limit": thousands(limit)}))
    elif "\x00" in text:
        errors.append(RowError(field, control_character_message("\x00")))
    elif (char := forbidden_character(text)) is not None:
        errors.append(RowError(field, control_character_message(char)))
    return text


def _participant(post: Mapping[str, str], case: Case, old: Participant | None,
                 errors: list[RowError]) -> Participant:
    role = post.get("role", "")
    if not any(r.id == role for r in case.roles):
        errors.append(RowError("role", _("Choose who is involved."), not role))
    people = _number(post.get("people", ""), "people", _("number of people"), errors)
    if people is not None and people == 0:
        errors.append(RowError("people", _("The number of people must be more than 0.")))
    if old is not None and old.is_fte:
        # A share of full time is edited in the task's own form; the grid keeps it as it is.
        return replace(old, role=role, people=people or old.people)
    minutes = _number(post.get("minutes", ""), "minutes", _("minutes"), errors, required=True)
    low = _number(post.get("low", ""), "low", _("lowest minutes"), errors)
    high = _number(post.get("high", ""), "high", _("highest minutes"), errors)
    if (low is None) != (high is None) and not any(e.field in ("low", "high") for e in errors):
        errors.append(RowError("high" if high is None else "low",
                               _("Give both the lowest and the highest minutes, or neither.")))
    elif low is not None and high is not None and minutes is not None and not (
            low <= minutes <= high):
        errors.append(RowError("low", _("The lowest minutes must be at most the minutes, and "
                                        "the highest at least the minutes.")))
    return Participant(role=role, minutes=minutes, people=people or 1.0,
                       minutes_low=low, minutes_high=high)


def _task_fields(post: Mapping[str, str], case: Case, task: Task,
                 errors: list[RowError]) -> Task:
    name = _text(post.get("name", ""), "name", NAME_LENGTH, errors)
    if not name:
        errors.append(RowError("name", _("Write what is done."), True))
    org = post.get("org", "")
    if not any(o.id == org for o in case.organisations):
        errors.append(RowError("org", _("Choose an organisation.")))
    exchange = _text(post.get("exchange", ""), "exchange", EXCHANGE_LENGTH, errors) or None
    try:
        category = Category(post.get("category", ""))
    except ValueError:
        errors.append(RowError("category", _("Choose a category.")))
        category = task.category
    if exchange is not None:
        category = Category.COLLABORATION
    elif category == Category.COLLABORATION:
        errors.append(RowError("exchange", _(
            "Name the exchange occasion, or choose another category than collaboration.")))
    occasions = _number(post.get("occasions", ""), "occasions", _("number of occasions"),
                        errors, required=True, integer=True)
    if occasions is not None and occasions < 1:
        errors.append(RowError("occasions", _("The number of occasions must be at least 1.")))
    return replace(task, name=name, org=org, category=category, exchange=exchange,
                   child_present=post.get("child_present") in ("on", "1", "true"),
                   occasions=int(occasions or 1))


@dataclass(frozen=True)
class RowEdit:
    """What saving a row does: the edit, the elements it must find unchanged, and a summary."""

    edit: Callable[[Case], Case]
    bases: dict[ElementRef, str]
    task_id: str | None  # None for a task that the edit creates
    summary: str


def row_edit(case: Case, step_id: str, post: Mapping[str, Any]) -> RowEdit:
    """The edit a posted row asks for; raises `RowInvalid` listing every field's problem."""
    errors: list[RowError] = []
    task_id = post.get("task_id") or post.get("task") or ""
    task = next((t for s in case.steps for t in s.tasks if t.id == task_id), None)
    if task_id and task is None:
        raise RowInvalid([RowError("task", _("The task is no longer in the case."))])
    index_text = post.get("index", "")
    if index_text and not str(index_text).isdigit():
        raise RowInvalid([RowError("task", _("The row is no longer in the case."))])
    index = int(index_text) if str(index_text).isdigit() else None
    old = task.participants[index] if task is not None and index is not None and \
        index < len(task.participants) else None
    participant = _participant(post, case, old, errors)
    # A new row that joins an existing task (chosen in its list) leaves the task as it is.
    with_task_fields = post.get("task_fields") == "1" and not post.get("task")
    if task is None:
        blank = Task(id="", org="", name="", participants=(participant,))
        new_task = _task_fields(post, case, blank, errors)
        if errors:
            raise RowInvalid(errors)

        def create(c: Case) -> Case:
            # The exchange field holds the occasion's name; the edit finds or makes its id.
            c, named = task_with_named_exchange(c, replace(new_task, participants=(
                participant,)))
            return add_task(c, step_id, named)

        return RowEdit(create, {}, None, new_task.name)
    fp = post.get(f"fp-{task.id}", "")
    bases: dict[ElementRef, str] = {("task", task.id): fp}
    changed_task = _task_fields(post, case, task, errors) if with_task_fields else None
    if errors:
        raise RowInvalid(errors)
    tid = task.id

    def edit(c: Case) -> Case:
        if changed_task is not None:
            current = next(t for t in c.tasks if t.id == tid)
            c, named = task_with_named_exchange(c, changed_task)
            c = replace_task(c, tid, replace(named, participants=current.participants))
        if index is None:
            return add_participant(c, tid, participant)
        return replace_participant(c, tid, index, participant)

    return RowEdit(edit, bases, tid, task.name)
