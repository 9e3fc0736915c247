"""Read one untrusted YAML file into plain data plus the position of every value.

Every scalar stays a string (or None for an empty value): YAML 1.1 would otherwise turn `8:00`
into 480, `no` into False and `2026-02-30` into an error without a position. The domain model
converts strings to numbers, dates and times itself, with messages written for people.

PyYAML's C composer (libyaml) is used for speed; it keeps positions and shows duplicate keys as
repeated pairs, which we reject. It recurses in C without a depth check, so deeply nested flow
collections are measured with the event stream first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 2_000_000
MAX_ALIAS_NODES = 10_000
_BRACKETS_BEFORE_DEPTH_SCAN = 5_000

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_NULL_TAG = "tag:yaml.org,2002:null"
_DAY_WORDS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed file: its data and where each value (and each key) starts, 1-based."""

    path: str
    data: object = None
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: PathKey, *, key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that exists in the file."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


def read_yaml_file(path: Path, display: str) -> tuple[YamlDocument, list[Problem]]:
    doc = YamlDocument(display)
    try:
        size = path.stat().st_size
    except OSError as error:
        return doc, [Problem(display, 1, 1, "file_unreadable", {"reason": error.strerror or ""})]
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return doc, [Problem(display, 1, 1, "file_too_large", {"limit": limit})]
    return parse_yaml_bytes(path.read_bytes(), display)


def parse_yaml_bytes(raw: bytes, display: str) -> tuple[YamlDocument, list[Problem]]:
    doc = YamlDocument(display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        return doc, [Problem(display, line, column, "not_utf8", {})]
    if not text.strip() or _only_comments(text):
        return doc, [Problem(display, 1, 1, "empty_file", {})]
    problem = _check_flow_depth(text, display)
    if problem:
        return doc, [problem]
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as error:
        return doc, [_syntax_problem(error, text, display)]
    if root is None:
        return doc, [Problem(display, 1, 1, "empty_file", {})]
    walker = _Walker(doc)
    doc.data = walker.convert(root, (), 0)
    return doc, walker.problems


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, column


def _text_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _check_flow_depth(text: str, display: str) -> Problem | None:
    """libyaml's composer overflows the C stack near 30,000 levels: measure deep files first."""
    if text.count("[") + text.count("{") < _BRACKETS_BEFORE_DEPTH_SCAN:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Problem(display, mark.line + 1, mark.column + 1, "too_deep",
                                   {"limit": MAX_DEPTH})
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # compose reports the syntax error with its position
    return None


def _syntax_problem(error: yaml.YAMLError, text: str, display: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _text_position(text, error.position)
        return Problem(display, line, column, "bad_character", {"code": f"U+{error.character:04X}"}
                       if isinstance(error.character, int) else {"code": "?"})
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(display, 1, 1, "yaml_syntax", {"detail": ""})
    context = error.context or ""
    problem = error.problem or ""
    mark = error.problem_mark or error.context_mark
    code, params = "yaml_syntax", {"detail": problem}
    if "quoted scalar" in context and error.context_mark:
        mark, code = error.context_mark, "unclosed_quote"
    elif "cannot start any token" in problem and _char_at(text, mark) == "\t":
        code = "tab"
    elif "another document" in problem:
        code = "several_documents"
    elif "undefined alias" in problem:
        code = "undefined_alias"
    elif "mapping values are not allowed" in problem:
        code = "colon_in_value"
    elif "did not find expected key" in problem or "expected '-' indicator" in problem:
        code = "bad_indentation"
    elif "flow sequence" in context or "flow mapping" in context:
        mark, code = error.context_mark or mark, "unclosed_bracket"
    elif "found character that cannot start any token" in problem:
        code, params = "bad_token", {"char": _char_at(text, mark)}
    return Problem(display, mark.line + 1, mark.column + 1, code, params)


def _char_at(text: str, mark) -> str:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _key_without_value(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """`{fi: Kontiolahti, Liperi}`: the comma ended the text and "Liperi" became a bare key."""
    return (isinstance(value_node, yaml.ScalarNode) and value_node.tag == _NULL_TAG
            and value_node.start_mark.index == key_node.end_mark.index)


class _Walker:
    """Turn composed nodes into dicts, lists and strings, refusing what a catalogue never needs."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.problems: list[Problem] = []
        self.nodes = 0
        self.alias_nodes = 0
        self.seen: set[int] = set()
        self.stopped = False

    def fail(self, node: yaml.Node, code: str, **params) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.doc.path, mark.line + 1, mark.column + 1, code, params))

    def convert(self, node: yaml.Node, loc: PathKey, depth: int, active: frozenset = frozenset()):
        if self.stopped:
            return None
        self.nodes += 1
        mark = node.start_mark
        self.doc.values.setdefault(loc, (mark.line + 1, mark.column + 1))
        if node.tag not in _PLAIN_TAGS:
            self.fail(node, "yaml_tag", tag=node.tag)
            return None
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == _NULL_TAG and node.style is None else node.value
        return self._convert_collection(node, loc, depth, active)

    def _convert_collection(self, node, loc, depth, active):
        if id(node) in active:
            self.fail(node, "alias_cycle")
            return None
        if depth >= MAX_DEPTH:
            self.fail(node, "too_deep", limit=MAX_DEPTH)
            self.stopped = True
            return None
        if id(node) in self.seen:
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES or self.nodes > MAX_NODES:
                self.fail(node, "alias_expansion", limit=MAX_ALIAS_NODES)
                self.stopped = True
                return None
        self.seen.add(id(node))
        active = active | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, loc + (i,), depth + 1, active)
                    for i, item in enumerate(node.value)]
        return self._convert_mapping(node, loc, depth, active)

    def _convert_mapping(self, node, loc, depth, active):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.fail(key_node, "complex_key")
                continue
            key = key_node.value
            key_mark = key_node.start_mark
            if node.flow_style and _key_without_value(key_node, value_node):
                code = "comma_in_flow_days" if key in _DAY_WORDS else "comma_in_flow_text"
                self.fail(key_node, code, word=key)
                continue
            if key in result:
                first = self.doc.keys[loc + (key,)]
                self.fail(key_node, "duplicate_key", key=key, line=first[0])
                continue
            self.doc.keys[loc + (key,)] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = self.convert(value_node, loc + (key,), depth + 1, active)
        return result
