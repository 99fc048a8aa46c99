"""One vocabulary: every word the product writes or shows for a category or a group is read
back by the Excel template, and the template writes the words the pages show."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan.formats.excel_template import (
    MAPPING_COLUMNS,
    MAPPING_SHEET,
    ORG_COLUMNS,
    ORGS_SHEET,
    read_template,
    write_template,
)
from samverkan.model import Case, Category
from samverkan.model.vocabulary import CATEGORY_LABELS, GROUP_LABELS, GROUP_TOTAL_LABELS
from samverkan.reports.labels import category_label, group_label

# Every word for a category: its id and its label in each language, as pages and reports say it.
CATEGORY_WORDS = [(c, word) for c in Category
                  for word in (c.value, category_label(c, "sv"), category_label(c, "en"))]
GROUP_WORDS = [(g, word) for table in (GROUP_LABELS, GROUP_TOTAL_LABELS)
               for g, words in table.items() for word in (g, *words)]


def _column(columns: tuple, key: str) -> int:
    return next(i for i, c in enumerate(columns, start=1) if c.key == key)


@pytest.mark.parametrize(("category", "word"), CATEGORY_WORDS)
def test_every_category_label_round_trips_through_the_template(
        small: Case, tmp_path: Path, category: Category, word: str) -> None:
    # A collaboration task is one with an exchange occasion, and only such a task is one.
    wanted = category is Category.COLLABORATION
    step, task = next((s, t) for s in small.steps for t in s.tasks
                      if (t.exchange is not None) == wanted)
    path = tmp_path / "fall.xlsx"
    write_template(path, small)
    book = load_workbook(path)
    sheet = book[MAPPING_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(row=r, column=_column(MAPPING_COLUMNS, "id")).value == task.id)
    sheet.cell(row=row, column=_column(MAPPING_COLUMNS, "category"), value=word)
    book.save(path)
    # Nothing else moved: the case is the one written, with that task's category set.
    changed = replace(step, tasks=tuple(replace(t, category=category) if t is task else t
                                        for t in step.tasks))
    assert read_template(path) == replace(
        small, steps=tuple(changed if s is step else s for s in small.steps))


@pytest.mark.parametrize(("group", "word"), GROUP_WORDS)
def test_every_group_word_round_trips_through_the_template(
        small: Case, tmp_path: Path, group: str, word: str) -> None:
    path = tmp_path / "fall.xlsx"
    write_template(path, small)
    book = load_workbook(path)
    book[ORGS_SHEET].cell(row=2, column=_column(ORG_COLUMNS, "group"), value=word.upper())
    book.save(path)
    assert read_template(path).organisations[0].group == group


def test_the_template_writes_the_labels_the_pages_show(small: Case, tmp_path: Path) -> None:
    path = tmp_path / "fall.xlsx"
    write_template(path, small)
    sheet = load_workbook(path)[MAPPING_SHEET]
    written = {sheet.cell(row=r, column=_column(MAPPING_COLUMNS, "category")).value
               for r in range(2, sheet.max_row + 1)} - {None}
    shown = {category_label(t.category, "sv") for t in small.tasks}
    assert written == shown
    groups = load_workbook(path)[ORGS_SHEET]
    assert {groups.cell(row=r, column=_column(ORG_COLUMNS, "group")).value
            for r in range(2, groups.max_row + 1)} - {None} == {
        GROUP_LABELS[o.group].sv for o in small.organisations}


def test_pages_reports_and_template_share_the_labels() -> None:
    for category, words in CATEGORY_LABELS.items():
        assert (category_label(category, "sv"), category_label(category, "en")) == words
    for group, words in GROUP_TOTAL_LABELS.items():
        assert (group_label(group, "sv"), group_label(group, "en")) == words


def test_an_earlier_templates_words_are_still_read(small: Case, tmp_path: Path) -> None:
    path = tmp_path / "fall.xlsx"
    write_template(path, small)
    book = load_workbook(path)
    book[MAPPING_SHEET].cell(row=2, column=_column(MAPPING_COLUMNS, "category"),
                             value="Internt")
    book.save(path)
    assert read_template(path).steps[0].tasks[0].category is Category.INTERNAL
