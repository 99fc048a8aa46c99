"""What changed between two versions of a case, in the domain's words.

`case_changes(before, after)` lists the changes a person would name: a task added or removed, a
participant's minutes ("Kurator i Avslut: 60 → 90 min, +145 kr"), a role's monthly cost, a step's
weeks, an organisation renamed, and last each organisation's minutes and kronor before → after.
Every figure comes from `compute`, so a history entry and the results page agree to the krona.

Elements are matched by id; a task's participants are matched by role and, when a role takes part
twice in the same task, by its order among that role's rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from samverkan.model.case import Case, Category, Participant, Step, Task
from samverkan.model.costing import CaseResult, Figures, compute, minute_cost, participant_minutes
from samverkan.model.economics import AvoidedIntervention, Economics, Investment

__all__ = ["Change", "ChangeKind", "ChangedField", "case_changes"]

_Line = TypeVar("_Line", Investment, AvoidedIntervention)


class ChangeKind(StrEnum):
    CASE = "case"
    ORGANISATION_ADDED = "organisation_added"
    ORGANISATION_REMOVED = "organisation_removed"
    ORGANISATION_CHANGED = "organisation_changed"
    ROLE_ADDED = "role_added"
    ROLE_REMOVED = "role_removed"
    ROLE_CHANGED = "role_changed"
    STEP_ADDED = "step_added"
    STEP_REMOVED = "step_removed"
    STEP_CHANGED = "step_changed"
    TASK_ADDED = "task_added"
    TASK_REMOVED = "task_removed"
    TASK_CHANGED = "task_changed"
    PARTICIPANT_ADDED = "participant_added"
    PARTICIPANT_REMOVED = "participant_removed"
    PARTICIPANT_CHANGED = "participant_changed"
    EXCHANGE_CHANGED = "exchange_changed"
    ECONOMICS_CHANGED = "economics_changed"
    ORGANISATION_TOTAL = "organisation_total"


@dataclass(frozen=True)
class ChangedField:
    """One named field before → after, with its name and values already in both languages."""

    name_sv: str
    name_en: str
    before_sv: str
    after_sv: str
    before_en: str
    after_en: str


@dataclass(frozen=True)
class Change:
    """One change, with the figures it moves; `describe(lang)` says it in a sentence.

    `subject_sv`/`subject_en` name the element ("Kurator i Avslut (Skola A)"). Minutes and kronor
    are None where the change has no figures of its own (a renamed step, a new organisation).
    `ref` is the element, as `("task", task_id)`, for pages that link to it.
    """

    kind: ChangeKind
    ref: tuple[str, str]
    subject_sv: str
    subject_en: str
    fields: tuple[ChangedField, ...] = ()
    minutes_before: float | None = None
    minutes_after: float | None = None
    cost_before: float | None = None
    cost_after: float | None = None

    @property
    def minutes_delta(self) -> float:
        return (self.minutes_after or 0.0) - (self.minutes_before or 0.0)

    @property
    def cost_delta(self) -> float:
        return (self.cost_after or 0.0) - (self.cost_before or 0.0)

    def describe(self, lang: str = "sv") -> str:
        sv = lang == "sv"
        subject = self.subject_sv if sv else self.subject_en
        verb = _VERBS.get(self.kind)
        parts: list[str] = []
        for f in self.fields:
            name = f.name_sv if sv else f.name_en
            before, after = (f.before_sv, f.after_sv) if sv else (f.before_en, f.after_en)
            # A long text (a description, a note) is only said to have changed.
            parts.append(f"{name} {before} → {after}" if before or after else name)
        figures = self._figures(lang)
        if verb is not None:
            text = f"{subject} {verb[0] if sv else verb[1]}"
            return f"{text} ({figures})" if figures else text
        body = ", ".join([*parts, *([figures] if figures else [])])
        return f"{subject}: {body}" if body else subject

    def _figures(self, lang: str) -> str:
        if self.minutes_before is None and self.minutes_after is None:
            return ""
        if self.kind in _ADDED:
            return (f"{_minutes(self.minutes_after or 0.0, lang)}, "
                    f"{_kronor(self.cost_after or 0.0, lang)}")
        if self.kind in _REMOVED:
            return (f"{_minutes(self.minutes_before or 0.0, lang)}, "
                    f"{_kronor(self.cost_before or 0.0, lang)}")
        if self.kind == ChangeKind.ORGANISATION_TOTAL:
            return (f"{_minute_number(self.minutes_before or 0.0, lang)} → "
                    f"{_minutes(self.minutes_after or 0.0, lang)}, "
                    f"{_number(self.cost_before or 0.0, lang)} → "
                    f"{_kronor(self.cost_after or 0.0, lang)}")
        if self.minutes_delta == 0 and abs(self.cost_delta) < 0.5:
            return ""
        return (f"{_minute_number(self.minutes_before or 0.0, lang)} → "
                f"{_minutes(self.minutes_after or 0.0, lang)}, "
                f"{_signed_kronor(self.cost_delta, lang)}")


_ADDED = {ChangeKind.TASK_ADDED, ChangeKind.PARTICIPANT_ADDED}
_REMOVED = {ChangeKind.TASK_REMOVED, ChangeKind.PARTICIPANT_REMOVED}
_VERBS: dict[ChangeKind, tuple[str, str]] = {
    ChangeKind.ORGANISATION_ADDED: ("lades till", "added"),
    ChangeKind.ORGANISATION_REMOVED: ("togs bort", "removed"),
    ChangeKind.ROLE_ADDED: ("lades till", "added"),
    ChangeKind.ROLE_REMOVED: ("togs bort", "removed"),
    ChangeKind.STEP_ADDED: ("lades till", "added"),
    ChangeKind.STEP_REMOVED: ("togs bort", "removed"),
    ChangeKind.TASK_ADDED: ("lades till", "added"),
    ChangeKind.TASK_REMOVED: ("togs bort", "removed"),
    ChangeKind.PARTICIPANT_ADDED: ("lades till", "added"),
    ChangeKind.PARTICIPANT_REMOVED: ("togs bort", "removed"),
}

# The model names categories and groups by id; people read these (the same words as the
# template's drop-down lists and the reports).
_CATEGORIES = {
    Category.DIRECT_CHILD: ("tid med barnet", "time with the child"),
    Category.GUARDIAN: ("tid med vårdnadshavare", "time with guardians"),
    Category.COLLABORATION: ("samverkan", "collaboration"),
    Category.DOCUMENTATION: ("dokumentation", "documentation"),
    Category.INTERNAL: ("internt", "internal"),
}
_GROUPS = {"school": ("skola", "school"), "social_services": ("socialtjänst", "social services")}


# --------------------------------------------------------------------------- number words


def _number(value: float, lang: str, decimals: int = 0) -> str:
    """Swedish: narrow no-break space for thousands and a decimal comma (as the reports)."""
    text = f"{value:,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text.replace("-", "−")


def _minute_number(value: float, lang: str) -> str:
    """Minutes are whole but for a half minute now and then (127,5 per occasion)."""
    return _number(value, lang, 0 if abs(value - round(value)) < 1e-9 else 1)


def _minutes(value: float, lang: str) -> str:
    return f"{_minute_number(value, lang)} min"


def _kronor(value: float, lang: str) -> str:
    return f"{_number(value, lang)} kr" if lang == "sv" else f"SEK {_number(value, lang)}"


def _signed_kronor(value: float, lang: str) -> str:
    sign = "+" if value >= 0 else "−"
    amount = _number(abs(value), lang)
    return f"{sign}{amount} kr" if lang == "sv" else f"{sign}SEK {amount}"


def _text(value: str, lang: str) -> str:
    return f"”{value}”" if lang == "sv" else f"“{value}”"


def _yes(value: bool, lang: str) -> str:
    return ("ja" if value else "nej") if lang == "sv" else ("yes" if value else "no")


def _field(name: tuple[str, str], before: object, after: object) -> ChangedField:
    def say(value: object, lang: str) -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return _yes(value, lang)
        if isinstance(value, Category):
            sv, en = _CATEGORIES[value]
            return sv if lang == "sv" else en
        if isinstance(value, float | int):
            return _minute_number(float(value), lang)
        return _text(str(value), lang)

    return ChangedField(name[0], name[1], say(before, "sv"), say(after, "sv"), say(before, "en"),
                 say(after, "en"))


# --------------------------------------------------------------------------- elements


def _case_fields(before: Case, after: Case) -> list[Change]:
    fields = [
        _field(("namn", "name"), before.name, after.name) if before.name != after.name else None,
        ChangedField("ny beskrivning", "new description", "", "", "", "")
        if before.description != after.description else None,
        _field(("timmar per månad", "hours per month"), before.hours_per_month,
               after.hours_per_month) if before.hours_per_month != after.hours_per_month else None,
        _field(("ärenden per år", "cases per year"), before.cases_per_year,
               after.cases_per_year) if before.cases_per_year != after.cases_per_year else None,
        _field(("overhead", "overheads"), before.conventions.overhead_share,
               after.conventions.overhead_share)
        if before.conventions.overhead_share != after.conventions.overhead_share else None,
        _field(("produktiv andel", "productive share"), before.conventions.productive_share,
               after.conventions.productive_share)
        if before.conventions.productive_share != after.conventions.productive_share else None,
        _field(("valuta", "currency"), before.currency, after.currency)
        if before.currency != after.currency else None,
    ]
    present = tuple(f for f in fields if f is not None)
    if not present:
        return []
    return [Change(ChangeKind.CASE, ("case", ""), "Typfallet", "The case", present)]


def _organisation_changes(before: Case, after: Case) -> list[Change]:
    old = {o.id: o for o in before.organisations}
    new = {o.id: o for o in after.organisations}
    changes: list[Change] = []
    for org in after.organisations:
        if org.id not in old:
            changes.append(Change(ChangeKind.ORGANISATION_ADDED, ("organisation", org.id),
                                  f"Organisationen {org.name}", f"Organisation {org.name}"))
            continue
        was = old[org.id]
        fields = []
        if was.name != org.name:
            fields.append(_field(("namn", "name"), was.name, org.name))
        if was.group != org.group:
            g_before, g_after = _GROUPS.get(was.group), _GROUPS.get(org.group)
            fields.append(ChangedField("grupp", "group", g_before[0] if g_before else was.group,
                                g_after[0] if g_after else org.group,
                                g_before[1] if g_before else was.group,
                                g_after[1] if g_after else org.group))
        if fields:
            changes.append(Change(ChangeKind.ORGANISATION_CHANGED, ("organisation", org.id),
                                  was.name, was.name, tuple(fields)))
    for org in before.organisations:
        if org.id not in new:
            changes.append(Change(ChangeKind.ORGANISATION_REMOVED, ("organisation", org.id),
                                  f"Organisationen {org.name}", f"Organisation {org.name}"))
    return changes


def _role_changes(before: Case, after: Case) -> list[Change]:
    old = {r.id: r for r in before.roles}
    new = {r.id: r for r in after.roles}
    changes: list[Change] = []
    for role in after.roles:
        if role.id not in old:
            changes.append(Change(ChangeKind.ROLE_ADDED, ("role", role.id),
                                  f"Yrkesgruppen {role.name}", f"Role {role.name}"))
            continue
        was = old[role.id]
        fields = []
        if was.name != role.name:
            fields.append(_field(("namn", "name"), was.name, role.name))
        if was.monthly_cost != role.monthly_cost:
            fields.append(ChangedField(
                "månadskostnad", "monthly cost",
                _number(was.monthly_cost, "sv"), _kronor(role.monthly_cost, "sv"),
                _number(was.monthly_cost, "en"), _kronor(role.monthly_cost, "en")))
        if fields:
            changes.append(Change(ChangeKind.ROLE_CHANGED, ("role", role.id), was.name,
                                  was.name, tuple(fields)))
    for role in before.roles:
        if role.id not in new:
            changes.append(Change(ChangeKind.ROLE_REMOVED, ("role", role.id),
                                  f"Yrkesgruppen {role.name}", f"Role {role.name}"))
    return changes


def _step_changes(before: Case, after: Case) -> list[Change]:
    old = {s.id: (i, s) for i, s in enumerate(before.steps)}
    new = {s.id for s in after.steps}
    kept_before = [s.id for s in before.steps if s.id in new]
    kept_after = [s.id for s in after.steps if s.id in old]
    changes: list[Change] = []
    for position, step in enumerate(after.steps, start=1):
        if step.id not in old:
            changes.append(Change(ChangeKind.STEP_ADDED, ("step", step.id),
                                  f"Steget {step.name}", f"Step {step.name}"))
            continue
        was = old[step.id][1]
        fields = []
        if was.name != step.name:
            fields.append(_field(("namn", "name"), was.name, step.name))
        if was.weeks != step.weeks:
            fields.append(_field(("veckor", "weeks"), was.weeks, step.weeks))
        if kept_before.index(step.id) != kept_after.index(step.id):
            fields.append(_field(("plats", "position"), old[step.id][0] + 1, position))
        if fields:
            changes.append(Change(ChangeKind.STEP_CHANGED, ("step", step.id),
                                  f"Steget {was.name}", f"Step {was.name}", tuple(fields)))
    for step in before.steps:
        if step.id not in new:
            changes.append(Change(ChangeKind.STEP_REMOVED, ("step", step.id),
                                  f"Steget {step.name}", f"Step {step.name}"))
    return changes


def _task_places(case: Case) -> dict[str, tuple[Step, Task]]:
    return {t.id: (s, t) for s in case.steps for t in s.tasks}


def _task_subject(case: Case, step: Step, task: Task) -> str:
    return f"{task.name} ({case.organisation(task.org).name}, {step.name})"


def _participant_figures(case: Case, task: Task, p: Participant) -> tuple[float, float]:
    minutes = participant_minutes(p, case.hours_per_month, task.occasions)
    return minutes, minutes * minute_cost(case.role(p.role), case)


def _keyed(task: Task) -> dict[tuple[str, int], Participant]:
    """A task's participants keyed by role and their order among that role's rows."""
    seen: dict[str, int] = defaultdict(int)
    keyed = {}
    for p in task.participants:
        keyed[(p.role, seen[p.role])] = p
        seen[p.role] += 1
    return keyed


def _participant_fields(was: Participant, now: Participant) -> list[ChangedField]:
    fields = []
    if was.people != now.people:
        fields.append(_field(("personer", "people"), was.people, now.people))
    if (was.minutes_low, was.minutes_high) != (now.minutes_low, now.minutes_high):
        fields.append(ChangedField(
            "låg–hög", "low–high", _range(was, "sv"), _range(now, "sv"), _range(was, "en"),
            _range(now, "en")))
    if (was.fte, was.weeks) != (now.fte, now.weeks):
        fields.append(ChangedField("andel av heltid", "share of full time", _fte(was, "sv"),
                            _fte(now, "sv"), _fte(was, "en"), _fte(now, "en")))
    return fields


def _range(p: Participant, lang: str) -> str:
    if p.minutes_low is None:
        return "–"
    return f"{_number(p.minutes_low, lang)}–{_number(p.minutes_high or 0.0, lang)} min"


def _fte(p: Participant, lang: str) -> str:
    if p.fte is None:
        return "–"
    weeks = "veckor" if lang == "sv" else "weeks"
    return f"{_number(p.fte * 100, lang)} % × {_number(p.weeks or 0.0, lang)} {weeks}"


def _participant_changes(
    before: Case, after: Case, step: Step, was: Task, now: Task
) -> list[Change]:
    changes: list[Change] = []
    old, new = _keyed(was), _keyed(now)
    task_sv = f"{now.name} ({after.organisation(now.org).name}, {step.name})"

    def subject(case: Case, role_id: str, lang: str) -> str:
        word = "i" if lang == "sv" else "in"
        return f"{case.role(role_id).name} {word} {task_sv}"

    for key, p in new.items():
        minutes, cost = _participant_figures(after, now, p)
        if key not in old:
            changes.append(Change(ChangeKind.PARTICIPANT_ADDED, ("task", now.id),
                                  subject(after, p.role, "sv"), subject(after, p.role, "en"),
                                  minutes_after=minutes, cost_after=cost))
            continue
        q = old[key]
        minutes_was, cost_was = _participant_figures(before, was, q)
        fields = _participant_fields(q, p)
        # Listed only when the row itself changed: a new monthly cost, hours per month or
        # number of occasions is said once, on the role, the case or the task.
        if q != p:
            changes.append(Change(
                ChangeKind.PARTICIPANT_CHANGED, ("task", now.id), subject(after, p.role, "sv"),
                subject(after, p.role, "en"), tuple(fields), minutes_was, minutes, cost_was,
                cost))
    for key, q in old.items():
        if key not in new:
            minutes_was, cost_was = _participant_figures(before, was, q)
            changes.append(Change(ChangeKind.PARTICIPANT_REMOVED, ("task", now.id),
                                  subject(before, q.role, "sv"), subject(before, q.role, "en"),
                                  minutes_before=minutes_was, cost_before=cost_was))
    return changes


def _task_fields(before: Case, after: Case, old: tuple[Step, Task], new: tuple[Step, Task]
                 ) -> list[ChangedField]:
    (step_was, was), (step_now, now) = old, new
    fields = []
    if was.name != now.name:
        fields.append(_field(("namn", "name"), was.name, now.name))
    if was.org != now.org:
        fields.append(_field(("organisation", "organisation"), before.organisation(was.org).name,
                             after.organisation(now.org).name))
    if step_was.id != step_now.id:
        fields.append(_field(("steg", "step"), step_was.name, step_now.name))
    if was.category != now.category:
        fields.append(_field(("kategori", "category"), was.category, now.category))
    if was.child_present != now.child_present:
        fields.append(_field(("barnet närvarande", "child present"), was.child_present,
                             now.child_present))
    if was.exchange != now.exchange:
        fields.append(_field(("samverkanstillfälle", "exchange occasion"),
                             before.exchange_name(was.exchange) if was.exchange else None,
                             after.exchange_name(now.exchange) if now.exchange else None))
    if was.occasions != now.occasions:
        fields.append(_field(("antal tillfällen", "occasions"), was.occasions, now.occasions))
    if was.note != now.note:
        fields.append(ChangedField("ny anteckning", "new note", "", "", "", ""))
    return fields


def _task_changes(before: Case, after: Case, result_before: CaseResult,
                  result_after: CaseResult) -> list[Change]:
    old, new = _task_places(before), _task_places(after)
    # CaseResult.task looks a task up by walking them all; a dict keeps this linear.
    figures_before = {t.task_id: t.figures for t in result_before.tasks}
    figures_after = {t.task_id: t.figures for t in result_after.tasks}
    changes: list[Change] = []
    for step in after.steps:
        for task in step.tasks:
            figures = figures_after[task.id]
            subject = _task_subject(after, step, task)
            if task.id not in old:
                changes.append(Change(ChangeKind.TASK_ADDED, ("task", task.id),
                                      f"Uppgiften {subject}", f"Task {subject}",
                                      minutes_after=figures.minutes, cost_after=figures.cost))
                continue
            was_step, was = old[task.id]
            if was == task and was_step.id == step.id:
                continue
            figures_was = figures_before[task.id]
            fields = _task_fields(before, after, old[task.id], (step, task))
            subject_was = _task_subject(before, was_step, was)
            if fields:
                changes.append(Change(ChangeKind.TASK_CHANGED, ("task", task.id),
                                      f"Uppgiften {subject_was}", f"Task {subject_was}",
                                      tuple(fields), figures_was.minutes, figures.minutes,
                                      figures_was.cost, figures.cost))
            changes.extend(_participant_changes(before, after, step, was, task))
    for step in before.steps:
        for task in step.tasks:
            if task.id not in new:
                figures = figures_before[task.id]
                subject = _task_subject(before, step, task)
                changes.append(Change(ChangeKind.TASK_REMOVED, ("task", task.id),
                                      f"Uppgiften {subject}", f"Task {subject}",
                                      minutes_before=figures.minutes, cost_before=figures.cost))
    return changes


def _organisation_totals(before: Case, after: Case, result_before: CaseResult,
                         result_after: CaseResult) -> list[Change]:
    changes: list[Change] = []
    names = {o.id: o.name for o in before.organisations} | {
        o.id: o.name for o in after.organisations}
    order = list(dict.fromkeys([*(o.id for o in after.organisations),
                                *(o.id for o in before.organisations)]))
    for org in order:
        was = result_before.organisations[org].figures if org in result_before.organisations \
            else Figures()
        now = result_after.organisations[org].figures if org in result_after.organisations \
            else Figures()
        if was.minutes == now.minutes and abs(was.cost - now.cost) < 0.005:
            continue
        changes.append(Change(ChangeKind.ORGANISATION_TOTAL, ("organisation", org), names[org],
                              names[org], (), was.minutes, now.minutes, was.cost, now.cost))
    return changes


def _exchange_changes(before: Case, after: Case) -> list[Change]:
    # Occasions come and go with their tasks (said there); a renamed one is said here.
    old = {e.id: e.name for e in before.named_exchanges}
    return [Change(ChangeKind.EXCHANGE_CHANGED, ("exchange", e.id),
                   f"Informationsutbytet {old[e.id]}", f"Exchange occasion {old[e.id]}",
                   (_field(("namn", "name"), old[e.id], e.name),))
            for e in after.named_exchanges if e.id in old and old[e.id] != e.name]


def _said(sv: str, en: str) -> ChangedField:
    # A change said in words alone, as a long text's is: no before → after.
    return ChangedField(sv, en, "", "", "", "")


def _lines_changed(before: tuple[_Line, ...], after: tuple[_Line, ...],
                   name: Callable[[_Line], tuple[str, str]]) -> list[ChangedField]:
    """Lines added, removed or changed, matched as wholes: a line kept as it was is not said;
    one that went and came back under the same name was changed."""
    gone = [line for line in before if line not in after]
    new = [line for line in after if line not in before]
    fields: list[ChangedField] = []
    for line in new:
        sv, en = name(line)
        match = next((g for g in gone if name(g) == (sv, en)), None)
        if match is not None:
            gone.remove(match)
            fields.append(_said(f"{sv} ändrad", f"{en} changed"))
        else:
            fields.append(_said(f"{sv} tillagd", f"{en} added"))
    fields.extend(_said(f"{sv} borttagen", f"{en} removed")
                  for sv, en in (name(line) for line in gone))
    return fields


def _economics_changes(before: Case, after: Case) -> list[Change]:
    """The investment case's section: its outcome condition and each line, in words."""
    was, now = before.economics, after.economics
    if was == now:
        return []
    orgs = {o.id: o.name for o in (*before.organisations, *after.organisations)}
    if was is None or now is None:
        fields = [_said("påbörjad", "started") if was is None else _said("borttagen", "removed")]
    else:
        fields = _economics_fields(was, now, orgs)
    return [Change(ChangeKind.ECONOMICS_CHANGED, ("economics", ""), "Investeringskalkylen",
                   "The investment case", tuple(fields))]


def _economics_fields(was: Economics, now: Economics,
                      orgs: dict[str, str]) -> list[ChangedField]:
    fields: list[ChangedField] = []
    if was.outcome.assumption != now.outcome.assumption:
        fields.append(_said("nytt utfallsvillkor", "new outcome condition"))
    if was.outcome.source != now.outcome.source:
        fields.append(_said("ny källa till utfallsvillkoret",
                            "new source of the outcome condition"))

    def investment(item: Investment) -> tuple[str, str]:
        return (f"investeringen {_text(item.name, 'sv')}",
                f"investment {_text(item.name, 'en')}")

    def avoided(item: AvoidedIntervention) -> tuple[str, str]:
        org = orgs.get(item.org, item.org)
        return f"en undviken insats för {org}", f"an avoided intervention for {org}"

    fields.extend(_lines_changed(was.investments, now.investments, investment))
    fields.extend(_lines_changed(was.avoided, now.avoided, avoided))
    return fields


def case_changes(before: Case, after: Case) -> tuple[Change, ...]:
    """Every change from `before` to `after`, element by element, then each organisation's
    minutes and kronor before → after (only those that moved)."""
    result_before, result_after = compute(before), compute(after)
    return tuple([
        *_case_fields(before, after),
        *_organisation_changes(before, after),
        *_role_changes(before, after),
        *_step_changes(before, after),
        *_task_changes(before, after, result_before, result_after),
        *_exchange_changes(before, after),
        *_economics_changes(before, after),
        *_organisation_totals(before, after, result_before, result_after),
    ])
