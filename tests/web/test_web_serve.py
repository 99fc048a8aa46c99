"""`samverkan serve --demo` from nothing: a fresh data directory, gunicorn, the demo login, and
the background worker beside it that protects the demo's event log."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_demo_starts_and_the_printed_password_logs_in(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SAMVERKAN_DEBUG")}
    env.update({"SAMVERKAN_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"})
    process = subprocess.Popen(
        [sys.executable, "-m", "samverkan", "serve", "--demo", "--port", str(port),
         "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        output = []
        for line in process.stdout:  # until gunicorn says it listens, or the process ends
            output.append(line)
            if "Listening at" in line:
                break
        text = "".join(output)
        password = re.search(r"password '([^']+)'", text)
        assert password, text
        assert (tmp_path / "data" / "samverkan.sqlite3").exists()
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login_page = opener.open(f"{base}/logga-in/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)
        assert token and '<html lang="sv">' in login_page
        form = urllib.parse.urlencode({
            "csrfmiddlewaretoken": token.group(1), "username": "demo",
            "password": password.group(1), "next": "/",
        }).encode()
        request = urllib.request.Request(f"{base}/logga-in/", data=form,
                                         headers={"Referer": f"{base}/logga-in/"})
        cases = opener.open(request).read().decode()
        assert "Lucas 10 år" in cases and "Logga ut" in cases
        # The demo's log is protected by the worker `serve` started, with no other command.
        listing = opener.open(f"{base}/uppfoljning/").read().decode()
        log_url = re.search(r'href="(/uppfoljning/\d+/)"', listing)
        assert log_url, listing
        deadline = time.monotonic() + 120
        page = ""
        while time.monotonic() < deadline and "Hela kommunen" not in page:
            page = opener.open(base + log_url.group(1)).read().decode()
            if "Hela kommunen" not in page:
                assert "Skyddar små tal" in page and "indikatorer.json" not in page
                time.sleep(0.5)
        assert "Hela kommunen" in page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


@pytest.mark.parametrize("command", [["serve", "--help"], ["admin", "--help"]])
def test_commands_are_registered(command: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "samverkan", *command],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
