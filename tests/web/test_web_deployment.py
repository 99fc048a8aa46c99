"""Deployment: Django's checklist passes with production settings, the security headers are
sent, sessions expire, and `serve --production` refuses
development settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

PRODUCTION = {
    "SAMVERKAN_SECRET_KEY": secrets.token_urlsafe(60),
    "SAMVERKAN_ALLOWED_HOSTS": "samverkan.kommun.example",
    "SAMVERKAN_HTTPS": "1",
    "SAMVERKAN_BEHIND_PROXY": "1",
}


def _clean_env(tmp_path: Path) -> dict[str, str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their live server; a deployment never.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SAMVERKAN_")
           and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env["SAMVERKAN_DATA_DIR"] = str(tmp_path / "data")
    return env


def test_django_deploy_check_reports_nothing_with_production_settings(tmp_path: Path):
    env = {**_clean_env(tmp_path), **PRODUCTION,
           "DJANGO_SETTINGS_MODULE": "samverkan.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_django_deploy_check_fails_with_development_settings(tmp_path: Path):
    env = {**_clean_env(tmp_path), "DJANGO_SETTINGS_MODULE": "samverkan.web.settings",
           "SAMVERKAN_DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG on


@pytest.mark.django_db
def test_security_headers_are_sent():
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = Client().get(reverse("login"), secure=True)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_sessions_expire_after_a_working_day_and_with_the_browser():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize(("extra", "expected"), [
    ({}, "SAMVERKAN_SECRET_KEY saknas"),
    ({"SAMVERKAN_SECRET_KEY": "kort"}, "för kort"),
    ({**PRODUCTION, "SAMVERKAN_DEBUG": "1"}, "utvecklingsläget"),
])
def test_serve_production_refuses_development_settings(tmp_path: Path, extra: dict[str, str],
                                                       expected: str):
    env = {**_clean_env(tmp_path), **extra}
    result = subprocess.run([sys.executable, "-m", "samverkan", "serve", "--production"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_serve_production_refuses_the_stored_development_key(tmp_path: Path):
    env = _clean_env(tmp_path)
    data = Path(env["SAMVERKAN_DATA_DIR"])
    data.mkdir(parents=True)
    key = secrets.token_urlsafe(60)
    (data / "secret_key").write_text(key)
    result = subprocess.run([sys.executable, "-m", "samverkan", "serve", "--production"],
                            capture_output=True, text=True, timeout=120,
                            env={**env, "SAMVERKAN_SECRET_KEY": key})
    assert result.returncode == 1 and "utvecklingsnyckeln" in result.stderr
