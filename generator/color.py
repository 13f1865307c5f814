"""Colours: hex parsing, OKLCH <-> sRGB, gradients, WCAG contrast, CMYK.

No dependencies. Oklab is Björn Ottosson's (2020) with his published matrices; gamut
mapping reduces chroma at constant lightness and hue (bisection), like CSS Color 4's
"oklch-chroma" fit. All colours in and out are "#rrggbb" strings (lower case).
"""

from __future__ import annotations

import functools
import math
import re

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")

BLACK = "#000000"
WHITE = "#ffffff"


# --------------------------------------------------------------------------- hex / sRGB

def parse_hex(value: str) -> tuple[float, float, float]:
    """"#rrggbb" (or "#rgb") to sRGB components in 0..1."""
    match = _HEX.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"not a colour: {value!r} (expected '#rrggbb')")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(r: float, g: float, b: float) -> str:
    """sRGB components in 0..1 (clipped) to "#rrggbb"."""
    return "#" + "".join(f"{round(min(1.0, max(0.0, v)) * 255):02x}" for v in (r, g, b))


def normalise_hex(value: str) -> str:
    """Any accepted hex spelling to lower-case "#rrggbb"."""
    return to_hex(*parse_hex(value))


def _to_linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _from_linear(v: float) -> float:
    return 12.92 * v if v <= 0.0031308 else 1.055 * math.copysign(abs(v) ** (1 / 2.4), v) - 0.055


# --------------------------------------------------------------------------- Oklab / OKLCH

def _linear_to_oklab(r: float, g: float, b: float) -> tuple[float, float, float]:
    l = 0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b
    m = 0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b
    s = 0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b
    l, m, s = (math.copysign(abs(v) ** (1 / 3), v) for v in (l, m, s))
    return (
        0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
        1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
        0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s,
    )


def _oklab_to_linear(L: float, a: float, b: float) -> tuple[float, float, float]:
    l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
        -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
        -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s,
    )


def hex_to_oklab(value: str) -> tuple[float, float, float]:
    return _linear_to_oklab(*(_to_linear(v) for v in parse_hex(value)))


@functools.lru_cache(maxsize=4096)
def hex_to_oklch(value: str) -> tuple[float, float, float]:
    """(L 0..1, C >= 0, h in degrees 0..360; h is 0 for greys)."""
    L, a, b = hex_to_oklab(value)
    c = math.hypot(a, b)
    h = math.degrees(math.atan2(b, a)) % 360 if c > 1e-7 else 0.0
    return L, c, h


def _oklch_to_linear(l: float, c: float, h: float) -> tuple[float, float, float]:
    rad = math.radians(h)
    return _oklab_to_linear(l, c * math.cos(rad), c * math.sin(rad))


def _in_gamut(rgb: tuple[float, float, float], eps: float = 1e-9) -> bool:
    return all(-eps <= v <= 1 + eps for v in rgb)


@functools.lru_cache(maxsize=4096)
def oklch_hex(l: float, c: float, h: float) -> str:
    """An OKLCH colour as "#rrggbb"; out-of-gamut colours lose chroma (same L and h)."""
    if l >= 1:
        return WHITE
    if l <= 0:
        return BLACK
    c = max(0.0, c)
    rgb = _oklch_to_linear(l, c, h)
    if not _in_gamut(rgb):
        lo, hi = 0.0, c
        for _ in range(40):  # bisection: the largest chroma that is still in gamut
            mid = (lo + hi) / 2
            if _in_gamut(_oklch_to_linear(l, mid, h)):
                lo = mid
            else:
                hi = mid
        rgb = _oklch_to_linear(l, lo, h)
    return to_hex(*(_from_linear(min(1.0, max(0.0, v))) for v in rgb))


@functools.lru_cache(maxsize=4096)
def ramp(start_hex: str, end_hex: str, t: float, hue: str = "decreasing") -> str:
    """The colour at t (0..1, clamped) from start to end, interpolated in OKLCH.

    `hue` is the direction around the hue circle, as in CSS: "decreasing" (the default:
    indigo -> teal -> green -> amber for "#384082" -> "#f8ca65"), "increasing", "shorter"
    or "longer". A grey end takes the other end's hue, so greys do not swing through hues.
    """
    t = min(1.0, max(0.0, float(t)))
    if t == 0:
        return normalise_hex(start_hex)
    if t == 1:
        return normalise_hex(end_hex)
    l1, c1, h1 = hex_to_oklch(start_hex)
    l2, c2, h2 = hex_to_oklch(end_hex)
    if c1 < 1e-4:
        h1 = h2
    if c2 < 1e-4:
        h2 = h1
    delta = (h2 - h1) % 360  # 0..360, the increasing way round
    if hue == "increasing":
        pass
    elif hue == "decreasing":
        delta = delta - 360 if delta > 0 else 0.0
    elif hue == "shorter":
        delta = delta - 360 if delta > 180 else delta
    elif hue == "longer":
        delta = delta - 360 if 0 < delta <= 180 else delta
    else:
        raise ValueError(f"hue must be decreasing, increasing, shorter or longer, not {hue!r}")
    return oklch_hex(l1 + (l2 - l1) * t, c1 + (c2 - c1) * t, (h1 + delta * t) % 360)


def hex_to_lab(value: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour: L* 0..100, a*, b*."""
    r, g, b = (_to_linear(v) for v in parse_hex(value))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e2000(a: str, b: str) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005): about 1 is just noticeable,
    above 10 clearly different colours."""
    return lab_delta_e2000(hex_to_lab(a), hex_to_lab(b))


def lab_delta_e2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 between two CIELAB colours."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar ** 7 / (cbar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dl, dc = l2 - l1, c2p - c1p
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbar, cbarp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbar = (h1p + h2p) / 2
    else:
        hbar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hbar - 30)) + 0.24 * math.cos(math.radians(2 * hbar))
         + 0.32 * math.cos(math.radians(3 * hbar + 6)) - 0.20 * math.cos(math.radians(4 * hbar - 63)))
    rc = 2 * math.sqrt(cbarp ** 7 / (cbarp ** 7 + 25 ** 7))
    rt = -math.sin(math.radians(60 * math.exp(-(((hbar - 275) / 25) ** 2)))) * rc
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbarp, 1 + 0.015 * cbarp * t
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


@functools.lru_cache(maxsize=4096)
def mix(a: str, b: str, t: float) -> str:
    """a mixed with b by t (0 = a, 1 = b) in gamma-encoded sRGB, like a printed tint:
    mix(colour, "#ffffff", 0.8) is a 20 % tint of `colour`."""
    t = min(1.0, max(0.0, float(t)))
    return to_hex(*(x + (y - x) * t for x, y in zip(parse_hex(a), parse_hex(b))))


# --------------------------------------------------------------------------- contrast

@functools.lru_cache(maxsize=4096)
def relative_luminance(value: str) -> float:
    """WCAG 2.1 relative luminance (0 black .. 1 white)."""
    r, g, b = (_to_linear(v) for v in parse_hex(value))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio, 1..21, symmetric."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@functools.lru_cache(maxsize=4096)
def darken_to(colour: str, background: str = "#ffffff", minimum: float = 4.5) -> str:
    """`colour` if it contrasts ≥ `minimum`:1 with `background`, else the lightest darker shade
    of it (mixed towards black in 2 % steps) that does; black if none does. The one place that
    makes a colour readable: text in a theme colour, question numbers, leaders (minimum 3)."""
    for step in range(51):
        shade = mix(colour, BLACK, step * 0.02)
        if contrast(shade, background) >= minimum:
            return shade
    return BLACK


@functools.lru_cache(maxsize=4096)
def text_on(bg: str) -> str:
    """Black or white text, whichever contrasts more with `bg` (always >= 4.58:1).

    Pure black, not a near-black: with "#111111" the worst case drops to about 4.36:1,
    below WCAG AA's 4.5:1. Black also prints as 100 % K (see generator/render/pdfx.py)."""
    return BLACK if contrast(bg, BLACK) >= contrast(bg, WHITE) else WHITE


# --------------------------------------------------------------------------- CMYK

def to_cmyk(value: str) -> tuple[float, float, float, float]:
    """Naive device CMYK (0..1 each, no ICC profile): greys and black become pure K; other
    colours use full grey component replacement (total ink <= 300 %). A rough estimate only:
    print files are converted through a press profile by generator/render/pdfx.py."""
    r, g, b = parse_hex(value)
    k = 1 - max(r, g, b)
    if r == g == b:
        return 0.0, 0.0, 0.0, round(k, 6)
    c, m, y = ((1 - v - k) / (1 - k) for v in (r, g, b))
    return round(c, 6), round(m, 6), round(y, 6), round(k, 6)
