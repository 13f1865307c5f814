"""Settings of the A4 handout (layouts/handout.yaml) and the HTML edition (layouts/html.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.styles import spec as s
from generator.styles.common import STYLE, PageStyle, ProductStyle
from generator.styles.spec import PAPERS


@dataclass(**STYLE)
class Margins:
    top: float = s.length("page edge to the text area (the running header sits above it)")
    bottom: float = s.length("page edge to the text area (the footer sits below it)")
    left: float = s.length("page edge to the text area")
    right: float = s.length("page edge to the text area")


@dataclass(**STYLE)
class Running:
    size: float = s.size("running header and footer text")
    gap: float = s.length("text area to the header/footer baseline")
    rule: float = s.stroke("pt, the hairline under the header")
    rule_raise: float = s.length("the hairline sits this far below the header's baseline")
    title_share: float = s.share("the title takes at most this share of the header's width")
    spacing: float = s.length("least space between the title and the section name")
    shrink: float = s.factor("a running text may shrink to this share of its size to fit one line", 0.5, 1)


@dataclass(**STYLE)
class Body:
    size: float = s.size("paragraphs")
    leading: float = s.leading()
    paragraph_gap: float = s.length("between paragraphs")
    orphans: int = s.count("lines a paragraph keeps together at the bottom of a page", 1, 10)
    widows: int = s.count("… and at the top", 1, 10)


@dataclass(**STYLE)
class Heading:
    section_size: float = s.size("intro, reflection, diagram, theme titles")
    subtitle_size: float = s.size("the subtitle under a section title")
    sub_size: float = s.size("'## ' headings inside a text")
    gap_before: float = s.length("above a '## ' heading")
    gap_after: float = s.length("below a '## ' heading")
    section_gap: float = s.length("section title to its text")
    leading: float = s.leading("line height of headings")
    rule_length: float = s.length("the accent rule above a section title")
    rule_width: float = s.stroke("pt, its thickness")
    rule_space: float = s.length("top of the rule to the section title")
    subtitle_gap: float = s.length("section title to its subtitle")


@dataclass(**STYLE)
class Lists:
    indent: float = s.length("bullet column")
    bullet: float = s.length("radius of the round bullet")
    item_gap: float = s.length("between list items")
    bullet_raise: float = s.factor("bullet centre above the baseline, in ems of the body size", 0, 1, "ems")


@dataclass(**STYLE)
class ChallengeBox:
    tint: float = s.share("share of paper colour in the box's tint")
    rule: float = s.length("width of the coloured rule on the box's left")
    padding: tuple[float, float, float, float] = s.length("top, right, bottom, left", 0, 100, items=4)
    label_size: float = s.size("the challenge's label")
    title_size: float = s.size("the challenge's title")
    gap: float = s.length("above and below a challenge box")
    label_gap: float = s.length("label to title")


@dataclass(**STYLE)
class Cover:
    title_size: float = s.size("meta.title")
    subtitle_size: float = s.size("meta.subtitle")
    bar: float = s.length("the gradient bar above the title")
    bar_gap: float = s.length("bar to the title")
    bubbles: float = s.length("largest radius of the row of theme bubbles under the subtitle")
    contents_size: float = s.size("the contents list")
    contents_gap: float = s.length("between contents entries")
    credit_size: float = s.size("credits and authors")
    publisher_size: float = s.size("meta.publisher, as a word mark")
    title_leading: float = s.leading("line height of the title")
    subtitle_gap: float = s.length("title to subtitle")
    bubbles_gap: float = s.length("subtitle to the row of bubbles")
    bubble_gap: float = s.length("between two bubbles")
    bubble_variation: float = s.share("the theme with most questions has this much larger a bubble")
    contents_space: float = s.length("bubbles to the contents")
    contents_title_gap: float = s.length("contents title to the first entry")
    contents_indent: float = s.length("indent of an entry under a section (a challenge)")
    contents_sub_gap: float = s.share("share of contents_gap above an indented entry")
    contents_rule: float = s.stroke("pt, the hairline above each section's entry")
    page_column: float = s.length("the column of page numbers")
    credit_leading: float = s.leading("line height of the credit")
    foot_gap: float = s.length("publisher to credit, and contents to the foot")
    gradient_stops: int = s.count("colour stops of the gradient bar", 2, 64)


@dataclass(**STYLE)
class ThemeSection:
    tab_height: float = s.length("the coloured band with the theme name")
    tab_padding: float = s.length("band edge to its text")
    name_size: float = s.size("theme name in the band")
    kicker_size: float = s.size("labels.theme above the name")
    question_size: float = s.size("questions")
    question_leading: float = s.leading()
    number_width: float = s.length("the column of question numbers", 0.5, 50)
    question_gap: float = s.length("between questions")
    name_leading: float = s.leading("line height of the theme name")
    tab_radius: float = s.length("corner radius of the band")
    tab_fill: float = s.share("share of tab_padding kept above and below the text when the band grows")
    tab_gap: float = s.length("band to the first question")


@dataclass(**STYLE)
class Notes:
    label_size: float = s.size("the notes label")
    line_gap: float = s.length("distance between ruled lines", 2, 100)
    min_lines: int = s.count("at least this many lines, else the notes move to the next page", 0, 100)
    rule: float = s.stroke("pt, the ruled lines")
    space: float = s.length("last question to the notes")


@dataclass(**STYLE)
class Footnotes:
    size: float = s.size("footnote text")
    gap: float = s.length("between footnotes, and text to the separator")
    separator: float = s.length("length of the rule above the footnotes")
    leading: float = s.leading()
    indent: float = s.length("the column of footnote numbers")
    rule: float = s.stroke("pt, the rule above the footnotes")
    separator_space: float = s.length("height taken by the rule (drawn in its middle)")


@dataclass(**STYLE)
class HandoutDiagram:
    min_height: float = s.length("the diagram takes the rest of its page, at least this much")
    layout: str = s.text("the layout file with the diagram's settings")


@dataclass(**STYLE)
class HandoutStyle(PageStyle):
    """layouts/handout.yaml: the A4 booklet."""

    margin: Margins = s.section(Margins, "page edges to the text area")
    running: Running = s.section(Running, "running header and footer")
    body: Body = s.section(Body, "body text")
    heading: Heading = s.section(Heading, "headings")
    list: Lists = s.section(Lists, "bulleted and numbered lists")
    challenge: ChallengeBox = s.section(ChallengeBox, "the challenge boxes")
    cover: Cover = s.section(Cover, "the cover page")
    theme: ThemeSection = s.section(ThemeSection, "a theme's page")
    notes: Notes = s.section(Notes, "ruled lines for notes")
    footnotes: Footnotes = s.section(Footnotes, "footnotes at the foot of a page")
    diagram: HandoutDiagram = s.section(HandoutDiagram, "the diagram page")


@dataclass(**STYLE)
class HtmlChallenge:
    tint: float = s.share("share of paper colour in the challenge boxes' background")


@dataclass(**STYLE)
class HtmlDiagram:
    layout: str = s.text("the layout file with the diagram's settings")
    paper: str = s.choice("the diagram is drawn on this page, then scaled by the browser", PAPERS)
    orientation: str = s.choice("portrait or landscape", ("portrait", "landscape"))
    scale: float | None = s.factor("its sizes relative to the diagram layout's own paper "
                                   "(unset: by the paper's area)", 0.1, 10, optional=True)
    margin: float = s.length("paper round the diagram")


@dataclass(**STYLE)
class HtmlStyle(ProductStyle):
    """layouts/html.yaml: the accessible web page."""

    fonts_embed: bool = s.flag("embed the fonts (subset to the Latin letters and punctuation of Western European text plus any other character the page uses); false: system fonts")
    font_family: str = s.text("the CSS font family name")
    challenge: HtmlChallenge = s.section(HtmlChallenge, "challenge boxes")
    diagram: HtmlDiagram = s.section(HtmlDiagram, "the diagram on the page")
