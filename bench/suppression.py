"""Small-count protection's cost: the audit over every view of a log against computing them.

Baselines, measured in the same run on the same log: computing the six indicator tables (both
breakdowns, every period length) that the protection needs — the ratio is what the audit adds —
and the protection with the former selection of figures (one more figure per open count and
round, every count asked again each round), against which the present one's time and figures
hidden are compared. Then the same views built from the protection as it is kept with a stored
log (JSON read back), which is what a page or download costs once the log is stored.

    uv run python bench/suppression.py [--cases 20000] [--units 8] [--seconds 15] [--no-former]

A protection not settled within `--seconds` (0: no limit) prints how far the audit came —
rounds, linear programs, hidden counts still open — as the web page's progress shows it.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping

from samverkan.errors import ProtectionTooSlowError
from samverkan.followup.family import all_views
from samverkan.followup.indicators import IndicatorTable
from samverkan.followup.protection import protect, protected_views
from samverkan.followup.suppression import (
    FORMER_SELECTION,
    SELECTION,
    Audit,
    Selection,
    Status,
    View,
    suppress_family,
)
from samverkan.followup.synth import synthetic_log


def _run(name: str, tables: Mapping[View, IndicatorTable], selection: Selection,
         seconds: float | None, views_time: float) -> tuple[float, int | None]:
    """Seconds taken (the limit when not settled) and figures hidden (None when not settled)."""
    audit = Audit()
    start = time.perf_counter()
    try:
        views = suppress_family(tables, audit=audit, seconds=seconds, selection=selection)
    except ProtectionTooSlowError:
        took = time.perf_counter() - start
        print(f"  {name}: not settled within {took:.0f} s ({took / views_time:.0f}× the views): "
              f"{audit.rounds - 1} rounds done, {audit.programs} linear programs, "
              f"{audit.open} hidden counts still open after the last")
        return took, None
    took = time.perf_counter() - start
    cells = [s for v in views.values() for s in v.cells.values()]
    hidden = sum(s.status in (Status.SMALL, Status.HIDDEN, Status.SECONDARY) for s in cells)
    secondary = sum(s.status is Status.SECONDARY for s in cells)
    print(f"  {name}: {took:.2f} s ({took / views_time:.0f}× the views), {audit.rounds} rounds, "
          f"{audit.programs} linear programs, {hidden} of {len(cells)} figures hidden "
          f"({secondary} secondary), {len(audit.unprotected)} unprotected")
    return took, hidden


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--no-former", action="store_true",
                        help="skip the former selection (it may need the whole --seconds)")
    args = parser.parse_args()
    seconds = args.seconds or None
    log = synthetic_log(cases=args.cases, units=args.units, seed=0)
    start = time.perf_counter()
    tables = all_views(log)
    views_time = time.perf_counter() - start
    print(f"{args.cases} cases, {args.units} units: six views {views_time:.2f} s")
    took, hidden = _run("protection", tables, SELECTION, seconds, views_time)
    if not args.no_former:
        former_took, former_hidden = _run("former selection", tables, FORMER_SELECTION,
                                          seconds, views_time)
        if hidden is not None:
            at_least = "" if former_hidden is not None else "at least "
            print(f"  the present selection is {at_least}{former_took / took:.1f}× as fast"
                  + (f", hiding {hidden - former_hidden:+d} figures"
                     if former_hidden is not None else ""))
    if hidden is None:
        return
    text = json.dumps(protect(log, seconds=seconds))
    start = time.perf_counter()
    kept = protected_views(log, json.loads(text))
    kept_time = time.perf_counter() - start
    assert kept is not None
    print(f"  from the kept protection ({len(text) // 1024} KiB of JSON): {kept_time:.2f} s "
          f"({kept_time / views_time:.1f}× the views, "
          f"{took / kept_time:.0f}× faster than working it out)")


if __name__ == "__main__":
    main()
