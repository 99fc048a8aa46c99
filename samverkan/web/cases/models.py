"""A case is kept as its case-file data so that `samverkan.model` stays the one source of truth.

`data` is always a document that `samverkan.formats.case_file.case_from_data` accepts: every
write goes through `samverkan.web.cases.actions`, which checks it first.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.formats.case_file import case_from_data
from samverkan.formats.price_list_data import price_list_from_data
from samverkan.model import Case, PriceList
from samverkan.web.accounts.models import Organisation


class CaseRecord(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="cases")
    name = models.CharField(_("name"), max_length=300)
    data = models.JSONField()
    # Optimistic locking: a save names the version it started from and is refused if the
    # stored version has moved on since.
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Archived cases are hidden from lists and pages until an administrator restores them.
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("case")

    def __str__(self) -> str:
        return self.name

    def to_case(self) -> Case:
        return case_from_data(self.data, source=self.name)


class CaseVersion(models.Model):
    """One saved state of a case: who saved it, when, and which elements changed.

    `number` equals `CaseRecord.version` after that save. `elements` lists the element
    references (`["task", "s1-eht"]`) the save changed, which tells who changed an element
    last when a later save on it is refused.
    """

    case = models.ForeignKey(CaseRecord, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                             related_name="+")
    # Kept as text too, so the history still names the person after the account is removed.
    username = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField()
    elements = models.JSONField(default=list)
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="unique_case_version")
        ]

    def to_case(self) -> Case:
        return case_from_data(self.data, source=self.case.name if self.case_id else None)


class Access(models.TextChoices):
    READ = "read", _("Read only")
    EDIT = "edit", _("Read and edit")


class CaseShare(models.Model):
    """Another organisation's access to a case (a school and social services map it together)."""

    case = models.ForeignKey(CaseRecord, models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="shared_cases")
    access = models.CharField(_("access"), max_length=4, choices=Access.choices,
                              default=Access.READ)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="unique_case_share")
        ]


class SalaryTable(models.Model):
    """An organisation's monthly costs per role, to apply to any of its cases."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="salary_tables")
    name = models.CharField(_("name"), max_length=200)
    # [{"id": "rektor", "name": "Rektor", "monthly_cost": 80000}, ...] as in a case file.
    roles = models.JSONField(default=list)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_salary_table")
        ]

    def role_costs(self) -> dict[str, Any]:
        return {r["id"]: r for r in self.roles}


class PriceListRecord(models.Model):
    """An organisation's own price list of interventions for the investment case, as
    `samverkan.formats.price_list_data` keeps it once the importer has accepted its file."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="price_lists")
    name = models.CharField(_("name"), max_length=200)
    data = models.JSONField()
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_price_list")
        ]

    def to_price_list(self) -> PriceList:
        return price_list_from_data(self.data)
