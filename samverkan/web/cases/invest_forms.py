"""The investment case's form: a baseline, the alternatives, and the horizon, discount rate and
cases per year, read as the command line reads them (`samverkan.formats.investment_options`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.errors import SamverkanError
from samverkan.formats.investment_options import parse_discount_rate, parse_years
from samverkan.model import DEFAULT_DISCOUNT_RATE, DEFAULT_YEARS
from samverkan.web.cases.forms import CasesPerYearField
from samverkan.web.choice_fields import ListChoiceField
from samverkan.web.language import page_language

__all__ = ["InvestForm", "MAX_ALTERNATIVES"]

# Each alternative adds a comparison and its draws to the page's work; five ways of working
# side by side is more than a decision in a municipality weighs at once.
MAX_ALTERNATIVES = 5


def _refusal(error: SamverkanError) -> forms.ValidationError:
    problem = error.problems[0]
    return forms.ValidationError(problem.en if page_language() == "en" else problem.sv)


class AlternativesField(forms.MultipleChoiceField):
    """Check boxes whose refusal never repeats a posted value (see `ListChoiceField`)."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {  # noqa: RUF012 (Django's own pattern for a field's messages)
        "invalid_choice": _("Choose one of the alternatives in the list."),
        "required": _("Choose at least one alternative way of working."),
    }


class InvestForm(forms.Form):
    baseline = ListChoiceField(label=_("Baseline (the current way of working)"))
    alternatives = AlternativesField(
        label=_("Alternatives (ways of working with an investment case)"),
        help_text=_("Only cases whose file states an economics section with the assumption "
                    "about the outcome for the child can be chosen."))
    years = forms.CharField(label=_("Years"), initial=str(DEFAULT_YEARS), max_length=10,
                            required=False,
                            help_text=_("The horizon: a whole number from 1 to 50."),
                            widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                          "class": "input-short"}))
    discount = forms.CharField(
        label=_("Discount rate"), initial="3,5 %", max_length=20, required=False,
        help_text=_("Real, per year: a percentage (3.5%) or a share (0.035)."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-short"}))
    prices = ListChoiceField(
        label=_("Price list"), required=False,
        help_text=_("Prices of later interventions: the illustrative list shipped with "
                    "Samverkan, or one of your organisations' own."))
    per_year = CasesPerYearField(
        label=_("Cases per year"), required=False,
        help_text=_("Cases handled the new way every year. Empty: the baseline case's own "
                    "number."))

    def __init__(self, *args: object, choices: list[tuple[str, str]],
                 alternative_choices: list[tuple[str, str]],
                 price_choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["prices"].choices = [  # type: ignore[attr-defined]
            ("", _("The illustrative price list (not a source)")), *price_choices]
        self.fields["baseline"].choices = choices  # type: ignore[attr-defined]
        self.fields["alternatives"].choices = alternative_choices  # type: ignore[attr-defined]

    # Empty (or left out of a link) is the default, as on the command line.
    def clean_years(self) -> int:
        if not self.cleaned_data["years"].strip():
            return DEFAULT_YEARS
        try:
            return parse_years(self.cleaned_data["years"])
        except SamverkanError as error:
            raise _refusal(error) from None

    def clean_discount(self) -> float:
        if not self.cleaned_data["discount"].strip():
            return DEFAULT_DISCOUNT_RATE
        try:
            return parse_discount_rate(self.cleaned_data["discount"])
        except SamverkanError as error:
            raise _refusal(error) from None

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        chosen = data.get("alternatives") or []
        if isinstance(chosen, list) and data.get("baseline") in chosen:
            self.add_error("alternatives", _("The baseline cannot also be an alternative."))
        elif isinstance(chosen, list) and len(chosen) > MAX_ALTERNATIVES:
            self.add_error("alternatives", _("Choose at most %(n)d alternatives.")
                           % {"n": MAX_ALTERNATIVES})
        return data
