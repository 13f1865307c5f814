"""PDF/X-4 for print shops: colours through a coated-offset CMYK profile, the output intent.

Colour management by littleCMS (Pillow's ImageCms): sRGB -> FOGRA39L Coated (the profile in
`icc/`, from TeX Live's colorprofiles: see icc/README.md and docs/print.md), relative
colorimetric with black-point compensation, total ink capped at 300 %.

- Areas (fills, gradients): the profile's CMYK; rich black only here, for large areas.
- Ink (text, strokes, rules): a neutral colour (black, greys, near-greys such as the
  body text #1b1b1f) becomes K only, at the lightness the profile would print it (100 % K
  when that is darker than 100 % K alone); white stays 0/0/0/0. Coloured ink uses the profile.
- Small text in 100 % K is set to overprint (no white gaps around it if plates shift).
"""

from __future__ import annotations

import functools
from pathlib import Path

from generator import color as colour

PROFILE = Path(__file__).parent / "icc" / "FOGRA39L_coated.icc"
CONDITION = "FOGRA39"  # the ICC registry's characterization name for this printing condition
CONDITION_INFO = "FOGRA39L Coated: offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated)"
REGISTRY = "http://www.color.org"
VERSION = "PDF/X-4"
MAX_INK = 3.0  # total area coverage, C + M + Y + K
NEUTRAL_CHROMA = 0.03  # OKLCH chroma below which a text or rule colour counts as grey
OVERPRINT_MAX_SIZE = 36.0  # pt: 100 % K text up to this size overprints (A0 questions and body: 24–31 pt)

CMYK = tuple[float, float, float, float]
BLACK_K: CMYK = (0.0, 0.0, 0.0, 1.0)


@functools.lru_cache(maxsize=1)
def _transforms():
    from PIL import ImageCms

    profile = ImageCms.getOpenProfile(str(PROFILE))
    srgb = ImageCms.createProfile("sRGB")
    lab = ImageCms.createProfile("LAB", 5000)
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION
    intent = ImageCms.Intent.RELATIVE_COLORIMETRIC
    to_cmyk = ImageCms.buildTransform(srgb, profile, "RGB", "CMYK", renderingIntent=intent, flags=flags)
    to_lab = ImageCms.buildTransform(profile, lab, "CMYK", "LAB", renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)
    return to_cmyk, to_lab


def _apply(transform, mode: str, value: tuple[int, ...]) -> tuple[int, ...]:
    from PIL import Image, ImageCms

    return ImageCms.applyTransform(Image.new(mode, (1, 1), value), transform).getpixel((0, 0))


def lightness(cmyk: CMYK) -> float:
    """CIE L* (0..100) of a CMYK colour printed under the profile's condition."""
    _to_cmyk, to_lab = _transforms()
    return _apply(to_lab, "CMYK", tuple(round(v * 255) for v in cmyk))[0] / 2.55


def _cap(cmyk: CMYK) -> CMYK:
    """Whole percents, total ink ≤ MAX_INK (C, M, Y reduced in proportion; K kept)."""
    c, m, y, k = (round(v * 100) for v in cmyk)
    room = round(MAX_INK * 100) - k
    cmy = c + m + y
    if cmy > room:
        c, m, y = (v * room // cmy for v in (c, m, y))
    return c / 100, m / 100, y / 100, k / 100


@functools.lru_cache(maxsize=1024)
def area(hex_value: str) -> CMYK:
    """A fill colour through the profile (relative colorimetric + BPC), ink capped."""
    rgb = colour.parse_hex(hex_value)
    if min(rgb) >= 1.0:
        return 0.0, 0.0, 0.0, 0.0
    to_cmyk, _to_lab = _transforms()
    values = _apply(to_cmyk, "RGB", tuple(round(v * 255) for v in rgb))
    return _cap(tuple(v / 255 for v in values))


def is_neutral(hex_value: str) -> bool:
    return colour.hex_to_oklch(hex_value)[1] < NEUTRAL_CHROMA


@functools.lru_cache(maxsize=1024)
def ink(hex_value: str) -> CMYK:
    """A text or rule colour: neutral -> K only at the lightness the profile would print,
    100 % K if that is darker than K alone; coloured -> as `area`."""
    if not is_neutral(hex_value):
        return area(hex_value)
    if min(colour.parse_hex(hex_value)) >= 1.0:
        return 0.0, 0.0, 0.0, 0.0
    target = lightness(area(hex_value))
    if target <= lightness(BLACK_K):
        return BLACK_K
    lo, hi = 0, 100  # whole percents of K: lightness falls as K rises
    while lo < hi:
        mid = (lo + hi) // 2
        if lightness((0.0, 0.0, 0.0, mid / 100)) > target:
            lo = mid + 1
        else:
            hi = mid
    return 0.0, 0.0, 0.0, lo / 100


def overprints(cmyk: CMYK, size: float) -> bool:
    """Whether text of `size` pt in `cmyk` is set to overprint: 100 % K only, small."""
    return cmyk == BLACK_K and size <= OVERPRINT_MAX_SIZE


def add_output_intent(pdf) -> None:
    """The PDF/X output intent with the embedded profile, on an open pikepdf.Pdf."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    icc = pdf.make_stream(PROFILE.read_bytes())
    icc.N = 4
    intent = Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=pikepdf.String(CONDITION),
        OutputCondition=pikepdf.String(CONDITION_INFO), RegistryName=pikepdf.String(REGISTRY),
        Info=pikepdf.String(CONDITION_INFO), DestOutputProfile=icc,
    )
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
