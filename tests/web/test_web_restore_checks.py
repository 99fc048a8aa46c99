"""A tampered backup is refused whole before anything is written; the database and backups are
readable by their owner only."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from samverkan.web import backup_checks
from samverkan.web.accounts.models import Organisation
from samverkan.web.backup import BackupError, backed_up_tables, backup_text, restore_data
from samverkan.web.cases.models import CaseRecord
from samverkan.web.private_files import ensure_private_file, write_private
from tests.web.conftest import stored_log

pytestmark = pytest.mark.django_db

# Skatteverket's published test number, in the form without separators.
NUMBER = "191212121212"


@pytest.fixture
def backup(lucas_record: CaseRecord, school: Organisation, owner: User) -> dict[str, Any]:
    stored_log(school, owner)
    data: dict[str, Any] = json.loads(backup_text())
    for _, model in reversed(backed_up_tables()):
        model._default_manager.all().delete()
    return data


def _gzip(text: str) -> str:
    import base64

    return base64.b64encode(gzip.compress(text.encode("utf-8"), mtime=0)).decode("ascii")


def _refused(data: dict[str, Any]) -> tuple[str, str]:
    with pytest.raises(BackupError) as caught:
        restore_data(data, source="kopia.json")
    for _, model in backed_up_tables():
        assert not model._default_manager.exists(), model  # nothing at all was written
    sv, en = caught.value.message("sv"), caught.value.message("en")
    assert NUMBER not in sv + en and "191212-1212" not in sv + en
    return sv, en


def test_an_untouched_backup_is_restored(backup: dict[str, Any]) -> None:
    counts = restore_data(backup)
    assert counts["cases"] == 1 and counts["event_logs"] == 1


def test_invalid_case_data_is_refused(backup: dict[str, Any]) -> None:
    backup["cases"][0]["data"]["steps"][0]["weeks"] = -3
    sv, en = _refused(backup)
    assert "nyckel cases[1]: typfallet: nyckel steps[0].weeks: får inte vara negativt" in sv
    assert "key cases[1]: the case: key steps[0].weeks: must not be negative" in en


def test_an_event_log_holding_an_identity_number_is_refused(backup: dict[str, Any]) -> None:
    header = "case_id,unit,event,timestamp,reporter,school,outcome"
    backup["event_logs"][0]["events_csv_gz"] = _gzip(
        f"{header}\n{NUMBER},Nord,report_received,2026-01-05,school,,\n")
    sv, en = _refused(backup)
    assert "nyckel event_logs[1]: loggen:" in sv and "personnummer" in sv


def test_an_event_log_that_disagrees_with_its_figures_is_refused(
        backup: dict[str, Any]) -> None:
    backup["event_logs"][0]["events"] += 1
    sv, en = _refused(backup)
    assert "event_logs[1]: fältet events stämmer inte med loggens händelser" in sv


def test_an_event_log_that_unpacks_beyond_the_limit_is_refused(
        backup: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_checks, "MAX_UNPACKED_BYTES", 1000)
    backup["event_logs"][0]["events_csv_gz"] = _gzip("x" * 100_000)
    sv, _ = _refused(backup)
    assert "loggens händelser går inte att packa upp" in sv


@pytest.mark.parametrize(("change", "expected"), [
    (lambda e: e.update(at=(dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).isoformat()),
     "händelsen är daterad i framtiden"),
    (lambda e: e.update(at="2001-01-01T00:00:00+00:00"),
     "händelsen är äldre än händelsen före den i spåret"),
    (lambda e: e.update(username="någon-annan"),
     "händelsens användarnamn stämmer inte med kontot"),
    (lambda e: e.update(kind="invented"), "fältet kind har ett felaktigt värde"),
    (lambda e: e.update(organisation_id=999), "fältet organisation_id hänvisar till en rad som"),
    (lambda e: e.update(label=f"Barn {NUMBER}"), "fältet label innehåller ett personnummer"),
    (lambda e: e.update(after={"name": f"Barn {NUMBER}"}),
     "fältet after innehåller ett personnummer"),
])
def test_a_forged_audit_event_is_refused(
        backup: dict[str, Any], change: Callable[[dict[str, Any]], None], expected: str) -> None:
    assert len(backup["audit_events"]) >= 2
    # The last event someone made (the system's own, a log's protection, names no one).
    place = max(i for i, e in enumerate(backup["audit_events"], 1) if e.get("user_id"))
    change(backup["audit_events"][place - 1])
    sv, _ = _refused(backup)
    assert f"audit_events[{place}]: {expected}" in sv


def test_a_number_in_any_text_and_unknown_fields_are_refused(backup: dict[str, Any]) -> None:
    backup["organisations"][0]["name"] = f"Skola {NUMBER[2:]}"
    backup["users"][0]["shoe_size"] = 42
    sv, en = _refused(backup)
    assert "organisations[1]: fältet name innehåller ett personnummer" in sv
    assert "users[1]: okända fält: shoe_size" in sv


def test_a_deeply_nested_backup_file_is_a_message(tmp_path: Path) -> None:
    from samverkan.web.backup import read_backup

    path = tmp_path / "kopia.json"
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(BackupError) as caught:
        read_backup(path)
    assert "fler än 40 nivåer" in caught.value.message("sv")


def test_private_files_are_created_0600(tmp_path: Path) -> None:
    database = tmp_path / "data" / "samverkan.sqlite3"
    ensure_private_file(database)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    wide = tmp_path / "kopia.json"
    wide.write_text("{}")
    wide.chmod(0o644)
    write_private(wide, b"{}")
    assert stat.S_IMODE(wide.stat().st_mode) == 0o600


def test_the_commands_make_the_database_and_backups_0600(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env["SAMVERKAN_DATA_DIR"] = str(tmp_path / "data")
    old = os.umask(0o022)  # the usual umask, which gives 0644 to a file made the usual way
    try:
        for args in (["admin", "create-org", "Demo"],
                     ["backup", "-o", str(tmp_path / "kopia.json")]):
            done = subprocess.run([sys.executable, "-m", "samverkan", *args], env=env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
    finally:
        os.umask(old)
    for path in (tmp_path / "data" / "samverkan.sqlite3", tmp_path / "kopia.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
