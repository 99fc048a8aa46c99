"""Nothing shown to a signed-in user is kept by a browser or a proxy on the way.

Pages and downloads after login hold a municipality's cases and logs: on a shared computer the
back button or the disk cache must not bring them back after logging out. The package's own
static files (the same for everyone) stay cacheable.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and not request.path.startswith(settings.STATIC_URL)):
            # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private.
            add_never_cache_headers(response)
        return response
