"""The handout's pages: the cover (title, theme bubbles, contents, credit and publisher) set by
flow, so it runs onto a second page rather than overprint when the contents are long; the
running header and footer; and the whole document."""

from __future__ import annotations

from typing import Sequence

from generator import scene
from generator.layout.common import document_meta, font_faces, theme_colours
from generator.layout.flow import Anchor, Block, FlowPage, Row, filler_row, frame_row, glued, paginate
from generator.layout.handout import (
    Kit, diagram_blocks, footnotes, intro_blocks, make_kit, reflection_blocks, theme_blocks,
)
from generator.layout.roles import Role, artifact, list_item, tagged
from generator.model import Praatplaat, Theme
from generator.styles import HandoutStyle
from generator.styles.diagram import DiagramParts
from generator.text.breaking import TextBlock, TextStyle, fit_size, set_text

MAX_COVER_PAGES = 4


def _text_row(block: TextBlock, tag: str, space: float = 0.0, x: float = 0.0, role: Role | None = None) -> Row:
    """The block as one row (`role`: its structure element, a new P if none)."""
    frame = scene.Frame(block.width, block.height,
                        (scene.Placed(0, 0, scene.Group(block.frame(), tag=tag, role=role or Role("P"))),))
    return frame_row(frame, x=x, space_before=space, tag=tag)


def cover_blocks(kit: Kit, themes: Sequence[Theme], colours: dict[str, str],
                 contents: Sequence[tuple[Anchor, int]]) -> list[Block]:
    """Title, subtitle, a row of the theme bubbles, the contents with page numbers, and the
    foot (publisher, credit) at the bottom of the last cover page: all as flow blocks."""
    from generator.layout.gradient import ramp_stops

    c, meta = kit.st.cover, kit.plaat.meta
    stops = ramp_stops(kit.st.palette.gradient_start, kit.st.palette.gradient_end, c.gradient_stops)
    bar = scene.Rect(kit.width, c.bar, fill=scene.LinearGradient(0, 0, kit.width, 0, stops), tag="cover-bar")
    rows = [frame_row(scene.Frame(kit.width, c.bar, (scene.Placed(0, 0, bar),)), glue=True, tag="cover-bar")]
    title = set_text(meta.title, kit.width, kit.style(c.title_size, weight="bold", leading=c.title_leading),
                     tag="title")
    rows.append(_text_row(title, "title", c.bar_gap, role=Role("H1")))
    if meta.subtitle:
        rows.append(_text_row(set_text(meta.subtitle, kit.width, kit.style(c.subtitle_size, color=kit.muted),
                                       tag="subtitle"), "subtitle", c.subtitle_gap))
    out = [Block(glued(rows))]
    if themes:
        out.append(Block((_bubbles(kit, themes, colours),), space_before=c.bubbles_gap))
    out.append(Block(_contents(kit, contents), space_before=c.contents_space))
    out.append(Block((_foot(kit),), space_before=c.foot_gap))
    return out


def _bubbles(kit: Kit, themes: Sequence[Theme], colours: dict[str, str]) -> Row:
    """The themes as a row of circles in their colours, sized like in the diagram."""
    from generator.layout.diagram import base_radii

    c = kit.st.cover
    rel = base_radii(themes, c.bubble_variation)
    r_max = min(c.bubbles, (kit.width - c.bubble_gap * (len(themes) - 1)) / (2 * sum(rel)) * max(rel))
    items, x = [], 0.0
    for theme, k in zip(themes, rel):
        r = r_max * k / max(rel)
        items.append(scene.Placed(x + r, r_max, scene.Circle(r, fill=colours[theme.id],
                                                             tag=f"cover-bubble:{theme.id}")))
        x += 2 * r + c.bubble_gap
    return frame_row(scene.Frame(kit.width, 2 * r_max, tuple(items)), tag="cover-bubbles")


def _contents(kit: Kit, contents: Sequence[tuple[Anchor, int]]) -> tuple[Row, ...]:
    """The contents title and one row per entry: title, page number, a link, a rule above
    each section; the title stays with the first entry."""
    c = kit.st.cover
    head = set_text(kit.plaat.labels.contents, kit.width,
                    kit.style(c.contents_size, weight="semibold", color=kit.muted), tag="contents-title")
    rows = [_text_row(head, "contents-title", role=Role("H2"))]
    rule = scene.Stroke(kit.st.palette.rule, c.contents_rule)
    whole = Role("L")  # the contents: a list of links, each with its page number ("Inleiding 2")
    for k, (anchor, page) in enumerate(contents):
        link = Role("Link", list_item(whole)[1])
        indent = c.contents_indent * anchor.level
        style = kit.style(c.contents_size, color=kit.muted if anchor.level else None)
        number = set_text(str(page), c.page_column, style, tag="contents-page")
        title = set_text(anchor.title, kit.width - indent - c.page_column, style, tag="contents-entry")
        gap = c.contents_gap * (c.contents_sub_gap if anchor.level else 1)
        items = [scene.Placed(indent, 0, scene.Group(title.frame(), tag="contents-entry", role=link)),
                 scene.Placed(indent, 0, tagged(scene.Link(kit.width - indent, title.height, f"#{anchor.key}",
                                                           anchor.title), link)),
                 scene.Placed(kit.width - number.width, 0, scene.Group(number.frame(), tag="contents-page",
                                                                       role=link))]
        if not anchor.level:
            items.append(scene.Placed(0, -gap / 2, scene.Line(kit.width, 0, rule, tag="contents-rule")))
        space = (c.contents_title_gap + gap) if k == 0 else gap
        rows.append(frame_row(scene.Frame(kit.width, title.height, tuple(items)), space_before=space,
                              tag="contents-entry"))
    return glued(rows[:2]) + tuple(rows[2:]) if len(rows) > 1 else tuple(rows)


def _foot(kit: Kit) -> Row:
    """Publisher and credit, at the bottom of the rest of the page (a new page if no room)."""
    c, meta = kit.st.cover, kit.plaat.meta
    credit = set_text(meta.credit, kit.width, kit.style(c.credit_size, color=kit.muted, leading=c.credit_leading),
                      tag="credit")
    publisher = set_text(meta.publisher, kit.width, kit.style(c.publisher_size, weight="bold"), tag="publisher")
    need = publisher.height + c.foot_gap + credit.height

    def make(width: float, height: float) -> scene.Frame:
        top = height - need
        return scene.Frame(width, height, (
            scene.Placed(0, top, scene.Group(publisher.frame(), tag="publisher", role=Role("P"))),
            scene.Placed(0, top + publisher.height + c.foot_gap, scene.Group(credit.frame(), tag="credit",
                                                                            role=Role("P"))),
        ))

    return filler_row(kit.width, need, make, tag="cover-foot")


# ---------------------------------------------------------------------------------- pages


def running(kit: Kit, page: int, pages: int, section: str) -> tuple[scene.Placed, ...]:
    """The running header (title left, section right, a hairline) and footer (page x of y)."""
    r = kit.st.running
    style = kit.style(r.size, color=kit.muted)
    top, left, gap = kit.margins[0], kit.margins[3], r.gap
    label = kit.plaat.labels.page.replace("{page}", str(page)).replace("{pages}", str(pages))
    number = set_text(label, kit.width, style, tag="page-number")
    y = top - gap - style.size * style.leading
    items, used = [], 0.0
    furniture = artifact("Pagination")  # running heads and page numbers
    # one line each, shrunk to at most `shrink`; a text too long even then is left out rather
    # than cut (the title is on the cover, the section name heads the page's body)
    title = _one_line(kit.plaat.meta.title, kit.width * r.title_share, style, r.shrink)
    if title:
        items.append(scene.Placed(left, y, scene.Group(title.frame(), tag="running-title", role=furniture)))
        used = title.width + r.spacing
    head = _one_line(section, kit.width - used, style, r.shrink) if section else None
    if head:
        items.append(scene.Placed(left + kit.width - head.width, y, scene.Group(head.frame(), tag="running-section",
                                                                                role=furniture)))
    stroke = scene.Stroke(kit.st.palette.rule, r.rule)
    items.append(scene.Placed(left, top - gap + r.rule_raise, scene.Line(kit.width, 0, stroke, tag="running-rule")))
    foot_y = kit.page_height - kit.margins[2] + gap
    items.append(scene.Placed(left + kit.width - number.width, foot_y, scene.Group(number.frame(), tag="page-number",
                                                                                   role=furniture)))
    return tuple(items)


def _one_line(text: str, width: float, style: TextStyle, shrink: float) -> TextBlock | None:
    """`text` on one line in `width`, at the style's size or down to `shrink` of it; else None."""
    fitted = fit_size(text, width, style, style.size * style.leading + 1e-6, style.size * shrink, style.size)
    return fitted[1] if fitted else None


def _page(kit: Kit, page: FlowPage, running_items: tuple = (), label: str = "") -> scene.Page:
    body = scene.Placed(kit.margins[3], kit.margins[0], scene.Group(page.frame, tag="body"))
    return scene.Page(scene.Frame(kit.page_width, kit.page_height, (body,) + running_items), label=label)


def body_pages(kit: Kit, flow: Sequence[FlowPage], first_number: int, total: int) -> list[scene.Page]:
    """The flowed pages with running header and footer; the header names the section of the
    last section start on or before the page."""
    pages, section = [], ""
    for index, page in enumerate(flow):
        section = next((m.anchor.title for m in reversed(page.marks) if m.anchor.level == 0), section)
        pages.append(_page(kit, page, running(kit, first_number + index, total, section), f"{first_number + index}"))
    return pages


def handout_document(plaat: Praatplaat, st: HandoutStyle, diagram_layout: DiagramParts,
                     themes: Sequence[Theme] | None = None) -> scene.Document:
    """The whole handout as a scene.Document (cover pages + flowed pages)."""
    kit = make_kit(plaat, st)
    themes = plaat.themes_by_level if themes is None else tuple(themes)
    colours = theme_colours(plaat, diagram_layout)
    blocks = intro_blocks(kit) + reflection_blocks(kit) + diagram_blocks(kit, diagram_layout, themes)
    for theme in themes:
        blocks += theme_blocks(kit, theme, colours[theme.id])
    flow = paginate(blocks, kit.width, kit.height, footnotes(kit))
    marks = [(mark, index) for index, page in enumerate(flow) for mark in page.marks]
    covers = 1  # the contents' page numbers depend on how many pages the cover takes
    for _ in range(MAX_COVER_PAGES):
        contents = [(m.anchor, covers + index + 1) for m, index in marks]
        cover = paginate(cover_blocks(kit, themes, colours, contents), kit.width, kit.height)
        if len(cover) == covers:
            break
        covers = len(cover)
    total = len(flow) + covers
    outline = tuple(scene.OutlineEntry(m.anchor.title, covers + index, kit.margins[0] + m.y, m.anchor.level,
                                       m.anchor.key) for m, index in marks)
    pages = tuple(_page(kit, p, label=plaat.meta.title) for p in cover) + tuple(
        body_pages(kit, flow, covers + 1, total))
    subject = plaat.meta.subtitle or plaat.meta.title
    return scene.Document(pages, document_meta(plaat, subject), font_faces(st), outline)
