"""Forms: server-side validation, every field labelled, the user's input kept on error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.formats.case_bounds import (
    MAX_CASES_PER_YEAR,
    CasesPerYearError,
    parse_cases_per_year,
)
from samverkan.formats.case_io import SUFFIXES
from samverkan.reports.side_by_side import MAX_ALTERNATIVES
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases.models import Access
from samverkan.web.choice_fields import ListChoiceField, ListMultipleChoiceField
from samverkan.web.identity_fields import (
    IdentityNumberFieldsMixin,
    file_name_without_identity_number,
    no_identity_number,
)
from samverkan.web.language import page_language
from samverkan.web.text_checks import no_control_characters

if TYPE_CHECKING:  # the types of Django, a development dependency
    from django_stubs_ext import StrOrPromise


class NewCaseForm(IdentityNumberFieldsMixin, forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), empty_label=None)
    name = forms.CharField(label=_("Name of the case"), max_length=300,
                           validators=[no_identity_number, no_control_characters],
                           help_text=_("For example: Sara 14 years, high school absence"))
    description = forms.CharField(
        label=_("Description (optional)"), required=False, max_length=5000,
        validators=[no_identity_number, no_control_characters],
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=_("The story of the case, and where the times come from."))

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ImportCaseForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), empty_label=None)
    file = forms.FileField(
        label=_("Case file"),
        help_text=_("YAML, JSON or the Excel mapping template (.xlsx)"),
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(
                _("Choose a file ending in .yaml, .yml, .json or .xlsx.")
            )
        return file_name_without_identity_number(upload)


class CaseTextForm(IdentityNumberFieldsMixin, forms.Form):
    text = forms.CharField(
        label=_("The case as YAML"),
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false"}),
        validators=[no_identity_number, no_control_characters],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DuplicateForm(IdentityNumberFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=300,
                           validators=[no_identity_number, no_control_characters])
    organisation = ListChoiceField(label=_("Organisation that receives the copy"))


class ShareForm(IdentityNumberFieldsMixin, forms.Form):
    # Typed with suggestions from the page's <datalist> of organisations (`sharing.html`).
    organisation = forms.CharField(label=_("Name of the organisation"), max_length=200,
                                   validators=[no_identity_number, no_control_characters],
                                   help_text=_("Start typing and choose from the list"),
                                   widget=forms.TextInput(attrs={
                                       "list": "organisation-names", "autocomplete": "off"}))
    access = ListChoiceField(label=_("Access"), choices=Access.choices)


class CasesPerYearField(forms.Field):
    """Cases per year read by `parse_cases_per_year`, as the command line reads them: empty or
    0 gives no annual figures; infinity, NaN, negative and absurd numbers are refused."""

    widget = forms.NumberInput(attrs={"min": "0", "max": str(MAX_CASES_PER_YEAR),
                                      "step": "any"})

    def to_python(self, value: object) -> float:
        try:
            return parse_cases_per_year(value if isinstance(value, str | int | float) else None)
        except CasesPerYearError as error:
            problem = error.problems[0]
            raise forms.ValidationError(problem.en if page_language() == "en" else problem.sv
                                        ) from None

    def prepare_value(self, value: object) -> object:
        # 40.0 from a case file shows as 40.
        return int(value) if isinstance(value, float) and value.is_integer() else value


def _per_year_field(help_text: StrOrPromise) -> CasesPerYearField:
    return CasesPerYearField(label=_("Cases per year (optional)"), required=False,
                             help_text=help_text)


class PerYearForm(forms.Form):
    per_year = _per_year_field(
        _("Gives time, cost and full-time equivalents per year: the groups, the total and each "
          "school on its own. 0 or empty: none."))


class CompareForm(forms.Form):
    baseline = ListChoiceField(label=_("Baseline (the usual way of working)"))
    alternative = ListMultipleChoiceField(
        label=_("Alternatives (other ways of working)"),
        help_text=_("Choose one or more. Each is compared with the baseline in a column of its "
                    "own."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one alternative.")},
    )
    per_year = _per_year_field(
        _("Gives the change per year for each organisation: who pays and who gains."))

    def clean_alternative(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["alternative"]
        if len(chosen) > MAX_ALTERNATIVES:
            raise forms.ValidationError(
                _("Choose at most %(count)d alternatives."), params={"count": MAX_ALTERNATIVES})
        return chosen

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["baseline"].choices = choices  # type: ignore[attr-defined]
        self.fields["alternative"].choices = choices  # type: ignore[attr-defined]


class SalaryTableForm(IdentityNumberFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name of the salary table"), max_length=200,
                           validators=[no_identity_number, no_control_characters])
    text = forms.CharField(
        label=_("Roles, one per line: id; name; monthly cost incl. employer contributions"),
        widget=forms.Textarea(attrs={"rows": 10, "cols": 70}),
        validators=[no_identity_number, no_control_characters],
    )
