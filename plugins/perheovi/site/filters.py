"""Jinja filters and globals that turn catalogue values into safe, localised HTML.

Python rather than template macros for the values that appear on every line of every page
(texts, links, times): they are the hot path of the build. Everything that reaches HTML is
escaped here or by Jinja's autoescape; catalogue text is never trusted as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import quote, urlencode

import phonenumbers
from jinja2 import pass_context
from markupsafe import Markup, escape

from .. import i18n
from ..catalogue import hours as hours_engine
from ..catalogue.hours import day_groups
from ..catalogue.taxonomy import CATEGORIES, GROUPS, TARGET_GROUPS
from ..catalogue.values import SHORT_NUMBERS
from .calendars import activity_file
from .leaflet import page_address, qr_svg
from .summaries import day_range_text, hours_line, interval_text


@pass_context
def url(ctx, key: str = "", lang: str | None = None) -> str:
    """A link to the page `key` in `lang` (default: the page's), relative to this page."""
    return f"{ctx['root']}{lang or ctx['lang']}/{key}"


@pass_context
def asset(ctx, path: str) -> str:
    return f"{ctx['root']}{path}"


@pass_context
def this_page_address(ctx) -> str:
    """This page's public address in its language, as printed under a leaflet."""
    return page_address(ctx["site_url"], ctx["lang"], ctx["page"].key)


@pass_context
def text(ctx, value, block: bool = False) -> Markup:
    """A catalogue text in the page language, or its Finnish original marked lang="fi" (a
    plain-language text only in lättläst: marked lang="sv")."""
    if value is None:
        return Markup("")
    content, used = value.get(ctx["lang"])
    if used == ctx["lang"]:
        return paragraphs(content) if block else escape(content)
    if used != "fi":  # a lättläst text shown on a page without its own language's
        tag = "div" if block else "span"
        inner = paragraphs(content) if block else escape(content)
        return Markup('<{0} lang="{1}">{2}</{0}>').format(tag, used, inner)
    note = ctx["fallback_note"]
    if block:
        return Markup('<div lang="fi">{}</div><p class="fallback-note">{}</p>').format(
            paragraphs(content), note
        )
    return Markup('<span lang="fi">{}</span> <span class="fallback-note">({})</span>').format(
        content, note
    )


@pass_context
def plain(ctx, value) -> str:
    """The text in the page language or Finnish, without markup (titles, attributes)."""
    return "" if value is None else value.get(ctx["lang"])[0]


@pass_context
def is_fallback(ctx, value) -> bool:
    return value is not None and not value.has(ctx["lang"])


def gettext_in(catalog) -> Callable[..., Markup]:
    """`_` in another language than the page's: `{% with _ = gettext_in[l] %}`. Like Jinja's
    newstyle gettext, the translation is trusted markup and %(name)s placeholders are escaped."""
    return lambda message, **values: Markup(catalog.gettext(message)) % values


def paragraphs(content: str) -> Markup:
    parts = [part.strip() for part in re.split(r"\n\s*\n", content) if part.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(part) for part in parts)


@pass_context
def label(ctx, labels: dict) -> str:
    return labels.get(ctx["lang"]) or labels["fi"]


@pass_context
def category_label(ctx, category_id: str) -> str:
    return CATEGORIES[category_id].label[ctx["lang"]]


@pass_context
def group_label(ctx, group: str) -> str:
    return GROUPS[group][ctx["lang"]]


@pass_context
def target_group_label(ctx, group_id: str) -> str:
    return TARGET_GROUPS[group_id].label[ctx["lang"]]


@pass_context
def language_name(ctx, code: str) -> str:
    return i18n.language_name(code, ctx["lang"])


@pass_context
def date(ctx, value) -> str:
    return i18n.short_date(value, ctx["lang"])


@pass_context
def long_date(ctx, value) -> str:
    return i18n.long_date(value, ctx["lang"])


@pass_context
def day(ctx, index: int, width: str = "wide") -> str:
    return i18n.day_name(index, ctx["lang"], width)


@pass_context
def interval(ctx, value) -> str:
    return interval_text(value, ctx["lang"])


@pass_context
def day_range(ctx, group, width: str = "abbreviated") -> str:
    return day_range_text(group, ctx["lang"], width)


@pass_context
def hours_line_filter(ctx, hours, always: str, by_appointment: str) -> str:
    return hours_line(hours, ctx["lang"], always, by_appointment)


def build_cache(ctx) -> dict:
    """A cache that lives as long as the Jinja environment: one build."""
    return ctx.environment.__dict__.setdefault("perheovi_cache", {})


@pass_context
def fragment(ctx, *key, caller) -> Markup:
    """What the call block renders, once per key, language and page depth: a service's entry
    is the same on its municipality's, category's, provider's and paths' pages."""
    cache = build_cache(ctx)
    full_key = ("fragment", *key, ctx["lang"], ctx["root"])
    if full_key not in cache:
        cache[full_key] = caller()
    return cache[full_key]


@pass_context
def holiday_name(ctx, slug_day) -> str:
    return hours_engine.holiday_name(slug_day, ctx["lang"]) or ""


@pass_context
def holiday_slug_name(ctx, slug: str) -> str:
    """A holiday or eve as a catalogue names it ("new-years-eve"), in the page language."""
    days = hours_engine.holiday_slugs(ctx["build_date"].year)
    day = min(day for day, found in days.items() if found == slug)
    return hours_engine.holiday_name(day, ctx["lang"]) or slug


@pass_context
def and_list(ctx, items) -> str:
    """ "first and third" in the page language (Babel's list patterns)."""
    from babel.lists import format_list

    return format_list(list(items), locale=i18n.locale(ctx["lang"]))


@pass_context
def report_error_url(ctx, entry, title: str) -> str:
    """A pre-filled issue (or email) naming the entry, its file and line, and this page."""
    path, line = entry.source if hasattr(entry, "source") else (entry.path, 1)
    page = f"{ctx['site_url'] or ''}/{ctx['lang']}/{ctx['page'].key}"
    subject = f"{title}: {entry.name.fi} ({getattr(entry, 'id', getattr(entry, 'slug', ''))})"
    body = (
        f"{ctx['report_body_intro']}\n\n"
        f"- {getattr(entry, 'id', getattr(entry, 'slug', ''))}\n- {path}:{line}\n- {page}\n"
    )
    settings = ctx["report_errors"]
    if settings["mode"] == "email":
        return (
            "mailto:"
            + quote(settings["email"], safe="@.")
            + "?"
            + urlencode({"subject": subject, "body": body}, quote_via=quote)
        )
    return f"{settings['repository'].rstrip('/')}/issues/new?" + urlencode(
        {"title": subject, "body": body, "labels": "tietovirhe"}, quote_via=quote
    )


def phone_display(number: str) -> str:
    """A number the way Finland writes it: 040 123 4567, 09 2525 0111, 0800 147 111, 116 111.

    The catalogue's own grouping is kept when it is tidy (`_tidy_groups`), so a number shows as
    its owner publishes it (080 005 005); otherwise `_finnish_code` and `_subscriber_groups`
    group it."""
    return _display(str(number), getattr(number, "written", ""))


@lru_cache(maxsize=65536)
def _display(number: str, written: str) -> str:
    if not number.startswith("+"):  # a short number, as the list says it is published
        return SHORT_NUMBERS[number]
    parsed = phonenumbers.parse(number)
    if parsed.country_code != 358:  # dialled from Finland with the country code
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    prefix, subscriber = _finnish_code(parsed)
    groups = _tidy_groups(written, prefix + subscriber, prefix, parsed) or [
        prefix,
        *_subscriber_groups(subscriber),
    ]
    return " ".join(groups)


def _finnish_code(parsed) -> tuple[str, str]:
    """The area or service code with its 0 (09, 013, 040, 0800, 020) and the digits after it.

    phonenumbers' code is used, except that a mobile number's code takes one more digit when
    the rest would start with 0 or run past seven digits (0400 123 456, 0457 123 4567)."""
    national = phonenumbers.national_significant_number(parsed)
    length = phonenumbers.length_of_national_destination_code(parsed) or 1
    mobile = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
    if mobile and (national[length] == "0" or len(national) - length > 7):
        length += 1
    return "0" + national[:length], national[length:]


# The digits after the code in groups of three or four, as the Institute for the Languages of
# Finland recommends (Kielitoimiston ohjepankki, "Puhelinnumerot": 09 1234, 019 123 45,
# 06 123 456, 02 123 4567, 08 1234 5678, 050 123 4567, 0800 123 4567).
_SUBSCRIBER_SPLITS = {5: (3, 2), 6: (3, 3), 7: (3, 4), 8: (4, 4), 9: (3, 3, 3), 10: (3, 3, 4)}


def _subscriber_groups(digits: str) -> list[str]:
    groups, start = [], 0
    for size in _SUBSCRIBER_SPLITS.get(len(digits), (len(digits),)):
        groups.append(digits[start : start + size])
        start += size
    return groups


def _tidy_groups(written: str, national: str, prefix: str, parsed) -> list[str] | None:
    """The catalogue's grouping when it is a tidy Finnish one: the national number (with its 0)
    in groups of two to five digits separated by spaces (Espoo writes 09 816 31300), and for
    landlines and mobiles the area code as a group of its own. Service numbers keep any such
    grouping, since owners group them to be remembered (Nollalinja 080 005 005)."""
    groups = written.split()
    if "".join(groups) != national or not all(re.fullmatch("[0-9]{2,5}", g) for g in groups):
        return None
    kind = phonenumbers.number_type(parsed)
    personal = (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE)
    code = "0" + national[1 : 1 + phonenumbers.length_of_national_destination_code(parsed)]
    if kind in personal and groups[0] not in (code, prefix):  # 040 000 1234 or 0400 001 234
        return None
    return groups


def tel_href(number: str) -> str:
    return f"tel:{number}"


def osm_link(location) -> str:
    """A plain link to the place on OpenStreetMap: a link the family follows, no embedded map."""
    if location.coordinates:
        lat, lon = location.coordinates.lat, location.coordinates.lon
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    address = location.address
    query = f"{address.street}, {address.postal_code} {address.post_office or ''}".strip()
    return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


def mailto(address: str) -> str:
    return "mailto:" + quote(address, safe="@.+-_")


def alphabetical(services, lang: str) -> list[tuple[str, list]]:
    """Services grouped by the first letter of their name in `lang`, in Finnish order."""
    from ..catalogue.network import finnish_sort_key

    named = sorted(services, key=lambda s: (finnish_sort_key(s.name.get(lang)[0]), s.id))
    groups: dict[str, list] = {}
    for service in named:
        groups.setdefault(service.name.get(lang)[0][:1].upper(), []).append(service)
    return list(groups.items())


FILTERS = {
    "t": text,
    "plain": plain,
    "is_fallback": is_fallback,
    "label": label,
    "category_label": category_label,
    "group_label": group_label,
    "target_group_label": target_group_label,
    "language_name": language_name,
    "date": date,
    "long_date": long_date,
    "day": day,
    "interval": interval,
    "day_range": day_range,
    "hours_line": hours_line_filter,
    "phone": phone_display,
    "tel": tel_href,
    "osm": osm_link,
    "mailto": mailto,
    "holiday_name": holiday_name,
    "holiday_slug_name": holiday_slug_name,
    "report_error_url": report_error_url,
    "and_list": and_list,
    "qr": qr_svg,
}


GLOBALS = {
    "url": url,
    "asset": asset,
    "this_page_address": this_page_address,
    "day_groups": day_groups,
    "alphabetical": alphabetical,
    "fragment": fragment,
    "activity_file": activity_file,
}
