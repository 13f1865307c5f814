"""The allowed range of every number in a layout file, found by the setting's dotted path.

A layout file holds lengths in millimetres, font sizes in points, shares, factors and counts.
`check_ranges` walks one parsed file and reports the first number outside its range as
`file:line: 'a.b' must be …`, so a slip such as `bleed: 3000` or `size: 0` fails at once with
the setting named, instead of deep in the layout engine. Rules match the dotted path with
shell patterns; the first rule that matches wins, the last one (`*`: a length) catches the rest.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from generator.errors import ConfigError
from generator.yamlfile import line_of


@dataclass(frozen=True, slots=True)
class Range:
    """Numbers from `lo` to `hi` (inclusive); `whole` for counts; `unit` for the message."""

    lo: float
    hi: float
    unit: str = ""
    whole: bool = False

    def holds(self, value: float) -> bool:
        return self.lo <= value <= self.hi and (not self.whole or float(value).is_integer())

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {self.lo:g} to {self.hi:g}{unit}"


SHARE = Range(0, 1)
LENGTH = Range(0, 1200, "mm")  # A0's long side is 1189 mm
FONT_SIZE = Range(1, 500, "pt")

RULES: tuple[tuple[str, Range | None], ...] = (
    ("extends", None),
    ("columns.portrait", None),   # arrangements: checked by the poster layout
    ("columns.landscape", None),
    ("diagram.lanes", None),    # lists of lane counts: checked by the diagram layout
    # shares and factors
    ("*tint", SHARE),
    ("band.thickness", SHARE),
    ("names.padding", Range(0, 0.45)),
    ("names.shrink", Range(0.5, 1)),
    ("names.hyphen_tolerance", SHARE),
    ("diagram.lane_gain", SHARE),
    ("diagram.advance", SHARE),
    ("diagram.tie_advance", SHARE),
    ("diagram.size_by_questions", SHARE),
    ("diagram.amplitude", Range(0, 10)),
    ("diagram.scale", Range(0.1, 10)),
    ("panel.header_scale", Range(0.5, 5)),
    ("panel.ink_contrast", Range(4.5, 21)),  # WCAG AA for text, at least
    ("questions.spacing", Range(0, 5)),      # in lines
    ("questions.min_measure", Range(1, 100)),  # in ems
    ("questions.number_width", Range(0.5, 50)),  # ems on the poster, mm on theme cards
    ("*leading", Range(0.8, 3)),
    # counts
    ("*max_lines", Range(1, 20, whole=True)),
    ("band.stops", Range(2, 64, whole=True)),
    ("questions.max", Range(1, 1000, whole=True)),
    ("notes.min_lines", Range(0, 100, whole=True)),
    ("notes.line_gap", Range(2, 100, "mm")),  # 0 would rule endless lines
    ("body.orphans", Range(1, 10, whole=True)),
    ("body.widows", Range(1, 10, whole=True)),
    ("hyphenation.*", Range(1, 10, whole=True)),
    # font sizes in points
    ("*size_mm", Range(10, 1200, "mm")),  # a page or card size, [width, height]
    ("*size", FONT_SIZE),
    ("*comfortable", FONT_SIZE),
    ("minimum.*", FONT_SIZE),
    # lengths with a tighter range
    ("*bleed", Range(0, 25, "mm")),
    ("crop_marks.*", Range(0, 30, "mm")),
    ("marks.width", Range(0.05, 2, "mm")),
    ("marks.*", Range(0, 30, "mm")),
    ("sheet.edge", Range(4, 50, "mm")),  # office printers leave the outer 4–5 mm blank
    ("*", LENGTH),
)


@functools.cache
def rule_for(path: str) -> Range | None:
    """The range for the setting at dotted `path` (None: not a plain number, checked elsewhere)."""
    for pattern, rule in RULES:
        if fnmatchcase(path, pattern):
            return rule
    return LENGTH  # pragma: no cover - the last rule matches everything


def check_ranges(data: dict, where: str, prefix: str = "") -> None:
    """Raise ConfigError for the first number in `data` (one layout file) outside its range."""
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            check_ranges(value, where, f"{path}.")
            continue
        rule = rule_for(path)
        if rule is None:
            continue
        numbers = value if isinstance(value, list) else [value]
        for number in numbers:
            if _is_number(number) and not rule.holds(number):
                line = line_of(data, key)
                at = f"{where}:{line}" if line else where
                raise ConfigError(f"{at}: '{path}' must be {rule.describe()}, not {number:g}")


def check_pairs(layout: dict, where: str, prefix: str = "") -> None:
    """Raise ConfigError where a group's `min_size` is larger than its `max_size` (merged layout)."""
    for key, value in layout.items():
        if isinstance(value, dict):
            check_pairs(value, where, f"{prefix}{key}.")
    for low, high in (("min_size", "max_size"), ("name_min_size", "name_max_size")):
        lo, hi = layout.get(low), layout.get(high)
        if _is_number(lo) and _is_number(hi) and lo > hi:
            raise ConfigError(f"{where}: '{prefix}{low}' ({lo:g}) is larger than '{prefix}{high}' ({hi:g})")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
