"""A spreadsheet program recalculating a workbook the product wrote, for the tests that compare
its formulas with the model's figures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

__all__ = ["recalculated"]


def recalculated(path: Path, tmp_path: Path) -> Path:
    """The workbook opened, recalculated and saved again by LibreOffice, as Excel would on
    opening it; the test is skipped where LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (libreoffice-calc-nogui) is not installed")
    out = tmp_path / "recalculated"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out / path.name
