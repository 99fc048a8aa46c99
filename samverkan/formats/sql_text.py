"""Text put into DuckDB SQL: the one place that quotes names and values.

Most values go in as parameters (`?`); these are for what SQL cannot take as a parameter — a
column name from a user's file, a file path in `COPY`, a fixed list in `IN (...)`.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["identifier", "literal", "literal_list"]


def identifier(name: str) -> str:
    """A name as a DuckDB identifier, whatever characters the file gave it.

    >>> print(identifier('a "b" c'))
    "a ""b"" c"
    """
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """Text as a DuckDB string literal.

    >>> print(literal("O'Brien"))
    'O''Brien'
    """
    return "'" + text.replace("'", "''") + "'"


def literal_list(values: Sequence[str]) -> str:
    """Texts as the parenthesised list of an `IN`.

    >>> print(literal_list(["a", "b'c"]))
    ('a', 'b''c')
    """
    return "(" + ", ".join(literal(v) for v in values) + ")"
