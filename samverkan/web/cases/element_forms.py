"""Forms for the parts of a case: its own fields, an organisation, a role, a step.

Each carries `base`, the fingerprint of the element when the form was shown, so that a save
is refused only when someone changed this very element since. Messages are the user's words;
the length limits keep names within what the database stores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.model.vocabulary import GROUP_LABELS
from samverkan.web.choice_fields import ListChoiceField
from samverkan.web.identity_fields import IdentityNumberFieldsMixin, no_identity_number
from samverkan.web.language import page_language
from samverkan.web.text_checks import no_control_characters

NAME_LENGTH = 200
TOO_LONG = _("The text can be at most %(limit_value)d characters long; it has %(show_value)d.")

if TYPE_CHECKING:  # the types of Django, a development dependency
    from django_stubs_ext import StrOrPromise


def _number_messages(negative: StrOrPromise) -> dict[str, Any]:
    return {"invalid": _("Write a number, for example 12 or 12.5."), "min_value": negative}


class BaseForm(IdentityNumberFieldsMixin, forms.Form):
    """A form about one element: `base` is that element's fingerprint when it was shown.

    Every text the user writes is stored in the case, so every text field refuses a personal
    identity number (and is shown again without it) and control characters.
    """

    # No length limit of its own: a forged, over-long value is cut and then simply matches no
    # element, which the page answers as a change by someone else, with no internal name.
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_base(self) -> str:
        return str(self.cleaned_data.get("base") or "")[:64]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base"].validators = []  # not even Django's NUL check names it
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or name == "base":
                continue
            # The product's own words with the count, rather than Django's "Ensure this value".
            field.error_messages.setdefault("max_length", TOO_LONG)
            for validator in (no_identity_number, no_control_characters):
                if validator not in field.validators:
                    field.validators.append(validator)


class CaseFieldsForm(BaseForm):
    name = forms.CharField(label=_("Name of the case"), max_length=300,
                           error_messages={"required": _("Write a name for the case.")})
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
        help_text=_("The story of the case, and where the times come from."))
    hours_per_month = forms.FloatField(
        label=_("Working hours per month"), min_value=1, max_value=744,
        help_text=_("The divisor from monthly cost to cost per hour; usually 165."),
        error_messages={**_number_messages(_("Hours per month must be at least 1.")),
                        "max_value": _("A month has at most 744 hours.")})
    cases_per_year = forms.FloatField(
        label=_("Cases per year (optional)"), required=False, min_value=0, max_value=1_000_000,
        error_messages=_number_messages(_("Cases per year cannot be negative.")))
    overhead_percent = forms.FloatField(
        label=_("Overheads on top of salary cost (%)"), min_value=0, max_value=1000,
        initial=0, help_text=_("0 follows the published method."),
        error_messages=_number_messages(_("Overheads cannot be negative.")))
    productive_percent = forms.FloatField(
        label=_("Share of paid hours that is productive (%)"), min_value=1, max_value=100,
        initial=100, help_text=_("100 follows the published method."),
        error_messages={**_number_messages(_("The productive share must be at least 1 %.")),
                        "max_value": _("The productive share can be at most 100 %.")})


def group_choices() -> list[tuple[str, Any]]:
    lang = page_language()
    return [(group, words.said(lang)) for group, words in GROUP_LABELS.items()]


class OrganisationForm(BaseForm):
    name = forms.CharField(label=_("Name of the organisation"), max_length=NAME_LENGTH,
                           error_messages={"required": _("Write the organisation's name.")})
    group = ListChoiceField(
        label=_("Group"), choices=group_choices,
        help_text=_("Organisations of the same group are averaged: two schools are two "
                    "examples of \"the school\"."))


class RoleForm(BaseForm):
    name = forms.CharField(label=_("Name of the role"), max_length=NAME_LENGTH,
                           error_messages={"required": _("Write the role's name.")})
    monthly_cost = forms.FloatField(
        label=_("Monthly cost in kronor"), min_value=0, max_value=10_000_000,
        help_text=_("Salary including employer contributions (PO)."),
        error_messages=_number_messages(_("The monthly cost cannot be negative.")))


class ExchangeForm(BaseForm):
    name = forms.CharField(label=_("Name of the exchange occasion"), max_length=100,
                           help_text=_("The name shown in results, the timeline and reports."),
                           error_messages={"required": _("Write the occasion's name.")})


class StepElementForm(BaseForm):
    name = forms.CharField(label=_("Name of the step"), max_length=NAME_LENGTH,
                           error_messages={"required": _("Write the step's name.")})
    weeks = forms.FloatField(label=_("Weeks"), min_value=0, max_value=520,
                             error_messages=_number_messages(_("Weeks cannot be negative.")))


class ConfirmForm(BaseForm):
    """A confirmation: only the element's fingerprint, so that what was shown is what goes."""


def plain(value: float | None) -> float | int | None:
    """A number as people write it in a form: 90, not 90.0."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def posted_int(value: str | None) -> int | None:
    """An integer from a posted field, or None when it is not one (hostile or stale input)."""
    try:
        return int(value or "")
    except ValueError:
        return None
