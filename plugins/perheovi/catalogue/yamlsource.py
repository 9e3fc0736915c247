"""Read one untrusted YAML file into plain data plus the position of every value.

Every scalar stays a string (or None for an empty value): YAML 1.1 would otherwise turn `8:00`
into 480, `no` into False and `2026-02-30` into an error without a position. The domain model
converts strings to numbers, dates and times itself, with messages written for people.

The data is built straight from libyaml's event stream (PyYAML's C parser): one pass that
keeps every position, sees duplicate keys, stops at the depth limit before anything recurses
(libyaml's own composer recurses in C without a check and crashes near 25,000 levels), and
never resolves YAML 1.1 types it would only throw away.

Where libyaml reads more than PyYAML's own parser (the one the schema test and most Python tools
use), the reader refuses it too, so that a file `perheovi check` passes reads the same in every
tool: a "?" inside plain text in {} or [], and tabs outside quotes and comments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 2_000_000
MAX_ALIAS_NODES = 10_000
MAX_ALIAS_TEXT = MAX_FILE_BYTES  # characters of the file the aliases may repeat, all told

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}  # YAML 1.1's empty value, as PyYAML reads it
_SCRATCH: tuple = ("\0",)  # where values that are reported and dropped keep their positions
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
    return _parse_text(text, display)


def _parse_text(text: str, display: str) -> tuple[YamlDocument, list[Problem]]:
    doc = YamlDocument(display)
    builder = _Builder(doc, text)
    try:
        data = builder.read(yaml.parse(text, Loader=Loader))
        doc.data = _unshared(data) if builder.shared else data
    except yaml.YAMLError as error:
        limit = _parser_nesting_limit(error)
        if limit is not None and limit < len(text):
            read_before = _parse_text(text[:limit], display)
            if any(problem.code == "too_deep" for problem in read_before[1]):
                return read_before
        return doc, [_syntax_problem(error, text, display)]
    except _Fatal as fatal:
        return doc, [fatal.problem]
    except _Stop:
        return doc, builder.problems
    tabs = _loose_tabs(text, display) if "\t" in text else []
    return doc, sorted(builder.problems + tabs) if tabs else builder.problems


def _loose_tabs(text: str, display: str) -> list[Problem]:
    """Tabs outside quoted text, block text (| and >) and comments: between values, after a
    value at the end of a line, inside plain text. libyaml reads them as spaces; PyYAML's own
    parser fails on them, so the reader refuses them too, at the first such tab of each line."""
    starts = _line_starts(text)
    spans: list[tuple[int, int, int, str]] = []  # each text: start, end, first line, style
    try:
        for token in yaml.scan(text, Loader=Loader):
            if isinstance(token, yaml.ScalarToken):
                begin, end = token.start_mark, token.end_mark
                start = starts[begin.line] + begin.column
                spans.append((start, starts[end.line] + end.column, begin.line, token.style))
    except yaml.YAMLError:  # not reached: the same text was parsed without an error
        return []

    def text_at(index: int):
        at = bisect.bisect_right(spans, (index, len(text) + 1)) - 1
        return spans[at] if at >= 0 and spans[at][0] <= index < spans[at][1] else None

    def allowed(index: int, line: int) -> bool:
        """In quoted text, in | or > text below its first line, or in a comment."""
        span = text_at(index)
        if span and (span[3] in ("'", '"') or (span[3] in ("|", ">") and line > span[2])):
            return True
        hash_ = text.find("#", starts[line], index)
        while hash_ != -1:
            span = text_at(hash_)
            if span is None or (span[3] in ("|", ">") and line == span[2]):
                return True  # a "#" between values, or after | and >, starts a comment
            hash_ = text.find("#", hash_ + 1, index)
        return False

    problems = []
    for line, start in enumerate(starts):
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        tab = text.find("\t", start, end)
        while tab != -1 and allowed(tab, line):
            tab = text.find("\t", tab + 1, end)
        if tab != -1:
            problems.append(Problem(display, line + 1, tab - start + 1, "loose_tab", {}))
    return problems


def _parser_nesting_limit(error: yaml.YAMLError) -> int | None:
    """Where the parser stopped at its own nesting limit (a character index), if it did.

    The libyaml of newer PyYAML wheels (6.0.4) stops at 1,000 levels of its own, and in `[`/`{`
    collections it scans up to 1,024 characters ahead before it gives the events our depth
    guard counts. The text before the place it stopped holds the first node that is too deep,
    so reading just that text reports it as any PyYAML would."""
    if (
        isinstance(error, yaml.MarkedYAMLError)
        and error.problem_mark is not None
        and "maximum nesting depth" in (error.problem or "")
    ):
        return error.problem_mark.index
    return None


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


def _syntax_problem(error: yaml.YAMLError, text: str, display: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _text_position(text, error.position)
        return Problem(
            display,
            line,
            column,
            "bad_character",
            {"code": f"U+{error.character:04X}"}
            if isinstance(error.character, int)
            else {"code": "?"},
        )
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(display, 1, 1, "yaml_syntax", {"detail": ""})
    context = error.context or ""
    problem = error.problem or ""
    mark = error.problem_mark or error.context_mark
    code, params = "yaml_syntax", {"detail": problem}
    opened = None if "quoted scalar" in context else _quote_left_open(text, error.problem_mark)
    if "quoted scalar" in context and error.context_mark:
        mark, code = error.context_mark, "unclosed_quote"
    elif opened is not None:
        mark, code, params = opened.start_mark, "quote_left_open", {"line": mark.line + 1}
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


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML 1.1's, as libyaml counts lines
_FIELD_LINE = re.compile(r"[ \t]*(?:-[ \t]+)*[^\s#:\-\"'][^:]*:(?:[ \t]|$)")  # `name:` or `- name:`


def _quote_left_open(text: str, mark):
    """The quoted text whose closing quotation mark is likely missing, or None.

    A quoted scalar may span lines, so `fi: "text` without its closing mark runs on to the next
    quotation mark of the file, often many lines below, and the syntax error is found right
    after it. That is the likely cause when the quoted text ended on the line of the error
    and ran over lines that look like fields of their own (`sv: ...`): not text someone meant
    to continue on the next line."""
    if mark is None:
        return None
    starts = _line_starts(text)
    if mark.line >= len(starts):
        return None
    quoted = None
    try:
        for token in yaml.scan(text[: starts[mark.line] + mark.column], Loader=Loader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                quoted = token
    except yaml.YAMLError:
        pass
    if quoted is None or not quoted.start_mark.line < quoted.end_mark.line == mark.line:
        return None
    end = starts[mark.line] + quoted.end_mark.column - 1  # the closing quotation mark
    swallowed = _LINE_BREAK.split(text[starts[quoted.start_mark.line + 1] : end])
    return quoted if any(_FIELD_LINE.match(line) for line in swallowed) else None


def _line_starts(text: str) -> list[int]:
    return [0, *(found.end() for found in _LINE_BREAK.finditer(text))]


def _char_at(text: str, mark) -> str:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


class _Stop(Exception):
    """A limit was reached: the problem is recorded and the rest of the file is not read."""


class _Fatal(Exception):
    """A mistake that makes the file unreadable as a whole, like a syntax error."""

    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass
class _Anchor:
    """What `&name` marked: its value and positions, to be repeated wherever `*name` is."""

    mark: object
    done: bool = False
    data: object = None
    nodes: int = 0
    collections: int = 0
    height: int = 0  # nesting below the anchored value, for the depth limit
    text: int = 0  # characters it stands for, its own aliases expanded
    values: list = field(default_factory=list)
    keys: list = field(default_factory=list)


def _position(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Builder:
    """Dicts, lists and strings from the event stream, refusing what a catalogue never needs."""

    def __init__(self, doc: YamlDocument, text: str = ""):
        self.doc = doc
        self.text = text
        self.questions = "?" in text  # whether flow collections need `question_mark`
        self.starts: list[int] | None = None  # where each line of the text starts, when needed
        self.values = doc.values  # read for every value: one lookup less
        self.problems: list[Problem] = []
        self.nodes = 0
        self.alias_nodes = 0  # values the aliases of collections repeat, nested ones included
        self.alias_text = 0  # characters of the file the aliases repeat, nested ones included
        self.end_index = 0  # where the last collection read ended in the text
        self.shared = False  # an alias handed out its anchor's collection itself, not a copy
        self.collections = 0
        self.deepest = 0  # the deepest collection so far, for an anchor's height
        self.anchors: dict[str, _Anchor] = {}
        self.recording: list[tuple[_Anchor, PathKey]] = []  # anchors being read, outermost first
        self.events: Iterator[Any] = iter(())  # libyaml's events, with marks always set

    def fail(self, mark, code: str, **params) -> None:
        line, column = _position(mark)
        self.problems.append(Problem(self.doc.path, line, column, code, params))

    def read(self, events):
        self.events = iter(events)
        next(self.events)  # the stream starts
        if isinstance(next(self.events), yaml.StreamEndEvent):
            raise _Fatal(Problem(self.doc.path, 1, 1, "empty_file", {}))
        data = self.node(next(self.events), (), 0)
        next(self.events)  # the document ends
        following = next(self.events)
        if not isinstance(following, yaml.StreamEndEvent):
            line, column = _position(following.start_mark)
            raise _Fatal(Problem(self.doc.path, line, column, "several_documents", {}))
        return data

    def place(self, table: dict, recorded: str, loc: PathKey, position) -> None:
        if loc not in table:
            table[loc] = position
            for anchor, root in self.recording:
                getattr(anchor, recorded).append((loc[len(root) :], position))

    def node(self, event, loc: PathKey, depth: int):
        if type(event) is yaml.ScalarEvent and event.tag is None and event.anchor is None:
            self.nodes += 1  # the common case, kept short: a plain or quoted text
            if loc not in self.values:
                mark = event.start_mark
                if self.recording:
                    self.place(self.values, "values", loc, (mark.line + 1, mark.column + 1))
                else:
                    self.values[loc] = (mark.line + 1, mark.column + 1)
            text = event.value
            return None if event.implicit[0] and text in _NULL_WORDS else text
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, loc, depth)
        self.nodes += 1
        self.place(self.doc.values, "values", loc, _position(event.start_mark))
        anchor = None
        if event.anchor is not None:
            anchor = self.anchors[event.anchor] = _Anchor(event.start_mark)
            self.recording.append((anchor, loc))
            nodes, collections, deepest = self.nodes - 1, self.collections, self.deepest
            alias_text = self.alias_text
            self.deepest = depth
        tag = event.tag
        value: object
        if isinstance(event, yaml.ScalarEvent):
            if tag is None or tag == "!":
                tag = _NULL_TAG if event.implicit[0] and event.value in _NULL_WORDS else _STR_TAG
            if tag not in _PLAIN_TAGS:
                self.fail(event.start_mark, "yaml_tag", tag=tag)
                value = None
            else:
                value = None if tag == _NULL_TAG and event.implicit[0] else event.value
        else:
            if depth >= MAX_DEPTH:
                self.fail(event.start_mark, "too_deep", limit=MAX_DEPTH)
                raise _Stop
            self.collections += 1
            if isinstance(event, yaml.SequenceStartEvent):
                value = self.sequence(event, loc, depth)
            else:
                value = self.mapping(event, loc, depth)
            if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
                self.fail(event.start_mark, "yaml_tag", tag=tag)
                value = None
        if anchor is not None:
            self.recording.pop()
            anchor.done, anchor.data = True, value
            anchor.nodes, anchor.collections = self.nodes - nodes, self.collections - collections
            anchor.height = self.deepest - depth
            end = event.end_mark.index if isinstance(event, yaml.ScalarEvent) else self.end_index
            anchor.text = end - event.start_mark.index + self.alias_text - alias_text
            self.deepest = max(deepest, self.deepest)
        return value

    def sequence(self, start, loc: PathKey, depth: int) -> list:
        self.deepest = max(self.deepest, depth)
        check = start.flow_style and self.questions
        items: list[object] = []
        for event in self.events:
            if isinstance(event, yaml.SequenceEndEvent):
                self.end_index = event.end_mark.index
                return items
            if check:
                self.question_mark(event)
            items.append(self.node(event, (*loc, len(items)), depth + 1))
        return items

    def mapping(self, start, loc: PathKey, depth: int) -> dict:
        self.deepest = max(self.deepest, depth)
        result: dict[str, object] = {}
        keys = self.doc.keys
        check = start.flow_style and self.questions
        for key_event in self.events:
            if type(key_event) is yaml.MappingEndEvent:
                self.end_index = key_event.end_mark.index
                return result
            if (
                type(key_event) is yaml.ScalarEvent
                and key_event.tag is None
                and key_event.anchor is None
            ):
                key: str | None = key_event.value  # the common case: a plain field name
            else:
                key = self.key(key_event)
            value_event = next(self.events)
            if check:
                self.question_mark(key_event)
                self.question_mark(value_event)
            if key is None:
                self.node(value_event, _SCRATCH + loc, depth + 1)
                continue
            if start.flow_style and _key_without_value(key_event, value_event):
                code = "comma_in_flow_days" if key in _DAY_WORDS else "comma_in_flow_text"
                self.fail(key_event.start_mark, code, word=key)
                continue
            child = (*loc, key)
            if key in result:
                self.fail(key_event.start_mark, "duplicate_key", key=key, line=keys[child][0])
                self.node(value_event, _SCRATCH + loc, depth + 1)
                continue
            mark = key_event.start_mark
            if self.recording:
                self.place(keys, "keys", child, (mark.line + 1, mark.column + 1))
            else:
                keys[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.node(value_event, child, depth + 1)
        return result

    def question_mark(self, event) -> None:
        """`{fi: Tarvitsetko apua? -lomake}`: inside {} and [] libyaml reads "?" as part of plain
        text, PyYAML's own parser (the one the schema test and most Python tools use) as the
        start of a field, and fails. Such text is rejected here too, at the "?", as PyYAML would."""
        if type(event) is yaml.ScalarEvent and not event.style and "?" in event.value:
            if self.starts is None:
                self.starts = _line_starts(self.text)
            starts, mark = self.starts, event.start_mark
            index = self.text.find("?", starts[mark.line] + mark.column)
            line = bisect.bisect_right(starts, index) - 1
            self.problems.append(
                Problem(self.doc.path, line + 1, index - starts[line] + 1, "question_in_flow", {})
            )

    def key(self, event) -> str | None:
        """A field name, or None (reported) when the key is a list, a mapping or tagged."""
        if isinstance(event, yaml.AliasEvent):
            anchor = self._anchor(event)
            if anchor.done and isinstance(anchor.data, str):
                return anchor.data
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                self.anchors[event.anchor] = _Anchor(
                    event.start_mark, True, event.value, 1, text=len(event.value)
                )
            if event.tag is None or event.tag == "!" or event.tag in _PLAIN_TAGS:
                return event.value
        else:
            self.node(event, _SCRATCH, 0)
        self.fail(event.start_mark, "complex_key")
        return None

    def _anchor(self, event) -> _Anchor:
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            line, column = _position(event.start_mark)
            raise _Fatal(Problem(self.doc.path, line, column, "undefined_alias", {}))
        return anchor

    def alias(self, event, loc: PathKey, depth: int):
        """`*name`: the anchored value again, counted against the limits, positions included.

        The anchor's count holds every value it expands to, its own aliases expanded, so a file
        of nested aliases ("billion laughs") stops here on counts alone. The collection itself
        is handed out shared and copied only once the whole file has been read within the
        limits (`_unshared`)."""
        anchor = self._anchor(event)
        if not anchor.done:
            self.fail(anchor.mark, "alias_cycle")
            return None
        self.nodes += anchor.nodes
        if anchor.collections:
            self.alias_nodes += anchor.nodes
        if self.alias_nodes > MAX_ALIAS_NODES or self.nodes > MAX_NODES:
            self.fail(event.start_mark, "alias_expansion", limit=MAX_ALIAS_NODES)
            raise _Stop
        self.alias_text += anchor.text
        if self.alias_text > MAX_ALIAS_TEXT:  # one long text repeated many times
            self.fail(event.start_mark, "alias_text", limit=MAX_ALIAS_TEXT // (1024 * 1024))
            raise _Stop
        if anchor.collections and depth + anchor.height >= MAX_DEPTH:
            self.fail(anchor.mark, "too_deep", limit=MAX_DEPTH)
            raise _Stop
        for relative, position in anchor.values:
            self.place(self.doc.values, "values", loc + relative, position)
        for relative, position in anchor.keys:
            self.place(self.doc.keys, "keys", loc + relative, position)
        if anchor.collections:
            self.shared = True
        return anchor.data


def _unshared(data):
    """The data with every collection that an alias repeated copied, so that no list or dict
    appears twice: editing one place of the data leaves the others as the file wrote them."""
    seen: set[int] = set()

    def walk(value):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, (dict, list)):
                if id(item) in seen:
                    value[key] = _copied(item)
                else:
                    seen.add(id(item))
                    walk(item)

    if isinstance(data, (dict, list)):
        seen.add(id(data))
        walk(data)
    return data


def _copied(value):
    """A fresh copy of a tree of dicts, lists and strings, sharing nothing with the original."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def _key_without_value(key_event, value_event) -> bool:
    """`{fi: Kontiolahti, Liperi}`: the comma ended the text and "Liperi" became a bare key."""
    return (
        isinstance(value_event, yaml.ScalarEvent)
        and value_event.tag is None
        and value_event.implicit[0]
        and value_event.value in _NULL_WORDS
        and value_event.start_mark.index == key_event.end_mark.index
    )
