"""A PDF page as a PNG preview, rasterised with PDFium (pypdfium2).

The whole media box is drawn (bleed and crop marks included). The PNG carries no
metadata or time, so the same PDF gives the same bytes.

PDFium renders straight to RGB rows, which are written as a PNG here: every row with PNG
filter "None", deflated at zlib level 3. Previews are flat colour with anti-aliased edges:
the adaptive per-row filters a general encoder tries (Pillow's) cost more time than the
deflating and make these pictures bigger, not smaller.
"""

from __future__ import annotations

import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_LEVEL = 3  # lossless at every level; 3: as fast as 1 here, and smaller


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
            bitmap = pdf_page.render(scale=width_px / (right - left), fill_color=(255, 255, 255, 255),
                                     rev_byteorder=True)  # opaque: 3 bytes a pixel, in RGB order
            try:
                if bitmap.mode != "RGB":  # pragma: no cover - an opaque fill always gives RGB
                    raise RuntimeError(f"PDFium rendered {bitmap.mode}, not RGB")
                return encode_png(memoryview(bitmap.buffer).cast("B"), bitmap.width, bitmap.height, bitmap.stride)
            finally:
                bitmap.close()
        finally:
            pdf_page.close()
    finally:
        pdf.close()


def encode_png(pixels: bytes | memoryview, width: int, height: int, stride: int) -> bytes:
    """RGB pixels (`height` rows of 3 × `width` bytes, each `stride` bytes from the last) as an
    8-bit truecolour PNG: no filter, one IDAT chunk, no ancillary chunks."""
    row = 3 * width
    scanlines = b"".join(b"\0" + pixels[y * stride:y * stride + row] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, deflate, no interlace
    return (PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(scanlines, ZLIB_LEVEL))
            + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
