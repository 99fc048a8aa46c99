"""Edits of a case, one element at a time: pure functions from a case to the changed case.

Every page that changes a case says what it changes with one of these, so that the same edit
can be laid onto whatever the latest stored version is (colleagues may have changed other
elements since the page was opened). An edit that cannot be made raises `CaseEditError` with a
message in the user's words. Ids of new elements are made from their names: users never type
them, and they are safe in a web address (letters, digits and hyphens only).

An element is named by an `ElementRef`: `("case", "")` for the case's own fields,
`("organisation", id)`, `("role", id)`, `("step", id)`, `("task", id)` or
`("economics", "")` for the investment case's section.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

from samverkan.errors import CaseEditError, ModelError, Place, Problem
from samverkan.model.case import (
    Case,
    Category,
    CostConventions,
    Exchange,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
)
from samverkan.model.economics import (
    AvoidedIntervention,
    Economics,
    Investment,
    Outcome,
    PriceList,
)
from samverkan.model.reimport import element_state

# Used as a namespace (`edit.add_task(...)`), so its names are not re-exported by the
# package, where `add_task` alone would say too little.

ElementRef = tuple[str, str]
CASE_FIELDS: ElementRef = ("case", "")
_KINDS = frozenset({"case", "organisation", "role", "step", "task", "exchange", "economics"})


def _refuse(sv: str, en: str) -> CaseEditError:
    return CaseEditError([Problem(Place(), sv, en)])


# ---------------------------------------------------------------- ids and element identity


def _slug(name: str) -> str:
    # "Möte med vårdnadshavare" → "mote-med-vardnadshavare": accents go, anything else that
    # is not a letter or digit becomes a hyphen, so the id never holds "/" or spaces.
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-")


def new_id(name: str, taken: Iterable[str], *, fallback: str) -> str:
    """An id made from `name` that is not in `taken`: "rektor", then "rektor-2", "rektor-3"."""
    used = set(taken)
    stem = _slug(name) or fallback
    candidate, number = stem, 2
    while candidate in used:
        candidate = f"{stem}-{number}"
        number += 1
    return candidate


def element_value(case: Case, ref: ElementRef) -> object | None:
    """The element as it is in `case` now (the case itself for its own fields); None if gone."""
    kind, key = ref
    if kind not in _KINDS:
        raise ModelError.single(f"okänd sorts del av typfallet {kind!r}",
                                f"unknown element kind {kind!r}")
    if kind == "case":
        return case
    if kind == "organisation":
        return next((o for o in case.organisations if o.id == key), None)
    if kind == "role":
        return next((r for r in case.roles if r.id == key), None)
    if kind == "step":
        return next((s for s in case.steps if s.id == key), None)
    if kind == "exchange":
        return next((e for e in case.named_exchanges if e.id == key), None)
    if kind == "economics":
        return case.economics
    return next((t for t in case.tasks if t.id == key), None)


def fingerprint(case: Case, ref: ElementRef) -> str:
    """A short hash of what the element is now: equal exactly when the element is unchanged.

    A step is its name and weeks (its tasks are elements of their own), a task is itself and
    the step it is in; so adding a task to a step never conflicts with renaming the step.
    """
    state = element_state(case, ref)
    return hashlib.sha256(repr(state).encode("utf-8")).hexdigest()[:32]


# ---------------------------------------------------------------- the case's own fields


def set_case_fields(
    case: Case, *, name: str, description: str, hours_per_month: float,
    cases_per_year: float | None, overhead_share: float = 0.0, productive_share: float = 1.0,
) -> Case:
    """The case with new name, description, hours per month, cases per year and conventions."""
    name = _name(name, "Typfallet", "The case")
    if not hours_per_month > 0:
        raise _refuse("Timmar per månad ska vara större än noll.",
                      "Hours per month must be greater than zero.")
    if cases_per_year is not None and cases_per_year < 0:
        raise _refuse("Antal ärenden per år kan inte vara negativt.",
                      "Cases per year cannot be negative.")
    if overhead_share < 0:
        raise _refuse("Overheadandelen kan inte vara negativ.",
                      "The overhead share cannot be negative.")
    if not 0 < productive_share <= 1:
        raise _refuse("Produktiv andel ska vara större än 0 och högst 1.",
                      "The productive share must be greater than 0 and at most 1.")
    return replace(
        case, name=name, description=description.strip(), hours_per_month=hours_per_month,
        cases_per_year=cases_per_year or None,
        conventions=CostConventions(overhead_share=overhead_share,
                                    productive_share=productive_share),
    )


def _name(name: str, what_sv: str, what_en: str) -> str:
    name = name.strip()
    if not name:
        raise _refuse(f"{what_sv} behöver ett namn.", f"{what_en} needs a name.")
    return name


# ---------------------------------------------------------------- organisations


def _organisation(case: Case, org_id: str) -> Organisation:
    found = next((o for o in case.organisations if o.id == org_id), None)
    if found is None:
        raise _refuse("Organisationen finns inte längre i typfallet.",
                      "The organisation is no longer in the case.")
    return found


def _with_organisation(case: Case, org: Organisation) -> Case:
    return replace(case, organisations=tuple(
        org if o.id == org.id else o for o in case.organisations))


def _same_name(a: str, b: str) -> bool:
    """Names a reader cannot tell apart in a drop-down: case and spacing do not count."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def add_organisation(case: Case, *, name: str, group: str, id: str | None = None) -> Case:
    """The case with a new organisation last in its list."""
    name = _name(name, "Organisationen", "The organisation")
    if any(_same_name(o.name, name) for o in case.organisations):
        raise _refuse(f"Det finns redan en organisation som heter {name}.",
                      f"There is already an organisation called {name}.")
    org_id = id or new_id(name, (o.id for o in case.organisations), fallback="org")
    return replace(case, organisations=(*case.organisations,
                                        Organisation(org_id, name, _group(group))))


def _group(group: str) -> str:
    group = group.strip()
    if not group:
        raise _refuse("Välj en grupp för organisationen.", "Choose a group for the organisation.")
    return group


def rename_organisation(case: Case, org_id: str, name: str) -> Case:
    org = _organisation(case, org_id)
    name = _name(name, "Organisationen", "The organisation")
    if any(_same_name(o.name, name) and o.id != org_id for o in case.organisations):
        raise _refuse(f"Det finns redan en organisation som heter {name}.",
                      f"There is already an organisation called {name}.")
    return _with_organisation(case, replace(org, name=name))


def set_organisation_group(case: Case, org_id: str, group: str) -> Case:
    return _with_organisation(case, replace(_organisation(case, org_id), group=_group(group)))


_T = TypeVar("_T")


def _moved(items: tuple[_T, ...], index: int, position: int) -> tuple[_T, ...]:
    listed = list(items)
    item = listed.pop(index)
    listed.insert(max(0, min(position, len(listed))), item)
    return tuple(listed)


def move_organisation(case: Case, org_id: str, position: int) -> Case:
    """The case with the organisation at `position` (0 first) in its list."""
    _organisation(case, org_id)
    index = next(i for i, o in enumerate(case.organisations) if o.id == org_id)
    return replace(case, organisations=_moved(case.organisations, index, position))


def tasks_using_organisation(case: Case, org_id: str) -> tuple[Task, ...]:
    return tuple(t for t in case.tasks if t.org == org_id)


def remove_organisation(case: Case, org_id: str) -> Case:
    """The case without the organisation; refused while any task is the organisation's."""
    org = _organisation(case, org_id)
    used = tasks_using_organisation(case, org_id)
    if used:
        raise _refuse(
            f"{org.name} har {_count_sv(len(used))} och kan inte tas bort. "
            "Ta bort eller flytta uppgifterna först.",
            f"{org.name} has {_count_en(len(used))} and cannot be removed. "
            "Delete or move the tasks first.",
        )
    economics = case.economics
    if economics is not None and org_id in {
            *(i.org for i in economics.investments), *(a.org for a in economics.avoided)}:
        raise _refuse(
            f"{org.name} investerar eller sparar i investeringskalkylen och kan inte tas bort.",
            f"{org.name} invests or saves in the investment case and cannot be removed.",
        )
    return replace(case, organisations=tuple(o for o in case.organisations if o.id != org_id))


def _count_sv(n: int) -> str:
    return f"{n} arbetsuppgift" if n == 1 else f"{n} arbetsuppgifter"


def _count_en(n: int) -> str:
    return f"{n} task" if n == 1 else f"{n} tasks"


# ---------------------------------------------------------------- roles


def _role(case: Case, role_id: str) -> Role:
    found = next((r for r in case.roles if r.id == role_id), None)
    if found is None:
        raise _refuse("Yrkesgruppen finns inte längre i typfallet.",
                      "The role is no longer in the case.")
    return found


def _with_role(case: Case, role: Role) -> Case:
    return replace(case, roles=tuple(role if r.id == role.id else r for r in case.roles))


def _cost(monthly_cost: float) -> float:
    if not monthly_cost >= 0:  # also refuses NaN
        raise _refuse("Månadskostnaden kan inte vara negativ.",
                      "The monthly cost cannot be negative.")
    return float(monthly_cost)


def add_role(case: Case, *, name: str, monthly_cost: float, id: str | None = None) -> Case:
    """The case with a new role last in its list."""
    name = _name(name, "Yrkesgruppen", "The role")
    if any(_same_name(r.name, name) for r in case.roles):
        raise _refuse(f"Det finns redan en yrkesgrupp som heter {name}.",
                      f"There is already a role called {name}.")
    role_id = id or new_id(name, (r.id for r in case.roles), fallback="roll")
    return replace(case, roles=(*case.roles, Role(role_id, name, _cost(monthly_cost))))


def rename_role(case: Case, role_id: str, name: str) -> Case:
    role = _role(case, role_id)
    name = _name(name, "Yrkesgruppen", "The role")
    if any(_same_name(r.name, name) and r.id != role_id for r in case.roles):
        raise _refuse(f"Det finns redan en yrkesgrupp som heter {name}.",
                      f"There is already a role called {name}.")
    return _with_role(case, replace(role, name=name))


def set_role_cost(case: Case, role_id: str, monthly_cost: float) -> Case:
    return _with_role(case, replace(_role(case, role_id), monthly_cost=_cost(monthly_cost)))


def tasks_using_role(case: Case, role_id: str) -> tuple[Task, ...]:
    return tuple(t for t in case.tasks if any(p.role == role_id for p in t.participants))


def remove_role(case: Case, role_id: str) -> Case:
    """The case without the role; refused while any task has the role as a participant."""
    role = _role(case, role_id)
    used = tasks_using_role(case, role_id)
    if used:
        raise _refuse(
            f"{role.name} deltar i {_count_sv(len(used))} och kan inte tas bort.",
            f"{role.name} takes part in {_count_en(len(used))} and cannot be removed.",
        )
    if case.economics is not None and any(i.role == role_id
                                          for i in case.economics.investments):
        raise _refuse(
            f"{role.name} används i investeringskalkylen och kan inte tas bort.",
            f"{role.name} is used in the investment case and cannot be removed.",
        )
    return replace(case, roles=tuple(r for r in case.roles if r.id != role_id))


def upsert_roles(case: Case, roles: Iterable[Role]) -> tuple[Case, tuple[Role, ...],
                                                               tuple[Role, ...]]:
    """The case with the given roles' monthly costs, adding those it lacks.

    A role is matched by id, then by name (a salary table and a case may name "Kurator"
    with different ids). Returns the case, the roles added and the roles updated.
    """
    added: list[Role] = []
    updated: list[Role] = []
    for role in roles:
        cost = _cost(role.monthly_cost)
        match = next((r for r in case.roles if r.id == role.id), None) or next(
            (r for r in case.roles if r.name.casefold() == role.name.strip().casefold()), None)
        if match is None:
            role_id = role.id if role.id and role.id == _slug(role.id) and all(
                r.id != role.id for r in case.roles) else new_id(
                role.name, (r.id for r in case.roles), fallback="roll")
            new = Role(role_id, _name(role.name, "Yrkesgruppen", "The role"), cost)
            case = replace(case, roles=(*case.roles, new))
            added.append(new)
        elif match.monthly_cost != cost:
            case = _with_role(case, replace(match, monthly_cost=cost))
            updated.append(replace(match, monthly_cost=cost))
    return case, tuple(added), tuple(updated)


# ---------------------------------------------------------------- steps


def _step(case: Case, step_id: str) -> Step:
    found = next((s for s in case.steps if s.id == step_id), None)
    if found is None:
        raise _refuse("Steget finns inte längre i typfallet.",
                      "The step is no longer in the case.")
    return found


def _with_step(case: Case, step: Step) -> Case:
    return replace(case, steps=tuple(step if s.id == step.id else s for s in case.steps))


def _weeks(weeks: float) -> float:
    if not weeks >= 0:
        raise _refuse("Veckor kan inte vara negativa.", "Weeks cannot be negative.")
    return float(weeks)


def add_step(case: Case, *, name: str, weeks: float, position: int | None = None,
             id: str | None = None) -> Case:
    """The case with a new, empty step (last, or at `position`)."""
    name = _name(name, "Steget", "The step")
    step_id = id or new_id(name, (s.id for s in case.steps), fallback="steg")
    steps = (*case.steps, Step(step_id, name, _weeks(weeks)))
    if position is not None:
        steps = _moved(steps, len(steps) - 1, position)
    return replace(case, steps=steps)


def rename_step(case: Case, step_id: str, name: str) -> Case:
    return _with_step(case, replace(_step(case, step_id),
                                    name=_name(name, "Steget", "The step")))


def set_step_weeks(case: Case, step_id: str, weeks: float) -> Case:
    return _with_step(case, replace(_step(case, step_id), weeks=_weeks(weeks)))


def move_step(case: Case, step_id: str, position: int) -> Case:
    """The case with the step at `position` (0 first)."""
    _step(case, step_id)
    index = next(i for i, s in enumerate(case.steps) if s.id == step_id)
    return replace(case, steps=_moved(case.steps, index, position))


def tasks_going_with_step(case: Case, step_id: str) -> tuple[Task, ...]:
    """The tasks that are deleted with the step: say them before the user confirms."""
    return _step(case, step_id).tasks


def delete_step(case: Case, step_id: str) -> Case:
    """The case without the step and its tasks."""
    _step(case, step_id)
    return replace(case, steps=tuple(s for s in case.steps if s.id != step_id))


# ---------------------------------------------------------------- tasks


def _task_place(case: Case, task_id: str) -> tuple[Step, Task]:
    for step in case.steps:
        for task in step.tasks:
            if task.id == task_id:
                return step, task
    raise _refuse("Arbetsuppgiften finns inte längre i typfallet.",
                  "The task is no longer in the case.")


def _checked_task(case: Case, task: Task) -> Task:
    """The task if every part of it is possible in this case; the category follows exchange."""
    name = _name(task.name, "Arbetsuppgiften", "The task")
    if not any(o.id == task.org for o in case.organisations):
        raise _refuse("Välj en organisation som finns i typfallet.",
                      "Choose an organisation that is in the case.")
    if task.occasions < 1:
        raise _refuse("Antal tillfällen ska vara minst 1.", "Occasions must be at least 1.")
    if not task.participants:
        raise _refuse("En arbetsuppgift behöver minst en deltagare.",
                      "A task needs at least one participant.")
    for participant in task.participants:
        _check_participant(case, participant)
    exchange = (task.exchange or "").strip() or None
    category = task.category
    if exchange is not None:
        category = Category.COLLABORATION
    elif category == Category.COLLABORATION:
        raise _refuse("En samverkansuppgift behöver ett samverkanstillfälle.",
                      "A collaboration task needs an exchange occasion.")
    return replace(task, name=name, exchange=exchange, category=category)


def _check_participant(case: Case, p: Participant) -> None:
    if not any(r.id == p.role for r in case.roles):
        raise _refuse("Välj en yrkesgrupp som finns i typfallet.",
                      "Choose a role that is in the case.")
    if not p.people > 0:
        raise _refuse("Antal personer ska vara större än noll.",
                      "People must be greater than zero.")
    if p.fte is None:
        if p.minutes is None:
            raise _refuse("Ange minuter.", "Give the minutes.")
        if not p.minutes >= 0:
            raise _refuse("Minuter kan inte vara negativa.", "Minutes cannot be negative.")
        low, high = p.minutes_low, p.minutes_high
        if (low is None) != (high is None):
            raise _refuse("Ange både lägsta och högsta minuter, eller ingen av dem.",
                          "Give both the lowest and the highest minutes, or neither.")
        if low is not None and high is not None and not 0 <= low <= p.minutes <= high:
            raise _refuse("Minuterna ska uppfylla lägsta ≤ troligast ≤ högsta.",
                          "The minutes must satisfy lowest ≤ most likely ≤ highest.")
    else:
        if p.minutes is not None:
            raise _refuse("Ange antingen minuter eller andel av heltid, inte båda.",
                          "Give either minutes or a share of full time, not both.")
        if not p.fte > 0 or p.weeks is None or not p.weeks >= 0:
            raise _refuse("Andel av heltid ska vara större än noll och ha antal veckor.",
                          "A share of full time must be greater than zero and have weeks.")


def add_task(case: Case, step_id: str, task: Task) -> Case:
    """The case with `task` last in the step; a task without an id gets one from its name."""
    step = _step(case, step_id)
    task = _checked_task(case, task)
    taken = {t.id for t in case.tasks}
    if not task.id or task.id in taken:
        task = replace(task, id=new_id(f"{step.id}-{task.name}", taken, fallback="uppgift"))
    return _with_step(case, replace(step, tasks=(*step.tasks, task)))


def replace_task(case: Case, task_id: str, task: Task) -> Case:
    """The case with the task's content replaced; it keeps its id and its place."""
    step, _ = _task_place(case, task_id)
    new = replace(_checked_task(case, task), id=task_id)
    return _with_step(case, replace(step, tasks=tuple(
        new if t.id == task_id else t for t in step.tasks)))


def move_task(case: Case, task_id: str, step_id: str) -> Case:
    """The case with the task moved to the end of another step."""
    source, task = _task_place(case, task_id)
    target = _step(case, step_id)
    if target.id == source.id:
        return case
    case = _with_step(case, replace(source, tasks=tuple(
        t for t in source.tasks if t.id != task_id)))
    target = _step(case, step_id)
    return _with_step(case, replace(target, tasks=(*target.tasks, task)))


def copy_task(case: Case, task_id: str, step_id: str | None = None,
              name: str | None = None) -> Case:
    """The case with a copy of the task (with a new id) at the end of a step (its own by
    default)."""
    source, task = _task_place(case, task_id)
    copy = replace(task, id="", name=name if name is not None else task.name)
    return add_task(case, step_id or source.id, copy)


def delete_task(case: Case, task_id: str) -> Case:
    step, _ = _task_place(case, task_id)
    return _with_step(case, replace(step, tasks=tuple(t for t in step.tasks if t.id != task_id)))


# ---------------------------------------------------------------- exchange occasions


def _spoken(text: str) -> str:
    return " ".join(text.split()).casefold()


def exchange_for_name(case: Case, name: str) -> tuple[Case, str | None]:
    """The case and the id of the exchange occasion a user means by `name` (None if empty).

    Users pick or write occasions by name, never by id: a name an occasion of the case already
    has (letter case and spacing aside, or its id, as older files wrote) means that occasion;
    any other name is a new occasion with an id made from the name and the name kept in the
    case.
    """
    name = " ".join(name.split())
    if not name:
        return case, None
    known = (*case.named_exchanges, *case.exchanges)
    for exchange in known:
        if _spoken(exchange.name) == _spoken(name) or exchange.id == name:
            return case, exchange.id
    exchange_id = new_id(name, {e.id for e in known}, fallback="samverkanstillfalle")
    return replace(case, exchanges=(*case.exchanges, Exchange(exchange_id, name))), exchange_id


def rename_exchange(case: Case, exchange_id: str, name: str) -> Case:
    """The case with an exchange occasion's name changed; its tasks keep referring to it."""
    if exchange_id not in case.exchange_occasions:
        raise _refuse("Informationsutbytet finns inte längre i typfallet.",
                      "The exchange occasion is no longer in the case.")
    name = _name(name, "Informationsutbytet", "The exchange occasion")
    if any(_spoken(e.name) == _spoken(name) for e in case.named_exchanges
           if e.id != exchange_id):
        raise _refuse("Ett annat informationsutbyte i typfallet har redan det namnet.",
                      "Another exchange occasion of the case already has that name.")
    kept = tuple(e for e in case.exchanges if e.id != exchange_id)
    return replace(case, exchanges=(*kept, Exchange(exchange_id, name)))


def task_with_named_exchange(case: Case, task: Task) -> tuple[Case, Task]:
    """The case and the task whose `exchange` is a name a user gave, turned into an id."""
    case, exchange_id = exchange_for_name(case, task.exchange or "")
    return case, replace(task, exchange=exchange_id)


# ---------------------------------------------------------------- participants


def _participant_index(task: Task, index: int) -> int:
    if not 0 <= index < len(task.participants):
        raise _refuse("Deltagaren finns inte längre i arbetsuppgiften.",
                      "The participant is no longer in the task.")
    return index


def replace_participant(case: Case, task_id: str, index: int,
                        participant: Participant) -> Case:
    _, task = _task_place(case, task_id)
    at = _participant_index(task, index)
    parts = list(task.participants)
    parts[at] = participant
    return replace_task(case, task_id, replace(task, participants=tuple(parts)))


def add_participant(case: Case, task_id: str, participant: Participant) -> Case:
    _, task = _task_place(case, task_id)
    return replace_task(case, task_id,
                        replace(task, participants=(*task.participants, participant)))


def remove_participant(case: Case, task_id: str, index: int) -> Case:
    """The task without one participant; its last participant cannot go (delete the task)."""
    _, task = _task_place(case, task_id)
    at = _participant_index(task, index)
    if len(task.participants) == 1:
        raise _refuse("En arbetsuppgift behöver minst en deltagare. Ta bort uppgiften i "
                      "stället.", "A task needs at least one participant. Delete the task "
                      "instead.")
    parts = tuple(p for i, p in enumerate(task.participants) if i != at)
    return replace_task(case, task_id, replace(task, participants=parts))


# ---------------------------------------------------------------- the investment case
#
# The economics section is one element, ("economics", ""): its outcome condition, investments
# and avoided interventions are edited line by line, each line named by its place in its list
# (lines have no names that must be unique, so there is no id to make).

ECONOMICS: ElementRef = ("economics", "")


def _economics(case: Case) -> Economics:
    if case.economics is None:
        raise _refuse("Typfallet har ingen investeringskalkyl ännu: ange först antagandet om "
                      "utfallet för barnet.",
                      "The case has no investment case yet: state the assumption about the "
                      "outcome for the child first.")
    return case.economics


def set_outcome(case: Case, *, assumption: str, source: str) -> Case:
    """The case with its outcome condition: what is assumed about the child, and the source.

    Starts the investment case when the case has none."""
    assumption = assumption.strip()
    if not assumption:
        raise _refuse("Ange vad som antas om utfallet för barnet.",
                      "State what is assumed about the outcome for the child.")
    outcome = Outcome(assumption, source.strip())
    economics = case.economics or Economics(outcome=outcome)
    return replace(case, economics=replace(economics, outcome=outcome))


def _checked_investment(case: Case, item: Investment) -> Investment:
    problems: list[Problem] = []

    def refuse(sv: str, en: str) -> None:
        problems.append(Problem(Place(), sv, en))

    if not item.name.strip():
        refuse("Investeringen behöver ett namn.", "The investment needs a name.")
    if not any(o.id == item.org for o in case.organisations):
        refuse("Organisationen som betalar finns inte längre i typfallet.",
               "The paying organisation is no longer in the case.")
    amounts = [a for a in (item.kronor, item.fte, item.days) if a is not None]
    if len(amounts) != 1:
        refuse("Ange ett belopp per år: kronor, andel av heltid eller utbildningsdagar.",
               "Give one amount a year: kronor, a share of full time or training days.")
    if (item.fte is not None or item.days is not None) and not any(
            r.id == item.role for r in case.roles):
        refuse("Andel av heltid och dagar räknas med en yrkesgrupps lön: välj yrkesgrupp.",
               "A share of full time or days are costed with a role's salary: choose a role.")
    if item.kronor is not None and item.role is not None:
        refuse("En yrkesgrupp används bara med andel av heltid eller dagar.",
               "A role is only used with a share of full time or days.")
    if any(a < 0 for a in amounts) or item.fte == 0 or item.days == 0 or not item.people > 0:
        refuse("Beloppet, andelen, dagarna och antalet personer ska vara större än noll.",
               "The amount, share, days and number of people must be greater than zero.")
    if item.covers_case_time and item.fte is None:
        refuse("Bara en tjänst (andel av heltid) kan täcka yrkesgruppens tid i ärendena.",
               "Only a post (a share of full time) can cover the role's time in the cases.")
    if not 1 <= item.from_year <= item.to_year:
        refuse("Åren ska räknas från 1 och det sista året får inte komma före det första.",
               "Years count from 1 and the last year cannot come before the first.")
    if problems:
        raise CaseEditError(problems)
    return replace(item, name=item.name.strip(), source=item.source.strip())


def _line(items: tuple[_T, ...], index: int, sv: str, en: str) -> int:
    if not 0 <= index < len(items):
        raise _refuse(sv, en)
    return index


_NO_INVESTMENT = ("Investeringen finns inte längre i investeringskalkylen.",
                  "The investment is no longer in the investment case.")
_NO_AVOIDED = ("Den undvikna insatsen finns inte längre i investeringskalkylen.",
               "The avoided intervention is no longer in the investment case.")


def add_investment(case: Case, item: Investment) -> Case:
    economics = _economics(case)
    return replace(case, economics=replace(
        economics, investments=(*economics.investments, _checked_investment(case, item))))


def replace_investment(case: Case, index: int, item: Investment) -> Case:
    economics = _economics(case)
    at = _line(economics.investments, index, *_NO_INVESTMENT)
    items = list(economics.investments)
    items[at] = _checked_investment(case, item)
    return replace(case, economics=replace(economics, investments=tuple(items)))


def remove_investment(case: Case, index: int) -> Case:
    economics = _economics(case)
    at = _line(economics.investments, index, *_NO_INVESTMENT)
    return replace(case, economics=replace(economics, investments=tuple(
        i for n, i in enumerate(economics.investments) if n != at)))


def _checked_avoided(case: Case, item: AvoidedIntervention,
                     prices: PriceList | None) -> AvoidedIntervention:
    problems: list[Problem] = []

    def refuse(sv: str, en: str) -> None:
        problems.append(Problem(Place(), sv, en))

    if prices is not None and prices.price(item.intervention) is None:
        refuse("Insatsen finns inte i prislistan.", "The intervention is not in the price list.")
    if not any(o.id == item.org for o in case.organisations):
        refuse("Organisationen som skulle ha betalat finns inte längre i typfallet.",
               "The organisation that would have paid is no longer in the case.")
    share = item.cases_share
    if not -1 <= share.low <= share.likely <= share.high <= 1:
        refuse("Andelen ärenden ska vara lägst ≤ troligast ≤ högst, mellan −100 % och 100 %.",
               "The share of cases must be low ≤ likely ≤ high, between −100 % and 100 %.")
    if not item.units >= 0:
        refuse("Antalet enheter kan inte vara negativt.", "The number of units cannot be negative.")
    if item.years_after < 0 or item.for_years < 1:
        refuse("Åren efter ärendet kan inte vara negativa och insatsen varar minst ett år.",
               "The years after the case cannot be negative and the intervention lasts at "
               "least one year.")
    if problems:
        raise CaseEditError(problems)
    return replace(item, source=item.source.strip())


def add_avoided(case: Case, item: AvoidedIntervention,
                prices: PriceList | None = None) -> Case:
    economics = _economics(case)
    return replace(case, economics=replace(
        economics, avoided=(*economics.avoided, _checked_avoided(case, item, prices))))


def replace_avoided(case: Case, index: int, item: AvoidedIntervention,
                    prices: PriceList | None = None) -> Case:
    economics = _economics(case)
    at = _line(economics.avoided, index, *_NO_AVOIDED)
    items = list(economics.avoided)
    items[at] = _checked_avoided(case, item, prices)
    return replace(case, economics=replace(economics, avoided=tuple(items)))


def remove_avoided(case: Case, index: int) -> Case:
    economics = _economics(case)
    at = _line(economics.avoided, index, *_NO_AVOIDED)
    return replace(case, economics=replace(economics, avoided=tuple(
        a for n, a in enumerate(economics.avoided) if n != at)))
