"""Small-count protection's cost: the audit over every view of a log against computing them.

Baseline, measured in the same run on the same log: computing the six indicator tables (both
breakdowns, every period length) that the protection needs. The ratio is what the audit adds.
Then the same views built from the protection as it is kept with a stored log (JSON read back),
which is what a page or download costs once the log is stored.

    uv run python bench/suppression.py [--cases 20000] [--units 8] [--seconds 15]

A log that is not protected within `--seconds` (0: no limit) prints how far the audit came —
rounds, linear programs, hidden counts still open — as the web page's progress shows it.
"""

from __future__ import annotations

import argparse
import json
import time

from samverkan.errors import ProtectionTooSlowError
from samverkan.followup.family import all_views
from samverkan.followup.protection import protect, protected_views
from samverkan.followup.suppression import Audit, Status, suppress_family
from samverkan.followup.synth import synthetic_log


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    seconds = args.seconds or None
    log = synthetic_log(cases=args.cases, units=args.units, seed=0)
    start = time.perf_counter()
    tables = all_views(log)
    views_time = time.perf_counter() - start
    audit = Audit()
    start = time.perf_counter()
    try:
        views = suppress_family(tables, audit=audit, seconds=seconds)
    except ProtectionTooSlowError:
        took = time.perf_counter() - start
        print(f"{args.cases} cases, {args.units} units: six views {views_time:.2f} s, not "
              f"protected within {args.seconds:.0f} s ({took / views_time:.0f}× the views): "
              f"{audit.rounds - 1} rounds done, {audit.programs} linear programs, "
              f"{audit.open} hidden counts still open after the last")
        return
    audit_time = time.perf_counter() - start
    cells = [s for v in views.values() for s in v.cells.values()]
    hidden = sum(s.status in (Status.SMALL, Status.HIDDEN, Status.SECONDARY) for s in cells)
    secondary = sum(s.status is Status.SECONDARY for s in cells)
    print(f"{args.cases} cases, {args.units} units: six views {views_time:.2f} s, "
          f"protection {audit_time:.2f} s ({audit_time / views_time:.0f}× the views), "
          f"{audit.rounds} rounds, {audit.programs} linear programs, "
          f"{hidden} of {len(cells)} figures hidden ({secondary} secondary), "
          f"{len(audit.unprotected)} unprotected")
    text = json.dumps(protect(log))
    start = time.perf_counter()
    kept = protected_views(log, json.loads(text))
    kept_time = time.perf_counter() - start
    assert kept is not None
    print(f"from the kept protection ({len(text) // 1024} KiB of JSON): {kept_time:.2f} s "
          f"({kept_time / views_time:.1f}× the views, "
          f"{audit_time / kept_time:.0f}× faster than working it out)")


if __name__ == "__main__":
    main()
