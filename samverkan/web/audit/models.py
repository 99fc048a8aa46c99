"""The audit trail: who changed what, when, and how it looked before and after.

Every service function that creates, changes or deletes a case, salary table, share,
membership or event log writes one event in the same transaction, so a change and its event
are kept or lost together. Events outlive the objects they describe (no foreign key to them)
and cannot be changed or deleted through the application: `save` refuses an update and
`delete` refuses always. Event logs are described by their metadata only, never their rows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.web.accounts.models import Organisation


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    LOCK = "lock", _("Locked out")


class Kind(models.TextChoices):
    CASE = "case", _("Case")
    SALARY_TABLE = "salary_table", _("Salary table")
    PRICE_LIST = "price_list", _("Price list")
    SHARE = "share", _("Sharing")
    MEMBERSHIP = "membership", _("Membership")
    EVENT_LOG = "event_log", _("Event log")
    ORGANISATION = "organisation", _("Organisation")
    SIGN_IN = "sign_in", _("Sign-in")


class ImmutableEvent(Exception):
    """An audit event was about to be changed or deleted."""


class AuditEvent(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="audit_events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                             related_name="+")
    # Kept as text too, so the trail still names the person after the account is removed.
    username = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.CharField(max_length=64)
    label = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableEvent("audit events are written once and never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableEvent("audit events are never deleted")

    def changed_keys(self) -> list[str]:
        """The top-level keys whose value differs between before and after."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
