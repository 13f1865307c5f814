"""A PDF page as a PNG preview, rasterised with PDFium (pypdfium2).

The whole media box is drawn (bleed and crop marks included). The PNG carries no
metadata or time, so the same PDF gives the same bytes.
"""

from __future__ import annotations

import io


def render_png(pdf_bytes: bytes, page: int = 0, width_px: int = 1200) -> bytes:
    """Page `page` (0-based) of a PDF as an RGB PNG `width_px` pixels wide (±1 for rounding)."""
    import pypdfium2 as pdfium

    if width_px < 1:
        raise ValueError(f"width_px must be positive, not {width_px}")
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        if not 0 <= page < len(pdf):
            raise IndexError(f"page {page} does not exist (the PDF has {len(pdf)} pages)")
        pdf_page = pdf[page]
        try:
            left, bottom, right, top = pdf_page.get_mediabox()
            pdf_page.set_cropbox(left, bottom, right, top)  # show everything, not just the crop
            bitmap = pdf_page.render(scale=width_px / (right - left), fill_color=(255, 255, 255, 255))
            image = bitmap.to_pil().convert("RGB")
            bitmap.close()
        finally:
            pdf_page.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)  # lossless; a third faster than the default 6
    return out.getvalue()
