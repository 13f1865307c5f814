"""Product definitions in layouts/*.yaml, read through generator.styles (mm in files, points inside).

`load_style` gives a product its typed style; `load_layout` the checked, merged file as a dict
(for digests). `get` reads a dotted path from that dict: only for the poster and diagram modules
until they read their PosterStyle/DiagramStyle; then it goes.
"""

from __future__ import annotations

from typing import Any

from generator.errors import ConfigError
from generator.styles.read import load_layout, load_style

__all__ = ["get", "load_layout", "load_style"]


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
