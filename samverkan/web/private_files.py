"""Files only the server's own user may read: the database and backups (mode 0600).

Both hold every case and every event log. Files are created with the mode already set, so there
is no moment at which another user of the machine could open them; a file made by an older
version with a wider mode is narrowed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["PRIVATE_MODE", "ensure_private_file", "write_private"]

PRIVATE_MODE = 0o600


def ensure_private_file(path: Path) -> None:
    """Create `path` empty and private if it is missing; narrow its mode if it is wider.

    SQLite gives its journal and write-ahead files the mode of the database file, so a private
    database keeps them private too; any left from before are narrowed here as well.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_MODE))
    for companion in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm",
                                                                       "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            if companion.stat().st_mode & 0o777 != PRIVATE_MODE:
                companion.chmod(PRIVATE_MODE)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path`, readable and writable by the owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    with os.fdopen(descriptor, "wb") as stream:
        os.fchmod(stream.fileno(), PRIVATE_MODE)  # an existing file keeps its mode otherwise
        stream.write(data)
