"""Signing in with a local password, guarded by django-axes.

Failed attempts are counted per user name *and* client address together, so a guesser at one
address locks out only that combination: the user still signs in from anywhere else.

The client address is the connecting address, unless that is one of the configured proxies
(SAMVERKAN_TRUSTED_PROXIES); then it is the right-most address in X-Forwarded-For that is not
itself a proxy. A header sent by anyone else is ignored, so nobody can choose the address their
attempts are counted against. (django-ipware decides trust from the header's own contents, not
from who connected, so it is not used here.)
"""

from __future__ import annotations

import hashlib
import ipaddress
from functools import cache
from typing import Any, cast

from axes.signals import user_locked_out
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext_lazy as _

from samverkan.formats.identity_numbers import identity_number_paths, redacted
from samverkan.web.accounts.models import Membership
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event

LOCKED_OUT = _("Too many failed attempts. Wait 15 minutes and try again.")

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _proxies(configured: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in configured)


def _is_proxy(address: str) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in _proxies(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The address the attempt is counted against (AXES_CLIENT_IP_CALLABLE)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if not _is_proxy(remote):
        return remote
    forwarded = [a.strip()
                 for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    for address in reversed(forwarded):
        if not address:
            continue
        try:
            ipaddress.ip_address(address)
        except ValueError:
            # Whatever the proxy passed on before this point is the client's own text.
            return remote
        if not _is_proxy(address):
            return address
    return remote


def counted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The user name attempts are counted (and kept) under (AXES_USERNAME_CALLABLE).

    As typed, unless it holds an identity number (someone typing theirs into the wrong field):
    then only a digest of it is kept, which still counts the attempts.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username")
    if username is None:
        return None
    username = str(username)
    if identity_number_paths(username):
        return "sha256:" + hashlib.sha256(username.encode()).hexdigest()[:40]
    return username


def _one_attempt_at_a_time(username: str, address: str) -> None:
    """Hold a lock for this user name and address until the transaction ends.

    django-axes checks the count before the password and adds to it after; without the lock,
    parallel attempts would all pass the check before any failure is counted.
    """
    if connection.vendor == "postgresql":
        digest = hashlib.sha256(f"signin|{username}|{address}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
    # SQLite starts every transaction with the write lock (settings: IMMEDIATE): already one
    # at a time.


class LoginView(auth_views.LoginView):
    """Django's login page: one attempt at a time per user name and address, and a locked-out
    attempt answered on the same page with 429."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with transaction.atomic():
            _one_attempt_at_a_time(counted_username(request, None) or "", client_address(request))
            return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from samverkan.web.accounts.sso import enabled

        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["sso"] = enabled()
        return context

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        if identity_number_paths(str(form.data.get("username", ""))):
            # Not shown back as typed: the page would hold the number.
            data = cast(QueryDict, form.data).copy()  # a bound form's data is a QueryDict
            data["username"] = redacted(str(data["username"]))  # the rest of what was typed
            form.data = data
        if getattr(self.request, "axes_locked_out", False):
            form.errors.clear()
            form.add_error(None, forms.ValidationError(LOCKED_OUT, code="throttled"))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_invalid(form)


@receiver(user_locked_out)
def _audit_lockout(sender: Any, request: HttpRequest, username: str | None,
                   **kwargs: Any) -> None:
    """A member's account locked out goes in each of their organisations' trails, once per
    lockout (later refused attempts only keep it locked). No address is kept."""
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        return  # no such account: nobody's data changed
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        record_event(organisation=membership.organisation, user=None, action=Action.LOCK,
                     kind=Kind.SIGN_IN, object_id=user.pk, label=user.get_username(),
                     after={"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)})


def lockout_response(request: HttpRequest, original_response: HttpResponse | None,
                     credentials: dict[str, Any] | None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page has already said so, in the user's language."""
    if original_response is not None and original_response.status_code == 429:
        return original_response
    return HttpResponse(str(LOCKED_OUT), status=429, content_type="text/plain; charset=utf-8")
