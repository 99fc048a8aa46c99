"""Forms for uploading a filled template onto an existing case."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.formats.case_io import SUFFIXES
from samverkan.web.identity_fields import file_name_without_identity_number


class UploadOntoCaseForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in mapping template"),
        help_text=_("The Excel mapping template (.xlsx), or the case as YAML or JSON. You see "
                    "what it changes before anything is saved."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Choose a file ending in .xlsx, .yaml, .yml or .json."))
        return file_name_without_identity_number(upload)


class ConfirmUploadForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
