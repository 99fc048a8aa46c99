"""The form for one task and its participants, turned into case-file data for checking.

The form only collects what the user typed; `samverkan.formats.case_file.case_from_data`
decides whether it makes a valid case, and its problems are shown with their places.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.model import Category
from samverkan.reports.labels import category_label
from samverkan.web.identity_fields import IdentityNumberFieldsMixin, no_identity_number


def _category_choices(lang: str) -> list[tuple[str, str]]:
    return [(c.value, category_label(c, lang)) for c in Category]


class TaskForm(IdentityNumberFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Task"), max_length=300, validators=[no_identity_number])
    org = forms.ChoiceField(label=_("Organisation"))
    category = forms.ChoiceField(label=_("Category"))
    child_present = forms.BooleanField(label=_("The child takes part"), required=False)
    exchange = forms.CharField(
        label=_("Exchange occasion"), required=False, max_length=100,
        validators=[no_identity_number],
        help_text=_("The same name in every organisation taking part; empty if none"),
    )
    occasions = forms.IntegerField(label=_("Number of occasions"), min_value=1, initial=1)
    version = forms.IntegerField(widget=forms.HiddenInput)
    delete = forms.BooleanField(label=_("Remove this task"), required=False)

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], lang: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = organisations  # type: ignore[attr-defined]
        self.fields["category"].choices = _category_choices(lang)  # type: ignore[attr-defined]


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), required=False)
    minutes = forms.FloatField(label=_("Minutes per person"), required=False)
    people = forms.FloatField(label=_("People"), required=False)
    fte = forms.FloatField(label=_("Share of full time"), required=False)
    weeks = forms.FloatField(label=_("Weeks at that share"), required=False)

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "–")] + roles  # type: ignore[attr-defined]


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=2)


def participant_initial(data: dict[str, Any]) -> dict[str, Any]:
    minutes = data.get("minutes")
    if isinstance(minutes, dict):  # a three-point estimate: the form edits the likely value
        minutes = minutes.get("likely")
    return {"role": data["role"], "minutes": minutes, "people": data.get("people", 1),
            "fte": data.get("fte"), "weeks": data.get("weeks")}


def participants_data(formset: Any, before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The participant rows as case-file data; rows without a role are left out."""
    rows: list[dict[str, Any]] = []
    for index, form in enumerate(formset.forms):
        values = form.cleaned_data
        if not values or not values.get("role"):
            continue
        row: dict[str, Any] = {"role": values["role"]}
        if values.get("fte") is not None:
            row["fte"] = values["fte"]
            row["weeks"] = values.get("weeks")
        else:
            minutes = values.get("minutes")
            old = before[index].get("minutes") if index < len(before) else None
            if isinstance(old, dict) and minutes is not None:
                # Keep the estimate's range; the file format checks low ≤ likely ≤ high.
                row["minutes"] = {**old, "likely": minutes}
            else:
                row["minutes"] = minutes
        if values.get("people") not in (None, 1):
            row["people"] = values["people"]
        rows.append(row)
    return rows
