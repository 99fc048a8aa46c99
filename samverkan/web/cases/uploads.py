"""Reading a case file a user uploads: the Excel mapping template, YAML or JSON."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from samverkan.formats.case_io import read_case_upload
from samverkan.model import Case


def read_uploaded_case(upload: UploadedFile, *, folder: Path | None = None) -> Case:
    """The case in an uploaded file; raises `CaseFileError` listing every problem."""
    return read_case_upload(upload.name or "typfall", upload.chunks(), folder=folder)
