"""Single sign-on with the municipality's own identity provider (OpenID Connect).

mozilla-django-oidc does the protocol (authorization code flow, state, nonce, PKCE, signature
checks against the provider's keys); it is a plain Django authentication backend with two views,
so Samverkan's own login page, sessions and django-axes stay as they are. (django-allauth would
bring its own account pages, e-mail flows and templates, most of which Samverkan does not want.)

The provider is found from its issuer through OpenID Connect discovery, read once per process.
People are matched by e-mail address, or created; a new account has no membership: an
organisation's administrator grants it inside Samverkan.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from samverkan.errors import SamverkanError
from samverkan.formats.identity_numbers import refuse_identity_numbers

# The provider's discovery document names these; everything else comes from settings.
_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


@cache
def _discovery(issuer: str) -> dict[str, Any]:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise SuspiciousOperation("the discovery document names another issuer")
    return document


def _setting(attr: str, *default: Any) -> Any:
    if attr in _DISCOVERED:
        return _discovery(settings.OIDC_ISSUER)[_DISCOVERED[attr]]
    return import_from_settings(attr, *default)


class SSOBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    get_settings = staticmethod(_setting)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # Matching by e-mail is only safe for an address the provider vouches for.
        return bool(claims.get("email")) and claims.get("email_verified") is not False

    def create_user(self, claims: dict[str, Any]) -> AbstractBaseUser:
        email = str(claims["email"]).strip()
        names = {"e-post / e-mail": email, "förnamn / given name": claims.get("given_name", ""),
                 "efternamn / family name": claims.get("family_name", "")}
        try:
            refuse_identity_numbers(names)
        except SamverkanError:
            # Never kept: the account is not created and the sign-in fails.
            raise SuspiciousOperation("an identity number in the provider's claims") from None
        user: AbstractBaseUser = self.UserModel.objects.create_user(
            email[:150], email=email,
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150])
        # Signs in through the provider only, never with a password of its own.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return user


class SSORequestView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    get_settings = staticmethod(_setting)


class SSOCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    get_settings = staticmethod(_setting)

    @property
    def success_url(self) -> str:
        if not self.user.memberships.exists():
            return reverse("sso_no_membership")
        url: str = super().success_url
        return url

    @property
    def failure_url(self) -> str:
        return reverse("login")

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, _("Signing in through your organisation did not succeed. "
                                       "Try again, or ask your administrator."))
        response: HttpResponse = super().login_failure()
        return response


@login_not_required
def start(request: HttpRequest) -> HttpResponse:
    """Off (404) without a provider; a provider that does not answer is said on the login page."""
    if not enabled():
        raise Http404
    try:
        _setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
    except (requests.RequestException, ValueError, KeyError, SuspiciousOperation):
        _discovery.cache_clear()
        messages.error(request, _("Your organisation's sign-in service does not answer. "
                                  "Try again later, or ask your administrator."))
        return redirect("login")
    response: HttpResponse = SSORequestView.as_view()(request)
    return response


@login_not_required
def callback(request: HttpRequest) -> HttpResponse:
    if not enabled():
        raise Http404
    response: HttpResponse = SSOCallbackView.as_view()(request)
    return response


def no_membership(request: HttpRequest) -> HttpResponse:
    """Signed in, but no organisation has given this account a place yet."""
    return render(request, "accounts/no_membership.html")


urlpatterns = [
    path("sso/logga-in/", start, name="oidc_authentication_init"),
    path("sso/klar/", callback, name="oidc_authentication_callback"),
    path("sso/utan-medlemskap/", no_membership, name="sso_no_membership"),
]
