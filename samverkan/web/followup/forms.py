from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.formats.eventlog import SUFFIXES
from samverkan.web.accounts.models import Organisation
from samverkan.web.choice_fields import ListChoiceField
from samverkan.web.identity_fields import (
    IdentityNumberFieldsMixin,
    file_name_without_identity_number,
    no_identity_number,
)


class UploadLogForm(IdentityNumberFieldsMixin, forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), empty_label=None)
    name = forms.CharField(label=_("Name"), max_length=300, required=False,
                           validators=[no_identity_number],
                           help_text=_("For example the district and the period. "
                                       "Left empty, the file name is used."))
    file = forms.FileField(
        label=_("Event log"),
        help_text=_("CSV, Excel (.xlsx) or XES. One row per event, pseudonymised: "
                    "a log holding personal identity numbers is refused."),
    )

    def __init__(self, *args: object, organisations: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Choose a file ending in .csv, .xlsx or .xes."))
        return file_name_without_identity_number(upload)


class ViewForm(forms.Form):
    """How to cut the indicators: by unit or reporter type, and the length of a period."""

    by = ListChoiceField(label=_("Figures by"), required=False, choices=[
        ("unit", _("Unit")), ("reporter", _("Reporter type"))])
    period = ListChoiceField(label=_("Period length"), required=False, choices=[
        ("quarter", _("Quarter")), ("month", _("Month")), ("year", _("Year"))])
    show = forms.CharField(label=_("Period"), required=False)


class CostForm(forms.Form):
    """Which case prices the paths of a log: one of the cases the user may see."""

    case = ListChoiceField(label=_("Case that prices the paths"), required=False,
                           help_text=_("Each case in the log is priced by the steps of this "
                                       "case that its path reaches, with the mapping for "
                                       "Lucas-shaped cases."))

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["case"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a case")), *choices]
