"""The poster's text: the title band's look and the introduction, challenges and credits
(under the diagram at their sizes, or in a text column of their own, grown to fill it)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from generator import scene
from generator.color import contrast, darken_to, ramp, text_on
from generator.errors import LayoutError
from generator.layout import bands
from generator.layout.bubbles import Box
from generator.layout.common import text_style
from generator.layout.gradient import ramp_stops
from generator.model import Praatplaat
from generator.styles import PosterStyle
from generator.text.breaking import TextStyle
from generator.text.fit import largest_size

if TYPE_CHECKING:
    from generator.layout.poster import Settings

TEXT_CONTRAST = 4.5
GROW_TEXT = 1.75     # text in a column of its own grows up to this factor to fill it
GROW_STEP = 0.125


def title_style(st: PosterStyle, lang: str) -> bands.TitleStyle:
    """The title band's look from a (scaled) poster style."""
    palette, t = st.palette, st.title
    fill = palette.gradient_start
    ink = text_on(fill)
    accent = palette.gradient_end if contrast(palette.gradient_end, fill) >= TEXT_CONTRAST else ink
    return bands.TitleStyle(
        title=text_style(st, t.size, color=ink, weight="bold", leading=t.leading, lang=lang, heading=True),
        subtitle=text_style(st, t.subtitle_size, color=accent, weight="semibold", leading=t.subtitle_leading,
                            lang=lang, heading=True),
        subtitle_gap=t.subtitle_gap, pad_top=t.pad_top, pad_bottom=t.pad_bottom, fill=fill, stripe=t.stripe,
        stripe_stops=ramp_stops(palette.gradient_start, palette.gradient_end, t.stripe_stops),
    )


def text_blocks(plaat: Praatplaat, st: Settings, text_col: Box | None, centre: Box,
                 lang: str) -> dict[str, scene.Frame]:
    """The introduction, challenges and credits: under the diagram at their sizes, or in a text
    column of their own as large as fills it (body text up to GROW_TEXT times its size; headings
    stay at most the title's size)."""
    if text_col is None:
        return _centre_blocks(plaat, st, st.style, centre.width, lang)
    blocks = _centre_blocks(plaat, st, st.style, text_col.width, lang)
    found = {1.0: blocks}

    def fits(grow: float) -> bool:
        if grow in found:
            return True
        if _height(blocks, st) * grow * grow > text_col.height * 1.3:   # wrapped text grows with grow²: too tall
            return False
        try:
            larger = _centre_blocks(plaat, st, _grown(st.style, grow), text_col.width, lang)
        except LayoutError:
            return False
        if _height(larger, st) > text_col.height:
            return False
        found[grow] = larger
        return True

    return found[largest_size(fits, 1.0, GROW_TEXT, GROW_STEP)]


def _height(blocks: dict[str, scene.Frame], st: Settings) -> float:
    return sum(f.height for f in blocks.values()) + st.centre_gap * max(0, len(blocks) - 1)


def _grown(sty: PosterStyle, grow: float) -> PosterStyle:
    """The text blocks' sizes × `grow`; headings and numerals at most the title's size."""
    head = lambda size: min(size * grow, max(size, sty.title.size))  # noqa: E731
    i, c, cr = sty.intro, sty.challenges, sty.credit
    return replace(
        sty,
        intro=replace(i, size=i.size * grow, subheading_size=i.subheading_size * grow,
                      footnote_size=i.footnote_size * grow, heading_size=head(i.heading_size)),
        challenges=replace(c, label_size=c.label_size * grow, title_size=c.title_size * grow, gap=c.gap * grow,
                           heading_gap=c.heading_gap * grow, heading_size=head(c.heading_size),
                           number_size=head(c.number_size)),
        credit=replace(cr, size=cr.size * grow, publisher_size=head(cr.publisher_size)),
    )


def _centre_blocks(plaat: Praatplaat, st: Settings, sty: PosterStyle, width: float,
                   lang: str) -> dict[str, scene.Frame]:
    """The text blocks (all but the diagram), by name, in `centre.order`, in `sty`'s sizes."""
    palette = sty.palette

    def style(size: float, **kw) -> TextStyle:
        return text_style(sty, size, lang=lang, **kw)

    blocks: dict[str, scene.Frame] = {}
    for name in st.centre_order:
        if name == "intro":
            intro = sty.intro
            body = style(intro.size, leading=intro.leading)
            line = body.size * body.leading
            prose_style = bands.ProseStyle(
                title=style(intro.heading_size, weight="bold", leading=intro.heading_leading,
                            color=palette.gradient_start, heading=True),
                heading=style(intro.subheading_size, weight="semibold", leading=intro.subheading_leading, heading=True),
                body=body, paragraph_gap=line * intro.paragraph_gap, heading_gap=line * intro.heading_gap,
                item_gap=line * intro.item_gap,
            )
            text = bands.prose(plaat.intro_title, plaat.intro, width, prose_style, "intro")
            notes = bands.footnotes(plaat.footnotes, width, style(intro.footnote_size, color=palette.muted),
                                    palette.rule, body.size * 0.3)
            stack = bands.Stack().add(scene.Group(text, tag="intro-text"), text.height)
            if notes.height:
                stack = stack.add(scene.Group(notes, tag="footnotes"), notes.height, line * intro.footnote_gap)
            blocks[name] = stack.frame(width)
        elif name == "challenges" and plaat.challenges:     # no heading without content
            c = sty.challenges
            n = len(plaat.challenges)
            colours = tuple(darken_to(ramp(palette.gradient_start, palette.gradient_end, c.numeral_ramp * k / max(n - 1, 1)),
                                      palette.paper, TEXT_CONTRAST) for k in range(n))
            cstyle = bands.ChallengeStyle(
                heading=style(c.heading_size, weight="bold", leading=sty.intro.heading_leading,
                              color=palette.gradient_start, heading=True),
                number=style(c.number_size, weight="bold", leading=1.0),
                label=style(c.label_size, weight="semibold", color=palette.muted, leading=c.label_leading),
                title=style(c.title_size, weight="bold", leading=c.title_leading),
                heading_gap=c.heading_gap, gap=c.gap, colours=colours,
            )
            blocks[name] = bands.challenges(plaat.labels.challenges, plaat.challenges, width, cstyle)
        elif name == "credit":
            blocks[name] = bands.credits(
                plaat.meta.publisher, plaat.meta.credit, width,
                style(sty.credit.publisher_size, weight="bold", color=palette.gradient_start, leading=1.0,
                      heading=True),
                style(sty.credit.size, color=palette.muted), 0.0)
    return blocks
