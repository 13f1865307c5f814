"""Settings of the bubble diagram (layouts/diagram.yaml) and the poster (layouts/poster.yaml).

Lengths arrive in points at the layout's own paper; a product printed on another paper calls
`styles.scaled(style, factor)`, which multiplies every setting marked `scales` (lengths and font
sizes, not bleed or crop marks). To add a setting: add a field with a constructor from
generator/styles/spec.py, set it in the layout file, run `python -m generator.styles.reference`
to update docs/layouts.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.styles.common import STYLE, WEIGHTS, CropMarks, PageStyle
from generator.styles import spec as s


@dataclass(**STYLE)
class Spine:
    gap: float = s.length("between bubbles")
    lanes: tuple[int, ...] = s.counts("lane counts to try: 2 is a zigzag, 3 or 4 a sawtooth", 1, 8)
    lane_gain: float = s.share("a later lane count must make the bubbles this much larger to be chosen")
    amplitude: float = s.factor("lane distance in mean bubble diameters (capped by the page)", 0, 10)
    advance: float = s.share("even rhythm along the axis; 0 lets bubbles bunch up")
    tie_advance: float = s.share("the same for themes of equal level")
    size_by_questions: float = s.share("the theme with most questions is this much larger than the one with fewest")
    max_radius: float = s.length("largest bubble radius")
    ring: float = s.stroke("pt, a ring of paper colour round each bubble (0: none)")


@dataclass(**STYLE)
class Band:
    tint: float = s.share("share of paper colour in the soft band behind the bubbles")
    thickness: float = s.share("share of the bubbles' extent across the axis")
    stops: int = s.count("colour stops sampled from the OKLCH ramp", 2, 64)


@dataclass(**STYLE)
class Axis:
    bar: float = s.length("thickness of the gradient bar")
    label_size: float = s.size("the gradient's end labels")
    gap: float = s.length("bar to labels, and the axis to the bubbles")


@dataclass(**STYLE)
class Names:
    weight: str = s.choice("font weight of theme names in bubbles", WEIGHTS)
    min_size: float = s.size("smallest theme-name size; below it bubbles grow, or the build fails",
                           at_most="names.max_size")
    max_size: float = s.size("largest theme-name size")
    leading: float = s.leading()
    padding: float = s.factor("share of the radius kept free of text", 0, 0.45, "share")
    max_lines: int = s.count("most lines of a theme name", 1, 20)
    shrink: float = s.factor("shared size = this × the largest size at which every name fits", 0.5, 1)
    hyphen_tolerance: float = s.share("a name may ask for this much more room to avoid a hyphen")


@dataclass(**STYLE)
class DiagramParts:
    """The sections the diagram and the poster share."""

    diagram: Spine = s.section(Spine, "the bubbles along the axis")
    band: Band = s.section(Band, "the soft gradient band behind the bubbles")
    axis: Axis = s.section(Axis, "the gradient bar with its end labels")
    names: Names = s.section(Names, "theme names inside the bubbles")


@dataclass(**STYLE)
class Header:
    kicker_size: float = s.size("the diagram's name (labels.diagram), above the title")
    title_size: float = s.size("meta.title")
    subtitle_size: float = s.size("meta.subtitle")
    gap: float = s.length("header to diagram")


@dataclass(**STYLE)
class Footer:
    size: float = s.size("meta.credit")
    gap: float = s.length("diagram to credit line")


@dataclass(**STYLE)
class DiagramStyle(DiagramParts, PageStyle):
    """layouts/diagram.yaml: the one-page bubble diagram."""

    margin: float = s.length("page edge to text and bubbles")
    bleed: float = s.length("background colour runs this far past the trim", 0, 25, scales=False)
    crop_marks: CropMarks = s.section(CropMarks, "crop marks (with --crop-marks)")
    header: Header = s.section(Header, "kicker, title and subtitle above the diagram")
    footer: Footer = s.section(Footer, "the credit line")


# --- the poster ----------------------------------------------------------------------------------


@dataclass(**STYLE)
class Minimum:
    question: float = s.size("smallest question size on the poster", at_most="questions.max")
    text: float = s.size("smallest size of any other text")


@dataclass(**STYLE)
class Arrangement:
    text: float = s.factor("share of the width for a text column on the left (0: none)", 0, 0.9, "share")
    centre: float = s.factor("share of the width for the diagram's column", 0.01, 0.9, "share")


@dataclass(**STYLE)
class Columns:
    gutter: float = s.length("between two columns (leaders run through it)")
    portrait: tuple[Arrangement, ...] = s.entries(Arrangement, "arrangements tried on portrait paper")
    landscape: tuple[Arrangement, ...] = s.entries(Arrangement, "arrangements tried on landscape paper")


@dataclass(**STYLE)
class TitleBand:
    size: float = s.size("meta.title")
    leading: float = s.leading()
    subtitle_size: float = s.size("meta.subtitle")
    subtitle_gap: float = s.length("title to subtitle")
    pad_top: float = s.length("trim to the title's first line")
    pad_bottom: float = s.length("subtitle to the band's lower edge")
    stripe: float = s.length("the gradient stripe along the band's lower edge")
    stripe_stops: int = s.count("colour stops of the stripe, sampled from the OKLCH ramp", 2, 64)
    subtitle_leading: float = s.leading()
    gap: float = s.length("band to the columns below")


@dataclass(**STYLE)
class PosterQuestions:
    max: float = s.size("largest shared question size")
    leading: float = s.leading()
    spacing: float = s.factor("space between two questions", 0, 5, "lines")
    number_width: float = s.length("the column of question numbers (mm, as on theme cards; the poster widens it "
                                   "for numbers that need more)", 0.5, 50)
    number_gap: float = s.factor("between a number and its question", 0, 3, "ems")
    min_measure: float = s.factor("sub-columns only if each is this many ems wide", 1, 100, "ems")
    sub_gutter: float = s.factor("between sub-columns", 0, 10, "ems")


@dataclass(**STYLE)
class Panel:
    header_scale: float = s.factor("theme name in the panel header, relative to the question size", 0.5, 5)
    header_leading: float = s.leading()
    pad: float = s.length("inside the panel, around the text")
    header_pad: float = s.length("above and below the theme name in the header")
    gap: float = s.length("between two panels in a column")
    radius: float = s.length("corner radius")
    tint: float = s.share("share of paper colour in the panel's body")
    ink_contrast: float = s.factor("question numbers darkened to this contrast with the body", 4.5, 21, "ratio")


@dataclass(**STYLE)
class Leader:
    width: float = s.stroke("pt, the line from a bubble to its panel")
    dot: float = s.length("radius of the dot where a leader meets its panel")


@dataclass(**STYLE)
class Intro:
    heading_size: float = s.size("the intro's title")
    subheading_size: float = s.size("'## ' headings inside the introduction")
    size: float = s.size("paragraphs and list items")
    leading: float = s.leading()
    paragraph_gap: float = s.factor("between paragraphs", 0, 5, "lines")
    heading_leading: float = s.leading("line height of the intro's title")
    subheading_leading: float = s.leading("line height of '## ' headings")
    heading_gap: float = s.factor("above a '## ' heading", 0, 5, "lines")
    item_gap: float = s.factor("between list items", 0, 5, "lines")
    footnote_size: float = s.size("footnotes under the introduction")
    footnote_gap: float = s.factor("text to footnotes", 0, 5, "lines")


@dataclass(**STYLE)
class Challenges:
    heading_size: float = s.size("labels.challenges")
    number_size: float = s.size("the numeral beside each challenge")
    label_size: float = s.size("the challenge's label")
    title_size: float = s.size("the challenge's title")
    label_leading: float = s.leading("line height of the label")
    title_leading: float = s.leading("line height of the title")
    gap: float = s.length("between two challenges")
    heading_gap: float = s.length("heading to the first challenge")
    numeral_ramp: float = s.share("the numerals take their colours from this first part of the gradient")


@dataclass(**STYLE)
class Credit:
    publisher_size: float = s.size("meta.publisher, as a word mark")
    size: float = s.size("meta.credit")


@dataclass(**STYLE)
class Centre:
    order: tuple[str, ...] = s.choices("blocks top to bottom", ("diagram", "intro", "challenges", "credit"))
    gap: float = s.length("between blocks stacked in a column")
    min_diagram: float = s.length("the diagram needs at least this much height")


@dataclass(**STYLE)
class PosterStyle(DiagramParts, PageStyle):
    """layouts/poster.yaml: sizes for the layout's paper (A0); `scaled` for another paper.
    `questions.number_width` is a length (mm in the file), no longer ems of the question size."""

    margin: float = s.length("trim to text, every side")
    bleed: float = s.length("backgrounds run this far past the trim", 0, 25, scales=False)
    crop_marks: CropMarks = s.section(CropMarks, "crop marks (with --crop-marks)")
    minimum: Minimum = s.section(Minimum, "smallest sizes")
    columns: Columns = s.section(Columns, "the columns of panels")
    title: TitleBand = s.section(TitleBand, "the full-bleed title band")
    questions: PosterQuestions = s.section(PosterQuestions, "questions in the panels")
    panel: Panel = s.section(Panel, "the theme panels")
    leader: Leader = s.section(Leader, "lines from bubbles to panels")
    intro: Intro = s.section(Intro, "the introduction")
    challenges: Challenges = s.section(Challenges, "the challenges")
    credit: Credit = s.section(Credit, "publisher and credit line")
    centre: Centre = s.section(Centre, "the diagram's column")


@dataclass(**STYLE)
class ThemePosterStrip:
    strip: float = s.factor("share of the width inside the margins for the axis and the bubble", 0.1, 0.6, "share")
    dot: float = s.length("radius of the other themes' dots on the axis")
    bubble: float = s.share("the bubble's diameter as a share of the strip")


@dataclass(**STYLE)
class ThemePosterStyle(PosterStyle):
    """layouts/theme-poster.yaml: one sheet per theme; the poster's settings plus the strip."""

    theme_poster: ThemePosterStrip = s.section(ThemePosterStrip, "the axis strip with the theme's bubble")
