"""Writing an audit event: one call from every service function that changes something."""

from __future__ import annotations

from typing import Any

from samverkan.formats.identity_numbers import refuse_identity_numbers
from samverkan.web.accounts.access import User, account
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import Action, AuditEvent, Kind


def record_event(*, organisation: Organisation, user: User | None, action: Action,
                 kind: Kind, object_id: object, label: str, before: Any = None,
                 after: Any = None) -> AuditEvent:
    """Write one event; call it inside the transaction that makes the change.

    The trail is kept for good and cannot be corrected, so it is the last place a number could
    slip in: the event is refused (and the change with it) rather than written with one.
    """
    refuse_identity_numbers({"label": label, "before": before, "after": after})
    who = account(user)
    return AuditEvent.objects.create(
        organisation=organisation,
        user=who,
        username=who.get_username() if who is not None else "",
        action=action, kind=kind, object_id=str(object_id), label=label[:300],
        before=before, after=after,
    )
