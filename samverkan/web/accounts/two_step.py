"""Two-step verification: an optional time-based code (TOTP, RFC 6238) after the password.

django-otp keeps the devices and checks the codes. A user turns it on by scanning the secret
(QR code or text) into an authenticator app and giving a first code: only then is the device
confirmed. Once confirmed, a session signed in with the password counts only after a code
(`RequireVerifiedMiddleware`). Wrong codes are throttled by django-otp's own throttle on the
device: after n wrong codes in a row the next is not even checked for 2^(n-1) seconds, and the
device row is locked while a code is checked, so parallel guesses wait their turn.
"""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from typing import Any, cast
from urllib.parse import urlencode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.web.accounts.access import Account
from samverkan.web.accounts.models import Membership
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event

# Pages an unverified session may still open: the code page itself, logging out, the language
# switch and the package's static files.
ALLOWED_UNVERIFIED = {"two_step_verify", "logout", "set_language", "accessibility"}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"), max_length=6, min_length=6,
        strip=True, widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
        error_messages={"required": gettext_lazy("Enter the 6-digit code from your app."),
                        "min_length": gettext_lazy("The code has 6 digits."),
                        "max_length": gettext_lazy("The code has 6 digits.")})

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"])
        if not code.isdigit():
            raise forms.ValidationError(_("The code has 6 digits."), code="digits")
        return code


def confirmed_device(user: Any) -> TOTPDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _check(device_id: int, form: CodeForm) -> TOTPDevice | None:
    """The device if the form's code is right for it; otherwise the form says why."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device_id)
        allowed, _data = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", forms.ValidationError(
                _("Too many wrong codes in a row. Wait a moment and try again."),
                code="throttled"))
            return None
        if device.verify_token(form.cleaned_data["code"]):
            return device
    form.add_error("code", forms.ValidationError(
        _("The code is wrong or has expired. Enter the code your app shows now."),
        code="wrong"))
    return None


def _audit(user: Account, on: bool, actor: Account | None) -> None:
    """In each of the user's organisations' trails; no actor for a change from the terminal."""
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        record_event(organisation=membership.organisation, user=actor, action=Action.CHANGE,
                     kind=Kind.SIGN_IN, object_id=user.pk, label=user.get_username(),
                     before={"two_step_verification": not on},
                     after={"two_step_verification": on})


def reset(user: Account) -> bool:
    """Take away every device of an account that has lost its phone, from the terminal: the
    next login asks for the password only. Returns whether there was one."""
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            _audit(user, False, None)
    return bool(removed)


def _qr_svg(device: TOTPDevice) -> str:
    # segno writes plain SVG paths: no script, no style element, so the CSP stays as it is.
    return str(segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", omitsize=False,
        title=_("QR code with the secret for your authenticator app")))


def _secret_text(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """Turning two-step verification on (secret, then a first code) or off (a current code)."""
    user = cast(Account, request.user)  # signed in: LoginRequiredMiddleware
    device = confirmed_device(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if device is not None:
        if form.is_bound and form.is_valid() and _check(device.pk, form):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).delete()
                _audit(user, False, user)
            messages.success(request, _("Two-step verification is off."))
            return redirect("two_step")
        return render(request, "accounts/two_step.html", {"form": form, "on": True})
    pending, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"})
    if form.is_bound and form.is_valid() and (checked := _check(pending.pk, form)):
        with transaction.atomic():
            checked.confirmed = True
            checked.save(update_fields=["confirmed"])
            _audit(user, True, user)
        django_otp.login(request, checked)
        messages.success(request, _("Two-step verification is on. From now on you give a code "
                                    "from your app when you log in."))
        return redirect("two_step")
    return render(request, "accounts/two_step.html", {
        "form": form, "on": False, "qr": _qr_svg(pending), "secret": _secret_text(pending)})


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    """The code after the password, for an account with two-step verification on."""
    device = confirmed_device(request.user)
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("cases:index")
    if device is None or request.user.is_verified():  # type: ignore[union-attr]
        return redirect(target)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and (checked := _check(device.pk, form)):
        django_otp.login(request, checked)
        return redirect(target)
    status = 429 if form.has_error("code", "throttled") else 200
    return render(request, "accounts/two_step_verify.html",
                  {"form": form, "next": target}, status=status)


class RequireVerifiedMiddleware:
    """Sends a session signed in with the password, on an account with a confirmed device, to
    the code page until the code is given. After OTPMiddleware and LoginRequiredMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any,
                     kwargs: Any) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.url_name in ALLOWED_UNVERIFIED or match.url_name is None:
            return None
        if confirmed_device(user) is None:
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('two_step_verify')}?{query}")
