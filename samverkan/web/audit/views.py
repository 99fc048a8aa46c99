from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samverkan.web.accounts.access import get_organisation_for_admin
from samverkan.web.audit.models import AuditEvent, Kind

SHOWN = 500  # the latest events; the whole trail is in every backup


def audit_log(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The organisation's audit trail, for its administrators only."""
    organisation = get_organisation_for_admin(request.user, organisation_id)
    events = AuditEvent.objects.filter(organisation=organisation)
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        events = events.filter(kind=kind)
    return render(request, "audit/log.html", {
        "organisation": organisation, "events": events[:SHOWN], "kinds": Kind.choices,
        "kind": kind,
    })
