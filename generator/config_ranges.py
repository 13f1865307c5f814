"""The allowed range of every number in a layout file, found by the setting's dotted path.

A layout file holds lengths in millimetres, font sizes and line widths in points, shares,
factors and counts, plus a few names (paper, fonts, colours). `check_ranges` walks one parsed
file and reports the first value that is not what its rule allows as `file:line: 'a.b' must be
…`, so a slip such as `bleed: 3000`, `size: 0` or `padding: [5, 6]` fails at once with the
setting named, instead of deep in the layout engine. Rules match the dotted path with shell
patterns; the first rule that matches wins, the last one (`*`: a length) catches the rest, so a
setting that is not a number needs a rule of its own (None: checked where it is used).
`check_pairs` then checks that each smallest size is at most its largest in the merged layout.
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
    """Numbers from `lo` to `hi` (inclusive); `whole` for counts; `unit` for the message;
    `items`: the setting is a list of exactly that many such numbers."""

    lo: float
    hi: float
    unit: str = ""
    whole: bool = False
    items: int = 0

    def holds(self, value: Any) -> bool:
        if self.items:
            if not isinstance(value, list) or len(value) != self.items:
                return False
            values = value
        else:
            values = [value]
        return all(_is_number(v) and (isinstance(v, int) or not self.whole) and self.lo <= v <= self.hi
                   for v in values)

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number"
        unit = f" {self.unit}" if self.unit else ""
        one = f"{kind} from {self.lo:g} to {self.hi:g}{unit}"
        return f"a list of {self.items} numbers, each {one.removeprefix('a number ')}" if self.items else one


SHARE = Range(0, 1)
LENGTH = Range(0, 1200, "mm")  # A0's long side is 1189 mm
FONT_SIZE = Range(1, 500, "pt")
STROKE = Range(0, 20, "pt")

RULES: tuple[tuple[str, Range | None], ...] = (
    # names, switches and structures: checked where they are used
    ("extends", None),
    ("paper", None),
    ("orientation", None),
    ("font_family", None),
    ("fonts_embed", None),
    ("fonts.*", None),
    ("palette.*", None),
    ("*.paper", None),
    ("*.orientation", None),
    ("*.layout", None),
    ("*.colour", None),
    ("*.weight", None),
    ("columns.portrait", None),   # arrangements: checked by the poster layout
    ("columns.landscape", None),
    ("centre.order", None),
    ("diagram.lanes", None),      # lists of lane counts: checked by the diagram layout
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
    ("notes.min_lines", Range(0, 100, whole=True)),
    ("notes.line_gap", Range(2, 100, "mm")),  # 0 would rule endless lines
    ("body.orphans", Range(1, 10, whole=True)),
    ("body.widows", Range(1, 10, whole=True)),
    ("hyphenation.*", Range(1, 10, whole=True)),
    # sizes of pages and cards, paddings
    ("*size_mm", Range(10, 5000, "mm", items=2)),  # [width, height]; 2A0 is 1189 × 1682 mm
    ("challenge.padding", Range(0, 100, "mm", items=4)),  # top, right, bottom, left
    # font sizes and line widths in points
    ("*size", FONT_SIZE),
    ("*comfortable", FONT_SIZE),
    ("minimum.*", FONT_SIZE),
    ("questions.max", FONT_SIZE),
    ("marks.width", Range(0.05, 2, "pt")),
    ("diagram.ring", STROKE),
    ("leader.width", STROKE),
    ("running.rule", STROKE),
    ("notes.rule", STROKE),
    # lengths with a tighter range
    ("*bleed", Range(0, 25, "mm")),
    ("crop_marks.*", Range(0, 30, "mm")),
    ("marks.*", Range(0, 30, "mm")),
    ("sheet.edge", Range(4, 50, "mm")),  # office printers leave the outer 4–5 mm blank
    ("*", LENGTH),
)

# (smaller, larger): settings whose values must not cross, where both are set.
PAIRS: tuple[tuple[str, str], ...] = (
    ("names.min_size", "names.max_size"),
    ("minimum.question", "questions.max"),
    ("question.min_size", "question.comfortable"),
    ("question.comfortable", "question.max_size"),
    ("questions.min_size", "questions.comfortable"),
    ("questions.comfortable", "questions.max_size"),
    ("challenge.min_size", "challenge.comfortable"),
    ("challenge.comfortable", "challenge.max_size"),
    ("front.name_min_size", "front.name_size"),
    ("back.name_min_size", "back.name_max_size"),
)


@functools.cache
def rule_for(path: str) -> Range | None:
    """The range for the setting at dotted `path` (None: not a number, checked where used)."""
    for pattern, rule in RULES:
        if fnmatchcase(path, pattern):
            return rule
    return LENGTH  # pragma: no cover - the last rule matches everything


def check_ranges(data: dict, where: str, prefix: str = "") -> None:
    """Raise ConfigError for the first value in `data` (one layout file) its rule does not allow."""
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            check_ranges(value, where, f"{path}.")
            continue
        rule = rule_for(path)
        if rule is not None and not rule.holds(value):
            line = line_of(data, key)
            at = f"{where}:{line}" if line else where
            raise ConfigError(f"{at}: '{path}' must be {rule.describe()}, not {_show(value)}")


def check_pairs(layout: dict, files: list[tuple[str, dict]]) -> None:
    """Raise ConfigError where a smaller setting of PAIRS is above its larger one in the merged
    `layout`; the message points at the last of `files` (path, parsed data; base first) that
    sets either of the two, where the user most likely made the change."""
    for low, high in PAIRS:
        lo, hi = _at(layout, low), _at(layout, high)
        if _is_number(lo) and _is_number(hi) and lo > hi:
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
    """The line of the setting at dotted `path` in one parsed file, if the file sets it."""
    *parents, key = path.split(".")
    owner = _at(data, ".".join(parents)) if parents else data
    return line_of(owner, key) if isinstance(owner, dict) and key in owner else None


def _show(value: Any) -> str:
    """A bad value as the message shows it (huge integers shortened)."""
    if isinstance(value, bool) or not _is_number(value):
        return repr(value)
    text = str(value) if isinstance(value, int) else f"{value:g}"
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text)} digits)"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
