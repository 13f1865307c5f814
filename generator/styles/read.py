"""Reading layouts/*.yaml: the `extends` chain, a check of every file against its product's
schema (unknown keys, types, ranges, allowed values, each with file:line and a suggestion), the
merge, and the typed, frozen style with millimetres resolved to points."""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from generator import memo
from generator.errors import ConfigError
from generator.styles.common import ProductStyle
from generator.styles.spec import Spec, settings, show, suggestion
from generator.yamlfile import YamlProblem, line_of, load_yaml

MAX_EXTENDS = 8

# The shipped product layouts by name (or name prefix): a file that extends one of them is read
# with its schema (module:class in generator.styles).
_SCHEMAS = {
    "theme-poster": "diagram:ThemePosterStyle", "poster": "diagram:PosterStyle", "diagram": "diagram:DiagramStyle",
    "handout": "handout:HandoutStyle", "html": "handout:HtmlStyle",
    "cards-questions": "cards:QuestionCardStyle", "cards-themes": "cards:ThemeCardStyle",
}


class _Schemas(Mapping):
    """SCHEMAS: layout name -> schema class, each module imported when one of its classes is asked for."""

    def __getitem__(self, name: str) -> type:
        module, cls = _SCHEMAS[name].split(":")
        return getattr(importlib.import_module(f"generator.styles.{module}"), cls)

    def __iter__(self) -> Iterator[str]:
        return iter(_SCHEMAS)

    def __len__(self) -> int:
        return len(_SCHEMAS)


SCHEMAS: Mapping[str, type] = _Schemas()

Files = list[tuple[str, dict]]  # (path, parsed file), base first


def load_style(layouts_dir: Path | str, name: str, cls: type | None = None) -> Any:
    """layouts/<name>.yaml, merged over what it extends, as a typed frozen style (`cls`, or the
    schema of the shipped layout it extends). Read again only when a layout file changed: a
    warm process gets the same style object (cheap to compare in memoised layout's keys)."""
    folder = Path(layouts_dir)
    texts = _texts(folder)
    return (_style if texts is not None else _style.__wrapped__)(folder, name, cls, texts)


def _texts(folder: Path) -> tuple[tuple[str, bytes], ...] | None:
    """Every layout file's name and bytes: what a style may depend on (None: unreadable)."""
    try:
        return tuple((p.name, p.read_bytes()) for p in sorted(folder.glob("*.yaml")) if p.is_file())
    except OSError:
        return None


@memo.cached(64)
def _style(layouts_dir: Path, name: str, cls: type | None, texts: tuple) -> Any:
    merged, files, cls = _load(layouts_dir, name, cls)
    style = build(cls, merged, files[-1][0])
    return dataclasses.replace(style, name=name)


def load_part(layouts_dir: Path | str, name: str, part: type, named_by: str) -> Any:
    """The style of layouts/<name>.yaml, which another layout's setting (`named_by`, e.g.
    "handout.yaml: 'diagram.layout'") names to borrow the sections of `part` from (e.g. the
    diagram's); ConfigError if that style has not got them."""
    style = load_style(layouts_dir, name)
    if not isinstance(style, part):
        raise ConfigError(f"{Path(layouts_dir) / named_by} names {name}.yaml, which lacks the sections "
                          f"{', '.join(settings(part))}; name diagram or a layout that extends it")
    return style


def load_layout(layouts_dir: Path | str, name: str) -> dict[str, Any]:
    """The same, checked, as a plain merged dict (for digests of what a product depends on)."""
    merged, _, _ = _load(Path(layouts_dir), name, None)
    merged["name"] = name
    return merged


def schema_for(chain: list[str]) -> type:
    """The schema of the first shipped product layout in an `extends` chain (leaf first);
    the shared settings alone for base.yaml and files that extend only it."""
    for name in chain:
        for known in SCHEMAS:
            if name == known or name.startswith(f"{known}-"):
                return SCHEMAS[known]
    return ProductStyle


def _load(folder: Path, name: str, cls: type | None) -> tuple[dict, Files, type]:
    chain = _chain(folder, name)
    cls = cls or schema_for([n for n, _ in chain])
    files = [(str(folder / f"{n}.yaml"), data) for n, data in reversed(chain)]
    for path, data in files:
        check(data, cls, path)
    merged: dict[str, Any] = {}
    for _, data in files:
        merged = _merge(merged, data)
    merged.pop("extends", None)
    check_pairs(cls, merged, files)
    return merged, files, cls


def _chain(folder: Path, name: str) -> list[tuple[str, dict]]:
    chain: list[tuple[str, dict]] = []
    current: str | None = name
    while current is not None:
        if len(chain) >= MAX_EXTENDS or any(n == current for n, _ in chain):
            raise ConfigError(f"{current}.yaml: 'extends' goes round in a circle or too deep")
        data = _read(folder, current)
        chain.append((current, data))
        parent = data.get("extends")
        if parent is not None and (not isinstance(parent, str) or _unsafe(parent)):
            raise ConfigError(f"{folder / current}.yaml:{line_of(data, 'extends')}: 'extends' must name "
                              f"another layout file in the same folder")
        current = parent
    return chain


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
    return copy.deepcopy(data)


@functools.lru_cache(maxsize=64)
def _parse(text: str) -> Any:
    """Parsed YAML by file text: parsed again only when a file changes (callers get a copy)."""
    return load_yaml(text)


def _merge(base: dict, over: dict) -> dict:
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge(result[key], value)
        else:
            result[key] = value
    return result


# --- checking one file ----------------------------------------------------------------------------


def check(data: dict, cls: type, path: str, prefix: str = "") -> None:
    """Raise ConfigError for the first setting in `data` (one parsed file, or a section of it)
    that `cls` does not know or does not allow."""
    known = settings(cls)
    for key, value in data.items():
        if not prefix and key == "extends":
            continue
        where = f"{path}:{line_of(data, key)}" if line_of(data, key) else path
        if key not in known:
            raise ConfigError(f"{where}: unknown setting '{prefix}{key}'{suggestion(key, list(known))}; "
                              f"known{' in ' + repr(prefix[:-1]) if prefix else ''}: {', '.join(known)}")
        spec = known[key][1]
        problem = spec.problem(value)
        if problem:
            raise ConfigError(f"{where}: '{prefix}{key}' {problem}")
        if spec.unit == "section":
            check(value, spec.section, path, f"{prefix}{key}.")
        elif spec.unit == "list":
            for i, entry in enumerate(value):
                if not isinstance(entry, dict):
                    raise ConfigError(f"{where}: '{prefix}{key}' lists settings like "
                                      f"{{{', '.join(settings(spec.section))}}}, not {show(entry)}")
                check(entry, spec.section, path, f"{prefix}{key}[{i}].")


def pairs(cls: type, prefix: str = "") -> list[tuple[str, str]]:
    """(smaller, larger) settings by dotted path: each setting with `at_most` and its bound."""
    out = []
    for name, (_, spec) in settings(cls).items():
        if spec.unit == "section":
            out += pairs(spec.section, f"{prefix}{name}.")
        elif spec.at_most:
            out.append((f"{prefix}{name}", spec.at_most if "." in spec.at_most else f"{prefix}{spec.at_most}"))
    return out


def check_pairs(cls: type, merged: dict, files: Files) -> None:
    """Raise ConfigError where a smaller setting is above its larger one; the message points at
    the last file (base first) that sets either, where the user most likely made the change."""
    for low, high in pairs(cls):
        lo, hi = _at(merged, low), _at(merged, high)
        if _number(lo) and _number(hi) and lo > hi:
            where = next((f"{path}:{line}" for path, data in reversed(files)
                          for line in (_line(data, high), _line(data, low)) if line), files[-1][0])
            raise ConfigError(f"{where}: '{low}' ({lo:g}) must not be larger than '{high}' ({hi:g})")


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _line(data: dict, path: str) -> int | None:
    *parents, key = path.split(".")
    owner = _at(data, ".".join(parents)) if parents else data
    return line_of(owner, key) if isinstance(owner, dict) and key in owner else None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- building the style ---------------------------------------------------------------------------


def build(cls: type, data: dict, where: str, prefix: str = "") -> Any:
    """The style `cls` from checked, merged `data`; a setting no file sets is an error."""
    values = {}
    for name, (_, spec) in settings(cls).items():
        if name not in data:
            if spec.optional:
                continue
            if spec.unit != "section":
                raise ConfigError(f"{where}: missing setting '{prefix}{name}' ({spec.doc}): "
                                  f"{spec.describe()}")
        values[name] = _value(spec, data.get(name, {}), where, f"{prefix}{name}")
    return cls(**values)


def _value(spec: Spec, value: Any, where: str, path: str) -> Any:
    if spec.unit == "section":
        return build(spec.section, value, where, f"{path}.")
    if spec.unit == "list":
        return tuple(build(spec.section, e, where, f"{path}[{i}].") for i, e in enumerate(value))
    return spec.convert(value)


def scaled(style: Any, factor: float) -> Any:
    """A copy of `style` with every setting marked `scales` (lengths, font sizes) × `factor`."""
    if factor == 1:
        return style
    changes = {}
    for name, (_, spec) in settings(type(style)).items():
        value = getattr(style, name)
        if value is None:
            continue
        if spec.unit == "section":
            changes[name] = scaled(value, factor)
        elif spec.unit == "list":
            changes[name] = tuple(scaled(v, factor) for v in value)
        elif spec.scales:
            changes[name] = tuple(v * factor for v in value) if spec.items else value * factor
    return dataclasses.replace(style, **changes)



