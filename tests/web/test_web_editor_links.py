"""The editor links to each step's mapping grid; every upload is read by one function."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.web.cases import upload_views, uploads, views
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_editor_links_to_the_grid_of_every_step(owner: User, lucas_record: CaseRecord
                                                    ) -> None:
    html = client_for(owner).get(reverse("cases:edit", args=[lucas_record.pk])).content.decode()
    steps = lucas_record.to_case().steps
    assert len(steps) == 6
    for step in steps:
        link = reverse("cases:grid", args=[lucas_record.pk, step.id])
        assert f'href="{link}"' in html
        assert f"Kartlägg steget i tabell<span class=\"visually-hidden\">: {step.name}" in html


def test_import_and_upload_read_files_with_the_same_function() -> None:
    assert views.read_uploaded_case is uploads.read_uploaded_case
    assert upload_views.read_uploaded_case is uploads.read_uploaded_case
