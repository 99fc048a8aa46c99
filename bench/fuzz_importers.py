"""Feed many generated and mutated inputs to every importer; count how each one ended.

Every input must end in a valid result or the importer's own error (`SamverkanError`); any
other exception is a bug and is printed with the input that caused it. Not part of the test
suite (it runs for minutes); `tests/formats/test_importers_fuzz.py` is its small sibling.

    uv run python bench/fuzz_importers.py [--count 100000] [--seed 1] [--workers 2]
    uv run python bench/fuzz_importers.py --count 0 --hostile   # hostile sizes only

`--hostile` then reads the files of `hostile_sizes.py` (alias bombs, far cells, deep nesting,
huge headers, long names, zip bombs, large valid files), each in a process of its own, and
prints each one's outcome, time and peak memory against the goal: every input up to 20 MB
answered within 5 s under 500 MB.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook
from rich.progress import Progress

from samverkan.errors import SamverkanError
from samverkan.formats.case_file import case_to_data, parse_case_text
from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import SHEETS, read_template, write_template
from samverkan.model import compute

ROOT = Path(__file__).parent.parent
SEEDS = [ROOT / "samverkan" / "examples" / "lucas.yaml",
         ROOT / "tests" / "fixtures" / "cases" / "small.yaml",
         ROOT / "tests" / "fixtures" / "cases" / "uncertain.yaml"]

# Share of the inputs given to each importer; Excel files are slow to write, so fewer of them.
MIX = {"yaml": 0.45, "json": 0.25, "text": 0.15, "xlsx": 0.05, "eventlog": 0.10}


def random_value(rnd: random.Random, depth: int = 0) -> Any:
    kind = rnd.randrange(9 if depth < 2 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rnd.choice([True, False])
    if kind == 2:
        return rnd.randint(-10**9, 10**9)
    if kind == 3:
        return rnd.choice([0.0, -0.5, 1e308, float("inf"), float("nan"), rnd.uniform(-1e4, 1e4)])
    if kind == 4:
        return "".join(rnd.choice("abcåäö 0123-_:{}[]\n\t\"'") for _ in range(rnd.randrange(12)))
    if kind == 5:
        return rnd.choice(["school", "social_services", "collaboration", "rektor", "s1", ""])
    if kind == 6:
        return rnd.choice(["ja", "nej", "Tid med barnet", "Skola", "1e3", "  "])
    if kind == 7:
        return [random_value(rnd, depth + 1) for _ in range(rnd.randrange(3))]
    return {random_value(rnd, 2) if rnd.random() < 0.3 else rnd.choice(
        ["id", "role", "minutes", "fte", "weeks", "low", "high", "x"]): random_value(rnd, depth + 1)
        for _ in range(rnd.randrange(3))}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def mutate(document: Any, rnd: random.Random) -> Any:
    document = copy.deepcopy(document)
    for _ in range(rnd.randint(1, 5)):
        paths = [p for p in _paths(document) if p]
        if not paths:
            return random_value(rnd)
        path = rnd.choice(paths)
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        action = rnd.randrange(4)
        if action == 0:
            parent[path[-1]] = random_value(rnd)
        elif action == 1:
            del parent[path[-1]]
        elif action == 2 and isinstance(parent, list):
            parent.insert(rnd.randrange(len(parent) + 1), copy.deepcopy(parent[path[-1]]))
        elif isinstance(parent, dict):
            parent[str(random_value(rnd, 2))] = random_value(rnd)
    return document


def mutate_text(text: str, rnd: random.Random) -> str:
    chars = list(text)
    for _ in range(rnd.randint(1, 8)):
        if not chars:
            break
        i = rnd.randrange(len(chars))
        op = rnd.randrange(3)
        if op == 0:
            del chars[i : i + rnd.randint(1, 20)]
        elif op == 1:
            chars.insert(i, rnd.choice(":-[]{}#&*!|>'\"\n\t 0123456789åäö"))
        else:
            j = rnd.randrange(len(chars))
            chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def _ends_well(read: Callable[[], Any]) -> str:
    try:
        result = read()
    except SamverkanError:
        return "refused"
    if hasattr(result, "steps"):
        compute(result)
    return "accepted"


def fuzz_one(kind: str, seed: int, documents: list[Any], workdir: str) -> tuple[str, str | None]:
    """One input of one kind; returns its outcome and, for a bug, a report."""
    rnd = random.Random(seed)
    document = mutate(rnd.choice(documents), rnd)
    try:
        if kind == "yaml":
            text = yaml.safe_dump(document, allow_unicode=True)
            return _ends_well(lambda: parse_case_text(text, source="fuzz.yaml")), None
        if kind == "json":
            text = json.dumps(document, ensure_ascii=False, default=str)
            return _ends_well(lambda: parse_case_text(text, fmt="json", source="f.json")), None
        if kind == "text":
            source = yaml.safe_dump(rnd.choice(documents), allow_unicode=True)
            text = mutate_text(source, rnd)
            return _ends_well(lambda: parse_case_text(text, source="fuzz.yaml")), None
        if kind == "xlsx":
            return _fuzz_workbook(rnd, documents, Path(workdir)), None
        return _fuzz_event_log(rnd, Path(workdir)), None
    except Exception:  # the point of the exercise: anything but the importer's own error
        return "bug", f"{kind} seed={seed}\n{traceback.format_exc()}"


def _fuzz_workbook(rnd: random.Random, documents: list[Any], workdir: Path) -> str:
    from samverkan.formats.case_file import case_from_data

    path = workdir / f"fuzz-{rnd.random()}.xlsx"
    write_template(path, case_from_data(rnd.choice(documents)))
    book = load_workbook(path)
    for _ in range(rnd.randint(1, 6)):
        sheet = book[rnd.choice(SHEETS[1:])]
        value = random_value(rnd, 2)
        if isinstance(value, float) and (value != value or value in (float("inf"), -float("inf"))):
            value = None
        if isinstance(value, str):
            value = "".join(c for c in value if c.isprintable())
        sheet.cell(row=rnd.randint(1, 15), column=rnd.randint(1, 17)).value = value
    if rnd.random() < 0.05:
        del book[rnd.choice(SHEETS[1:])]
    book.save(path)
    try:
        return _ends_well(lambda: read_template(path))
    finally:
        path.unlink(missing_ok=True)


def _clean_event_rows(rnd: random.Random) -> list[list[str]]:
    """A log that passes every check, so that mutations start from something valid."""
    rows = []
    for case in range(rnd.randint(1, 8)):
        unit, reporter = rnd.choice(["Nord", "Syd"]), rnd.choice(["school", "police", ""])
        day = rnd.randint(1, 28)
        opened = rnd.random() < 0.5
        rows.append([f"p{case}", unit, "report_received", f"2026-01-{day:02d}", reporter,
                     "s1", ""])
        rows.append([f"p{case}", unit, "preassessment_decided", f"2026-02-{day:02d}", reporter,
                     "", "opened" if opened else "not_opened"])
        if opened:
            rows.append([f"p{case}", unit, "investigation_opened", f"2026-02-{day:02d}", "",
                         "", ""])
            if rnd.random() < 0.6:
                rows.append([f"p{case}", unit, "investigation_closed", f"2026-06-{day:02d}",
                             "", "", rnd.choice(["intervention", "no_intervention"])])
    rnd.shuffle(rows)
    return rows


def _event_rows(rnd: random.Random) -> list[list[str]]:
    if rnd.random() < 0.5:
        return _clean_event_rows(rnd)
    # Skatteverket's published test numbers stand in for identity numbers.
    events = ["report_received", "preassessment_decided", "investigation_opened",
              "investigation_closed", "feedback_to_reporter", "investigation_extended", "nonsense"]
    rows = []
    for case in range(rnd.randint(0, 6)):
        for _ in range(rnd.randint(1, 5)):
            rows.append([
                rnd.choice([f"p{case}", "201701012393", "1701012393", "", f"p{case},x",
                            "140168+2396", "1701012394"]),
                rnd.choice(["Nord", "Syd", "", "Ö\"st"]), rnd.choice(events),
                rnd.choice(["2026-01-31", "2026-02-30", "2026-03-01T10:00", "igår", "",
                            "2026-03-01T10:00:00+01:00", "2026-13-01"]),
                rnd.choice(["school", "police", "", "x"]), rnd.choice(["s1", "", "<&>"]),
                rnd.choice(["opened", "not_opened", "intervention", "", "x"]),
            ])
    return rows


def _fuzz_event_log(rnd: random.Random, workdir: Path) -> str:
    from xml.sax.saxutils import quoteattr

    from samverkan.formats.eventlog import read_event_log

    header = ["case_id", "unit", "event", "timestamp", "reporter", "school", "outcome"]
    if rnd.random() < 0.1:
        header[rnd.randrange(len(header))] = rnd.choice(["", "case_id", "note", "Tid"])
    rows = _event_rows(rnd)
    kind = rnd.choice(["csv", "csv", "xlsx", "xes"])
    path = workdir / f"fuzz-{rnd.random()}.{kind}"
    if kind == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [header, *rows]:
            odd = [1701012393, 20170101, 3.5, None, True, "x" * 300, "=1+1"]
            sheet.append([rnd.choice(odd) if rnd.random() < 0.1 else v for v in row])
        book.save(path)
    else:
        if kind == "csv":
            text = "\n".join(",".join(row) for row in [header, *rows])
        else:
            traces = []
            for row in rows:
                attributes = "".join(
                    f'<string key={quoteattr(k)} value={quoteattr(v)}/>'
                    for k, v in zip(["case", "unit", "concept:name", "time:timestamp",
                                     "reporter", "school", "outcome"], row, strict=True)
                    if k != "case"
                )
                traces.append(f'<trace><string key="concept:name" value={quoteattr(row[0])}/>'
                              f"<event>{attributes}</event></trace>")
            text = '<log xmlns="http://www.xes-standard.org/">' + "".join(traces) + "</log>"
        if rnd.random() < 0.3:
            text = mutate_text(text, rnd)
        path.write_text(text, encoding="utf-8")
    try:
        return _ends_well(lambda: read_event_log(path))
    finally:
        path.unlink(missing_ok=True)


def _batch(args: tuple[str, list[int], list[Any], str]) -> list[tuple[str, str, str | None]]:
    kind, seeds, documents, workdir = args
    return [(kind, *fuzz_one(kind, seed, documents, workdir)) for seed in seeds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kinds", default=",".join(MIX),
                        help="which importers, comma-separated: " + ", ".join(MIX))
    parser.add_argument("--hostile", action="store_true",
                        help="then read the hostile sizes, each in a process of its own")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    total_share = sum(MIX[k] for k in kinds)

    documents = [case_to_data(load_case(path)) for path in SEEDS]
    rnd = random.Random(args.seed)
    jobs: list[tuple[str, list[int], list[Any], str]] = []
    outcomes: Counter[tuple[str, str]] = Counter()
    bugs: list[str] = []
    with tempfile.TemporaryDirectory() as workdir:
        for kind in kinds:
            share = MIX[kind] / total_share
            seeds = [rnd.randrange(2**32) for _ in range(round(args.count * share))]
            jobs += [(kind, seeds[i : i + 200], documents, workdir)
                     for i in range(0, len(seeds), 200)]
        rnd.shuffle(jobs)
        with Progress() as progress, ProcessPoolExecutor(args.workers) as pool:
            task = progress.add_task("Fuzzing", total=sum(len(j[1]) for j in jobs))
            for results in pool.map(_batch, jobs):
                for kind, outcome, report in results:
                    outcomes[(kind, outcome)] += 1
                    if report:
                        bugs.append(report)
                progress.advance(task, len(results))
    for (kind, outcome), count in sorted(outcomes.items()):
        print(f"{kind:9} {outcome:9} {count:8d}")
    print(f"inputs: {sum(outcomes.values())}, other exceptions (bugs): {len(bugs)}")
    for report in bugs[:5]:
        print(report)
    failed = bool(bugs)
    if args.hostile:
        from hostile_sizes import run_hostile

        print()
        with tempfile.TemporaryDirectory() as folder:
            failed = bool(run_hostile(Path(folder))) or failed
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()

