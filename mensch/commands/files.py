"""File writing shared by the console commands (no Django import)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomically(target: Path, lines: Iterable[str]) -> None:
    """Write to a temporary file in the target's folder, then rename it into place, so a
    failure half-way never leaves a truncated output behind."""
    # SIM115: the file must outlive this call's context manager so it can be renamed.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        "w",
        encoding="utf-8",
        dir=target.parent,
        prefix=f".{target.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
        # A temporary file is private (0600); give the result ordinary permissions.
        os.chmod(handle.name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
