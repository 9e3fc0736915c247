"""Catalogue problems: where they are and what to tell the person who wrote the file.

A problem carries a message code and its parameters, not a finished sentence, so the same problem
can be told in Finnish, Swedish or English. The English templates below are the gettext msgids.
Parameters are told in the reader's language too: weekdays and language names from Babel's CLDR
data, the English words other modules put into a message (`FRAGMENTS`) from the same catalogs.
"""

from __future__ import annotations

import calendar
import difflib
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache


def N_(message: str) -> str:
    """Mark a message for extraction by `pybabel extract`; translated when it is shown."""
    return message


class ProblemCodeError(ValueError):
    """A problem made with a code that has no message, or without a parameter its message
    needs: a mistake in perheovi itself, raised where the problem is made (a test finds it),
    not when a provider's file happens to have that mistake."""


@dataclass(frozen=True)
class Messages:
    """The checker's words in one language: calling it translates a template (gettext);
    `lang` tells weekday and language names in the same language."""

    lang: str
    gettext: Callable[[str], str] = str

    def __call__(self, text: str) -> str:
        return self.gettext(text)


@cache
def messages(lang: str) -> Messages:
    """The messages of `perheovi check` and `perheovi report` in fi, sv or en."""
    from ..i18n import checker_translations

    return Messages(lang, checker_translations(lang).gettext)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self):
        if self.code not in MESSAGES:
            raise ProblemCodeError(f"{self.code!r} is not a message code in problems.MESSAGES")
        missing = placeholders(MESSAGES[self.code]) - set(self.params)
        if missing:
            raise ProblemCodeError(f"{self.code!r} needs the parameters {sorted(missing)}")

    def message(self, translate: Callable[[str], str] | None = None) -> str:
        """The message in the language of `translate` (a `Messages`; English when None)."""
        translate = translate or messages("en")
        params = {name: _told(self, name, translate) for name in self.params}
        return translate(MESSAGES[self.code]).format(**params)

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message(translate)}"


@cache
def placeholders(template: str) -> frozenset[str]:
    """The parameter names a template uses: {"value", "hint"} for '"{value}" …{hint}'."""
    return frozenset(
        re.split(r"[.\[]", name)[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name is not None
    )


def _told(problem: Problem, name: str, translate) -> str:
    """One parameter as the reader of `translate`'s language should see it."""
    value = problem.params[name]
    lang = getattr(translate, "lang", "en")
    if value is None or value == "":
        return ""
    if name == "hint":  # the suggested word
        return translate(HINT).format(word=value)
    if name in WEEKDAY_PARAMS:
        return _weekdays(str(value), lang)
    if name == "language":
        from ..i18n import language_name

        return language_name(value, lang)
    if name == "files":
        from babel.lists import format_list

        from ..i18n import locale

        return format_list(list(value), locale=locale(lang))
    if name == "reason" and problem.code == "date_not_exist":
        return _date_reason(str(problem.params.get("value", "")), translate) or value
    if name in FRAGMENT_PARAMS and value in FRAGMENTS:
        return translate(value)
    return value


def _weekdays(codes: str, lang: str) -> str:
    """ "fri" -> "perjantai"; "mon,tue" -> "maanantai, tiistai" (fi); unknown words unchanged."""
    from ..i18n import day_names, locale
    from .values import DAYS

    parts = codes.split(",")
    if not all(part in DAYS for part in parts):
        return codes
    from babel.lists import format_list

    names = day_names(lang)
    return format_list([names[DAYS.index(part)] for part in parts], locale=locale(lang))


def _date_reason(text: str, translate) -> str | None:
    """Why `text` (YYYY-MM-DD) is no date, told from the date itself: values.py words its
    reason in English ("2026-09 has 30 days"), this says the same in the reader's language."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return translate(NO_SUCH_MONTH).format(month=month)
    if year < 1:
        return None
    days = calendar.monthrange(year, month)[1]
    return translate(DAYS_IN_MONTH).format(month=f"{year}-{month:02d}", days=days)


def suggestion(word: str, choices, aliases: dict[str, str] | None = None) -> str:
    """The closest known word, e.g. "tusday" -> "tue" (via the alias "tuesday"), or ""."""
    lookup = {choice: choice for choice in choices}
    lookup.update(aliases or {})
    matches = difflib.get_close_matches(str(word).lower(), list(lookup), n=1, cutoff=0.6)
    return lookup[matches[0]] if matches else ""


class CatalogueError(Exception):
    """The catalogue has problems; `problems` lists every one of them, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the catalogue")

    def report(self, translate: Callable[[str], str] | None = None) -> str:
        return "\n".join(problem.render(translate) for problem in self.problems)


HINT = N_(' (did you mean "{word}"?)')

# Why a date does not exist (date_not_exist's {reason}).
NO_SUCH_MONTH = N_("there is no month {month}")
DAYS_IN_MONTH = N_("{month} has {days} days")

# Parameters holding day codes ("fri", "mon,tue"): told as weekday names ("perjantai").
WEEKDAY_PARAMS = frozenset({"day", "actual"})

# Parameters that may hold one of the English words below, which other modules put into
# messages; any other value of them (a field name, a quoted value) is shown as it is.
FRAGMENT_PARAMS = frozenset({"what", "kind", "found", "reason"})
FRAGMENTS = frozenset(
    {
        # what a value should have been (values.choice and the day specs of hours)
        N_("a service category"),
        N_("a target group"),
        N_("an age group"),
        N_("a way of delivery"),
        N_("an accessibility feature"),
        N_("a cost"),
        N_("a kind of provider"),
        N_("a kind of contact"),
        N_("a Finnish holiday or eve"),
        N_("a holiday rule"),
        N_("a site language"),
        N_("a notice level"),
        N_("a kind of path"),
        N_("a day of the week"),
        N_("a day or a range of days"),
        N_("even or odd weeks"),
        N_("a week of the month"),
        # what an entry or a reference is (the freshness report, references across files)
        N_("service"),
        N_("location"),
        N_("municipality"),
        N_("provider"),
        N_("meeting place"),
        # what was found where fields were expected (loader)
        N_("a list"),
        N_("a single value"),
        N_("an empty value"),
        # why a file could not be read (the operating system's words)
        N_("Permission denied"),
        N_("No such file or directory"),
    }
)

MESSAGES: dict[str, str] = {
    # Reading the file
    "file_unreadable": N_("the file cannot be read ({reason})"),
    "file_too_large": N_("the file is larger than {limit} MB; split it into smaller files"),
    "not_utf8": N_("the file is not saved as UTF-8 text; save it again with the UTF-8 encoding"),
    "empty_file": N_("the file is empty; write its fields or delete the file"),
    "bad_character": N_(
        "the file contains a character that is not allowed in YAML ({code}); delete it"
    ),
    # YAML syntax
    "yaml_syntax": N_("this is not valid YAML: {detail}"),
    "unclosed_quote": N_(
        "the quotation mark that starts here is never closed; add the closing quotation mark"
    ),
    "quote_left_open": N_(
        "the quotation mark that starts here seems never to be closed, so the text runs on to "
        "the next quotation mark, on line {line}; add the closing quotation mark where the text "
        "ends"
    ),
    "unclosed_bracket": N_("the bracket that starts here is never closed; add the closing ] or }}"),
    "tab": N_("a tab character is used for indentation; indent with spaces instead"),
    "loose_tab": N_(
        "a tab character stands here outside quotes, where other YAML tools do not accept it; "
        "replace it with a space"
    ),
    "bad_token": N_("the character {char!r} cannot start a value here; put the value in quotes"),
    "bad_indentation": N_(
        "the indentation is wrong here; line up this line with the other fields at the same level"
    ),
    "colon_in_value": N_(
        'a value contains ": " here; put the whole value in quotes, or start a new line for a field'
    ),
    "several_documents": N_("the file holds more than one YAML document (---); keep only one"),
    "undefined_alias": N_("this alias (*name) refers to an anchor that does not exist"),
    "yaml_tag": N_('YAML tags such as "{tag}" are not allowed in the catalogue; remove the tag'),
    "comma_in_flow_text": N_(
        'a comma inside {{ }} separates fields, so "{word}" became a field of its own; put text '
        'that contains commas in quotes, e.g. fi: "Joensuu, Liperi"'
    ),
    "comma_in_flow_days": N_(
        'a comma inside {{ }} separates fields, so "{word}" became a field of its own; write '
        'the days on their own line (mon,wed: 8.00-9.00) or in quotes ("mon,wed": 8.00-9.00)'
    ),
    "question_in_flow": N_(
        'a question mark inside {{ }} or [ ] must be in quoted text: other YAML tools read "?" '
        'there as the start of a field and stop; put the text in quotes, e.g. fi: "Tarvitsetko '
        'apua?"'
    ),
    "complex_key": N_("a field name must be a plain word, not a list or a mapping"),
    "duplicate_key": N_(
        '"{key}" is written twice in the same place (first on line {line}); keep only one'
    ),
    "alias_cycle": N_("this anchor (&name) is used inside itself; write the value out instead"),
    "alias_expansion": N_(
        "aliases expand to more than {limit} values here; write the values out instead"
    ),
    "alias_text": N_(
        "aliases repeat more than {limit} MB of text here; write the text out where it is needed"
    ),
    "too_deep": N_("the values are nested more than {limit} levels deep"),
    # Shapes of values
    "top_not_mapping": N_(
        "the file must be a mapping of fields (lines such as `name: ...`), not {found}"
    ),
    "missing": N_('"{field}" is missing; it is required here'),
    "unknown_key": N_('"{key}" is not a known field here{hint}; known fields: {known}'),
    "expected_text": N_("expected a text here, not a list or a mapping"),
    "expected_list": N_('expected a list here (items on their own lines starting with "- ")'),
    "expected_mapping": N_("expected fields here (lines such as `name: ...`), not {found}"),
    "expected_bool": N_('write true or false here, not "{value}"'),
    "expected_number": N_('expected a number here, not "{value}"'),
    "empty_value": N_("this value is empty; write it or remove the field"),
    "empty_list": N_("this list is empty; it needs at least one item"),
    "invalid_value": N_('"{value}" is not valid here'),
    "unknown_choice": N_('"{value}" is not {what}; write one of {allowed}{hint}'),
    "text_too_long": N_("this text is {length} characters long; keep it under {limit}"),
    "text_control_char": N_(
        "this text contains an invisible control character ({code}) that can disguise text; "
        "delete it"
    ),
    "bad_slug": N_(
        '"{value}" cannot be used as an id; use lowercase letters a-z, digits and single '
        'hyphens, e.g. "{example}"'
    ),
    "bad_date": N_('"{value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-10-01'),
    "date_not_exist": N_("{value} is not a date that exists ({reason})"),
    "bad_time": N_('"{value}" is not a time of day; write it as 8.00 or 08:00 (00:00-24:00)'),
    "bad_interval": N_('"{value}" is not a time interval; write start-end, e.g. 8.00-16.00'),
    "reversed_interval": N_(
        '"{value}" ends before it starts; if it really runs past midnight, write "{overnight}"'
    ),
    "empty_interval": N_('"{value}" starts and ends at the same time'),
    "overlapping_intervals": N_("the times {first} and {second} overlap on {day}"),
    "day_twice": N_('{day} is given twice in the same hours ("{first}" and "{second}")'),
    "bad_phone": N_(
        '"{value}" is not a valid Finnish phone number; write it like 040 123 4567, '
        "013 123 4567 or +358 40 123 4567"
    ),
    "phone_not_in_use": N_(
        '"{value}" is written like a Finnish phone number, but no such number seems to be in '
        "use; check the number"
    ),
    "short_number_not_in_use": N_(
        '"{value}" is not a short number in use in Finland; short numbers are accepted only '
        "when they are in the list of numbers in use ({numbers}). Write the full number with "
        "its area code (e.g. 013 123 4567) or the service number (e.g. 0800 123 456)"
    ),
    "short_number_no_texts": N_(
        '"{value}" does not take text messages; an sms contact needs a number that does '
        "(short numbers that take them: {numbers}), or make this a phone contact"
    ),
    "short_number_no_calls": N_(
        '"{value}" takes text messages only; make this an sms contact (type: sms)'
    ),
    "bad_url": N_(
        '"{value}" is not a web address; write a full address such as https://example.fi/page'
    ),
    "bad_url_scheme": N_('addresses starting with "{scheme}:" are not allowed; use {allowed}'),
    "bad_email": N_('"{value}" is not an email address'),
    "bad_language": N_(
        '"{value}" is not an ISO 639 language code; write e.g. fi, sv, en, ru, ar or fse '
        "(Finnish Sign Language){hint}"
    ),
    "bad_municipality_code": N_(
        '"{value}" is not an official municipality code; write the 3-digit code as a string, '
        'e.g. "167" for Joensuu{hint}'
    ),
    "bad_postal_code": N_(
        '"{value}" is not a postal code; write the five digits in quotes, e.g. "80100"'
    ),
    "bad_coordinate": N_("{value} is outside Finland; {axis} must be between {low} and {high}"),
    "bad_range": N_("{until} is before {start}; the end date must not be before the start date"),
    # Rules that span fields
    "channel_needs": N_('a {type} contact needs "{field}"'),
    "channel_field_not_used": N_('"{field}" is not used on a {type} contact; remove it'),
    "email_sensitive": N_(
        "an email contact is only listed when you add `not_for_sensitive_data: true`: families "
        "must not send health or other sensitive details by ordinary email"
    ),
    "hours_always_and_weekly": N_(
        "hours cannot be both 24/7 (always: true) and weekly times; keep one"
    ),
    "hours_empty": N_(
        "these hours say nothing; give weekly times, always: true or by_appointment: true"
    ),
    "exception_closed_and_hours": N_("an exception is either closed: true or has hours, not both"),
    "exception_needs": N_("an exception needs closed: true or hours"),
    "plain_empty": N_("a plain-language text needs fi (selkosuomi) or sv (lättläst), or both"),
    "plain_unknown_step": N_(
        'the path has no step "{value}"; `plain: steps:` names steps by their id ({known})'
    ),
    "dates_overlap": N_("two {what} overlap ({first} and {second}); a day can only have one"),
    "not_on_weekday": N_("{value} is a {actual}, but this activity is on {day}s"),
    "not_in_pattern": N_(
        "{value} is not a day this activity takes place; in {month} it is on {dates}"
    ),
    "pattern_weeks_and_monthly": N_(
        "an activity is either on even or odd weeks (weeks) or on some weeks of the month "
        "(monthly), not both; keep one"
    ),
    "outside_terms": N_("{value} is outside the terms of this meeting place ({terms})"),
    "step_empty": N_("this step points to nothing; give it categories or services"),
    "path_no_first_contact": N_(
        "no step is marked as the first contact; add `first_contact: true` to the step where "
        "a family should start"
    ),
    "path_many_first_contacts": N_(
        "more than one step is marked as the first contact (also step {other}); keep one"
    ),
    "step_id_twice": N_('the step id "{value}" is used twice in this path'),
    "call_charge_without_phone": N_(
        "cost: call-charge says a family pays the normal cost of a phone call, but this "
        "service has no phone contact; add the phone line or choose another cost"
    ),
    "area_region_alone": N_(
        '"{value}" already covers every municipality; list nothing else with it'
    ),
    "place_outside_needs_area": N_(
        "this meeting place is in {town}, outside the region's municipalities; add `area`: "
        "the municipalities whose families it serves"
    ),
    "channel_language_not_offered": N_(
        '"{value}" is not one of the languages of this service or meeting place ({languages}); '
        "add it to its `languages` too, or remove it here"
    ),
    "language_without_channel": N_(
        '"{value}" is a language of this service, but every contact channel names its '
        'languages and none of them has "{value}"; add it to the channel that offers it, or '
        "remove it here"
    ),
    "partner_is_provider": N_(
        '"{value}" is this file\'s own provider; `partners` lists the other organisations '
        "that run it together with it, so remove it"
    ),
    "partner_twice": N_('"{value}" is listed twice in `partners`; keep one'),
    "organiser_is_provider": N_(
        '"{value}" is this file\'s own provider; `organiser` names another organisation that '
        "is responsible for the service, so remove it"
    ),
    # The freshness report (warnings)
    "stale_entry": N_(
        '{what} "{name}" was last checked on {date}, more than {months} months ago; check it '
        "and update `reviewed`"
    ),
    "missing_translation": N_('{what} "{name}" has no {language} text for: {fields}'),
    # The plain-language measures (plainness.py: a proxy, not a verdict)
    "plain_long_sentence": N_(
        '{what} "{name}", plain {language}: {count} sentence(s) longer than {limit} words '
        '("{first}"); split them, one thing in each'
    ),
    "plain_long_words": N_(
        '{what} "{name}", plain {language}: long words ({words}), more than {limit} letters; '
        "use shorter, common words or explain them"
    ),
    "plain_passive": N_(
        '{what} "{name}", plain {language}: passive forms ({words}); say who does it '
        '("you can apply", "the nurse calls you")'
    ),
    "plain_abbreviation": N_(
        '{what} "{name}", plain {language}: abbreviations ({words}); write the words out'
    ),
    "plain_lix": N_(
        '{what} "{name}", plain {language}: the readability index LIX is {lix}, above '
        "{limit}; shorter sentences and words lower it"
    ),
    "no_plain_text": N_(
        'service "{name}" is listed by the first step of the path "{path}" but has no '
        "plain-language text; add `plain` with a summary in selkosuomi (fi) or lättläst (sv)"
    ),
    "path_no_plain_text": N_(
        'path "{name}" has no plain-language text; add `plain` with an introduction in '
        "selkosuomi (fi) or lättläst (sv)"
    ),
    "no_hours": N_(
        'service "{name}" has no contact channel with hours; add `hours` to a phone, chat or '
        "walk-in channel"
    ),
    # References across files
    "unknown_reference": N_('there is no {kind} "{value}" in the catalogue{hint}'),
    "unknown_reference_unread": N_(
        'there is no {kind} "{value}" in the catalogue{hint}; {file} could not be read, '
        "fix that first"
    ),
    "unknown_reference_unread_files": N_(
        'there is no {kind} "{value}" in the catalogue{hint}; {files} could not be read, '
        "fix those first"
    ),
    "municipality_without_file": N_(
        'there is no municipality "{value}" in the catalogue yet: its file {file} is missing'
    ),
    "municipality_outside_region": N_(
        'there is no municipality "{value}" in the catalogue: {name} is not listed in '
        'region.yaml\'s municipalities (code "{code}") and its file {file} is missing'
    ),
    "duplicate_id": N_('the id "{value}" is already used in {other}; ids must be unique'),
    "municipality_not_in_region": N_(
        'municipality code "{value}" ({name}) is not listed in region.yaml\'s municipalities'
    ),
    "municipality_file_missing": N_(
        'municipality "{value}" ({name}) has no file; add catalogue/municipalities/{slug}.yaml'
    ),
    "municipality_code_twice": N_('the municipality code "{value}" is also used in {other}'),
    "bad_file_name": N_(
        'the file name "{value}" cannot be used as an id; rename it with lowercase letters a-z, '
        "digits and hyphens, e.g. {example}.yaml"
    ),
    "wrong_extension": N_("catalogue files end in .yaml; rename this file to {example}"),
    "unknown_file": N_("this file is not part of the catalogue format; known files: {known}"),
    "missing_region": N_("the catalogue has no region.yaml; every catalogue needs one"),
    "not_a_directory": N_("this is not a catalogue folder"),
}
