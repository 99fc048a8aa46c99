"""Numbers already stored (before every text was checked) are cut out of every text, once."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from samverkan.formats.case_file import case_from_data
from samverkan.formats.identity_numbers import holds_identity_number
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import Action, AuditEvent, Kind
from samverkan.web.audit.redaction import redact_stored_identity_numbers
from samverkan.web.cases.models import CaseRecord, SalaryTable
from samverkan.web.followup.models import EventLogRecord
from tests.web.conftest import stored_log

pytestmark = pytest.mark.django_db


def test_stored_numbers_are_cut_out_and_the_rest_is_kept(
    school: Organisation, owner: User, lucas_record: CaseRecord
):
    # Written straight to the tables, as the product did before its texts were checked.
    log = stored_log(school, owner)
    EventLogRecord.objects.filter(pk=log.pk).update(
        name="Barn 121212-1212 Väster", source="Lucas 19121212-1212.csv")
    data = dict(lucas_record.data)
    first_step = data["steps"][0]["id"]
    data["steps"] = [{**data["steps"][0], "name": "Steg 121212\u00a01212"}, *data["steps"][1:]]
    CaseRecord.objects.filter(pk=lucas_record.pk).update(name="Lucas 121212-1212", data=data)
    SalaryTable.objects.create(organisation=school, name="Löner 121212-1212",
                               roles=[{"id": "r", "name": "Rektor 121212-1212",
                                       "monthly_cost": 1}])
    AuditEvent.objects.create(organisation=school, action=Action.DELETE, kind=Kind.EVENT_LOG,
                              object_id="1", label="Barn 121212-1212 Väster",
                              before={"name": "Barn 121212-1212 Väster", "events": 35})

    # Four rows hold a number: the log, the case, the salary table and the audit event.
    assert redact_stored_identity_numbers(apps) == 4

    log.refresh_from_db()
    assert (log.name, log.source) == ("Barn […] Väster", "Lucas […].csv")
    record = CaseRecord.objects.get(pk=lucas_record.pk)
    assert record.name == "Lucas […]" and record.data["steps"][0]["name"] == "Steg […]"
    assert record.data["steps"][0]["id"] == first_step
    case_from_data(record.data)  # the case still reads
    table = SalaryTable.objects.get()
    assert (table.name, table.roles[0]["name"]) == ("Löner […]", "Rektor […]")
    event = AuditEvent.objects.get(label__startswith="Barn")
    assert event.label == "Barn […] Väster" and event.before == {"name": "Barn […] Väster",
                                                                  "events": 35}
    stored = repr([list(m.objects.values()) for m in (EventLogRecord, CaseRecord, SalaryTable,
                                                      AuditEvent, Organisation)])
    assert not holds_identity_number(stored.replace("events_csv_gz", ""))
    # A second run finds nothing left to do.
    assert redact_stored_identity_numbers(apps) == 0


def test_a_stored_log_holding_a_number_in_a_form_once_missed_is_removed_with_an_event(
    school: Organisation, owner: User
):
    import gzip

    from samverkan.web.audit.redaction import remove_logs_holding_identity_numbers

    kept = stored_log(school, owner)
    missed = stored_log(school, owner)
    # A case id as the guard once let it through: a space between date and serial.
    rows = b"case_id,unit,event,timestamp\n121212 1212,Norr,report_received,2024-01-01\n"
    EventLogRecord.objects.filter(pk=missed.pk).update(
        events_csv_gz=gzip.compress(rows), name="Väster")
    assert remove_logs_holding_identity_numbers(apps) == 1
    assert list(EventLogRecord.objects.values_list("pk", flat=True)) == [kept.pk]
    event = AuditEvent.objects.get(object_id=str(missed.pk), action=Action.DELETE)
    assert event.label == "Väster" and event.kind == Kind.EVENT_LOG
    assert not holds_identity_number(repr(event.before))
