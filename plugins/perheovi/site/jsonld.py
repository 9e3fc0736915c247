"""A service page's schema.org description (JSON-LD), for search engines and other machines.

The page says it for people; this says the same facts for machines, from the same records:
who provides the service, where, in which languages, and how to reach it (numbers, addresses,
hours). Only what the catalogue says: a field the catalogue leaves empty is left out, and
hours not yet confirmed are not published as hours at all.

`service_data` is pure: the page's language, address and build date come in as arguments
(the build date, the site's only clock, drops past periods and exceptions and dates the
holidays a channel closes on). `script_text` makes the JSON safe inside a <script> data
block, which the browser does not run and the CSP does not block.
"""

from __future__ import annotations

import datetime as dt
import json

from jinja2 import pass_context
from markupsafe import Markup

from .. import i18n
from ..catalogue import hours as hours_engine
from ..catalogue.taxonomy import CATEGORIES, TARGET_GROUPS
from .leaflet import page_address

SCHEMA = "https://schema.org"
DAY_URLS = tuple(
    f"{SCHEMA}/{day}"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
)
# providers whose services are public services (GovernmentService); the rest are Service
PUBLIC_KINDS = ("county", "municipality", "kela", "state")
# how far ahead the holidays a channel closes on are dated (the nightly build moves it on)
HOLIDAY_DAYS = 366
# a channel's kind, named as the page names a channel without a name of its own
KIND_LABELS = {
    "phone": "Phone",
    "sms": "Text message",
    "chat": "Chat",
    "eservice": "E-service",
    "web": "Web page",
    "walk-in": "Visit",
    "email": "Email",
}


def _text(value, lang: str) -> str | None:
    """The text the page shows: in `lang`, or its Finnish original."""
    return None if value is None else value.get(lang)[0]


def _compact(data: dict) -> dict:
    """Without the keys the catalogue says nothing of."""
    return {key: value for key, value in data.items() if value not in (None, [], "")}


# --- hours -----------------------------------------------------------------------------------


def _clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _span(interval) -> tuple[str, str]:
    """opens and closes: a close before the opening runs past midnight (schema.org's rule),
    so 22-02 is written as it is, and a whole day as 00:00-23:59 (00:00-00:00 means closed)."""
    opens, closes = _clock(interval.start), _clock(interval.end)
    if opens == closes:
        closes = _clock(interval.start - 1)
    return opens, closes


def _spec(**fields) -> dict:
    return {"@type": "OpeningHoursSpecification", **_compact(fields)}


def _week(weekly: dict, **validity) -> list[dict]:
    """A week as one specification per interval, with the days that have it."""
    days = hours_engine.days_of(weekly)
    intervals = sorted({i for day in days for i in day}, key=lambda i: (i.start, i.end))
    specs = []
    for interval in intervals:
        opens, closes = _span(interval)
        on = [DAY_URLS[d] for d, day in enumerate(days) if interval in day]
        specs.append(_spec(dayOfWeek=on, opens=opens, closes=closes, **validity))
    return sorted(specs, key=lambda s: (DAY_URLS.index(s["dayOfWeek"][0]), s["opens"]))


def _closed(first: dt.date, last: dt.date, name: str | None = None, days=None) -> dict:
    return _spec(
        name=name,
        dayOfWeek=days,
        opens="00:00",
        closes="00:00",
        validFrom=first.isoformat(),
        validThrough=last.isoformat(),
    )


def hours_data(hours, lang: str, today: dt.date) -> tuple[list[dict], list[dict]]:
    """(the usual hours and periods, the exceptions and holidays) of a channel or place from
    `today` on; nothing for hours not yet confirmed or by appointment only."""
    if hours is None or not hours.confirmed:
        return [], []
    if hours.always:
        return [_spec(dayOfWeek=list(DAY_URLS), opens="00:00", closes="23:59")], []
    usual = _week(hours.weekly)
    for period in hours.periods:
        if period.until < today:
            continue
        validity = {"validFrom": period.start.isoformat(), "validThrough": period.until.isoformat()}
        name = _text(period.name, lang)
        week = _week(period.weekly, name=name, **validity)
        shut = [DAY_URLS[d] for d, day in enumerate(hours_engine.days_of(period.weekly)) if not day]
        if shut:  # the period's days without hours are closed, not the usual week's
            week.append(_closed(period.start, period.until, name, shut))
        usual += week
    special = []
    for exception in hours.exceptions:
        if exception.last < today:
            continue
        name = _text(exception.reason, lang)
        if exception.closed:
            special.append(_closed(exception.date, exception.last, name))
            continue
        for interval in sorted(exception.hours):
            opens, closes = _span(interval)
            special.append(
                _spec(
                    name=name,
                    opens=opens,
                    closes=closes,
                    validFrom=exception.date.isoformat(),
                    validThrough=exception.last.isoformat(),
                )
            )
    special += _holidays(hours, lang, today)
    return usual, sorted(special, key=lambda s: (s["validFrom"], s["opens"]))


def _holidays(hours, lang: str, today: dt.date) -> list[dict]:
    """The holidays of the coming year the channel closes on, when it would else be open."""
    last = today + dt.timedelta(days=HOLIDAY_DAYS - 1)
    return [
        _closed(day, day, hours_engine.holiday_name(day, lang))
        for day in hours_engine.holidays_closed(hours, today, last)
    ]


# --- channels and places ---------------------------------------------------------------------


def place_data(location, hours, lang: str, today: dt.date) -> dict:
    """A Place with its postal address, coordinates and opening hours."""
    address = location.address
    usual, special = hours_data(hours, lang, today)
    return _compact(
        {
            "@type": "Place",
            "name": _text(location.name, lang),
            "address": _compact(
                {
                    "@type": "PostalAddress",
                    "streetAddress": address.street,
                    "postalCode": address.postal_code,
                    "addressLocality": address.post_office or _text(address.town, lang),
                    "addressCountry": "FI",
                }
            ),
            "geo": location.coordinates
            and {
                "@type": "GeoCoordinates",
                "latitude": location.coordinates.lat,
                "longitude": location.coordinates.lon,
            },
            "openingHoursSpecification": usual,
            "specialOpeningHoursSpecification": special,
        }
    )


def _contact_point(number, hours, lang: str, today: dt.date) -> dict:
    """A number with its hours: a ContactPoint has no special hours of its own, so the
    exceptions and holidays are dated specifications among its hours (validFrom/Through)."""
    usual, special = hours_data(hours, lang, today)
    return _compact(
        {"@type": "ContactPoint", "telephone": str(number), "hoursAvailable": usual + special}
    )


def channel_data(contact, lang: str, today: dt.date, labels: dict[str, str]) -> dict:
    """A ServiceChannel: its number, address or place, with its own languages and note."""
    own_name = contact.name is not None and contact.name.has(lang)
    channel: dict[str, object] = {
        "@type": "ServiceChannel",
        "name": _text(contact.name, lang) if own_name else labels.get(contact.type),
        "description": _text(contact.note, lang),
        "availableLanguage": list(contact.languages),
    }
    hours = contact.opening_hours
    if contact.type == "phone":
        channel["servicePhone"] = _contact_point(contact.number, hours, lang, today)
    elif contact.type == "sms":
        channel["serviceSmsNumber"] = _contact_point(contact.number, hours, lang, today)
    elif contact.type in ("chat", "eservice", "web"):
        channel["serviceUrl"] = contact.url
    elif contact.type == "email":
        channel["serviceUrl"] = f"mailto:{contact.email}"
    elif contact.venue is not None:  # walk-in
        channel["serviceLocation"] = place_data(contact.venue, hours, lang, today)
    return _compact(channel)


def _organisation(organisation, lang: str) -> dict:
    public = organisation.kind in PUBLIC_KINDS
    return _compact(
        {
            "@type": "GovernmentOrganization" if public else "Organization",
            "name": _text(organisation.name, lang),
            "url": organisation.website,
        }
    )


def _area(service, municipalities, region, lang: str) -> list[dict]:
    """The municipalities it serves by name; the region's county when region-wide; Finland."""
    if service.national:
        return [{"@type": "Country", "name": i18n.locale(lang).territories["FI"]}]
    if service.region_wide:
        return [{"@type": "AdministrativeArea", "name": _text(region.county, lang)}]
    return [{"@type": "AdministrativeArea", "name": _text(m.name, lang)} for m in municipalities]


# --- the service -----------------------------------------------------------------------------


def service_data(
    service,
    *,
    lang: str,
    url: str,
    municipalities: list,
    region,
    today: dt.date,
    labels: dict[str, str] | None = None,
) -> dict:
    """The service as schema.org JSON-LD: a GovernmentService when a public body is
    responsible for it (its organiser, else its provider), else a Service. A public service
    another runs (THL's helpline that an association answers) names the runner as its
    `serviceOperator`. `municipalities` are the Municipality records of its `area`."""
    labels = labels or {}
    responsible = service.organised_by or service.provider
    public = responsible.kind in PUBLIC_KINDS
    data = {
        "@context": SCHEMA,
        "@type": "GovernmentService" if public else "Service",
        "name": _text(service.name, lang),
        "description": _text(service.summary, lang),
        "url": url,
        # Service has no inLanguage: the page it is described on has
        "mainEntityOfPage": {"@type": "WebPage", "@id": url, "url": url, "inLanguage": lang},
        "serviceType": CATEGORIES[service.category].label[lang],
        "audience": [
            {"@type": "Audience", "audienceType": TARGET_GROUPS[group].label[lang]}
            for group in service.target_groups
        ],
        "areaServed": _area(service, municipalities, region, lang),
        "availableLanguage": list(service.languages),
    }
    if public and service.organised_by:
        data["provider"] = _organisation(service.organised_by, lang)
        data["serviceOperator"] = _organisation(service.provider, lang)
    else:
        data["provider"] = _organisation(service.provider, lang)
    channels = [channel_data(c, lang, today, labels) for c in service.contacts]
    walked_in = {c.location for c in service.contacts if c.type == "walk-in"}
    for location in service.venues:  # where it is given, if no walk-in channel says so
        if location.id not in walked_in:
            place = place_data(location, location.hours, lang, today)
            channels.append({"@type": "ServiceChannel", "serviceLocation": place})
    data["availableChannel"] = channels
    return _compact(data)


def script_text(data: dict) -> Markup:
    """The JSON for a <script type="application/ld+json">: `<`, `>` and `&` as \\u escapes,
    so that no catalogue text ("</script>", "<!--") can end the block or open markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    safe = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(safe)  # escaped above: nothing in it can be markup


@pass_context
def service_jsonld(ctx, service, municipalities) -> Markup:
    """The template function: the page's service, in the page's language, at its address."""
    gettext = ctx.environment.globals.get("gettext")
    labels = (
        {kind: str(ctx.call(gettext, message)) for kind, message in KIND_LABELS.items()}
        if gettext
        else {}
    )
    data = service_data(
        service,
        lang=ctx["lang"],
        url=page_address(ctx["site_url"], ctx["lang"], ctx["page"].key),
        municipalities=municipalities,
        region=ctx["region"],
        today=ctx["build_date"],
        labels=labels,
    )
    return script_text(data)
