"""The product's words and defaults: one place for what readers, writers and pages call things.

A task's category, an organisation's group and the working hours of a month are named here, in
Swedish first and English, so that the Excel template writes what the pages show and reads back
every word either of them uses (and the words an earlier template wrote).

>>> category_named("Interna möten och övrigt") is Category.INTERNAL
True
>>> category_named("  samverkan skola–socialtjänst ") is Category.COLLABORATION
True
>>> group_named("Skolorna (genomsnitt)")
'school'
>>> category_named("Fika") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

__all__ = [
    "CATEGORY_LABELS",
    "Category",
    "DEFAULT_HOURS_PER_MONTH",
    "GROUP_LABELS",
    "GROUP_TOTAL_LABELS",
    "SCHOOL",
    "SOCIAL_SERVICES",
    "Words",
    "category_named",
    "group_named",
]

SCHOOL = "school"
SOCIAL_SERVICES = "social_services"

# The seed's divisor from a monthly cost to an hour's: 165 working hours a month.
DEFAULT_HOURS_PER_MONTH = 165.0


class Words(NamedTuple):
    sv: str
    en: str

    def said(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en


class Category(StrEnum):
    """What a task's time is spent on, for the time-use breakdown and the child's view."""

    DIRECT_CHILD = "direct_child"
    GUARDIAN = "guardian"
    COLLABORATION = "collaboration"
    DOCUMENTATION = "documentation"
    INTERNAL = "internal"


CATEGORY_LABELS: Mapping[Category, Words] = {
    Category.DIRECT_CHILD: Words("Tid med barnet", "Time with the child"),
    Category.GUARDIAN: Words("Tid med vårdnadshavare", "Time with guardians"),
    Category.COLLABORATION: Words("Samverkan skola–socialtjänst",
                                  "School–social services collaboration"),
    Category.DOCUMENTATION: Words("Dokumentation", "Documentation"),
    Category.INTERNAL: Words("Interna möten och övrigt", "Internal meetings and other"),
}

# An organisation's group, as a form or the template offers it.
GROUP_LABELS: Mapping[str, Words] = {
    SCHOOL: Words("Skola", "School"),
    SOCIAL_SERVICES: Words("Socialtjänsten", "Social services"),
    "health": Words("Hälso- och sjukvård", "Health care"),
    "other": Words("Annan", "Other"),
}

# A group's row of figures: the schools are the mean of their organisations.
GROUP_TOTAL_LABELS: Mapping[str, Words] = {
    SCHOOL: Words("Skolorna (genomsnitt)", "The schools (average)"),
    SOCIAL_SERVICES: Words("Socialtjänsten", "Social services"),
}

# Words an earlier Excel template wrote: still read, never written.
_FORMER = {
    Category.COLLABORATION: ("Samverkan",),
    Category.INTERNAL: ("Internt",),
    SOCIAL_SERVICES: ("Socialtjänst",),
}


def _key(text: str) -> str:
    # Case, spacing and the kind of dash do not tell two words apart.
    return " ".join(text.replace("-", "–").split()).casefold()


def _named(text: object, ids: Iterable[str],
           *tables: Mapping[str, Words] | Mapping[Category, Words]) -> str | None:
    if not isinstance(text, str):
        return None
    wanted = _key(text)
    for id_ in ids:
        words = [id_, *(w for table in tables if id_ in table
                        for w in table[id_]),  # type: ignore[index]
                 *_FORMER.get(id_, ())]
        if any(_key(word) == wanted for word in words):
            return id_
    return None


def category_named(text: object) -> Category | None:
    """The category a word names (its id, or a label in Swedish or English); else None."""
    found = _named(text, list(Category), CATEGORY_LABELS)
    return None if found is None else Category(found)


def group_named(text: object) -> str | None:
    """The group a word names (its id, its name, or its row's label); else None."""
    return _named(text, list(GROUP_LABELS), GROUP_LABELS, GROUP_TOTAL_LABELS)
