"""The validated content model: frozen dataclasses, built by the loader, read by layout."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where something came from: a path relative to the content folder and a 1-based line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Span:
    """A run of inline text with one style. A footnote reference has `footnote` set."""

    text: str
    emphasis: bool = False
    strong: bool = False
    href: str | None = None
    footnote: int | None = None


Inline = tuple[Span, ...]


def plain(spans: Inline) -> str:
    """The text of inline spans without styling (footnote markers included as digits)."""
    return "".join(s.text for s in spans)


@dataclass(frozen=True)
class Heading:
    """A heading in prose; `level` is the number of its Markdown #s."""

    level: int
    spans: Inline
    source: Source


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline text."""

    spans: Inline
    source: Source


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (ordered=False) or numbered list; each item is one run of inline text."""

    ordered: bool
    items: tuple[Inline, ...]
    source: Source


Block = Heading | Paragraph | ListBlock


@dataclass(frozen=True)
class Footnote:
    """A footnote's text and the number its references print."""

    number: int
    spans: Inline
    source: Source


@dataclass(frozen=True)
class Question:
    """One question of a theme, numbered within it."""

    number: int
    text: str
    source: Source


@dataclass(frozen=True)
class Theme:
    """A theme ("bol"): `label` is the display name, '|' marks a preferred break."""

    id: str
    name: str
    label: str
    level: float
    colour: str | None
    questions: tuple[Question, ...]
    source: Source
    index: int = 0  # position in content order (file name order)


@dataclass(frozen=True)
class Challenge:
    """One challenge of the reflection: its label, title and text."""

    number: int
    label: str  # e.g. "Eerste uitdaging"
    title: str  # e.g. "NIET WACHTEN"
    blocks: tuple[Block, ...]
    source: Source


@dataclass(frozen=True)
class Reflection:
    """The reflection: text before, the challenges, text after."""

    title: str
    subtitle: str
    before: tuple[Block, ...]
    challenges: tuple[Challenge, ...]
    after: tuple[Block, ...]
    source: Source


@dataclass(frozen=True)
class Author:
    """An author as the credits name them."""

    name: str
    affiliation: str = ""


@dataclass(frozen=True)
class Meta:
    """What the content says about itself: title, language, publisher, authors, credit line."""

    title: str
    subtitle: str
    language: str
    publisher: str
    authors: tuple[Author, ...]
    credit: str  # one line of attribution, as printed
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Labels:
    """Every word the products print that is not content proper (the content's language)."""

    gradient_start: str
    gradient_end: str
    intro: str
    questions: str
    notes: str
    challenges: str
    reflection: str
    diagram: str
    diagram_description: str
    contents: str
    footnotes: str
    theme: str
    page: str  # with {page} and {pages}
    skip_to_content: str


@dataclass(frozen=True)
class Praatplaat:
    """The whole content: meta, labels, introduction, reflection, themes and footnotes."""

    meta: Meta
    labels: Labels
    intro_title: str
    intro: tuple[Block, ...]
    reflection: Reflection
    themes: tuple[Theme, ...]  # content order
    footnotes: tuple[Footnote, ...] = field(default=())
    # warnings from reading (e.g. a file in themes/ that is not read); not part of the content
    notes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def themes_by_level(self) -> tuple[Theme, ...]:
        """Themes from abstract to concrete: by level, ties in content order."""
        return tuple(sorted(self.themes, key=lambda t: (t.level, t.index)))

    @property
    def challenges(self) -> tuple[Challenge, ...]:
        return self.reflection.challenges

    def question_count(self) -> int:
        return sum(len(t.questions) for t in self.themes)
