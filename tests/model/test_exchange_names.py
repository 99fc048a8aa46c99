"""Exchange occasions are named: in the case file, the model, edits, history and reports."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan.errors import CaseEditError, CaseFileError
from samverkan.formats.case_file import case_to_data, dump_case_text, parse_case_text
from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import EXCHANGES_SHEET, read_template, write_template
from samverkan.formats.results_json import result_to_data
from samverkan.model import (
    Case,
    Exchange,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    case_changes,
    compute,
    edit,
    exchange_occasions,
    readable_id,
    replay,
    stale_elements,
    uploaded_elements,
)
from samverkan.reports.timeline import task_summary

EXAMPLES = Path(__file__).parents[2] / "samverkan" / "examples"

CASE_TEXT = """\
format: samverkan/case@1
name: Sara
organisations:
  - {id: skola, name: Skolan, group: school}
  - {id: soc, name: Socialtjänsten, group: social_services}
roles:
  - {id: kurator, name: Kurator, monthly_cost: 49500}
steps:
  - id: s1
    name: Orosanmälan
    weeks: 2
    tasks:
      - {id: t1, org: skola, name: Möte, exchange: anmalningsmote,
         participants: [{role: kurator, minutes: 60}]}
      - {id: t2, org: soc, name: Möte, exchange: anmalningsmote,
         participants: [{role: kurator, minutes: 60}]}
      - {id: t3, org: soc, name: Uppföljning, exchange: uppfoljning_2,
         participants: [{role: kurator, minutes: 30}]}
"""

NAMES = """\
exchanges:
  - {id: anmalningsmote, name: Anmälningsmöte vid mottagandet}
"""


def _case(extra: str = NAMES) -> Case:
    return parse_case_text(CASE_TEXT + extra)


def test_a_named_occasion_has_its_name_and_one_without_is_its_id_made_readable() -> None:
    case = _case()
    assert case.exchange_name("anmalningsmote") == "Anmälningsmöte vid mottagandet"
    assert case.exchange_name("uppfoljning_2") == "Uppfoljning 2"
    assert [(e.id, e.name) for e in case.named_exchanges] == [
        ("anmalningsmote", "Anmälningsmöte vid mottagandet"), ("uppfoljning_2", "Uppfoljning 2")]


def test_a_file_without_names_is_still_read() -> None:
    case = _case("")
    assert case.exchanges == ()
    assert case.exchange_name("anmalningsmote") == "Anmalningsmote"


def test_a_name_for_an_occasion_no_task_has_is_refused_at_its_place() -> None:
    with pytest.raises(CaseFileError) as caught:
        _case(NAMES + "  - {id: avslut, name: Avslut}\n")
    text = str(caught.value)
    assert "exchanges[1].id" in text
    assert "ingen arbetsuppgift har samverkanstillfället 'avslut'" in text
    assert "no task has the exchange occasion 'avslut'" in text


def test_an_occasion_named_twice_is_refused() -> None:
    with pytest.raises(CaseFileError) as caught:
        _case(NAMES + "  - {id: anmalningsmote, name: Annat namn}\n")
    text = str(caught.value)
    assert "exchanges[1].id" in text
    assert "named more than once" in text


def test_names_are_written_only_for_occasions_in_use_and_read_back() -> None:
    case = _case()
    # A name left behind by a deleted task is not written (the format would refuse it).
    stale = edit.delete_task(edit.delete_task(case, "t1"), "t2")
    assert "exchanges" not in case_to_data(stale)
    assert parse_case_text(dump_case_text(case)) == case
    assert parse_case_text(dump_case_text(case, "json"), fmt="json") == case


def test_the_template_round_trips_names_and_names_occasions_without_one(tmp_path: Path) -> None:
    case = _case()
    path = tmp_path / "sara.xlsx"
    write_template(path, case)
    sheet = load_workbook(path)[EXCHANGES_SHEET]
    rows = [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [("anmalningsmote", "Anmälningsmöte vid mottagandet"),
                    ("uppfoljning_2", "Uppfoljning 2")]
    assert read_template(path) == case
    # Someone names the second occasion in Excel.
    book = load_workbook(path)
    book[EXCHANGES_SHEET]["B3"] = "Uppföljningssamtal"
    book.save(path)
    assert read_template(path).exchange_name("uppfoljning_2") == "Uppföljningssamtal"


def test_a_template_without_the_sheet_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    write_template(path, _case())
    book = load_workbook(path)
    del book[EXCHANGES_SHEET]
    book.save(path)
    assert read_template(path).exchanges == ()


def test_results_reports_and_history_speak_of_the_name() -> None:
    case = _case()
    result = compute(case)
    occasions = exchange_occasions(result)
    assert [o.name for o in occasions] == ["Anmälningsmöte vid mottagandet", "Uppfoljning 2"]
    data = json.loads(json.dumps(result_to_data(result)))
    assert data["exchange_occasions"] == ["anmalningsmote", "uppfoljning_2"]
    assert data["exchanges"][0]["name"] == "Anmälningsmöte vid mottagandet"
    t1 = case.tasks[0]
    assert "informationsutbyte: Anmälningsmöte vid mottagandet" in task_summary(result, t1)
    moved, exchange_id = edit.exchange_for_name(case, "Uppfoljning 2")
    assert exchange_id == "uppfoljning_2"
    after = edit.replace_task(moved, "t1", Task("t1", "skola", "Möte", exchange=exchange_id,
                                                participants=t1.participants))
    texts = " ".join(c.describe("sv") for c in case_changes(case, after))
    assert "samverkanstillfälle ”Anmälningsmöte vid mottagandet” → ”Uppfoljning 2”" in texts
    assert "anmalningsmote" not in texts


def test_a_user_picks_an_occasion_by_name_or_writes_a_new_one() -> None:
    case = _case()
    # The existing name, however it is spaced or capitalised, is the existing occasion.
    same, found = edit.exchange_for_name(case, "  anmälningsmöte   VID mottagandet ")
    assert (same, found) == (case, "anmalningsmote")
    # A new name gets an id made from it, never typed, and the case keeps the name.
    named, new = edit.exchange_for_name(case, "Avslutande möte / familjen")
    assert new == "avslutande-mote-familjen"
    assert named.exchanges[-1] == Exchange(new, "Avslutande möte / familjen")
    # A name whose id is taken gets the next free one.
    again, second = edit.exchange_for_name(
        Case("x", (), (), (), exchanges=(Exchange("mote", "Ett"),)), "Möte")
    assert second == "mote-2" and again.exchange_name("mote-2") == "Möte"
    assert edit.exchange_for_name(case, "   ") == (case, None)


def test_a_task_saved_with_a_new_name_is_written_with_it() -> None:
    base = Case("Sara", (Organisation("skola", "Skolan", "school"),),
                (Role("kurator", "Kurator", 49_500),), (Step("s1", "Steg", 1),))
    typed = Task("", "skola", "Möte", exchange="Möte om skolgången",
                 participants=(Participant("kurator", minutes=30),))
    case, task = edit.task_with_named_exchange(base, typed)
    case = edit.add_task(case, "s1", task)
    data = case_to_data(case)
    assert data["steps"][0]["tasks"][0]["exchange"] == "mote-om-skolgangen"
    assert data["exchanges"] == [{"id": "mote-om-skolgangen", "name": "Möte om skolgången"}]
    assert parse_case_text(dump_case_text(case)).exchange_name("mote-om-skolgangen") == \
        "Möte om skolgången"


@pytest.mark.parametrize(
    "example", ["lucas.yaml", "lucas-samverkan.yaml", "lucas-skolsocionom.yaml"]
)
def test_the_lucas_examples_name_every_occasion(example: str) -> None:
    case = load_case(EXAMPLES / example)
    assert case.exchange_occasions
    for exchange in case.named_exchanges:
        assert exchange.name != readable_id(exchange.id)


def test_readable_id() -> None:
    assert readable_id("referentsamtal-2") == "Referentsamtal 2"
    assert readable_id("skola_a__mote") == "Skola a mote"


def test_an_occasion_is_renamed_and_the_history_says_so() -> None:
    case = _case()
    renamed = edit.rename_exchange(case, "uppfoljning_2", "Uppföljande möte")
    assert renamed.exchange_name("uppfoljning_2") == "Uppföljande möte"
    assert [t.exchange for t in renamed.tasks] == [t.exchange for t in case.tasks]
    texts = [c.describe("sv") for c in case_changes(case, renamed)]
    assert texts == ["Informationsutbytet Uppfoljning 2: namn ”Uppfoljning 2” → ”Uppföljande möte”"]
    with pytest.raises(CaseEditError):
        edit.rename_exchange(case, "uppfoljning_2", "anmälningsmöte vid MOTTAGANDET")
    with pytest.raises(CaseEditError):
        edit.rename_exchange(case, "avslut", "Avslut")
    with pytest.raises(CaseEditError):
        edit.rename_exchange(case, "uppfoljning_2", "  ")


def test_an_upload_that_renames_an_occasion_changes_it_and_nothing_else() -> None:
    base = _case()
    upload = edit.rename_exchange(base, "anmalningsmote", "Första mötet")
    assert uploaded_elements(base, upload) == (("exchange", "anmalningsmote"),)
    # A colleague meanwhile changed a task: both are kept.
    current = edit.replace_task(base, "t3", replace(base.tasks[2], name="Uppföljningen"))
    assert stale_elements(current, base, upload) == ()
    merged = replay(current, base, upload)
    assert merged.exchange_name("anmalningsmote") == "Första mötet"
    assert merged.tasks[2].name == "Uppföljningen"
    # A colleague who renamed the same occasion makes the upload stale there.
    other = edit.rename_exchange(base, "anmalningsmote", "Mötet")
    assert stale_elements(other, base, upload) == (("exchange", "anmalningsmote"),)


def test_an_upload_keeps_a_colleagues_name_for_an_occasion_it_did_not_rename() -> None:
    base = _case()
    current = edit.rename_exchange(base, "uppfoljning_2", "Uppföljande möte")
    upload = edit.rename_exchange(base, "anmalningsmote", "Första mötet")
    merged = replay(current, base, upload)
    assert merged.exchange_name("uppfoljning_2") == "Uppföljande möte"
    assert merged.exchange_name("anmalningsmote") == "Första mötet"
