"""A case file read or written by its ending: YAML, JSON or the Excel mapping template.

The one place that knows which reader and writer go with which suffix; the command line, the
web uploads and the tests all come through here. `case_file` (YAML and JSON) and
`excel_template` (which builds on `case_file`) do not know about each other's files.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from samverkan.errors import CaseFileError, Place
from samverkan.formats.case_file import dump_case_text, parse_case_text, too_large
from samverkan.formats.excel_template import read_template, write_template
from samverkan.formats.limits import MAX_CASE_FILE_BYTES
from samverkan.model import Case

__all__ = ["SUFFIXES", "case_format", "load_case", "read_case_upload", "save_case"]

# Ending → format; the order is the one messages list them in.
_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx"}
SUFFIXES = tuple(_FORMATS)


def case_format(path: Path) -> str:
    """'yaml', 'json' or 'xlsx' by the file's ending; any other raises `CaseFileError`."""
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CaseFileError.unknown_file_type(path, SUFFIXES, place=Place(file=str(path)))
    return fmt


def _text(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError.single("filen är inte UTF-8-text", "the file is not UTF-8 text",
                                   Place(file=source)) from None


def load_case(path: str | Path) -> Case:
    """Read a case file by its ending: .yaml/.yml, .json or the Excel template .xlsx."""
    path = Path(path)
    fmt = case_format(path)
    if not path.is_file():
        raise CaseFileError.single("filen finns inte", "the file does not exist",
                                   Place(file=str(path)))
    if fmt == "xlsx":
        return read_template(path)
    if path.stat().st_size > MAX_CASE_FILE_BYTES:
        raise too_large(str(path))
    return parse_case_text(_text(path.read_bytes(), str(path)), fmt=fmt, source=str(path))


def save_case(case: Case, path: str | Path) -> None:
    """Write a case to .yaml/.yml, .json or the Excel template .xlsx, by its ending."""
    path = Path(path)
    fmt = case_format(path)
    if fmt == "xlsx":
        write_template(path, case)
    else:
        path.write_text(dump_case_text(case, fmt), encoding="utf-8")


def read_case_upload(name: str, chunks: Iterable[bytes], *, folder: Path | None = None
                     ) -> Case:
    """A case from a file sent under `name` (a user's upload); raises `CaseFileError`.

    Problems name the file as its sender knows it, never a temporary copy. An Excel file is
    copied into `folder` under a name of ours: the sender's name can be of any length and is
    never a path here.
    """
    fmt = case_format(Path(name))
    if fmt == "xlsx":
        with tempfile.TemporaryDirectory(dir=folder) as tmp:
            path = Path(tmp) / "typfall.xlsx"
            with path.open("wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            try:
                return read_template(path)
            except CaseFileError as error:
                raise CaseFileError([
                    replace(p, place=replace(p.place, file=name)) for p in error.problems
                ]) from None
    raw = b"".join(chunks)
    if len(raw) > MAX_CASE_FILE_BYTES:
        raise too_large(name)
    return parse_case_text(_text(raw, name), fmt=fmt, source=name)
