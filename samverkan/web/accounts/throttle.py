"""Login throttling: after repeated failures for one user name from one address, wait.

Failures are counted in the shared cache (the database), so every server process sees the same
count. A refused attempt is refused before the password is checked, so a guesser learns nothing
from it; a successful login clears the count.
"""

from __future__ import annotations

import hashlib
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from samverkan.formats.identity_numbers import holds_identity_number, redacted


def _key(username: str, request: HttpRequest | None) -> str:
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    digest = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def failures(username: str, request: HttpRequest | None) -> int:
    return int(cache.get(_key(username, request), 0))


@receiver(user_login_failed)
def _count_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                   **kwargs: Any) -> None:
    key = _key(str(credentials.get("username", "")), request)
    cache.set(key, int(cache.get(key, 0)) + 1, settings.LOGIN_FAILURE_WINDOW)


@receiver(user_logged_in)
def _clear_failures(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    cache.delete(_key(user.get_username(), request))


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing to check a password after too many failures.

    A refused login shows the user name again, as typed, but never an identity number in it:
    someone who types theirs as a user name gets the field back without it."""

    def full_clean(self) -> None:
        super().full_clean()
        key = self.add_prefix("username")
        value = self.data.get(key) if self.is_bound else None
        if isinstance(value, str) and holds_identity_number(value):
            data = cast(QueryDict, self.data).copy()  # a bound form's data is a QueryDict
            data[key] = redacted(value)
            self.data = data

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if failures(username, self.request) >= settings.LOGIN_FAILURE_LIMIT:
            raise forms.ValidationError(
                _("Too many failed attempts. Wait 15 minutes and try again."),
                code="throttled",
            )
        return super().clean()
