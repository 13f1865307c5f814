"""The A4 handout: cover with contents, introduction, reflection with the challenges set as
tinted boxes, the bubble diagram, and every theme (by level) with its numbered questions and
ruled lines for notes. Footnotes at the bottom of the page that refers to them, a running
header and footer, an outline (bookmarks) per section.

Composition only: prose and questions become flow blocks (generator.layout.flow), which
paginates them; this module then adds the cover, the running header/footer and the outline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from generator import scene
from generator.color import darken_to, mix, text_on
from generator.layout.common import text_style, theme_colours
from generator.layout.flow import Anchor, Block, Box, Footnotes, Row, filler_row, frame_row, glued, spacer
from generator.layout.prose_blocks import NoteStyle, ProseStyle, heading_rows, prose_blocks, question_blocks
from generator.layout.prose_blocks import footnotes as set_footnotes
from generator.layout.roles import Role, diagram_alt, tag_rows
from generator.model import Challenge, Praatplaat, Theme
from generator.styles import HandoutStyle
from generator.styles.diagram import DiagramParts
from generator.text.breaking import TextStyle, set_name, set_text


@dataclass(frozen=True)
class Kit:
    """What every part of the handout needs: the style, the text area, the language."""

    st: HandoutStyle
    plaat: Praatplaat
    width: float  # text area
    height: float
    page_width: float
    page_height: float
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    accent: str  # the abstract end of the gradient, made readable on paper

    def style(self, size: float, *, weight: str = "regular", color: str | None = None,
              leading: float = 1.25, align: str = "left") -> TextStyle:
        return text_style(self.st, size, weight=weight, color=color, leading=leading, align=align,
                          lang=self.plaat.meta.language)

    @property
    def body(self) -> TextStyle:
        return self.style(self.st.body.size, leading=self.st.body.leading)

    @property
    def muted(self) -> str:
        return self.st.palette.muted


def make_kit(plaat: Praatplaat, st: HandoutStyle) -> Kit:
    page_w, page_h = st.page_size()
    m = st.margin
    accent = darken_to(st.palette.gradient_start, st.palette.paper)
    return Kit(st, plaat, page_w - m.right - m.left, page_h - m.top - m.bottom, page_w, page_h,
               (m.top, m.right, m.bottom, m.left), accent)


# ---------------------------------------------------------------------------------- prose


def prose_style(kit: Kit) -> ProseStyle:
    """Running text in the handout's sizes (the same typesetter sets card and poster text)."""
    st = kit.st
    return ProseStyle(
        body=kit.body, heading=kit.style(st.heading.sub_size, weight="semibold", leading=st.heading.leading),
        paragraph_gap=st.body.paragraph_gap, heading_before=st.heading.gap_before, heading_after=st.heading.gap_after,
        list_indent=st.list.indent, bullet=st.list.bullet, bullet_raise=st.list.bullet_raise,
        item_gap=st.list.item_gap, accent=kit.accent, orphans=st.body.orphans, widows=st.body.widows,
    )


def heading(kit: Kit, spans, size: float | None = None, *, weight: str = "semibold",
            color: str | None = None, tag: str = "heading", width: float | None = None,
            role: Role | None = None) -> tuple[Row, ...]:
    """A heading's rows (`role`: its structure element, an H3 if none)."""
    style = kit.style(size or kit.st.heading.sub_size, weight=weight, color=color, leading=kit.st.heading.leading)
    return heading_rows(spans, width or kit.width, style, tag, role=role)


def section_title(kit: Kit, title: str, key: str, *, subtitle: str = "", level_anchors=()) -> Block:
    """A section's opening: an accent rule, the title, the subtitle; on a new page."""
    h = kit.st.heading
    rule = scene.Frame(kit.width, h.rule_space, (scene.Placed(0, 0, scene.Rect(h.rule_length, h.rule_width,
                                                                               fill=kit.accent, tag="section-rule")),))
    rows = [frame_row(rule, glue=True, tag="section-rule")]
    rows += heading(kit, title, h.section_size, weight="bold", tag="section-title", role=Role("H2"))
    if subtitle:
        rows = glued(rows + [spacer(h.subtitle_gap)])
        rows += heading(kit, subtitle, h.subtitle_size, weight="regular", color=kit.muted,
                        tag="section-subtitle", role=Role("P"))
    return Block(glued(rows), break_before=True, keep_with_next=True, space_after=h.section_gap,
                 anchors=(Anchor(key, title, 0),) + tuple(level_anchors))


# ---------------------------------------------------------------------------------- sections


def intro_blocks(kit: Kit) -> list[Block]:
    plaat = kit.plaat
    return [section_title(kit, plaat.intro_title, "intro")] + prose_blocks(plaat.intro, kit.width, prose_style(kit))


def challenge_title(challenge: Challenge) -> str:
    return f"{challenge.label}: {challenge.title}" if challenge.label else challenge.title


def challenge_block(kit: Kit, challenge: Challenge) -> list[Block]:
    """A challenge as a tinted box with a coloured rule: label, title, then its text."""
    c = kit.st.challenge
    pad = c.padding
    inner = kit.width - pad[1] - pad[3]
    tint = mix(kit.accent, kit.st.palette.paper, c.tint)
    box = Box(fill=tint, rule=kit.accent, rule_width=c.rule, padding=pad)
    title = Role("H3")  # label and title: one heading
    head = heading(kit, challenge.label, c.label_size, weight="semibold", color=darken_to(kit.accent, tint),
                   tag="challenge-label", width=inner, role=title) + (spacer(c.label_gap),)
    head += heading(kit, challenge.title, c.title_size, weight="bold", tag="challenge-title", width=inner,
                    role=title)
    rows: list[Row] = list(glued(head + (spacer(kit.st.body.paragraph_gap),)))
    for k, block in enumerate(prose_blocks(challenge.blocks, inner, prose_style(kit))):
        space = max(block.space_before, block.rows[0].space_before) if k else 0.0
        rows.extend((replace(block.rows[0], space_before=space),) + block.rows[1:])
    rows[len(head)] = replace(rows[len(head)], glue=True)  # the spacer stays with the first lines
    anchor = Anchor(f"challenge-{challenge.number}", challenge_title(challenge), 1)
    gap = c.gap
    return [Block(tuple(rows), space_before=gap, space_after=gap, box=box, anchors=(anchor,))]


def reflection_blocks(kit: Kit) -> list[Block]:
    ref = kit.plaat.reflection
    out = [section_title(kit, ref.title, "reflection", subtitle=ref.subtitle)]
    out += prose_blocks(ref.before, kit.width, prose_style(kit))
    for challenge in ref.challenges:
        out += challenge_block(kit, challenge)
    out += prose_blocks(ref.after, kit.width, prose_style(kit))
    return out


def diagram_blocks(kit: Kit, diagram_layout: DiagramParts, themes: Sequence[Theme]) -> list[Block]:
    """The diagram's title and the bubble diagram in the rest of the page (`diagram_layout`:
    the style the diagram's settings come from)."""
    from generator.layout.diagram import diagram_style, layout_diagram, paper_scale

    plaat = kit.plaat
    scale = paper_scale(diagram_layout, kit.page_width, kit.page_height)
    style = diagram_style(diagram_layout, scale, lang=plaat.meta.language)
    colours = theme_colours(plaat, diagram_layout)
    labels = (plaat.labels.gradient_start, plaat.labels.gradient_end)
    orientation = "portrait" if kit.height > kit.width else "landscape"

    def make(width: float, height: float) -> scene.Frame:
        return layout_diagram(themes, colours, labels, diagram_layout, width, height, orientation, style).frame

    alt = diagram_alt(plaat.labels.diagram_description, [t.name for t in themes], *labels)
    row = tag_rows((filler_row(kit.width, kit.st.diagram.min_height, make, tag="diagram"),), Role("Figure", alt=alt))
    return [section_title(kit, plaat.labels.diagram, "diagram"), Block(row)]


def theme_tab(kit: Kit, theme: Theme, colour: str) -> Row:
    """A band in the theme's colour with the word for theme and the theme's name."""
    ink, t = text_on(colour), kit.st.theme
    pad = t.tab_padding
    kicker = set_text(kit.plaat.labels.theme, kit.width - 2 * pad,
                      kit.style(t.kicker_size, weight="semibold", color=ink), tag="theme-kicker")
    name = set_name(theme.name, kit.width - 2 * pad,
                    kit.style(t.name_size, weight="bold", color=ink, leading=t.name_leading), tag="theme-name")
    height = max(t.tab_height, kicker.height + name.height + 2 * pad * t.tab_fill)
    top = (height - kicker.height - name.height) / 2
    title = Role("H2")  # "Thema" and the name: one heading
    items = (
        scene.Placed(0, 0, scene.Rect(kit.width, height, fill=colour, radius=t.tab_radius,
                                      tag=f"theme-tab:{theme.id}")),
        scene.Placed(pad, top, scene.Group(kicker.frame(), tag="theme-kicker", role=title)),
        scene.Placed(pad, top + kicker.height, scene.Group(name.frame(), tag="theme-name", role=title)),
    )
    return frame_row(scene.Frame(kit.width, height, items), glue=True, tag=f"theme:{theme.id}")


def notes_row(kit: Kit, theme: Theme) -> Row:
    """The notes label and ruled lines down to the bottom of the page."""
    n = kit.st.notes
    label = set_text(kit.plaat.labels.notes, kit.width,
                     kit.style(n.label_size, weight="semibold", color=kit.muted), tag="notes-label")
    gap = n.line_gap
    stroke = scene.Stroke(kit.st.palette.rule, n.rule)

    def make(width: float, height: float) -> scene.Frame:
        items = [scene.Placed(0, 0, scene.Group(label.frame(), tag="notes-label", role=Role("P")))]
        y = label.height + gap
        while y <= height + 1e-6:
            items.append(scene.Placed(0, y, scene.Line(width, 0, stroke, tag="notes-line")))
            y += gap
        return scene.Frame(width, height, tuple(items))

    min_height = label.height + gap * n.min_lines
    return replace(filler_row(kit.width, min_height, make, tag=f"notes:{theme.id}"), space_before=n.space)


def theme_blocks(kit: Kit, theme: Theme, colour: str) -> list[Block]:
    head = Block((theme_tab(kit, theme, colour),), break_before=True, keep_with_next=True,
                 space_after=kit.st.theme.tab_gap, anchors=(Anchor(f"theme-{theme.id}", theme.name, 0),))
    t = kit.st.theme
    questions = question_blocks(theme.questions, kit.width, kit.style(t.question_size, leading=t.question_leading),
                                t.number_width, darken_to(colour, kit.st.palette.paper), t.question_gap,
                                tag=f"question:{theme.id}")
    return [head, *questions, Block((notes_row(kit, theme),))]


# ---------------------------------------------------------------------------------- footnotes


def footnotes(kit: Kit) -> Footnotes:
    f = kit.st.footnotes
    style = NoteStyle(kit.style(f.size, leading=f.leading), f.indent, f.gap, kit.st.palette.rule, f.rule,
                      f.separator, f.separator_space)
    return set_footnotes(kit.plaat.footnotes, kit.width, style)
