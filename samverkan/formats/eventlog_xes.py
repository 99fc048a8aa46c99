"""XES (IEEE 1849), the process-mining exchange format, read and written as a stream.

A trace is a case: its `concept:name` is the case pseudonym. An event's `concept:name` is the
event name and `time:timestamp` its time; the other contract columns (`unit`, `reporter`,
`school`, `outcome`) are string attributes of the same name, on the event or — for a whole case —
on the trace. Logs written here open in PM4Py, Disco and ProM, and theirs open here.

Both directions stream, so that a log of millions of events never sits in memory as a tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

from samverkan.errors import EventLogError, Place
from samverkan.formats.eventlog_schema import COLUMNS
from samverkan.formats.identity_numbers import holds_identity_number

__all__ = ["XES_NAME", "XES_TIME", "XesEvent", "XesLog", "read_xes", "write_xes"]

XES_NAME = "concept:name"
XES_TIME = "time:timestamp"
_NAME, _TIME = XES_NAME, XES_TIME


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class XesEvent:
    """One event: its trace's name (the case) and its attributes by their XES keys, the
    trace's own attributes included unless the event sets them itself."""

    case: str | None
    attributes: dict[str, str]


@dataclass
class XesLog:
    events: list[XesEvent] = field(default_factory=list)
    # Events (by number; 0 before the first) where an identity number sits somewhere that does
    # not become a column: a key, a nested attribute, the log's own attributes, any text.
    numbered: list[int] = field(default_factory=list)


def read_xes(path: Path, progress: Callable[[int, int], None] | None = None) -> XesLog:
    """Every event with its attributes, in file order; the places of numbers outside them.

    The attributes of events and traces become columns, which the identity-number guard reads
    in the database. Everything else in the file — every key, nested attributes, the log's
    attributes and global declarations, element text — is checked here as it is read, so that
    a number anywhere refuses the file.
    """
    size = path.stat().st_size
    log = XesLog()
    stack: list[str] = []
    trace: dict[str, str] = {}
    event: dict[str, str] = {}
    clean_keys: set[str] = set()

    def check(*texts: str | None) -> None:
        if any(holds_identity_number(t) for t in texts if t and not t.isspace()):
            number = len(log.events) + (1 if "event" in stack else 0)
            if not log.numbered or log.numbered[-1] != number:
                log.numbered.append(number)

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
                # Whitespace between elements is the common case: it is skipped before any
                # call, as are the usual attributes, so that the guard costs little per event.
                text, tail = element.text, element.tail
                if (text and not text.isspace()) or (tail and not tail.isspace()):
                    check(text, tail)
                attributes = element.attrib
                key = attributes.get("key")
                value = attributes.get("value")
                if key is not None and key not in clean_keys:
                    check(key)
                    if not holds_identity_number(key):
                        clean_keys.add(key)
                if len(attributes) > (key is not None) + (value is not None):
                    for name, other in attributes.items():
                        if name not in ("key", "value"):
                            check(name, other)
                if len(tag) >= 10:
                    check(tag)
                if tag == "event":
                    case = trace.get(_NAME)
                    merged = {k: v for k, v in trace.items() if k != _NAME}
                    merged.update(event)
                    log.events.append(XesEvent(case, merged))
                    element.clear()
                    if progress is not None:
                        progress(stream.tell(), size)
                elif tag == "trace":
                    element.clear()
                elif key is not None and value is not None and parent == "event":
                    event[key] = value
                elif key is not None and value is not None and parent == "trace":
                    trace[key] = value
                else:
                    # Nested attributes, the log's own, global declarations, classifiers: kept
                    # nowhere, checked all the same.
                    check(value)
    except ET.ParseError as error:
        line, column = error.position
        raise EventLogError.single(
            f"filen är inte giltig XML (rad {line}, tecken {column})",
            f"the file is not valid XML (line {line}, character {column})",
            Place(file=path.name),
        ) from None
    return log


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
