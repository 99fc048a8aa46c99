"""Template filters that show figures through `samverkan.reports.labels` in the page's language."""

from __future__ import annotations

from django import template

from samverkan.reports import labels
from samverkan.web.language import page_language

register = template.Library()


@register.filter
def kronor(value: float) -> str:
    return labels.kronor(value, page_language())


@register.filter
def percent(value: float) -> str:
    return labels.percent(value, page_language())


@register.filter
def hours(minutes: float) -> str:
    return labels.minutes_as_hours(minutes, page_language())


@register.filter
def num(value: float, decimals: int = 0) -> str:
    return labels.number(value, page_language(), decimals)


@register.filter
def category(value: str) -> str:
    return labels.category_label(value, page_language())


@register.filter
def group(value: str) -> str:
    return labels.group_label(value, page_language())
