"""Fixtures for the web tests: two organisations with an owner, a viewer and an outsider.

Every test here that touches the database is also marked `postgres`, so that the test command
runs it again on PostgreSQL.
"""

from __future__ import annotations

import signal
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client

from samverkan.formats.case_io import load_case
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from samverkan.web.followup import actions as followup_actions
from samverkan.web.followup.models import EventLogRecord

EXAMPLES = Path(__file__).parents[2] / "samverkan" / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
PASSWORD = "Ett-lösenord-för-test-2026"

# The OpenID Connect provider the sign-in tests start in a process of its own: a Django project
# with its own settings, not a test module (nor doctests) to import here.
collect_ignore = ["oidc_op"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        uses_db = item.get_closest_marker("django_db") or "live_server" in getattr(
            item, "fixturenames", ()
        )
        if here in Path(item.fspath).parents and uses_db:
            item.add_marker(pytest.mark.postgres)


def _user(username: str, organisation: Organisation, role: Role) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def school(db: None) -> Organisation:
    return Organisation.objects.create(name="Skolan")


@pytest.fixture
def social(db: None) -> Organisation:
    return Organisation.objects.create(name="Socialtjänsten")


@pytest.fixture
def owner(school: Organisation) -> User:
    return _user("agare", school, Role.EDITOR)


@pytest.fixture
def viewer(school: Organisation) -> User:
    return _user("lasare", school, Role.VIEWER)


@pytest.fixture
def outsider(social: Organisation) -> User:
    return _user("utomstaende", social, Role.ADMIN)


@pytest.fixture
def lucas_record(school: Organisation, owner: User) -> CaseRecord:
    return actions.create_case(organisation=school, user=owner,
                               case=load_case(EXAMPLES / "lucas.yaml"))


@pytest.fixture
def variant_record(school: Organisation, owner: User) -> CaseRecord:
    return actions.create_case(organisation=school, user=owner,
                               case=load_case(EXAMPLES / "lucas-samverkan.yaml"))


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


EVENTLOGS = Path(__file__).parents[1] / "fixtures" / "eventlogs"


def run_worker() -> None:
    """Run the background worker — the one `samverkan worker` runs — until no task is left."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    # The worker closes connections between tasks as a server process would; here the
    # connection holds the test's transaction, so it is kept.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    for number, handler in handlers.items():  # the worker's own are for its own process
        signal.signal(number, handler)


def stored_log(organisation: Organisation, user: User, name: str = "hand.csv", *,
               protected: bool = True) -> EventLogRecord:
    """A checked event log kept for an organisation, as an upload would keep it; protected by
    the background worker unless told otherwise."""
    from samverkan.formats.eventlog import read_event_log

    record = followup_actions.store_event_log(
        organisation=organisation, user=user, name=name, source=name,
        log=read_event_log(EVENTLOGS / name),
    )
    if protected:
        run_worker()
        record.refresh_from_db()
    return record
