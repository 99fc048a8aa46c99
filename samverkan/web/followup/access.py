"""A log is seen by the members of its organisation only, and changed by its editors."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from samverkan.web.accounts.models import EDITING_ROLES, Membership
from samverkan.web.cases.access import User
from samverkan.web.followup.models import EventLogRecord


def visible_logs(user: User) -> QuerySet[EventLogRecord]:
    return EventLogRecord.objects.filter(organisation__memberships__user_id=user.pk).defer(
        "events_csv_gz"
    )


def get_log_for_user(user: User, log_id: int) -> EventLogRecord:
    try:
        return EventLogRecord.objects.select_related("organisation").get(
            id=log_id, organisation__memberships__user_id=user.pk
        )
    except EventLogRecord.DoesNotExist:
        raise Http404 from None


def can_change_log(user: User, record: EventLogRecord) -> bool:
    return Membership.objects.filter(
        user_id=user.pk, organisation_id=record.organisation_id, role__in=EDITING_ROLES
    ).exists()
