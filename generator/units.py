"""Units in one place: points inside the program, millimetres in configuration."""

from generator.errors import ConfigError

PT_PER_MM = 72.0 / 25.4

# ISO 216 A series, portrait, in millimetres (width, height).
PAPER_MM: dict[str, tuple[float, float]] = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "A7": (74.0, 105.0),
}


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * PT_PER_MM


def to_mm(points: float) -> float:
    """Points to millimetres."""
    return points / PT_PER_MM


class PaperError(ConfigError, ValueError):
    """An unknown paper name or orientation: shown as a one-line error (callers may catch ValueError)."""


def paper_size(name: str, orientation: str = "portrait") -> tuple[float, float]:
    """Size in points of a named paper in the given orientation."""
    try:
        w, h = PAPER_MM[name.upper()]
    except KeyError:
        raise PaperError(f"unknown paper size {name!r} (known: {', '.join(PAPER_MM)})") from None
    if orientation == "landscape":
        w, h = h, w
    elif orientation != "portrait":
        raise PaperError(f"orientation must be 'portrait' or 'landscape', not {orientation!r}")
    return mm(w), mm(h)


def word_overflow(block) -> float:
    """Points by which the widest word of a set text block is wider than its measure.

    The text engine splits a word too long for any line between characters ("forced" breaks),
    so its own `overflow` is then 0; the word's width is the sum of its pieces (the last piece
    is the start of the line after the last forced break)."""
    if block.overflow > 0:
        return block.overflow
    widest, word = 0.0, 0.0
    for line, end in zip(block.lines, block.breaks):
        if end.kind == "forced":
            word += sum(r.width for r in line.runs)
            continue
        if word:
            text = line.text
            piece = len(text.split(" ", 1)[0])
            width = sum(r.width for r in line.runs)
            word += width * piece / max(len(text), 1)
            widest, word = max(widest, word), 0.0
    return max(0.0, max(widest, word) - block.measure)
