"""Site administrators: the people who create, rename and close organisations.

The flag is Django's own `is_superuser`, set by `samverkan admin site-admin` or given to the
first account made. The Django admin site is not installed, so it opens nothing else.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404


def is_site_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_superuser", False)
                and getattr(user, "is_active", False))


def require_site_administrator(user: Any) -> None:
    """404 for everyone else: the page is not there for them."""
    if not is_site_administrator(user):
        raise Http404
