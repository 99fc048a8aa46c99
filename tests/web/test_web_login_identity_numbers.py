"""The login page never gives back an identity number typed as a user name, nor logs it."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

WRITTEN = ["19121212-1212", "121212-1212", "19121212 1212", "1212 1212-1212"]


@pytest.mark.parametrize("number", WRITTEN)
def test_a_user_name_holding_an_identity_number_is_not_echoed(
    number: str, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)
    response = Client().post(reverse("login"), {"username": f"anna {number}",
                                                "password": "fel-lösenord"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Användarnamnet eller lösenordet är fel." in html
    assert number not in html and number.replace(" ", "&nbsp;") not in html
    assert 'value="anna […]"' in html  # the rest of what was typed is kept
    assert all(number not in r.getMessage() for r in caplog.records)


def test_an_ordinary_user_name_is_given_back_as_typed():
    response = Client().post(reverse("login"), {"username": "anna.svensson",
                                                "password": "fel-lösenord"})
    assert 'value="anna.svensson"' in response.content.decode()
