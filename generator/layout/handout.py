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
from generator.color import contrast, mix, text_on
from generator.config import get
from generator.layout.common import document_meta, font_faces, page_size, text_style, theme_colours
from generator.layout.flow import (
    Anchor, Block, Box, FlowPage, Footnotes, Row, filler_row, frame_row, glued, paginate, spacer, text_rows,
)
from generator.model import Block as ProseBlock
from generator.model import Challenge, Heading, ListBlock, Paragraph, Praatplaat, Span, Theme
from generator.text.breaking import TextBlock, TextStyle, fit_size, set_name, set_text
from generator.units import mm

WHITE = "#ffffff"
MIN_CONTRAST = 4.5


def readable(colour: str, background: str = WHITE, minimum: float = MIN_CONTRAST) -> str:
    """`colour` if text in it contrasts ≥ `minimum` with `background`, else the lightest
    darker shade of it (mixed towards black in 2 % steps) that does."""
    for step in range(51):
        shade = mix(colour, "#000000", step * 0.02)
        if contrast(shade, background) >= minimum:
            return shade
    return "#000000"


@dataclass(frozen=True)
class Kit:
    """What every part of the handout needs: the layout, the text area, the language, styles."""

    layout: dict
    plaat: Praatplaat
    width: float  # text area
    height: float
    page_width: float
    page_height: float
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    accent: str  # the abstract end of the gradient, made readable on paper

    def get(self, path: str, kind=float):
        return get(self.layout, path, kind)

    def mm(self, path: str) -> float:
        return mm(get(self.layout, path, float))

    def style(self, size_path: str, *, weight: str = "regular", color: str | None = None,
              leading: float = 1.25, align: str = "left") -> TextStyle:
        return text_style(self.layout, self.get(size_path), weight=weight, color=color, leading=leading,
                          align=align, lang=self.plaat.meta.language)

    @property
    def body(self) -> TextStyle:
        return self.style("body.size", leading=self.get("body.leading"))

    @property
    def muted(self) -> str:
        return get(self.layout, "palette.muted", str)


def make_kit(plaat: Praatplaat, layout: dict) -> Kit:
    page_w, page_h = page_size(layout)
    margins = tuple(mm(get(layout, f"margin.{side}", float)) for side in ("top", "right", "bottom", "left"))
    accent = readable(get(layout, "palette.gradient_start", str), get(layout, "palette.paper", str))
    return Kit(layout, plaat, page_w - margins[1] - margins[3], page_h - margins[0] - margins[2],
               page_w, page_h, margins, accent)


# ---------------------------------------------------------------------------------- prose


def footnote_numbers(spans: Sequence[Span]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(s.footnote for s in spans if s.footnote is not None))


def paragraph(kit: Kit, spans, *, width: float | None = None, style: TextStyle | None = None,
              tag: str = "paragraph", space: float | None = None) -> Block:
    block = set_text(spans, width or kit.width, style or kit.body, tag=tag)
    rows = text_rows(block, orphans=kit.get("body.orphans", int), widows=kit.get("body.widows", int), tag=tag,
                     footnotes=footnote_numbers(spans) if not isinstance(spans, str) else ())
    return Block(rows, space_before=kit.mm("body.paragraph_gap") if space is None else space)


def heading(kit: Kit, spans, size_path: str = "heading.sub_size", *, weight: str = "semibold",
            color: str | None = None, tag: str = "heading", width: float | None = None) -> tuple[Row, ...]:
    style = replace(kit.style(size_path, weight=weight, color=color, leading=1.2), hyphenate=False)
    return glued(text_rows(set_text(spans, width or kit.width, style, tag=tag), orphans=99, tag=tag))


def hang(rows: Sequence[Row], marker: Sequence[scene.Placed], indent: float) -> tuple[Row, ...]:
    """Rows moved `indent` to the right, with `marker` (number, bullet) in the first one."""
    out = []
    for i, row in enumerate(rows):
        items = tuple(scene.Placed(p.x + indent, p.y, p.item) for p in row.frame.items)
        if i == 0:
            items = tuple(marker) + items
        out.append(replace(row, frame=scene.Frame(row.frame.width + indent, row.frame.height, items)))
    return tuple(out)


def list_blocks(kit: Kit, block: ListBlock, width: float) -> list[Block]:
    indent = kit.mm("list.indent")
    out = []
    for number, item in enumerate(block.items, 1):
        text = set_text(item, width - indent, kit.body, tag="list-item")
        rows = text_rows(text, orphans=kit.get("body.orphans", int), widows=kit.get("body.widows", int),
                         tag="list-item", footnotes=footnote_numbers(item))
        if block.ordered:
            marker = set_text(f"{number}.", indent, kit.body, tag="list-number").lines[0]
            mark = scene.Placed(0, text.first_baseline, marker)
        else:
            r = kit.mm("list.bullet")
            centre = text.first_baseline - kit.get("body.size") * 0.33
            mark = scene.Placed(r + 0.5, centre, scene.Circle(r, fill=kit.accent, tag="bullet"))
        gap = kit.mm("list.item_gap") if number > 1 else kit.mm("body.paragraph_gap")
        out.append(Block(hang(rows, (mark,), indent), space_before=gap))
    return out


def prose_blocks(kit: Kit, blocks: Sequence[ProseBlock], width: float | None = None) -> list[Block]:
    width = width or kit.width
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(paragraph(kit, block.spans, width=width))
        elif isinstance(block, Heading):
            out.append(Block(heading(kit, block.spans, width=width), space_before=kit.mm("heading.gap_before"),
                             space_after=kit.mm("heading.gap_after"), keep_with_next=True))
        elif isinstance(block, ListBlock):
            out.extend(list_blocks(kit, block, width))
    return out


def section_title(kit: Kit, title: str, key: str, *, subtitle: str = "", level_anchors=()) -> Block:
    """A section's opening: an accent rule, the title, the subtitle; on a new page."""
    rule = scene.Frame(kit.width, mm(5), (scene.Placed(0, 0, scene.Rect(mm(14), 2.2, fill=kit.accent,
                                                                         tag="section-rule")),))
    rows = [frame_row(rule, glue=True, tag="section-rule")]
    rows += heading(kit, title, "heading.section_size", weight="bold", tag="section-title")
    if subtitle:
        rows = glued(rows + [spacer(mm(1))])
        rows += heading(kit, subtitle, "heading.subtitle_size", weight="regular", color=kit.muted,
                        tag="section-subtitle")
    return Block(glued(rows), break_before=True, keep_with_next=True, space_after=kit.mm("heading.section_gap"),
                 anchors=(Anchor(key, title, 0),) + tuple(level_anchors))


# ---------------------------------------------------------------------------------- sections


def intro_blocks(kit: Kit) -> list[Block]:
    plaat = kit.plaat
    return [section_title(kit, plaat.intro_title, "intro")] + prose_blocks(kit, plaat.intro)


def challenge_title(challenge: Challenge) -> str:
    return f"{challenge.label}: {challenge.title}" if challenge.label else challenge.title


def challenge_block(kit: Kit, challenge: Challenge) -> list[Block]:
    """A challenge as a tinted box with a coloured rule: label, title, then its text."""
    pad = tuple(mm(v) for v in kit.get("challenge.padding", list))
    inner = kit.width - pad[1] - pad[3]
    tint = mix(kit.accent, get(kit.layout, "palette.paper", str), kit.get("challenge.tint"))
    box = Box(fill=tint, rule=kit.accent, rule_width=kit.mm("challenge.rule"), padding=pad)
    head = heading(kit, challenge.label, "challenge.label_size", weight="semibold",
                   color=readable(kit.accent, tint), tag="challenge-label", width=inner) + (spacer(mm(0.8)),)
    head += heading(kit, challenge.title, "challenge.title_size", weight="bold", tag="challenge-title", width=inner)
    rows: list[Row] = list(glued(head + (spacer(kit.mm("body.paragraph_gap")),)))
    for k, block in enumerate(prose_blocks(kit, challenge.blocks, inner)):
        space = max(block.space_before, block.rows[0].space_before) if k else 0.0
        rows.extend((replace(block.rows[0], space_before=space),) + block.rows[1:])
    rows[len(head)] = replace(rows[len(head)], glue=True)  # the spacer stays with the first lines
    anchor = Anchor(f"challenge-{challenge.number}", challenge_title(challenge), 1)
    gap = kit.mm("challenge.gap")
    return [Block(tuple(rows), space_before=gap, space_after=gap, box=box, anchors=(anchor,))]


def reflection_blocks(kit: Kit) -> list[Block]:
    ref = kit.plaat.reflection
    out = [section_title(kit, ref.title, "reflection", subtitle=ref.subtitle)]
    out += prose_blocks(kit, ref.before)
    for challenge in ref.challenges:
        out += challenge_block(kit, challenge)
    out += prose_blocks(kit, ref.after)
    return out


def diagram_blocks(kit: Kit, diagram_layout: dict, themes: Sequence[Theme]) -> list[Block]:
    """The diagram's title and the bubble diagram in the rest of the page."""
    from generator.layout.diagram import diagram_style, layout_diagram, paper_scale

    plaat = kit.plaat
    scale = paper_scale(diagram_layout, kit.page_width, kit.page_height)
    style = diagram_style(diagram_layout, scale, lang=plaat.meta.language)
    colours = theme_colours(plaat, diagram_layout)
    labels = (plaat.labels.gradient_start, plaat.labels.gradient_end)
    orientation = "portrait" if kit.height > kit.width else "landscape"

    def make(width: float, height: float) -> scene.Frame:
        return layout_diagram(themes, colours, labels, diagram_layout, width, height, orientation, style).frame

    row = filler_row(kit.width, kit.mm("diagram.min_height"), make, tag="diagram")
    return [section_title(kit, plaat.labels.diagram, "diagram"), Block((row,))]


def theme_tab(kit: Kit, theme: Theme, colour: str) -> Row:
    """A band in the theme's colour with the word for theme and the theme's name."""
    ink = text_on(colour)
    pad = kit.mm("theme.tab_padding")
    kicker = set_text(kit.plaat.labels.theme, kit.width - 2 * pad,
                      kit.style("theme.kicker_size", weight="semibold", color=ink), tag="theme-kicker")
    name = set_name(theme.name, kit.width - 2 * pad,
                    kit.style("theme.name_size", weight="bold", color=ink, leading=1.15), tag="theme-name")
    height = max(kit.mm("theme.tab_height"), kicker.height + name.height + 2 * pad * 0.7)
    top = (height - kicker.height - name.height) / 2
    items = (
        scene.Placed(0, 0, scene.Rect(kit.width, height, fill=colour, radius=mm(1.2), tag=f"theme-tab:{theme.id}")),
        scene.Placed(pad, top, scene.Group(kicker.frame(), tag="theme-kicker")),
        scene.Placed(pad, top + kicker.height, scene.Group(name.frame(), tag="theme-name")),
    )
    return frame_row(scene.Frame(kit.width, height, items), glue=True, tag=f"theme:{theme.id}")


def question_blocks(kit: Kit, theme: Theme, colour: str) -> list[Block]:
    indent = kit.mm("theme.number_width")
    style = kit.style("theme.question_size", leading=kit.get("theme.question_leading"))
    number_style = replace(style, regular=get(kit.layout, "fonts.bold", str), color=readable(colour))
    out = []
    for q in theme.questions:
        text = set_text(q.text, kit.width - indent, style, tag=f"question:{theme.id}:{q.number}")
        rows = text_rows(text, tag=f"question:{theme.id}:{q.number}")
        number = set_text(str(q.number), indent, number_style, tag="question-number").lines[0]
        out.append(Block(hang(rows, (scene.Placed(0, text.first_baseline, number),), indent),
                         space_before=kit.mm("theme.question_gap")))
    return out


def notes_row(kit: Kit, theme: Theme) -> Row:
    """The notes label and ruled lines down to the bottom of the page."""
    label = set_text(kit.plaat.labels.notes, kit.width,
                     kit.style("notes.label_size", weight="semibold", color=kit.muted), tag="notes-label")
    gap = kit.mm("notes.line_gap")
    stroke = scene.Stroke(get(kit.layout, "palette.rule", str), kit.get("notes.rule"))

    def make(width: float, height: float) -> scene.Frame:
        items = [scene.Placed(0, 0, scene.Group(label.frame(), tag="notes-label"))]
        y = label.height + gap
        while y <= height + 1e-6:
            items.append(scene.Placed(0, y, scene.Line(width, 0, stroke, tag="notes-line")))
            y += gap
        return scene.Frame(width, height, tuple(items))

    min_height = label.height + gap * kit.get("notes.min_lines", int)
    return replace(filler_row(kit.width, min_height, make, tag=f"notes:{theme.id}"), space_before=mm(8))


def theme_blocks(kit: Kit, theme: Theme, colour: str) -> list[Block]:
    head = Block((theme_tab(kit, theme, colour),), break_before=True, keep_with_next=True,
                 space_after=mm(2), anchors=(Anchor(f"theme-{theme.id}", theme.name, 0),))
    return [head, *question_blocks(kit, theme, colour), Block((notes_row(kit, theme),))]


# ---------------------------------------------------------------------------------- footnotes


def footnotes(kit: Kit) -> Footnotes:
    style = kit.style("footnotes.size", leading=1.3)
    indent = mm(4)
    notes = {}
    for note in kit.plaat.footnotes:
        text = set_text(note.spans, kit.width - indent, style, tag=f"footnote:{note.number}")
        number = set_text(str(note.number), indent, style, tag="footnote-number").lines[0]
        rows = text_rows(text, orphans=99, tag=f"footnote:{note.number}")
        notes[note.number] = hang(rows, (scene.Placed(0, text.first_baseline, number),), indent)
    stroke = scene.Stroke(get(kit.layout, "palette.rule", str), 0.5)
    sep = scene.Frame(kit.width, mm(5), (scene.Placed(0, mm(2.5), scene.Line(kit.mm("footnotes.separator"), 0,
                                                                            stroke, tag="footnote-rule")),))
    return Footnotes(notes, Row(sep), kit.mm("footnotes.gap"))


# ---------------------------------------------------------------------------------- cover


def _stack(items: list, x: float, y: float, block: TextBlock, tag: str) -> float:
    items.append(scene.Placed(x, y, scene.Group(block.frame(), tag=tag)))
    return y + block.height


def cover_page(kit: Kit, themes: Sequence[Theme], colours: dict[str, str],
               contents: Sequence[tuple[Anchor, int]]) -> scene.Page:
    """Title, subtitle, a row of the theme bubbles, the contents with page numbers; credit
    and publisher at the foot."""
    from generator.layout.gradient import ramp_stops

    meta, top, left = kit.plaat.meta, kit.margins[0], kit.margins[3]
    stops = ramp_stops(get(kit.layout, "palette.gradient_start", str), get(kit.layout, "palette.gradient_end", str), 9)
    bar = scene.Rect(kit.width, kit.mm("cover.bar"), fill=scene.LinearGradient(0, 0, kit.width, 0, stops),
                     tag="cover-bar")
    items: list[scene.Placed] = [scene.Placed(left, top, bar)]
    y = top + kit.mm("cover.bar") + kit.mm("cover.bar_gap")
    y = _stack(items, left, y, set_text(meta.title, kit.width, kit.style("cover.title_size", weight="bold",
                                                                         leading=1.08), tag="title"), "title")
    if meta.subtitle:
        y = _stack(items, left, y + mm(2), set_text(meta.subtitle, kit.width, kit.style(
            "cover.subtitle_size", color=kit.muted), tag="subtitle"), "subtitle")
    y = _bubbles(kit, items, themes, colours, y + mm(12)) + mm(16)
    _contents(kit, items, contents, y)
    foot: list[scene.Placed] = []
    credit = set_text(meta.credit, kit.width, kit.style("cover.credit_size", color=kit.muted, leading=1.35),
                      tag="credit")
    publisher = set_text(meta.publisher, kit.width, kit.style("cover.publisher_size", weight="bold"), tag="publisher")
    bottom = kit.page_height - kit.margins[2]
    y = _stack(foot, left, bottom - credit.height - mm(2) - publisher.height, publisher, "publisher")
    _stack(foot, left, y + mm(2), credit, "credit")
    return scene.Page(scene.Frame(kit.page_width, kit.page_height, tuple(items + foot)), label=meta.title)


def _bubbles(kit: Kit, items: list, themes: Sequence[Theme], colours: dict[str, str], y: float) -> float:
    """The themes as a row of circles in their colours, sized like in the diagram."""
    from generator.layout.diagram import base_radii

    if not themes:
        return y
    rel = base_radii(themes, 0.25)
    gap = mm(2.5)
    r_max = min(kit.mm("cover.bubbles"), (kit.width - gap * (len(themes) - 1)) / (2 * sum(rel)) * max(rel))
    x = kit.margins[3]
    for theme, k in zip(themes, rel):
        r = r_max * k / max(rel)
        circle = scene.Circle(r, fill=colours[theme.id], tag=f"cover-bubble:{theme.id}")
        items.append(scene.Placed(x + r, y + r_max, circle))
        x += 2 * r + gap
    return y + 2 * r_max


def _contents(kit: Kit, items: list, contents: Sequence[tuple[Anchor, int]], y: float) -> None:
    left = kit.margins[3]
    y = _stack(items, left, y, set_text(kit.plaat.labels.contents, kit.width,
                                        kit.style("cover.contents_size", weight="semibold", color=kit.muted),
                                        tag="contents-title"), "contents-title") + mm(2)
    rule = scene.Stroke(get(kit.layout, "palette.rule", str), 0.4)
    for anchor, page in contents:
        indent = mm(6) * anchor.level
        style = kit.style("cover.contents_size", color=kit.muted if anchor.level else None)
        number = set_text(str(page), mm(12), style, tag="contents-page")
        title = set_text(anchor.title, kit.width - indent - mm(14), style, tag="contents-entry")
        gap = kit.mm("cover.contents_gap") * (0.4 if anchor.level else 1)
        y += gap
        if not anchor.level:
            items.append(scene.Placed(left, y - gap / 2, scene.Line(kit.width, 0, rule, tag="contents-rule")))
        _stack(items, left + indent, y, title, "contents-entry")
        _stack(items, left + kit.width - number.width, y, number, "contents-page")
        items.append(scene.Placed(left + indent, y, scene.Link(kit.width - indent, title.height, f"#{anchor.key}")))
        y += title.height


# ---------------------------------------------------------------------------------- pages


def running(kit: Kit, page: int, pages: int, section: str) -> tuple[scene.Placed, ...]:
    """The running header (title left, section right, a hairline) and footer (page x of y)."""
    style = kit.style("running.size", color=kit.muted)
    top, left, gap = kit.margins[0], kit.margins[3], kit.mm("running.gap")
    label = kit.plaat.labels.page.replace("{page}", str(page)).replace("{pages}", str(pages))
    number = set_text(label, kit.width, style, tag="page-number")
    y = top - gap - style.size * style.leading
    items, used = [], 0.0
    # one line each, shrunk to at most 80 %; a text too long even then is left out rather
    # than cut (the title is on the cover, the section name heads the page's body)
    title = _one_line(kit.plaat.meta.title, kit.width * 0.6, style)
    if title:
        items.append(scene.Placed(left, y, scene.Group(title.frame(), tag="running-title")))
        used = title.width + mm(10)
    head = _one_line(section, kit.width - used, style) if section else None
    if head:
        items.append(scene.Placed(left + kit.width - head.width, y, scene.Group(head.frame(), tag="running-section")))
    stroke = scene.Stroke(get(kit.layout, "palette.rule", str), kit.get("running.rule"))
    items.append(scene.Placed(left, top - gap + mm(1.5), scene.Line(kit.width, 0, stroke, tag="running-rule")))
    foot_y = kit.page_height - kit.margins[2] + gap
    items.append(scene.Placed(left + kit.width - number.width, foot_y, scene.Group(number.frame(), tag="page-number")))
    return tuple(items)


def _one_line(text: str, width: float, style: TextStyle) -> TextBlock | None:
    """`text` on one line in `width`, at the style's size or down to 80 % of it; else None."""
    fitted = fit_size(text, width, style, style.size * style.leading + 1e-6, style.size * 0.8, style.size)
    return fitted[1] if fitted else None


def body_pages(kit: Kit, flow: Sequence[FlowPage], first_number: int, total: int) -> list[scene.Page]:
    """The flowed pages with running header and footer; the header names the section of the
    last section start on or before the page."""
    pages, section = [], ""
    for index, page in enumerate(flow):
        section = next((m.anchor.title for m in reversed(page.marks) if m.anchor.level == 0), section)
        items = running(kit, first_number + index, total, section)
        body = scene.Placed(kit.margins[3], kit.margins[0], scene.Group(page.frame, tag="body"))
        pages.append(scene.Page(scene.Frame(kit.page_width, kit.page_height, (body,) + items),
                                label=f"{first_number + index}"))
    return pages


def handout_document(plaat: Praatplaat, layout: dict, diagram_layout: dict,
                     themes: Sequence[Theme] | None = None) -> scene.Document:
    """The whole handout as a scene.Document (cover + flowed pages)."""
    kit = make_kit(plaat, layout)
    themes = plaat.themes_by_level if themes is None else tuple(themes)
    colours = theme_colours(plaat, diagram_layout)
    blocks = intro_blocks(kit) + reflection_blocks(kit) + diagram_blocks(kit, diagram_layout, themes)
    for theme in themes:
        blocks += theme_blocks(kit, theme, colours[theme.id])
    flow = paginate(blocks, kit.width, kit.height, footnotes(kit))
    total = len(flow) + 1
    marks = [(mark, index + 1) for index, page in enumerate(flow) for mark in page.marks]
    cover = cover_page(kit, themes, colours, [(m.anchor, n + 1) for m, n in marks])
    outline = tuple(scene.OutlineEntry(m.anchor.title, n, kit.margins[0] + m.y, m.anchor.level, m.anchor.key)
                    for m, n in marks)
    pages = (cover,) + tuple(body_pages(kit, flow, 2, total))
    subject = plaat.meta.subtitle or plaat.meta.title
    return scene.Document(pages, document_meta(plaat, subject), font_faces(layout), outline)
