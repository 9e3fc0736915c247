"""Every kind of mistake a provider can make is reported at its file, line and column, in words.

Each test edits one mistake into a copy of tests/data/minimal and pins the exact position. The
expected position is where the marker text stands in the edited file (line and column, 1-based).
"""

from __future__ import annotations

import re

import pytest
from perheovi.catalogue.loader import check_catalogue

COUNTY = "providers/county.yaml"
QUOTED_422 = '"422"'
PYTHON_WORDS = re.compile(
    r"Traceback|Error\b|NoneType|\bdict\b|\bstr\b|\bint\b|pydantic|Input should|"
    r"\bnode\b|<class|object at 0x"
)


def problems(copy) -> list[str]:
    catalogue, found = check_catalogue(copy.path)
    assert (catalogue is None) == bool(found)
    return [problem.render() for problem in found]


def where(copy, name: str, marker: str, nth: int = 1) -> str:
    """`catalogue/<name>:<line>:<column>` of the nth occurrence of `marker` in the file."""
    text = (copy.path / name).read_text("utf-8")
    index = -1
    for _ in range(nth):
        index = text.index(marker, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"catalogue/{name}:{line}:{column}"


def assert_only(copy, *expected: str) -> None:
    found = problems(copy)
    assert found == list(expected), "\n".join(found)
    for message in found:
        assert not PYTHON_WORDS.search(message.split(": ", 1)[1]), message


# --- YAML syntax -----------------------------------------------------------------------------


def test_tab_indentation_points_at_the_tab(minimal):
    minimal.replace(COUNTY, "        mon-fri: 8.00-16.00", "\t\tmon-fri: 8.00-16.00")
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, chr(9))}: a tab character is used for "
        "indentation; indent with spaces instead",
    )


def test_bad_indentation_points_at_the_misaligned_line(minimal):
    minimal.replace(COUNTY, "    category: neuvola", "   category: neuvola")
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'category')}: the indentation is wrong here; "
        "line up this line with the other fields at the same level",
    )


def test_unclosed_quote_points_where_the_quote_opened(minimal):
    minimal.replace(COUNTY, 'postal_code: "80100"', 'postal_code: "80100')
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, chr(34) + '80100')}: the quotation mark that "
        "starts here is never closed; add the closing quotation mark",
    )


def test_duplicate_key_is_rejected_at_its_second_occurrence(minimal):
    minimal.replace(COUNTY, "    cost: free\n", "    cost: free\n    cost: fee\n")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "cost: fee")}: "cost" is written twice in '
        "the same place (first on line 20); keep only one",
    )


def test_comma_in_unquoted_flow_text_is_explained(minimal):
    minimal.replace(COUNTY, "name: {fi: Lastenneuvola}", "name: {fi: Neuvola Joensuu, Liperi}")
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'Liperi')}: a comma inside {{ }} separates "
        'fields, so "Liperi" became a field of its own; put text that '
        'contains commas in quotes, e.g. fi: "Joensuu, Liperi"',
    )


def test_several_documents_in_one_file(minimal):
    minimal.write("municipalities/lieksa.yaml", 'code: "422"\n---\ncode: "167"\n')
    assert problems(minimal) == [
        "catalogue/municipalities/lieksa.yaml:2:1: the file holds more than one YAML document "
        "(---); keep only one"
    ]


# --- shapes of values ------------------------------------------------------------------------


def test_unknown_key_suggests_the_known_one(minimal):
    minimal.replace(COUNTY, "    category: neuvola", "    catgory: neuvola")
    found = problems(minimal)
    assert (
        f'{where(minimal, COUNTY, "catgory")}: "catgory" is not a known field here '
        '(did you mean "category"?); known fields: id, category, name, summary, '
        "description, keywords, target_groups, area, delivery, languages, cost, cost_note, "
        "referral, contacts, locations, organiser, partners, reviewed, plain, ptv" in found
    )
    assert (
        f'{where(minimal, COUNTY, "id: neuvola-joensuu")}: "category" is missing; it is '
        "required here" in found
    )


def test_missing_required_field_points_at_its_record(minimal):
    minimal.replace(COUNTY, "    summary: {fi: Lapsen terveys.}\n", "")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "id: neuvola-joensuu")}: "summary" is '
        "missing; it is required here",
    )


def test_wrong_type_says_what_was_expected(minimal):
    minimal.replace(COUNTY, "target_groups: [babies]", "target_groups: babies")
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'babies')}: expected a list here (items on "
        'their own lines starting with "- ")',
    )


def test_text_where_fields_were_expected(minimal):
    minimal.replace(
        COUNTY,
        '    address: {street: Esimerkkikatu 1, postal_code: "80100", municipality: joensuu}',
        "    address: Esimerkkikatu 1",
    )
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'Esimerkkikatu')}: expected fields here "
        '(lines such as `name: ...`), not "Esimerkkikatu 1"',
    )


def test_unknown_day_of_the_week_suggests_the_day(minimal):
    minimal.replace(COUNTY, "        mon-fri: 8.00-16.00", "        tusday: 8.00-16.00")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "tusday")}: "tusday" is not a day of the '
        "week; write one of mon, tue, wed, thu, fri, sat, sun "
        '(did you mean "tue"?)',
    )


def test_unknown_category_lists_the_categories(minimal):
    minimal.replace(COUNTY, "category: neuvola", "category: neuvla")
    [message] = problems(minimal)
    assert message.startswith(
        f'{where(minimal, COUNTY, "neuvla")}: "neuvla" is not a service '
        "category; write one of neuvola, "
    )
    assert message.endswith('(did you mean "neuvola"?)')


# --- values ----------------------------------------------------------------------------------


def test_invalid_phone_number(minimal):
    minimal.replace(COUNTY, "number: 040 000 1234", "number: 040 12")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "040 12")}: "040 12" is not a valid '
        "Finnish phone number; write it like 040 123 4567, 013 123 4567 or "
        "+358 40 123 4567",
    )


def test_phone_numbers_are_normalised_to_e164_and_short_numbers_accepted(minimal):
    minimal.replace("region.yaml", 'phone: "112"', 'phone: "116 117"')
    catalogue, found = check_catalogue(minimal.path)
    assert found == []
    assert catalogue.services["neuvola-joensuu"].contacts[0].number == "+358400001234"
    assert catalogue.region.urgent_help[0].phone == "116117"


@pytest.mark.parametrize("number", ["12345", "118", "116 123", "100 22"])
def test_short_number_not_in_the_list_of_numbers_in_use_is_rejected(minimal, number):
    quoted = f'"{number}"'
    minimal.replace("region.yaml", 'phone: "112"', f"phone: {quoted}")
    assert_only(
        minimal,
        f"{where(minimal, 'region.yaml', quoted)}: {quoted} is not a short number in use in "
        "Finland; short numbers are accepted only when they are in the list of numbers in use "
        "(112, 116 000, 116 006, 116 016, 116 111, 116 117). Write the full number with its "
        "area code (e.g. 013 123 4567) or the service number (e.g. 0800 123 456)",
    )


def test_well_formed_number_that_is_not_allocated_is_told_to_be_checked(minimal):
    # 014 is Central Finland's area code, but its numbers never continue with 0
    minimal.replace(COUNTY, "number: 040 000 1234", "number: 014 000 4101")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "014 000 4101")}: "014 000 4101" is written like a Finnish '
        "phone number, but no such number seems to be in use; check the number",
    )


def test_short_number_message_in_finnish_names_the_list_and_what_to_write(minimal):
    from perheovi.i18n import checker_translations

    minimal.replace("region.yaml", 'phone: "112"', 'phone: "12345"')
    _, found = check_catalogue(minimal.path)
    message = found[0].message(checker_translations("fi").gettext)
    assert message == (
        '"12345" ei ole Suomessa käytössä oleva lyhytnumero; lyhytnumerot hyväksytään vain, '
        "jos ne ovat käytössä olevien numeroiden luettelossa (112, 116 000, 116 006, 116 016, "
        "116 111, 116 117). Kirjoita koko numero suuntanumeroineen (esim. 013 123 4567) tai "
        "palvelunumero (esim. 0800 123 456)"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "ftp://example.fi/file",
        "vbscript:msgbox",
    ],
)
def test_url_with_an_unsafe_scheme_is_rejected(minimal, url):
    minimal.replace(
        COUNTY,
        "      - type: walk-in\n",
        f"      - type: web\n        url: {url}\n      - type: walk-in\n",
    )
    scheme = url.split(":")[0]
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, url)}: addresses starting with "{scheme}:" '
        "are not allowed; use https:, http:",
    )


def test_url_without_scheme_is_rejected(minimal):
    minimal.replace(
        COUNTY,
        "      - type: walk-in\n",
        "      - type: chat\n        url: www.example.fi\n      - type: walk-in\n",
    )
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "www.example")}: "www.example.fi" is not a '
        "web address; write a full address such as https://example.fi/page",
    )


def test_time_that_does_not_exist(minimal):
    minimal.replace(COUNTY, "mon-fri: 8.00-16.00", "mon-fri: 8.00-25.00")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "8.00-25.00")}: "25.00" is not a time of '
        "day; write it as 8.00 or 08:00 (00:00-24:00)",
    )


def test_reversed_interval_suggests_the_overnight_form(minimal):
    minimal.replace(COUNTY, "mon-fri: 8.00-16.00", "mon-fri: 16:00-08:00")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "16:00-08:00")}: "16:00-08:00" ends before '
        'it starts; if it really runs past midnight, write "16:00-08:00+1"',
    )


def test_explicit_overnight_interval_is_accepted(minimal):
    minimal.replace(COUNTY, "mon-fri: 8.00-16.00", "mon-fri: 22:00-02:00+1")
    catalogue, found = check_catalogue(minimal.path)
    assert found == []
    [interval] = catalogue.locations["joensuu-talo"].hours.weekly[(0, 1, 2, 3, 4)]
    assert (interval.start, interval.end, interval.overnight) == (22 * 60, 26 * 60, True)


def test_date_that_does_not_exist(minimal):
    minimal.replace(COUNTY, "reviewed: 2026-10-01", "reviewed: 2026-02-30")
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, '2026-02-30')}: 2026-02-30 is not a date that "
        "exists (2026-02 has 28 days)",
    )


def test_language_code_that_is_not_iso_639(minimal):
    minimal.replace(COUNTY, "languages: [fi, sv]", "languages: [fi, swedish]")
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "swedish")}: "swedish" is not an ISO 639 '
        "language code; write e.g. fi, sv, en, ru, ar or fse (Finnish Sign "
        'Language) (did you mean "sv"?)',
    )


def test_sign_language_codes_are_accepted(minimal):
    minimal.replace(COUNTY, "languages: [fi, sv]", "languages: [fi, fse, fss]")
    assert problems(minimal) == []


def test_invisible_direction_override_in_text_is_rejected(minimal):
    minimal.replace(COUNTY, "name: {fi: Lastenneuvola}", 'name: {fi: "Lasten\\u202Eneuvola"}')
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, chr(34) + 'Lasten')}: this text contains an "
        "invisible control character (U+202E) that can disguise text; delete it",
    )


def test_email_contact_needs_the_sensitive_data_confirmation(minimal):
    minimal.replace(
        COUNTY,
        "      - type: walk-in\n",
        "      - type: email\n        email: neuvola@example.fi\n      - type: walk-in\n",
    )
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'type: email')}: an email contact is only "
        "listed when you add `not_for_sensitive_data: true`: families must not "
        "send health or other sensitive details by ordinary email",
    )


# --- references across files -----------------------------------------------------------------


def test_unknown_location_reference_suggests_the_id(minimal):
    minimal.replace(COUNTY, "        location: joensuu-talo", "        location: joensu-talo")
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'joensu-talo')}: there is no location "
        '"joensu-talo" in the catalogue (did you mean "joensuu-talo"?)',
    )


def test_unknown_municipality_in_area(minimal):
    minimal.replace(COUNTY, "area: [joensuu]", "area: [joensuu, kontiolahti]")
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'kontiolahti')}: there is no municipality "
        '"kontiolahti" in the catalogue: Kontiolahti is not listed in region.yaml\'s '
        'municipalities (code "276") and its file catalogue/municipalities/kontiolahti.yaml '
        "is missing",
    )


def test_duplicate_id_across_files_names_the_first_file(minimal):
    minimal.write(
        "providers/ngo.yaml",
        "kind: ngo\nname: {fi: Yhdistys}\nreviewed: 2026-10-01\n"
        "locations:\n  - id: neuvola-joensuu\n"
        "    name: {fi: Toimisto}\n"
        '    address: {street: Katu 2, postal_code: "80100", '
        "municipality: joensuu}\n",
    )
    assert_only(
        minimal,
        'catalogue/providers/ngo.yaml:5:9: the id "neuvola-joensuu" is '
        "already used in catalogue/providers/county.yaml:12; ids must be unique",
    )


def test_region_municipality_without_a_file(minimal):
    (minimal.path / "municipalities/lieksa.yaml").unlink()
    assert_only(
        minimal,
        f'{where(minimal, "region.yaml", QUOTED_422)}: municipality "422" '
        "(Lieksa) has no file; add catalogue/municipalities/lieksa.yaml",
    )


def test_municipality_code_that_does_not_exist(minimal):
    minimal.write("municipalities/lieksa.yaml", 'code: "999"\n')
    assert_only(
        minimal,
        'catalogue/municipalities/lieksa.yaml:1:7: "999" is not an official '
        'municipality code; write the 3-digit code as a string, e.g. "167" '
        "for Joensuu",
    )


# --- whole files -----------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(minimal, content):
    minimal.write("providers/empty.yaml", content)
    assert_only(
        minimal,
        "catalogue/providers/empty.yaml:1:1: the file is empty; write its "
        "fields or delete the file",
    )


def test_file_that_is_not_utf8_points_at_the_bad_byte(minimal):
    minimal.write("providers/latin1.yaml", "kind: ngo\nname: {fi: Perhe\xe4}\n".encode("latin-1"))
    assert_only(
        minimal,
        "catalogue/providers/latin1.yaml:2:17: the file is not saved as UTF-8 "
        "text; save it again with the UTF-8 encoding",
    )


def test_byte_order_mark_is_fine(minimal):
    text = (minimal.path / COUNTY).read_text("utf-8")
    minimal.write(COUNTY, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert problems(minimal) == []


@pytest.mark.parametrize(
    "content, found", [("- a\n- b\n", "a list"), ("just words\n", "a single value")]
)
def test_top_level_must_be_a_mapping(minimal, content, found):
    minimal.write("providers/list.yaml", content)
    assert_only(
        minimal,
        "catalogue/providers/list.yaml:1:1: the file must be a mapping of "
        f"fields (lines such as `name: ...`), not {found}",
    )


def test_python_tags_are_rejected(minimal):
    minimal.replace(COUNTY, "kind: county", "kind: !!python/object/apply:os.system [ls]")
    assert_only(
        minimal,
        "catalogue/providers/county.yaml:1:7: YAML tags such as "
        '"tag:yaml.org,2002:python/object/apply:os.system" are not allowed '
        "in the catalogue; remove the tag",
    )


def test_billion_laughs_stops_at_the_alias_limit(minimal):
    levels = ['a0: &a0 ["lol"]'] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)
    ]
    minimal.write("providers/laughs.yaml", "\n".join(levels) + "\n")
    [message] = problems(minimal)
    assert message.startswith("catalogue/providers/laughs.yaml:")
    assert message.endswith(
        "aliases expand to more than 10000 values here; write the values out instead"
    )


def test_recursive_alias_is_rejected(minimal):
    minimal.write("providers/loop.yaml", "a: &a [x, *a]\n")
    assert_only(
        minimal,
        "catalogue/providers/loop.yaml:1:4: this anchor (&name) is used inside "
        "itself; write the value out instead",
    )


def test_deep_nesting_does_not_crash(minimal):
    minimal.write("providers/deep.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert_only(
        minimal,
        "catalogue/providers/deep.yaml:1:43: the values are nested more than 40 levels deep",
    )


def test_file_over_the_size_limit(minimal):
    minimal.write("providers/huge.yaml", "# " + "x" * (5 * 1024 * 1024) + "\n")
    assert_only(
        minimal,
        "catalogue/providers/huge.yaml:1:1: the file is larger than 5 MB; "
        "split it into smaller files",
    )


def test_file_name_that_cannot_be_an_id(minimal):
    minimal.write("providers/Oma Yhdistys.yaml", "kind: ngo\n")
    assert_only(
        minimal,
        'catalogue/providers/Oma Yhdistys.yaml:1:1: the file name "Oma '
        'Yhdistys" cannot be used as an id; rename it with lowercase letters '
        "a-z, digits and hyphens, e.g. oma-yhdistys.yaml",
    )


def test_all_problems_are_reported_sorted_by_file_and_line(minimal):
    minimal.replace(COUNTY, "number: 040 000 1234", "number: 12")
    minimal.replace(COUNTY, "reviewed: 2026-10-01", "reviewed: yesterday")
    minimal.write("municipalities/lieksa.yaml", 'code: "422"\nwebsite: ftp://lieksa.example\n')
    found = problems(minimal)
    assert [line.split(": ", 1)[0] for line in found] == [
        "catalogue/municipalities/lieksa.yaml:2:10",
        "catalogue/providers/county.yaml:3:11",
        "catalogue/providers/county.yaml:23:17",
    ]


# --- contact times (hours, holidays, programmes) ---------------------------------------------


def test_unknown_holiday_name_suggests_the_holiday(minimal):
    minimal.replace(
        COUNTY,
        "        mon-fri: 8.00-16.00\n",
        "        mon-fri: 8.00-16.00\n      closed_on: [new-year-eve]\n",
    )
    [message] = problems(minimal)
    assert message.startswith(
        f'{where(minimal, COUNTY, "new-year-eve")}: "new-year-eve" is '
        "not a Finnish holiday or eve; write one of "
    )
    assert message.endswith('(did you mean "new-years-eve"?)')


def test_overlapping_periods_are_rejected(minimal):
    minimal.replace(
        COUNTY,
        "        mon-fri: 8.00-16.00\n",
        "        mon-fri: 8.00-16.00\n      periods:\n"
        "        - {from: 2027-06-01, until: 2027-08-15, weekly: {mon: 9-12}}\n"
        "        - {from: 2027-08-01, until: 2027-08-31, weekly: {mon: 9-12}}\n",
    )
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, 'weekly:')}: two periods overlap "
        "(2027-06-01–2027-08-15 and 2027-08-01–2027-08-31); a day can only "
        "have one",
    )


def test_exception_with_reversed_hours(minimal):
    minimal.replace(
        COUNTY,
        "        mon-fri: 8.00-16.00\n",
        "        mon-fri: 8.00-16.00\n      exceptions:\n"
        "        - {date: 2026-12-31, hours: 14.00-10.00}\n",
    )
    assert_only(
        minimal,
        f'{where(minimal, COUNTY, "14.00-10.00")}: "14.00-10.00" ends before '
        'it starts; if it really runs past midnight, write "14.00-10.00+1"',
    )


def test_cancelled_date_on_the_wrong_weekday(minimal):
    minimal.replace(
        COUNTY,
        "        name: {fi: Vauvakerho}\n",
        "        name: {fi: Vauvakerho}\n        cancelled: [2026-12-09]\n",
    )
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, '2026-12-09')}: 2026-12-09 is a Wednesday, "
        "but this activity is on Tuesdays",
    )


def test_cancelled_date_outside_every_term(minimal):
    minimal.replace(
        COUNTY,
        "        name: {fi: Vauvakerho}\n",
        "        name: {fi: Vauvakerho}\n        cancelled: [2027-01-12]\n",
    )
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, '2027-01-12')}: 2027-01-12 is outside the "
        "terms of this meeting place (2026-08-17–2026-12-18)",
    )


def test_closure_outside_every_term(minimal):
    text = (minimal.path / COUNTY).read_text("utf-8")
    head, last_line = text.rstrip("\n").rsplit("\n", 1)
    assert last_line == "    reviewed: 2026-10-01"  # the meeting place is the file's last entry
    minimal.write(
        COUNTY,
        head + "\n    exceptions:\n      - {date: 2027-02-01, reason: "
        "{fi: Talviloma}}\n" + last_line + "\n",
    )
    assert_only(
        minimal,
        f"{where(minimal, COUNTY, '2027-02-01')}: 2027-02-01 is outside the "
        "terms of this meeting place (2026-08-17–2026-12-18)",
    )
