"""Errors the tool reports to the user as one line each, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a file, with the line where it is (1-based) if known."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class LineProblem(Exception):
    """A problem at a 1-based line of a text (relative to the text given), raised by a parser
    that does not know the file; its caller adds the file as a Problem."""

    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


class PraatplaatError(Exception):
    """Base of every error shown to the user without a traceback."""


class ContentError(PraatplaatError):
    """The content folder has one or more problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LayoutError(PraatplaatError):
    """The content does not fit the chosen layout; the message says what and by how much."""


class ConfigError(PraatplaatError):
    """A layout definition in layouts/ is invalid."""
