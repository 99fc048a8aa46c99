"""Responses that carry a report: the self-contained HTML document, or its PDF.

A report is one document with its own <style>, because the same HTML is the PDF's source; its
inline style is allowed on report responses only (`report_style`), and still no script at all.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import HttpResponse, HttpResponseBase

__all__ = ["CONTENT_TYPES", "report_style", "document_response"]

_INLINE_STYLE = csp_update({"style-src": [UNSAFE_INLINE]})
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def report_style(view: View) -> View:
    """Allows the report's inline style on the view's responses."""
    return cast(View, _INLINE_STYLE(view))

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def document_response(fmt: str, stem: str, write: Callable[[Path], None]) -> HttpResponse:
    """`write` makes the file; HTML opens in the browser, anything else is downloaded."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{stem}.{fmt}"
        write(path)
        response = HttpResponse(path.read_bytes(), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.{fmt}"'
    return response
