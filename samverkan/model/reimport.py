"""An uploaded version of a case laid onto the current one, element by element.

People download a case as a filled template, change it in Excel and upload it again, while
colleagues go on editing the same case in the browser. The upload must then change only what
its author changed: `uploaded_elements(base, upload)` names the elements (the case's own fields,
an organisation, a role, a step, a task) that differ from the version the author started from,
and `replay(current, base, upload)` puts exactly those into the current case, keeping everyone
else's edits. If someone changed one of those elements since (`stale_elements`), the upload is
refused rather than merged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from samverkan.errors import ModelError
from samverkan.model.case import Case, Organisation, Role, Step, Task

__all__ = [
    "Element", "element_name", "element_state", "replay", "stale_elements", "uploaded_elements",
]

# ("case", ""), ("organisation", id), ("role", id), ("step", id), ("task", id) or
# ("exchange", id): an exchange occasion's name.
Element = tuple[str, str]
_Item = TypeVar("_Item", Organisation, Role)


def _case_fields(case: Case) -> tuple[object, ...]:
    return (case.name, case.description, case.currency, case.hours_per_month,
            case.cases_per_year, case.conventions)


def _step_fields(step: Step) -> tuple[str, float]:
    return (step.name, step.weeks)


def element_state(case: Case, element: Element) -> object:
    """What an element is in a case, to compare between versions; None when it is absent.

    A step is its name and weeks (its tasks are elements of their own); a task is itself and
    the step it sits in.
    """
    kind, key = element
    if kind == "case":
        return _case_fields(case)
    if kind == "organisation":
        return next((o for o in case.organisations if o.id == key), None)
    if kind == "role":
        return next((r for r in case.roles if r.id == key), None)
    if kind == "step":
        return next((_step_fields(s) for s in case.steps if s.id == key), None)
    if kind == "task":
        return next(((s.id, t) for s in case.steps for t in s.tasks if t.id == key), None)
    if kind == "exchange":
        return next((e.name for e in case.named_exchanges if e.id == key), None)
    if kind == "economics":
        # Only edits in the browser name it: the template does not hold the section, so an
        # upload never compares it (`_states` leaves it out).
        return case.economics
    raise ModelError.single(f"okänd sorts del av typfallet {kind!r}",
                            f"unknown element kind {kind!r}")


def _states(case: Case) -> dict[Element, object]:
    """Every element's state at once (as `element_state` gives them), in the case's order."""
    states: dict[Element, object] = {("case", ""): _case_fields(case)}
    states.update({("organisation", o.id): o for o in case.organisations})
    states.update({("role", r.id): r for r in case.roles})
    states.update({("step", s.id): _step_fields(s) for s in case.steps})
    states.update({("task", t.id): (s.id, t) for s in case.steps for t in s.tasks})
    states.update({("exchange", e.id): e.name for e in case.named_exchanges})
    return states


def uploaded_elements(base: Case, upload: Case) -> tuple[Element, ...]:
    """The elements the upload adds, removes or changes compared with `base`."""
    old, new = _states(base), _states(upload)
    return tuple(e for e in dict.fromkeys([*old, *new]) if old.get(e) != new.get(e))


def stale_elements(current: Case, base: Case, upload: Case) -> tuple[Element, ...]:
    """The elements the upload changes that someone else changed between `base` and `current`.

    A step the upload removes is also stale when someone has put a task into it since: that
    task would go with the step.
    """
    stale = []
    base_tasks = {s.id: {t.id for t in s.tasks} for s in base.steps}
    now, then, uploaded = _states(current), _states(base), _states(upload)
    for element in uploaded_elements(base, upload):
        if now.get(element) != then.get(element):
            stale.append(element)
        elif element[0] == "step" and element not in uploaded:
            step = next((s for s in current.steps if s.id == element[1]), None)
            if step is not None and {t.id for t in step.tasks} - base_tasks.get(step.id, set()):
                stale.append(element)
    return tuple(stale)


def _merged(current: tuple[_Item, ...], uploaded: tuple[_Item, ...], kind: str,
            changed: set[Element]) -> tuple[_Item, ...]:
    """Organisations or roles: the upload's version of each it changed, in the current order."""
    wanted = {i.id: i for i in uploaded}
    kept = [wanted.get(i.id, i) if (kind, i.id) in changed else i for i in current
            if (kind, i.id) not in changed or i.id in wanted]
    have = {i.id for i in kept}
    kept.extend(i for i in uploaded if (kind, i.id) in changed and i.id not in have)
    return tuple(kept)


def replay(current: Case, base: Case, upload: Case) -> Case:
    """`current` with every element the upload changed (against `base`) taken from the upload.

    Check `stale_elements` first: replaying over an element someone else changed would undo
    their change. New steps go after the step that precedes them in the upload; new tasks go
    into their step after the task that precedes them there (or first).
    """
    changed = set(uploaded_elements(base, upload))
    case = current
    if ("case", "") in changed:
        case = replace(case, name=upload.name, description=upload.description,
                       currency=upload.currency, hours_per_month=upload.hours_per_month,
                       cases_per_year=upload.cases_per_year, conventions=upload.conventions)
    organisations = _merged(case.organisations, upload.organisations, "organisation", changed)
    roles = _merged(case.roles, upload.roles, "role", changed)

    upload_steps = {s.id: s for s in upload.steps}
    steps: list[Step] = []
    for step in case.steps:
        if ("step", step.id) in changed:
            if step.id not in upload_steps:
                continue  # its tasks are changed elements too, gone with the upload
            new = upload_steps[step.id]
            step = replace(step, name=new.name, weeks=new.weeks)
        steps.append(step)
    for index, new in enumerate(upload.steps):
        if ("step", new.id) in changed and all(s.id != new.id for s in steps):
            before = {s.id for s in upload.steps[:index]}
            at = max((i + 1 for i, s in enumerate(steps) if s.id in before), default=0)
            steps.insert(at, replace(new, tasks=()))

    # Tasks: take the upload's changed tasks out wherever they are, then put them in place.
    moved = {key for kind, key in changed if kind == "task"}
    steps = [replace(s, tasks=tuple(t for t in s.tasks if t.id not in moved)) for s in steps]
    for upload_step in upload.steps:
        for index, task in enumerate(upload_step.tasks):
            if task.id not in moved:
                continue
            earlier = {t.id for t in upload_step.tasks[:index]}
            steps = [_with_task(s, task, earlier) if s.id == upload_step.id else s
                     for s in steps]
    # Only the occasions whose name the upload changed (or that it adds) take its name; a
    # colleague's renaming of another occasion stays.
    renamed = {key for kind, key in changed if kind == "exchange"}
    uploaded_names = {e.id: e for e in upload.exchanges if e.id in renamed}
    exchanges = (*(uploaded_names.pop(e.id, e) for e in case.exchanges
                   if e.id not in renamed or e.id in uploaded_names),
                 *uploaded_names.values())
    return replace(case, organisations=organisations, roles=roles, steps=tuple(steps),
                   exchanges=exchanges)


def _with_task(step: Step, task: Task, earlier: set[str]) -> Step:
    tasks = list(step.tasks)
    at = max((i + 1 for i, t in enumerate(tasks) if t.id in earlier), default=0)
    tasks.insert(at, task)
    return replace(step, tasks=tuple(tasks))


def element_name(case: Case, element: Element, lang: str = "sv") -> str:
    """An element as people name it: "Samtal med Lucas (Skola A, Utredning)", "Rektor"."""
    kind, key = element
    sv = lang == "sv"
    if kind == "case":
        return "Typfallets uppgifter" if sv else "The case's own details"
    if kind == "organisation":
        return next((o.name for o in case.organisations if o.id == key), key)
    if kind == "role":
        return next((r.name for r in case.roles if r.id == key), key)
    if kind == "step":
        name = next((s.name for s in case.steps if s.id == key), key)
        return f"Steget {name}" if sv else f"Step {name}"
    if kind == "economics":
        return "Investeringskalkylen" if sv else "The investment case"
    if kind == "exchange":
        name = case.exchange_name(key)
        return f"Informationsutbytet {name}" if sv else f"Exchange occasion {name}"
    for step in case.steps:
        for task in step.tasks:
            if task.id == key:
                return f"{task.name} ({case.organisation(task.org).name}, {step.name})"
    return key
