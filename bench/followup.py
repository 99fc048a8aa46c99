"""Follow-up speed: per-case durations and per-unit monthly medians on synthetic logs.

Three ways, measured in the same run on the same file:
  samverkan  read_event_log (every check and the identity-number guard) + case_durations +
             monthly_median_durations
  floor      a hand-written DuckDB query straight on the CSV (no checks at all)
  PM4Py      pandas.read_csv + pm4py.format_dataframe + pm4py.get_all_case_durations and the
             monthly medians with pandas
Each is also timed on data already in memory (the analytics alone), because the import's checks
are work the floor does not do. Goals: samverkan ≥ 20× faster than PM4Py, ≤ 1.5× the floor.

    uv run --group bench python bench/followup.py [--events 1000000 10000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import warnings
from pathlib import Path
from typing import Any

import duckdb
from durations import (  # bench/durations.py: what is measured, beside this script
    DURATIONS_TABLE,
    case_durations,
    monthly_median_durations,
)
from timing import best  # bench/timing.py, beside this script

from samverkan.followup.synth import synthetic_log
from samverkan.formats.eventlog import EventLog, read_event_log, write_event_log

EVENTS_PER_CASE = 3.6  # what the synthetic logs hold on average (3.5–3.7)

FLOOR_SQL = """
WITH d AS (
  SELECT case_id, any_value(unit) AS unit, min(ts) AS first_ts,
         epoch(max(ts) - min(ts)) / 86400.0 AS days
  FROM {source} GROUP BY case_id
)
SELECT unit, strftime(first_ts, '%Y-%m') AS start_month, median(days) FROM d
GROUP BY ALL ORDER BY ALL
"""


def samverkan_from_file(path: Path) -> list[tuple[str, str, float]]:
    log = read_event_log(path)
    case_durations(log)
    result = monthly_median_durations(log)
    log.close()
    return result


def samverkan_in_memory(log: EventLog) -> list[tuple[str, str, float]]:
    # From scratch every time: the per-case table samverkan keeps after a first question is
    # dropped, so that a repeat measures the work and not the kept answer.
    log.connection.execute(f"DROP TABLE IF EXISTS {DURATIONS_TABLE}")
    case_durations(log)
    return monthly_median_durations(log)


def floor_from_file(path: Path) -> list[tuple[str, str, float]]:
    connection = duckdb.connect()
    source = (
        f"(SELECT case_id, unit, CAST(timestamp AS TIMESTAMP) AS ts FROM read_csv('{path}'))"
    )
    connection.execute(
        "SELECT case_id, any_value(unit), epoch(max(ts) - min(ts)) / 86400.0 FROM " + source
        + " GROUP BY case_id"
    ).fetchnumpy()
    rows = connection.execute(FLOOR_SQL.format(source=source)).fetchall()
    connection.close()
    return rows


def floor_in_memory(log: EventLog) -> list[tuple[str, str, float]]:
    connection = log.connection
    connection.execute(
        "SELECT case_id, any_value(unit), epoch(max(ts) - min(ts)) / 86400.0 FROM events "
        "GROUP BY case_id"
    ).fetchnumpy()
    return connection.execute(FLOOR_SQL.format(source="events")).fetchall()


def pm4py_pipeline(frame: Any) -> Any:
    import pm4py

    frame = pm4py.format_dataframe(frame, case_id="case_id", activity_key="event",
                                   timestamp_key="timestamp")
    pm4py.get_all_case_durations(frame)
    # Monthly medians per unit: PM4Py gives durations per case; group them with pandas.
    per_case = frame.groupby("case:concept:name").agg(
        unit=("unit", "first"), first=("time:timestamp", "min"), last=("time:timestamp", "max")
    )
    per_case["days"] = (per_case["last"] - per_case["first"]).dt.total_seconds() / 86400
    per_case["month"] = per_case["first"].dt.strftime("%Y-%m")
    return per_case.groupby(["unit", "month"])["days"].median()


def pm4py_from_file(path: Path) -> Any:
    import pandas

    return pm4py_pipeline(pandas.read_csv(path))


def measure(events: int, folder: Path, repeat: int, skip_pm4py_above: int) -> None:
    cases = int(events / EVENTS_PER_CASE)
    path = folder / f"log-{events}.csv"
    log = synthetic_log(cases=cases, units=8, seed=1)
    write_event_log(log, path)
    n = log.count()
    print(f"\n{n:,} events, {cases:,} cases ({path.stat().st_size / 1e6:.0f} MB CSV)")

    t_sam_file, ours = best(lambda: samverkan_from_file(path), repeat)
    t_floor_file, floor = best(lambda: floor_from_file(path), repeat)
    t_sam_mem, _ = best(lambda: samverkan_in_memory(log), repeat)
    t_floor_mem, _ = best(lambda: floor_in_memory(log), repeat)
    assert [r[:2] for r in ours] == [r[:2] for r in floor]
    assert all(abs(a[2] - b[2]) < 1e-9 for a, b in zip(ours, floor, strict=True))

    print(f"  from the CSV file   samverkan {t_sam_file:7.2f} s   floor "
          f"{t_floor_file:7.2f} s   ratio to floor {t_sam_file / t_floor_file:5.2f}")
    print(f"  analytics in memory samverkan {t_sam_mem:7.3f} s   floor "
          f"{t_floor_mem:7.3f} s   ratio to floor {t_sam_mem / t_floor_mem:5.2f}")
    if n <= skip_pm4py_above:
        import pandas

        frame = pandas.read_csv(path)
        t_pm_file, theirs = best(lambda: pm4py_from_file(path), 1)
        t_pm_mem, _ = best(lambda: pm4py_pipeline(frame.copy()), 1)
        medians = {(u, m): d for u, m, d in ours}
        assert all(abs(medians[key] - value) < 1e-6 for key, value in theirs.items())
        print(f"  PM4Py               from file {t_pm_file:7.2f} s   in memory "
              f"{t_pm_mem:7.2f} s")
        print(f"  speed-up over PM4Py from file {t_pm_file / t_sam_file:6.1f}×   "
              f"in memory {t_pm_mem / t_sam_mem:6.1f}×")
    log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The largest size stays under the importer's limit of a million events per log.
    parser.add_argument("--events", type=int, nargs="+", default=[100_000, 950_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pm4py-above", type=int, default=20_000_000,
                        help="leave PM4Py out for logs larger than this many events")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    with tempfile.TemporaryDirectory() as folder:
        for events in args.events:
            measure(events, Path(folder), args.repeat, args.skip_pm4py_above)
    print("\nGoals: ≥ 20× faster than PM4Py; ≤ 1.5× the floor.")


if __name__ == "__main__":
    main()
