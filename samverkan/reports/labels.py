"""Words and number formats shown to people, in Swedish (first) and English.

One place for them so that the terminal, the web pages and the reports say the same thing the
same way: kronor with a space as thousands separator in Swedish, shares in whole percent.
"""

from __future__ import annotations

from samverkan.model import CaseResult, Category
from samverkan.model.vocabulary import CATEGORY_LABELS, GROUP_TOTAL_LABELS

__all__ = [
    "LANGUAGES",
    "category_label",
    "group_label",
    "kronor",
    "not_counted_note",
    "not_counted_notes",
    "minutes_as_hours",
    "percent",
    "number",
]

LANGUAGES = ("sv", "en")

_CATEGORIES = CATEGORY_LABELS
_GROUPS = GROUP_TOTAL_LABELS


def category_label(category: Category | str, lang: str = "sv") -> str:
    sv, en = _CATEGORIES[Category(category)]
    return sv if lang == "sv" else en


def group_label(group: str, lang: str = "sv") -> str:
    """A group's name; groups the model does not know are shown as written."""
    if group not in _GROUPS:
        return group
    sv, en = _GROUPS[group]
    return sv if lang == "sv" else en


def number(value: float, lang: str = "sv", decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "sv":
        # Swedish: narrow no-break space for thousands, comma for decimals.
        text = text.replace(",", "\u202f").replace(".", ",")
    return text.replace("-", "−")


def kronor(value: float, lang: str = "sv") -> str:
    return f"{number(value, lang)} kr" if lang == "sv" else f"SEK {number(value, lang)}"


def percent(share: float, lang: str = "sv", decimals: int = 0) -> str:
    text = number(share * 100, lang, decimals)
    return f"{text}\u00a0%" if lang == "sv" else f"{text}%"


def minutes_as_hours(minutes: float, lang: str = "sv") -> str:
    return f"{number(minutes / 60, lang, 1)} h"


def not_counted_note(organisation: str, lang: str = "sv") -> str:
    """Says that an organisation without tasks is left out of its group's mean."""
    if lang == "sv":
        return f"{organisation} har inga arbetsuppgifter ännu och räknas inte i medelvärdet."
    return f"{organisation} has no tasks yet and is not counted in the average."


def not_counted_notes(result: CaseResult, lang: str = "sv") -> list[str]:
    """One `not_counted_note` per organisation that its group's mean leaves out."""
    return [not_counted_note(result.case.organisation(o).name, lang)
            for g in result.groups.values() for o in g.left_out]
