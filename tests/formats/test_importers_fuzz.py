"""Fuzzed case-file importers: any input ends in a case or the importer's own error.

`bench/fuzz_importers.py` runs the same idea at a much larger scale outside the suite.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from samverkan.errors import CaseFileError
from samverkan.formats.case_file import case_from_data, case_to_data, parse_case_text
from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import MAPPING_SHEET, SHEETS, read_template, write_template
from samverkan.model import Case, compute

SMALL = Path(__file__).parent.parent / "fixtures" / "cases" / "small.yaml"
BASE = case_to_data(load_case(SMALL))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return document


def _case_or_own_error(read: Any) -> Case | None:
    try:
        case = read()
    except CaseFileError as error:
        assert error.problems and all(p.sv and p.en for p in error.problems)
        return None
    assert isinstance(case, Case)
    compute(case)  # a case that was accepted can always be computed
    return case


@settings(max_examples=300, deadline=None)
@given(mutated_documents())
def test_mutated_documents(document: Any) -> None:
    _case_or_own_error(lambda: case_from_data(document, source="fuzz.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["yaml", "json"]))
def test_arbitrary_text(text: str, fmt: str) -> None:
    _case_or_own_error(lambda: parse_case_text(text, fmt=fmt, source="fuzz"))


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "fall.xlsx"
    write_template(path, load_case(SMALL))
    return path


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(SHEETS[1:]), st.integers(1, 12), st.integers(1, 17),
                          scalars.filter(lambda v: not isinstance(v, str) or v.isprintable())),
                min_size=1, max_size=5))
def test_mutated_workbooks(filled_template: Path, tmp_path: Path,
                           edits: list[tuple[str, int, int, Any]]) -> None:
    book = load_workbook(filled_template)
    for sheet, row, column, value in edits:
        if isinstance(value, float) and value != value:  # Excel has no NaN
            value = None
        book[sheet].cell(row=row, column=column).value = value
    path = tmp_path / f"fuzz-{abs(hash(str(edits)))}.xlsx"
    book.save(path)
    _case_or_own_error(lambda: read_template(path))


def test_untouched_template_reads_back(filled_template: Path) -> None:
    assert read_template(filled_template) == load_case(SMALL)
    assert load_workbook(filled_template)[MAPPING_SHEET].max_row > 1
