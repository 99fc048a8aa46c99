"""Backup and restore: every organisation, user, membership, case, share, salary table, price
list, event log and audit event as one JSON document.

The document is canonical — rows in key order, keys sorted, times in UTC — so restoring it into
an empty database and backing that up again gives the same bytes, on SQLite or PostgreSQL and
from one to the other. Password hashes are left out unless asked for; users restored without
one must have a new password set before they can log in.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction

from samverkan.errors import Place, ProblemCollector, SamverkanError
from samverkan.formats.bounded_parsing import (
    DocumentBoundsError,
    DocumentSyntaxError,
    parse_document,
)
from samverkan.web.accounts.models import Membership, Organisation
from samverkan.web.audit.models import AuditEvent
from samverkan.web.backup_checks import check_rows
from samverkan.web.cases.models import CaseRecord, CaseShare, PriceListRecord, SalaryTable
from samverkan.web.followup.models import EventLogRecord
from samverkan.web.private_files import write_private

FORMAT = "samverkan/backup@1"
# Parts added to the format after backups were first made: a backup without one had none.
_ADDED_LATER = ("price_lists",)

# Users fields kept; groups and permissions are not used by the application.
_USER_FIELDS = ("id", "username", "first_name", "last_name", "email", "is_active", "is_staff",
                "is_superuser", "date_joined", "last_login")


class BackupError(SamverkanError):
    title_sv = "Säkerhetskopian kan inte läsas in"
    title_en = "The backup cannot be restored"


def backed_up_tables() -> list[tuple[str, type[models.Model]]]:
    """Every table in the order a restore needs (what is referred to comes first)."""
    return [
        ("users", get_user_model()),
        ("organisations", Organisation),
        ("memberships", Membership),
        ("cases", CaseRecord),
        ("shares", CaseShare),
        ("salary_tables", SalaryTable),
        ("price_lists", PriceListRecord),
        ("event_logs", EventLogRecord),
        ("audit_events", AuditEvent),
    ]


def _fields(model: type[models.Model], with_password_hashes: bool) -> list[models.Field[Any, Any]]:
    fields = [f for f in model._meta.concrete_fields]
    if model is get_user_model():
        keep = set(_USER_FIELDS) | ({"password"} if with_password_hashes else set())
        fields = [f for f in fields if f.attname in keep]
    return fields


def _dump(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(field, models.DateField):
        return value.isoformat()
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _load(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        return dt.datetime.fromisoformat(value)
    if isinstance(field, models.DateField):
        return dt.date.fromisoformat(value)
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    return value


def backup_data(*, with_password_hashes: bool = False) -> dict[str, Any]:
    """The whole database as plain data."""
    data: dict[str, Any] = {"format": FORMAT, "password_hashes": with_password_hashes}
    for name, model in backed_up_tables():
        fields = _fields(model, with_password_hashes)
        data[name] = [
            {f.attname: _dump(f, getattr(row, f.attname)) for f in fields}
            for row in model._default_manager.order_by("pk")
        ]
    return data


def backup_text(*, with_password_hashes: bool = False) -> str:
    """The backup as canonical JSON text."""
    return json.dumps(backup_data(with_password_hashes=with_password_hashes),
                      ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_backup(path: Path, *, with_password_hashes: bool = False) -> dict[str, int]:
    """Write the backup readable by its owner only (0600): it holds every case and log."""
    text = backup_text(with_password_hashes=with_password_hashes)
    write_private(path, text.encode("utf-8"))
    data = json.loads(text)
    return {name: len(data[name]) for name, _ in backed_up_tables()}


def _refuse(sv: str, en: str, source: str) -> BackupError:
    return BackupError.single(sv, en, Place(file=source))


@transaction.atomic
def restore_data(data: Any, *, source: str = "") -> dict[str, int]:
    """Put a backup into an empty database; refuse a database that holds anything."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refuse(f"filen är ingen säkerhetskopia i formatet {FORMAT}",
                      f"the file is not a backup in the format {FORMAT}", source)
    data = {name: [] for name in _ADDED_LATER} | data
    for name, model in backed_up_tables():
        if model._default_manager.exists():
            raise _refuse(
                "databasen är inte tom; läs bara in en säkerhetskopia i en tom databas",
                "the database is not empty; restore a backup into an empty database only",
                source)
        if not isinstance(data.get(name), list):
            raise _refuse(f"delen '{name}' saknas", f"the part '{name}' is missing", source)
    problems = ProblemCollector()
    check_rows(data, backed_up_tables(), _load, source, problems)
    problems.raise_if_any(BackupError)
    counts: dict[str, int] = {}
    user_model = get_user_model()
    for name, model in backed_up_tables():
        fields = {f.attname: f for f in model._meta.concrete_fields}
        rows = []
        for item in data[name]:
            unknown = set(item) - set(fields)
            if unknown:
                raise _refuse(f"okända fält i '{name}': {', '.join(sorted(unknown))}",
                              f"unknown fields in '{name}': {', '.join(sorted(unknown))}",
                              source)
            row = model(**{k: _load(fields[k], v) for k, v in item.items()})
            if model is user_model and "password" not in item:
                row.set_unusable_password()  # type: ignore[attr-defined]
            rows.append(row)
        model._default_manager.bulk_create(rows)
        # bulk_create stamps auto_now fields with the present; put the recorded times back.
        stamped = [f.attname for f in fields.values()
                   if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        if stamped:
            for item in data[name]:
                model._default_manager.filter(pk=item["id"]).update(
                    **{k: _load(fields[k], item[k]) for k in stamped})
        counts[name] = len(rows)
    # New rows must not collide with restored ids (PostgreSQL keeps separate sequences).
    with connection.cursor() as cursor:
        models_ = [m for _, m in backed_up_tables()]
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)
    return counts


def read_backup(path: Path) -> dict[str, int]:
    try:
        data = parse_document(path.read_text(encoding="utf-8"), "json")
    except (OSError, UnicodeDecodeError, DocumentSyntaxError):
        raise _refuse("filen kan inte läsas som JSON", "the file cannot be read as JSON",
                      path.name) from None
    except DocumentBoundsError as error:
        raise _refuse(error.sv, error.en, path.name) from None
    return restore_data(data, source=path.name)
