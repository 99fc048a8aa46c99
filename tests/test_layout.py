"""The package's seams, kept closed: private helpers stay in their module, the model imports
nothing of the rest, and each kind of thing is defined in one place."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "samverkan"

KNOWN_PRIVATE_IMPORTS: set[tuple[str, str, str]] = set()


def _modules() -> list[tuple[str, ast.Module]]:
    root = PACKAGE.parent
    return [(str(path.relative_to(root)), ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(PACKAGE.rglob("*.py"))]


def test_no_module_imports_another_modules_private_names() -> None:
    found = {(name, node.module, alias.name)
             for name, tree in _modules() for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and node.module
             and node.module.startswith("samverkan")
             for alias in node.names
             if alias.name.startswith("_") and not alias.name.startswith("__")}
    assert found <= KNOWN_PRIVATE_IMPORTS, found - KNOWN_PRIVATE_IMPORTS


def test_the_model_imports_nothing_of_the_rest() -> None:
    for name, tree in _modules():
        if not name.startswith("samverkan/model/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[:2] in (["samverkan", "model"],
                                                      ["samverkan", "errors"]) \
                    or not node.module.startswith("samverkan"), (name, node.module)


def test_one_definition_of_the_page_language() -> None:
    defined = [name for name, tree in _modules() for node in ast.walk(tree)
               if isinstance(node, ast.FunctionDef) and node.name in {"_lang", "page_language"}]
    assert defined == ["samverkan/web/language.py"]


def test_sql_is_quoted_in_one_module() -> None:
    quoting = [name for name in (n for n, _ in _modules())
               if ".replace(\"'\", \"''\")" in (PACKAGE.parent / name).read_text(encoding="utf-8")
               or ".replace('\"', '\"\"')" in (PACKAGE.parent / name).read_text(encoding="utf-8")]
    assert quoting == ["samverkan/formats/sql_text.py"]
