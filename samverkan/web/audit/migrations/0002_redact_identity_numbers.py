"""Cut identity numbers out of names and documents stored before every text was checked, and
remove the stored logs whose rows hold one in a form not recognised then."""

from typing import Any

from django.db import migrations

from samverkan.web.audit.redaction import (
    redact_stored_identity_numbers,
    remove_logs_holding_identity_numbers,
)


def _redact(apps: Any, schema_editor: Any) -> None:
    remove_logs_holding_identity_numbers(apps)
    redact_stored_identity_numbers(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("accounts", "0001_initial"),
        ("cases", "0002_delete_caseevent"),
        ("followup", "0001_initial"),
    ]

    operations = [migrations.RunPython(_redact, migrations.RunPython.noop)]
