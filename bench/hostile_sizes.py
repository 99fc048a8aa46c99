"""Hostile sizes for `fuzz_importers.py --hostile`: files made to stall or exhaust an importer.

Each input is written to disk once and then read in a fresh process of its own, so that the
time and the peak memory (the process's maximum resident set) belong to that input alone. The
goal: every input up to 20 MB answered — read or refused with the importer's own message —
within 5 s and under 500 MB.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from openpyxl import Workbook

from samverkan.formats.case_file import case_to_data
from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import write_template

ROOT = Path(__file__).parent.parent
LUCAS = ROOT / "samverkan" / "examples" / "lucas.yaml"
HAND_LOG = ROOT / "tests" / "fixtures" / "eventlogs" / "hand.csv"
MB = 1024 * 1024
HEADER = ["case_id", "unit", "event", "timestamp", "reporter", "school", "outcome"]
TIME_GOAL, MEMORY_GOAL = 5.0, 500.0  # seconds, MB


def _events(count: int) -> list[list[str]]:
    rows = []
    for case in range(count // 4):
        day = 1 + case % 28
        month = 1 + case % 9
        unit = f"Enhet {case % 12}"
        rows += [
            [f"p{case}", unit, "report_received", f"2025-{month:02d}-{day:02d}", "school", "s1",
             ""],
            [f"p{case}", unit, "preassessment_decided", f"2025-{month:02d}-{day:02d}", "school",
             "", "opened"],
            [f"p{case}", unit, "investigation_opened", f"2025-{month:02d}-{day:02d}", "", "", ""],
            [f"p{case}", unit, "investigation_closed", f"2025-{month + 2:02d}-{day:02d}", "", "",
             "no_intervention"],
        ]
    return rows


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _csv_of_size(path: Path, megabytes: float) -> Path:
    per_row = len(",".join(_events(4)[0])) + 1
    return _csv(path, _events(int(megabytes * MB / per_row) // 4 * 4))


def _xlsx_log(path: Path, rows: list[list[object]], far: str | None = None) -> Path:
    book = Workbook(write_only=far is None)
    sheet = book.create_sheet() if far is None else book.active
    assert sheet is not None
    for row in [HEADER, *rows]:
        sheet.append(row)
    if far is not None:
        sheet[far] = "x"
    book.save(path)
    return path


def _alias_bomb(levels: int) -> str:
    lines = ["format: samverkan/case@1", 'name: &a0 ["lol","lol","lol","lol","lol","lol","lol",'
             '"lol","lol"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _zip_bomb(path: Path, unpacked_mb: int) -> Path:
    """A workbook whose one sheet unpacks to `unpacked_mb` MB of blank space."""
    good = path.with_suffix(".good.xlsx")
    _xlsx_log(good, _events(4))
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w",
                                                         zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                with target.open(item.filename, "w") as stream:
                    stream.write(data[:-len(b"</worksheet>")])
                    block = b" " * MB
                    for _ in range(unpacked_mb):
                        stream.write(block)
                    stream.write(b"</worksheet>")
            else:
                target.writestr(item, data)
    good.unlink()
    return path


def _big_case(path: Path, tasks: int) -> Path:
    data = case_to_data(load_case(LUCAS))
    template = data["steps"][0]["tasks"][0]
    others = sum(len(step["tasks"]) for step in data["steps"][1:])
    data["steps"][0]["tasks"] = [{**template, "id": f"t{i}"} for i in range(tasks - others)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def hostile_inputs(folder: Path) -> list[tuple[str, str, Callable[[Path], Path], str]]:
    """(label, importer, maker, file name): importer "case" or "log"."""
    long_role = case_to_data(load_case(LUCAS))
    long_role["steps"][0]["tasks"][0]["participants"][0]["role"] = "r" * MB
    far_rows = [[*r, *([None] * 16377), "x"] for r in _events(8)]
    return [
        ("alias bomb, 9 levels", "case", lambda p: _text(p, _alias_bomb(9)), "bomb.yaml"),
        ("alias bomb, 30 levels", "case", lambda p: _text(p, _alias_bomb(30)), "bomb30.yaml"),
        ("alias bomb padded to 20 MB", "case",
         lambda p: _text(p, _alias_bomb(9) + "#" + "x" * 20 * MB + "\n"), "bomb20.yaml"),
        ("900 nested [ (YAML)", "case", lambda p: _text(p, "[" * 900 + "]" * 900), "d.yaml"),
        ("900 nested [ (JSON)", "case", lambda p: _text(p, "[" * 900 + "]" * 900), "d.json"),
        ("1 000 000 nested [ (JSON)", "case", lambda p: _text(p, "[" * 10**6 + "]" * 10**6),
         "d1m.json"),
        ("1 000 000 nested [ (YAML)", "case", lambda p: _text(p, "[" * 10**6 + "]" * 10**6),
         "d1m.yaml"),
        ("role id of 1 MB", "case", lambda p: _text(p, json.dumps(long_role)), "longrole.json"),
        ("case of 2 000 tasks", "case", lambda p: _big_case(p, 2_000), "big.yaml"),
        ("case of 2 001 tasks", "case", lambda p: _big_case(p, 2_001), "big2001.yaml"),
        ("template, cell at XFD1048576", "case", _far_template, "far.xlsx"),
        ("template that is not a zip", "case", lambda p: _text(p, "not a workbook"), "nz.xlsx"),
        ("template zip bomb, 1 GB", "case", lambda p: _zip_bomb(p, 1024), "zb.xlsx"),
        ("log, cell at XFD1048576", "log",
         lambda p: _xlsx_log(p, _events(4), far="XFD1048576"), "far.xlsx"),
        ("log, every row reaching XFD", "log", lambda p: _xlsx_log(p, far_rows), "wide.xlsx"),
        ("log, header of 16 384 columns", "log",
         _wide_header, "head.xlsx"),
        ("log, CSV header line of 20 MB", "log",
         lambda p: _csv(p, _events(4), HEADER + ["x" * 1000] * (20 * 1024)), "head.csv"),
        ("log, one cell of 20 MB", "log",
         lambda p: _csv(p, [["p" * 20 * MB, *_events(4)[0][1:]]]), "cell.csv"),
        ("log, xlsx that is not a zip", "log", lambda p: _text(p, "a,b\n1,2\n"), "nz.xlsx"),
        ("log, zip bomb, 1 GB", "log", lambda p: _zip_bomb(p, 1024), "zb.xlsx"),
        ("log, XES nested 100 000 deep", "log",
         lambda p: _text(p, "<log>" + "<list>" * 10**5 + "</list>" * 10**5 + "</log>"),
         "deep.xes"),
        ("log, XES entity expansion", "log", _xes_laughs, "laughs.xes"),
        # No file system keeps such a name: the reader is handed the name alone, as a command
        # line would be.
        ("log, file name of 300 bytes", "log", lambda p: p, "å" * 148 + ".csv"),
        ("case, file name of 300 bytes", "case", lambda p: p, "å" * 147 + ".yaml"),
        ("log, valid CSV of 20 MB", "log", lambda p: _csv_of_size(p, 20), "big.csv"),
        ("log, xlsx of 20 000 events (as Excel)", "log",
         lambda p: _excel_like_log(p, _events(20_000)), "big20.xlsx"),
        ("log, xlsx of 40 000 events (as Excel)", "log",
         lambda p: _excel_like_log(p, _events(40_000)), "big40.xlsx"),
        ("log, xlsx of 400 000 events (as Excel)", "log",
         lambda p: _excel_like_log(p, _events(400_000)), "big400.xlsx"),
        ("log, 48 MB unpacked of long cells", "log", lambda p: _xlsx_log(p, [
            [f"p{i}", "Nord", "report_received", "2025-01-01", "x" * 900, "", ""]
            for i in range(38_000)]), "long.xlsx"),
        ("log, xlsx of 400 000 events, no size", "log",
         lambda p: _xlsx_log(p, _events(400_000)), "big400w.xlsx"),
    ]


def _excel_like_log(path: Path, rows: list[list[str]]) -> Path:
    """A log as Excel saves it: texts in the shared-string table and the sheet's size stated
    (openpyxl's write-only mode writes neither, which openpyxl then reads far more slowly)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def _far_template(path: Path) -> Path:
    from openpyxl import load_workbook

    write_template(path, load_case(LUCAS))
    book = load_workbook(path)
    book["Kartläggning"]["XFD1048576"] = "x"
    book.save(path)
    return path


def _wide_header(path: Path) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER + [f"x{i}" for i in range(16_384 - len(HEADER))])
    book.save(path)
    return path


def _xes_laughs(path: Path) -> Path:
    entities = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    return _text(path, f"<?xml version='1.0'?><!DOCTYPE log [{''.join(entities)}]>"
                       '<log><trace><string key="concept:name" value="&l9;"/></trace></log>')


def read_one(importer: str, path: str) -> dict[str, object]:
    """Read one file as the product would; the outcome, its time and the process's peak."""
    from samverkan.errors import FileAccessError, SamverkanError
    from samverkan.formats.eventlog import read_event_log
    from samverkan.model import compute

    before = _peak_mb()
    started = time.perf_counter()
    try:
        if importer == "case":
            compute(load_case(path))  # type: ignore[arg-type]
        else:
            read_event_log(path).close()
        outcome, detail = "accepted", ""
    except SamverkanError as error:
        outcome, detail = "refused", error.problems[0].en[:100]
    except OSError as error:  # as the command line says it: FileAccessError
        outcome, detail = "refused", FileAccessError.from_os_error(error).problems[0].en[:100]
    except Exception as error:  # the point of the exercise
        outcome, detail = "bug", f"{type(error).__name__}"
    took = time.perf_counter() - started
    peak = _peak_mb()
    return {"outcome": outcome, "detail": detail, "seconds": took, "peak_mb": peak,
            "start_mb": before}


def _peak_mb() -> float:
    """The process's peak resident memory. (getrusage's maximum is kept across exec, so a child
    would report its parent's peak; the kernel's high-water mark of the new image is not.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_hostile(folder: Path) -> int:
    """Make every hostile input, read each in a process of its own, print the figures."""
    baselines = [("Lucas case (YAML)", "case", LUCAS), ("hand-made log (CSV)", "log", HAND_LOG)]
    results: list[tuple[str, int, dict[str, object]]] = []
    for label, importer, path in baselines:
        results.append((f"baseline: {label}", path.stat().st_size, _in_child(importer, path)))
    base_time = max(float(r[2]["seconds"]) for r in results)  # type: ignore[arg-type]
    base_peak = max(float(r[2]["peak_mb"]) for r in results)  # type: ignore[arg-type]
    for label, importer, make, name in hostile_inputs(folder):
        path = make(folder / name)
        size = path.stat().st_size if len(path.name.encode()) <= 255 else 0
        results.append((label, size, _in_child(importer, path)))
        if size:
            path.unlink()
    print(f"{'input':38} {'size':>10} {'outcome':9} {'s':>7} {'×base':>7} {'peak MB':>8}  "
          "message")
    for label, size, r in results:
        seconds, peak = float(r["seconds"]), float(r["peak_mb"])  # type: ignore[arg-type]
        print(f"{label:38} {size:>10,} {r['outcome']!s:9} {seconds:7.2f} "
              f"{seconds / base_time:7.1f} {peak:8.0f}  {r['detail']}")
    hostile = results[len(baselines):]
    outcomes = [str(r["outcome"]) for _, _, r in hostile]
    slowest = max(hostile, key=lambda item: float(item[2]["seconds"]))  # type: ignore[arg-type]
    largest = max(hostile, key=lambda item: float(item[2]["peak_mb"]))  # type: ignore[arg-type]
    print(f"\nhostile inputs: {len(hostile)}, refused: {outcomes.count('refused')}, accepted: "
          f"{outcomes.count('accepted')}, other exceptions: {outcomes.count('bug')}, "
          f"stalled (over 120 s): {outcomes.count('stalled')}")
    print(f"slowest: {slowest[0]}, {float(slowest[2]['seconds']):.2f} s "  # type: ignore[arg-type]
          f"({float(slowest[2]['seconds']) / base_time:.0f}× the slower baseline, "  # type: ignore[arg-type]
          f"{base_time:.2f} s); goal {TIME_GOAL:.0f} s")
    print(f"largest peak memory: {largest[0]}, {float(largest[2]['peak_mb']):.0f} MB "  # type: ignore[arg-type]
          f"(baseline process {base_peak:.0f} MB); goal {MEMORY_GOAL:.0f} MB")
    return 1 if outcomes.count("bug") or outcomes.count("stalled") else 0


def _in_child(importer: str, path: Path) -> dict[str, object]:
    code = ("import json, sys; sys.path.insert(0, sys.argv[3]); import hostile_sizes; "
            "print(json.dumps(hostile_sizes.read_one(sys.argv[1], sys.argv[2])))")
    try:
        done = subprocess.run([sys.executable, "-c", code, importer, str(path),
                               str(Path(__file__).parent)], capture_output=True, text=True,
                              timeout=120)
    except subprocess.TimeoutExpired:
        return {"outcome": "stalled", "detail": "", "seconds": 120.0, "peak_mb": 0.0}
    if done.returncode != 0:
        return {"outcome": "bug", "detail": done.stderr.strip().splitlines()[-1][:100],
                "seconds": 0.0, "peak_mb": 0.0}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
