"""Template filters that show figures through `samverkan.reports.labels` in the page's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from samverkan.reports import labels

register = template.Library()


def _lang() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


@register.filter
def kronor(value: float) -> str:
    return labels.kronor(value, _lang())


@register.filter
def percent(value: float) -> str:
    return labels.percent(value, _lang())


@register.filter
def hours(minutes: float) -> str:
    return labels.minutes_as_hours(minutes, _lang())


@register.filter
def num(value: float, decimals: int = 0) -> str:
    return labels.number(value, _lang(), decimals)


@register.filter
def category(value: str) -> str:
    return labels.category_label(value, _lang())


@register.filter
def group(value: str) -> str:
    return labels.group_label(value, _lang())
