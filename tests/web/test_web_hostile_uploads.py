"""Uploads made to take the server down get a page with a message; nothing is saved, and no raw
file is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samverkan.web import uploads
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases.models import CaseRecord
from samverkan.web.followup.models import EventLogRecord
from tests.hostile_files import (
    EVENT_HEADER,
    EVENT_ROW,
    alias_bomb,
    damaged_workbook,
    far_cell_event_log,
    far_cell_template,
    long_name,
    nested,
    not_a_zip,
    wide_event_log,
)
from tests.web.conftest import EVENTLOGS, client_for


@pytest.fixture(autouse=True)
def upload_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "uploads"
    settings.UPLOAD_DIR = root
    return root


def _import_case(client: Client, organisation: Organisation, name: str, body: bytes) -> Any:
    return client.post(reverse("cases:import"), {
        "organisation": organisation.pk, "file": SimpleUploadedFile(name, body)})


def _upload_log(client: Client, organisation: Organisation, name: str, body: bytes) -> Any:
    return client.post(reverse("followup:upload"), {
        "organisation": organisation.pk, "name": "", "file": SimpleUploadedFile(name, body)})


def _page(response: Any) -> str:
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.mark.parametrize(("name", "make", "expected"), [
    ("bomb.yaml", lambda tmp: alias_bomb().encode(), "200 000 värden"),
    ("djup.yaml", lambda tmp: nested().encode(), "fler än 40 nivåer"),
    ("djup.json", lambda tmp: nested().encode(), "fler än 40 nivåer"),
    ("fall.xlsx", lambda tmp: far_cell_template(tmp / "f.xlsx").read_bytes(),
     "gränsen är 10 000 rader"),
    ("fall.xlsx", lambda tmp: not_a_zip(tmp / "f.xlsx").read_bytes(),
     "går inte att öppna som en Excelfil"),
])
def test_a_hostile_case_file_gets_a_message(
        name: str, make: Callable[[Path], bytes], expected: str, owner: User,
        school: Organisation, tmp_path: Path) -> None:
    page = _page(_import_case(client_for(owner), school, name, make(tmp_path)))
    assert expected in page
    assert "<title>Fel: " in page
    assert "lol" not in page and len(page) < 200_000
    assert CaseRecord.objects.count() == 0


@pytest.mark.parametrize(("name", "make", "expected"), [
    ("logg.xlsx", lambda tmp: far_cell_event_log(tmp / "l.xlsx").read_bytes(),
     "gränsen är 1 000 000 rader"),
    ("logg.xlsx", lambda tmp: wide_event_log(tmp / "l.xlsx").read_bytes(),
     "gränsen är 100 kolumner"),
    ("logg.xlsx", lambda tmp: not_a_zip(tmp / "l.xlsx").read_bytes(),
     "går inte att öppna som en Excelfil"),
    ("logg.xlsx", lambda tmp: damaged_workbook(tmp / "l.xlsx").read_bytes(),
     "filen är skadad"),
    ("logg.csv", lambda tmp: (",".join(EVENT_HEADER + ["x"] * 200) + "\n"
                              + ",".join(EVENT_ROW) + "\n").encode(),
     "rubrikraden har 207 kolumner; gränsen är 100"),
])
def test_a_hostile_event_log_gets_a_message(
        name: str, make: Callable[[Path], bytes], expected: str, owner: User,
        school: Organisation, tmp_path: Path) -> None:
    page = _page(_upload_log(client_for(owner), school, name, make(tmp_path)))
    assert expected in page
    assert EventLogRecord.objects.count() == 0


def test_a_file_name_over_255_bytes_gets_a_message(owner: User, school: Organisation) -> None:
    client = client_for(owner)
    name = long_name(".csv")
    assert len(name) < 255 < len(name.encode("utf-8"))  # Django keeps names of 255 characters
    page = _page(_upload_log(client, school, name, (EVENTLOGS / "hand.csv").read_bytes()))
    assert "Filnamnet är längre än 255 byte; ge filen ett kortare namn." in page
    page = _page(_import_case(client, school, long_name(".yaml"), b"format: x\n"))
    assert "Filnamnet är längre än 255 byte" in page
    assert EventLogRecord.objects.count() == 0 and CaseRecord.objects.count() == 0


def test_a_file_over_the_size_limit_is_dropped_with_a_message(
        owner: User, school: Organisation, monkeypatch: pytest.MonkeyPatch,
        upload_root: Path) -> None:
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1024 * 1024)
    body = b"case_id,unit,event,timestamp\n" + b"x" * (1024 * 1024)
    client = client_for(owner)
    page = _page(_upload_log(client, school, "stor.csv", body))
    assert "Filen är större än 1 MB, gränsen för en fil. Ingenting har sparats." in page
    assert EventLogRecord.objects.count() == 0
    assert list(upload_root.iterdir()) == []
    client.cookies["django_language"] = "en"
    page = _page(_upload_log(client, school, "stor.csv", body))
    assert "The file is larger than 1 MB, the limit for a file. Nothing was saved." in page


def test_an_upload_lives_in_the_request_folder_and_goes_with_the_request(
        owner: User, school: Organisation, monkeypatch: pytest.MonkeyPatch,
        upload_root: Path) -> None:
    import samverkan.web.followup.views as views

    seen: list[tuple[Path, bool, list[str]]] = []
    read = views.read_event_log

    def spying(path: Path, **kwargs: Any) -> Any:
        seen.append((Path(path), Path(path).is_file(),
                     sorted(p.name for p in upload_root.rglob("*") if p.is_file())))
        return read(path, **kwargs)

    monkeypatch.setattr(views, "read_event_log", spying)
    response = _upload_log(client_for(owner), school, "hand.csv",
                           (EVENTLOGS / "hand.csv").read_bytes())
    assert response.status_code == 302
    ((path, existed, files),) = seen
    assert existed and upload_root in path.parents
    assert "hand.csv" in files and any(f.endswith(".upload") for f in files)
    assert list(upload_root.iterdir()) == []  # nothing left once the request ended
    assert oct(upload_root.stat().st_mode & 0o777) == oct(0o700)


def test_the_request_folder_goes_even_when_the_view_fails(
        owner: User, school: Organisation, monkeypatch: pytest.MonkeyPatch,
        upload_root: Path) -> None:
    import samverkan.web.followup.views as views

    def failing(path: Path, **kwargs: Any) -> Any:
        raise RuntimeError("the worker fell over")

    monkeypatch.setattr(views, "read_event_log", failing)
    client = client_for(owner)
    client.raise_request_exception = False
    response = _upload_log(client, school, "hand.csv", (EVENTLOGS / "hand.csv").read_bytes())
    assert response.status_code == 500
    assert list(upload_root.iterdir()) == []


def test_folders_of_processes_that_ended_are_cleared_at_start(upload_root: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    upload_root.mkdir(parents=True)
    abandoned = upload_root / f"{ended.stdout.strip()}-abc"
    abandoned.mkdir()
    (abandoned / "raw.upload").write_bytes(b"19121212-1212")
    stray = upload_root / "stray.upload"
    stray.write_bytes(b"x")
    running = upload_root / f"{os.getpid()}-def"
    running.mkdir()
    uploads.clear_abandoned_folders()
    assert sorted(p.name for p in upload_root.iterdir()) == [running.name]


def test_a_failed_request_logs_no_error_text_and_no_traceback(
        owner: User, school: Organisation, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import logging

    import samverkan.web.followup.views as views
    from samverkan.web.log_filters import WithoutErrorText

    def failing(path: Path, **kwargs: Any) -> Any:
        try:
            raise ValueError("Could not convert string '19121212-1212' to INT64")
        except ValueError as error:
            raise RuntimeError(f"conversion failed: {error}") from error

    monkeypatch.setattr(views, "read_event_log", failing)
    (handler,) = [h for h in logging.getLogger().handlers
                  if any(isinstance(f, WithoutErrorText) for f in h.filters)]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client = client_for(owner)
        client.raise_request_exception = False
        response = _upload_log(client, school, "hand.csv", (EVENTLOGS / "hand.csv").read_bytes())
    finally:
        handler.setStream(previous)  # type: ignore[arg-type]
    logged = stream.getvalue()
    assert response.status_code == 500
    assert "19121212-1212" not in response.content.decode()
    assert "Internal Server Error: /" in logged and "[RuntimeError at " in logged
    assert "19121212-1212" not in logged and "Traceback" not in logged
    assert "conversion failed" not in logged
