"""Text blocks of the poster outside the diagram: title band, introduction, challenges, credits.

Each function sets its text at a given width (through generator.text) and returns a
`scene.Frame` whose height is the block's height; the poster places the frames. All sizes
arrive in points, already scaled to the paper.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from generator import memo, scene
from generator.errors import LayoutError
from generator.layout import prose_blocks as pb
from generator.layout.blocks import Flow
from generator.layout.flow import Block as FlowBlock
from generator.model import Block, Challenge, Footnote
from generator.text.breaking import TextBlock, TextStyle, set_text
from generator.units import to_mm, word_overflow

@dataclass(frozen=True)
class Stack:
    """Frames stacked top to bottom with a gap before each (the first gap is ignored)."""

    parts: tuple[tuple[float, scene.Item, float], ...] = ()  # (gap before, item, height)

    def add(self, item: scene.Item, height: float, gap: float = 0.0) -> Stack:
        return Stack(self.parts + ((gap, item, height),))

    def frame(self, width: float) -> scene.Frame:
        items, y = [], 0.0
        for k, (gap, item, height) in enumerate(self.parts):
            y += gap if k else 0.0
            items.append(scene.Placed(0.0, y, item))
            y += height
        return scene.Frame(width, y, tuple(items))


def text_group(block: TextBlock, tag: str, width: float | None = None, source: str = "",
               role: scene.Role | None = None) -> scene.Group:
    """The block's lines as one group; `source` (`file:line`) is kept for previews, `role`
    is its structure element (tagged PDF)."""
    return scene.Group(block.frame(width), tag=tag, source=source, role=role)


def checked(block: TextBlock, what: str) -> TextBlock:
    """The block, or LayoutError if a word did not fit its line (text is never squeezed)."""
    if block.overfull:
        raise LayoutError(f"{what}: a word is {to_mm(word_overflow(block)):.0f} mm too wide for its column "
                          f"at {block.size:.1f} pt; use a bigger paper or shorten the word")
    return block


# --- the title band ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleStyle:
    title: TextStyle
    subtitle: TextStyle
    subtitle_gap: float
    pad_top: float
    pad_bottom: float
    fill: str
    stripe: float = 0.0                                 # a gradient stripe along the lower edge
    stripe_stops: tuple[scene.GradientStop, ...] = ()


def title_band(title: str, subtitle: str, width: float, inset: float, bleed: float,
               style: TitleStyle) -> scene.Frame:
    """A band `width` wide (the trim width) whose background runs `bleed` past the top, left and
    right trim edges; title and subtitle start `inset` from the left edge."""
    inner = width - 2 * inset
    head = checked(set_text(title, inner, style.title, tag="title"), "the title")
    y = style.pad_top
    items: list[scene.Placed] = []
    items.append(scene.Placed(inset, y, text_group(head, "title", role=scene.Role("H1"))))
    y += head.height
    if subtitle:
        sub = checked(set_text(subtitle, inner, style.subtitle, tag="subtitle"), "the subtitle")
        y += style.subtitle_gap
        items.append(scene.Placed(inset, y, text_group(sub, "subtitle", role=scene.Role("P"))))
        y += sub.height
    height = y + style.pad_bottom
    background = scene.Rect(width + 2 * bleed, height + bleed, style.fill, tag="background:title")
    layers = [scene.Placed(-bleed, -bleed, background)]
    if style.stripe > 0 and style.stripe_stops:
        full = width + 2 * bleed
        fill = scene.LinearGradient(0.0, 0.0, full, 0.0, style.stripe_stops)
        layers.append(scene.Placed(-bleed, height - style.stripe,
                                   scene.Rect(full, style.stripe, fill, tag="background:title-stripe")))
    return scene.Frame(width, height, (*layers, *items))


# --- prose: the introduction ----------------------------------------------------------------


@dataclass(frozen=True)
class ProseStyle:
    """Sizes of a column of running text; lists, bullets and footnotes are set by the one
    typesetter (prose_blocks.py) and look as on cards and in the handout."""

    title: TextStyle      # the block's own heading (e.g. intro_title)
    heading: TextStyle    # '## ' headings inside
    body: TextStyle
    paragraph_gap: float  # points between paragraphs
    heading_gap: float    # points above a heading inside the text
    item_gap: float       # points between list items
    list_indent: float = 1.1  # bullet column, in ems of the body size
    bullet: float = 0.15      # bullet radius, in ems
    bullet_raise: float = 0.33  # bullet centre above the baseline, in ems


def _typeset(style: ProseStyle, tag: str) -> pb.ProseStyle:
    size = style.body.size
    return pb.ProseStyle(
        body=style.body, heading=style.heading, paragraph_gap=style.paragraph_gap, heading_before=style.heading_gap,
        heading_after=0.0, list_indent=size * style.list_indent, bullet=size * style.bullet,
        bullet_raise=style.bullet_raise, item_gap=style.item_gap, accent=style.title.color, orphans=1, widows=1,
        tag=tag, strict=True)


@memo.cached(64)
def prose(title: str, blocks: Sequence[Block], width: float, style: ProseStyle, tag: str) -> scene.Frame:
    """A heading and Markdown blocks (headings, paragraphs, lists) set in one column."""
    st = _typeset(style, tag)

    def make(w: float):
        head = []
        if title:
            checked(set_text(title, w, style.title), f"the heading '{title}'")
            head = [FlowBlock(pb.heading_rows(title, w, style.title, f"{tag}-title", role=scene.Role("H2")),
                              keep_with_next=True)]
        return head + pb.prose_blocks(blocks, w, st), None

    flow = Flow(make)
    flow.measure(width)
    return flow.frame()


@memo.cached(64)
def footnotes(notes: Sequence[Footnote], width: float, style: TextStyle, rule: str, gap: float,
              tag: str = "footnote") -> scene.Frame:
    """A short rule, then each footnote with its number hung (links clickable)."""
    if not notes:
        return scene.Frame(width, 0.0)
    thickness = max(0.5, style.size * 0.04)
    note_style = pb.NoteStyle(style, style.size * 1.2, gap, rule, thickness, width * 0.25, gap + thickness)
    flow = Flow(lambda w: (pb.footnote_blocks(pb.footnotes(notes, w, note_style)), None))
    flow.measure(width)
    return flow.frame()


# --- the challenges -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChallengeStyle:
    heading: TextStyle
    number: TextStyle
    label: TextStyle
    title: TextStyle
    heading_gap: float
    gap: float
    colours: tuple[str, ...]  # numeral colour per challenge


@memo.cached(64)
def challenges(heading: str, items: Sequence[Challenge], width: float, style: ChallengeStyle) -> scene.Frame:
    """The challenges as a list: a large numeral, the label and the title beside it."""
    stack = Stack()
    if heading:
        block = checked(set_text(heading, width, style.heading, tag="challenges-title"), "labels.challenges")
        stack = stack.add(text_group(block, "challenges-title", role=scene.Role("H2")), block.height)
    digits = max((len(str(c.number)) for c in items), default=1)
    column = style.number.size * (0.56 * digits + 0.3)
    text_width = width - column
    whole = scene.Role("L")  # a list: the numeral is the label, label and title the body
    for k, challenge in enumerate(items):
        entry = scene.Role("LI", whole)
        body = scene.Role("LBody", entry)
        tag = f"challenge:{challenge.number}"
        label = checked(set_text(challenge.label, text_width, style.label, tag=f"{tag}:label"), str(challenge.source))
        title = checked(set_text(challenge.title, text_width, style.title, tag=f"{tag}:title"), str(challenge.source))
        number = set_text(str(challenge.number), column, replace(style.number, color=style.colours[k % len(style.colours)]),
                          tag=f"{tag}:number")
        # the numeral stands on the title's first baseline and rises past the label
        baseline = label.height + title.first_baseline
        number_y = baseline - number.first_baseline
        height = max(label.height + title.height, number_y + number.height)
        frame = scene.Frame(width, height, (
            scene.Placed(0.0, number_y, text_group(number, f"{tag}:number", role=scene.Role("Lbl", entry))),
            scene.Placed(column, 0.0, text_group(label, f"{tag}:label", role=body)),
            scene.Placed(column, label.height, text_group(title, f"{tag}:title", role=body)),
        ))
        gap = style.heading_gap if k == 0 and heading else (style.gap if k else 0.0)
        stack = stack.add(scene.Group(frame, tag=tag, source=str(challenge.source)), height, gap)
    return stack.frame(width)


# --- credits ----------------------------------------------------------------------------------


@memo.cached(64)
def credits(publisher: str, credit: str, width: float, publisher_style: TextStyle, credit_style: TextStyle,
            gap: float) -> scene.Frame:
    """The publisher as a word mark, the credit line under it."""
    stack = Stack()
    if publisher:
        block = checked(set_text(publisher, width, publisher_style, tag="publisher"), "meta.publisher")
        stack = stack.add(text_group(block, "publisher", role=scene.Role("P")), block.height)
    if credit:
        block = checked(set_text(credit, width, credit_style, tag="credit"), "meta.credit")
        stack = stack.add(text_group(block, "credit", role=scene.Role("P")), block.height, gap if publisher else 0.0)
    return stack.frame(width)
