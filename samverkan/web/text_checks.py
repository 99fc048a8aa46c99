"""Characters a stored text may not hold, checked where the user typed them.

Control characters (other than tab and line breaks) cannot be stored in PostgreSQL or shown
on a page, and the bidi overrides and isolates make a name read backwards in lists, the
history and the audit trail. The case's own validation refuses the former too, but only with
the key path of the document; here the field is marked with the user's words and the
character is named by its code, since it cannot be seen.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = ["CONTROL_CHARACTER", "forbidden_character", "no_control_characters",
           "control_character_message"]

CONTROL_CHARACTER: Final = "control_character"

# Embedding, override and isolate controls: they turn the direction of the text that follows.
_BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_character(value: str) -> str | None:
    """The first character of `value` that may not be stored, or None.

    NUL is left to Django's own check, which every form field already runs.
    """
    for char in value:
        if char in "\t\n\r\x00":
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            return char
    return None


def control_character_message(char: str) -> str:
    return str(_("The text holds an invisible character (%(code)s) that cannot be saved. "
                 "Remove it and write the text again.") % {"code": f"U+{ord(char):04X}"})


def no_control_characters(value: Any) -> None:
    """A field validator: refuse control and bidi characters, naming the one found."""
    if isinstance(value, str) and (char := forbidden_character(value)) is not None:
        raise ValidationError(control_character_message(char), code=CONTROL_CHARACTER)
