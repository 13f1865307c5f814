"""praatplaat.yaml: the content's meta data (title, language, authors, keywords) and the labels
every product prints, checked field by field."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from generator.fields import FORBIDDEN_CHARS, Collector as _Collector
from generator.fields import check_fields as _fields, text_field as _text
from generator.model import Author, Labels, Meta
from generator.yamlfile import YamlProblem, line_of, load_yaml

META_FILE = "praatplaat.yaml"
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def read_meta(text: str, problems: _Collector) -> tuple[Meta | None, Labels | None]:
    """Meta and Labels from the text of praatplaat.yaml; (None, None) after a problem."""
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
