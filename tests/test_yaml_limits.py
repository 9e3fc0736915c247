"""The YAML reader's limits cost little to reach: a hostile file is rejected on counts, before
the reader does the work the file asks for."""

from __future__ import annotations

import copy
import time

import pytest
from perheovi.catalogue import yamlsource
from perheovi.catalogue.yamlsource import MAX_ALIAS_NODES, parse_yaml_bytes


def laughs(size: int = 2048) -> bytes:
    """A "billion laughs" file: each line repeats the line above ten times, about `size` bytes."""
    lines = ['laugh0: &laugh0 ["ha ha"]']
    while sum(len(line) + 1 for line in lines) < size - 130:
        i = len(lines)
        lines.append(f"laugh{i}: &laugh{i} [" + ", ".join([f"*laugh{i - 1}"] * 10) + "]")
    return ("\n".join(lines) + "\n").encode()


def plain_file(size: int) -> bytes:
    """A valid file of flow lists, about `size` bytes."""
    lines: list[str] = []
    while sum(len(line) + 1 for line in lines) < size - 40:
        lines.append(f"field{len(lines)}: [monday, tuesday, {len(lines)}]")
    return ("\n".join(lines) + "\n").encode()


def cpu_seconds(raw: bytes) -> float:
    """The least CPU time of three reads (process time: other processes do not count)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        parse_yaml_bytes(raw, "f.yaml")
        best = min(best, time.process_time() - start)
    return best


def codes(raw: bytes) -> list[str]:
    return [problem.code for problem in parse_yaml_bytes(raw, "f.yaml")[1]]


def test_a_billion_laughs_file_is_rejected_about_as_fast_as_a_valid_file_is_read():
    bomb = laughs()
    valid = plain_file(len(bomb))
    assert codes(bomb) == ["alias_expansion"]
    assert codes(valid) == []
    assert cpu_seconds(bomb) < cpu_seconds(valid) + 1.0


def test_a_billion_laughs_file_is_rejected_before_any_value_is_copied(monkeypatch):
    def copied(value):
        raise AssertionError("an alias was copied before the file was known to be within limits")

    monkeypatch.setattr(yamlsource, "_copied", copied, raising=False)
    monkeypatch.setattr(copy, "deepcopy", copied)
    assert codes(laughs()) == ["alias_expansion"]


def nested(levels: int, width: int) -> bytes:
    lines = ["a0: &a0 [x]"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(("levels", "width"), [(5, 10), (15, 2)])
def test_aliases_of_aliases_count_every_value_they_expand_to(levels, width):
    # Few collections are written out (one per line), but they expand to more values than the
    # limit: the count is of what the aliases repeat, aliases inside them included.
    expanded = sum(2 * width**level for level in range(levels))
    assert expanded > MAX_ALIAS_NODES
    assert codes(nested(levels, width)) == ["alias_expansion"]


def test_aliases_of_aliases_within_the_limit_are_read_as_separate_copies():
    doc, problems = parse_yaml_bytes(nested(4, 3), "f.yaml")
    assert problems == []
    a3 = doc.data["a3"]
    assert a3 == [[[["x"]] * 3] * 3] * 3
    assert a3[0] is not a3[1] and a3[0][0] is not a3[1][0] and a3[0][0] is not a3[0][1]
    assert a3[0] is not doc.data["a2"] and a3[0][0][0] is not doc.data["a0"]
    assert doc.position(("a3", 2, 1, 0, 0)) == (1, 10)


def test_one_long_text_repeated_by_many_aliases_is_rejected_by_its_size():
    text = "big: &big " + "x" * 200_000 + "\nmany:\n" + "  - *big\n" * 2_000
    started = time.process_time()
    _, problems = parse_yaml_bytes(text.encode(), "long.yaml")
    spent = time.process_time() - started
    assert [(p.line, p.column, p.code, p.params) for p in problems] == [
        (29, 5, "alias_text", {"limit": 5})
    ]
    assert spent < 1.0
