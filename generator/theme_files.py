"""themes/*.md: each theme's front matter (id, name, label, level, colour) and its questions,
one plain-text list."""

from __future__ import annotations

import re

from generator.fields import Collector as _Collector, blank as _blank
from generator.fields import check_fields as _fields, front_matter as _front_matter
from generator.fields import level_field as _level, text_field as _text
from generator.model import Question, Source, Theme, plain
from generator.prose import FootnoteTable, ProseProblem, _md, _unsupported, inline_spans
from generator.yamlfile import line_of

# Limits, documented in content/README.md.
MAX_QUESTIONS_PER_THEME = 40
MAX_QUESTION_CHARS = 2_000
MAX_NAME_CHARS = 80             # a theme's name

THEME_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
BREAK_HINT = re.compile(r"(?<=\S)\|+(?=\S)|\u00ad")  # as generator.text.hyphenate reads them
SPACE_HINT = re.compile(r"(?<=\S)\|+(?= )")  # 'and| cost': break at this space (labels only)


def read_themes(texts: list[tuple[str, str | None]], problems: _Collector) -> tuple[Theme, ...]:
    """The themes from (file name, text) pairs (None: unreadable), each id once."""
    themes: list[Theme] = []
    seen: dict[str, str] = {}
    for index, (name, text) in enumerate(texts):
        if text is None:
            continue
        theme = _theme(name, text, index, problems)
        if theme is None:
            continue
        if theme.id in seen:
            problems.add(name, theme.source.line, f"theme id '{theme.id}' is already used by {seen[theme.id]}")
            continue
        seen[theme.id] = name
        themes.append(theme)
    return tuple(themes)


def _theme(name: str, text: str, index: int, problems: _Collector) -> Theme | None:
    parsed = _front_matter(name, text, problems)
    if parsed is None:
        return None
    data, body = parsed
    before = len(problems.problems)
    _fields(name, data, {"id", "name", "level"}, {"label", "colour"}, problems)
    theme_id = _text(name, data, "id", problems) if "id" in data else None
    if theme_id and not THEME_ID.match(theme_id):
        problems.add(name, line_of(data, "id"), f"id '{theme_id}' must be lower-case letters, digits and '-' (at most 40)")
    title = _text(name, data, "name", problems) if "name" in data else None
    if title and len(title) > MAX_NAME_CHARS:
        problems.add(name, line_of(data, "name"), f"name is {len(title)} characters; at most {MAX_NAME_CHARS}")
    if title and BREAK_HINT.search(title):
        problems.add(name, line_of(data, "name"), "'|' between two characters and soft hyphens are break hints: "
                     "leave them out of 'name' and put them in 'label'")
    label = _text(name, data, "label", problems) if "label" in data else title
    if label and title and BREAK_HINT.sub("", SPACE_HINT.sub("", label)) != title:
        problems.add(name, line_of(data, "label"), f"label '{label}' must be the name '{title}' with '|' break hints only")
    level = _level(name, data, problems) if "level" in data else None
    colour = data.get("colour")
    if colour is not None and not (isinstance(colour, str) and COLOUR.match(colour)):
        problems.add(name, line_of(data, "colour"), f"colour must look like \"#1f6f8b\", got {colour!r}")
    questions = _questions(name, body, problems)
    if len(problems.problems) > before or questions is None:
        return None
    return Theme(theme_id, title, label, level, colour.lower() if colour else None,
                 questions, Source(name, 1), index)


def _questions(name: str, body: str, problems: _Collector) -> tuple[Question, ...] | None:
    """The questions: one numbered list ('1. …', numbers checked) or one bulleted list ('- …',
    numbered automatically, so inserting a question needs no renumbering)."""
    tokens = _md.parse(body)
    top = [t for t in tokens if t.level == 0 and not t.type.endswith("_close")]
    stray = [t for t in top if t.type not in ("ordered_list_open", "bullet_list_open")]
    if stray:
        tok = stray[0]
        problems.add(name, tok.map[0] + 1 if tok.map else None,
                     "after the front matter only a numbered list ('1. …') or a bulleted list ('- …') "
                     "of questions is allowed")
        return None
    if not top:
        problems.add(name, None, "no questions: write them as a list ('1. …' or '- …')")
        return None
    if len(top) > 1:
        problems.add(name, top[1].map[0] + 1, "the questions must form one list (remove the blank text between "
                     "them, and use one kind of list: '1.' or '-')")
        return None
    numbered = top[0].type == "ordered_list_open"
    questions: list[Question] = []
    ok = True
    for start, end in _items(tokens):
        tok = tokens[start]
        line = tok.map[0] + 1
        number = len(questions) + 1
        written = int(tok.info) if tok.info.isdigit() else None
        if numbered and written != number:
            problems.add(name, line, f"question numbers must run 1, 2, 3…: expected {number}, found {tok.info} "
                         "(or write the questions as a bulleted list, '- …', and they are numbered for you)")
            ok = False
        text = _question_text(name, number, tokens[start + 1 : end], problems)
        if text is None:
            ok = False
        elif _blank(text):
            problems.add(name, line, f"question {number} is empty")
            ok = False
        elif len(text) > MAX_QUESTION_CHARS:
            problems.add(name, line, f"question {number} is {len(text):,} characters; at most {MAX_QUESTION_CHARS:,}")
            ok = False
        questions.append(Question(number, (text or "").strip(), Source(name, line)))
    if len(questions) > MAX_QUESTIONS_PER_THEME:
        problems.add(name, None, f"{len(questions)} questions; at most {MAX_QUESTIONS_PER_THEME} per theme")
        ok = False
    return tuple(questions) if ok else None


def _items(tokens: list) -> list[tuple[int, int]]:
    """(index of list_item_open, index of its list_item_close) for each item of the top list."""
    items, start = [], None
    for i, tok in enumerate(tokens):
        if tok.level == 1 and tok.type == "list_item_open":
            start = i
        elif tok.level == 1 and tok.type == "list_item_close" and start is not None:
            items.append((start, i))
            start = None
    return items


def _question_text(name: str, number: int, inner: list, problems: _Collector) -> str | None:
    """The text of one question: its paragraphs joined by a space; None after a problem."""
    parts: list[str] = []
    for tok in inner:
        line = tok.map[0] + 1 if tok.map else None
        if tok.type == "inline":
            markup = _markup(tok)
            if markup:
                problems.add(name, line, f"question {number}: {markup}")
                return None
            try:
                parts.append(plain(inline_spans(tok, FootnoteTable())))
            except ProseProblem as exc:
                problems.add(name, exc.line or line, exc.message)
                return None
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            problems.add(name, line, f"question {number} cannot contain a list")
            return None
        elif tok.type not in ("paragraph_open", "paragraph_close"):
            problems.add(name, line, f"question {number}: {_unsupported(tok)}")
            return None
    return " ".join(p for p in parts if p)


_MARKUP = {
    "em_open": "emphasis ('*…*' or '_…_') is not printed in questions; remove the marks, or write '\\*' "
               "for the character",
    "strong_open": "strong text ('**…**') is not printed in questions; remove the marks, or write '\\*' "
                   "for the character",
    "link_open": "a link cannot be printed in a question (cards and posters have no links); write the "
                 "address as plain text, or put it in a footnote in intro.md",
    "code_inline": "code ('`…`') is not printed in questions; remove the backticks",
}


def _markup(inline) -> str | None:
    """Why inline Markdown in a question would be lost (questions are plain text), or None."""
    for child in inline.children or []:
        if child.type in _MARKUP:
            return _MARKUP[child.type]
        if child.type == "image":
            return "an image is not supported; only text"
    return None
