"""Product definitions in layouts/*.yaml: paper, margins, bleed, grid, fonts, palette (mm in files)."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

from generator.config_ranges import check_pairs, check_ranges
from generator.errors import ConfigError
from generator.yamlfile import YamlProblem, load_yaml

MAX_EXTENDS = 8


def load_layout(layouts_dir: Path | str, name: str) -> dict[str, Any]:
    """Read layouts/<name>.yaml, merged over the files it `extends` (deepest first)."""
    chain: list[tuple[str, dict]] = []
    current: str | None = name
    while current is not None:
        if len(chain) >= MAX_EXTENDS or any(n == current for n, _ in chain):
            raise ConfigError(f"{current}.yaml: 'extends' goes round in a circle or too deep")
        data = _read(Path(layouts_dir), current)
        chain.append((current, data))
        parent = data.get("extends")
        if parent is not None and (not isinstance(parent, str) or _unsafe(parent)):
            raise ConfigError(f"{current}.yaml: 'extends' must name another layout file in the same folder")
        current = parent
    merged: dict[str, Any] = {}
    for _, data in reversed(chain):
        merged = _merge(merged, data)
    merged.pop("extends", None)
    merged["name"] = name
    check_pairs(merged, [(str(Path(layouts_dir) / f"{n}.yaml"), data) for n, data in reversed(chain)])
    return merged


def _unsafe(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith(".")


def _read(folder: Path, name: str) -> dict:
    if _unsafe(name):
        raise ConfigError(f"layout name {name!r} must be a plain file name in {folder}")
    path = folder / f"{name}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml"))) or "none"
        raise ConfigError(f"{path}: layout not found (known: {known})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    try:
        data = _parse(text)
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(f"{where}: {exc.message}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must hold fields ('name: value')")
    check_ranges(data, str(path))
    return copy.deepcopy(data)


@functools.lru_cache(maxsize=64)
def _parse(text: str) -> Any:
    """Parsed YAML by file text: the files are read every time, parsed only when they change
    (callers get a deep copy, so they may change what they get)."""
    return load_yaml(text)


def _merge(base: dict, over: dict) -> dict:
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge(result[key], value)
        else:
            result[key] = value
    return result


def get(layout: dict, path: str, kind: type | tuple[type, ...] = (int, float, str, bool, list, dict)) -> Any:
    """`layout['a']['b']` for path 'a.b', with a ConfigError naming the layout if absent or wrong."""
    value: Any = layout
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise ConfigError(f"{layout.get('name', '?')}.yaml: missing setting '{path}'")
        value = value[part]
    if kind is float:
        kind = (int, float)
    if isinstance(value, bool) and kind in ((int, float), int, float):
        raise ConfigError(f"{layout.get('name', '?')}.yaml: '{path}' must be a number")
    if not isinstance(value, kind):
        raise ConfigError(f"{layout.get('name', '?')}.yaml: '{path}' has the wrong type ({type(value).__name__})")
    return value
