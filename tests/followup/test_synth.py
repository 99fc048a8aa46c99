"""Synthetic logs: valid by the importer's own checks, reproducible, and units that differ."""

from __future__ import annotations

from pathlib import Path

from samverkan.followup.indicators import TOTAL, Period, compute_indicators
from samverkan.followup.synth import synthetic_log
from samverkan.formats.eventlog import read_event_log, write_event_log


def test_a_synthetic_log_passes_every_check_of_the_importer(tmp_path: Path):
    path = tmp_path / "log.csv"
    write_event_log(synthetic_log(cases=2000, units=4, seed=1), path)
    log = read_event_log(path)
    assert log.count("cases") == 2000 and log.count("units") == 4


def test_the_same_seed_gives_the_same_log_and_another_seed_another(tmp_path: Path):
    paths = [tmp_path / f"{i}.csv" for i in range(3)]
    for path, seed in zip(paths, (7, 7, 8), strict=True):
        write_event_log(synthetic_log(cases=500, units=3, seed=seed), path)
    assert paths[0].read_bytes() == paths[1].read_bytes() != paths[2].read_bytes()


def test_units_differ_and_the_newest_cases_are_still_open():
    log = synthetic_log(cases=20_000, units=8, seed=3)
    table = compute_indicators(log, period=Period.year)
    last = table.periods[-1]
    on_time = [table.cell(last, "preassessment_within_14_days", g).value for g in table.groups]
    assert max(v or 0 for v in on_time) - min(v or 0 for v in on_time) > 0.1
    assert (table.cell(last, "investigation_not_yet_due", TOTAL).value or 0) > 0
