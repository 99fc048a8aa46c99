"""The public names of `samverkan.model` are exported once, completely."""

from __future__ import annotations

import importlib
import pkgutil

import samverkan.model


def test_every_public_name_of_every_module_is_exported_by_the_package() -> None:
    exported = set(samverkan.model.__all__)
    for info in pkgutil.iter_modules(samverkan.model.__path__):
        module = importlib.import_module(f"samverkan.model.{info.name}")
        public = {name for name in getattr(module, "__all__", ())
                  if not name.isupper() or name in {"SCHOOL", "SOCIAL_SERVICES"}}
        missing = public - exported
        assert not missing, f"samverkan.model.{info.name} exports {missing} not re-exported"


def test_every_export_exists() -> None:
    for name in samverkan.model.__all__:
        assert hasattr(samverkan.model, name), name
