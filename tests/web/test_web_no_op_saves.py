"""Saves that change nothing make no new version, and forged hidden values name no internal
field."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.model.edit import CASE_FIELDS, fingerprint
from samverkan.web.cases.models import CaseRecord, CaseVersion
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def _versions(record: CaseRecord) -> int:
    return CaseVersion.objects.filter(case=record).count()


def test_moving_a_step_past_either_end_or_sideways_makes_no_version(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    case = lucas_record.to_case()
    first, last = case.steps[0].id, case.steps[-1].id
    before = _versions(lucas_record)
    for step, direction in ((first, "up"), (last, "down"), (first, "sideways")):
        response = client.post(reverse("cases:step_move", args=[lucas_record.pk, step]),
                               {"direction": direction})
        assert response.status_code == 302
    stored = CaseRecord.objects.get(pk=lucas_record.pk)
    assert (stored.version, _versions(lucas_record)) == (lucas_record.version, before)
    assert stored.to_case() == case
    # A real move still makes one.
    client.post(reverse("cases:step_move", args=[lucas_record.pk, first]), {"direction": "down"})
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version + 1


def test_a_form_saved_as_it_was_makes_no_version(owner: User,
                                                 lucas_record: CaseRecord) -> None:
    case = lucas_record.to_case()
    response = client_for(owner).post(reverse("cases:case_fields", args=[lucas_record.pk]), {
        "name": case.name, "description": case.description,
        "hours_per_month": f"{case.hours_per_month:g}",
        "overhead_percent": f"{case.conventions.overhead_share * 100:g}",
        "productive_percent": f"{case.conventions.productive_share * 100:g}",
        "cases_per_year": "", "base": fingerprint(case, CASE_FIELDS)})
    assert response.status_code == 302
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


@pytest.mark.parametrize("base", ["x" * 65, "a\x00b", "a\x01b"])
def test_a_forged_base_names_no_internal_field(owner: User, lucas_record: CaseRecord,
                                               base: str) -> None:
    response = client_for(owner).post(reverse("cases:case_fields", args=[lucas_record.pk]), {
        "name": "Nytt namn", "description": "", "hours_per_month": "165",
        "overhead_percent": "0", "productive_percent": "100", "base": base})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Base" not in html and "base:" not in html.lower()
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version
