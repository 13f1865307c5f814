"""Safe YAML reading that remembers line numbers and refuses anchors, aliases and tags."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.errors import LineProblem


class YamlProblem(LineProblem):
    """A YAML problem at a 1-based line (relative to the text given)."""


class Mapping(dict):
    """A dict that knows the line of each key (`lines[key]`) and of itself (`line`), and for
    each scalar value the text as written (`raw[key]`: `12:30`, `010`, `3.10`, `yes`)."""

    line: int | None = None
    lines: dict[str, int]
    raw: dict[str, str]


class Listing(list):
    """A list that knows, for each scalar item, the text as written (`raw[i]`, else None)."""

    raw: list[str | None]


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases (no 'billion laughs') and with line-aware mappings."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(event.start_mark.line + 1, "YAML aliases (*name) are not allowed")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlProblem(event.start_mark.line + 1, "YAML anchors (&name) are not allowed")
        return super().compose_node(parent, index)


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def _convert(loader: _Loader, node) -> Any:
    line = node.start_mark.line + 1
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # a date-like value stays the text that was written
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(line, f"YAML tag {node.tag!r} is not allowed")
    if isinstance(node, ScalarNode):
        try:
            return loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise YamlProblem(line, f"bad value: {exc}") from None
        except (ValueError, OverflowError):  # a number of thousands of digits
            raise YamlProblem(line, f"bad value: a number of {len(node.value):,} digits is too long") from None
    if isinstance(node, SequenceNode):
        items = Listing(_convert(loader, child) for child in node.value)
        items.raw = [child.value if isinstance(child, ScalarNode) else None for child in node.value]
        return items
    if isinstance(node, MappingNode):
        result = Mapping()
        result.line = line
        result.lines = {}
        result.raw = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node)
            if not isinstance(key, str):
                raise YamlProblem(key_node.start_mark.line + 1, f"field names must be text, not {key!r}")
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, f"field {key!r} appears twice")
            result[key] = _convert(loader, value_node)
            result.lines[key] = key_node.start_mark.line + 1
            if isinstance(value_node, ScalarNode):
                result.raw[key] = value_node.value
        return result
    raise YamlProblem(line, "unsupported YAML node")


def load_yaml(text: str) -> Any:
    """Parse one YAML document; raise YamlProblem with a line number on any problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(loader, node)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context
        if "mapping values are not allowed" in str(problem):
            problem = (f"{problem}: a value that contains ': ' or ends in ':' must be in double quotes, "
                       'e.g. credit: "Photo: Jan" or label: "Note:"')
        raise YamlProblem(line, f"broken YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"broken YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(None, "YAML nested too deeply") from None
    finally:
        loader.dispose()


def raw_of(data: Any, key: str) -> str | None:
    """The text of a scalar value as written in the file (None when not a scalar)."""
    return data.raw.get(key) if isinstance(data, Mapping) else None


def line_of(data: Any, key: str, default: int | None = None) -> int | None:
    """The line of `key` in a line-aware mapping, else `default`."""
    if isinstance(data, Mapping):
        return data.lines.get(key, data.line or default)
    return default
