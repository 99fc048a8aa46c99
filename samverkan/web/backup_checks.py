"""Everything a backup holds is checked before a restore writes anything.

A backup is a file anyone with the file can change. A restore therefore takes nothing on trust:
every row must be a row of its table (known fields, values of the right kind and length, choices
that exist, references to rows the backup holds); every case goes through the case-file rules;
every event log goes through the event-log importer — the identity-number guard included — and
must agree with the figures stored beside it; no text anywhere holds an identity number; and the
audit trail must read as the application writes it (in time order, each event naming the
account it came from). Any problem refuses the whole backup, listing where, never the value.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from samverkan.errors import CaseFileError, EventLogError, Place, ProblemCollector
from samverkan.formats.case_file import case_from_data
from samverkan.formats.eventlog import read_event_log
from samverkan.formats.identity_numbers import holds_identity_number, identity_number_paths
from samverkan.formats.limits import MAX_UNPACKED_BYTES, quote
from samverkan.formats.price_list_data import price_list_from_data
from samverkan.web.cases.models import CaseRecord, PriceListRecord
from samverkan.web.followup.models import EventLogRecord

__all__ = ["check_rows"]

Loader = Callable[[Any, Any], Any]  # (field, value as the backup holds it) → value
_MORE_THAN = 3  # problems quoted from a case or log before "and N more"


def check_rows(data: dict[str, Any], tables: list[tuple[str, type[models.Model]]],
               load: Loader, source: str, problems: ProblemCollector) -> None:
    """Add a problem for everything wrong in the backup's rows; write nothing."""
    ids: dict[type[models.Model], set[Any]] = {}
    loaded: dict[str, list[tuple[Place, dict[str, Any]]]] = {}
    for name, model in tables:
        ids[model] = set()
        loaded[name] = []
        for index, item in enumerate(data[name], start=1):
            place = Place(file=source, key=f"{name}[{index}]")
            values = _row(model, item, load, place, problems)
            if values is not None:
                ids[model].add(values.get("id"))
                loaded[name].append((place, values))
    for name, model in tables:
        for place, values in loaded[name]:
            _check_references(model, values, ids, place, problems)
            if model is CaseRecord:
                _check_case(values, place, problems)
            elif model is EventLogRecord:
                _check_event_log(values, place, problems)
            elif model is PriceListRecord:
                _check_price_list(values, place, problems)
    users = {values["id"]: values.get("username") for _, values in loaded["users"]}
    _check_audit_trail(loaded["audit_events"], users, problems)


def _row(model: type[models.Model], item: Any, load: Loader, place: Place,
         problems: ProblemCollector) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        problems.add(place, "raden är ingen tabell med fält", "the row is not a mapping of fields")
        return None
    fields = {f.attname: f for f in model._meta.concrete_fields}
    unknown = sorted(str(key) for key in item if key not in fields)
    if unknown:
        names = quote(", ".join(unknown))
        problems.add(place, f"okända fält: {names}", f"unknown fields: {names}")
        return None
    if not isinstance(item.get("id"), int) or isinstance(item.get("id"), bool):
        problems.add(place, "raden saknar ett heltals-id", "the row has no whole-number id")
        return None
    values: dict[str, Any] = {}
    for attname, value in item.items():
        field = fields[attname]
        try:
            values[attname] = load(field, value)
        except (ValueError, TypeError, OverflowError):
            problems.add(place, f"fältet {attname} har ett felaktigt värde",
                         f"the field {attname} has a wrong value")
            return None
        if attname != "password" and _holds_number(field, value):
            problems.add(place, f"fältet {attname} innehåller ett personnummer eller "
                         "samordningsnummer", f"the field {attname} holds a personal identity "
                         "or coordination number")
    # The references are checked against the backup itself (the database is still empty);
    # a field the backup leaves out keeps its default, as a password left out does.
    left_out = [f.name for f in fields.values() if f.is_relation or f.attname not in item]
    try:
        model(**values).clean_fields(exclude=left_out)
    except ValidationError as error:
        for attname in sorted(error.message_dict):
            problems.add(place, f"fältet {attname} har ett felaktigt värde",
                         f"the field {attname} has a wrong value")
    return values


def _holds_number(field: models.Field[Any, Any], value: Any) -> bool:
    if isinstance(field, models.JSONField):
        return bool(identity_number_paths(value))
    return isinstance(field, models.CharField | models.TextField) and holds_identity_number(value)


def _check_references(model: type[models.Model], values: dict[str, Any],
                      ids: dict[type[models.Model], set[Any]], place: Place,
                      problems: ProblemCollector) -> None:
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model is None:
            continue
        target = values.get(field.attname)
        if target is None and field.null:
            continue
        related = field.related_model
        if isinstance(related, str) or target not in ids.get(related, set()):
            problems.add(place, f"fältet {field.attname} hänvisar till en rad som saknas",
                         f"the field {field.attname} refers to a row that is missing")


def _check_case(values: dict[str, Any], place: Place, problems: ProblemCollector) -> None:
    try:
        case_from_data(values.get("data"), source=None)
    except CaseFileError as error:
        _add_found(error.problems, place, "typfallet", "the case", problems)


def _check_price_list(values: dict[str, Any], place: Place,
                      problems: ProblemCollector) -> None:
    try:
        price_list_from_data(values.get("data"))  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, AttributeError):
        problems.add(place, "prislistan kan inte läsas", "the price list cannot be read")


def _unpacked(data: bytes) -> bytes | None:
    """The gzip data, or None beyond MAX_UNPACKED_BYTES (a small file can unpack to gigabytes)."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = unpacker.decompress(data, MAX_UNPACKED_BYTES + 1)
    return None if len(out) > MAX_UNPACKED_BYTES else out


def _check_event_log(values: dict[str, Any], place: Place, problems: ProblemCollector) -> None:
    if values.get("state") == "refused" and not values.get("events_csv_gz"):
        return  # its events were deleted when its protection was refused: nothing to check
    try:
        text = _unpacked(bytes(values.get("events_csv_gz") or b""))
    except (zlib.error, EOFError, TypeError):
        text = b""
    if not text:
        problems.add(place, "loggens händelser går inte att packa upp",
                     "the log's events cannot be unpacked")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_bytes(text)
        try:
            log = read_event_log(path)
        except EventLogError as error:
            _add_found(error.problems, place, "loggen", "the log", problems)
            return
    try:
        first, last = log.span()
        found = {"events": log.count(), "cases": log.count("cases"),
                 "units": log.count("units"), "first_day": first, "last_day": last}
    finally:
        log.close()
    for key, value in found.items():
        if values.get(key) != value:
            problems.add(place, f"fältet {key} stämmer inte med loggens händelser",
                         f"the field {key} does not agree with the log's events")


def _add_found(found: tuple[Any, ...], place: Place, sv: str, en: str,
               problems: ProblemCollector) -> None:
    """A case's or log's own problems, under the backup row they were found in."""
    for problem in found[:_MORE_THAN]:
        problems.add(place, f"{sv}: {problem.describe('sv')}", f"{en}: {problem.describe('en')}")
    if len(found) > _MORE_THAN:
        more = len(found) - _MORE_THAN
        problems.add(place, f"{sv}: … och {more} fel till", f"{en}: … and {more} more problems")


def _check_audit_trail(events: list[tuple[Place, dict[str, Any]]], users: dict[Any, Any],
                       problems: ProblemCollector) -> None:
    """The trail as the application writes it: events in the order of their times, none in
    the future, each naming the account it was written for."""
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)  # clocks differ a little
    latest: dt.datetime | None = None
    for place, values in sorted(events, key=lambda pair: pair[1]["id"]):
        at = values.get("at")
        if isinstance(at, dt.datetime) and at.tzinfo is not None:
            if at > now:
                problems.add(place, "händelsen är daterad i framtiden",
                             "the event is dated in the future")
            if latest is not None and at < latest:
                problems.add(place, "händelsen är äldre än händelsen före den i spåret",
                             "the event is older than the event before it in the trail")
            latest = at if latest is None else max(latest, at)
        user = values.get("user_id")
        if user is not None and users.get(user) != values.get("username"):
            problems.add(place, "händelsens användarnamn stämmer inte med kontot",
                         "the event's user name does not agree with its account")

