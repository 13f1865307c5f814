"""Writing output files safely: temporary file, then an atomic rename; never a partial file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import PraatplaatError


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_output_path(out_dir: Path, name: str) -> Path:
    """The path of an artifact inside the output folder; refuses names that would leave it."""
    target = (out_dir / name).resolve()
    if not target.is_relative_to(out_dir.resolve()):
        raise PraatplaatError(f"output name {name!r} would leave the output folder")
    return target
