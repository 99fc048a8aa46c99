"""Passwords: Django's validators (similar, short, common, numeric) with at least 12 characters,
said in Swedish and English on the page where a user changes their own password."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def _change(user: User, new: str, language: str = "sv") -> tuple[int, str]:
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(("password", "swedish", "english"), [
    ("84736291", "enbart numeriskt", "entirely numeric"),
    ("84736291", "minst 12 tecken", "at least 12 characters"),
    ("Sommar2024", "minst 12 tecken", "at least 12 characters"),
    ("password1234", "för vanligt", "too common"),
])
def test_weak_passwords_are_refused_in_both_languages(owner: User, password: str, swedish: str,
                                                      english: str):
    status, page = _change(owner, password, "sv")
    assert status == 200 and swedish in page
    status, page = _change(owner, password, "en")
    assert status == 200 and english in page
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_a_good_password_is_changed_and_the_old_one_no_longer_works(owner: User):
    new = "Kardemumma-och-te-2027"
    status, _ = _change(owner, new)
    assert status == 302
    owner.refresh_from_db()
    assert owner.check_password(new) and not owner.check_password(PASSWORD)


def test_the_page_lists_the_rules_and_is_linked_from_every_page(owner: User):
    client = client_for(owner)
    page = client.get(reverse("password_change")).content.decode()
    assert "Byt lösenord" in page and "minst 12 tecken" in page
    index = client.get(reverse("cases:index")).content.decode()
    assert f'href="{reverse("password_change")}"' in index
