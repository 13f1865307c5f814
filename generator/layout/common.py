"""Helpers every product layout shares: document metadata, fonts, text styles, theme colours."""

from __future__ import annotations

from generator.config import get
from generator.model import Praatplaat, Theme
from generator.scene import DocumentMeta, FontFace
from generator.units import mm, paper_size


def document_meta(plaat: Praatplaat, subject: str) -> DocumentMeta:
    """PDF/SVG metadata from the content: title, authors, subject, language, keywords."""
    meta = plaat.meta
    title = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    author = ", ".join(a.name for a in meta.authors) or meta.publisher
    return DocumentMeta(title, author, subject, meta.language, meta.keywords)


def font_faces(layout) -> tuple[FontFace, ...]:
    """The layout's fonts (regular first), resolved to TrueType files from pip packages
    (`layout`: a style, or a layout dict while the poster still reads those)."""
    from generator.text.fonts import font_face

    names = get(layout, "fonts", dict) if isinstance(layout, dict) else vars(layout.fonts)
    ordered = [names["regular"]] + [v for k, v in sorted(names.items()) if k != "regular"]
    unique = list(dict.fromkeys(ordered))
    return tuple(font_face(n) for n in unique)


def text_style(layout, size: float, *, color: str | None = None, leading: float = 1.25,
               align: str = "left", weight: str = "regular", lang: str, heading: bool = False):
    """A TextStyle at `size` points in the layout's fonts; weight 'semibold'/'bold' sets the body font.
    Headings and titles are not hyphenated (a word too long for the line still is).
    `layout`: a style (generator.styles), or a layout dict while the poster still reads those."""
    from generator.text.breaking import TextStyle

    if not isinstance(layout, dict):
        return _typed_text_style(layout, size, color=color, leading=leading, align=align, weight=weight,
                                 lang=lang, heading=heading)
    fonts = get(layout, "fonts", dict)
    palette = get(layout, "palette", dict)
    hyph = layout.get("hyphenation", {})
    return TextStyle(
        regular=fonts[weight] if weight != "regular" else fonts["regular"],
        italic=fonts["italic"],
        bold=fonts["bold"],
        size=size,
        leading=leading,
        color=color or palette["text"],
        link_color=palette["link"],
        align=align,
        lang=lang,
        hyphenate=not heading,
        hyphenation=engine_hyphenation(hyph),
    )


def _typed_text_style(style, size: float, *, color: str | None, leading: float, align: str, weight: str,
                      lang: str, heading: bool):
    from generator.text.breaking import TextStyle

    return TextStyle(
        regular=style.fonts.weight(weight), italic=style.fonts.italic, bold=style.fonts.bold, size=size,
        leading=leading, color=color or style.palette.text, link_color=style.palette.link, align=align,
        lang=lang, hyphenate=not heading,
        hyphenation=engine_hyphenation(vars(style.hyphenation)),
    )


def engine_hyphenation(settings: dict):
    """The text engine's Hyphenation from a layout's `hyphenation` section (a setting the section
    does not have keeps the engine's default); one shared object for the defaults (caches)."""
    import dataclasses

    from generator.text.style import DEFAULT_HYPHENATION, Hyphenation

    names = {f.name for f in dataclasses.fields(Hyphenation)}
    hy = dataclasses.replace(DEFAULT_HYPHENATION, **{k: v for k, v in settings.items() if k in names})
    return DEFAULT_HYPHENATION if hy == DEFAULT_HYPHENATION else hy


def page_size(layout, paper: str | None = None, orientation: str | None = None) -> tuple[float, float]:
    """Trim size in points from the layout's `paper`/`orientation` (overridable) or `size_mm`."""
    if not isinstance(layout, dict):
        return layout.page_size(paper, orientation)
    if "size_mm" in layout and paper is None:
        w, h = get(layout, "size_mm", list)
        size = (mm(w), mm(h))
        if (orientation or layout.get("orientation", "portrait")) == "landscape" and size[0] < size[1]:
            size = (size[1], size[0])
        return size
    return paper_size(paper or get(layout, "paper", str), orientation or layout.get("orientation", "portrait"))


def theme_colours(plaat: Praatplaat, layout) -> dict[str, str]:
    """Each theme's colour: its own if content sets one, else its place on the gradient by
    level rank, at least ΔE2000 15 from every other theme's (ties included; layout/palette.py).
    `layout`: a style, or a layout dict."""
    from generator.layout.palette import spread

    if isinstance(layout, dict):
        start, end = get(layout, "palette.gradient_start", str), get(layout, "palette.gradient_end", str)
    else:
        start, end = layout.palette.gradient_start, layout.palette.gradient_end
    themes = plaat.themes_by_level
    ramp = spread(start, end, len(themes))
    return {theme.id: theme.colour or colour for theme, colour in zip(themes, ramp)}


def selected_themes(plaat: Praatplaat, ids: tuple[str, ...]) -> tuple[Theme, ...]:
    """Themes by level, limited to `ids` when given (unknown ids are an error)."""
    from generator.errors import PraatplaatError

    themes = plaat.themes_by_level
    if not ids:
        return themes
    known = {t.id for t in themes}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise PraatplaatError(f"unknown theme {unknown[0]!r} in --themes (known: {', '.join(t.id for t in themes)})")
    return tuple(t for t in themes if t.id in ids)
