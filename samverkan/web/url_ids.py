"""The `<id:…>` path converter: a database id in an address, or no match (404).

Django's `<int:…>` takes any run of digits; one beyond the database's 64-bit range reaches
the query and the driver fails with OverflowError (a 500). Every address with an id uses
`<id:…>` instead, imported from here so that the converter is registered first.
"""

from __future__ import annotations

from typing import Final

from django.urls import register_converter

__all__ = ["MAX_ID", "IdConverter"]

# The largest value of a signed 64-bit integer, the range of PostgreSQL's bigint and SQLite's
# INTEGER; Django's auto ids stay inside it.
MAX_ID: Final = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond the range of a database id")  # → no match, 404
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
