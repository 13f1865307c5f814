"""Markdown prose (paragraphs, headings, lists, emphasis, links, footnote markers) to model blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import LineProblem
from generator.model import Block, Heading, Inline, ListBlock, Paragraph, Source, Span

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)

# Without "text_join", an escaped character ("\[") stays a token of its own ("text_special"),
# so "\[^1]" is the text "[^1]", not a footnote marker.
# Tables and images are parsed (not left as garbled text) so that they are refused with their
# line; every link target becomes a link, so 'javascript:', 'data:' and 'file:' are refused too.
_md = MarkdownIt("commonmark", {"html": False}).enable("table").disable(["text_join"])
_md.validateLink = lambda url: True


class ProseProblem(LineProblem):
    """A Markdown problem at a 1-based line (relative to the text given)."""


@dataclass
class FootnoteTable:
    """Footnote labels in order of definition, shared by all prose files."""

    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, label: str) -> int | None:
        return self.numbers.get(label)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split '---\\nyaml\\n---\\nbody'. Returns (yaml or None, body, line offset of the body).

    The body keeps its line numbering by being padded with the front matter's line count.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:i])
            body = "\n" * (i + 1) + "\n".join(lines[i + 1 :])
            return yaml_text, body, 1
    raise ProseProblem(1, "front matter starts with '---' but has no closing '---'")


def take_footnote_definitions(body: str) -> tuple[str, list[tuple[str, str, int]]]:
    """Remove '[^label]: text' lines, keeping line numbers; return (body, [(label, text, line)])."""
    out, found = [], []
    for number, line in enumerate(body.split("\n"), start=1):
        match = FOOTNOTE_DEF.match(line)
        if match:
            found.append((match.group(1), match.group(2), number))
            out.append("")
        else:
            out.append(line)
    return "\n".join(out), found


def parse_blocks(body: str, footnotes: FootnoteTable, file: str = "") -> list[tuple[Token, Block | None]]:
    """Parse Markdown into (opening token, block) pairs; a thematic break gives (token, None)."""
    tokens = _md.parse(body)
    result: list[tuple[Token, Block | None]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = tok.map[0] + 1 if tok.map else None
        if tok.type == "heading_open":
            level = int(tok.tag[1:])
            spans = inline_spans(tokens[i + 1], footnotes)
            if not spans:
                raise ProseProblem(line, "a heading ('#') without text")
            result.append((tok, Heading(level, spans, Source(file, line))))
            i += 3
        elif tok.type == "paragraph_open":
            result.append((tok, Paragraph(inline_spans(tokens[i + 1], footnotes), Source(file, line))))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            items, i = _list_items(tokens, i, footnotes)
            result.append((tok, ListBlock(tok.type == "ordered_list_open", tuple(items), Source(file, line))))
        elif tok.type == "hr":
            result.append((tok, None))
            i += 1
        else:
            raise ProseProblem(line, _unsupported(tok))
    return result


def _unsupported(tok: Token) -> str:
    kinds = {
        "code_block": "an indented code block (remove the 4 leading spaces)",
        "fence": "a fenced code block",
        "blockquote_open": "a block quote ('>')",
        "html_block": "HTML",
        "table_open": "a table",
        "heading_open": "a heading ('#'; write '\\#' for the character)",
        "hr": "a thematic break ('---')",
    }
    return f"{kinds.get(tok.type, tok.type)} is not supported here"


def _list_items(tokens: list[Token], i: int, footnotes: FootnoteTable) -> tuple[list[Inline], int]:
    """Read a flat list starting at tokens[i]; return its items and the index after it."""
    close = tokens[i].type.replace("_open", "_close")
    items: list[Inline] = []
    i += 1
    while tokens[i].type != close:
        tok = tokens[i]
        if tok.type == "list_item_open":
            spans: list[Span] = []
            i += 1
            while tokens[i].type != "list_item_close":
                inner = tokens[i]
                if inner.type == "inline":
                    if spans:
                        spans.append(Span(" "))
                    spans.extend(inline_spans(inner, footnotes))
                elif inner.type in ("bullet_list_open", "ordered_list_open"):
                    raise ProseProblem(inner.map[0] + 1 if inner.map else None, "nested lists are not supported")
                elif inner.type not in ("paragraph_open", "paragraph_close"):
                    raise ProseProblem(inner.map[0] + 1 if inner.map else None, _unsupported(inner))
                i += 1
            if not spans:
                raise ProseProblem(tok.map[0] + 1 if tok.map else None, "a list item without text")
            items.append(tuple(spans))
        i += 1
    return items, i + 1


def inline_spans(tok: Token, footnotes: FootnoteTable) -> Inline:
    """Inline Markdown to spans: emphasis, strong, links; footnote markers split out."""
    spans: list[Span] = []
    emphasis = strong = 0
    href: str | None = None
    line = tok.map[0] + 1 if tok.map else None
    for child in tok.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            spans.extend(_with_footnotes(child.content, emphasis > 0, strong > 0, href, footnotes, line))
        elif kind == "text_special":  # an escaped character or an entity: never a marker
            spans.append(Span(child.content, emphasis > 0, strong > 0, href))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", emphasis > 0, strong > 0, href))
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "link_open":
            target = str(child.attrs.get("href", ""))
            if not SAFE_LINK.match(target):
                raise ProseProblem(line, f"link target {target!r} must start with https://, http:// or mailto:")
            href = target
        elif kind == "link_close":
            href = None
        elif kind == "image":
            raise ProseProblem(line, "an image ('![…](…)') is not supported; only text")
        else:
            raise ProseProblem(line, f"{kind} is not supported in text")
    return _merge(spans)


def _with_footnotes(text, emphasis, strong, href, footnotes: FootnoteTable, line) -> list[Span]:
    spans, pos = [], 0
    for match in FOOTNOTE_REF.finditer(text):
        number = footnotes.number(match.group(1))
        if number is None:
            raise ProseProblem(line, f"footnote [^{match.group(1)}] is used but not defined")
        if match.start() > pos:
            spans.append(Span(text[pos : match.start()], emphasis, strong, href))
        spans.append(Span(str(number), footnote=number))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:], emphasis, strong, href))
    return spans


def _merge(spans: list[Span]) -> Inline:
    """Join neighbouring spans of one style and trim the ends."""
    merged: list[Span] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if prev and prev.footnote is None and span.footnote is None and (
            prev.emphasis, prev.strong, prev.href) == (span.emphasis, span.strong, span.href):
            merged[-1] = Span(prev.text + span.text, prev.emphasis, prev.strong, prev.href)
        else:
            merged.append(span)
    if merged and merged[0].footnote is None:
        merged[0] = _replace_text(merged[0], merged[0].text.lstrip())
    if merged and merged[-1].footnote is None:
        merged[-1] = _replace_text(merged[-1], merged[-1].text.rstrip())
    return tuple(s for s in merged if s.text)


def _replace_text(span: Span, text: str) -> Span:
    return Span(text, span.emphasis, span.strong, span.href, span.footnote)
