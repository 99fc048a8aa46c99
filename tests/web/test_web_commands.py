"""`samverkan admin …` and the demo: organisations and users from the terminal."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from samverkan.cli import app
from samverkan.cli import web_commands as _web_commands  # noqa: F401  (registers the commands)
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases.models import CaseRecord
from samverkan.web.demo import DEMO_USER, load_demo

pytestmark = pytest.mark.django_db(transaction=True)

runner = CliRunner()
GOOD_PASSWORD = "Kanelbulle-och-kaffe-42"


def _signs_in(username: str, password: str) -> bool:
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


@pytest.fixture(autouse=True)
def _no_migrate(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test database is already migrated and set up by pytest-django.
    monkeypatch.setattr("samverkan.cli.web_commands.setup_django", lambda **_: None)


def test_create_org_and_user_with_password_from_the_environment() -> None:
    result = runner.invoke(app, ["admin", "create-org", "Skola A"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["admin", "create-user", "anna", "--org", "Skola A", "--role", "editor"],
        env={"SAMVERKAN_PASSWORD": GOOD_PASSWORD},
    )
    assert result.exit_code == 0, result.output
    assert _signs_in("anna", GOOD_PASSWORD)
    user = User.objects.get(username="anna")
    membership = Membership.objects.get(user=user)
    assert membership.organisation.name == "Skola A" and membership.role == Role.EDITOR


def test_create_user_asks_for_the_password() -> None:
    Organisation.objects.create(name="Soc")
    result = runner.invoke(app, ["admin", "create-user", "bo", "--org", "Soc"],
                           input=f"{GOOD_PASSWORD}\n{GOOD_PASSWORD}\n", env={})
    assert result.exit_code == 0, result.output
    assert _signs_in("bo", GOOD_PASSWORD)


@pytest.mark.parametrize(("args", "words"), [
    (["--org", "Finns inte", "--role", "viewer"], "Finns inte"),
    (["--org", "Soc", "--role", "chef"], "chef"),
])
def test_create_user_errors_are_clear(args: list[str], words: str) -> None:
    Organisation.objects.create(name="Soc")
    result = runner.invoke(app, ["admin", "create-user", "cecilia", *args],
                           env={"SAMVERKAN_PASSWORD": GOOD_PASSWORD})
    assert result.exit_code != 0
    assert words in str(result.exception)
    assert not User.objects.filter(username="cecilia").exists()


@pytest.mark.parametrize(("password", "swedish", "english"), [
    ("84736291", "enbart numeriskt", "entirely numeric"),
    ("84736291", "minst 12 tecken", "at least 12 characters"),
    ("Sommar2024", "minst 12 tecken", "at least 12 characters"),
    ("password1234", "för vanligt", "too common"),
])
def test_weak_passwords_are_refused_in_both_languages(password: str, swedish: str,
                                                      english: str) -> None:
    Organisation.objects.create(name="Soc")
    result = runner.invoke(app, ["admin", "create-user", "dan", "--org", "Soc"],
                           env={"SAMVERKAN_PASSWORD": password})
    assert result.exit_code != 0
    message = str(result.exception)
    assert swedish in message and english in message, message
    assert not User.objects.filter(username="dan").exists()


def test_demo_loads_the_three_cases_once_and_prints_a_working_password() -> None:
    first = load_demo()
    second = load_demo()
    assert first != second
    assert _signs_in(DEMO_USER, second)
    assert not _signs_in(DEMO_USER, first)
    names = sorted(CaseRecord.objects.values_list("name", flat=True))
    assert len(names) == 3 and "Lucas 10 år" in names


def test_first_user_administers_the_site_and_the_flag_can_be_moved() -> None:
    Organisation.objects.create(name="Soc")
    for name in ("forsta", "andra"):
        result = runner.invoke(app, ["admin", "create-user", name, "--org", "Soc"],
                               env={"SAMVERKAN_PASSWORD": GOOD_PASSWORD})
        assert result.exit_code == 0, result.output
    assert User.objects.get(username="forsta").is_superuser
    assert not User.objects.get(username="andra").is_superuser
    assert runner.invoke(app, ["admin", "site-admin", "andra"]).exit_code == 0
    assert runner.invoke(app, ["admin", "site-admin", "forsta", "--remove"]).exit_code == 0
    assert User.objects.get(username="andra").is_superuser
    assert not User.objects.get(username="forsta").is_superuser
    missing = runner.invoke(app, ["admin", "site-admin", "ingen"])
    assert missing.exit_code != 0 and "ingen" in str(missing.exception)
