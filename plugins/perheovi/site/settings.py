"""The site's own settings (every `PERHEOVI_*` in pelicanconf.py), checked like the catalogue.

One small model holds each setting's type, default and what it means, so a wrong value is told
in plain words naming the setting and what it expected, all at once, instead of a `KeyError`
deep in a template. The defaults live here and nowhere else. Three settings can also come from
the environment (CI and the benchmark set them without editing pelicanconf.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..catalogue.values import PhoneNumber, normalise_phone
from ..i18n import LANGUAGES, Language
from ..interchange.ptv_source import DEFAULT_API

PREFIX = "PERHEOVI_"
FROM_ENVIRONMENT = ("CATALOGUE", "SEARCH_SHARD_DOCS", "PROCESSES")
# Read by publishconf.py itself, not a setting of the plugin.
NOT_SETTINGS = {"PERHEOVI_SITEURL"}


class SettingsError(Exception):
    """Settings that cannot be used; `problems` lists each one as a sentence."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _phone(text: str) -> str:
    if normalise_phone(text) is None:
        raise ValueError("not a phone number")
    return text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Translated = Annotated[
    dict[Language, str],
    Field(description='a text in each language, e.g. {"fi": "…", "sv": "…", "en": "…"}'),
]


class Accessibility(_Strict):
    """The accessibility statement (Act on the Provision of Digital Services 306/2019)."""

    status: Literal["full", "partial", "none"] = Field(
        description='how far the site meets WCAG 2.1 AA: "full", "partial" or "none"'
    )
    prepared: dt.date = Field(
        description="the date the statement was first prepared, e.g. 2026-11-01"
    )
    reviewed: dt.date = Field(description="the date the statement was last reviewed")
    method: Literal["self-assessment", "audit"] = Field(
        description='how the accessibility was assessed: "self-assessment" or "audit"'
    )
    auditor: str = Field("", description="who audited the site, when the method is audit")
    feedback_email: str = Field(description="the address where visitors report problems")
    feedback_phone: str = Field("", description="a phone number for the same, or nothing")
    known_issues: list[Translated] = Field(
        default_factory=list,
        description='what is not accessible yet: a list of {"fi": …, "sv": …, "en": …} texts',
    )
    authority_url: str = Field(
        "https://www.saavutettavuusvaatimukset.fi",
        description="the supervisory authority's web address",
    )
    authority_email: str = Field(
        "saavutettavuus@traficom.fi", description="the supervisory authority's email address"
    )
    authority_phone: str = Field(
        "029 534 5000", description="the supervisory authority's phone number"
    )

    @field_validator("feedback_phone", "authority_phone")
    @classmethod
    def _phone_numbers(cls, value: str) -> str:
        return _phone(value) if value else value

    @property
    def feedback_phone_e164(self) -> PhoneNumber | None:
        return _number(self.feedback_phone)

    @property
    def authority_phone_e164(self) -> PhoneNumber | None:
        return _number(self.authority_phone)


def _number(text: str) -> PhoneNumber | None:
    """For links (E.164) and display (grouped as written, like the catalogue's numbers)."""
    normal = normalise_phone(text) if text else None
    return PhoneNumber(normal, text) if normal else None


WHITE, SOFT = "#ffffff", "#eef4f8"  # the backgrounds the accent colour is read on (site.css)


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Brand(_Strict):
    """The region's colour: links, buttons, the first-contact marks (theme/css/brand.css)."""

    accent: str = Field(
        "#00507a",
        pattern=r"^#[0-9a-fA-F]{6}$",
        description='a #rrggbb colour with a contrast of at least 4.5:1 on white, e.g. "#00507a"',
    )

    @field_validator("accent")
    @classmethod
    def _readable(cls, colour: str) -> str:
        worst = min(contrast(colour, WHITE), contrast(colour, SOFT))
        if worst < 4.5:
            raise ValueError(f"its contrast is {worst:.1f}:1 on the site's backgrounds")
        return colour.lower()

    @property
    def accent_dark(self) -> str:
        """The hover shade: each channel at 72.5 %, rounded up (#00507a gives #003a59)."""
        return "#" + "".join(
            f"{math.ceil(int(self.accent[i : i + 2], 16) * 0.725):02x}" for i in (1, 3, 5)
        )


class OpenDataLicence(_Strict):
    """The licence the catalogue is published under as open data (/open-data/)."""

    name: str = Field("CC BY 4.0", min_length=1, description="its short name, e.g. CC BY 4.0")
    id: str = Field("CC-BY-4.0", pattern=r"^[A-Za-z0-9.+-]+$", description="its SPDX id")
    url: str = Field(
        "https://creativecommons.org/licenses/by/4.0/",
        pattern=r"^https://\S+$",
        description="the https:// address of its text",
    )


class Settings(_Strict):
    """Every PERHEOVI_* setting, named without the prefix."""

    CATALOGUE: str = Field("catalogue", description="the catalogue folder")
    LANGUAGES: list[Language] = Field(
        list(LANGUAGES),
        min_length=1,
        description='the site languages, Finnish first, e.g. ["fi", "sv", "en"]',
    )
    SEARCH_SHARD_DOCS: int = Field(
        150, ge=1, description="how many entries one search file may hold (a whole number)"
    )
    PROCESSES: int = Field(
        0, ge=0, description="worker processes for the build, 0 for one per core"
    )
    QUICK_EXIT_URL: str = Field(
        "https://www.ilmatieteenlaitos.fi/",
        pattern=r"^https://\S+$",
        description="the https:// address of a neutral page the quick-exit button leads to",
    )
    ACCESSIBILITY: Accessibility = Field(description="the accessibility statement's facts")
    BRAND: Brand = Field(
        default_factory=Brand, description='the region\'s colour, e.g. {"accent": "#00507a"}'
    )
    REPOSITORY: str = Field("", description="the catalogue repository's https:// address")
    REPORT_ERRORS: Literal["issue", "email"] = Field(
        "email",
        description='what "report an error" does: "issue" (in REPOSITORY) or "email"',
    )
    STRICT: bool = Field(False, description="true to fail the build on any warning")
    PTV_API: str = Field(
        DEFAULT_API,
        pattern=r"^https://\S+/$",
        description="the https:// address of the PTV Open API V11 `perheovi import ptv --fetch` reads",
    )
    OPEN_DATA_LICENCE: OpenDataLicence = Field(
        default_factory=OpenDataLicence,
        description='the open data\'s licence, e.g. {"name": "CC BY 4.0", "url": "https://…"}',
    )

    @field_validator("LANGUAGES")
    @classmethod
    def _finnish_first(cls, languages: list[str]) -> list[str]:
        if languages[0] != "fi" or len(set(languages)) != len(languages):
            raise ValueError("Finnish first, each language once")
        return languages


def read_settings(pelican_settings: dict, environ: Mapping[str, str]) -> Settings:
    """The PERHEOVI_* settings of a Pelican settings dict, or SettingsError with every problem."""
    values = {
        key.removeprefix(PREFIX): value
        for key, value in pelican_settings.items()
        if key.startswith(PREFIX) and key not in NOT_SETTINGS
    }
    from_environment = {name for name in FROM_ENVIRONMENT if environ.get(PREFIX + name)}
    for name in from_environment:
        values[name] = environ[PREFIX + name]
    try:
        return Settings.model_validate(values)
    except ValidationError as error:
        problems = [_problem(item, from_environment) for item in error.errors()]
        raise SettingsError(problems) from None


def _problem(item, from_environment: set[str]) -> str:
    location = [str(part) for part in item["loc"]]
    name = PREFIX + location[0] + "".join(f"[{part!r}]" for part in location[1:])
    if item["type"] == "extra_forbidden":
        known = list(Settings.model_fields) if len(location) == 1 else Accessibility.model_fields
        close = difflib.get_close_matches(location[-1], list(known), n=1)
        hint = (
            f' (did you mean "{PREFIX if len(location) == 1 else ""}{close[0]}"?)' if close else ""
        )
        return f"setting {name}: there is no such setting{hint}"
    expected = _description(location)
    if item["type"] == "missing":
        return f"setting {name} is missing: expected {expected}"
    source = " (from the environment)" if location[0] in from_environment else ""
    reason = f" ({item['ctx']['error']})" if item["type"] == "value_error" else ""
    return f"setting {name} = {item['input']!r}{source} cannot be used{reason}: expected {expected}"


def _description(location: list[str]) -> str:
    model: type[BaseModel] = Settings
    description = ""
    for part in location:
        field = model.model_fields.get(part)
        if field is None:
            break
        description = field.description or description
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            model = field.annotation
    return description


def read_settings_file(path: str | Path, environ: Mapping[str, str]) -> Settings:
    """The PERHEOVI_* settings of a Pelican settings file (pelicanconf.py), for the commands that
    need the site's settings without building it (`perheovi report`): the file is run as Pelican
    runs it, then checked like the build checks it. SettingsError also when it cannot be run."""
    from pelican.settings import get_settings_from_file

    try:
        values = get_settings_from_file(str(path))
    except Exception as error:  # anything a Python file can raise: a typo, a missing import
        raise SettingsError([f"the settings file {path} could not be read: {error}"]) from None
    return read_settings(values, environ)
