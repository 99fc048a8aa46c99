"""XES (IEEE 1849), the process-mining exchange format, read and written as a stream.

A trace is a case: its `concept:name` is the case pseudonym. An event's `concept:name` is the
event name and `time:timestamp` its time; the other contract columns (`unit`, `reporter`,
`school`, `outcome`) are string attributes of the same name, on the event or — for a whole case —
on the trace. Logs written here open in PM4Py, Disco and ProM, and theirs open here.

Both directions stream, so that a log of millions of events never sits in memory as a tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

from samverkan.errors import EventLogError, Place
from samverkan.formats.eventlog_schema import COLUMNS

__all__ = ["read_xes_rows", "write_xes"]

_NAME = "concept:name"
_TIME = "time:timestamp"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_xes_rows(
    path: Path, progress: Callable[[int, int], None] | None = None
) -> Iterator[dict[str, str | None]]:
    """One dict per event with the contract's columns, in file order.

    Attributes outside the contract are kept under their own keys, so that the identity-number
    guard sees them too; the caller refuses what it does not know.
    """
    size = path.stat().st_size
    stack: list[str] = []
    trace: dict[str, str | None] = {}
    event: dict[str, str | None] = {}
    try:
        with path.open("rb") as stream:
            for action, element in ET.iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if action == "start":
                    stack.append(tag)
                    if tag == "trace":
                        trace = {}
                    elif tag == "event":
                        event = {}
                    continue
                stack.pop()
                parent = stack[-1] if stack else ""
                if tag == "event":
                    yield {**_case_columns(trace), **event}
                    element.clear()
                    if progress is not None:
                        progress(stream.tell(), size)
                elif tag == "trace":
                    element.clear()
                elif "key" in element.attrib and "value" in element.attrib:
                    key = _column_for(element.attrib["key"])
                    if parent == "event":
                        event[key] = element.attrib["value"]
                    elif parent == "trace":
                        trace[key] = element.attrib["value"]
    except ET.ParseError as error:
        line, column = error.position
        raise EventLogError.single(
            f"filen är inte giltig XML (rad {line}, tecken {column})",
            f"the file is not valid XML (line {line}, character {column})",
            Place(file=path.name),
        ) from None


def _column_for(key: str) -> str:
    if key == _NAME:
        return "event"
    if key == _TIME:
        return "timestamp"
    return key


def _case_columns(trace: dict[str, str | None]) -> dict[str, str | None]:
    # The trace's concept:name is read as "event" by _column_for; on a trace it is the case.
    columns = {k: v for k, v in trace.items() if k != "event"}
    columns["case_id"] = trace.get("event")
    return columns


def write_xes(rows: Iterable[tuple[str | None, ...]], stream: IO[str]) -> None:
    """Write rows in the contract's column order, sorted by case, as XES."""
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write('<log xes.version="1.0" xes.features="nested-attributes" '
                 'xmlns="http://www.xes-standard.org/">\n')
    stream.write('  <extension name="Concept" prefix="concept" '
                 'uri="http://www.xes-standard.org/concept.xesext"/>\n')
    stream.write('  <extension name="Time" prefix="time" '
                 'uri="http://www.xes-standard.org/time.xesext"/>\n')
    index = {name: i for i, name in enumerate(COLUMNS)}
    current: str | None = None
    for row in rows:
        case_id = row[index["case_id"]]
        if case_id != current:
            if current is not None:
                stream.write("  </trace>\n")
            stream.write("  <trace>\n")
            stream.write(f'    <string key="{_NAME}" value={quoteattr(case_id or "")}/>\n')
            current = case_id
        stream.write("    <event>\n")
        event, timestamp = row[index["event"]] or "", row[index["timestamp"]] or ""
        stream.write(f'      <string key="{_NAME}" value={quoteattr(event)}/>\n')
        stream.write(f'      <date key="{_TIME}" value={quoteattr(timestamp)}/>\n')
        for column in ("unit", "reporter", "school", "outcome"):
            value = row[index[column]]
            if value is not None:
                stream.write(f'      <string key="{column}" value={quoteattr(value)}/>\n')
        stream.write("    </event>\n")
    if current is not None:
        stream.write("  </trace>\n")
    stream.write("</log>\n")
