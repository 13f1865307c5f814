"""Liang's hyphenation patterns from pyphen's dictionary files, read faster than pyphen reads
them and giving exactly its hyphenation points.

pyphen parses every pattern of a file when it loads it (16,000 for Dutch); here the file is
only indexed by each pattern's letters (`str.translate` per line), and a pattern is parsed
when a word first uses it: about a fifth of the time. The lookup is pyphen's own algorithm.
Files with what this reader does not handle (^^hh escapes, nonstandard hyphenation
"/…=…", values of two digits, non-ASCII digits) are left to pyphen itself.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import NamedTuple

_NO_DIGITS = str.maketrans("", "", "0123456789")
_NONZERO = re.compile("[1-9]").search
_DIGITS = frozenset("0123456789")
# what makes a file one for pyphen: ^^hh, "/" alternatives, two digits in a row, non-ASCII digits
_UNREAD = re.compile(r"\^\^|/|\d\d|(?![0-9])\d")
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


class Patterns:
    """The Liang patterns of one of pyphen's dictionary files, giving exactly pyphen's
    positions. Indexed by their letters when loaded, each pattern is parsed when a word first
    uses it: pyphen parses all 16,000 Dutch ones up front, which takes five times as long.
    Only for plain pattern files (`pattern_hyphenator` leaves the others to pyphen)."""

    def __init__(self, lines: list[str]):
        self._raw: dict[str, str] = {}  # letters → the pattern (a later one wins, as in pyphen)
        for line in lines:
            line = line.strip()
            if line and not line.startswith(_IGNORED) and _NONZERO(line):  # pyphen drops all-zero ones
                self._raw[line.translate(_NO_DIGITS)] = line
        self._parsed: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._maxlen = max(map(len, self._raw))
        self._cache: dict[str, list[int]] = {}

    def _pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        """(offset of the first non-zero value, the values from there to the last non-zero)."""
        found = self._parsed.get(letters)
        if found is None:
            line = self._raw.get(letters)
            if line is None:
                return None
            values: list[int] = []
            value = 0
            for c in line:
                if c in _DIGITS:
                    value = int(c)
                else:
                    values.append(value)
                    value = 0
            values.append(value)
            start = next(k for k, v in enumerate(values) if v)
            end = len(values) - next(k for k, v in enumerate(reversed(values)) if v)
            found = self._parsed[letters] = start, tuple(values[start:end])
        return found

    def points(self, word: str) -> list[int]:
        """pyphen's `HyphDict.positions`: every point the patterns allow in `word`."""
        word = word.lower()
        points = self._cache.get(word)
        if points is None:
            pointed = f".{word}."
            references = [0] * (len(pointed) + 1)
            for i in range(len(pointed) - 1):
                for j in range(i + 1, min(i + self._maxlen, len(pointed)) + 1):
                    pattern = self._pattern(pointed[i:j])
                    if not pattern:
                        continue
                    offset, values = pattern
                    slice_ = slice(i + offset, i + offset + len(values))
                    references[slice_] = map(max, values, references[slice_])
            points = self._cache[word] = [i - 1 for i, reference in enumerate(references) if reference % 2]
        return points


class _Positions(NamedTuple):
    """pyphen's `Pyphen` on `Patterns`: the points at least `left` and `right` characters
    from the word's ends."""

    patterns: Patterns
    left: int
    right: int

    def positions(self, word: str) -> list[int]:
        right = len(word) - self.right
        return [i for i in self.patterns.points(word) if self.left <= i <= right]


@functools.cache
def _patterns(path: Path) -> Patterns | None:
    """The dictionary file's patterns, or None if it uses what `Patterns` does not read (^^hh
    escapes, nonstandard hyphenation "/…=…", values above 9)."""
    with path.open("rb") as fd:
        encoding = fd.readline().decode()  # as pyphen reads it
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines = path.read_text(encoding).split("\n")[1:]
    if _UNREAD.search("\n".join(lines)):
        return None
    return Patterns(lines)


def pattern_hyphenator(path: Path, left: int, right: int):
    """What `Hyphenator` asks for points (`.positions(word)`): `Patterns` for the file if it
    reads it, else pyphen's own `Pyphen`."""
    found = _patterns(path)
    if found is None:
        import pyphen

        return pyphen.Pyphen(filename=path, left=left, right=right)
    return _Positions(found, left, right)
