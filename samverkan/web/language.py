"""Swedish first: the page's language is the one the user chose, else Swedish.

Django's LocaleMiddleware would follow the browser's Accept-Language header, which would show
English to most visitors on an English-language browser; the product speaks Swedish unless
asked otherwise through the language switch (a cookie).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def page_language() -> str:
    """The language of the page being made, as the model and reports name it: "sv" or "en"."""
    return "en" if (translation.get_language() or "sv").startswith("en") else "sv"
