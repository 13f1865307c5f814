"""Helpers every product layout shares: document metadata, fonts, text styles, theme colours."""

from __future__ import annotations

from generator.model import Praatplaat, Theme
from generator.scene import DocumentMeta, FontFace
from generator.styles.common import Hyphenation as HyphenationStyle, ProductStyle


def document_meta(plaat: Praatplaat, subject: str) -> DocumentMeta:
    """PDF/SVG metadata from the content: title, authors, subject, language, keywords."""
    meta = plaat.meta
    title = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    author = ", ".join(a.name for a in meta.authors) or meta.publisher
    return DocumentMeta(title, author, subject, meta.language, meta.keywords)


def font_faces(style: ProductStyle) -> tuple[FontFace, ...]:
    """The style's fonts (regular first), resolved to TrueType files from pip packages."""
    from generator.text.fonts import font_face

    names = vars(style.fonts)
    ordered = [names["regular"]] + [v for k, v in sorted(names.items()) if k != "regular"]
    unique = list(dict.fromkeys(ordered))
    return tuple(font_face(n) for n in unique)


def text_style(style: ProductStyle, size: float, *, color: str | None = None, leading: float = 1.25,
               align: str = "left", weight: str = "regular", lang: str, heading: bool = False):
    """A TextStyle at `size` points in the style's fonts; weight 'semibold'/'bold' sets the body font.
    Headings and titles are not hyphenated (a word too long for the line still is)."""
    from generator.text.breaking import TextStyle

    return TextStyle(
        regular=style.fonts.weight(weight), italic=style.fonts.italic, bold=style.fonts.bold, size=size,
        leading=leading, color=color or style.palette.text, link_color=style.palette.link, align=align,
        lang=lang, hyphenate=not heading, hyphenation=engine_hyphenation(style.hyphenation),
    )


def engine_hyphenation(settings: HyphenationStyle):
    """The text engine's Hyphenation from a layout's `hyphenation` section; one shared object
    for the defaults (caches)."""
    import dataclasses

    from generator.text.style import DEFAULT_HYPHENATION, Hyphenation

    names = {f.name for f in dataclasses.fields(Hyphenation)}
    hy = dataclasses.replace(DEFAULT_HYPHENATION, **{k: v for k, v in vars(settings).items() if k in names})
    return DEFAULT_HYPHENATION if hy == DEFAULT_HYPHENATION else hy


def theme_colours(plaat: Praatplaat, style: ProductStyle) -> dict[str, str]:
    """Each theme's colour: its own if content sets one, else its place on the gradient by
    level rank, at least ΔE2000 15 from every other theme's (ties included; layout/palette.py)."""
    from generator.layout.palette import spread

    themes = plaat.themes_by_level
    ramp = spread(style.palette.gradient_start, style.palette.gradient_end, len(themes))
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
