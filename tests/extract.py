"""Text extraction for tests: what a reader of the PDF or SVG would find.

    from extract import pdf_text, svg_text, normalise, assert_contains_all

`normalise` removes everything that line breaking and hyphenation may change (whitespace,
soft hyphens, hyphens) and case, so tests compare content, not layout.
"""

from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable

_SVG = "{http://www.w3.org/2000/svg}"
_HREF_ATTRS = ("href", "{http://www.w3.org/1999/xlink}href")
_LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)
_DROP = re.compile(r"[\s\u00ad\-\u2010\u2011]+")


def pdf_text(pdf_bytes: bytes) -> list[str]:
    """The extracted text of every page (pypdf), one string per page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    return [page.extract_text() or "" for page in reader.pages]


def pdf_text_checked(pdf_bytes: bytes) -> list[str]:
    """Open the PDF in two independent readers, pypdf and PDFium (pypdfium2): both must read
    it, with the same page count and page sizes. Returns PDFium's text per page (much faster
    than pypdf's extraction; a glyph the font lacks comes back as a control character)."""
    import pypdfium2
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes), strict=True)
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        assert len(document) == len(reader.pages), f"pypdf: {len(reader.pages)} pages, PDFium: {len(document)}"
        texts = []
        for index, page in enumerate(reader.pages):
            box = page.mediabox
            size = document[index].get_size()
            assert abs(float(box.width) - size[0]) < 0.01 and abs(float(box.height) - size[1]) < 0.01, (index, box, size)
            texts.append(document[index].get_textpage().get_text_range())
        return texts
    finally:
        document.close()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def svg_text(svg_bytes: bytes) -> str:
    """The text of every `<text>` element, one line each, in document order.

    Also asserts that the SVG is well-formed XML, has no scripts, event handlers or
    foreign objects, and references no external resources: every href is a '#fragment' or a
    data: URI, except that an `<a>` (a clickable link) may point at http(s)/mailto/tel; CSS
    url()s must be data: URIs or fragments."""
    root = ET.fromstring(svg_bytes)  # raises ParseError if not well-formed
    assert _local(root.tag) == "svg", f"root element is <{_local(root.tag)}>, not <svg>"
    lines: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        assert name not in ("script", "foreignObject", "iframe"), f"SVG contains <{name}>"
        for attr, value in element.attrib.items():
            local = _local(attr)
            assert not local.lower().startswith("on"), f"SVG has an event handler {local}={value!r}"
            if attr in _HREF_ATTRS:
                target = value.strip()
                ok = target.startswith("#") or target.startswith("data:")
                if name == "a":
                    ok = ok or target.lower().startswith(_LINK_SCHEMES)
                assert ok, f"<{name}> refers to an external resource: {target!r}"
            if local == "style" or name == "style":
                _check_css(value)
        if name == "style":
            _check_css(element.text or "")
        if name == "text":
            lines.append("".join(element.itertext()))
    return "\n".join(lines)


def _check_css(css: str) -> None:
    assert "@import" not in css.lower(), "SVG CSS imports another stylesheet"
    for target in _CSS_URL.findall(css):
        assert target.startswith("data:") or target.startswith("#"), (
            f"SVG CSS refers to an external resource: {target[:80]!r}"
        )


def normalise(text: str) -> str:
    """NFC, lower case, without whitespace, soft hyphens or hyphens ('-', U+2010, U+2011)."""
    return _DROP.sub("", unicodedata.normalize("NFC", text).lower())


def assert_contains_all(haystack: str, needles: Iterable[str]) -> None:
    """Assert every needle occurs in the haystack, both normalised; name the missing ones."""
    hay = normalise(haystack)
    missing = [needle for needle in needles if normalise(needle) not in hay]
    assert not missing, f"{len(missing)} missing: " + "; ".join(repr(m) for m in missing)
