"""YAML and JSON parsed within bounds: no alias bomb, no nesting deep enough to exhaust the stack.

A few hundred bytes of YAML can name an alias of an alias of an alias… and unfold into millions
of values once anything walks the document; nine hundred `[` in a row exhaust Python's
recursion. Both are found in the parser's event stream (libyaml's, in C, which never recurses)
before any value is built, so such a file is refused at once whatever its size.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from samverkan.formats.limits import MAX_EXPANDED_NODES, MAX_NESTING, thousands

__all__ = ["DocumentBoundsError", "DocumentSyntaxError", "parse_document"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DocumentBoundsError(Exception):
    """The document is beyond a limit; `sv` and `en` say which."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.sv, self.en = sv, en


class DocumentSyntaxError(Exception):
    """The text is not YAML (or JSON); `line` is where the parser stopped, when known."""

    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


def _too_deep() -> DocumentBoundsError:
    return DocumentBoundsError(
        f"filen har fler än {MAX_NESTING} nivåer av listor och tabeller i varandra",
        f"the file has more than {MAX_NESTING} levels of lists and mappings inside each other",
    )


def _too_large() -> DocumentBoundsError:
    limit = thousands(MAX_EXPANDED_NODES)
    return DocumentBoundsError(
        f"filen blir större än {limit} värden när dess hänvisningar (alias, *namn) skrivs ut",
        f"the file grows beyond {limit} values once its references (aliases, *name) are "
        "written out",
    )


def _check_yaml_events(text: str) -> None:
    """Refuse nesting beyond MAX_NESTING and documents that expand beyond MAX_EXPANDED_NODES."""
    # Each open collection: its anchor and the number of values it holds once expanded.
    stack: list[list[Any]] = [[None, 0]]
    sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) > MAX_NESTING:
                raise _too_deep()
            stack.append([event.anchor, 1])
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor is not None:
                sizes[anchor] = size
            stack[-1][1] += size
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                sizes[event.anchor] = 1
            stack[-1][1] += 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in sizes:
                # An alias of a collection still open refers to itself: endless once written
                # out. (An unknown name is left for the loader to report as a syntax error.)
                if any(frame[0] == event.anchor for frame in stack):
                    raise _too_large()
                continue
            stack[-1][1] += sizes[event.anchor]
        elif isinstance(event, yaml.DocumentEndEvent):
            stack = [[None, 0]]
            continue
        else:
            continue
        if stack[0][1] + sum(frame[1] for frame in stack[1:]) > MAX_EXPANDED_NODES:
            raise _too_large()


def _check_json_depth(data: Any) -> None:
    pending: list[tuple[Any, int]] = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth >= MAX_NESTING:
                raise _too_deep()
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)


def parse_document(text: str, fmt: str) -> Any:
    """The value of a YAML or JSON text, within the limits; raise DocumentBoundsError beyond
    them and DocumentSyntaxError for text that is not the format."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DocumentSyntaxError(error.lineno) from None
        except RecursionError:
            raise _too_deep() from None
        except ValueError:  # a number too long to convert; said as a syntax error at no line
            raise DocumentSyntaxError(None) from None
        _check_json_depth(data)
        return data
    try:
        _check_yaml_events(text)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 — the safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DocumentSyntaxError(mark.line + 1 if mark is not None else None) from None
    except (ValueError, OverflowError):  # e.g. an integer of thousands of digits
        raise DocumentSyntaxError(None) from None
