"""The cost of the real flow on a log's page: the user picks one of the cases they may see, the
page and its JSON show the command line's figures, built from the protection kept with the log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.followup.cost import flow_cost
from samverkan.followup.indicators import Period
from samverkan.followup.protection import protected_views
from samverkan.followup.synth import synthetic_log
from samverkan.formats.case_io import load_case
from samverkan.formats.eventlog import write_event_log
from samverkan.formats.flow_mapping import default_mapping_for
from samverkan.reports.flow_cost_tables import cost_to_data
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions as case_actions
from samverkan.web.cases.models import CaseRecord
from samverkan.web.followup import actions
from samverkan.web.followup.models import EventLogRecord
from tests.conftest import EXAMPLES
from tests.followup.outputs import cli, html_tables
from tests.web.conftest import client_for, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(school: Organisation, owner: User) -> EventLogRecord:
    log = synthetic_log(cases=900, units=3, seed=2, years=1.0)
    stored = actions.store_event_log(organisation=school, user=owner, name="Syntetisk",
                                     source="syntetisk.csv", log=log)
    run_worker()
    stored.refresh_from_db()
    return stored


def test_the_page_prices_the_log_with_the_chosen_case(record: EventLogRecord, owner: User,
                                                      lucas_record: CaseRecord, tmp_path: Path):
    client = client_for(owner)
    url = reverse("followup:log", args=[record.pk])
    page = client.get(url).content.decode()
    # Before a case is chosen: the choice, no table.
    assert "Kostnaden för det verkliga flödet" in page and 'id="flow-cost"' not in page
    assert "Lucas 10 år (Skolan)" in page or "Lucas 10 år" in page
    page = client.get(url, {"period": "year", "case": lucas_record.pk}).content.decode()
    (table,) = [t for t in html_tables(page) if t["attrs"].get("id") == "flow-cost"]
    assert "Lucas 10 år" in table["caption"]
    # The JSON download and the command line give the same figures, from the kept protection.
    download = client.get(reverse("followup:cost", args=[record.pk, "json"]),
                          {"period": "year", "case": lucas_record.pk})
    assert download.status_code == 200
    data = json.loads(download.content)
    views = protected_views(record.to_log(), record.protection)
    assert views is not None
    expected = cost_to_data(flow_cost(record.to_log(), load_case(EXAMPLES / "lucas.yaml"),
                                      default_mapping_for(lucas_record.to_case()),
                                      period=Period.year, views=views))
    assert data == expected
    path = tmp_path / "logg.csv"
    write_event_log(record.to_log(), path)
    assert json.loads(cli("cost", path, "--case", EXAMPLES / "lucas.yaml", "--period", "year",
                          "--format", "json"))["periods"] == data["periods"]
    # The page's table is the last period's: every shown kronor figure is in the JSON.
    last = data["periods"][-1]
    shown = [c for p in last["paths"] for c in [*p["groups"].values(), p["total"]]
             if c["status"] == "value"]
    assert shown
    rows = {r[0][1]: [t for _, t in r[1:]] for r in table["rows"][1:]}
    kronor = [rows[f"{p['label_sv']}: kronor"] for p in last["paths"]]
    assert any(text != ".." for cells in kronor for text in cells)
    for path_data, cells in zip(last["paths"], kronor, strict=True):
        for cell, text in zip([*path_data["groups"].values(), path_data["total"]], cells,
                              strict=True):
            if cell["status"] == "value":
                assert int(text.replace("\u202f", "")) == round(cell["kronor"])
            else:
                assert text == ".."


def test_a_case_the_user_may_not_see_cannot_be_chosen(record: EventLogRecord, owner: User,
                                                      social: Organisation, outsider: User):
    foreign = case_actions.create_case(organisation=social, user=outsider,
                                       case=load_case(EXAMPLES / "lucas.yaml"))
    client = client_for(owner)
    page = client.get(reverse("followup:log", args=[record.pk]), {"case": foreign.pk})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="flow-cost"' not in html
    assert "Välj ett av alternativen i listan" in html
    download = client.get(reverse("followup:cost", args=[record.pk, "json"]),
                          {"case": foreign.pk})
    assert download.status_code == 302


def test_a_case_without_lucas_steps_is_told_plainly(record: EventLogRecord, owner: User,
                                                    school: Organisation):
    from samverkan.formats.case_file import case_from_data, case_to_data

    data = case_to_data(load_case(EXAMPLES / "lucas.yaml"))
    for step in data["steps"]:
        step["id"] = "x" + step["id"]
        for task in step["tasks"]:
            task["id"] = "x" + task["id"]
    other = case_actions.create_case(organisation=school, user=owner,
                                     case=case_from_data(data))
    html = client_for(owner).get(reverse("followup:log", args=[record.pk]),
                                 {"case": other.pk}).content.decode()
    assert "Typfallet kan inte prissätta loggen" in html
    assert "har inget steg" in html and 'id="flow-cost"' not in html
