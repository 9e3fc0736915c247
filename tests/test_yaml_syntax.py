"""YAML syntax errors are reported where the provider has to look, in plain words."""

from __future__ import annotations

import pytest
from perheovi.catalogue.yamlsource import parse_yaml_bytes


def rendered(text: str) -> list[str]:
    _doc, problems = parse_yaml_bytes(text.encode("utf-8"), "f.yaml")
    return [problem.render() for problem in problems]


LEFT_OPEN = (
    "the quotation mark that starts here seems never to be closed, so the text runs on to the "
    "next quotation mark, on line {line}; add the closing quotation mark where the text ends"
)

# Line 5 opens a quotation that is never closed; the next quotation mark is on line 14.
FORGOTTEN = """\
id: neuvola
category: neuvola
reviewed: 2026-10-01
name:
  fi: {q}Lastenneuvola
  sv: Barnrådgivning
contacts:
  - type: phone
    number: 040 000 1234
  - type: walk-in
    location: joensuu-talo
languages: [fi, sv]
cost: free
summary: {{fi: {q}@neuvola-joensuu{q}}}
"""


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_left_open_is_reported_where_it_opened_not_at_the_next_quote(quote):
    assert rendered(FORGOTTEN.format(q=quote)) == ["f.yaml:5:7: " + LEFT_OPEN.format(line=14)]


def test_a_quote_left_open_inside_braces_over_two_lines_is_reported_where_it_opened():
    text = 'name: {fi: "Perhe,\n       sv: "Familj"}\nkind: county\n'
    assert rendered(text) == ["f.yaml:1:12: " + LEFT_OPEN.format(line=2)]


def test_a_quote_that_never_closes_keeps_its_message():
    text = FORGOTTEN.format(q='"').replace('"@neuvola-joensuu"', "x")
    assert rendered(text) == [
        "f.yaml:5:7: the quotation mark that starts here is never closed; add the closing "
        "quotation mark"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One-line quotations, then a mistake of its own.
        (
            'name: {fi: "Neuvola"}\nsummary: @x\n',
            "f.yaml:2:10: the character '@' cannot start a value here; put the value in quotes",
        ),
        # Text meant to run over two lines (no field swallowed), then something after it.
        (
            'summary:\n  fi: "Lapsen\n    terveys" (neuvola)\ncost: free\n',
            "f.yaml:3:14: the indentation is wrong here; line up this line with the other "
            "fields at the same level",
        ),
        # A quotation over several lines that closes properly; the mistake is further on.
        (
            'summary:\n  fi: "Lapsen\n    terveys"\ncost: @free\n',
            "f.yaml:4:7: the character '@' cannot start a value here; put the value in quotes",
        ),
    ],
)
def test_other_syntax_errors_near_quotations_keep_their_messages(text, expected):
    assert rendered(text) == [expected]
