"""Form fields that refuse personal identity numbers, and give the user's text back without them.

Every form whose text is stored (a name, a description, a case as YAML, a salary table) runs
`no_identity_number` on its text fields, and every upload runs `file_name_without_identity_number`
on the name of its file. A refused field is shown again with the number cut out of it, so that
neither the page nor anything after it repeats the number, while the rest of what the person
wrote is kept. The check itself is `samverkan.formats.identity_numbers`, the same one every
importer and service function calls.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverkan.formats.identity_numbers import holds_identity_number, redacted

__all__ = ["IDENTITY_NUMBER", "no_identity_number", "file_name_without_identity_number",
           "IdentityNumberFieldsMixin"]

IDENTITY_NUMBER = "identity_number"


def no_identity_number(value: Any) -> None:
    """A field validator: refuse a text holding a personal identity or coordination number."""
    if isinstance(value, str) and holds_identity_number(value):
        raise ValidationError(
            _("Personal identity and coordination numbers may not be saved. Write the text "
              "without the number; it has been taken out of the field."),
            code=IDENTITY_NUMBER,
        )


def file_name_without_identity_number(upload: Any) -> Any:
    """Refuse an uploaded file whose name holds a number: the name would be stored and shown."""
    if holds_identity_number(getattr(upload, "name", "") or ""):
        raise ValidationError(
            _("The file name holds a personal identity or coordination number. Rename the "
              "file without the number and choose it again."),
            code=IDENTITY_NUMBER,
        )
    return upload


class IdentityNumberFieldsMixin(forms.Form):
    """After validation, the fields refused for a number show the user's text without it."""

    def full_clean(self) -> None:
        super().full_clean()
        refused = [
            name for name, errors in (self.errors.as_data() if self.is_bound else {}).items()
            if any(error.code == IDENTITY_NUMBER for error in errors)
        ]
        if not refused:
            return
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict
        for name in refused:
            key = self.add_prefix(name)
            value = data.get(key)
            if isinstance(value, str):
                data[key] = redacted(value)
        self.data = data
