"""Memoised layout blocks for a warm process (`watch`, `serve`), as Typst's comemo does.

`@cached(bound)` keeps a pure function's results under its arguments: frozen dataclasses,
tuples, strings and numbers, compared by value. So a theme's panel, a card or a paragraph
whose inputs did not change is taken from the last build, and an edit lays out again only
what it touches.

Two rules keep the bytes the same as a cold build's and the memory bounded:

- Nothing is dropped during a build. A block asked for twice in one build is the same object
  both times, warm or cold (the PDF renderer draws a repeated frame object once and copies
  it, and a role object shared by two groups is one structure element).
- After each build (`end_build`, called by generator.build) each function keeps at most
  `bound` results, the most recently used; results not used in the last `MAX_AGE` builds go
  too. A long watch session holds about one build's blocks, not every version of them.

Results are shared, never copied: a memoised function must return values nobody mutates
(frozen dataclasses, tuples), or pass `copy` (e.g. `list`) to hand each caller its own
shallow copy. Exceptions are not kept.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

MAX_AGE = 4          # builds (that call the function) a result may go unused before it is dropped
_MISSING = object()
_KW = object()       # marks where keyword arguments start in a key


class _Hashed(list):
    """The arguments as a dictionary key, hashed once: a frozen dataclass hashes every field
    on every call, and a look-up that moves an entry to the end hashes its key twice."""

    __slots__ = ("hash",)

    def __init__(self, args: tuple) -> None:
        super().__init__(args)
        self.hash = hash(args)

    def __hash__(self) -> int:  # type: ignore[override]
        return self.hash


class Memo:
    """One function's results: key -> [result, the function's build count when last used],
    least recently used first (the dict's order is the order of use)."""

    def __init__(self, fn: Callable[..., Any], bound: int, copy: Callable[[Any], Any] | None,
                 key: Callable[..., Any] | None) -> None:
        self.fn, self.bound, self.copy, self.key = fn, bound, copy, key
        self.entries: dict[Any, list] = {}
        self.builds = 0       # builds that called the function: its results age by these
        self.called = False   # called during the current build
        self.hits = self.misses = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.key is not None:
            key = _Hashed((self.key(*args, **kwargs),))
        else:
            key = _Hashed(args + ((_KW, tuple(sorted(kwargs.items()))),) if kwargs else args)
        self.called = True
        entry = self.entries.pop(key, _MISSING)
        if entry is _MISSING:
            self.misses += 1
            entry = [self.fn(*args, **kwargs), self.builds]
        else:
            self.hits += 1
            entry[1] = self.builds
        self.entries[key] = entry
        return entry[0] if self.copy is None else self.copy(entry[0])

    def end_build(self) -> None:
        """Age the results if the function was used, drop those unused for MAX_AGE of its
        builds, then the least recently used beyond `bound`."""
        if self.called:
            self.builds += 1
            self.called = False
        entries = self.entries
        for key in [k for k, (_, used) in entries.items() if self.builds - used >= MAX_AGE]:
            del entries[key]
        for key in list(entries)[:max(0, len(entries) - self.bound)]:
            del entries[key]


_memos: list[Memo] = []


def cached(bound: int, copy: Callable[[Any], Any] | None = None,
           key: Callable[..., Any] | None = None) -> Callable[[F], F]:
    """Memoise a pure function by its (hashable) arguments; see the module docstring. `key`:
    called with the arguments, gives what the function reads of them, when that is less than
    all (a function of the themes' names that is also handed their questions)."""

    def decorate(fn: F) -> F:
        memo = Memo(fn, bound, copy, key)
        _memos.append(memo)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return memo(*args, **kwargs)

        wrapper.memo = memo  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def end_build() -> None:
    """A build is over: age the results of every function it used and trim them to their bounds."""
    for memo in _memos:
        memo.end_build()


def clear() -> None:
    """Forget every result (the next build is as cold as a fresh process's, modules aside)."""
    for memo in _memos:
        memo.entries.clear()


def sizes() -> dict[str, int]:
    """How many results each memoised function holds, by qualified name (for tests and tuning)."""
    return {f"{m.fn.__module__}.{m.fn.__qualname__}": len(m.entries) for m in _memos}
