from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from samverkan.web.audit.models import AuditEvent, Kind
from samverkan.web.cases.access import get_organisation_for_user, is_organisation_admin

SHOWN = 500  # the latest events; the whole trail is in every backup


def audit_log(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The organisation's audit trail, for its administrators only."""
    organisation = get_organisation_for_user(request.user, organisation_id)
    if not is_organisation_admin(request.user, organisation):
        raise Http404
    events = AuditEvent.objects.filter(organisation=organisation)
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        events = events.filter(kind=kind)
    return render(request, "audit/log.html", {
        "organisation": organisation, "events": events[:SHOWN], "kinds": Kind.choices,
        "kind": kind,
    })
