"""Reading fields of content files: problems collected with file:line, text kept as typed."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from generator.errors import ContentError, Problem
from generator.prose import ProseProblem, split_front_matter
from generator.yamlfile import YamlProblem, line_of, load_yaml, raw_of

SPACES = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")  # where a line may break; not U+00A0
MAX_LEVEL = 1_000_000           # |level|; larger is a slip (1e308 would end as NaN coordinates)
FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
MAX_FIELD_CHARS = 300           # any other field: title, credit, labels, author names…


class Collector:
    """Collects problems; `fail()` raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def fail_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems)


def front_matter(name: str, text: str, problems: Collector) -> tuple[Any, str] | None:
    """Split and parse a Markdown file's YAML front matter; None after a problem."""
    try:
        yaml_text, body, offset = split_front_matter(text)
    except ProseProblem as exc:
        problems.add(name, exc.line, exc.message)
        return None
    if yaml_text is None:
        problems.add(name, 1, "must start with front matter: a line '---', fields, and another '---'")
        return None
    try:
        data = load_yaml(yaml_text)
    except YamlProblem as exc:
        problems.add(name, exc.line + offset if exc.line else None, exc.message)
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(name, 2, "front matter must be fields ('name: value')")
        return None
    shift_lines(data, offset)
    return data, body


def shift_lines(data: Any, offset: int) -> None:
    if hasattr(data, "lines"):
        data.line = (data.line or 1) + offset
        data.lines = {k: v + offset for k, v in data.lines.items()}
        for value in data.values():
            shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            shift_lines(value, offset)


def check_fields(name: str, data: dict, required: set[str], optional: set[str], problems: Collector) -> bool:
    """Report missing and unknown fields; True when all required fields are present."""
    ok = True
    for key in sorted(required - data.keys()):
        problems.add(name, getattr(data, "line", None), f"missing field '{key}'")
        ok = False
    known = required | optional
    for key in data:
        if key not in known:
            problems.add(name, line_of(data, key), f"unknown field '{key}' (known: {', '.join(sorted(known))})")
    return ok


def text_field(name: str, data: dict, key: str, problems: Collector, *, allow_empty: bool = False) -> str | None:
    value = data.get(key)
    if isinstance(value, (int, float)):  # YAML read a number or yes/no: keep the text as typed
        value = raw_of(data, key) or str(value)
    if not isinstance(value, str):
        problems.add(name, line_of(data, key), f"'{key}' must be text, got {kind(value)}")
        return None
    bad = FORBIDDEN_CHARS.search(value)
    if bad:
        problems.add(name, line_of(data, key), f"'{key}' contains the control character U+{ord(bad.group()):04X} "
                     "(from an escape in quotes); remove it")
        return None
    value = SPACES.sub(" ", value).strip(" ")  # no-break spaces stay
    if blank(value) and not allow_empty:
        problems.add(name, line_of(data, key), f"'{key}' is empty")
        return None
    if len(value) > MAX_FIELD_CHARS:
        problems.add(name, line_of(data, key), f"'{key}' is {len(value):,} characters; at most {MAX_FIELD_CHARS}")
        return None
    return value


def kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


DECIMAL = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def level_field(name: str, data: dict, problems: Collector) -> float | None:
    """A theme's level as a decimal number as typed ('010' is 10, not YAML's octal 8)."""
    value, line = data.get("level"), line_of(data, "level")
    raw = (raw_of(data, "level") or "").strip()
    out_of_range = (f"level {raw} is out of range: use a number from -{MAX_LEVEL:,} to {MAX_LEVEL:,} "
                    "(levels only order the themes)")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems.add(name, line, f"level must be a number, got {raw or value!r}")
        return None
    if raw.lower().lstrip("+-") in (".nan", ".inf"):
        problems.add(name, line, out_of_range)
        return None
    if not DECIMAL.match(raw):
        if isinstance(value, str):
            problems.add(name, line, f"level must be a number, got {raw!r}")
        else:
            problems.add(name, line, f"level must be a decimal number like 2 or 2.5, got {raw!r}")
        return None
    level = float(raw)
    if not (math.isfinite(level) and abs(level) <= MAX_LEVEL):
        problems.add(name, line, out_of_range)
        return None
    return level


def blank(text: str) -> bool:
    """True when nothing visible is left: only spaces and invisible format characters."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)
