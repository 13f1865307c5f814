"""HTML rendering: the Jinja environment (autoescape on for everything), its filters, and the
pieces a self-contained page needs (an inline SVG, embedded font subsets).

Every piece of content reaches the page through an escaping path: `{{ … }}` expressions are
autoescaped, and `inline` (Markdown spans → HTML) escapes each span's text itself and builds
only <em>, <strong>, <a href> (checked URL) and footnote references. Nothing from content is
ever marked safe unescaped.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path
from typing import Iterable, Sequence

from markupsafe import Markup, escape

from generator import model
from generator.render import check_href

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FOOTNOTE_STATE = "_footnote_refs"


@functools.lru_cache(maxsize=1)
def environment():
    """The Jinja environment for generator/templates: autoescape for every template."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline_filter
    env.filters["text"] = text
    env.tests["heading"] = lambda b: isinstance(b, model.Heading)
    env.tests["paragraph"] = lambda b: isinstance(b, model.Paragraph)
    env.tests["list"] = lambda b: isinstance(b, model.ListBlock)
    return env


def render_template(name: str, **context) -> str:
    """Render a template; footnote references get their ids in document order."""
    return environment().get_template(name).render(**context, **{FOOTNOTE_STATE: set()})


# ---------------------------------------------------------------------------------- text


def text(value: str) -> Markup:
    """Plain content text as HTML: escaped, manual break hints removed (as in print)."""
    from generator.text.hyphenate import strip_hints

    return escape(strip_hints(str(value)))


def inline(spans: Iterable[model.Span], seen: set[int] | None = None) -> Markup:
    """Markdown spans as HTML. Text is escaped; emphasis → <em>, strong → <strong>, a link →
    <a href> (http(s)/mailto only), a footnote reference → <sup><a href="#fnN">N</a></sup>,
    the first reference to each footnote with id "fnrefN" (`seen` keeps track)."""
    out = []
    for span in spans:
        if span.footnote is not None:
            out.append(footnote_ref(span.footnote, seen))
            continue
        html = text(span.text)
        if span.href:
            html = Markup('<a href="{}">{}</a>').format(check_href(span.href), html)
        if span.emphasis:
            html = Markup("<em>{}</em>").format(html)
        if span.strong:
            html = Markup("<strong>{}</strong>").format(html)
        out.append(html)
    return Markup("").join(out)


def footnote_ref(number: int, seen: set[int] | None = None) -> Markup:
    first = seen is not None and number not in seen
    if seen is not None:
        seen.add(number)
    ident = Markup(' id="fnref{}"').format(number) if first else Markup("")
    return Markup('<sup class="fnref"><a href="#fn{0}"{1}>{0}</a></sup>').format(int(number), ident)


def _inline_filter(context, spans) -> Markup:
    return inline(spans, context.get(FOOTNOTE_STATE))


def _make_inline_filter():
    import jinja2

    return jinja2.pass_context(_inline_filter)


inline_filter = _make_inline_filter()


# ---------------------------------------------------------------------------------- svg, fonts

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_DROP_ATTRS = re.compile(r'\s(?:width|height|baseProfile|version|xmlns:ev|xmlns:xlink)="[^"]*"')


def inline_svg(svg: bytes, labelledby: str) -> Markup:
    """A stand-alone SVG (from render_svg) for use inside HTML: no XML declaration, sized by
    CSS, announced as one image named by the element `labelledby`."""
    source = _XML_DECLARATION.sub("", svg.decode("utf-8"))
    match = _SVG_OPEN.search(source)
    if match is None:
        raise ValueError("not an SVG document")
    attrs = _DROP_ATTRS.sub("", match.group(1))
    opening = f'<svg{attrs} role="img" aria-labelledby="{escape(labelledby)}" focusable="false">'
    # The SVG was written by our own renderer (text escaped by the XML writer): safe to inline.
    return Markup(source[:match.start()] + opening + source[match.end():])


def font_faces_css(family: str, faces: Sequence[tuple[str, int, str]], chars: str) -> Markup:
    """@font-face rules for `family`: (TTF path, weight, style) each, subset for `chars` and
    the base set (font_subsets.subset_chars), embedded as data: URIs. Safe inside <style>:
    only base64, numbers and the family name, which must be plain letters, digits and spaces."""
    if not re.fullmatch(r"[A-Za-z0-9 ]+", family):
        raise ValueError(f"font family name {family!r} must be letters, digits and spaces")
    from generator.render.font_subsets import font_data

    wanted = set(chars)
    rules = []
    for path, weight, style in faces:
        if style not in ("normal", "italic"):
            raise ValueError(f"font style must be normal or italic, not {style!r}")
        data = base64.b64encode(font_data(str(path), wanted)).decode("ascii")
        rules.append(f"@font-face{{font-family:\"{family}\";font-weight:{int(weight)};font-style:{style};"
                     f"font-display:swap;src:url(data:font/ttf;base64,{data}) format(\"truetype\");}}")
    return Markup("\n".join(rules))
