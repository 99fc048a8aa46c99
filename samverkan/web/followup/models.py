"""An organisation's event logs, kept only once they have passed every check.

The log is stored as the checked CSV that `samverkan.formats.eventlog.write_event_log` writes,
compressed: the same bytes the command line would write, and read back through the same checks
(the identity-number guard included) each time it is used.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.formats.eventlog import EventLog, read_event_log
from samverkan.web.accounts.models import Organisation
from samverkan.web.uploads import private_folder


class ProtectionState(models.TextChoices):
    PROTECTING = "protecting", _("Protecting small counts")
    READY = "ready", _("Ready")
    REFUSED = "refused", _("Refused")


class EventLogRecord(models.Model):
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="event_logs")
    name = models.CharField(_("name"), max_length=300)
    source = models.CharField(_("file"), max_length=300)
    events_csv_gz = models.BinaryField()
    events = models.PositiveIntegerField(_("events"))
    cases = models.PositiveIntegerField(_("cases"))
    units = models.PositiveIntegerField(_("units"))
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    uploaded = models.DateTimeField(auto_now_add=True)
    # Which figures every view hides, worked out once over all views together after the log is
    # stored (`samverkan.followup.protection`), by a background task: seconds to minutes on a
    # large log, never inside a page request. Nothing of the log is shown until it is READY.
    # A log kept by an older version gets it worked out again the same way on its first view.
    protection = models.JSONField(null=True, blank=True, editable=False)
    state = models.CharField(_("protection"), max_length=12, choices=ProtectionState.choices,
                             default=ProtectionState.READY, editable=False)
    # While PROTECTING: how far the task has come (`protection.progress_data`); the time it
    # started, so a page can count the seconds itself.
    progress = models.JSONField(null=True, blank=True, editable=False)
    protection_started = models.DateTimeField(null=True, blank=True, editable=False)
    # When REFUSED: why, in Swedish and English ({"sv": …, "en": …}); the events are gone.
    refusal = models.JSONField(null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded", "-id"]
        verbose_name = _("event log")

    def __str__(self) -> str:
        return self.name

    @property
    def ready(self) -> bool:
        return self.state == ProtectionState.READY

    def to_log(self) -> EventLog:
        with private_folder() as folder:
            path = Path(folder) / "log.csv"
            path.write_bytes(gzip.decompress(bytes(self.events_csv_gz)))
            return read_event_log(path)
