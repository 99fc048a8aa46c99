"""Load: 50 editors at once on a real server with PostgreSQL, and no update lost.

Starts `samverkan serve` (gunicorn) on loopback against a fresh PostgreSQL database, creates an
organisation, 50 editors and five shared copies of Lucas, and runs two scenarios.

Disjoint tasks: every editor, in its own thread, opens results and timelines and saves its own
task's minutes over and over with the form it read. A save is refused (409) only when someone
changed the same task since the form was read, so here the goal is 0 refused and 0 lost.

The same task: `--contenders` editors save one task of a sixth case at the same time. Every save
based on a form someone else's save overtook must be refused and reported to its author (the
page shows both versions); every accepted save must be a version of the case (0 lost).

The run is bounded by `--rounds` per editor and `--seconds` per scenario and stops by itself.
At the end it checks that no response was a server error, that every case's version is one
more than the saves it accepted, and that every task holds the last value its editor was told
was saved. It prints the 95th percentile of the timeline page against a bare Django view (the
health check) measured in the same run. Goal: ratio ≤ 3.

    uv run python bench/load.py [--editors 50] [--rounds 20] [--seconds 120]

Needs PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test); the run
creates and drops its own database next to it.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

PASSWORD = "Last-prov-2026-lösenord"
DATABASE = "samverkan_load"


class FormFields(HTMLParser):
    """The fields of the first form with a `version` field, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and "name" in a:
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") != "submit":
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select, self._first_option = a.get("name"), None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and "name" in a:
            self.fields[a["name"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select:
            self.fields.setdefault(self._select, self._first_option or "")
            self._select = None


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[int] = field(default_factory=Counter)
    timeline: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    results: list[float] = field(default_factory=list)
    accepted: Counter[int] = field(default_factory=Counter)  # per case
    refused: int = 0
    last_saved: dict[tuple[int, str], float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    accepted_values: list[float] = field(default_factory=list)


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        if data is not None:
            req.add_header("Referer", self.base + path)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=60) as response:
                text = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode("utf-8", "replace"), error.code
        return status, text, time.perf_counter() - start

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "") or ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_urls() -> tuple[str, str]:
    admin = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    parts = urllib.parse.urlsplit(admin)
    return admin, urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))


def _recreate_database(admin: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def _drop_database(admin: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def _prepare(editors: int, cases: int) -> list[tuple[int, list[str]]]:
    """Organisation, editors and cases; returns each case with its task ids."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.web.settings")
    django.setup()
    from django.contrib.auth.models import User

    import samverkan
    from samverkan.formats.case_io import load_case
    from samverkan.web.accounts.models import Membership, Organisation, Role
    from samverkan.web.cases import actions

    organisation = Organisation.objects.create(name="Lastprov")
    for i in range(editors):
        user = User.objects.create_user(username=f"redaktor{i}", password=PASSWORD)
        Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    lucas = load_case(Path(samverkan.__file__).parent / "examples" / "lucas.yaml")
    records = []
    for n in range(cases):
        record = actions.create_case(organisation=organisation, user=None,
                                     case=replace(lucas, name=f"Lucas {n + 1}"))
        records.append((record.pk, [t.id for t in lucas.tasks
                                    if t.participants and t.participants[0].fte is None]))
    return records


def _editor(index: int, base: str, task: tuple[int, str], rounds: int, deadline: float,
            tally: Tally) -> None:
    case_id, task_id = task
    browser = Browser(base)
    try:
        status, _, _ = browser.request("/logga-in/")
        status, _, _ = browser.request("/logga-in/", {
            "csrfmiddlewaretoken": browser.csrf(), "username": f"redaktor{index}",
            "password": PASSWORD})
        if status != 302:
            raise RuntimeError(f"login gave {status}")
        for round_ in range(rounds):
            if time.monotonic() > deadline:
                break
            status, _, seconds = browser.request(f"/typfall/{case_id}/")
            _record(tally, status, tally.results, seconds)
            status, _, seconds = browser.request(f"/typfall/{case_id}/tidslinje/")
            _record(tally, status, tally.timeline, seconds)
            status, _, seconds = browser.request("/halsa/")
            _record(tally, status, tally.bare, seconds)
            edit = f"/typfall/{case_id}/uppgift/{task_id}/redigera/"
            status, html, _ = browser.request(edit)
            _record(tally, status, None, 0.0)
            form = FormFields()
            form.feed(html)
            minutes = float(1000 * (index + 1) + round_)
            form.fields["p-0-minutes"] = f"{minutes:g}"
            form.fields["csrfmiddlewaretoken"] = browser.csrf()
            status, answer, _ = browser.request(edit, form.fields)
            _record(tally, status, None, 0.0)
            with tally.lock:
                if status == 302:
                    tally.accepted[case_id] += 1
                    tally.last_saved[(case_id, task_id)] = minutes
                    tally.accepted_values.append(minutes)
                elif status == 409:
                    tally.refused += 1
                    if 'id="conflict-theirs"' not in answer:
                        tally.errors.append(f"editor {index}: refusal without both versions")
                else:
                    tally.errors.append(f"editor {index}: save gave {status}")
            time.sleep(random.random() * 0.05)
    except Exception as error:  # a broken editor is a finding, reported at the end
        with tally.lock:
            tally.errors.append(f"editor {index}: {type(error).__name__}: {error}")


def _record(tally: Tally, status: int, into: list[float] | None, seconds: float) -> None:
    with tally.lock:
        tally.statuses[status] += 1
        if into is not None and status == 200:
            into.append(seconds)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def _check_database(records: list[tuple[int, list[str]]], tally: Tally) -> list[str]:
    from samverkan.web.cases.models import CaseRecord

    problems = []
    for case_id, _tasks in records:
        record = CaseRecord.objects.get(pk=case_id)
        if record.version != 1 + tally.accepted[case_id]:
            problems.append(f"case {case_id}: version {record.version}, "
                            f"accepted saves {tally.accepted[case_id]}")
        stored = {t["id"]: t["participants"][0].get("minutes")
                  for s in record.data["steps"] for t in s["tasks"]}
        for (saved_case, task_id), minutes in tally.last_saved.items():
            if saved_case == case_id and stored.get(task_id) != minutes:
                problems.append(f"case {case_id} task {task_id}: stored {stored.get(task_id)}, "
                                f"last accepted {minutes}")
    return problems


def _check_contested(case_id: int, task_id: str, tally: Tally) -> list[str]:
    """Every accepted save on the contested task is a version of the case; none vanished."""
    from samverkan.web.cases.models import CaseRecord, CaseVersion

    def minutes(data: dict[str, object]) -> object:
        return next(t["participants"][0].get("minutes") for s in data["steps"]  # type: ignore
                    for t in s["tasks"] if t["id"] == task_id)

    problems = []
    record = CaseRecord.objects.get(pk=case_id)
    if record.version != 1 + tally.accepted[case_id]:
        problems.append(f"contested case: version {record.version}, "
                        f"accepted saves {tally.accepted[case_id]}")
    kept = [minutes(v.data) for v in CaseVersion.objects.filter(case_id=case_id)]
    for value in tally.accepted_values:
        if kept.count(value) != 1:
            problems.append(f"accepted save {value:g} is in {kept.count(value)} versions")
    if kept and minutes(record.data) != kept[0]:
        problems.append("the stored task is not its latest version")
    return problems


def _run(base: str, owners: list[tuple[int, str]], rounds: int, seconds: float,
         tally: Tally) -> float:
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=_editor, args=(i, base, owners[i], rounds, deadline,
                                                      tally))
               for i in range(len(owners))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--cases", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--contenders", type=int, default=5)
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    args = parser.parse_args()
    admin, url = _database_urls()
    _recreate_database(admin)
    port = args.port or _free_port()
    data_dir = tempfile.mkdtemp(prefix="samverkan-load-")
    env = {**os.environ, "DATABASE_URL": url, "SAMVERKAN_DATA_DIR": data_dir}
    os.environ.update({"DATABASE_URL": url, "SAMVERKAN_DATA_DIR": data_dir})
    server = subprocess.Popen(
        [sys.executable, "-m", "samverkan", "serve", "--port", str(port),
         "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/halsa/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        records = _prepare(args.editors, args.cases + 1)
        contested_case, contested_tasks = records.pop()
        owners = []
        for index in range(args.editors):
            case_id, tasks = records[index % len(records)]
            owners.append((case_id, tasks[(index // len(records)) % len(tasks)]))
        if len(set(owners)) != len(owners):
            raise SystemExit("more editors than tasks: the disjoint scenario needs one each")
        tally = Tally()
        elapsed = _run(base, owners, args.rounds, args.seconds, tally)
        problems = _check_database(records, tally)
        contested = Tally()
        shared = (contested_case, contested_tasks[0])
        contested_elapsed = _run(base, [shared] * args.contenders, args.rounds, args.seconds,
                                 contested)
        contested_problems = _check_contested(*shared, contested)
    finally:
        server.terminate()
        server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        _drop_database(admin)
    server_errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    timeline, bare = _p95(tally.timeline), _p95(tally.bare)
    contested_errors = sum(n for status, n in contested.statuses.items() if status >= 500)
    print(f"Disjoint tasks: {args.editors} editors × ≤{args.rounds} rounds, each on its own "
          f"task of {args.cases} shared cases, {elapsed:.0f} s, "
          f"{sum(tally.statuses.values())} requests")
    print(f"  responses: {dict(sorted(tally.statuses.items()))}")
    print(f"  saves accepted {sum(tally.accepted.values())}, refused {tally.refused} "
          f"(goal 0), lost {len(problems)} (goal 0), server errors (5xx) {server_errors}")
    for line in (problems + tally.errors)[:10]:
        print(f"    {line}")
    print(f"  p95 timeline {timeline * 1000:.0f} ms, p95 bare view {bare * 1000:.0f} ms, "
          f"ratio {timeline / bare:.2f} (goal ≤ 3)")
    attempts = sum(contested.accepted.values()) + contested.refused
    print(f"The same task: {args.contenders} editors × ≤{args.rounds} rounds on one task, "
          f"{contested_elapsed:.0f} s, {attempts} saves")
    print(f"  saves accepted {sum(contested.accepted.values())}, refused and reported "
          f"{contested.refused}, lost {len(contested_problems)} (goal 0), "
          f"server errors (5xx) {contested_errors}")
    for line in (contested_problems + contested.errors)[:10]:
        print(f"    {line}")
    if (server_errors or problems or tally.errors or tally.refused or contested_errors
            or contested_problems or contested.errors):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
