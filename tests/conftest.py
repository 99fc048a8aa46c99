"""Shared fixtures: the small hand-computed case files and the shipped examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.formats.case_file import load_case
from samverkan.model import Case

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "cases"
EXAMPLES = Path(__file__).parent.parent / "samverkan" / "examples"


@pytest.fixture
def small() -> Case:
    return load_case(CASES / "small.yaml")


@pytest.fixture
def small_alt() -> Case:
    return load_case(CASES / "small-alt.yaml")


@pytest.fixture(scope="session")
def lucas() -> Case:
    return load_case(EXAMPLES / "lucas.yaml")


@pytest.fixture(scope="session")
def lucas_samverkan() -> Case:
    return load_case(EXAMPLES / "lucas-samverkan.yaml")


EVENTLOGS = FIXTURES / "eventlogs"
