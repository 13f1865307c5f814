"""Card faces: question cards, theme cards, challenge cards and their backs, as scene frames.

Each card is a front and a back frame of the card's trim size (origin at the trim's top-left;
with a bleed, backgrounds reach past the trim into it). Imposition (layout/impose.py) or the
print-shop PDF places them on pages. Every printed word comes from the content.

- Question card: the theme band (theme colour, theme name in `color.text_on` colour), the
  question number large in the theme's ink (its colour darkened until it reads ≥ 4.5:1 on
  paper), the question.
- Theme card: a band with labels.theme and the theme name, every question numbered, the
  title as footer. Challenge card: a band with the challenge's label and title, its text, its
  footnotes, the title as footer.
- Back: the theme colour (challenges: `challenge.colour`) with the theme name (labels.
  challenges) centred large under a small kicker, the title small at the foot. All cards of a
  theme share one back frame.

Fitting (sizes between a layout's min_size and max_size, on a 0.25 pt grid): a deck has one
text size, the largest at which every card fits. Cards that do not fit at `comfortable` are
the exception: each is set as large as it fits (down to min_size) and named in a warning; the
others keep one shared size. A question that does not fit at min_size is a LayoutError naming
its theme, number and overflow; a theme's questions or a challenge's text that do not fit one
card at min_size continue on the next card ("1/2", "2/2"; a question is never split), through
the block protocol (layout/blocks.py); text is never clipped.
"""

from __future__ import annotations

from generator.layout.card_parts import Card, CardBox, Deck, card_box, colour_area, deck_sizes
from generator.layout.question_cards import question_deck
from generator.layout.theme_cards import theme_deck

__all__ = ["Card", "CardBox", "Deck", "card_box", "colour_area", "deck_sizes", "question_deck",
           "theme_deck"]
