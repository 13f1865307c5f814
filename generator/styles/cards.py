"""Settings of question cards (layouts/cards-questions-*.yaml) and theme cards (cards-themes-*.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.styles import spec as s
from generator.styles.common import STYLE, ProductStyle
from generator.styles.spec import PAPERS


@dataclass(**STYLE)
class Sheet:
    paper: str = s.choice("the sheet the cards are imposed on", PAPERS)
    orientation: str = s.choice("portrait or landscape, or auto: whichever holds more cards",
                                ("auto", "portrait", "landscape"))
    gutter: float = s.length("between neighbouring cards; 0 = one shared cut")
    edge: float = s.length("nothing is printed closer than this to the sheet's edge", 4, 50)


@dataclass(**STYLE)
class Marks:
    length: float = s.length("length of a cut mark", 0, 30)
    offset: float = s.length("gap between the card grid and a mark", 0, 30)
    width: float = s.stroke("pt, line width of the marks (100 % K)", 0.05, 2)


@dataclass(**STYLE)
class Card:
    paper: str | None = s.choice("the card's size as a paper (instead of size_mm)", PAPERS, optional=True)
    size_mm: tuple[float, float] | None = s.length("[width, height] of one card", 10, 5000, items=2,
                                                   optional=True)
    bleed: float = s.length("backgrounds run this far past the cut (print shop: 3)", 0, 25)
    border: float = s.length("white border inside the cut around coloured areas (0: full bleed)")
    radius: float = s.length("corner radius of the coloured areas (with a border)")
    inset: float = s.length("cut to text; print shops ask at least 5")


@dataclass(**STYLE)
class Back:
    inset: float = s.length("cut to text on the back (sides and foot)")
    kicker_size: float = s.size("labels.theme above the theme name")
    name_min_size: float = s.size("theme name, bold, one size for all backs of a deck",
                                  at_most="back.name_max_size")
    name_max_size: float = s.size("largest theme-name size on the back")
    name_leading: float = s.leading()
    kicker_gap: float = s.length("kicker baseline to the name")
    title_size: float = s.size("meta.title at the foot of the back")
    title_max_lines: int = s.count("most lines of the title", 1, 20)
    title_leading: float = s.leading("line height of the title")
    name_position: float = s.share("share of the free height above the name (0.5: centred)")


@dataclass(**STYLE)
class TextSizes:
    """A text set at the largest size in [min_size, max_size] that fits, `comfortable` preferred."""

    min_size: float = s.size("smallest size", at_most="comfortable")
    comfortable: float = s.size("preferred size when the text fits at it", at_most="max_size")
    max_size: float = s.size("largest size")
    leading: float = s.leading()


@dataclass(**STYLE)
class CardsStyle(ProductStyle):
    """What both kinds of cards share."""

    sheet: Sheet = s.section(Sheet, "the sheet the cards are imposed on")
    marks: Marks = s.section(Marks, "cut marks")
    card: Card = s.section(Card, "one card")
    back: Back = s.section(Back, "the card backs")


@dataclass(**STYLE)
class QuestionFront:
    band: float = s.length("height of the theme band at the top")
    name_size: float = s.size("theme name in the band (semibold); shrinks to fit one line …")
    name_min_size: float = s.size("… down to this", at_most="front.name_size")
    number_size: float = s.size("the large question number (bold)")
    number_gap: float = s.length("band to the top of the number's figures")
    question_gap: float = s.length("number's baseline to the top of the question")


@dataclass(**STYLE)
class QuestionCardStyle(CardsStyle):
    """layouts/cards-questions-*.yaml: one question per card."""

    front: QuestionFront = s.section(QuestionFront, "the card front")
    question: TextSizes = s.section(TextSizes, "the question")


@dataclass(**STYLE)
class ThemeFront:
    band: float = s.length("at least this high; grows with a long name or challenge title")
    band_padding: float = s.length("band edge to its text, top and bottom")
    kicker_size: float = s.size("labels.theme / the challenge's label")
    kicker_gap: float = s.length("kicker to the name")
    name_size: float = s.size("theme name (bold), shrinks to fit one line …")
    name_min_size: float = s.size("… down to this, then wraps", at_most="front.name_size")
    name_leading: float = s.leading()
    body_gap: float = s.length("band to the first question or paragraph")
    footer_size: float = s.size("meta.title at the foot of the front")
    footer_gap: float = s.length("text to the footer")


@dataclass(**STYLE)
class ThemeQuestions(TextSizes):
    gap: float = s.length("between questions")
    number_width: float = s.length("the column of question numbers", 0.5, 50)


@dataclass(**STYLE)
class ChallengeText(TextSizes):
    colour: str = s.colour("band and back of the challenge cards")
    paragraph_gap: float = s.length("between paragraphs")
    bullet_indent: float = s.length("bullet column of lists")
    bullet: float = s.length("radius of the round bullet (in the challenge colour)")
    bullet_raise: float = s.factor("bullet centre above the baseline, in ems of the text size", 0, 1, "ems")
    item_gap: float = s.length("between list items")
    footnote_size: float = s.size("footnotes")
    footnote_leading: float = s.leading("line height of footnotes")
    footnote_indent: float = s.length("the column of footnote numbers")
    footnote_spacing: float = s.length("between two footnotes")
    footnote_gap: float = s.length("text to the footnotes (the rule sits in its middle)")
    footnote_rule: float = s.length("length of the rule above the footnotes (0: none)")
    footnote_rule_width: float = s.stroke("pt, its width")


@dataclass(**STYLE)
class ThemeCardStyle(CardsStyle):
    """layouts/cards-themes-*.yaml: all questions of a theme, and the challenges, per card."""

    front: ThemeFront = s.section(ThemeFront, "the card front")
    questions: ThemeQuestions = s.section(ThemeQuestions, "the theme's questions")
    challenge: ChallengeText = s.section(ChallengeText, "challenge cards")
