"""Shared fixtures: the small hand-computed case files and the shipped examples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samverkan.formats.case_io import load_case
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


def _on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that only make sense on PostgreSQL are left out of a SQLite run, not skipped."""
    if _on_postgresql():
        return
    kept = [i for i in items if not i.get_closest_marker("postgres_only")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI every tool a test needs is installed by `make setup`: a skip there is a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, where nothing may be missing: {reason}"
