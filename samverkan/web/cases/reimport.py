"""Uploading a filled template onto an existing case: preview first, apply on confirmation.

The preview keeps two documents in the user's session: the case as it was when the preview was
made (the base) and the upload. Applying lays the upload's changed elements onto the case as it
is then (`samverkan.model.replay`), so colleagues' edits elsewhere stay; if one of those
elements was changed by someone since the preview, nothing is written.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from samverkan.formats.case_file import case_from_data, case_to_data
from samverkan.model import Case, Element, replay, stale_elements
from samverkan.web.accounts.access import User
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from samverkan.web.file_names import shown_file_name

_SESSION_KEY = "case_uploads"


class UploadConflict(Exception):
    """Someone changed elements the upload also changes, after the preview was shown."""

    def __init__(self, elements: tuple[Element, ...], current: Case) -> None:
        super().__init__(f"{len(elements)} element(s) changed since the preview")
        self.elements = elements
        self.current = current


@dataclass(frozen=True)
class PendingUpload:
    token: str
    case_id: int
    file_name: str
    base: Case
    upload: Case


def keep_pending(session: SessionBase, *, record: CaseRecord, file_name: str, base: Case,
                 upload: Case) -> PendingUpload:
    """Remember a previewed upload until it is confirmed (one per case and session)."""
    token = secrets.token_urlsafe(16)
    # Only the cleaned name is kept: the session is stored in the database.
    file_name = shown_file_name(file_name)
    pending: dict[str, Any] = dict(session.get(_SESSION_KEY, {}))
    pending[str(record.pk)] = {"token": token, "file": file_name,
                               "base": case_to_data(base), "upload": case_to_data(upload)}
    session[_SESSION_KEY] = pending
    return PendingUpload(token, record.pk, file_name, base, upload)


def pending_upload(session: SessionBase, *, record: CaseRecord, token: str | None = None
                   ) -> PendingUpload | None:
    """The previewed upload of this case in this session; with `token`, only if it matches."""
    kept = session.get(_SESSION_KEY, {}).get(str(record.pk))
    if not kept or (token is not None and not secrets.compare_digest(kept["token"], token)):
        return None
    return PendingUpload(kept["token"], record.pk, shown_file_name(kept["file"]),
                         case_from_data(kept["base"]), case_from_data(kept["upload"]))


def forget_pending(session: SessionBase, *, record: CaseRecord) -> None:
    pending = dict(session.get(_SESSION_KEY, {}))
    if pending.pop(str(record.pk), None) is not None:
        session[_SESSION_KEY] = pending


def apply_upload(*, record: CaseRecord, user: User, base: Case,
                 upload: Case, file_name: str = "") -> CaseRecord:
    """Store the upload's changes on the current case as one version, or raise
    `UploadConflict` naming every element someone else changed since the preview."""

    def edit(current: Case) -> Case:
        # Checked on the latest case under the row lock that `apply_edit` holds.
        stale = stale_elements(current, base, upload)
        if stale:
            raise UploadConflict(stale, current)
        return replay(current, base, upload)

    return actions.apply_edit(record=record, user=user, bases={}, edit=edit,
                              summary=f"uppladdad fil {shown_file_name(file_name)}".strip())
