"""Where a word may be broken across lines, and what the two parts look like.

Three kinds of break inside a word (positions are character offsets in the word *without*
hint marks; a break at `pos` puts `word[:pos]` on the first line):

- "free": right after an existing hyphen '-', slash '/', en dash or em dash that has a letter
  or digit right after it and at least 2 letters/digits on either side in the word
  ("ICT-|plan", "organisatie/|bedrijfsvoering", "https://|example.org"). Nothing is inserted
  and the character stays at the end of the first line. Not "e-mail", not "’s-Hertogenbosch".
- "manual": a hint in the content: '|' between two non-space characters, or a soft hyphen
  U+00AD. A hyphen is inserted at the break. If a word has any hint, hints are its only
  hyphenation points (free breaks still apply): the author chose.
- "auto": a pyphen point, for the letters of the word only. Pyphen is asked about each
  maximal run of letters separately, so punctuation at the ends or inside
  ("(beleids)vrijheid", "Omgevingswet?", "handhaving,") never hides the letters. No point
  leaves fewer than `min_left`/`min_right` letters on either side of it. Never
  auto-hyphenated: words with a digit, URLs and e-mail addresses, and letter runs with an
  uppercase letter after the first (acronyms "ICT", "DSO", the "ICT" of "ICT-plan",
  "DigiD"), runs shorter than min_left + min_right.

Dutch trema rule (Taalunie, Leidraad 12/13: "bij afbreken vervalt het trema"): at a break
that inserts a hyphen, a trema on the letter right after the break is dropped: "zee-|engte",
"pati-|enten", "co-|ordinatie". Only that letter; the rest of the word keeps its tremas. Only
for Dutch content (`trema_rule`): German "Haus-|öffnung" keeps its umlaut.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from generator.text.patterns import pattern_hyphenator

HINT = "|"
SOFT_HYPHEN = "\u00ad"
HYPHEN = "-"
FREE_BREAK_CHARS = frozenset("-/\u2013\u2014")  # hyphen-minus, slash, en dash, em dash

_HINT_RE = re.compile(r"(?<=\S)\|+(?=\S)|\u00ad")
# '|' right before a space ("Financing and| cost sharing", labels): prefer a line break at that space
SPACE_HINT_RE = re.compile(r"(?<=[^\s|])\|+(?=[ \t\n\r\f\v\u2028\u2029])")
_TREMA_DROP = {c: unicodedata.normalize("NFD", c)[0] for c in "äëïöüÄËÏÖÜ"}

# Languages whose content code should pick a specific pyphen dictionary.
_PREFERRED = {"nl": "nl_NL", "en": "en_GB"}


def strip_hints(text: str) -> str:
    """The text as printed: manual break hints removed ('|' between two non-space characters,
    '|' at a word's end before a space, and every soft hyphen). A lone '|' between spaces is
    text and stays."""
    if "|" not in text and SOFT_HYPHEN not in text:
        return text
    return _HINT_RE.sub("", SPACE_HINT_RE.sub("", text))


def space_hint(word: str) -> int:
    """How many '|' end `word` as a hint for the space after it ("and|"): 0 if none, or if the
    word is only '|' (text)."""
    stripped = word.rstrip(HINT)
    return len(word) - len(stripped) if stripped else 0


def _hints(word: str) -> tuple[str, tuple[int, ...]]:
    """(word without hints, positions of the hints in it)."""
    if "|" not in word and SOFT_HYPHEN not in word:
        return word, ()
    out: list[str] = []
    positions: list[int] = []
    n = len(word)
    for i, c in enumerate(word):
        hint = c == SOFT_HYPHEN or (
            c == HINT and 0 < i < n - 1 and not word[i - 1].isspace() and not word[i + 1].isspace()
        )
        if hint:
            # a '|' run at the word's edge ("|x", "x|") is text: covered by 0 < i < n-1 above
            # for single marks; runs "a||b" collapse to one position.
            positions.append(len(out))
        else:
            out.append(c)
    stripped = "".join(out)
    return stripped, tuple(sorted({p for p in positions if 0 < p < len(stripped)}))


def drop_trema(text: str) -> str:
    """`text` with a trema on its first letter removed ("ëngte" → "engte")."""
    if text and text[0] in _TREMA_DROP:
        return _TREMA_DROP[text[0]] + text[1:]
    return text


def trema_rule(lang: str | None) -> bool:
    """True if the Dutch trema rule applies to content in language `lang` ("nl", "nl-BE")."""
    return bool(lang) and lang.replace("_", "-").split("-")[0].lower() == "nl"


def split(word: str, pos: int, lang: str = "nl") -> tuple[str, str]:
    """The two visible parts of `word` (hints allowed, `pos` in the stripped word) broken at
    `pos`: ("ICT-", "plan") after an existing hyphen/slash/dash, otherwise a hyphen is
    inserted and, in Dutch, the next letter loses its trema: ("Visie-", "vorming"),
    ("co-", "ordinatie"); in German ("Haus-", "öffnung")."""
    stripped = strip_hints(word)
    if not 0 < pos < len(stripped):
        raise ValueError(f"break position {pos} is not inside {stripped!r}")
    head, tail = stripped[:pos], stripped[pos:]
    if head[-1] in FREE_BREAK_CHARS:
        return head, tail
    return head + HYPHEN, drop_trema(tail) if trema_rule(lang) else tail


def resolve_language(lang: str | None) -> str | None:
    """The pyphen dictionary for a content language code ("nl" → "nl_NL", "en" → "en_GB",
    "de-DE" → "de_DE"), or None if pyphen has none."""
    if not lang:
        return None
    import pyphen

    code = lang.replace("-", "_")
    code = _PREFERRED.get(code.lower(), code)
    if code in pyphen.LANGUAGES:
        return code
    return pyphen.language_fallback(code)


def _alnum_count(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _is_url_or_email(word: str) -> bool:
    low = word.lower()
    return "://" in low or low.startswith("www.") or "@" in low


class Hyphenator:
    """Break positions in words for one language. Never raises for a language pyphen does not
    know: it then finds only free breaks and manual hints (`self.language is None`)."""

    def __init__(self, lang: str = "nl_NL", min_left: int = 3, min_right: int = 3):
        self.min_left = min_left
        self.min_right = min_right
        self.lang = lang
        self.language = resolve_language(lang)
        self._pyphen = None
        if self.language is not None:
            import pyphen

            try:
                self._pyphen = pattern_hyphenator(pyphen.LANGUAGES[self.language], min_left, min_right)
            except (KeyError, OSError, ValueError):  # pragma: no cover - broken install
                self.language = None
        self._cache: dict[str, tuple[tuple[int, str], ...]] = {}

    def breaks(self, word: str) -> tuple[tuple[int, str], ...]:
        """Every break in one word (no spaces; hints allowed) as (position in the stripped
        word, kind) with kind "free", "manual" or "auto", sorted by position."""
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._breaks(word)
        return found

    def points(self, word: str) -> tuple[int, ...]:
        """Allowed break positions in one word, in the word without hint marks."""
        return tuple(p for p, _ in self.breaks(word))

    def split(self, word: str, pos: int) -> tuple[str, str]:
        """`split` in this hyphenator's language (the trema rule only for Dutch)."""
        return split(word, pos, self.lang)

    def _breaks(self, word: str) -> tuple[tuple[int, str], ...]:
        stripped, hints = _hints(word)
        n = len(stripped)
        result: dict[int, str] = {}
        # free breaks after an existing hyphen, slash or dash
        for i, c in enumerate(stripped[:-1]):
            if c in FREE_BREAK_CHARS and stripped[i + 1].isalnum():
                if _alnum_count(stripped[: i + 1]) >= 2 and _alnum_count(stripped[i + 1 :]) >= 2:
                    result[i + 1] = "free"
        if hints:
            for p in hints:
                if stripped[p - 1] in FREE_BREAK_CHARS:
                    result.setdefault(p, "free")  # "ICT-|plan": the hyphen already breaks
                elif p not in result:
                    result[p] = "manual"
        elif self._pyphen is not None and not any(c.isdigit() for c in stripped) \
                and not _is_url_or_email(stripped) and n >= self.min_left + self.min_right:
            for start, run in _letter_runs(stripped):
                if len(run) < self.min_left + self.min_right or any(c.isupper() for c in run[1:]):
                    continue
                for p in self._pyphen.positions(run):
                    if self.min_left <= p <= len(run) - self.min_right:
                        result.setdefault(start + p, "auto")
        return tuple(sorted(result.items()))


_LETTERS = re.compile(r"[^\W\d_]+")


def _letter_runs(word: str):
    for m in _LETTERS.finditer(word):
        yield m.start(), m.group()


@functools.cache
def hyphenator(lang: str = "nl", min_left: int = 3, min_right: int = 3) -> Hyphenator:
    """A shared Hyphenator per (language, minimums); its word cache lives as long as the process."""
    return Hyphenator(lang, min_left, min_right)
