"""An organisation (a school, a social services unit, an R&D unit) and who belongs to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    # A closed organisation keeps its cases and trail, but takes no new shares or members.
    closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Administrator")


# Roles that may change cases and salary tables; viewers only read.
EDITING_ROLES = (Role.EDITOR, Role.ADMIN)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def can_edit(self) -> bool:
        return self.role in EDITING_ROLES
