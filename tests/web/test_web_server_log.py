"""gunicorn's own logs under `samverkan serve`: no error text, no identity number."""

from __future__ import annotations

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from samverkan.web import gunicorn_conf

NUMBER = "19121212-1212"


def _logger() -> Logger:
    """gunicorn's logger as `samverkan serve` sets it up, writing to the streams of now."""
    config = Config()
    config.set("logconfig_dict", gunicorn_conf.logconfig_dict)
    config.set("accesslog", "-")
    return Logger(config)


def test_a_worker_failure_is_logged_by_class_and_place_without_its_text(
    capsys: pytest.CaptureFixture[str]
):
    gunicorn_log = _logger()
    try:
        int(f"'{NUMBER}'")
    except ValueError:
        gunicorn_log.exception("Error handling request /followup/")
    err = capsys.readouterr().err
    assert "Error handling request /followup/ [ValueError at" in err
    assert NUMBER not in err and "invalid literal" not in err and "Traceback" not in err


def test_a_request_line_with_an_identity_number_is_logged_without_it(
    capsys: pytest.CaptureFixture[str]
):
    gunicorn_log = _logger()
    # gunicorn quotes a malformed request line in its error log.
    gunicorn_log.debug("Invalid request from ip=%s: %s", "127.0.0.1",
                       f"Invalid HTTP request line: 'GET /sok?pnr={NUMBER}'")
    gunicorn_log.error("Invalid request from ip=%s: %s", "127.0.0.1",
                       f"Invalid HTTP request line: 'GET /sok?pnr={NUMBER.replace('-', ' ')}'")
    err = capsys.readouterr().err
    assert "Invalid HTTP request line: 'GET /sok?pnr=[…]'" in err
    assert NUMBER not in err and "1212 1212" not in err


def test_the_access_log_keeps_requests_but_no_identity_number(
    capsys: pytest.CaptureFixture[str]
):
    gunicorn_log = _logger()
    gunicorn_log.access_log.info("%(r)s %(s)s", {"r": f"GET /followup/?q={NUMBER} HTTP/1.1",
                                                 "s": "200"})
    out = capsys.readouterr().out
    assert "GET /followup/?q=[…] HTTP/1.1 200" in out and NUMBER not in out


def test_serve_passes_the_settings_to_gunicorn():
    from pathlib import Path

    source = (Path(__file__).parents[2] / "samverkan" / "cli" / "web_commands.py").read_text(
        encoding="utf-8")
    assert '"--config", "python:samverkan.web.gunicorn_conf"' in source
