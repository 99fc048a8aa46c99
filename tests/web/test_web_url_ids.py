"""Ids in addresses: a number beyond the database's range answers 404, never a 500."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import get_resolver

from samverkan.web.cases.models import CaseRecord
from samverkan.web.url_ids import MAX_ID
from tests.web.conftest import client_for
from tests.web.test_web_access import _patterns

pytestmark = pytest.mark.django_db

ID_NAMES = {"case_id", "organisation_id", "membership_id", "log_id", "number", "table"}


def _id_addresses(value: int, fallback: dict[str, object]) -> list[str]:
    """Every address with an id, each id in turn set to `value` and the others to real ones."""
    urls = []
    for _, pattern in _patterns(get_resolver()):
        groups = list(pattern.pattern.regex.groupindex)
        for name in groups:
            if name not in ID_NAMES:
                continue
            route = str(pattern.pattern)
            for other in groups:
                text = str(value) if other == name else str(fallback.get(other, "x"))
                route = route.replace(f"<id:{other}>", text).replace(f"<str:{other}>", text)
            urls.append("/" + route)
    return urls


@pytest.mark.parametrize("value", [MAX_ID + 1, 10**20, 10**40])
def test_an_id_beyond_the_database_range_is_not_found(
        lucas_record: CaseRecord, owner: User, value: int) -> None:
    client = client_for(owner)
    real = {"case_id": lucas_record.pk, "organisation_id": lucas_record.organisation_id,
            "step_id": "s1", "task_id": "s1-a-eht", "fmt": "yaml"}
    urls = _id_addresses(value, real)
    assert f"/typfall/{lucas_record.pk}/delning/{value}/ta-bort/" in urls
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url


def test_the_largest_id_still_reaches_the_page(owner: User) -> None:
    """At the limit the address matches, and the page says the case does not exist."""
    client = client_for(owner)
    assert client.get(f"/typfall/{MAX_ID}/").status_code == 404
    assert client.get(f"/typfall/{MAX_ID}/delning/").status_code == 404
