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
