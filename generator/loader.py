"""Reads a content folder into a validated Praatplaat, reporting every problem at once."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import fields
from pathlib import Path
from typing import Any

from generator.model import (
    Author, Block, Challenge, Footnote, Heading, Labels, Meta, Praatplaat, Question, Reflection,
    Source, Theme, plain,
)
from generator.prose import (
    FootnoteTable, ProseProblem, inline_spans, parse_blocks,
    take_footnote_definitions, _md, _unsupported,
)
from generator.fields import (  # noqa: F401 - the limits are documented in content/README.md
    FORBIDDEN_CHARS, MAX_FIELD_CHARS, MAX_LEVEL, Collector as _Collector, blank as _blank,
    check_fields as _fields, front_matter as _front_matter, level_field as _level, text_field as _text,
)
from generator.yamlfile import YamlProblem, line_of, load_yaml

# Limits, documented in content/README.md.
MAX_FILE_BYTES = 200_000        # one file; Markdown parsing takes up to ~2 s for this much
MAX_CONTENT_BYTES = 1_000_000   # all content files together
MAX_THEMES = 24
MAX_QUESTIONS_PER_THEME = 40
MAX_QUESTION_CHARS = 2_000
MAX_NAME_CHARS = 80             # a theme's name

THEME_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
BREAK_HINT = re.compile(r"(?<=\S)\|+(?=\S)|\u00ad")  # as generator.text.hyphenate reads them
SPACE_HINT = re.compile(r"(?<=\S)\|+(?= )")  # 'and| cost': break at this space (labels only)
THEME_SUFFIXES = (".md", ".md.txt", ".markdown")  # any case; '.md.txt' is what some editors save

META_FILE = "praatplaat.yaml"
INTRO_FILE = "intro.md"
REFLECTION_FILE = "reflection.md"
THEMES_DIR = "themes"


def load(content_dir: Path | str) -> Praatplaat:
    """Load and validate a content folder; raise ContentError listing every problem."""
    root = Path(content_dir)
    problems = _Collector()
    if not root.is_dir():
        problems.add(str(root), None, "content folder not found")
        problems.fail_if_any()
    meta_text = _read(root, META_FILE, problems)
    intro_text = _read(root, INTRO_FILE, problems)
    reflection_text = _read(root, REFLECTION_FILE, problems)
    notes: list[str] = []
    theme_texts = [(name, _read(root, name, problems)) for name in _theme_files(root, problems, notes)]
    _check_total(root, [meta_text, intro_text, reflection_text, *(t for _, t in theme_texts)], problems)

    footnotes = FootnoteTable()
    defs: list[tuple[str, str, str, int]] = []
    prose = {}
    for name, text in ((INTRO_FILE, intro_text), (REFLECTION_FILE, reflection_text)):
        if text is not None:
            prose[name] = _prose_parts(name, text, footnotes, defs, problems)
    meta, labels = _meta(meta_text, problems) if meta_text is not None else (None, None)
    footnote_list = _footnotes(defs, footnotes, problems)
    intro_title, intro = _intro(prose.get(INTRO_FILE), footnotes, problems)
    reflection = _reflection(prose.get(REFLECTION_FILE), footnotes, problems)
    themes = _themes(theme_texts, problems)
    problems.fail_if_any()
    return Praatplaat(meta, labels, intro_title, intro, reflection, themes, footnote_list, tuple(notes))


# --- files -----------------------------------------------------------------------------


def _theme_files(root: Path, problems: _Collector, notes: list[str]) -> list[str]:
    folder = root / THEMES_DIR
    if not folder.is_dir():
        problems.add(f"{root.name}/{THEMES_DIR}", None, "folder of theme files not found")
        return []
    names = []
    for path in sorted(folder.iterdir()):
        name = path.name
        # hidden files and backups are editors' and file systems' (".#x.md", "._x.md", "x.md~")
        if name.startswith(".") or name.endswith("~"):
            continue
        if not _utf8(name):
            shown = os.fsencode(name).decode("utf-8", "backslashreplace")
            problems.add(f"{THEMES_DIR}/{shown}", None, "the file name is not UTF-8 text; rename the file")
        elif name.lower().endswith(THEME_SUFFIXES):
            names.append(name)
        else:
            notes.append(f"{THEMES_DIR}/{name}: not read (theme files end in .md)")
    if not names:
        problems.add(f"{THEMES_DIR}/", None, "no theme files (*.md) found")
    if len(names) > MAX_THEMES:
        problems.add(f"{THEMES_DIR}/", None, f"{len(names)} themes; at most {MAX_THEMES} are supported")
        names = names[:MAX_THEMES]
    return [f"{THEMES_DIR}/{n}" for n in names]


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes come as surrogates
        return False
    return True


def _check_total(root: Path, texts: list[str | None], problems: _Collector) -> None:
    """Stop before parsing when the files together are larger than MAX_CONTENT_BYTES."""
    total = sum(len(t.encode("utf-8")) for t in texts if t)
    if total > MAX_CONTENT_BYTES:
        problems.add(root.name or str(root), None,
                     f"the content files hold {total:,} bytes together; at most {MAX_CONTENT_BYTES:,} are allowed")
        problems.fail_if_any()


def _read(root: Path, name: str, problems: _Collector) -> str | None:
    """Read a content file as UTF-8 text, refusing anything unsafe; None after a problem."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        problems.add(name, None, "file not found")
        return None
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            problems.add(name, None, "links to a file outside the content folder; copy the file in instead")
            return None
        if not real.is_file():
            problems.add(name, None, "is not a regular file")
            return None
        size = real.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(name, None, f"file is {size:,} bytes; at most {MAX_FILE_BYTES:,} are allowed")
            return None
        data = real.read_bytes()
    except RuntimeError:  # Python 3.11 reports a symlink loop so
        problems.add(name, None, "is a link that leads back to itself; put the file itself here")
        return None
    except FileNotFoundError:
        problems.add(name, None, "is a link to a file that does not exist")
        return None
    except OSError as exc:
        problems.add(name, None, f"cannot be read: {exc.strerror or exc}")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(name, None, "is UTF-16 text; save it as UTF-8")
        return None
    if b"\x00" in data:
        problems.add(name, None, "is a binary file, not text")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(name, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")
        return None
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    bad = FORBIDDEN_CHARS.search(text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        problems.add(name, line, f"contains the control character U+{ord(bad.group()):04X}; remove it")
        return None
    return text


# --- fields --------------------------------------------------------------------------------


def _meta(text: str, problems: _Collector) -> tuple[Meta | None, Labels | None]:
    name = META_FILE
    try:
        data = load_yaml(text)
    except YamlProblem as exc:
        problems.add(name, exc.line, exc.message)
        return None, None
    if not isinstance(data, dict):
        problems.add(name, 1, "must hold fields ('name: value')")
        return None, None
    required = {"language", "title", "publisher", "credit", "labels"}
    optional = {"subtitle", "authors", "keywords"}
    _fields(name, data, required, optional, problems)
    texts = {k: _text(name, data, k, problems) for k in sorted(required - {"labels"}) if k in data}
    subtitle = _text(name, data, "subtitle", problems, allow_empty=True) if "subtitle" in data else ""
    language = texts.get("language")
    if language and not LANGUAGE.match(language):
        problems.add(name, line_of(data, "language"), f"language {language!r} is not a language code like 'nl' or 'en-GB'")
    authors = _authors(data.get("authors", []), data, problems)
    keywords = data.get("keywords", [])
    if isinstance(keywords, list):  # numbers as typed: '2024', '3.10'
        raw = getattr(keywords, "raw", [None] * len(keywords))
        keywords = [r if isinstance(k, (int, float)) and r else k for k, r in zip(keywords, raw)]
    if isinstance(keywords, list) and any(isinstance(k, str) and FORBIDDEN_CHARS.search(k) for k in keywords):
        problems.add(name, line_of(data, "keywords"), "'keywords' contain a control character; remove it")
        keywords = []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        problems.add(name, line_of(data, "keywords"), "'keywords' must be a list of words")
        keywords = []
    labels = _labels(data.get("labels"), data, problems) if "labels" in data else None
    if None in texts.values() or len(texts) < 4 or subtitle is None or labels is None:
        return None, None
    meta = Meta(texts["title"], subtitle, texts["language"], texts["publisher"], tuple(authors),
                texts["credit"], tuple(" ".join(k.split()) for k in keywords))
    return meta, labels


def _authors(value: Any, parent: dict, problems: _Collector) -> list[Author]:
    if not isinstance(value, list):
        problems.add(META_FILE, line_of(parent, "authors"), "'authors' must be a list of 'name:' (and 'affiliation:') entries")
        return []
    authors = []
    for entry in value:
        if not isinstance(entry, dict):
            problems.add(META_FILE, line_of(parent, "authors"), "each author needs 'name:' (and may have 'affiliation:')")
            continue
        if _fields(META_FILE, entry, {"name"}, {"affiliation"}, problems):
            author = _text(META_FILE, entry, "name", problems)
            affiliation = _text(META_FILE, entry, "affiliation", problems, allow_empty=True) if "affiliation" in entry else ""
            if author and affiliation is not None:
                authors.append(Author(author, affiliation))
    return authors


def _labels(value: Any, parent: dict, problems: _Collector) -> Labels | None:
    if not isinstance(value, dict):
        problems.add(META_FILE, line_of(parent, "labels"), "'labels' must be a group of fields")
        return None
    names = {f.name for f in fields(Labels)}
    if not _fields(META_FILE, value, names, set(), problems):
        return None
    texts = {k: _text(META_FILE, value, k, problems) for k in names}
    if None in texts.values():
        return None
    page = texts["page"]
    bare = page.replace("{{", "").replace("}}", "")  # '{{' and '}}' print one brace
    wrong = [p for p in re.findall(r"\{[^}]*\}", bare) if p not in ("{page}", "{pages}")]
    if wrong or _unformattable(page):
        what = f"not {wrong[0]}" if wrong else "and '{{' / '}}' for a brace"
        problems.add(META_FILE, line_of(value, "page"), f"label 'page' may use {{page}} and {{pages}}, {what}")
        return None
    return Labels(**texts)


def _unformattable(template: str) -> bool:
    try:
        template.format(page=1, pages=1)
    except (ValueError, KeyError, IndexError, AttributeError):
        return True
    return False


# --- prose ---------------------------------------------------------------------------------


def _prose_parts(name, text, footnotes: FootnoteTable, defs: list, problems: _Collector):
    """Front matter and body of a prose file, with footnote definitions taken out."""
    parsed = _front_matter(name, text, problems)
    if parsed is None:
        return None
    data, body = parsed
    body, found = take_footnote_definitions(body)
    for label, note, line in found:
        if label in footnotes.numbers:
            problems.add(name, line, f"footnote [^{label}] is defined twice")
            continue
        footnotes.numbers[label] = len(footnotes.numbers) + 1
        defs.append((name, label, note, line))
    return name, data, body


def _footnotes(defs, footnotes: FootnoteTable, problems: _Collector) -> tuple[Footnote, ...]:
    notes = []
    for name, label, note, line in defs:
        tokens = _md.parse(note)
        inline = next((t for t in tokens if t.type == "inline"), None)
        if inline is None:
            problems.add(name, line, f"footnote [^{label}] is empty")
            continue
        try:
            spans = inline_spans(inline, footnotes)
        except ProseProblem as exc:
            problems.add(name, line, exc.message)
            continue
        notes.append(Footnote(footnotes.numbers[label], spans, Source(name, line)))
    return tuple(notes)


def _blocks(name, body, footnotes, problems: _Collector):
    try:
        return parse_blocks(body, footnotes, name)
    except ProseProblem as exc:
        problems.add(name, exc.line, exc.message)
        return None


def _intro(parts, footnotes, problems: _Collector) -> tuple[str, tuple[Block, ...]]:
    if parts is None:
        return "", ()
    name, data, body = parts
    _fields(name, data, {"title"}, set(), problems)
    title = _text(name, data, "title", problems) if "title" in data else None
    pairs = _blocks(name, body, footnotes, problems)
    if pairs is None:
        return title or "", ()
    blocks = []
    for tok, block in pairs:
        if block is None:
            problems.add(name, tok.map[0] + 1 if tok.map else None, "'---' (a thematic break) is not used in the intro")
        else:
            blocks.append(block)
    if not blocks:
        problems.add(name, None, "the intro has no text")
    return title or "", tuple(blocks)


def _reflection(parts, footnotes, problems: _Collector) -> Reflection | None:
    if parts is None:
        return None
    name, data, body = parts
    _fields(name, data, {"title"}, {"subtitle"}, problems)
    title = _text(name, data, "title", problems) if "title" in data else None
    subtitle = _text(name, data, "subtitle", problems, allow_empty=True) if "subtitle" in data else ""
    pairs = _blocks(name, body, footnotes, problems)
    if pairs is None or title is None or subtitle is None:
        return None
    before: list[Block] = []
    after: list[Block] = []
    challenges: list[list] = []  # [heading, blocks]
    section = "before"
    for tok, block in pairs:
        line = tok.map[0] + 1 if tok.map else None
        if block is None:
            if section != "challenges":
                problems.add(name, line, "'---' ends the challenges, but no challenge ('## ') came before it")
            section = "after"
        elif isinstance(block, Heading) and block.level == 2 and section != "after":
            section = "challenges"
            challenges.append([block, []])
        elif section == "before":
            before.append(block)
        elif section == "challenges":
            challenges[-1][1].append(block)
        else:
            after.append(block)
    result = []
    for number, (heading, blocks) in enumerate(challenges, start=1):
        label, _, rest = plain(heading.spans).partition(":")
        label, title_text = (label.strip(), rest.strip()) if rest.strip() else ("", label.strip())
        if not blocks:
            problems.add(name, heading.source.line, f"challenge '{plain(heading.spans)}' has no text")
        if _blank(title_text):
            problems.add(name, heading.source.line, "a challenge heading needs a title: '## Label: TITLE'")
        result.append(Challenge(number, label, title_text, tuple(blocks), heading.source))
    return Reflection(title, subtitle, tuple(before), tuple(result), tuple(after), Source(name, 1))


# --- themes --------------------------------------------------------------------------------


def _themes(texts: list[tuple[str, str | None]], problems: _Collector) -> tuple[Theme, ...]:
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
