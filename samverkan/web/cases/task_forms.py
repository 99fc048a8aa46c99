"""The form for one task and its participants, turned into a `Task` for `model.edit`.

The forms check what a form can (numbers, lengths, required fields) with messages next to
each field; `samverkan.model.edit` checks the rest (a role that exists, lowest ≤ likely ≤
highest) and says so in the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.model import Case, Category, Participant, Task
from samverkan.reports.labels import category_label
from samverkan.web.cases.element_forms import NAME_LENGTH, BaseForm, plain
from samverkan.web.choice_fields import ListChoiceField
from samverkan.web.identity_fields import no_identity_number


def _category_choices(lang: str) -> list[tuple[str, str]]:
    return [(c.value, category_label(c, lang)) for c in Category]


def _messages(negative: Any, too_large: Any = None) -> dict[str, Any]:
    messages = {"invalid": _("Write a number, for example 12 or 12.5."), "min_value": negative}
    if too_large is not None:  # with the unit, which Django's own message leaves out
        messages["max_value"] = too_large
    return messages


MINUTES_TOO_LARGE = _("Minutes can be at most 1 000 000.")


class TaskForm(BaseForm):
    name = forms.CharField(label=_("Task"), max_length=NAME_LENGTH,
                           error_messages={"required": _("Write what is done.")})
    step = ListChoiceField(label=_("Step"))
    org = ListChoiceField(label=_("Organisation"))
    category = ListChoiceField(label=_("Category"))
    child_present = forms.BooleanField(label=_("The child takes part"), required=False)
    exchange = forms.CharField(
        label=_("Exchange occasion"), required=False, max_length=100,
        validators=[no_identity_number],
        help_text=_("Pick an occasion of the case or write the name of a new one; the same "
                    "occasion in every organisation taking part. Empty if none."),
    )
    occasions = forms.IntegerField(
        label=_("Number of occasions"), min_value=1, max_value=10_000, initial=1,
        error_messages={"invalid": _("Write a whole number, for example 1 or 4."),
                        "min_value": _("A task happens at least once.")})

    def __init__(self, *args: Any, steps: list[tuple[str, str]],
                 organisations: list[tuple[str, str]], lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = steps  # type: ignore[attr-defined]
        self.fields["org"].choices = organisations  # type: ignore[attr-defined]
        self.fields["category"].choices = _category_choices(lang)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        values = super().clean() or {}
        if values.get("category") == Category.COLLABORATION and not (
                values.get("exchange") or "").strip():
            self.add_error("exchange", _("Name the exchange occasion of this collaboration "
                                         "task."))
        return values


class ParticipantForm(forms.Form):
    role = ListChoiceField(label=_("Role"), required=False)
    minutes = forms.FloatField(label=_("Minutes per person and occasion"), required=False,
                               min_value=0, max_value=1_000_000,
                               error_messages=_messages(_("Minutes cannot be negative."),
                                                        MINUTES_TOO_LARGE))
    people = forms.FloatField(label=_("People"), required=False, min_value=0.01,
                              max_value=10_000,
                              error_messages=_messages(_("People must be more than 0."),
                                                       _("People can be at most 10 000.")))
    minutes_low = forms.FloatField(label=_("Lowest minutes (optional)"), required=False,
                                   min_value=0, max_value=1_000_000,
                                   error_messages=_messages(_("Minutes cannot be negative."),
                                                            MINUTES_TOO_LARGE))
    minutes_high = forms.FloatField(label=_("Highest minutes (optional)"), required=False,
                                    min_value=0, max_value=1_000_000,
                                    error_messages=_messages(_("Minutes cannot be negative."),
                                                             MINUTES_TOO_LARGE))
    fte = forms.FloatField(label=_("Share of full time"), required=False, min_value=0.0001,
                           max_value=10,
                           error_messages=_messages(_("The share must be more than 0.")))
    weeks = forms.FloatField(label=_("Weeks at that share"), required=False, min_value=0,
                             max_value=520,
                             error_messages=_messages(_("Weeks cannot be negative."),
                                                      _("Weeks can be at most 520.")))

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "–")] + roles  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        values = super().clean() or {}
        if not values.get("role"):
            filled = [k for k in ("minutes", "fte", "weeks", "minutes_low", "minutes_high")
                      if values.get(k) is not None]
            if filled:
                self.add_error("role", _("Choose the role that does this."))
            return values
        if values.get("fte") is not None:
            if values.get("minutes") is not None:
                self.add_error("fte", _("Give either minutes or a share of full time, not "
                                        "both."))
            if values.get("weeks") is None and "weeks" not in self.errors:
                self.add_error("weeks", _("Give the number of weeks at that share."))
        elif values.get("minutes") is None and not {"minutes", "fte"} & set(self.errors):
            # A wrong value already has its message at the field; "give" would contradict it.
            self.add_error("minutes", _("Give the minutes, or a share of full time."))
        low, high = values.get("minutes_low"), values.get("minutes_high")
        if (low is None) != (high is None):
            self.add_error("minutes_high" if high is None else "minutes_low",
                           _("Give both the lowest and the highest minutes, or neither."))
        elif low is not None and values.get("minutes") is not None and not (
                low <= values["minutes"] <= high):
            self.add_error("minutes_low", _("The lowest minutes must be at most the minutes, "
                                            "and the highest at least."))
        return values


# Far more people than a task of a case has; a forged count of rows is refused, not read: each
# row read costs time, and Django's own cap (2 000) kept a worker busy for seconds.
MAX_PARTICIPANT_ROWS = 100


if TYPE_CHECKING:  # generic in Django's types only
    _FormSet = forms.BaseFormSet[forms.Form]
else:
    _FormSet = forms.BaseFormSet


class _ParticipantRows(_FormSet):
    default_error_messages = {  # noqa: RUF012 (Django's own pattern for a formset's messages)
        "too_many_forms": _("A task can have at most %(num)d participant rows."),
    }


ParticipantFormSet = forms.formset_factory(
    ParticipantForm, formset=_ParticipantRows, extra=2, max_num=MAX_PARTICIPANT_ROWS,
    absolute_max=MAX_PARTICIPANT_ROWS, validate_max=True)


def participant_initial(p: Participant) -> dict[str, Any]:
    return {"role": p.role, "minutes": plain(p.minutes), "people": plain(p.people),
            "fte": p.fte, "weeks": plain(p.weeks), "minutes_low": plain(p.minutes_low),
            "minutes_high": plain(p.minutes_high)}


def task_initial(case: Case, task: Task, step_id: str) -> dict[str, Any]:
    return {"name": task.name, "step": step_id, "org": task.org,
            "category": task.category.value, "child_present": task.child_present,
            "exchange": case.exchange_name(task.exchange) if task.exchange else "",
            "occasions": task.occasions}


def task_from_forms(form: TaskForm, formset: Any, *, task_id: str = "") -> Task:
    """The task the valid forms describe; rows without a role are left out.

    Its `exchange` is the occasion's name as the user wrote or picked it;
    `model.edit.task_with_named_exchange` turns it into the occasion's id.
    """
    values = form.cleaned_data
    participants: list[Participant] = []
    for row in formset.forms:
        data = row.cleaned_data
        if not data or not data.get("role"):
            continue
        fte = data.get("fte")
        participants.append(Participant(
            role=data["role"],
            minutes=None if fte is not None else data.get("minutes"),
            people=data.get("people") or 1.0,
            fte=fte, weeks=data.get("weeks") if fte is not None else None,
            minutes_low=data.get("minutes_low") if fte is None else None,
            minutes_high=data.get("minutes_high") if fte is None else None,
        ))
    return Task(id=task_id, org=values["org"], name=values["name"],
                category=Category(values["category"]), child_present=values["child_present"],
                exchange=values["exchange"].strip() or None, occasions=values["occasions"],
                participants=tuple(participants))
