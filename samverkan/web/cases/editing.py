"""Saving one form's edit of a case: the one parse → apply → catch block every page uses.

`try_edit` applies an edit through `actions.apply_edit` and turns what can go wrong into what
the page shows: problems in the user's words, or a conflict with both versions of the element
side by side. Elements are described by their names, never their ids.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.errors import CaseEditError, CaseFileError, SamverkanError
from samverkan.model import Case, Economics, Organisation, Participant, Role, Step, Task
from samverkan.model.edit import ElementRef, element_value, fingerprint
from samverkan.reports.labels import category_label, kronor, number
from samverkan.web.accounts.access import User
from samverkan.web.cases import actions
from samverkan.web.cases.element_forms import group_choices
from samverkan.web.cases.models import CaseRecord
from samverkan.web.language import page_language

lang = page_language


def problems_of(error: SamverkanError) -> list[dict[str, str]]:
    here = lang()
    return [{"place": p.place.describe(here), "text": p.sv if here == "sv" else p.en}
            for p in error.problems]


@dataclass
class Outcome:
    """What became of a save: the stored record, or the problems or conflict to show."""

    record: CaseRecord | None = None
    problems: list[dict[str, str]] = field(default_factory=list)
    conflict: dict[str, Any] | None = None

    @property
    def status(self) -> int:
        return 409 if self.conflict else 200


def try_edit(*, record: CaseRecord, user: User, bases: Mapping[ElementRef, str],
             edit: Callable[[Case], Case], summary: str = "") -> Outcome:
    try:
        saved = actions.apply_edit(record=record, user=user, bases=bases, edit=edit,
                                   summary=summary)
    except actions.ElementConflict as conflict:
        return Outcome(conflict=conflict_view(conflict, edit))
    except (CaseEditError, CaseFileError) as error:
        return Outcome(problems=problems_of(error))
    return Outcome(record=saved)


def conflict_view(conflict: actions.ElementConflict,
                  edit: Callable[[Case], Case]) -> dict[str, Any]:
    """Both versions of the element in the user's words: as saved by the colleague, and as
    this user's save would make it."""
    current = conflict.current
    try:
        yours_case: Case | None = edit(current)
    except SamverkanError:
        yours_case = None
    yours = element_value(yours_case, conflict.ref) if yours_case is not None else None
    change = conflict.last_change
    theirs = describe(current, conflict.value)
    mine = describe(yours_case, yours) if yours_case is not None else []
    return {
        # Each line says whether the other side reads differently, so the eye finds it.
        "theirs": [{"text": line, "differs": line not in mine} for line in theirs],
        "yours": [{"text": line, "differs": line not in theirs} for line in mine],
        "who": change.username if change and change.username else "?",
        "when": change.at if change else None,
        "number": change.number if change else conflict.record.version,
        "gone": conflict.value is None,
        # Saving the form again, having seen both versions, replaces the one saved now.
        "base": fingerprint(current, conflict.ref),
    }


def weeks_text(weeks: float) -> str:
    shown = number(weeks, lang(), 0 if float(weeks).is_integer() else 1)
    return ngettext("%(n)s week", "%(n)s weeks", int(weeks) if float(weeks).is_integer()
                    else 2) % {"n": shown}


def group_name(group: str) -> str:
    return str(dict(group_choices()).get(group, group))


def participant_text(case: Case, p: Participant) -> str:
    role = next((r.name for r in case.roles if r.id == p.role), p.role)
    here = lang()
    if p.fte is not None:
        return _("%(role)s: %(share)s of full time for %(weeks)s") % {
            "role": role, "share": f"{number(p.fte * 100, here, 0)} %",
            "weeks": weeks_text(p.weeks or 0)}
    text = _("%(role)s: %(minutes)s min") % {"role": role,
                                              "minutes": number(p.minutes or 0, here)}
    if p.minutes_low is not None and p.minutes_high is not None:
        text += f" ({number(p.minutes_low, here)}–{number(p.minutes_high, here)})"
    if p.people != 1:
        text += " × " + ngettext("%(n)s person", "%(n)s people", int(p.people) or 2) % {
            "n": number(p.people, here, 0 if float(p.people).is_integer() else 1)}
    return text


def describe(case: Case | None, value: object | None) -> list[str]:
    """An element as lines of text a user reads: names, never ids."""
    if case is None or value is None:
        return [_("(removed)")]
    here = lang()
    if isinstance(value, Case):
        lines = [_("Name: %(v)s") % {"v": value.name},
                 _("Working hours per month: %(v)s") % {"v": number(value.hours_per_month,
                                                                    here)}]
        if value.cases_per_year:
            lines.append(_("Cases per year: %(v)s") % {"v": number(value.cases_per_year, here)})
        if value.description:
            lines.append(_("Description: %(v)s") % {"v": value.description})
        return lines
    if isinstance(value, Organisation):
        return [value.name, _("Group: %(v)s") % {"v": group_name(value.group)}]
    if isinstance(value, Role):
        return [value.name, _("Monthly cost: %(v)s") % {"v": kronor(value.monthly_cost, here)}]
    if isinstance(value, Step):
        return [value.name, weeks_text(value.weeks)]
    if isinstance(value, Task):
        step = next((s.name for s in case.steps if any(t.id == value.id for t in s.tasks)), "")
        org = next((o.name for o in case.organisations if o.id == value.org), value.org)
        lines = [value.name, _("Step: %(v)s") % {"v": step},
                 _("Organisation: %(v)s") % {"v": org},
                 _("Category: %(v)s") % {"v": category_label(value.category, here)}]
        if value.exchange:
            lines.append(_("Exchange occasion: %(v)s") % {
                "v": case.exchange_name(value.exchange)})
        if value.occasions != 1:
            lines.append(_("Occasions: %(v)s") % {"v": value.occasions})
        lines.extend(participant_text(case, p) for p in value.participants)
        return lines
    if isinstance(value, Economics):
        orgs = {o.id: o.name for o in case.organisations}
        lines = [_("Outcome condition: %(v)s") % {"v": value.outcome.assumption}]
        if value.outcome.source:
            lines.append(_("Source: %(v)s") % {"v": value.outcome.source})
        lines.extend(_("Investment: %(name)s (%(org)s), years %(a)s–%(b)s") % {
            "name": i.name, "org": orgs.get(i.org, i.org), "a": i.from_year, "b": i.to_year}
            for i in value.investments)
        # Named by who would have paid, as in the history: the price list's names are not here.
        lines.extend(_("Avoided intervention for %(org)s, %(units)s units a year") % {
            "org": orgs.get(a.org, a.org),
            "units": number(a.units, lang(), 0 if float(a.units).is_integer() else 1)}
            for a in value.avoided)
        return lines
    return [str(value)]
