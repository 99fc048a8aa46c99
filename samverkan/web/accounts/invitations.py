"""The one-time link a new member follows to choose a password.

The link is Django's own password-reset token (`default_token_generator`): it is signed with the
secret key, ends after `PASSWORD_RESET_TIMEOUT` seconds, and stops working once the password is
set, because the token is made from the account's password hash. Nothing about it is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _


def password_link(request: HttpRequest, member: AbstractBaseUser) -> str:
    """An absolute, one-time link for `member` to set a password."""
    path = reverse("accounts:set_password", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
        "token": default_token_generator.make_token(member),
    })
    return request.build_absolute_uri(path)


def link_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def email_configured() -> bool:
    return bool(settings.SENDS_EMAIL)


def send_invitation(*, member: AbstractBaseUser, link: str, organisation_name: str,
                    invited_by: str) -> bool:
    """E-mail the link when an e-mail server is configured; True if a message was handed over.

    A failing server is not the inviter's problem to read about: the link is shown to copy.
    """
    address = getattr(member, "email", "")
    if not email_configured() or not address:
        return False
    subject = _("Invitation to Samverkan: %(organisation)s") % {
        "organisation": organisation_name}
    body = _("%(inviter)s has invited you to %(organisation)s in Samverkan.\n\n"
             "Choose your password here (the link works once, for %(days)s days):\n%(link)s\n\n"
             "Your user name is %(username)s.\n") % {
        "inviter": invited_by, "organisation": organisation_name, "days": link_days(),
        "link": link, "username": member.get_username()}
    try:
        send_mail(subject, body, None, [address])
    except OSError:
        return False
    return True
