"""Reading a case file a user uploads: the Excel mapping template, YAML or JSON.

Problems are reported with the file's name as the user knows it, never the server's temporary
copy; text that is not UTF-8 is a problem like any other.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from samverkan.errors import CaseFileError, Place, Problem
from samverkan.formats.case_file import parse_case_text
from samverkan.formats.excel_template import read_template
from samverkan.model import Case

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


def read_uploaded_case(upload: UploadedFile, *, folder: Path | None = None) -> Case:
    """The case in an uploaded file; raises `CaseFileError` listing every problem.

    An Excel file is copied into `folder` (the request's own, emptied when it ends) under a
    name of ours: the user's name can be of any length and is never a path on the server.
    """
    name = upload.name or "typfall"
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        with tempfile.TemporaryDirectory(dir=folder) as tmp:
            path = Path(tmp) / "typfall.xlsx"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                return read_template(path)
            except CaseFileError as error:
                raise CaseFileError([
                    replace(p, place=replace(p.place, file=name)) for p in error.problems
                ]) from None
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError([Problem(
            Place(file=name), "filen är inte UTF-8-text", "the file is not UTF-8 text"
        )]) from None
    return parse_case_text(text, fmt="json" if suffix == ".json" else "yaml", source=name)
