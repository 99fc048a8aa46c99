"""Every string of the web application has a Swedish translation, compiled and committed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import samverkan.web

LOCALE = Path(samverkan.web.__file__).parent / "locale"


def _entries(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n\n")[1:]  # the first is the header


def test_swedish_catalogue_is_complete_and_not_fuzzy() -> None:
    po = LOCALE / "sv" / "LC_MESSAGES" / "django.po"
    untranslated = [
        e for e in _entries(po)
        if re.search(r'^msgstr(\[\d\])? ""$', e, re.M) and not re.search(
            r'^msgstr(\[\d\])? ""\n"', e, re.M)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_committed_compiled_catalogue_matches_its_source(language: str, tmp_path: Path) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    subprocess.run(["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"),
                    str(folder / "django.po")], check=True)
    assert (tmp_path / "django.mo").read_bytes() == (folder / "django.mo").read_bytes()
