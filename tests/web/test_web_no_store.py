"""After login nothing is cached: every page and download of the access walk says no-store,
for a member and for an outsider's refusals alike; the login page and static files do not."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD, client_for
from tests.web.test_web_access import _urls, objects  # noqa: F401  (the walk and its fixture)

pytestmark = pytest.mark.django_db

DOWNLOADS = {"cases:export", "cases:report", "cases:compare_report", "followup:download",
             "followup:report", "cases:template"}


def _no_store(response: Any) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_every_page_and_download_after_login_is_not_stored(objects: dict[str, Any],  # noqa: F811
                                                            owner: User, outsider: User):
    walked = set()
    for user in (owner, outsider):
        client = client_for(user)
        for name, url in _urls(objects):
            if name == "logout":
                continue
            response = client.get(url, {"fmt": "yaml"})
            walked.add(name)
            assert _no_store(response), (user.username, name, url, response.status_code,
                                         response.get("Cache-Control"))
    assert walked >= DOWNLOADS


@pytest.mark.parametrize(("name", "fmt"), [
    ("cases:export", "yaml"), ("cases:export", "xlsx"), ("cases:report", "html"),
    ("followup:download", "json"), ("followup:download", "xlsx"), ("followup:report", "html"),
])
def test_each_download_with_its_content_is_not_stored(objects: dict[str, Any],  # noqa: F811
                                                      owner: User, name: str, fmt: str):
    kwargs = {"case_id": objects["case_id"]} if name.startswith("cases") else {
        "log_id": objects["log_id"]}
    response = client_for(owner).get(reverse(name, kwargs={**kwargs, "fmt": fmt}))
    assert response.status_code == 200 and _no_store(response), response.status_code


def test_the_blank_template_is_not_stored(owner: User):
    response = client_for(owner).get(reverse("cases:template"))
    assert response.status_code == 200 and _no_store(response)


def test_the_login_itself_and_the_first_page_after_it_are_not_stored(owner: User):
    client = Client()
    response = client.post(reverse("login"), {"username": owner.username, "password": PASSWORD})
    assert response.status_code == 302 and _no_store(response)
    assert _no_store(client.get(reverse("cases:index")))


def test_static_files_stay_cacheable_for_a_signed_in_user(owner: User):
    response = client_for(owner).get("/static/samverkan.css")
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")
