"""One small validated type per kind of catalogue value (text, id, date, time, phone, url…).

Each type is an `Annotated` pydantic type whose validator turns the YAML string into the value the
site needs, or raises a `PydanticCustomError` whose code names a message in `problems.MESSAGES`.
Each also declares its JSON Schema, so editors can check the same rule as people type.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated
from urllib.parse import urlsplit

import phonenumbers
import pycountry
from pydantic import BeforeValidator, GetCoreSchemaHandler, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from .problems import suggestion
from .reference import MUNICIPALITIES


def fail(code: str, /, **params) -> PydanticCustomError:
    return PydanticCustomError(code, code, params)


def _text_value(value) -> str:
    if isinstance(value, (dict, list)):
        raise fail("expected_text")
    if value is None:
        raise fail("empty_value")
    return str(value)


# --- text ------------------------------------------------------------------------------------

_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    "\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_text(limit: int):
    def validate(value) -> str:
        text = unicodedata.normalize("NFC", _text_value(value)).strip()
        if not text:
            raise fail("empty_value")
        bad = _INVISIBLE.search(text)
        if bad:
            raise fail("text_control_char", code=f"U+{ord(bad.group()):04X}")
        if len(text) > limit:
            raise fail("text_too_long", length=len(text), limit=limit)
        return text

    return validate


ShortText = Annotated[str, BeforeValidator(clean_text(200))]
LongText = Annotated[str, BeforeValidator(clean_text(5000))]


# --- ids -------------------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


def slugify(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "my-id"


def _slug(value) -> str:
    text = _text_value(value).strip()
    if not _SLUG.match(text) or len(text) > 80:
        raise fail("bad_slug", value=text, example=slugify(text)[:80])
    return text


Slug = Annotated[
    str,
    BeforeValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80}),
]


# --- choices ---------------------------------------------------------------------------------


def choice(values, what: str, aliases: dict[str, str] | None = None) -> Choice:
    """`Annotated[str, choice(values, what)]`: a string that must be one of `values`, with a
    did-you-mean drawn also from `aliases`. `values` may be a function, called when first
    needed: a list that is costly to load."""
    allowed = values if callable(values) else (lambda fixed=tuple(values): fixed)
    return Choice(allowed, what, tuple((aliases or {}).items()))


@dataclass(frozen=True)
class Choice:
    """The validator and the JSON Schema (an enum, listed when the schema is made) of a choice."""

    values: Callable[[], tuple[str, ...]]
    what: str
    aliases: tuple[tuple[str, str], ...]

    def validate(self, value) -> str:
        text = _text_value(value).strip()
        allowed = self.values()
        if text not in allowed:
            raise fail(
                "unknown_choice",
                value=text,
                what=self.what,
                allowed=", ".join(allowed),
                hint=suggestion(text, allowed, dict(self.aliases)),
            )
        return text

    def __get_pydantic_core_schema__(self, source, handler: GetCoreSchemaHandler):
        return core_schema.no_info_before_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler) -> dict:
        return {"type": "string", "enum": list(self.values())}


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_ALIASES = {
    **dict(
        zip(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            DAYS,
            strict=False,
        )
    ),
    **dict(zip(("ma", "ti", "ke", "to", "pe", "la", "su"), DAYS, strict=False)),
    **dict(
        zip(
            (
                "maanantai",
                "tiistai",
                "keskiviikko",
                "torstai",
                "perjantai",
                "lauantai",
                "sunnuntai",
            ),
            DAYS,
            strict=False,
        )
    ),
    **dict(zip(("mån", "tis", "ons", "tor", "fre", "lör", "sön"), DAYS, strict=False)),
}
Day = Annotated[str, choice(DAYS, "a day of the week", DAY_ALIASES)]


# --- dates and times -------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = _text_value(value).strip()
    match = _DATE.match(text)
    if not match:
        raise fail("bad_date", value=text)
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            reason = f"there is no month {month}"
        else:
            days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            reason = f"{year}-{month:02d} has {days} days"
        raise fail("date_not_exist", value=text, reason=reason) from None


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


def parse_minutes(text: str) -> int | None:
    """Minutes after midnight for "8.00", "08:00" or "24:00"; None when not a time of day."""
    match = _TIME.match(text.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    return hours * 60 + minutes


@dataclass(frozen=True, order=True)
class Interval:
    """A span of one day in minutes after midnight; `end` may pass 24:00 when overnight."""

    start: int
    end: int

    @property
    def overnight(self) -> bool:
        return self.end > 24 * 60


_INTERVAL = re.compile(r"^\s*(\S+?)\s*[-–]\s*(\S+?)\s*(\+1)?\s*$")
INTERVAL_PATTERN = r"^\s*\d{1,2}([:.]\d{2})?\s*[-–]\s*\d{1,2}([:.]\d{2})?\s*(\+1)?\s*$"


def _interval(value) -> Interval:
    if isinstance(value, Interval):
        return value
    text = _text_value(value).strip()
    match = _INTERVAL.match(text)
    if not match:
        if parse_minutes(text) is None and _TIME.match(text):
            raise fail("bad_time", value=text)
        raise fail("bad_interval", value=text)
    start, end = parse_minutes(match.group(1)), parse_minutes(match.group(2))
    if start is None or end is None:
        raise fail("bad_time", value=match.group(1) if start is None else match.group(2))
    if match.group(3):
        if end >= start:
            raise fail("bad_interval", value=text)
        return Interval(start, end + 24 * 60)
    if end == start:
        raise fail("empty_interval", value=text)
    if end < start:
        raise fail("reversed_interval", value=text, overnight=f"{text}+1")
    return Interval(start, end)


IntervalValue = Annotated[
    Interval,
    BeforeValidator(_interval),
    WithJsonSchema({"type": "string", "pattern": INTERVAL_PATTERN}),
]


def one_or_many(value):
    """Let a single value stand where a list is expected: `fri: 8.00-14.00`."""
    return [value] if isinstance(value, (str, Interval)) else value


Intervals = Annotated[
    list[IntervalValue],
    BeforeValidator(one_or_many),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "pattern": INTERVAL_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": INTERVAL_PATTERN}},
            ]
        }
    ),
]

DAY_SPEC_PATTERN = (
    r"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?"
    r"(,(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$"
)


def parse_day_spec(value) -> tuple[int, ...]:
    """ "mon-fri" -> (0, 1, 2, 3, 4); "sat,sun" -> (5, 6)."""
    days: list[int] = []
    for part in _text_value(value).replace(" ", "").lower().split(","):
        ends = part.split("-")
        for end in ends:
            if end not in DAYS:
                raise fail(
                    "unknown_choice",
                    value=end,
                    what="a day of the week",
                    allowed=", ".join(DAYS),
                    hint=suggestion(end, DAYS, DAY_ALIASES),
                )
        if len(ends) > 2:
            raise fail(
                "unknown_choice",
                value=part,
                what="a day or a range of days",
                allowed="mon, mon-fri, sat,sun",
                hint="",
            )
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
        days.extend(span)
    return tuple(days)


DaySpec = Annotated[
    tuple[int, ...],
    BeforeValidator(parse_day_spec),
    WithJsonSchema({"type": "string", "pattern": DAY_SPEC_PATTERN}),
]


# --- contact details -------------------------------------------------------------------------


@dataclass(frozen=True)
class ShortNumber:
    """A short number of the list: how it is published, and whether it takes calls and text
    messages (the list says `texts: true` for a number that takes them, `calls: false` for
    one that takes text messages only)."""

    published: str
    calls: bool = True
    texts: bool = False


def read_short_numbers(text: str) -> dict[str, ShortNumber]:
    """A short-number list (data/short_numbers.yaml): digits -> its entry."""
    import yaml

    entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {
        entry["number"].replace(" ", ""): ShortNumber(
            entry["number"], entry.get("calls", True), entry.get("texts", False)
        )
        for entry in entries
    }


def _short_number_list() -> dict[str, ShortNumber]:
    from importlib import resources

    text = resources.files(__package__).joinpath("data/short_numbers.yaml").read_text("utf-8")
    return read_short_numbers(text)


SHORT_NUMBER_LIST = _short_number_list()
# The short numbers in use: digits -> the number as published.
SHORT_NUMBERS = {digits: entry.published for digits, entry in SHORT_NUMBER_LIST.items()}


def short_number_problem(
    number: str, channel: str, table: dict[str, ShortNumber] = SHORT_NUMBER_LIST
) -> str | None:
    """The message code when a listed short number does not fit a `channel` ("phone" or
    "sms"): 116 111 takes no text messages, a number for text messages only takes no calls."""
    entry = table.get(str(number))
    if entry is None:
        return None
    if channel == "sms" and not entry.texts:
        return "short_number_no_texts"
    if channel == "phone" and not entry.calls:
        return "short_number_no_calls"
    return None


def text_numbers() -> str:
    """The listed short numbers that take text messages, as published, for a message."""
    return ", ".join(e.published for e in SHORT_NUMBER_LIST.values() if e.texts)


class PhoneNumber(str):
    """A phone number in its normal form (E.164, or a short number's digits), which links,
    comparisons and the search use, remembering how the catalogue wrote it (`written`), so the
    site can keep the owner's grouping (080 005 005) where it is a tidy one."""

    written: str

    def __new__(cls, normal: str, written: str = ""):
        number = super().__new__(cls, normal)
        number.written = written
        return number


def _looks_in_use(number: phonenumbers.PhoneNumber) -> bool:
    """Whether a Finnish number that is not valid has the shape of one: its area or service
    code exists and numbers of this length exist under it, so only the digits after the code
    are unallocated (014 000 4101: 014 numbers never continue with 0)."""
    if number.country_code != 358 or not phonenumbers.is_possible_number(number):
        return False
    national = phonenumbers.national_significant_number(number)
    code = phonenumbers.length_of_national_destination_code(number)
    if not 0 < code < len(national):
        return False
    for digit in "123456789":
        probe = phonenumbers.parse(f"+358{national[:code]}{digit * (len(national) - code)}")
        if phonenumbers.is_valid_number(probe):
            return True
    return False


@lru_cache(maxsize=65536)
def read_phone(text: str) -> tuple[str | None, str]:
    """(normal form, "") for a number in use, or (None, message code) saying what is wrong."""
    digits = re.sub(r"[\s\-()/]", "", text)
    if re.fullmatch(r"1\d{2,5}", digits):
        return (digits, "") if digits in SHORT_NUMBERS else (None, "short_number_not_in_use")
    try:
        number = phonenumbers.parse(text, "FI")
    except phonenumbers.NumberParseException:
        return None, "bad_phone"
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), ""
    return None, "phone_not_in_use" if _looks_in_use(number) else "bad_phone"


def normalise_phone(text: str) -> str | None:
    """E.164 for ordinary numbers, the bare digits for service short numbers (112, 116 117)."""
    return read_phone(text)[0]


def _phone(value) -> PhoneNumber:
    text = _text_value(value).strip()
    normal, problem = read_phone(text)
    if normal is None:
        raise fail(problem, value=text, numbers=", ".join(SHORT_NUMBERS.values()))
    return PhoneNumber(normal, text)


# PlainValidator: a BeforeValidator's result would be turned back into a plain str, dropping
# what was written.
Phone = Annotated[
    str,
    PlainValidator(_phone),
    WithJsonSchema({"type": "string", "pattern": r"^[+0-9][0-9 ()/-]{1,24}$"}),
]

WEB_SCHEMES = ("https", "http")


def _web_url(value) -> str:
    text = _text_value(value).strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in text) or len(text) > 2000:
        raise fail("bad_url", value=text[:80])
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if not scheme:
        raise fail("bad_url", value=text)
    if scheme not in WEB_SCHEMES:
        raise fail("bad_url_scheme", scheme=scheme, allowed=", ".join(f"{s}:" for s in WEB_SCHEMES))
    if not parts.hostname or "." not in parts.hostname:
        raise fail("bad_url", value=text)
    return text


WebUrl = Annotated[
    str,
    BeforeValidator(_web_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": f"^({'|'.join(WEB_SCHEMES)}):"}),
]

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def _email(value) -> str:
    text = _text_value(value).strip()
    if not _EMAIL.match(text) or len(text) > 254:
        raise fail("bad_email", value=text)
    return text


Email = Annotated[
    str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"})
]


# --- codes -----------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def is_language_code(code: str) -> bool:
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return len(code) == 3 and pycountry.languages.get(alpha_3=code) is not None


_COMMON_LANGUAGES = (
    "fi",
    "sv",
    "en",
    "ru",
    "et",
    "ar",
    "so",
    "uk",
    "fa",
    "ku",
    "se",
    "fse",
    "fss",
    "de",
    "fr",
    "es",
)
_LANGUAGE_ALIASES = {
    "suomi": "fi",
    "ruotsi": "sv",
    "englanti": "en",
    "finnish": "fi",
    "swedish": "sv",
    "english": "en",
    "svenska": "sv",
    "viittomakieli": "fse",
    "fin": "fi",
    "swe": "sv",
    "eng": "en",
    "se-fi": "se",
    "fi-fi": "fi",
}


def _language(value) -> str:
    text = _text_value(value).strip()
    if not (text.isascii() and text.isalpha() and text.islower() and is_language_code(text)):
        raise fail(
            "bad_language",
            value=text,
            hint=suggestion(text.lower(), _COMMON_LANGUAGES, _LANGUAGE_ALIASES),
        )
    return text


Language = Annotated[
    str, BeforeValidator(_language), WithJsonSchema({"type": "string", "pattern": "^[a-z]{2,3}$"})
]


def _municipality_code(value) -> str:
    text = _text_value(value).strip()
    if text.isdigit() and len(text) < 3:
        text = text.zfill(3)
    if text not in MUNICIPALITIES:
        names = {m.name_fi.lower(): code for code, m in MUNICIPALITIES.items()}
        best = suggestion(text.lower(), [], names)
        raise fail("bad_municipality_code", value=text, hint=best)
    return text


MunicipalityCode = Annotated[
    str,
    BeforeValidator(_municipality_code),
    WithJsonSchema({"type": "string", "pattern": r"^\d{3}$"}),
]


def _postal_code(value) -> str:
    text = _text_value(value).strip()
    if not re.fullmatch(r"\d{5}", text):
        raise fail("bad_postal_code", value=text)
    return text


PostalCode = Annotated[
    str, BeforeValidator(_postal_code), WithJsonSchema({"type": "string", "pattern": r"^\d{5}$"})
]


def _coordinate(axis: str, low: float, high: float):
    def validate(value) -> float:
        text = _text_value(value).strip()
        try:
            number = float(text)
        except ValueError:
            raise fail("expected_number", value=text) from None
        if not low <= number <= high:
            raise fail("bad_coordinate", value=text, axis=axis, low=low, high=high)
        return number

    return validate


Latitude = Annotated[
    float,
    BeforeValidator(_coordinate("lat", 59.0, 71.0)),
    WithJsonSchema({"type": "number", "minimum": 59.0, "maximum": 71.0}),
]
Longitude = Annotated[
    float,
    BeforeValidator(_coordinate("lon", 19.0, 32.0)),
    WithJsonSchema({"type": "number", "minimum": 19.0, "maximum": 32.0}),
]
