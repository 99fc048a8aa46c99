"""Control and bidi characters in the editor's forms: refused at the field in the user's
words, the character named by its code, never an internal key path; nothing saved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.model.edit import CASE_FIELDS, fingerprint
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for
from tests.web.test_web_editor import task_post

pytestmark = pytest.mark.django_db


def _field_error(html: str, field: str) -> str:
    """The message shown at the field `field` (GOV.UK pattern: a message under its label)."""
    match = re.search(rf'<p class="error-message" id="id_{field}-error">(.*?)</p>', html, re.S)
    assert match, f"no message at {field}"
    return re.sub(r"<[^>]+>", "", match.group(1))


@pytest.mark.parametrize(("page", "args", "post", "field", "code"), [
    ("case_fields", (), {"name": "a\x01b", "description": "", "hours_per_month": "165",
                         "overhead_percent": "0", "productive_percent": "100"}, "name", "U+0001"),
    ("organisation_add", (), {"name": "a\x07b", "group": "school"}, "name", "U+0007"),
    ("organisation_add", (), {"name": "\u202eevil", "group": "school"}, "name", "U+202E"),
    ("task_add", ("s1",), task_post(name="a\x1fb", step="s1", org="skola_a", occasions="1",
                                    **{"p-0-role": "rektor", "p-0-minutes": "5",
                                       "p-0-people": "1"}), "name", "U+001F"),
])
def test_a_control_character_is_refused_at_its_field(
        owner: User, lucas_record: CaseRecord, page: str, args: tuple[str, ...],
        post: dict[str, Any], field: str, code: str) -> None:
    client = client_for(owner)
    if page == "case_fields":
        post = {**post, "base": fingerprint(lucas_record.to_case(), CASE_FIELDS)}
    response = client.post(reverse(f"cases:{page}", args=[lucas_record.pk, *args]), post)
    html = response.content.decode()
    assert response.status_code == 200
    message = _field_error(html, field)
    assert f"osynligt tecken ({code})" in message
    assert "nyckel" not in html and "som NUL" not in html
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


def test_tab_and_line_breaks_in_a_description_are_kept(owner: User,
                                                       lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    response = client.post(reverse("cases:case_fields", args=[lucas_record.pk]), {
        "name": "Lucas", "description": "rad ett\r\nrad\ttvå", "hours_per_month": "165",
        "overhead_percent": "0", "productive_percent": "100",
        "base": fingerprint(lucas_record.to_case(), CASE_FIELDS)})
    assert response.status_code == 302
