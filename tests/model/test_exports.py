"""The public names of `samverkan.model` are exported once, completely, in sorted order."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import samverkan.model


def test_all_is_every_public_name_of_the_package_sorted() -> None:
    """As httpx checks its own: the whole list, so an addition anywhere shows here."""
    public = [name for name, value in vars(samverkan.model).items()
              if not name.startswith("_") and not isinstance(value, ModuleType)]
    assert samverkan.model.__all__ == sorted(public, key=lambda n: (n.casefold(), n))


def test_every_public_name_of_every_module_is_exported_by_the_package() -> None:
    exported = set(samverkan.model.__all__)
    for info in pkgutil.iter_modules(samverkan.model.__path__):
        if info.name == "edit":
            continue  # used as a namespace: `edit.add_task(...)`
        module = importlib.import_module(f"samverkan.model.{info.name}")
        missing = set(getattr(module, "__all__", ())) - exported
        assert not missing, f"samverkan.model.{info.name} exports {missing} not re-exported"
