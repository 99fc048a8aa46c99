"""A drop-down field whose refusal never repeats the value posted.

Django's own message ("Select a valid choice. X is not one of the available choices.") puts
the posted value on the page; only a forged post can send one that is not in the list, and it
may be any text, an identity number included.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["ListChoiceField", "ListMultipleChoiceField"]


class ListChoiceField(forms.ChoiceField):
    default_error_messages = {  # noqa: RUF012 (Django's own pattern for a field's messages)
        "invalid_choice": _("Choose one of the alternatives in the list."),
    }


class ListMultipleChoiceField(forms.MultipleChoiceField):
    """Several choices from a list (checkboxes): a forged value is refused without repeating it."""

    default_error_messages = {  # noqa: RUF012 (Django's own pattern for a field's messages)
        "invalid_choice": _("Choose one of the alternatives in the list."),
    }
