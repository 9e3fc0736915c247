"""Every message of `perheovi check` and `perheovi report`, whole, in Finnish, Swedish and English.

Each message code is told with realistic parameters (`EXAMPLES`) in each language: no English
word may be left inside a Finnish or Swedish sentence (the words other modules put into messages,
weekday and language names), and every parameter is used. The source is read for every code it
makes a problem with, so a typo in a code fails here, not when a provider first hits it.
"""

from __future__ import annotations

import ast
import datetime as dt
import re

import pytest
from babel import Locale
from conftest import ROOT
from perheovi.catalogue.loader import check_catalogue
from perheovi.catalogue.problems import (
    DAYS_IN_MONTH,
    FRAGMENTS,
    HINT,
    MESSAGES,
    NO_SUCH_MONTH,
    Problem,
    ProblemCodeError,
    messages,
    placeholders,
)

PACKAGE = ROOT / "plugins" / "perheovi"
COUNTY = "providers/county.yaml"
FILES = ["catalogue/providers/ngo.yaml", "catalogue/providers/parish.yaml"]

# One realistic example of each message's parameters, as the code that makes the problem
# passes them (day codes, language codes and English fragments: told in the reader's language).
EXAMPLES: dict[str, dict] = {
    "file_unreadable": {"reason": "Permission denied"},
    "file_too_large": {"limit": 5},
    "not_utf8": {},
    "empty_file": {},
    "bad_character": {"code": "U+0007"},
    # PyYAML's own words, quoted after the colon as the parser gave them.
    "yaml_syntax": {"detail": "expected <block end>, but found '<block sequence start>'"},
    "unclosed_quote": {},
    "quote_left_open": {"line": 14},
    "unclosed_bracket": {},
    "tab": {},
    "bad_token": {"char": "@"},
    "bad_indentation": {},
    "colon_in_value": {},
    "several_documents": {},
    "undefined_alias": {},
    "yaml_tag": {"tag": "!!python/object"},
    "comma_in_flow_text": {"word": "Liperi"},
    "comma_in_flow_days": {"word": "wed"},
    "complex_key": {},
    "duplicate_key": {"key": "cost", "line": 12},
    "alias_cycle": {},
    "alias_expansion": {"limit": 10000},
    "alias_text": {"limit": 5},
    "loose_tab": {},
    "question_in_flow": {},
    "too_deep": {"limit": 50},
    "top_not_mapping": {"found": "a single value"},
    "missing": {"field": "summary"},
    "unknown_key": {"key": "catgory", "hint": "category", "known": "id, category, name, summary"},
    "expected_text": {},
    "expected_list": {},
    "expected_mapping": {"found": "a list"},
    "expected_bool": {"value": "kyllä"},
    "expected_number": {"value": "62,6"},
    "empty_value": {},
    "empty_list": {},
    "invalid_value": {"value": "???"},
    "unknown_choice": {
        "value": "tusday",
        "what": "a day of the week",
        "allowed": "mon, tue, wed, thu, fri, sat, sun",
        "hint": "tue",
    },
    "text_too_long": {"length": 212, "limit": 200},
    "text_control_char": {"code": "U+202E"},
    "bad_slug": {"value": "Perhe Talo", "example": "perhe-talo"},
    "bad_date": {"value": "1.10.2026"},
    "date_not_exist": {"value": "2026-09-31", "reason": "2026-09 has 30 days"},
    "bad_time": {"value": "25.00"},
    "bad_interval": {"value": "8-16-18"},
    "reversed_interval": {"value": "22.00-2.00", "overnight": "22.00-2.00+1"},
    "empty_interval": {"value": "8.00-8.00"},
    "overlapping_intervals": {
        "first": "8.00-12.00",
        "second": "11.00-16.00",
        "day": "mon,tue,wed,thu,fri",
    },
    "day_twice": {"day": "fri", "first": "mon-fri", "second": "fri"},
    "bad_phone": {"value": "040 12"},
    "phone_not_in_use": {"value": "040 000 0000"},
    "short_number_not_in_use": {"value": "118", "numbers": "112, 116 117"},
    "short_number_no_texts": {"value": "116 111", "numbers": "112"},
    "short_number_no_calls": {"value": "16183"},
    "bad_url": {"value": "www.example.fi"},
    "bad_url_scheme": {"scheme": "javascript", "allowed": "https:, http:"},
    "bad_email": {"value": "neuvola(at)example.fi"},
    "bad_language": {"value": "swe", "hint": "sv"},
    "bad_municipality_code": {"value": "Joensu", "hint": "167"},
    "bad_postal_code": {"value": "8010"},
    "bad_coordinate": {"value": "75.1", "axis": "lat", "low": 59.0, "high": 71.0},
    "bad_range": {"start": "2026-06-01", "until": "2026-05-31"},
    "channel_needs": {"type": "phone", "field": "number"},
    "channel_field_not_used": {"type": "web", "field": "number"},
    "email_sensitive": {},
    "hours_always_and_weekly": {},
    "hours_empty": {},
    "exception_closed_and_hours": {},
    "exception_needs": {},
    "dates_overlap": {
        "what": "periods",
        "first": "2026-06-01–2026-08-15",
        "second": "2026-08-01–2026-08-31",
    },
    "not_on_weekday": {"value": "2026-09-07", "actual": "mon", "day": "tue"},
    "not_in_pattern": {
        "value": "2026-09-01",
        "month": "2026-09",
        "dates": "2026-09-08, 2026-09-22",
    },
    "pattern_weeks_and_monthly": {},
    "outside_terms": {"value": "2026-12-22", "terms": "2026-08-17–2026-12-18"},
    "step_empty": {},
    "path_no_first_contact": {},
    "path_many_first_contacts": {"other": "neuvola"},
    "step_id_twice": {"value": "neuvola"},
    "area_region_alone": {"value": "region"},
    "place_outside_needs_area": {"town": "Tampere"},
    "channel_language_not_offered": {"value": "en", "languages": "fi, sv"},
    "language_without_channel": {"value": "sv"},
    "partner_is_provider": {"value": "karjalan-lapsiperheliitto"},
    "partner_twice": {"value": "joensuun-seurakuntayhtyma"},
    "organiser_is_provider": {"value": "pohjois-karjalan-hyvinvointialue"},
    "call_charge_without_phone": {},
    "stale_entry": {
        "what": "meeting place",
        "name": "Perhekahvila",
        "date": "2025-03-01",
        "months": 12,
    },
    "plain_empty": {},
    "plain_unknown_step": {"value": "sovi-aika", "known": "soita, tapaaminen"},
    "plain_long_sentence": {
        "what": "service",
        "name": "Perheneuvola",
        "language": "fi",
        "count": 2,
        "limit": 12,
        "first": "Perheneuvolassa voit puhua lapsesi …",
    },
    "plain_long_words": {
        "what": "path",
        "name": "Ero",
        "language": "fi",
        "words": "huoltajuusasioissa, tapaamisoikeus",
        "limit": 14,
    },
    "plain_passive": {
        "what": "service",
        "name": "Perheneuvola",
        "language": "fi",
        "words": "haetaan",
    },
    "plain_abbreviation": {"what": "service", "name": "Kela", "language": "sv", "words": "t.ex."},
    "plain_lix": {
        "what": "service",
        "name": "Perheneuvola",
        "language": "sv",
        "lix": "41",
        "limit": 30,
    },
    "no_plain_text": {"name": "Perheneuvola", "path": "Ero"},
    "path_no_plain_text": {"name": "Ero"},
    "missing_translation": {
        "what": "service",
        "name": "Lastenneuvola",
        "language": "sv",
        "fields": "name, summary",
    },
    "no_hours": {"name": "Lastenneuvola"},
    "unknown_reference": {"kind": "location", "value": "joensu-talo", "hint": "joensuu-talo"},
    "unknown_reference_unread": {
        "kind": "location",
        "value": "perhetalo",
        "hint": "",
        "file": "catalogue/providers/ngo.yaml",
    },
    "unknown_reference_unread_files": {
        "kind": "service",
        "value": "vertaisryhma",
        "hint": "",
        "files": FILES,
    },
    "municipality_without_file": {
        "value": "muurame",
        "file": "catalogue/municipalities/muurame.yaml",
    },
    "municipality_outside_region": {
        "value": "helsinki",
        "name": "Helsinki",
        "code": "091",
        "file": "catalogue/municipalities/helsinki.yaml",
    },
    "duplicate_id": {"value": "neuvola-joensuu", "other": "catalogue/providers/county.yaml:21"},
    "municipality_not_in_region": {"value": "276", "name": "Kontiolahti"},
    "municipality_file_missing": {"value": "276", "name": "Kontiolahti", "slug": "kontiolahti"},
    "municipality_code_twice": {"value": "167", "other": "catalogue/municipalities/joensuu.yaml"},
    "bad_file_name": {"value": "Joensuu", "example": "joensuu"},
    "wrong_extension": {"example": "kela.yaml"},
    "unknown_file": {"known": "region.yaml, search-synonyms.yaml, providers/<slug>.yaml"},
    "missing_region": {},
    "not_a_directory": {},
}


def _english_words() -> list[str]:
    """What must never stand in a Finnish or Swedish message: the English words other modules
    put into messages, English weekday and language names, the words of the English hint."""
    english = Locale.parse("en")
    words = set(FRAGMENTS)
    words |= {english.days["stand-alone"]["wide"][index] for index in range(7)}
    words |= {english.languages[code] for code in ("fi", "sv", "en")}
    for template in (HINT, NO_SUCH_MONTH, DAYS_IN_MONTH):
        words |= {part.strip(' ("?)') for part in re.split(r"\{\w+\}", template)}
    return sorted(word for word in words if len(word) > 2)


ENGLISH_WORDS = _english_words()


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH_WORDS if re.search(rf"\b{re.escape(word)}\b", text)]


# --- every code, with an example, in every language ------------------------------------------


def test_every_message_code_has_an_example():
    assert sorted(set(MESSAGES) - set(EXAMPLES)) == [], "add an example of these to EXAMPLES"
    assert sorted(set(EXAMPLES) - set(MESSAGES)) == [], "these examples have no message"


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_each_example_gives_exactly_the_parameters_of_its_message(code):
    assert set(EXAMPLES[code]) == placeholders(MESSAGES[code])


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("code", sorted(set(MESSAGES) & set(EXAMPLES)))
def test_every_message_is_told_whole_in_finnish_and_swedish(code, lang):
    problem = Problem("catalogue/providers/county.yaml", 3, 5, code, EXAMPLES[code])
    translated = messages(lang)(MESSAGES[code])
    assert translated != MESSAGES[code], f"{code} is not translated"
    assert placeholders(translated) == placeholders(MESSAGES[code]), translated
    told = problem.message(messages(lang))
    assert english_in(told) == [], told


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fi", 'perjantai on annettu kahdesti samoissa ajoissa ("mon-fri" ja "fri")'),
        ("sv", 'fredag anges två gånger i samma tider ("mon-fri" och "fri")'),
        ("en", 'Friday is given twice in the same hours ("mon-fri" and "fri")'),
    ],
)
def test_a_day_is_named_in_the_readers_language(lang, expected):
    problem = Problem("x.yaml", 1, 1, "day_twice", EXAMPLES["day_twice"])
    assert problem.message(messages(lang)) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fi", "2026-09-07 on maanantai, mutta toiminnan viikonpäivä on tiistai"),
        ("sv", "2026-09-07 är en måndag, men verksamheten hålls på tisdagar"),
        ("en", "2026-09-07 is a Monday, but this activity is on Tuesdays"),
    ],
)
def test_a_cancelled_activity_on_the_wrong_weekday_names_both_days(lang, expected):
    problem = Problem("x.yaml", 1, 1, "not_on_weekday", EXAMPLES["not_on_weekday"])
    assert problem.message(messages(lang)) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fi", 'palvelu "Lastenneuvola": teksti puuttuu kielellä ruotsi (kentät: name, summary)'),
        ("sv", 'tjänsten "Lastenneuvola" saknar text på svenska för: name, summary'),
        ("en", 'service "Lastenneuvola" has no Swedish text for: name, summary'),
    ],
)
def test_the_report_names_the_missing_language_in_the_readers_language(lang, expected):
    problem = Problem("x.yaml", 1, 1, "missing_translation", EXAMPLES["missing_translation"])
    assert problem.message(messages(lang)) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fi", '"tusday" ei ole viikonpäivä; kirjoita jokin näistä: mon, tue, wed, thu, fri, sat,'),
        ("sv", '"tusday" är inte en veckodag; skriv något av dessa: mon, tue, wed, thu, fri, sat'),
        ("en", '"tusday" is not a day of the week; write one of mon, tue, wed, thu, fri, sat'),
    ],
)
def test_what_a_value_should_have_been_is_told_in_the_readers_language(lang, expected):
    problem = Problem("x.yaml", 1, 1, "unknown_choice", EXAMPLES["unknown_choice"])
    assert problem.message(messages(lang)).startswith(expected)


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fi", "2026-09-31 ei ole olemassa oleva päivämäärä (kuukaudessa 2026-09 on 30 päivää)"),
        ("sv", "2026-09-31 är inte ett datum som finns (2026-09 har 30 dagar)"),
        ("en", "2026-09-31 is not a date that exists (2026-09 has 30 days)"),
    ],
)
def test_why_a_date_does_not_exist_is_told_in_the_readers_language(lang, expected):
    problem = Problem("x.yaml", 1, 1, "date_not_exist", EXAMPLES["date_not_exist"])
    assert problem.message(messages(lang)) == expected


def test_the_reason_a_date_does_not_exist_is_the_one_the_validator_gives(minimal):
    """The reason is told from the date itself: in English it must read as values.py words it."""
    for written in ("2026-09-31", "2026-13-01", "2024-02-30"):
        minimal.replace(COUNTY, "reviewed: 2026-10-01", f"reviewed: {written}")
        _, found = check_catalogue(minimal.path)
        [problem] = found
        assert problem.code == "date_not_exist"
        assert (
            problem.message() == f"{written} is not a date that exists ({problem.params['reason']})"
        )
        minimal.replace(COUNTY, f"reviewed: {written}", "reviewed: 2026-10-01")


def test_several_files_are_listed_as_the_reader_lists_them():
    problem = Problem(
        "x.yaml", 1, 1, "unknown_reference_unread_files", EXAMPLES["unknown_reference_unread_files"]
    )
    assert f"{FILES[0]} ja {FILES[1]}" in problem.message(messages("fi"))
    assert f"{FILES[0]} och {FILES[1]}" in problem.message(messages("sv"))
    assert f"{FILES[0]} and {FILES[1]}" in problem.message(messages("en"))


# Mistakes in one file (found when it is validated), then across files (found when linked).
MISTAKES = {
    "values": [
        ("  - day: tue", "  - day: tusday"),
        ("cost: free", "cost: freee"),
        ("      - type: walk-in\n", "      - type: walk-in\n        number: 040 000 1234\n"),
        ("        mon-fri: 8.00-16.00", "        mon-fri: 8.00-16.00\n        fri: 8.00-12.00"),
        ("reviewed: 2026-10-01", "reviewed: 2026-09-31"),
        ("summary: {fi: Lapsen terveys.}", "summary: [Lapsen terveys.]"),
        ('{street: Esimerkkikatu 1, postal_code: "80100", municipality: joensuu}', "[Katu 1]"),
    ],
    "references": [
        ("        location: joensuu-talo", "        location: joensu-talo"),
        ("area: [joensuu]", "area: [joensuu, kontiolahti]"),
        ("        time: 9.30-11.30", "        time: 9.30-11.30\n        cancelled: [2026-09-07]"),
    ],
}


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("kind", sorted(MISTAKES))
def test_a_broken_catalogue_is_reported_without_english_words(minimal, kind, lang):
    for old, new in MISTAKES[kind]:
        minimal.replace(COUNTY, old, new)
    _, found = check_catalogue(minimal.path)
    assert len(found) >= len(MISTAKES[kind])
    for problem in found:
        assert english_in(problem.message(messages(lang))) == [], problem.render()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_freshness_report_has_no_english_words(catalogue, lang):
    from perheovi.catalogue.freshness import findings

    found = findings(catalogue, dt.date(2040, 1, 1))
    assert {p.params.get("what") for p in found} >= {"provider", "service", "meeting place"}
    assert {p.code for p in found} >= {"stale_entry", "missing_translation"}
    for problem in found:
        assert english_in(problem.message(messages(lang))) == [], problem.render()


# --- codes in the source ---------------------------------------------------------------------


def _keys(node: ast.expr | None) -> set[str] | None:
    """The parameter names of a literal dict (or of both branches of `a if c else b`)."""
    if node is None:
        return set()
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
        return {k.value for k in node.keys}  # type: ignore[union-attr]
    if isinstance(node, ast.IfExp) and _keys(node.body) == _keys(node.orelse):
        return _keys(node.body)
    return None


def _problem_call(call: ast.Call) -> tuple[ast.expr | None, set[str] | None] | None:
    """(code, parameter names or None when not literal) of a call that makes a problem:
    Problem(path, line, column, code, params), values.fail(code, **params), yamlsource's
    self.fail(mark, code, **params), catalogue's self.problem(source, loc, code, **params)."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    position = {"Problem": 3, "fail": 0 if isinstance(func, ast.Name) else 1, "problem": 2}
    if name not in position:
        return None
    index = position[name]
    code = call.args[index] if len(call.args) > index else None
    if name == "Problem":
        return code, _keys(call.args[4] if len(call.args) > 4 else None)
    if any(keyword.arg is None for keyword in call.keywords):
        return code, None
    return code, {keyword.arg for keyword in call.keywords if keyword.arg}


def _assigned_codes(tree: ast.AST) -> set[str]:
    """Codes chosen before the call: `code = "tab"`, `code, params = "bad_token", {…}`,
    `code = "a" if … else "b"`, and the values of loader's `_SIMPLE` table."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            names = target.elts if isinstance(target, ast.Tuple) else [target]
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            for name, value in zip(names, values, strict=False):
                if isinstance(name, ast.Name) and name.id == "code":
                    options = (
                        [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                    )
                    found |= {o.value for o in options if isinstance(o, ast.Constant)}
                if isinstance(name, ast.Name) and name.id == "_SIMPLE":
                    found |= {v.value for v in value.values if isinstance(v, ast.Constant)}  # type: ignore[attr-defined]
    return found


def source_codes() -> tuple[list[tuple[str, str, set[str] | None]], set[str]]:
    """Every problem made with a literal code (where, code, parameters) and every code chosen
    in a variable first, across the package."""
    calls, assigned = [], set()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        assigned |= _assigned_codes(tree)
        for node in ast.walk(tree):
            found = isinstance(node, ast.Call) and _problem_call(node)
            if found and isinstance(found[0], ast.Constant):
                where = f"{path.name}:{node.lineno}"
                calls.append((where, found[0].value, found[1]))
    return calls, assigned


def test_every_code_the_source_uses_has_a_message_with_those_parameters():
    calls, assigned = source_codes()
    assert len(calls) > 60, "the scan no longer finds where problems are made"
    unknown = [f"{where}: {code}" for where, code, _ in calls if code not in MESSAGES]
    unknown += [f"assigned: {code}" for code in sorted(assigned - set(MESSAGES))]
    assert unknown == []
    wrong = [
        f"{where}: {code} passes {sorted(params)}, needs {sorted(placeholders(MESSAGES[code]))}"
        for where, code, params in calls
        if params is not None and params != placeholders(MESSAGES[code])
    ]
    assert wrong == []


def test_every_message_is_made_somewhere_in_the_source():
    """Each code is written somewhere outside problems.py (a call, or a value chosen first)."""
    written = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "problems.py":
            tree = ast.parse(path.read_text("utf-8"))
            written |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert sorted(set(MESSAGES) - written) == []


def test_what_a_choice_should_be_is_a_translatable_fragment():
    """`choice(values, "a day of the week")`: the words land in a message as its {what}."""
    words = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "choice":
                words += [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
            if (
                isinstance(node, ast.keyword)
                and node.arg in ("what", "found", "kind")
                and isinstance(node.value, ast.Constant)
            ):
                words.append(node.value.value)
    assert len(words) > 10
    assert sorted(set(words) - FRAGMENTS) == []


def test_a_problem_with_an_unknown_code_fails_where_it_is_made():
    with pytest.raises(ProblemCodeError, match="typo_code"):
        Problem("x.yaml", 1, 1, "typo_code", {})
    with pytest.raises(ProblemCodeError, match="value"):
        Problem("x.yaml", 1, 1, "bad_date", {})


# --- messages that say what is really wrong --------------------------------------------------

BROKEN_NGO = "kind: ngo\nname: {fi: Yhdistys\nlocations:\n  - id: yhdistyksen-talo\n"


def told(copy, lang: str = "en") -> list[str]:
    _, found = check_catalogue(copy.path)
    return [problem.render(messages(lang)) for problem in found]


def test_a_reference_to_an_id_of_an_unreadable_file_says_to_fix_that_file_first(minimal):
    minimal.write("providers/ngo.yaml", BROKEN_NGO)
    minimal.replace(COUNTY, "        location: joensuu-talo", "        location: yhdistyksen-talo")
    found = told(minimal)
    assert len(found) == 2
    assert found[0].endswith(
        'there is no location "yhdistyksen-talo" in the catalogue; '
        "catalogue/providers/ngo.yaml could not be read, fix that first"
    )
    assert found[1].startswith("catalogue/providers/ngo.yaml:2:7: the bracket")
    assert (
        "tiedostoa catalogue/providers/ngo.yaml ei voitu lukea, korjaa se ensin"
        in told(minimal, "fi")[0]
    )


def test_every_unreadable_file_is_named_when_several_could_hold_the_id(minimal):
    minimal.write("providers/ngo.yaml", BROKEN_NGO)
    minimal.write("providers/parish.yaml", "kind: parish\nname: [unclosed\n")
    minimal.replace(COUNTY, "        location: joensuu-talo", "        location: yhdistyksen-talo")
    assert told(minimal)[0].endswith(
        "catalogue/providers/ngo.yaml and catalogue/providers/parish.yaml could not be read, "
        "fix those first"
    )


def test_an_id_of_a_file_that_was_read_but_did_not_validate_is_not_reported(minimal):
    minimal.write("providers/ngo.yaml", "kind: ngoo\nlocations:\n  - id: yhdistyksen-talo\n")
    minimal.replace(COUNTY, "        location: joensuu-talo", "        location: yhdistyksen-talo")
    assert all("yhdistyksen-talo" not in line for line in told(minimal))


def test_a_member_municipality_without_its_file_is_named_not_guessed(minimal):
    minimal.replace("region.yaml", '["167", "422"]', '["167", "422", "500"]')
    minimal.replace(COUNTY, "area: [joensuu]", "area: [joensuu, muurame]")
    found = told(minimal)
    assert any(
        line.endswith(
            'there is no municipality "muurame" in the catalogue yet: '
            "its file catalogue/municipalities/muurame.yaml is missing"
        )
        for line in found
    ), found
    assert not any("uurainen" in line for line in found)
    assert any('kuntaa "muurame" ei vielä ole luettelossa' in line for line in told(minimal, "fi"))


def test_a_municipality_outside_the_region_says_so(minimal):
    minimal.replace(COUNTY, "area: [joensuu]", "area: [joensuu, kontiolahti]")
    [line] = told(minimal)
    assert line.endswith(
        'there is no municipality "kontiolahti" in the catalogue: Kontiolahti is not listed in '
        'region.yaml\'s municipalities (code "276") and its file '
        "catalogue/municipalities/kontiolahti.yaml is missing"
    )


def test_a_municipality_whose_file_has_another_name_is_suggested_by_that_name(minimal):
    (minimal.path / "municipalities" / "joensuu.yaml").rename(
        minimal.path / "municipalities" / "kaupunki.yaml"
    )
    found = told(minimal)
    assert found and all(
        '"joensuu" in the catalogue (did you mean "kaupunki"?)' in f for f in found
    )


def test_a_municipality_name_that_is_no_municipality_still_gets_a_suggestion(minimal):
    minimal.replace(COUNTY, "area: [joensuu]", "area: [joensu]")
    [line] = told(minimal)
    assert line.endswith(
        'there is no municipality "joensu" in the catalogue (did you mean "joensuu"?)'
    )


@pytest.mark.parametrize(
    "keys, quoted",
    [
        (("mon-fri: 8.00-16.00", "fri: 18.00-19.00"), '("mon-fri" and "fri")'),
        (("sat,sun: 10.00-12.00", "sat-sun: 14.00-15.00"), '("sat,sun" and "sat-sun")'),
        (("fri-mon: 8.00-9.00", "Sun: 10.00-11.00"), '("fri-mon" and "Sun")'),
    ],
)
def test_a_day_given_twice_quotes_the_days_as_written(minimal, keys, quoted):
    first, second = keys
    minimal.replace(COUNTY, "        mon-fri: 8.00-16.00", f"        {first}\n        {second}")
    [line] = told(minimal)
    assert line.endswith(f"is given twice in the same hours {quoted}")
