"""Backup and restore: everything comes back, a second backup is byte-identical, a full
database is refused, and a backup moves from SQLite to PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samverkan.formats.price_list import default_price_list
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import AuditEvent
from samverkan.web.backup import BackupError, backed_up_tables, backup_text, restore_data
from samverkan.web.cases import actions
from samverkan.web.cases.models import Access, CaseRecord
from tests.web.conftest import PASSWORD, stored_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(lucas_record: CaseRecord, variant_record: CaseRecord, school: Organisation,
               social: Organisation, owner: User, viewer: User, outsider: User) -> None:
    actions.share_case(record=lucas_record, organisation=social, access=Access.EDIT, user=owner)
    actions.save_salary_table(organisation=school, name="2026", user=owner,
                              roles=[{"id": "rektor", "name": "Rektor", "monthly_cost": 81000.5}])
    actions.save_price_list(organisation=school, name="Priser 2024", user=owner,
                            prices=default_price_list())
    stored_log(school, owner)


def _empty_database() -> None:
    # QuerySet.delete bypasses the audit events' own refusal, as only a restore test may.
    for _, model in reversed(backed_up_tables()):
        model._default_manager.all().delete()


def test_restore_then_backup_again_gives_the_same_bytes(everything: None):
    first = backup_text(with_password_hashes=True)
    data = json.loads(first)
    assert {k: len(v) for k, v in data.items() if isinstance(v, list)} == {
        "users": 3, "organisations": 2, "memberships": 3, "cases": 2, "shares": 1,
        "salary_tables": 1, "price_lists": 1, "event_logs": 1, "audit_events": 7}
    _empty_database()
    restore_data(data)
    assert backup_text(with_password_hashes=True) == first
    # The restored users log in with their old passwords, and new rows get new ids.
    assert Client().post(reverse("login"), {"username": "agare", "password": PASSWORD}
                         ).status_code == 302
    new = Organisation.objects.create(name="Ny")
    assert new.pk > max(o["id"] for o in data["organisations"])


def test_a_backup_made_before_price_lists_were_kept_restores_without_them(everything: None):
    data = json.loads(backup_text(with_password_hashes=True))
    data["audit_events"] = [e for e in data["audit_events"] if e["kind"] != "price_list"]
    del data["price_lists"]
    _empty_database()
    counts = restore_data(data)
    assert counts["price_lists"] == 0 and counts["cases"] == 2


def test_a_price_list_that_cannot_be_read_is_refused(everything: None):
    data = json.loads(backup_text(with_password_hashes=True))
    data["price_lists"][0]["data"] = {"prices": [{"id": "x"}]}
    _empty_database()
    with pytest.raises(BackupError) as refused:
        restore_data(data)
    assert "the price list cannot be read" in str(refused.value)


def test_without_hashes_users_come_back_without_a_usable_password(everything: None):
    first = backup_text()
    assert '"password"' not in first and "pbkdf2" not in first
    _empty_database()
    restore_data(json.loads(first))
    assert not User.objects.get(username="agare").has_usable_password()
    assert backup_text() == first


def test_a_database_with_data_is_refused_and_nothing_changes(everything: None):
    data = json.loads(backup_text())
    events = AuditEvent.objects.count()
    with pytest.raises(BackupError) as caught:
        restore_data(data)
    assert "inte tom" in caught.value.message("sv")
    assert AuditEvent.objects.count() == events


def test_a_file_that_is_not_a_backup_is_refused():
    with pytest.raises(BackupError):
        restore_data({"format": "något annat"})


@pytest.mark.postgres
@pytest.mark.postgres_only
def test_from_sqlite_to_postgresql_through_the_commands(tmp_path: Path):
    import psycopg

    admin = os.environ["DATABASE_URL"]
    target = admin.rsplit("/", 1)[0] + "/samverkan_restore_test"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS samverkan_restore_test WITH (FORCE)")
        connection.execute("CREATE DATABASE samverkan_restore_test")
    base = {k: v for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    sqlite = {**base, "SAMVERKAN_DATA_DIR": str(tmp_path / "sqlite")}
    postgres = {**base, "SAMVERKAN_DATA_DIR": str(tmp_path / "pg"), "DATABASE_URL": target}

    def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([sys.executable, "-m", "samverkan", *args], env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return result

    try:
        run(sqlite, "admin", "create-org", "Demo")  # migrates the fresh SQLite database
        subprocess.run([sys.executable, "-c", (
            "from samverkan.cli.web_commands import setup_django; setup_django(); "
            "from samverkan.web.demo import load_demo; load_demo()")],
            env=sqlite, check=True, timeout=300)
        run(sqlite, "backup", "-o", str(tmp_path / "a.json"), "--with-password-hashes")
        run(postgres, "restore", str(tmp_path / "a.json"))
        run(postgres, "backup", "-o", str(tmp_path / "b.json"), "--with-password-hashes")
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
        again = subprocess.run([sys.executable, "-m", "samverkan", "restore",
                                str(tmp_path / "a.json")], env=postgres, capture_output=True,
                               text=True, timeout=300)
        assert again.returncode == 1 and "inte tom" in again.stderr
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS samverkan_restore_test WITH (FORCE)")
