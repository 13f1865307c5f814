"""What one layout setting may hold: its unit, range, allowed values and meaning.

Every style dataclass (generator/styles/*.py) declares its settings with the constructors here
(`length`, `size`, `share`, `count`, `colour`, `font`, `choice`, …). Each puts a `Spec` in the
field's metadata; the same Spec checks a value read from a file (`problem`), converts it to
what the layout code gets (`convert`: millimetres become points) and documents it
(docs/layouts.md is generated from it).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from typing import Any

from generator.units import PAPER_MM, mm

HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")

# unit -> how the reference names it
UNITS = {
    "mm": "mm", "pt": "pt", "share": "share 0–1", "factor": "factor", "lines": "lines", "ems": "ems",
    "count": "whole number", "counts": "list of whole numbers", "colour": "colour", "font": "font",
    "choice": "one of", "choices": "list of", "flag": "true/false", "text": "text", "section": "section",
    "list": "list of sections", "ratio": "contrast ratio", "cost": "line-breaking cost",
}
NUMBERS = {"mm", "pt", "share", "factor", "lines", "ems", "count", "ratio", "cost"}


@dataclass(frozen=True)
class Spec:
    """One setting: `unit` (see UNITS), `doc`, the range `lo`–`hi`, allowed `choices`, `items`
    (a list of exactly that many numbers), `scales` (multiplied by the paper scale), `optional`,
    `at_most` (another setting, by dotted path from the file's top, that this one may not exceed),
    `section` (the dataclass of a nested section or of each list entry)."""

    unit: str
    doc: str
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    items: int = 0
    scales: bool = False
    optional: bool = False
    at_most: str | None = None
    section: type | None = None

    def describe(self) -> str:
        """What the setting must be, as error messages and the reference say it."""
        if self.unit in NUMBERS:
            kind = "a whole number" if self.unit == "count" else "a number"
            unit = f" {self.unit}" if self.unit in ("mm", "pt") else ""
            one = f"{kind} from {self.lo:g} to {self.hi:g}{unit}"
            return f"a list of {self.items} numbers, each {one.removeprefix('a number ')}" if self.items else one
        if self.unit == "counts":
            return f"a list of whole numbers from {self.lo:g} to {self.hi:g}"
        if self.unit in ("choice", "font"):
            return f"one of {', '.join(self.allowed())}"
        if self.unit == "choices":
            return f"a list of {', '.join(self.choices)}"
        return {"colour": "a colour like '#1b1b1f'", "flag": "true or false", "text": "text",
                "section": "settings ('name: value')", "list": "a list of settings ('- name: value')"}[self.unit]

    def allowed(self) -> tuple[str, ...]:
        if self.unit == "font":
            from generator.text.fonts import available_fonts

            return available_fonts()
        return self.choices

    def problem(self, value: Any) -> str | None:
        """Why `value` is not allowed (None: it is)."""
        if self.unit in NUMBERS:
            values = value if self.items else [value]
            if self.items and (not isinstance(value, list) or len(value) != self.items):
                return self._must(value)
            ok = all(_number(v) and (self.unit != "count" or isinstance(v, int)) and self.lo <= v <= self.hi
                     for v in values)
            return None if ok else self._must(value)
        if self.unit == "counts":
            ok = isinstance(value, list) and value and all(
                isinstance(v, int) and not isinstance(v, bool) and self.lo <= v <= self.hi for v in value)
            return None if ok else self._must(value)
        if self.unit in ("choice", "font"):
            if isinstance(value, str) and (value.upper() if self.choices == PAPERS else value) in self.allowed():
                return None
            return self._must(value) + suggestion(value, self.allowed())
        if self.unit == "choices":
            if isinstance(value, list) and value and all(isinstance(v, str) and v in self.choices for v in value):
                return None
            bad = next((v for v in value if v not in self.choices), value) if isinstance(value, list) else value
            return self._must(value) + suggestion(bad, self.choices)
        kinds = {"colour": str, "flag": bool, "text": str, "section": dict, "list": list}
        if not isinstance(value, kinds[self.unit]) or (self.unit == "colour" and not HEX.fullmatch(value)):
            return self._must(value)
        return None

    def _must(self, value: Any) -> str:
        return f"must be {self.describe()}, not {show(value)}"

    def convert(self, value: Any) -> Any:
        """The value as layout code gets it: millimetres in points, lists as tuples."""
        if value is None:
            return None
        if self.unit == "mm":
            return tuple(mm(v) for v in value) if self.items else mm(value)
        if self.unit in NUMBERS:
            return tuple(float(v) for v in value) if self.items else (int(value) if self.unit == "count"
                                                                      else float(value))
        if self.unit in ("counts", "choices"):
            return tuple(value)
        if self.unit == "choice" and self.choices == PAPERS:
            return value.upper()
        return value


PAPERS = tuple(PAPER_MM)


def suggestion(word: Any, known: tuple[str, ...] | list[str]) -> str:
    """' (did you mean 'size'?)' for a near miss among `known`, else ''."""
    if not isinstance(word, str):
        return ""
    near = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


def show(value: Any) -> str:
    """A bad value as a message shows it (huge integers shortened)."""
    if isinstance(value, bool) or not _number(value):
        return repr(value)
    text = str(value) if isinstance(value, int) else f"{value:g}"
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text)} digits)"


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def spec_of(field: dataclasses.Field) -> Spec | None:
    return field.metadata.get("spec")


def settings(cls: type) -> dict[str, tuple[dataclasses.Field, Spec]]:
    """The settings a style dataclass reads from a file, by name (fields without a Spec are not)."""
    return {f.name: (f, s) for f in dataclasses.fields(cls) if (s := spec_of(f)) is not None}


# --- field constructors -------------------------------------------------------------------------


def _field(spec: Spec, default: Any = dataclasses.MISSING) -> Any:
    if spec.optional and default is dataclasses.MISSING:
        default = None
    return dataclasses.field(default=default, metadata={"spec": spec})


def length(doc: str, lo: float = 0, hi: float = 1200, *, scales: bool = True, items: int = 0,
           optional: bool = False, at_most: str | None = None) -> Any:
    """A length: millimetres in the file, points in the style."""
    return _field(Spec("mm", doc, lo, hi, items=items, scales=scales, optional=optional, at_most=at_most))


def size(doc: str, lo: float = 1, hi: float = 500, *, at_most: str | None = None, scales: bool = True) -> Any:
    """A font size in points."""
    return _field(Spec("pt", doc, lo, hi, scales=scales, at_most=at_most))


def stroke(doc: str, lo: float = 0, hi: float = 20, *, scales: bool = True) -> Any:
    """A line width in points."""
    return _field(Spec("pt", doc, lo, hi, scales=scales))


def share(doc: str, lo: float = 0, hi: float = 1) -> Any:
    return _field(Spec("share", doc, lo, hi))


def factor(doc: str, lo: float, hi: float, unit: str = "factor", *, optional: bool = False) -> Any:
    """A plain number (`unit`: factor, share, lines, ems, ratio): not scaled, not converted."""
    return _field(Spec(unit, doc, lo, hi, optional=optional))


def leading(doc: str = "line height as a multiple of the font size") -> Any:
    return _field(Spec("factor", doc, 0.8, 3))


def count(doc: str, lo: int, hi: int) -> Any:
    return _field(Spec("count", doc, lo, hi))


def counts(doc: str, lo: int, hi: int) -> Any:
    return _field(Spec("counts", doc, lo, hi))


def colour(doc: str) -> Any:
    return _field(Spec("colour", doc))


def font(doc: str) -> Any:
    return _field(Spec("font", doc))


def choice(doc: str, choices: tuple[str, ...], *, optional: bool = False) -> Any:
    return _field(Spec("choice", doc, choices=choices, optional=optional))


def choices(doc: str, allowed: tuple[str, ...]) -> Any:
    return _field(Spec("choices", doc, choices=allowed))


def flag(doc: str) -> Any:
    return _field(Spec("flag", doc))


def text(doc: str) -> Any:
    return _field(Spec("text", doc))


def section(cls: type, doc: str) -> Any:
    """A nested group of settings (`name:` with indented settings below it)."""
    return _field(Spec("section", doc, section=cls))


def entries(cls: type, doc: str) -> Any:
    """A list of groups of settings, each a `cls`."""
    return _field(Spec("list", doc, section=cls))
