"""Forms of the investment case's parts: the outcome condition, an investment, an avoided
intervention.

Shares are written as percentages, years as the first year of the new way of working and
onwards, and organisations, roles and interventions are chosen from lists by name: the user
never sees a key of the case file. What the fields cannot check alone (an amount that fits its
kind) is said at the field concerned; the rest is the edit's own check in `model.edit`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.model import AvoidedIntervention, Investment, ThreePoint
from samverkan.model.investment import MAX_YEARS
from samverkan.web.cases.element_forms import NAME_LENGTH, BaseForm, plain
from samverkan.web.choice_fields import ListChoiceField

NOTE_LENGTH = 2000
Choices = Callable[[], Sequence[tuple[str, str]]]

_NUMBER = _("Write a number, for example 12 or 12.5.")
_WHOLE = _("Write a whole number of years, for example 3.")


def _year(label: Any, *, first: int, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=first, max_value=MAX_YEARS, help_text=help_text,
        error_messages={"invalid": _WHOLE, "required": _WHOLE,
                        "min_value": _("Write %(limit_value)s or more."),
                        "max_value": _("The investment case runs at most %(limit_value)s "
                                       "years.")})


class OutcomeForm(BaseForm):
    assumption = forms.CharField(
        label=_("What is assumed about the outcome for the child"), max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=_("A gain only counts if the child is at least as well off. This text is "
                    "shown beside every gain."),
        error_messages={"required": _("Write what is assumed about the outcome for the "
                                      "child.")})
    source = forms.CharField(label=_("Source of the assumption (optional)"), required=False,
                             max_length=NOTE_LENGTH)


KRONOR, FTE, DAYS = "kronor", "fte", "days"


def _amount_kinds() -> list[tuple[str, Any]]:
    return [(KRONOR, _("Kronor a year")),
            (FTE, _("A share of full time of a role (a post)")),
            (DAYS, _("Training or working days of people of a role"))]


class InvestmentForm(BaseForm):
    name = forms.CharField(label=_("What is invested in"), max_length=NAME_LENGTH,
                           help_text=_("For example: social worker at the school, training."),
                           error_messages={"required": _("Write what is invested in.")})
    org = ListChoiceField(label=_("Organisation that pays"))
    kind = ListChoiceField(label=_("How the cost is given"), choices=_amount_kinds)
    kronor = forms.FloatField(
        label=_("Kronor a year"), required=False, min_value=0, max_value=1e10,
        error_messages={"invalid": _NUMBER, "min_value": _("The amount cannot be negative.")})
    role = ListChoiceField(label=_("Role"), required=False,
                           help_text=_("A post or days are costed with the role's monthly "
                                       "cost in the case."))
    fte_percent = forms.FloatField(
        label=_("Share of full time (%)"), required=False, min_value=0, max_value=10_000,
        error_messages={"invalid": _NUMBER, "min_value": _("The share cannot be negative.")})
    days = forms.FloatField(
        label=_("Days a year per person"), required=False, min_value=0, max_value=366,
        error_messages={"invalid": _NUMBER, "min_value": _("Days cannot be negative."),
                        "max_value": _("A year has at most 366 days.")})
    people = forms.FloatField(
        label=_("Number of people"), min_value=0, max_value=100_000, initial=1,
        error_messages={"invalid": _NUMBER, "required": _NUMBER,
                        "min_value": _("The number of people cannot be negative.")})
    from_year = _year(_("From year"), first=1,
                      help_text=_("Year 1 is the first year of the new way of working."))
    to_year = _year(_("To year"), first=1,
                    help_text=_("The same as the first year for a one-off cost."))
    covers_case_time = forms.BooleanField(
        label=_("The post does the role's own tasks in the cases"), required=False,
        help_text=_("Tick this when the person in the post does the role's tasks in the "
                    "cases: that time is then paid by this investment and is not counted "
                    "again in the cost of each case. Only for a share of full time."))
    source = forms.CharField(label=_("Source (optional)"), required=False,
                             max_length=NOTE_LENGTH)

    def __init__(self, *args: Any, organisations: Choices, roles: Choices,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = organisations  # type: ignore[attr-defined]
        self.fields["role"].choices = [("", _("(no role)")),  # type: ignore[attr-defined]
                                       *roles()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        needed = {KRONOR: ("kronor", _("Write the kronor a year.")),
                  FTE: ("fte_percent", _("Write the share of full time.")),
                  DAYS: ("days", _("Write the number of days."))}
        if kind in needed:
            field, message = needed[kind]
            if data.get(field) in (None, 0) and field not in self.errors:
                self.add_error(field, message if data.get(field) is None else
                               _("Write a number greater than zero."))
            if kind in (FTE, DAYS) and not data.get("role") and "role" not in self.errors:
                self.add_error("role", _("Choose the role whose monthly cost is used."))
        if data.get("covers_case_time") and kind != FTE:
            self.add_error("covers_case_time",
                           _("Only a post (a share of full time) can do the cases' tasks."))
        first, last = data.get("from_year"), data.get("to_year")
        if first is not None and last is not None and last < first:
            self.add_error("to_year", _("The last year cannot come before the first."))
        if data.get("people") == 0:
            self.add_error("people", _("Write a number greater than zero."))
        return data

    def investment(self) -> Investment:
        """The investment the valid form describes: only the amount of the chosen kind."""
        v = self.cleaned_data
        kind = v["kind"]
        return Investment(
            name=v["name"], org=v["org"], from_year=v["from_year"], to_year=v["to_year"],
            kronor=v["kronor"] if kind == KRONOR else None,
            role=(v["role"] or None) if kind != KRONOR else None,
            fte=v["fte_percent"] / 100 if kind == FTE else None,
            days=v["days"] if kind == DAYS else None,
            people=v["people"], source=v["source"],
            covers_case_time=bool(v["covers_case_time"]) and kind == FTE)


def investment_initial(item: Investment) -> dict[str, Any]:
    kind = KRONOR if item.kronor is not None else FTE if item.fte is not None else DAYS
    return {"name": item.name, "org": item.org, "kind": kind, "kronor": plain(item.kronor),
            "role": item.role or "",
            "fte_percent": plain(round(item.fte * 100, 6)) if item.fte is not None else None,
            "days": plain(item.days), "people": plain(item.people),
            "from_year": item.from_year, "to_year": item.to_year,
            "covers_case_time": item.covers_case_time, "source": item.source}


def _percent(label: Any) -> forms.FloatField:
    return forms.FloatField(
        label=label, min_value=-100, max_value=100,
        error_messages={"invalid": _NUMBER, "required": _NUMBER,
                        "min_value": _("The share can be at least %(limit_value)s %%."),
                        "max_value": _("The share can be at most %(limit_value)s %%.")})


class AvoidedForm(BaseForm):
    intervention = ListChoiceField(label=_("Intervention"),
                                   help_text=_("From the price list of interventions."))
    org = ListChoiceField(label=_("Organisation that would have paid for it"))
    share_low = _percent(_("Share of cases that avoid it, low (%)"))
    share_likely = _percent(_("Share of cases that avoid it, most likely (%)"))
    share_high = _percent(_("Share of cases that avoid it, high (%)"))
    units = forms.FloatField(
        label=_("Units a year per case"), min_value=0, max_value=1e6,
        error_messages={"invalid": _NUMBER, "required": _NUMBER,
                        "min_value": _("The number of units cannot be negative.")})
    years_after = forms.IntegerField(
        label=_("Years after the case"), min_value=0, max_value=MAX_YEARS, initial=0,
        help_text=_("0: the same year as the case."),
        error_messages={"invalid": _WHOLE, "required": _WHOLE,
                        "min_value": _("The years after cannot be negative."),
                        "max_value": _("The investment case runs at most %(limit_value)s "
                                       "years.")})
    for_years = _year(_("For how many years"), first=1)
    source = forms.CharField(label=_("Source (optional)"), required=False,
                             max_length=NOTE_LENGTH)

    def __init__(self, *args: Any, interventions: Choices, organisations: Choices,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = interventions  # type: ignore[attr-defined]
        self.fields["org"].choices = organisations  # type: ignore[attr-defined]
        self.fields["share_low"].help_text = _(
            "A negative share means that more cases need the intervention.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, likely, high = (data.get(f"share_{k}") for k in ("low", "likely", "high"))
        if low is not None and likely is not None and likely < low:
            self.add_error("share_likely", _("The most likely share cannot be below the low."))
        if likely is not None and high is not None and high < likely:
            self.add_error("share_high",
                           _("The high share cannot be below the most likely."))
        return data

    def avoided(self) -> AvoidedIntervention:
        v = self.cleaned_data
        return AvoidedIntervention(
            intervention=v["intervention"], org=v["org"],
            cases_share=ThreePoint(v["share_low"] / 100, v["share_likely"] / 100,
                                   v["share_high"] / 100),
            units=v["units"], years_after=v["years_after"], for_years=v["for_years"],
            source=v["source"])


def avoided_initial(item: AvoidedIntervention) -> dict[str, Any]:
    share = item.cases_share
    return {"intervention": item.intervention, "org": item.org,
            "share_low": plain(round(share.low * 100, 6)),
            "share_likely": plain(round(share.likely * 100, 6)),
            "share_high": plain(round(share.high * 100, 6)),
            "units": plain(item.units), "years_after": item.years_after,
            "for_years": item.for_years, "source": item.source}
