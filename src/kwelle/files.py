"""Writing build files that other processes may be reading or writing at the same time."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target``, then rename: no reader (a parallel writer, a worker) sees half a file."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(target)
