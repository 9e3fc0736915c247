"""UI translations and locale-aware formatting: gettext catalogs compiled at build time, Babel.

The `.po` files live in the theme (`theme/translations/<lang>/LC_MESSAGES/messages.po`); English
is the source language (the msgids). Catalogs are compiled in memory on every build, so a `.po`
edit shows on the next build without a separate compile step.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, get_args

import pycountry
from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .catalogue.values import DAYS

# The languages perheovi speaks: the theme, the checker's messages and the national lists are
# translated into them. A site publishes some of them (PERHEOVI_LANGUAGES, Finnish first); the
# reader of `perheovi check` and `perheovi report` picks one for the messages (--lang).
Language = Literal["fi", "sv", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)


def load_translations(
    translations_dir: Path, lang: str, domain: str = "messages"
) -> gettext.NullTranslations:
    po = translations_dir / lang / "LC_MESSAGES" / f"{domain}.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# Finland's variants of each language: Finland-Swedish and English-in-Finland conventions
# (24-hour clock with a dot, day-first dates), straight from CLDR.
_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}


def checker_translations(lang: str) -> gettext.NullTranslations:
    """The messages of `perheovi check` and `perheovi report` in `lang` (English: the msgids)."""
    from importlib import resources

    folder = Path(str(resources.files(__package__).joinpath("translations")))
    return load_translations(folder, lang, domain="perheovi")


def language_from_environment(environ) -> str:
    """fi, sv or en from LANGUAGE, LC_ALL, LC_MESSAGES or LANG (the gettext order)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in environ.get(name, "").split(":"):
            code = value[:2].lower()
            if code in LANGUAGES:
                return code
    return "en"


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, lang))


@cache
def day_names(
    lang: str, width: Literal["wide", "abbreviated", "short", "narrow"] = "wide"
) -> tuple[str, ...]:
    """Monday first, in `lang`: ("maanantai", …) or with width="abbreviated" ("ma", …)."""
    names = get_day_names(width, context="stand-alone", locale=locale(lang))
    return tuple(names[index] for index in range(7))


def day_name(day: str | int, lang: str, width: str = "wide") -> str:
    index = DAYS.index(day) if isinstance(day, str) else day
    return day_names(lang, width)[index]


@lru_cache(maxsize=8192)
def clock(minutes: int, lang: str) -> str:
    """8.00 (fi), 08.00 (sv), 8.00 (en); 24:00 stays the end of the day, +1 intervals wrap."""
    if minutes == 24 * 60:  # CLDR has no 24:00; take 23:00 in the locale's form and bump it
        return format_skeleton("Hm", dt.time(23, 0), locale=locale(lang)).replace("23", "24", 1)
    hours, mins = divmod(minutes % (24 * 60), 60)
    return format_skeleton("Hm", dt.time(hours, mins), locale=locale(lang))


def clock_pattern(lang: str) -> str:
    """The CLDR pattern of a 24-hour clock time ("H.mm", "HH.mm"), for the "open now" script."""
    return locale(lang).datetime_skeletons["Hm"].pattern


@cache
def day_names_in_sentence(lang: str) -> tuple[str, ...]:
    """Weekday names as used inside a sentence: "maanantaina" (fi), "måndag", "Monday"."""
    names = get_day_names("wide", context="format", locale=locale(lang))
    return tuple(names[index] for index in range(7))


def long_date(date: dt.date, lang: str) -> str:
    return format_date(date, format="long", locale=locale(lang))


def short_date(date: dt.date, lang: str) -> str:
    """1.10.2026 (fi), 1 okt. 2026 (sv), 1 Oct 2026 (en)."""
    return format_date(date, format="short" if lang == "fi" else "medium", locale=locale(lang))


# Sign languages are missing from CLDR's language names.
_MORE_LANGUAGE_NAMES = {
    "fse": {
        "fi": "suomalainen viittomakieli",
        "sv": "finskt teckenspråk",
        "en": "Finnish Sign Language",
    },
    "fss": {
        "fi": "suomenruotsalainen viittomakieli",
        "sv": "finlandssvenskt teckenspråk",
        "en": "Finland-Swedish Sign Language",
    },
}


@cache
def language_name(code: str, lang: str) -> str:
    """The name of language `code` in the page language, from Babel's CLDR data."""
    if code in _MORE_LANGUAGE_NAMES:
        return _MORE_LANGUAGE_NAMES[code][lang]
    name = locale(lang).languages.get(code)
    if name:
        return name
    found = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(alpha_2=code)
    return found.name if found else code


@cache
def own_language_name(lang: str) -> str:
    """ "suomi", "svenska", "English": how the language switcher names each language."""
    return Locale.parse(lang).get_display_name(lang) or lang
