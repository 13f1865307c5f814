"""The one typesetter for running text in every product: paragraphs, '## ' headings, bulleted
and numbered lists, numbered question lists and footnotes become flow blocks (rows of set
lines, see flow.py), which handout pages, card faces and text columns stack and split
(blocks.py). Sizes, gaps and colours come from the product's style through `ProseStyle`, so a
bullet or a footnote looks the same on a card as in the handout, only at the card's size.

Each block also says what it is for a tagged PDF (generator/layout/roles.py): a paragraph is a
P, a heading an H3 (or the role the caller gives), a list an L of LI with the number as Lbl and
the text as LBody (round bullets are decoration), a footnote a Note; so one edit here tags the
handout, the cards and the poster columns alike."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from generator import memo, scene
from generator.layout.flow import Block, Footnotes, Row, glued, text_rows
from generator.layout.roles import Role, list_item, tag_rows, tagged
from generator.model import Block as ProseBlock
from generator.model import Footnote, Heading, ListBlock, Paragraph, Question, Span
from generator.errors import LayoutError
from generator.text.breaking import TextBlock, TextStyle, set_text
from generator.units import to_mm, word_overflow


@dataclass(frozen=True)
class ProseStyle:
    """How a product sets running text (all lengths in points)."""

    body: TextStyle
    heading: TextStyle          # '## ' headings
    paragraph_gap: float
    heading_before: float
    heading_after: float
    list_indent: float          # bullet or number column
    bullet: float               # radius of the round bullet
    bullet_raise: float         # bullet centre above the baseline, in ems of the body size
    item_gap: float
    accent: str                 # bullets
    orphans: int = 2
    widows: int = 2
    tag: str = ""               # tags: '<tag>', '<tag>-heading', '<tag>-marker' (else paragraph, heading …)
    strict: bool = False        # a word too wide for the column is a LayoutError

    def tags(self, kind: str) -> str:
        """The scene tag for `kind` (paragraph, heading, list-item, list-number, bullet)."""
        if not self.tag:
            return kind
        return {"heading": f"{self.tag}-heading", "list-number": f"{self.tag}-marker",
                "bullet": f"{self.tag}-marker"}.get(kind, self.tag)

    def at(self, size: float) -> ProseStyle:
        """The same style with body text at `size` (headings keep their size relative to it)."""
        scale = size / self.body.size
        return replace(self, body=replace(self.body, size=size),
                       heading=replace(self.heading, size=self.heading.size * scale))


@dataclass(frozen=True)
class NoteStyle:
    """Footnotes at the foot of a page or card: hung numbers, a short rule above them."""

    text: TextStyle
    indent: float               # number column
    gap: float                  # between two footnotes
    rule: str                   # colour of the rule
    rule_width: float           # pt
    rule_length: float
    space: float                # height the rule takes (drawn in its middle)
    strict: bool = False        # a word too wide for the width is a LayoutError


def footnote_numbers(spans: Sequence[Span]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(s.footnote for s in spans if s.footnote is not None))


def _set(spans, width: float, style: TextStyle, st: ProseStyle, tag: str, what: str = "") -> TextBlock:
    block = set_text(spans, width, style, tag=tag)
    if st.strict and block.overfull:
        raise LayoutError(f"{what or 'text'}: a word is {to_mm(word_overflow(block)):.0f} mm too wide for its column at "
                          f"{block.size:.1f} pt; use a bigger paper or shorten the word")
    return block


def paragraph(spans, width: float, st: ProseStyle, *, style: TextStyle | None = None, tag: str | None = None,
              space: float | None = None, what: str = "", role: Role | None = None) -> Block:
    """A paragraph (`role`: its structure element, a new P if none)."""
    tag = tag or st.tags("paragraph")
    block = _set(spans, width, style or st.body, st, tag, what)
    rows = text_rows(block, orphans=st.orphans, widows=st.widows, tag=tag,
                     footnotes=footnote_numbers(spans) if not isinstance(spans, str) else (), source=what)
    return Block(tag_rows(rows, role or Role("P")), space_before=st.paragraph_gap if space is None else space)


def heading_rows(spans, width: float, style: TextStyle, tag: str = "heading", source: str = "",
                 role: Role | None = None) -> tuple[Row, ...]:
    """A heading's lines, kept together, never hyphenated (`role`: a new H3 if none; pass one
    object to several calls to make them one heading)."""
    rows = text_rows(set_text(spans, width, replace(style, hyphenate=False), tag=tag), orphans=99, tag=tag,
                     source=source)
    return glued(tag_rows(rows, role or Role("H3")))


def hang(rows: Sequence[Row], marker: Sequence[scene.Placed], indent: float) -> tuple[Row, ...]:
    """Rows moved `indent` to the right, with `marker` (number, bullet) in the first one."""
    out = []
    for i, row in enumerate(rows):
        items = tuple(scene.Placed(p.x + indent, p.y, p.item) for p in row.frame.items)
        if i == 0:
            items = tuple(marker) + items
        out.append(replace(row, frame=scene.Frame(row.frame.width + indent, row.frame.height, items)))
    return tuple(out)


def list_blocks(block: ListBlock, width: float, st: ProseStyle) -> list[Block]:
    """One block per item: a round bullet in the accent colour, or the item's number (one L
    element: LI with the number as Lbl, the text as LBody; a bullet is decoration)."""
    indent, out = st.list_indent, []
    whole = Role("L")
    for number, item in enumerate(block.items, 1):
        label, body = list_item(whole)
        text = _set(item, width - indent, st.body, st, st.tags("list-item"), str(block.source))
        rows = tag_rows(text_rows(text, orphans=st.orphans, widows=st.widows, tag=st.tags("list-item"),
                                  footnotes=footnote_numbers(item), source=str(block.source)), body)
        if block.ordered:
            marker = set_text(f"{number}.", indent, replace(st.body, hyphenate=False),
                              tag=st.tags("list-number")).lines[0]
            mark = scene.Placed(0, text.first_baseline, tagged(marker, label))
        else:
            centre = text.first_baseline - st.body.size * st.bullet_raise
            mark = scene.Placed(st.bullet + 0.5, centre, scene.Circle(st.bullet, fill=st.accent,
                                                                      tag=st.tags("bullet")))
        gap = st.item_gap if number > 1 else st.paragraph_gap
        out.append(Block(hang(rows, (mark,), indent), space_before=gap))
    return out


@memo.cached(512, copy=list)
def prose_blocks(blocks: Sequence[ProseBlock], width: float, st: ProseStyle) -> list[Block]:
    """Paragraphs, headings and lists as flow blocks `width` wide."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(paragraph(block.spans, width, st, what=str(block.source)))
        elif isinstance(block, Heading):
            out.append(Block(heading_rows(block.spans, width, st.heading, st.tags("heading"), str(block.source)),
                             space_before=st.heading_before,
                             space_after=st.heading_after, keep_with_next=True))
        elif isinstance(block, ListBlock):
            out.extend(list_blocks(block, width, st))
    return out


@memo.cached(512, copy=list)
def question_blocks(questions: Sequence[Question], width: float, style: TextStyle, number_width: float,
                    number_colour: str, gap: float, tag: str = "question", strict: bool = False,
                    whole: bool = False) -> list[Block]:
    """Numbered questions: the number bold in `number_colour` in a column `number_width` wide,
    the text hung beside it; `gap` above each (dropped at the top of a page or card). `strict`:
    a word too wide for the column is a LayoutError; `whole`: a question never splits (cards).
    Tagged as one list: each question an LI, its number the Lbl, its text the LBody."""
    number_style = replace(style, regular=style.bold, color=number_colour, hyphenate=False)
    out = []
    listing = Role("L")
    for q in questions:
        label, body = list_item(listing)
        text = set_text(q.text, width - number_width, style, tag=f"{tag}:{q.number}")
        if strict and text.overfull:
            raise LayoutError(f"question {q.number} ({q.source}): a word is {to_mm(word_overflow(text)):.1f} mm too wide "
                              f"at {style.size:g} pt")
        rows = tag_rows(text_rows(text, tag=f"{tag}:{q.number}", source=str(q.source)), body)
        rows = glued(rows) if whole else rows
        number = set_text(str(q.number), number_width, number_style, tag="question-number").lines[0]
        out.append(Block(hang(rows, (scene.Placed(0, text.first_baseline, tagged(number, label)),), number_width),
                         space_before=gap))
    return out


@memo.cached(64)
def footnotes(notes: Sequence[Footnote], width: float, st: NoteStyle) -> Footnotes:
    """Every footnote set once, as rows to put at the foot of the page that refers to it (each a
    Note element, its number included; the rule is decoration)."""
    out = {}
    for note in notes:
        text = set_text(note.spans, width - st.indent, st.text, tag=f"footnote:{note.number}")
        if st.strict and text.overfull:
            raise LayoutError(f"footnote {note.number} ({note.source}) does not fit the width: a word is "
                              f"{to_mm(word_overflow(text)):.1f} mm too wide")
        number = set_text(str(note.number), st.indent, replace(st.text, hyphenate=False),
                          tag="footnote-number").lines[0]
        note_role = Role("Note")
        rows = tag_rows(text_rows(text, orphans=99, tag=f"footnote:{note.number}", source=str(note.source)),
                        note_role)
        out[note.number] = hang(rows, (scene.Placed(0, text.first_baseline, tagged(number, note_role)),), st.indent)
    stroke = scene.Stroke(st.rule, st.rule_width)
    line = (scene.Placed(0, st.space / 2, scene.Line(st.rule_length, 0, stroke, tag="footnote-rule")),)
    sep = scene.Frame(width, st.space, line if st.rule_length > 0 else ())
    return Footnotes(out, Row(sep), st.gap)


def footnote_blocks(notes: Footnotes) -> list[Block]:
    """Footnotes as ordinary blocks, for a column where they follow the text."""
    if not notes.notes:
        return []
    return [Block((notes.separator,), keep_with_next=True)] + [
        Block(rows, space_before=notes.gap if k else 0.0) for k, rows in enumerate(notes.notes.values())]
