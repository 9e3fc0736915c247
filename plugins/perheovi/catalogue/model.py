"""The domain: the records of a family-centre network, as written in the catalogue files.

pydantic, not dataclasses or attrs: one declaration gives the conversion from YAML strings, the
validation with error locations we can map back to lines and columns, and (issue 9) the JSON
Schema that editors use; its Rust core validates a national catalogue in about a second.
No I/O here: `loader.py` reads files, `catalogue.py` links the records across files.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)

from .hours import holiday_names
from .taxonomy import AGE_GROUPS, CATEGORIES, LANGUAGES, TARGET_GROUPS
from .values import (
    DAY_SPEC_PATTERN,
    DAYS,
    INTERVAL_PATTERN,
    Date,
    Day,
    DaySpec,
    Email,
    Intervals,
    IntervalValue,
    Language,
    Latitude,
    Longitude,
    LongText,
    MunicipalityCode,
    Phone,
    PostalCode,
    ShortText,
    Slug,
    WebUrl,
    choice,
    fail,
    parse_day_spec,
)


class Record(BaseModel):
    """Every mapping in the catalogue: unknown fields are mistakes, not extras."""

    model_config = ConfigDict(extra="forbid", validate_default=False, hide_input_in_errors=True)


# --- text in three languages -----------------------------------------------------------------


def _plain_string_is_finnish(value):
    return {"fi": value} if isinstance(value, str) else value


class _LocalText(Record):
    """A text with Finnish required and Swedish and English optional."""

    fi: str
    sv: str | None = None
    en: str | None = None

    def get(self, lang: str) -> tuple[str, str]:
        """The text for `lang` and the language it is really in (Finnish when untranslated)."""
        text = getattr(self, lang, None)
        return (text, lang) if text else (self.fi, "fi")

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))

    def __str__(self) -> str:
        return self.fi


class _ShortLocalText(_LocalText):
    fi: ShortText
    sv: ShortText | None = None
    en: ShortText | None = None


class _LongLocalText(_LocalText):
    fi: LongText
    sv: LongText | None = None
    en: LongText | None = None


def _local_text_schema(limit: int) -> WithJsonSchema:
    text = {"type": "string", "minLength": 1, "maxLength": limit}
    schema = {
        "oneOf": [
            text,
            {
                "type": "object",
                "required": ["fi"],
                "additionalProperties": False,
                "properties": {"fi": text, "sv": text, "en": text},
            },
        ],
        "description": "Finnish text, or {fi: …, sv: …, en: …} (fi required)",
    }
    return WithJsonSchema(schema)


Name = Annotated[
    _ShortLocalText, BeforeValidator(_plain_string_is_finnish), _local_text_schema(200)
]
Text = Annotated[
    _LongLocalText, BeforeValidator(_plain_string_is_finnish), _local_text_schema(5000)
]
LocalText = _LocalText


class PlainText(Record):
    """A text in plain language (Selkokeskus's selkokieli): selkosuomi in `fi`, lättläst
    svenska in `sv`, either or both; the standard text stays beside it for everyone else."""

    fi: LongText | None = None
    sv: LongText | None = None

    @model_validator(mode="after")
    def _some_language(self):
        if not (self.fi or self.sv):
            raise fail("plain_empty")
        return self

    def get(self, lang: str) -> tuple[str, str]:
        """The text for `lang` and the language it is really in: a page in another language
        shows the selkosuomi (or the lättläst) marked as such, as the site does every text."""
        for code in (lang, "fi", "sv"):
            text = getattr(self, code, None)
            if text:
                return text, code
        raise AssertionError("a PlainText has fi or sv")  # the validator makes sure

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))


class PlainService(Record):
    """A service told in plain language: its page's "Selkosuomeksi" / "Lättläst" version."""

    summary: PlainText
    description: PlainText | None = None


class PlainPath(Record):
    """A service path told in plain language: the introduction, and what each step means,
    by the step's id (the steps' services and contacts are the standard ones)."""

    introduction: PlainText
    steps: dict[Slug, PlainText] = Field(default_factory=dict)


CategoryId = Annotated[
    str,
    choice(
        CATEGORIES,
        "a service category",
        {c.label["fi"].lower(): c.id for c in CATEGORIES.values()},
    ),
]
TargetGroupId = Annotated[str, choice(TARGET_GROUPS, "a target group")]
AgeGroupId = Annotated[str, choice(AGE_GROUPS, "an age group")]
Delivery = Annotated[
    str, choice(("location", "home", "daycare-school", "remote", "digital"), "a way of delivery")
]
# What a place offers for moving about, as families filter by it ("I use a wheelchair", "I push
# a pram"); the free text `accessibility` says the rest.
ACCESS_FEATURES = (
    "step-free",  # an entrance without steps (or with a ramp)
    "lift",
    "accessible-toilet",
    "induction-loop",
    "parking",  # accessible parking by the entrance
    "pram",  # room to bring or leave a pram
)
AccessFeature = Annotated[str, choice(ACCESS_FEATURES, "an accessibility feature")]
Cost = Annotated[
    str,
    choice(
        ("free", "fee", "partly", "call-charge"),
        "a cost",
        {"pvm": "call-charge", "mpm": "call-charge", "pvm/mpm": "call-charge"},
    ),
]
ProviderKind = Annotated[
    str,
    choice(
        ("county", "municipality", "ngo", "parish", "kela", "company", "state"),
        "a kind of provider",
        {
            "hyvinvointialue": "county",
            "kunta": "municipality",
            "järjestö": "ngo",
            "seurakunta": "parish",
            "yritys": "company",
            "association": "ngo",
        },
    ),
]
ChannelType = Annotated[
    str,
    choice(
        ("phone", "sms", "chat", "eservice", "web", "walk-in", "email"),
        "a kind of contact",
        {
            "puhelin": "phone",
            "tekstiviesti": "sms",
            "text": "sms",
            "e-service": "eservice",
            "walkin": "walk-in",
            "visit": "walk-in",
            "website": "web",
            "verkkosivu": "web",
        },
    ),
]


# --- hours -----------------------------------------------------------------------------------


def _days_once(value: object, handler: ValidatorFunctionWrapHandler) -> dict:
    """Each day at most once in a week's hours, told with the keys as written ("mon-fri" and
    "fri"): once validated, "mon-fri" is (0, 1, 2, 3, 4), and keys that name the same days
    ("sat,sun" and "sat-sun") have become one."""
    weekly = handler(value)
    seen: dict[int, str] = {}
    for key in value if isinstance(value, dict) else ():
        for day in parse_day_spec(key):
            if day in seen:
                raise fail("day_twice", day=DAYS[day], first=seen[day], second=str(key))
            seen[day] = str(key)
    return weekly


Weekly = Annotated[
    dict[DaySpec, Intervals],
    WrapValidator(_days_once),
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": DAY_SPEC_PATTERN},
            "additionalProperties": {
                "oneOf": [
                    {"type": "string", "pattern": INTERVAL_PATTERN},
                    {"type": "array", "items": {"type": "string", "pattern": INTERVAL_PATTERN}},
                ]
            },
        }
    ),
]


class Period(Record):
    """Other weekly hours for a while, e.g. summer hours."""

    start: Date = Field(alias="from")
    until: Date
    name: Name | None = None
    weekly: Weekly

    @model_validator(mode="after")
    def _ordered(self):
        if self.until < self.start:
            raise fail("bad_range", start=self.start.isoformat(), until=self.until.isoformat())
        return self


class HoursException(Record):
    """A day or a range of days closed or with other hours (a training day, Christmas)."""

    date: Date
    until: Date | None = None
    closed: bool = False
    hours: Intervals | None = None
    reason: Text | None = None

    @model_validator(mode="after")
    def _closed_or_hours(self):
        if self.until and self.until < self.date:
            raise fail("bad_range", start=self.date.isoformat(), until=self.until.isoformat())
        if self.closed and self.hours:
            raise fail("exception_closed_and_hours")
        if not self.closed and not self.hours:
            raise fail("exception_needs")
        return self

    @property
    def last(self) -> dt.date:
        return self.until or self.date


# A function, not a list: the `holidays` library loads only when a catalogue names a holiday.
HolidayName = Annotated[str, choice(holiday_names, "a Finnish holiday or eve")]


class Hours(Record):
    weekly: Weekly = Field(default_factory=dict)
    # false while the provider has not confirmed them: shown as such, never as "open now"
    confirmed: bool = True
    always: bool = False
    by_appointment: bool = False
    holidays: Annotated[str, choice(("closed", "open"), "a holiday rule")] = "closed"
    closed_on: list[HolidayName] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    exceptions: list[HoursException] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self):
        if self.always and self.weekly:
            raise fail("hours_always_and_weekly")
        if not (self.always or self.weekly or self.by_appointment or self.periods):
            raise fail("hours_empty")
        for weekly in [self.weekly, *(period.weekly for period in self.periods)]:
            _check_weekly(weekly)
        _check_no_overlap([(p.start, p.until) for p in self.periods], "periods")
        _check_no_overlap([(e.date, e.last) for e in self.exceptions], "exceptions")
        return self


def _check_no_overlap(ranges: list[tuple[dt.date, dt.date]], what: str) -> None:
    ordered = sorted(ranges)
    for (start, end), (next_start, next_end) in itertools.pairwise(ordered):
        if next_start <= end:
            raise fail(
                "dates_overlap",
                what=what,
                first=f"{start}–{end}",
                second=f"{next_start}–{next_end}",
            )


def _check_weekly(weekly: dict) -> None:
    for spec, intervals in weekly.items():
        ordered = sorted(intervals)
        for first, second in itertools.pairwise(ordered):
            if second.start < first.end:
                raise fail(
                    "overlapping_intervals",
                    first=_interval_text(first),
                    second=_interval_text(second),
                    day=_spec_text(spec),
                )


def _spec_text(spec: tuple[int, ...]) -> str:
    return ",".join(DAYS[day] for day in spec)


def _interval_text(interval) -> str:
    def clock(minutes: int) -> str:
        return f"{minutes // 60 % 24 if minutes > 24 * 60 else minutes // 60}.{minutes % 60:02d}"

    return f"{clock(interval.start)}-{clock(interval.end)}"


# --- where an entry came from ------------------------------------------------------------------

PTV_ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class PtvMark(Record):
    """An entry imported from the Suomi.fi service catalogue (PTV): `perheovi import ptv`
    updates the fields it imported and leaves the rest, and every field named in `keep`, as
    written here."""

    id: Annotated[str, Field(pattern=PTV_ID_PATTERN)]
    modified: str | None = None  # PTV's own time of the record's last change, as PTV writes it
    keep: list[Annotated[str, Field(pattern=r"^[a-z_]+$")]] = Field(default_factory=list)


# A contact made from a PTV channel: the channel's id, and ":2", ":3"… for its further numbers.
PtvChannel = Annotated[str, Field(pattern=PTV_ID_PATTERN[:-1] + r"(:[0-9]+)?$")]


class _Entry(Record):
    """What locations, services and meeting places share: who runs them and where they are
    written."""

    # Set by the linker. A factory, not a default: pydantic deep-copies a tuple default for
    # every one of twenty thousand services.
    _provider: object = PrivateAttr(default=None)
    _source: tuple[str, int] = PrivateAttr(default_factory=lambda: ("", 0))
    # what a list says of it (site.views.entry_facts), made once: a service is listed on its
    # municipalities', topic's, paths' and search pages
    _facts: object = PrivateAttr(default=None)

    @property
    def provider(self):
        return self._provider

    @property
    def source(self) -> tuple[str, int]:
        """The file and line where the entry starts, for 'report an error' links."""
        return self._source


# --- places and contacts ---------------------------------------------------------------------


class Address(Record):
    street: ShortText
    postal_code: PostalCode
    municipality: Slug
    post_office: ShortText | None = None

    _town: object = PrivateAttr(default=None)  # set by the linker
    _in_region: bool = PrivateAttr(default=True)

    @property
    def town(self):
        """The municipality's name (LocalText), of the region or, outside it, the official one."""
        return self._town

    @property
    def in_region(self) -> bool:
        return self._in_region


class Coordinates(Record):
    lat: Latitude
    lon: Longitude


class Location(_Entry):
    id: Slug
    name: Name
    address: Address
    coordinates: Coordinates | None = None
    access: list[AccessFeature] = Field(default_factory=list)
    accessibility: Text | None = None
    hours: Hours | None = None
    ptv: PtvMark | None = None


_CHANNEL_FIELDS = {
    "phone": ("number",),
    "sms": ("number",),
    "chat": ("url",),
    "eservice": ("url",),
    "web": ("url",),
    "walk-in": ("location",),
    "email": ("email",),
}
_OPTIONAL_FIELDS = {
    "phone": ("callback",),
    "sms": ("keyword",),
    "chat": ("strong_identification",),
    "eservice": ("strong_identification",),
    "email": ("not_for_sensitive_data",),
}
_TYPE_FIELDS = (
    "number",
    "url",
    "location",
    "email",
    "callback",
    "keyword",
    "strong_identification",
    "not_for_sensitive_data",
)


class Contact(Record):
    """One way to reach a service: a phone line with its hours, a chat, a walk-in address…"""

    type: ChannelType
    name: Name | None = None
    note: Text | None = None
    hours: Hours | None = None
    # the languages this channel is answered in, when not all of its entry's (a Swedish line)
    languages: list[Language] = Field(default_factory=list)
    number: Phone | None = None
    callback: bool = False
    keyword: ShortText | None = None  # what to write in a text message, e.g. "APUA"
    url: WebUrl | None = None
    # the chat or e-service asks for bank credentials or a mobile certificate first
    strong_identification: bool = False
    location: Slug | None = None
    email: Email | None = None
    not_for_sensitive_data: bool = False
    ptv: PtvChannel | None = None

    _venue: object = PrivateAttr(default=None)  # set by the linker

    @property
    def venue(self):
        """The Location a walk-in channel's `location` names; None for other channels."""
        return self._venue

    @property
    def opening_hours(self):
        """The hours a family can reach the channel in: its own, else (a walk-in) its
        location's, else None."""
        if self.hours is None and self._venue is not None:
            return self._venue.hours
        return self.hours

    @model_validator(mode="after")
    def _fields_for_type(self):
        needed = _CHANNEL_FIELDS[self.type]
        for name in needed:
            if getattr(self, name) is None:
                raise fail("channel_needs", type=self.type, field=name)
        allowed = set(needed) | set(_OPTIONAL_FIELDS.get(self.type, ()))
        for name in _TYPE_FIELDS:
            if name not in allowed and name in self.model_fields_set:
                raise fail("channel_field_not_used", type=self.type, field=name)
        if self.type == "email" and not self.not_for_sensitive_data:
            raise fail("email_sensitive")
        return self


# --- what providers offer --------------------------------------------------------------------


# An area that is not a list of municipalities: every municipality of the region, or the
# whole country (a national helpline, which serves the region like a region-wide one).
EVERYWHERE = ("region", "national")


def _region_or_list(value):
    return [value] if value in EVERYWHERE else value


def _alone(area: list[str]) -> list[str]:
    for word in EVERYWHERE:
        if word in area and len(area) > 1:
            raise fail("area_region_alone", value=word)
    return area


Area = Annotated[
    list[Slug],
    BeforeValidator(_region_or_list),
    AfterValidator(_alone),
    Field(min_length=1),
    WithJsonSchema(
        {
            "oneOf": [
                {"enum": list(EVERYWHERE)},
                {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
                },
            ]
        }
    ),
]


Keywords = dict[Annotated[str, choice(LANGUAGES, "a site language")], list[ShortText]]


class Service(_Entry):
    id: Slug
    category: CategoryId
    name: Name
    summary: Text
    description: Text | None = None
    keywords: Keywords = Field(default_factory=dict)
    target_groups: list[TargetGroupId] = Field(min_length=1)
    area: Area
    delivery: list[Delivery] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1)
    cost: Cost
    cost_note: Text | None = None
    referral: bool = False
    contacts: list[Contact] = Field(min_length=1)
    locations: list[Slug] = Field(default_factory=list)
    organiser: Slug | None = None
    partners: list[Slug] = Field(default_factory=list)
    reviewed: Date
    plain: PlainService | None = None
    ptv: PtvMark | None = None

    _organiser: object = PrivateAttr(default=None)  # set by the linker
    _partners: list = PrivateAttr(default_factory=list)
    _venues: list = PrivateAttr(default_factory=list)

    @property
    def run_with(self) -> list:
        """The organisations that run it together with its provider (`partners`)."""
        return self._partners

    @property
    def venues(self) -> list:
        """The Locations its `locations` name, in that order."""
        return self._venues

    @property
    def region_wide(self) -> bool:
        """Whether it serves every municipality of the region: region-wide or nationwide."""
        return self.area[0] in EVERYWHERE

    @property
    def national(self) -> bool:
        return self.area == ["national"]

    @property
    def organised_by(self):
        """The organisation responsible for the service, when another runs it (`organiser`)."""
        return self._organiser


def _one_or_list(value):
    return [value] if isinstance(value, (int, str)) else value


# Which of a month's weekdays: the 1st to the 4th, or the last (the last Friday).
WeekOfMonth = Annotated[
    str,
    choice(("1", "2", "3", "4", "last"), "a week of the month"),
    WithJsonSchema({"oneOf": [{"enum": [1, 2, 3, 4]}, {"const": "last"}]}),
]


class Activity(Record):
    """One item of a meeting place's programme, e.g. the baby club on Tuesdays: every week,
    on even or odd ISO weeks (`weeks`), or on some of the month's weekdays (`monthly`: the
    first Saturday, the last Friday)."""

    day: Day
    time: IntervalValue
    name: Name
    audience: Text | None = None
    language: Language = "fi"
    weeks: Annotated[str, choice(("even", "odd"), "even or odd weeks")] | None = None
    monthly: Annotated[list[WeekOfMonth], BeforeValidator(_one_or_list), Field(min_length=1)] = (
        Field(default_factory=list)
    )
    cancelled: list[Date] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_pattern(self):
        if self.weeks and self.monthly:
            raise fail("pattern_weeks_and_monthly")
        return self

    @property
    def day_index(self) -> int:
        return DAYS.index(self.day)


class Term(Record):
    start: Date = Field(alias="from")
    until: Date
    name: Name | None = None

    @model_validator(mode="after")
    def _ordered(self):
        if self.until < self.start:
            raise fail("bad_range", start=self.start.isoformat(), until=self.until.isoformat())
        return self


class Closure(Record):
    date: Date
    until: Date | None = None
    reason: Text | None = None

    @property
    def last(self) -> dt.date:
        return self.until or self.date

    @model_validator(mode="after")
    def _ordered(self):
        if self.until and self.until < self.date:
            raise fail("bad_range", start=self.date.isoformat(), until=self.until.isoformat())
        return self


class MeetingPlace(_Entry):
    id: Slug
    name: Name
    summary: Text
    description: Text | None = None
    location: Slug
    area: Area | None = None
    target_groups: list[TargetGroupId] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1)
    contacts: list[Contact] = Field(default_factory=list)
    terms: list[Term] = Field(min_length=1)
    programme: list[Activity] = Field(min_length=1)
    exceptions: list[Closure] = Field(default_factory=list)
    partners: list[Slug] = Field(default_factory=list)
    reviewed: Date

    _partners: list = PrivateAttr(default_factory=list)  # set by the linker
    _venue: object = PrivateAttr(default=None)

    @property
    def run_with(self) -> list:
        """The organisations that run it together with its provider (`partners`): Keuruu's
        family centre with early education, MLL and the parish."""
        return self._partners

    @property
    def venue(self):
        """The Location its `location` names: where the family walks in."""
        return self._venue


# --- files -----------------------------------------------------------------------------------


class _Offers(Record):
    locations: list[Location] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    meeting_places: list[MeetingPlace] = Field(default_factory=list)


Owner = Annotated[str, Field(pattern=r"^@[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?$")]


class ProviderFile(_Offers):
    kind: ProviderKind
    name: Name
    website: WebUrl | None = None
    description: Text | None = None
    reviewed: Date
    owners: list[Owner] = Field(default_factory=list)
    ptv: PtvMark | None = None


class MunicipalityFile(_Offers):
    code: MunicipalityCode
    name: Name | None = None
    website: WebUrl | None = None
    reviewed: Date | None = None
    owners: list[Owner] = Field(default_factory=list)


class Coordinator(Record):
    name: Name
    email: Email
    phone: Phone | None = None
    organisation: Name | None = None


class UrgentHelp(Record):
    name: Name
    phone: Phone
    hours: Hours | None = None
    note: Text | None = None


class Notice(Record):
    id: Slug
    level: Annotated[str, choice(("info", "warning"), "a notice level")] = "info"
    text: Text
    start: Date | None = Field(default=None, alias="from")
    until: Date | None = None


class RegionFile(Record):
    name: Name
    county: Name
    municipalities: list[MunicipalityCode] = Field(min_length=1)
    coordinator: Coordinator
    website: WebUrl | None = None
    sample: bool = False
    urgent_help: list[UrgentHelp] = Field(min_length=1)
    notices: list[Notice] = Field(default_factory=list)
    owners: list[Owner] = Field(default_factory=list)


class Meanwhile(Record):
    """Support alongside a step: peer groups, Kela benefits, helplines."""

    text: Text | None = None
    categories: list[CategoryId] = Field(default_factory=list)
    services: list[Slug] = Field(default_factory=list)


class Step(Record):
    id: Slug
    title: Text
    description: Text | None = None
    first_contact: bool = False
    categories: list[CategoryId] = Field(default_factory=list)
    services: list[Slug] = Field(default_factory=list)
    meanwhile: Meanwhile | None = None
    ages: list[AgeGroupId] | None = None  # the path's `ages`, unless this step's differ

    @model_validator(mode="after")
    def _points_somewhere(self):
        if not self.categories and not self.services:
            raise fail("step_empty")
        return self


class PathFile(Record):
    """A life situation or service path: who to contact first, how, and what happens next."""

    title: Text
    kind: Annotated[str, choice(("critical", "situation"), "a kind of path")]
    order: int = 100
    quick_exit: bool = False
    # Whom the path is for, by the child's age: a step takes in a service of its categories
    # only when the service is for one of these ages, or for no age in particular (parents,
    # the whole family). Services a step names by id are always listed. Empty: every age.
    ages: list[AgeGroupId] = Field(default_factory=list)
    introduction: Text
    signs: list[Text] = Field(min_length=1)
    urgent: Text | None = None
    steps: list[Step] = Field(min_length=1)
    plain: PlainPath | None = None
    reviewed: Date


SynonymGroup = Annotated[list[ShortText], Field(min_length=2)]


class SynonymsFile(Record):
    """Words a stemmer cannot bridge, per language: each group's words find each other."""

    fi: list[SynonymGroup] = Field(default_factory=list)
    sv: list[SynonymGroup] = Field(default_factory=list)
    en: list[SynonymGroup] = Field(default_factory=list)


FILE_MODELS: dict[str, type[Record]] = {
    "region": RegionFile,
    "municipality": MunicipalityFile,
    "provider": ProviderFile,
    "synonyms": SynonymsFile,
    "path": PathFile,
}
