"""Uploaded files: kept in the application's own folder, never beyond the size limit, gone when
the request ends.

Every upload is written to a folder of its request under `<data directory>/uploads/`, readable
by the server's user only. The folder is removed when the request ends, whatever happened in it;
a worker killed in the middle of a request leaves its folder behind, and every process removes
the folders of processes that no longer run when it starts. So no raw file — which may hold an
identity number the importer was about to refuse — outlives the request that brought it.

A file over the size limit is not kept: its upload stops at the limit, the rest of the request
is read and thrown away, and the form says what the limit is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from samverkan.formats.limits import MAX_FILE_NAME_BYTES, MAX_UPLOAD_BYTES

__all__ = [
    "UploadFolderMiddleware",
    "LimitedUploadHandler",
    "upload_root",
    "request_folder",
    "private_folder",
    "clear_abandoned_folders",
    "check_upload",
]

_TOO_LARGE = "_samverkan_upload_too_large"


def upload_root() -> Path:
    root = Path(settings.UPLOAD_DIR)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: running, and not ours to judge
        return True
    return True


def clear_abandoned_folders() -> None:
    """Remove what processes that no longer run left in the upload folder."""
    for entry in upload_root().iterdir():
        owner = entry.name.split("-", 1)[0]
        if entry.is_dir() and owner.isdigit() and _running(int(owner)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def request_folder(request: HttpRequest) -> Path:
    """The folder of this request's files, made on first use."""
    folder: Path | None = getattr(request, "_samverkan_upload_folder", None)
    if folder is None:
        folder = upload_root() / f"{os.getpid()}-{uuid.uuid4().hex}"
        folder.mkdir(mode=0o700)
        request._samverkan_upload_folder = folder  # type: ignore[attr-defined]
    return folder


def private_folder() -> tempfile.TemporaryDirectory[str]:
    """A folder of this process's own in the upload folder, removed when the `with` ends: for
    a log written out or read back outside a request (a background task). Named for the
    process like a request's folder, so that no other process clears it while it runs."""
    return tempfile.TemporaryDirectory(dir=upload_root(), prefix=f"{os.getpid()}-")


class UploadFolderMiddleware:
    """Clears abandoned uploads when the process starts; removes each request's folder when the
    request ends, however it ends."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        clear_abandoned_folders()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            folder: Path | None = getattr(request, "_samverkan_upload_folder", None)
            if folder is not None:
                # Uploaded files still open are closed first; their names are already gone.
                for upload in getattr(request, "_files", {}).values():
                    with contextlib.suppress(Exception):
                        upload.close()
                shutil.rmtree(folder, ignore_errors=True)


class _DiskUpload(UploadedFile):
    """An uploaded file in the request's folder (Django's own keeps it in the system's
    temporary folder)."""

    def __init__(self, folder: Path, name: str, content_type: str, charset: str | None,
                 content_type_extra: dict[str, Any] | None) -> None:
        # The name on disk is random: the user's name can be anything, and any length.
        file = tempfile.NamedTemporaryFile(suffix=".upload", dir=folder)  # noqa: SIM115
        super().__init__(file, name, content_type, 0, charset, content_type_extra)
        self._disk_file = file

    def temporary_file_path(self) -> str:
        return str(self._disk_file.name)

    def close(self) -> None:
        with contextlib.suppress(FileNotFoundError):  # the folder went first
            self._disk_file.close()


class LimitedUploadHandler(FileUploadHandler):
    """Writes each file to the request's folder and stops a file at MAX_UPLOAD_BYTES."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        assert self.request is not None
        self.file = _DiskUpload(request_folder(self.request), self.file_name or "",
                                self.content_type or "", self.charset,
                                self.content_type_extra)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD_BYTES:
            setattr(self.request, _TOO_LARGE, True)
            self.file.close()
            raise SkipFile()
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        if hasattr(self, "file"):
            self.file.close()


def check_upload(request: HttpRequest, form: forms.Form, field: str = "file") -> bool:
    """Validate a form with an upload; the file's size and name are checked with it."""
    valid = form.is_valid()
    if getattr(request, _TOO_LARGE, False):
        form.errors.pop(field, None)  # "required": the file was dropped for its size
        form.add_error(field, _("The file is larger than %(limit)d MB, the limit for a file. "
                                "Nothing was saved.")
                       % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)})
        return False
    upload = form.cleaned_data.get(field) if valid else None
    if upload is not None and len(upload.name.encode("utf-8")) > MAX_FILE_NAME_BYTES:
        form.add_error(field, _("The file name is longer than %(limit)d bytes; give the file "
                                "a shorter name.") % {"limit": MAX_FILE_NAME_BYTES})
        return False
    return valid
