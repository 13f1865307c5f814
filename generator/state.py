"""What the last build made, so the next one can skip what has not changed.

The state lives in `<out>/.praatplaat-state.json`: per product the key of its inputs (model
parts it reads, its layout settings, the generator, the options) and the hash of every file
it wrote. A product is up to date when its key is unchanged and its files are still on disk
with the recorded hashes. A second, cheaper key (`inputs`: the raw bytes of the content and
layout folders) lets a build with no edits skip even loading the content.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__

STATE_FILE = ".praatplaat-state.json"
STATE_VERSION = 1
GENERATOR_DIR = Path(__file__).resolve().parent


def digest(*parts: bytes | str) -> str:
    """SHA-256 (hex) of the parts, each length-prefixed so that ('ab', 'c') != ('a', 'bc')."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def fingerprint(*parts: Any) -> bytes:
    """A product's input key from model parts: the repr of frozen dataclasses, tuples, str, numbers.

    Products pass the parts they read, e.g. `fingerprint(plaat.meta, [(t.id, t.level) for t in …])`.
    Do not pass sets or objects whose repr holds an id(): the key must not change between runs.
    """
    return digest(*(repr(p) for p in parts)).encode("ascii")


_last_model: list = [None, b""]  # the last model fingerprinted and its key: products share it


def whole_model(plaat: Any, options: Any) -> bytes:
    """The default product key: everything in the model (any edit rebuilds the product)."""
    if _last_model[0] is not plaat:
        _last_model[:] = [plaat, fingerprint(plaat)]
    return _last_model[1]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def environment() -> str:
    """The generator's code and the installed packages: a change to either rebuilds everything.

    Computed once per process: a watcher keeps the code it imported at start.
    """
    parts = [__version__, sys.version.split()[0], zlib.ZLIB_RUNTIME_VERSION]
    for path in sorted(GENERATOR_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            parts += [path.relative_to(GENERATOR_DIR).as_posix(), path.read_bytes()]
    parts += _distributions()
    return digest(*parts)


def _distributions() -> list[str]:
    """Names (with versions) of installed packages, from the folder names; no metadata reads."""
    names: set[str] = set()
    for entry in sys.path:
        folder = Path(entry or ".")
        if folder.is_dir() and folder.name in ("site-packages", "dist-packages"):
            names.update(p.name for p in folder.iterdir() if p.name.endswith(".dist-info"))
    return sorted(names)


def folder_digest(*folders: Path) -> str:
    """Hash of every file's relative path and bytes under the folders (hidden files too)."""
    parts: list[bytes | str] = []
    for folder in folders:
        parts.append(str(folder))
        if folder.is_dir():
            inside = folder.resolve()
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    parts += [path.relative_to(folder).as_posix(), _file_part(path, inside)]
    return digest(*parts)


UNREAD_OVER = 16_000_000  # bytes; the loader refuses content files far smaller than this


def _file_part(path: Path, inside: Path) -> bytes | str:
    """A file's bytes; for a link to a file outside the folder, or a huge file, only its path,
    size and time (a build never reads such a file: the loader refuses it)."""
    real = path.resolve()
    stat = real.stat()
    if real.is_relative_to(inside) and stat.st_size <= UNREAD_OVER:
        return path.read_bytes()
    return f"unread:{real}:{stat.st_size}:{stat.st_mtime_ns}"


@dataclass(frozen=True)
class FileRecord:
    sha256: str
    size: int
    pages: int | None = None
    fonts: tuple[str, ...] = ()

    def as_json(self) -> dict:
        data: dict[str, Any] = {"sha256": self.sha256, "bytes": self.size}
        if self.pages is not None:
            data["pages"] = self.pages
        if self.fonts:
            data["fonts"] = list(self.fonts)
        return data

    @staticmethod
    def from_json(data: dict) -> FileRecord:
        return FileRecord(str(data["sha256"]), int(data["bytes"]), data.get("pages"), tuple(data.get("fonts", ())))


@dataclass(frozen=True)
class ProductState:
    """What one product's last successful build used and made."""

    key: str
    inputs: str
    files: dict[str, FileRecord] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0  # how long it took: orders the work over cores (not in build.json)
    failed: str = ""      # why the last build of it failed (its files are then the older ones)

    def as_json(self) -> dict:
        data = {"key": self.key, "inputs": self.inputs, "warnings": list(self.warnings), "seconds": self.seconds,
                "files": {name: self.files[name].as_json() for name in sorted(self.files)}}
        if self.failed:
            data["failed"] = self.failed
        return data

    @staticmethod
    def from_json(data: dict) -> ProductState:
        files = {str(n): FileRecord.from_json(f) for n, f in data["files"].items()}
        return ProductState(str(data["key"]), str(data["inputs"]), files, tuple(str(w) for w in data.get("warnings", ())),
                            float(data.get("seconds", 0.0)), str(data.get("failed", "")))

    def outputs_intact(self, out: Path) -> bool:
        """True when every recorded file is on disk with its recorded bytes."""
        for name, record in self.files.items():
            path = out / name
            try:
                if path.stat().st_size != record.size or file_hash(path.read_bytes()) != record.sha256:
                    return False
            except OSError:
                return False
        return True


def parse_state(data: bytes | None, where: str) -> tuple[dict[str, ProductState], str | None]:
    """The recorded state per product, and a warning when the file is broken (then ignored:
    everything is rebuilt). Another version or generator: empty, without a warning."""
    if data is None:
        return {}, None
    try:
        found = json.loads(data.decode("utf-8"))
        if not isinstance(found, dict) or found.get("version") != STATE_VERSION:
            raise ValueError("not a state file of this version")
        if found.get("environment") != environment():
            return {}, None
        return {str(n): ProductState.from_json(p) for n, p in found["products"].items()}, None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, UnicodeDecodeError):
        return {}, f"{where} is broken; ignored it and rebuilt everything"


def state_bytes(products: dict[str, ProductState]) -> bytes:
    data = {"version": STATE_VERSION, "environment": environment(),
            "products": {n: products[n].as_json() for n in sorted(products)}}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
