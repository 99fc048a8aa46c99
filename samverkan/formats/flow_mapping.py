"""The mapping from an event log's paths to a case's steps, read from YAML (or JSON).

    format: samverkan/flow-mapping@1
    name: Lucas-formade ärenden
    spans:                       # steps that take real time between two events of the log
      - {id: utredning, from: investigation_opened, to: investigation_closed,
         steps: [s3, s4, s5, s6]}
    paths:                       # every path, and the steps a case on it reaches
      not_opened: [s1, s2]
      closed_intervention: [s1, s2, s3, s4, s5, s6]
      ...

Every problem is listed with its key path, in Swedish and English, in one `FlowMappingError`;
the steps are checked against the case that prices the log (`check_against`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from samverkan.errors import FlowMappingError, Place, ProblemCollector
from samverkan.formats.bounded_parsing import (
    DocumentBoundsError,
    DocumentSyntaxError,
    parse_document,
)
from samverkan.formats.limits import MAX_CASE_FILE_BYTES
from samverkan.model import Case
from samverkan.model.flow import MILESTONES, PATHS, FlowMapping, Span

__all__ = ["FORMAT", "DEFAULT_MAPPING", "load_mapping", "parse_mapping_text", "mapping_from_data",
           "check_against", "default_mapping_for"]

FORMAT: Final = "samverkan/flow-mapping@1"
# The mapping shipped for Lucas-shaped cases, used when none is given and the case's steps fit.
DEFAULT_MAPPING: Final = Path(__file__).resolve().parent.parent / "examples" / "lucas-flode.yaml"
_KEYS: Final = frozenset({"format", "name", "spans", "paths"})
_SPAN_KEYS: Final = frozenset({"id", "from", "to", "steps"})


def _names(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def _step_list(value: object, key: str, source: str | None,
               problems: ProblemCollector) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.add(Place(file=source, key=key), "ska vara en lista med stegens id",
                     "must be a list of step ids")
        return ()
    if len(set(value)) != len(value):
        problems.add(Place(file=source, key=key), "samma steg står två gånger",
                     "the same step is listed twice")
    return tuple(value)


def mapping_from_data(data: Any, *, source: str | None = None) -> FlowMapping:
    """Check a parsed document and build the mapping; raise FlowMappingError listing every
    problem."""
    problems = ProblemCollector()
    if not isinstance(data, Mapping):
        problems.add(Place(file=source), "filen ska innehålla en koppling (en tabell med nycklar)",
                     "the file must hold a mapping (a table of keys)")
        problems.raise_all(FlowMappingError)
    if data.get("format") != FORMAT:
        problems.add(Place(file=source, key="format"), f"ska vara {FORMAT}", f"must be {FORMAT}")
    for key in sorted(set(map(str, data)) - _KEYS):
        problems.add(Place(file=source, key=key), "okänd nyckel", "unknown key")
    name = data.get("name", "")
    if not isinstance(name, str):
        problems.add(Place(file=source, key="name"), "ska vara en text", "must be a text")
        name = ""
    spans: list[Span] = []
    raw_spans = data.get("spans", [])
    if not isinstance(raw_spans, list):
        problems.add(Place(file=source, key="spans"), "ska vara en lista", "must be a list")
        raw_spans = []
    seen_steps: dict[str, str] = {}
    for index, raw in enumerate(raw_spans):
        at = f"spans[{index}]"
        if not isinstance(raw, Mapping):
            problems.add(Place(file=source, key=at), "ska vara en tabell med id, from, to, steps",
                         "must be a table of id, from, to, steps")
            continue
        for key in sorted(set(map(str, raw)) - _SPAN_KEYS):
            problems.add(Place(file=source, key=f"{at}.{key}"), "okänd nyckel", "unknown key")
        span_id = raw.get("id")
        if not isinstance(span_id, str) or not span_id:
            problems.add(Place(file=source, key=f"{at}.id"), "saknas", "is missing")
            span_id = ""
        elif any(s.id == span_id for s in spans):
            problems.add(Place(file=source, key=f"{at}.id"), f"'{span_id}' finns redan",
                         f"'{span_id}' is used twice")
        ends = []
        for key in ("from", "to"):
            value = raw.get(key)
            if value not in MILESTONES:
                problems.add(Place(file=source, key=f"{at}.{key}"),
                             f"ska vara en av {_names(MILESTONES)}",
                             f"must be one of {_names(MILESTONES)}")
                value = ""
            ends.append(str(value))
        start, end = ends
        if start and end and MILESTONES.index(start) >= MILESTONES.index(end):
            problems.add(Place(file=source, key=f"{at}.to"),
                         f"'{end}' ska komma efter '{start}'", f"'{end}' must come after '{start}'")
        steps = _step_list(raw.get("steps"), f"{at}.steps", source, problems)
        for step in steps:
            if step in seen_steps and seen_steps[step] != span_id:
                problems.add(Place(file=source, key=f"{at}.steps"),
                             f"steget '{step}' hör redan till '{seen_steps[step]}'",
                             f"step '{step}' already belongs to '{seen_steps[step]}'")
            seen_steps.setdefault(step, span_id)
        spans.append(Span(span_id, start, end, steps))
    paths: dict[str, tuple[str, ...]] = {}
    raw_paths = data.get("paths")
    if not isinstance(raw_paths, Mapping):
        problems.add(Place(file=source, key="paths"),
                     f"ska vara en tabell med vägarna {_names(PATHS)}",
                     f"must be a table of the paths {_names(PATHS)}")
        raw_paths = {}
    for key in sorted(set(map(str, raw_paths)) - set(PATHS)):
        problems.add(Place(file=source, key=f"paths.{key}"),
                     f"okänd väg; vägarna är {_names(PATHS)}",
                     f"unknown path; the paths are {_names(PATHS)}")
    for path in PATHS:
        if path not in raw_paths and raw_paths:
            problems.add(Place(file=source, key=f"paths.{path}"), "saknas", "is missing")
            continue
        if path in raw_paths:
            paths[path] = _step_list(raw_paths[path], f"paths.{path}", source, problems)
    problems.raise_if_any(FlowMappingError)
    return FlowMapping(name, tuple(spans), paths)


def parse_mapping_text(text: str, *, fmt: str = "yaml", source: str | None = None) -> FlowMapping:
    if len(text) > MAX_CASE_FILE_BYTES:
        raise FlowMappingError.single("filen är för stor", "the file is too large",
                                      Place(file=source))
    try:
        data = parse_document(text, fmt)
    except DocumentSyntaxError as error:
        raise FlowMappingError.single(f"filen går inte att läsa som {fmt.upper()}",
                                      f"the file cannot be read as {fmt.upper()}",
                                      Place(file=source, row=error.line)) from None
    except DocumentBoundsError as error:
        raise FlowMappingError.single(error.sv, error.en, Place(file=source)) from None
    return mapping_from_data(data, source=source)


def load_mapping(path: str | Path) -> FlowMapping:
    """Read a mapping file (.yaml, .yml or .json)."""
    path = Path(path)
    fmt = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}.get(path.suffix.lower())
    if fmt is None:
        raise FlowMappingError.unknown_file_type(path, (".yaml", ".yml", ".json"))
    if not path.is_file():
        raise FlowMappingError.single("filen finns inte", "the file does not exist",
                                      Place(file=str(path)))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FlowMappingError.single("filen är inte UTF-8-text", "the file is not UTF-8 text",
                                      Place(file=str(path))) from None
    return parse_mapping_text(text, fmt=fmt, source=str(path))


def check_against(mapping: FlowMapping, case: Case, *, source: str | None = None) -> None:
    """Raise FlowMappingError naming every step of the mapping that the case does not have."""
    steps = {s.id for s in case.steps}
    problems = ProblemCollector()
    for index, span in enumerate(mapping.spans):
        for step in span.steps:
            if step not in steps:
                problems.add(Place(file=source, key=f"spans[{index}].steps"),
                             f"typfallet '{case.name}' har inget steg '{step}'",
                             f"the case '{case.name}' has no step '{step}'")
    for path, reached in mapping.paths.items():
        for step in reached:
            if step not in steps:
                problems.add(Place(file=source, key=f"paths.{path}"),
                             f"typfallet '{case.name}' har inget steg '{step}'",
                             f"the case '{case.name}' has no step '{step}'")
    problems.raise_if_any(FlowMappingError)


def default_mapping_for(case: Case) -> FlowMapping:
    """The shipped mapping for Lucas-shaped cases; FlowMappingError, saying to give one, when
    the case's steps do not fit it."""
    mapping = load_mapping(DEFAULT_MAPPING)
    try:
        check_against(mapping, case, source=DEFAULT_MAPPING.name)
    except FlowMappingError as error:
        raise FlowMappingError([*error.problems, *FlowMappingError.single(
            "typfallet har inte Lucas-fallets steg; ge en koppling med --mapping",
            "the case does not have the Lucas case's steps; give a mapping with --mapping",
        ).problems]) from None
    return mapping
