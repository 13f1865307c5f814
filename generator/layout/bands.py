"""Text blocks of the poster outside the diagram: title band, introduction, challenges, credits.

Each function sets its text at a given width (through generator.text) and returns a
`scene.Frame` whose height is the block's height; the poster places the frames. All sizes
arrive in points, already scaled to the paper.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from generator import scene
from generator.errors import LayoutError
from generator.model import Block, Challenge, Footnote, Heading, ListBlock, Paragraph, Span
from generator.text.breaking import TextBlock, TextStyle, set_text
from generator.units import to_mm

BULLET = "\u2022"


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


def text_group(block: TextBlock, tag: str, width: float | None = None, role: scene.Role | None = None) -> scene.Group:
    return scene.Group(block.frame(width), tag=tag, role=role)


def checked(block: TextBlock, what: str) -> TextBlock:
    """The block, or LayoutError if a word did not fit its line (text is never squeezed)."""
    if block.overfull:
        raise LayoutError(f"{what}: a word is {to_mm(block.overflow):.0f} mm too wide for its column "
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
    title: TextStyle      # the block's own heading (e.g. intro_title)
    heading: TextStyle    # '## ' headings inside
    body: TextStyle
    paragraph_gap: float  # points between paragraphs
    heading_gap: float    # points above a heading inside the text
    item_gap: float       # points between list items


def prose(title: str, blocks: Sequence[Block], width: float, style: ProseStyle, tag: str) -> scene.Frame:
    """A heading and Markdown blocks (headings, paragraphs, lists) set in one column."""
    stack = Stack()
    if title:
        block = checked(set_text(title, width, style.title, tag=f"{tag}-title"), f"the heading '{title}'")
        stack = stack.add(text_group(block, f"{tag}-title", role=scene.Role("H2")), block.height)
    for index, item in enumerate(blocks):
        first = index == 0 and not title
        if isinstance(item, Heading):
            block = checked(set_text(item.spans, width, style.heading, tag=f"{tag}-heading"), str(item.source))
            stack = stack.add(text_group(block, f"{tag}-heading", role=scene.Role("H3")), block.height,
                              0 if first else style.heading_gap)
        elif isinstance(item, Paragraph):
            block = checked(set_text(item.spans, width, style.body, tag=tag), str(item.source))
            stack = stack.add(text_group(block, tag, role=scene.Role("P")), block.height,
                              0 if first else style.paragraph_gap)
        elif isinstance(item, ListBlock):
            frame = bullet_list(item, width, style, tag)
            stack = stack.add(scene.Group(frame, tag=tag), frame.height, 0 if first else style.paragraph_gap)
    return stack.frame(width)


def bullet_list(item: ListBlock, width: float, style: ProseStyle, tag: str) -> scene.Frame:
    """List items with a hanging bullet (or number): marker left, text indented."""
    indent = style.body.size * 1.1
    stack = Stack()
    whole = scene.Role("L")
    for k, spans in enumerate(item.items):
        entry = scene.Role("LI", whole)
        marker_text = f"{k + 1}." if item.ordered else BULLET
        marker = set_text(marker_text, indent * 2, style.body, tag=f"{tag}-marker")
        text = checked(set_text(spans, width - indent, style.body, tag=tag), str(item.source))
        frame = scene.Frame(width, text.height, (
            scene.Placed(0.0, 0.0, text_group(marker, f"{tag}-marker", role=scene.Role("Lbl", entry))),
            scene.Placed(indent, 0.0, text_group(text, tag, role=scene.Role("LBody", entry))),
        ))
        stack = stack.add(scene.Group(frame), text.height, style.item_gap if k else 0.0)
    return stack.frame(width)


def footnotes(notes: Sequence[Footnote], width: float, style: TextStyle, rule: str, gap: float,
              tag: str = "footnote") -> scene.Frame:
    """A short rule, then each footnote as its superscript number and its text (links clickable)."""
    if not notes:
        return scene.Frame(width, 0.0)
    stack = Stack().add(scene.Rect(width * 0.25, max(0.5, style.size * 0.04), rule, tag="footnote-rule"),
                        max(0.5, style.size * 0.04))
    for note in notes:
        spans = (Span(str(note.number), footnote=note.number), Span(" "), *note.spans)
        block = checked(set_text(spans, width, style, tag=tag), str(note.source))
        stack = stack.add(text_group(block, tag, role=scene.Role("Note")), block.height, gap)
    return stack.frame(width)


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


def challenges(heading: str, items: Sequence[Challenge], width: float, style: ChallengeStyle) -> scene.Frame:
    """The challenges as a list: a large numeral, the label and the title beside it."""
    stack = Stack()
    if heading:
        block = checked(set_text(heading, width, style.heading, tag="challenges-title"), "labels.challenges")
        stack = stack.add(text_group(block, "challenges-title", role=scene.Role("H2")), block.height)
    digits = max((len(str(c.number)) for c in items), default=1)
    column = style.number.size * (0.56 * digits + 0.3)
    text_width = width - column
    whole = scene.Role("L")
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
        stack = stack.add(scene.Group(frame, tag=tag), height, gap)
    return stack.frame(width)


# --- credits ----------------------------------------------------------------------------------


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
