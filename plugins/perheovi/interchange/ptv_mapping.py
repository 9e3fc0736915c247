"""PTV organisations, services and channels as catalogue entries in the project's own format.

Plain data out (dicts in the field order of the catalogue's model), nothing written: the
import (`ptv_import.py`) merges it into the files. Every PTV field or value that does not become
part of an entry is told to the report with the reason, so nothing is dropped silently; the
table of fields read and the reasons for the others are at the end of this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import phonenumbers
import yaml

from ..catalogue.reference import MUNICIPALITIES
from ..catalogue.taxonomy import CATEGORIES
from ..catalogue.values import DAYS, is_language_code, read_phone, slugify
from .ptv_source import PtvData

SITE_LANGUAGES = ("fi", "sv", "en")
# The order a service's contacts are listed in: the number to call first, the door last but one.
CONTACT_ORDER = ("phone", "sms", "eservice", "walk-in", "web")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORGANISATION_KINDS = {
    "State": "state",
    "Municipality": "municipality",
    "Region": "county",
    "RegionalOrganization": "county",
    "SotePublic": "county",
    "SotePrivate": "company",
    "Company": "company",
    "Organization": "ngo",
}
# V11 writes FreeOfCharge and Chargeable; the code list (and older data) Free and Charged
CHARGES = {"FreeOfCharge": "free", "Free": "free", "Charged": "fee", "Chargeable": "fee"}
NATIONWIDE = ("Nationwide", "NationwideExceptAlandIslands")
CLASS_URI = "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/"
TARGET_URI = "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/"


@cache
def mapping_table() -> dict:
    """data/ptv-classes.yaml: service classes to categories, target groups to ours."""
    text = resources.files(__package__).joinpath("data/ptv-classes.yaml").read_text("utf-8")
    table = yaml.safe_load(text)
    unknown = set(table["service_classes"].values()) - set(CATEGORIES)
    assert not unknown, f"ptv-classes.yaml names unknown categories {unknown}"
    return table


# --- the report ------------------------------------------------------------------------------


@dataclass
class Report:
    """What was not imported and why, grouped so a coordinator reads each reason once."""

    skipped: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    notes: list[str] = field(default_factory=list)

    def skip(self, what: str, why: str, where: str) -> None:
        places = self.skipped[(what, why)]
        if where not in places:
            places.append(where)

    def lines(self) -> list[str]:
        lines = []
        for (what, why), places in sorted(self.skipped.items()):
            shown = ", ".join(places[:5]) + (
                f" and {len(places) - 5} more" if len(places) > 5 else ""
            )
            lines.append(f"not imported: {what}: {why} ({shown})")
        return lines + self.notes


# --- small readers ---------------------------------------------------------------------------


def _texts(items, report: Report, where: str, what: str, kind: str | None = None) -> dict:
    """{fi, sv, en} of PTV's [{language, value, type}] (of one `type` when given)."""
    text: dict[str, str] = {}
    for item in items or []:
        if kind is not None and item.get("type") != kind:
            continue
        value = (item.get("value") or "").strip()
        language = item.get("language") or ""
        if not value:
            continue
        if language not in SITE_LANGUAGES:
            report.skip(
                f"{what} in language {language!r}",
                "the site is in Finnish, Swedish and English",
                where,
            )
        elif language not in text:
            text[language] = value
    return {lang: text[lang] for lang in SITE_LANGUAGES if lang in text}


def _local(text: dict) -> dict | None:
    """A catalogue text, or None without Finnish (the catalogue requires it): the caller
    then leaves the field out, or the entry, and says so in the report."""
    return text if "fi" in text else None


def _name(item: dict, key: str, report: Report, where: str) -> dict | None:
    return _local(_texts(item.get(key), report, where, key, "Name"))


def _date(value) -> dt.date | None:
    return (
        dt.date.fromisoformat(value[:10]) if isinstance(value, str) and len(value) >= 10 else None
    )


def _municipality_code(value) -> str:
    """PTV writes "90" for 090 Heinävesi: the official list has three digits."""
    return str(value).strip().zfill(3)


@dataclass
class Region:
    """What the import needs of the catalogue it writes into."""

    municipalities: dict[str, str]  # code → slug of the region's municipality files
    taken_ids: set[str]  # ids of every entry already in the catalogue

    def slug_of(self, code: str) -> str | None:
        code = _municipality_code(code)
        if code in self.municipalities:
            return self.municipalities[code]
        official = MUNICIPALITIES.get(code)
        return slugify(official.name_fi) if official else None


def _unique(base: str, taken: set[str]) -> str:
    slug, number = base or "palvelu", 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


# --- hours -----------------------------------------------------------------------------------


def _minutes(text) -> int | None:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?", str(text or "").strip())
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


def _clock(minutes: int) -> str:
    return f"{minutes // 60}.{minutes % 60:02d}"


def _interval(start: int, end: int) -> str:
    if end > 24 * 60:
        return f"{_clock(start)}-{_clock(end - 24 * 60)}+1"
    return f"{_clock(start)}-{_clock(end)}"


def _day(name) -> int | None:
    return DAY_NAMES.index(name) if name in DAY_NAMES else None


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _add_opening(days: dict[int, list], opening: dict, over_midnight: bool) -> bool:
    """One of PTV's daily opening times into the week; False when it cannot be read."""
    first, last = _day(opening.get("dayFrom")), _day(opening.get("dayTo") or opening.get("dayFrom"))
    start, end = _minutes(opening.get("from")), _minutes(opening.get("to"))
    if first is None or last is None or start is None or end is None:
        return False
    if over_midnight:  # from dayFrom at `from` to dayTo at `to`, over one or more midnights
        nights = (last - first) % 7 or 7
        if nights == 1 and end <= start:
            days[first].append((start, end + 24 * 60))
        else:
            days[first].append((start, 24 * 60))
            for offset in range(1, nights):
                days[(first + offset) % 7].append((0, 24 * 60))
            if end > 0:
                days[last].append((0, end))
        return True
    if end <= start:  # "16:00"–"00:00": until midnight; anything else wraps to the next day
        end = 24 * 60 if end == 0 else end + 24 * 60
    for offset in range((last - first) % 7 + 1):  # dayFrom–dayTo, a range of days
        days[(first + offset) % 7].append((start, end))
    return True


def _weekly(days: dict[int, list]) -> dict[str, str | list[str]]:
    """Days with the same hours in one key, runs of days as ranges: {"mon-fri": "8.00-16.00"}."""
    by_hours: dict[tuple, list[int]] = {}
    for day in range(7):
        if days.get(day):
            by_hours.setdefault(tuple(_merge(days[day])), []).append(day)
    weekly: dict[str, str | list[str]] = {}
    for hours, numbers in by_hours.items():
        runs: list[list[int]] = []
        for number in numbers:
            if runs and number == runs[-1][-1] + 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        spec = ",".join(
            DAYS[run[0]] if len(run) == 1 else f"{DAYS[run[0]]}-{DAYS[run[-1]]}" for run in runs
        )
        values = [_interval(start, end) for start, end in hours]
        weekly[spec] = values[0] if len(values) == 1 else values
    return weekly


def hours(service_hours, report: Report, where: str) -> dict | None:
    """PTV's service hours as the catalogue's `hours`: DaysOfTheWeek (with validFrom/validTo a
    period such as summer hours), OverMidnight in the same week, Exceptional as exceptions."""
    weeks: dict[tuple, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    result: dict = {}
    exceptions, closed_ranges = [], []
    for entry in service_hours or []:
        kind = entry.get("serviceHourType")
        start, until = _date(entry.get("validFrom")), _date(entry.get("validTo"))
        if kind == "Exceptional":
            if start is None:
                report.skip("exceptional hours without a date", "no day to attach them to", where)
                continue
            exception: dict = {"date": start}
            if until and until != start:
                exception["until"] = until
            intervals = []
            for opening in entry.get("openingHour") or []:
                first, last = _minutes(opening.get("from")), _minutes(opening.get("to"))
                if first is not None and last is not None and first != last:
                    intervals.append((first, last if last > first else last + 24 * 60))
            if entry.get("isClosed") or not intervals:
                exception["closed"] = True
            else:
                values = [_interval(a, b) for a, b in _merge(intervals)]
                exception["hours"] = values[0] if len(values) == 1 else values
            reason = _local(_texts(entry.get("additionalInformation"), report, where, "hours text"))
            if reason:
                exception["reason"] = reason
            exceptions.append(exception)
            continue
        if kind not in ("DaysOfTheWeek", "OverMidnight"):
            report.skip(f"service hours of type {kind!r}", "not a PTV V11 hour type", where)
            continue
        if entry.get("isAlwaysOpen"):
            result["always"] = True
        if entry.get("isReservation"):
            result["by_appointment"] = True
        if entry.get("isClosed"):  # closed for the whole validity, e.g. the summer
            if start:
                closed_ranges.append({"date": start, **({"until": until} if until else {})})
            continue
        for opening in entry.get("openingHour") or []:
            if not _add_opening(weeks[(start, until)], opening, kind == "OverMidnight"):
                report.skip("an opening time", f"cannot be read ({opening})", where)
    regular = [key for key in weeks if key[1] is None]
    if regular:  # the open-ended week that started last is the current one
        current = max(regular, key=lambda key: key[0] or dt.date.min)
        weekly = _weekly(weeks[current])
        if weekly and not result.get("always"):
            result["weekly"] = weekly
        for key in regular:
            if key != current and weeks[key]:
                report.skip(
                    f"weekly hours from {key[0]}", "a later open-ended week replaces them", where
                )
    periods = []
    for (start, until), days in sorted(weeks.items(), key=lambda item: str(item[0])):
        if until is None:
            continue
        weekly = _weekly(days)
        if weekly and start:
            periods.append({"from": start, "until": until, "weekly": weekly})
    if periods:
        result["periods"] = periods
    for closed in closed_ranges:
        exceptions.append({**closed, "closed": True})
    if exceptions:
        result["exceptions"] = _without_overlaps(
            sorted(exceptions, key=lambda e: e["date"]), report, where
        )
    if result.get("always"):
        result["holidays"] = "open"
    if not (
        result.get("weekly") or result.get("always") or result.get("by_appointment") or periods
    ):
        if result:
            report.skip(
                "hours with exceptions only", "no regular hours to take exceptions from", where
            )
        return None
    order = ("weekly", "always", "by_appointment", "holidays", "periods", "exceptions")
    return {key: result[key] for key in order if key in result}


def _without_overlaps(exceptions: list[dict], report: Report, where: str) -> list[dict]:
    kept: list[dict] = []
    for exception in exceptions:
        if kept and exception["date"] <= kept[-1].get("until", kept[-1]["date"]):
            report.skip(
                f"exceptional hours on {exception['date']}", "they overlap earlier ones", where
            )
            continue
        kept.append(exception)
    return kept


# --- contacts and locations ------------------------------------------------------------------


def _phone_number(item: dict) -> str | None:
    """The number as the catalogue writes it (national format, 040 123 4567), when in use."""
    digits = re.sub(r"[\s\-()]", "", f"{item.get('prefixNumber') or ''}{item.get('number') or ''}")
    if item.get("isFinnishServiceNumber") or not digits.startswith("+"):
        digits = re.sub(r"[\s\-()]", "", str(item.get("number") or ""))
    normal, _ = read_phone(digits)
    if normal is None:
        return None
    if normal.startswith("+"):
        number = phonenumbers.parse(normal)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return digits


def _url(items, report: Report, where: str, what: str) -> str | None:
    urls: dict[str, str] = {}
    for item in items or []:
        url = (item.get("url") or item.get("value") or "").strip()
        if url.startswith(("https://", "http://")):
            urls.setdefault(item.get("language") or "fi", url)
        elif url:
            report.skip(f"{what} {url!r}", "only https and http addresses are linked", where)
    if not urls:
        return None
    chosen = urls.get("fi") or next(iter(urls.values()))
    if any(url != chosen for url in urls.values()):
        report.skip(
            f"{what} in other languages", "a contact has one address (the Finnish one)", where
        )
    return chosen


def _phone_contacts(numbers, base: dict, ptv: str, report: Report, where: str) -> list[dict]:
    contacts: list[dict] = []
    for index, item in enumerate(numbers or []):
        kind = (item.get("type") or "Phone").lower()
        if kind == "fax":
            report.skip("fax numbers", "families are not asked to send faxes", where)
            continue
        number = _phone_number(item)
        if number is None:
            report.skip(f"phone number {item.get('number')!r}", "not a number in use", where)
            continue
        contact = {"type": "sms" if kind == "sms" else "phone", **base, "number": number}
        if item.get("chargeDescription") or item.get("additionalInformation"):
            report.skip(
                "a phone number's charge or additional text",
                "a contact's note comes from the channel's summary",
                where,
            )
        contact["ptv"] = ptv if not contacts else f"{ptv}:{index + 1}"
        contacts.append(contact)
    return contacts


def _address(channel: dict, region: Region, report: Report, where: str) -> dict | None:
    for address in channel.get("addresses") or []:
        street = address.get("streetAddress")
        if address.get("type") not in ("Visiting", "Location", None) or not street:
            if address.get("type") == "Postal":
                report.skip("postal addresses", "families are shown where to walk in", where)
            continue
        name = _texts(street.get("street"), report, where, "street")
        municipality = region.slug_of((street.get("municipality") or {}).get("code", ""))
        postal_code = str(street.get("postalCode") or "")
        if "fi" not in name or not municipality or not re.fullmatch(r"\d{5}", postal_code):
            report.skip("a visiting address", "street, postal code or municipality missing", where)
            continue
        line = f"{name['fi']} {street.get('streetNumber') or ''}".strip()
        result = {"street": line, "postal_code": postal_code, "municipality": municipality}
        office = _texts(street.get("postOffice"), report, where, "postOffice").get("fi")
        if office:
            result["post_office"] = office.title() if office.isupper() else office
        return {"address": result, "coordinates": _coordinates(street, report, where)}
    return None


@cache
def _transformer():
    from pyproj import Transformer  # loads PROJ only when an import has coordinates

    return Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


def wgs84(northing: float, easting: float) -> tuple[float, float]:
    """ETRS-TM35FIN (EPSG:3067) to WGS84 latitude and longitude, to 6 decimals (0.1 m)."""
    lon, lat = _transformer().transform(easting, northing)
    return round(lat, 6), round(lon, 6)


def _coordinates(street: dict, report: Report, where: str) -> dict | None:
    try:  # "latitude" holds the northing and "longitude" the easting, as strings
        northing, easting = (
            float(street.get("latitude") or ""),
            float(street.get("longitude") or ""),
        )
    except ValueError:
        return None
    if street.get("coordinateState") not in (None, "Ok", "EnteredByUser", "EnteredByAR"):
        report.skip(
            f"coordinates in state {street.get('coordinateState')!r}",
            "PTV has not placed them",
            where,
        )
        return None
    lat, lon = wgs84(northing, easting)
    return {"lat": lat, "lon": lon}


def _accessibility(channel: dict, report: Report, where: str) -> dict | None:
    lines: dict[str, list[str]] = defaultdict(list)
    for address in channel.get("addresses") or []:
        for entrance in address.get("entrances") or []:
            for group in entrance.get("accessibilitySentences") or []:
                for sentence in group.get("sentences") or []:
                    for lang, text in _texts(
                        sentence.get("sentence"), report, where, "accessibility"
                    ).items():
                        lines[lang].append(text)
    return _local({lang: " ".join(texts) for lang, texts in lines.items()})


# --- the mapping -----------------------------------------------------------------------------


@dataclass
class ImportedProvider:
    """One organisation's provider file, as data: its own fields, locations and services."""

    ptv_id: str
    slug: str
    fields: dict
    locations: list[dict]
    services: list[dict]


class Mapping:
    def __init__(self, data: PtvData, region: Region, report: Report):
        self.data, self.region, self.report = data, region, report
        self.table = mapping_table()
        self.locations: dict[str, dict] = {}  # channel id → location entry
        self.taken = set(region.taken_ids)

    def providers(self, existing: dict[str, str]) -> list[ImportedProvider]:
        """Every organisation responsible for a service of the input, with its services;
        `existing` gives the slug (file name) each already imported organisation has."""
        by_organisation: dict[str, list[dict]] = defaultdict(list)
        for service in self.data.services.values():
            if service.get("publishingStatus") not in (None, "Published"):
                self.report.skip(
                    "unpublished services", "only published services are listed", _where(service)
                )
                continue
            responsible = [
                link
                for link in service.get("organizations") or []
                if link.get("roleType") == "Responsible"
            ]
            own = {link["organization"]["id"].lower() for link in responsible}
            for link in service.get("organizations") or []:
                if (
                    link.get("roleType") != "Responsible"
                    and link["organization"]["id"].lower() not in own
                ):
                    self.report.skip(
                        f"organisation role {link.get('roleType')!r} ({link.get('provisionType')})",
                        "only the responsible organisation's file lists a service; name producers "
                        "in `partners` by hand",
                        _where(service),
                    )
            if not responsible:
                self.report.skip(
                    "services without a responsible organisation",
                    "no provider file for them",
                    _where(service),
                )
                continue
            by_organisation[responsible[0]["organization"]["id"].lower()].append(service)
        providers = []
        for guid in sorted(by_organisation):
            providers.append(self._provider(guid, by_organisation[guid], existing.get(guid)))
        return providers

    def _provider(self, guid: str, services: list[dict], slug: str | None) -> ImportedProvider:
        organisation = self.data.organisations.get(guid)
        report = self.report
        if organisation is None:
            link = next(
                link["organization"]
                for s in services
                for link in s["organizations"]
                if link["organization"]["id"].lower() == guid
            )
            organisation = {
                "id": guid,
                "organizationNames": [
                    {"language": "fi", "value": link.get("name") or guid, "type": "Name"}
                ],
            }
            report.notes.append(
                f"organisation {link.get('name')} ({guid}) is not in the input: its file has the "
                "name from its services, kind `county` and no website; add the organisation's JSON"
            )
        where = f"organisation {guid}"
        name = _name(organisation, "organizationNames", report, where) or {"fi": guid}
        fields: dict = {
            "kind": ORGANISATION_KINDS.get(organisation.get("organizationType") or "", "county"),
            "name": name,
        }
        website = _url(organisation.get("webPages"), report, where, "web page")
        if website:
            fields["website"] = website
        description = _local(
            _texts(
                organisation.get("organizationDescriptions"),
                report,
                where,
                "description",
                "Description",
            )
        )
        if description:
            fields["description"] = description
        fields["reviewed"] = _date(organisation.get("modified")) or max(
            (_date(s.get("modified")) or dt.date.min for s in services), default=dt.date.min
        )
        fields["ptv"] = {
            "id": guid,
            **({"modified": organisation["modified"]} if organisation.get("modified") else {}),
        }
        _report_unread(organisation, ORGANISATION_FIELDS, report, where)
        entries = [self._service(service) for service in sorted(services, key=_sort_name)]
        used = {slug for entry in entries if entry for slug in entry.get("locations", [])}
        locations = sorted(
            (location for location in self.locations.values() if location["id"] in used),
            key=lambda location: location["id"],
        )
        return ImportedProvider(
            guid,
            slug or _unique(slugify(name["fi"]), set()),
            fields,
            locations,
            [entry for entry in entries if entry],
        )

    # services

    def _service(self, service: dict) -> dict | None:
        report, where = self.report, _where(service)
        general = self._general(service, where)
        name = _name(service, "serviceNames", report, where)
        alternative = _texts(service.get("serviceNames"), report, where, "name", "AlternativeName")
        descriptions = service.get("serviceDescriptions") or []
        summary = _texts(descriptions, report, where, "summary", "Summary")
        long_text = _texts(descriptions, report, where, "description", "Description")
        instructions = _texts(descriptions, report, where, "instruction", "UserInstruction")
        if general:  # the statutory description's texts where the service has none of its own
            inherited = general.get("descriptions") or []
            summary = summary or _texts(inherited, report, where, "summary", "Summary")
            long_text = long_text or _texts(inherited, report, where, "description", "Description")
        for item in descriptions:
            if item.get("type") not in (
                "Summary",
                "Description",
                "UserInstruction",
                "ChargeTypeAdditionalInfo",
            ):
                report.skip(
                    f"service description of type {item.get('type')!r}",
                    "perheovi has no field for it",
                    where,
                )
        if name is None or "fi" not in summary:
            report.skip(
                "services without a Finnish name or summary", "a catalogue entry needs both", where
            )
            return None
        contacts, locations = self._contacts(service, where)
        contacts.sort(key=lambda contact: CONTACT_ORDER.index(contact["type"]))  # a call first
        if not contacts:
            report.skip(
                "services without a channel families can use",
                "a catalogue entry needs a contact",
                where,
            )
            return None
        entry: dict = {
            "id": _unique(slugify(name["fi"]), self.taken),
            "category": self._category(service, general, where),
            "name": name,
            "summary": summary,
        }
        description = {
            lang: "\n\n".join(
                text for text in (long_text.get(lang), instructions.get(lang)) if text
            )
            for lang in SITE_LANGUAGES
            if long_text.get(lang) or instructions.get(lang)
        }
        if "fi" in description:
            entry["description"] = description
        keywords = self._keywords(service, alternative, where)
        if keywords:
            entry["keywords"] = keywords
        entry["target_groups"] = self._target_groups(service, general, where)
        entry["area"] = self._area(service, where)
        entry["delivery"] = _delivery(contacts)
        entry["languages"] = self._languages(service.get("languages"), where) or ["fi"]
        entry["cost"] = self._cost(service, general, where)
        cost_note = _texts(descriptions, report, where, "charge text", "ChargeTypeAdditionalInfo")
        if "fi" in cost_note:
            entry["cost_note"] = cost_note
        entry["contacts"] = contacts
        if locations:
            entry["locations"] = locations
        entry["reviewed"] = _date(service.get("modified")) or dt.date.min
        entry["ptv"] = {"id": service["id"].lower(), "modified": service.get("modified")}
        _report_unread(service, SERVICE_FIELDS, report, where)
        return entry

    def _general(self, service: dict, where: str) -> dict | None:
        guid = (service.get("generalDescriptionId") or "").lower()
        if not guid:
            return None
        general = self.data.general_descriptions.get(guid)
        if general is None:
            self.report.skip(
                "general descriptions not in the input",
                "the target groups, charge type and texts they set could not be inherited",
                where,
            )
        return general

    def _category(self, service: dict, general: dict | None, where: str) -> str:
        classes = list(service.get("serviceClasses") or []) + list(
            (general or {}).get("serviceClasses") or []
        )
        mapped = []
        for position, item in enumerate(classes):
            notation = (item.get("uri") or "").removeprefix(CLASS_URI) or item.get("code") or ""
            category = self.table["service_classes"].get(notation)
            if category:
                broad = notation in self.table["broad"]
                mapped.append((broad, -notation.count("."), position, category))
            else:
                label = _texts(item.get("name"), self.report, where, "class name").get("fi", "")
                self.report.skip(
                    f"service class {notation} {label}".strip(),
                    "no category of perheovi matches it",
                    where,
                )
        if mapped:
            return min(mapped)[-1]
        self.report.notes.append(
            f"{where}: no service class maps to a category: written as family-work, check it"
        )
        return "family-work"

    def _target_groups(self, service: dict, general: dict | None, where: str) -> list[str]:
        # the statutory general description's target groups override the service's own
        groups = (general or {}).get("targetGroups") or service.get("targetGroups") or []
        result: list[str] = []
        for item in groups:
            notation = (item.get("uri") or "").removeprefix(TARGET_URI) or item.get("code") or ""
            ours = self.table["target_groups"].get(notation)
            if ours:
                result += [group for group in ours if group not in result]
            else:
                label = _texts(item.get("name"), self.report, where, "target group").get("fi", "")
                self.report.skip(
                    f"target group {notation} {label}".strip(),
                    "not a family-centre target group",
                    where,
                )
        if not result:
            self.report.notes.append(
                f"{where}: no family target group in PTV: written as families, check it"
            )
        return result or ["families"]

    def _area(self, service: dict, where: str) -> list[str] | str:
        if service.get("areaType") in NATIONWIDE:
            return "national"
        members = set(self.region.municipalities.values())
        slugs: list[str] = []
        for area in service.get("areas") or []:
            # V11 lists municipalities inside an area of any type, a Municipality area too
            codes = [municipality.get("code") for municipality in area.get("municipalities") or []]
            if area.get("type") == "Municipality" and area.get("code"):
                codes.append(area["code"])
            if not any(codes):
                self.report.skip(
                    f"area of type {area.get('type')!r} without municipalities",
                    "its municipalities are not listed",
                    where,
                )
            for code in filter(None, codes):
                slug = self.region.slug_of(code)
                if slug in members and slug not in slugs:
                    slugs.append(slug)
                elif slug not in members:
                    self.report.skip(
                        f"municipality {_municipality_code(code)} in the area",
                        "outside the region",
                        where,
                    )
        if members and set(slugs) == members:
            return "region"
        if not slugs:
            self.report.notes.append(
                f"{where}: no municipality of the region in its area: written as region, check it"
            )
            return "region"
        return sorted(slugs)

    def _languages(self, languages, where: str) -> list[str]:
        result = []
        for written in languages or []:
            code = str(written).lower()
            if is_language_code(code) and code not in result:
                result.append(code)
            elif code not in result:
                self.report.skip(f"language {code!r}", "not an ISO 639 code", where)
        return result

    def _cost(self, service: dict, general: dict | None, where: str) -> str:
        charge = (general or {}).get("serviceChargeType") or service.get("serviceChargeType")
        if charge in CHARGES:
            return CHARGES[charge]
        self.report.notes.append(
            f"{where}: PTV does not say whether it is free: written as fee, check it"
        )
        return "fee"

    def _keywords(self, service: dict, alternative: dict, where: str) -> dict:
        words: dict[str, list[str]] = defaultdict(list)
        for lang, text in alternative.items():
            words[lang].append(text)
        for item in service.get("keywords") or []:
            lang, value = item.get("language"), (item.get("value") or "").strip()
            if lang in SITE_LANGUAGES and value and value not in words[lang]:
                words[lang].append(value)
            elif value and lang not in SITE_LANGUAGES:
                self.report.skip(
                    f"keywords in language {lang!r}",
                    "the site is in Finnish, Swedish and English",
                    where,
                )
        return {lang: words[lang] for lang in SITE_LANGUAGES if words.get(lang)}

    # channels

    def _contacts(self, service: dict, where: str) -> tuple[list[dict], list[str]]:
        contacts, locations = [], []
        for connection in service.get("serviceChannels") or []:
            guid = (connection.get("serviceChannel") or {}).get("id", "").lower()
            channel = self.data.channels.get(guid)
            if channel is None:
                self.report.skip(
                    "channels not in the input",
                    "add the channel's JSON to import it",
                    f"{where}: {guid}",
                )
                continue
            made, location = self._channel(channel, connection, where, service.get("languages"))
            contacts += made
            if location and location not in locations:
                locations.append(location)
        return contacts, locations

    def _channel(
        self, channel: dict, connection: dict, service_where: str, service_languages
    ) -> tuple[list[dict], str | None]:
        """The contacts one connected channel gives a service; hours and contact details on
        the connection override the channel's own."""
        report, guid = self.report, channel["id"].lower()
        where = _channel_where(channel)
        kind = channel.get("serviceChannelType")
        base: dict = {}
        name = _name(channel, "serviceChannelNames", report, where)
        if name:
            base["name"] = name
        note = _local(
            _texts(channel.get("serviceChannelDescriptions"), report, where, "summary", "Summary")
        )
        if note:
            base["note"] = note
        own_hours = connection.get("serviceHours") or channel.get("serviceHours")
        opening = hours(own_hours, report, where)
        # a channel's languages are told when only some of the service's are answered there
        offered = self._languages(service_languages, service_where) or ["fi"]
        languages = [
            code for code in self._languages(channel.get("languages"), where) if code in offered
        ]
        if set(languages) == set(offered):
            languages = []
        _report_unread(channel, CHANNEL_FIELDS.get(str(kind), set()), report, where)
        _report_unread(connection, CONNECTION_FIELDS, report, f"{service_where}: {where}")
        details = connection.get("contactDetails") or {}
        location = None
        if kind == "ServiceLocation":
            location = self._location(channel)
            if location is None:
                return [], None
            contacts = [
                {
                    "type": "walk-in",
                    **base,
                    **({"hours": opening} if connection.get("serviceHours") and opening else {}),
                    "location": location,
                    "ptv": guid,
                }
            ]
            numbers = details.get("phoneNumbers") or channel.get("phoneNumbers")
            named = {"name": name} if name else {}
            contacts += [
                {**c, "ptv": f"{guid}:{i + 2}"}
                for i, c in enumerate(_phone_contacts(numbers, named, guid, report, where))
            ]
            return contacts, location["id"] if isinstance(location, dict) else location
        with_hours = {**base, **({"hours": opening} if opening else {})}
        if languages:
            with_hours["languages"] = languages
        if kind == "Phone":
            numbers = details.get("phoneNumbers") or channel.get("phoneNumbers")
            return _phone_contacts(numbers, with_hours, guid, report, where), None
        if kind in ("EChannel", "WebPage", "PrintableForm"):
            pages = details.get("webPages") or channel.get("webPages")
            if kind == "PrintableForm":
                pages = channel.get("channelUrls") or pages
            url = _url(pages, report, where, "address")
            if url is None:
                report.skip(f"{kind} channels without an address", "nothing to link to", where)
                return [], None
            contact = {
                "type": "eservice" if kind == "EChannel" else "web",
                **with_hours,
                "url": url,
            }
            if kind == "EChannel" and (
                channel.get("requiresAuthentication") or channel.get("requiresSignature")
            ):
                contact["strong_identification"] = True
            contact["ptv"] = guid
            return [contact], None
        report.skip(f"channel type {kind!r}", "not a PTV V11 channel type", where)
        return [], None

    def _location(self, channel: dict) -> str | None:
        guid = channel["id"].lower()
        if guid in self.locations:
            return self.locations[guid]["id"]
        report, where = self.report, _channel_where(channel)
        name = _name(channel, "serviceChannelNames", report, where)
        place = _address(channel, self.region, report, where)
        if name is None or place is None:
            report.skip(
                "service locations without a name or visiting address",
                "families could not find them",
                where,
            )
            return None
        location: dict = {
            "id": _unique(slugify(name["fi"]), self.taken),
            "name": name,
            "address": place["address"],
        }
        if place["coordinates"]:
            location["coordinates"] = place["coordinates"]
        accessibility = _accessibility(channel, report, where)
        if accessibility:
            location["accessibility"] = accessibility
        opening = hours(channel.get("serviceHours"), report, where)
        if opening:
            location["hours"] = opening
        location["ptv"] = {"id": guid, "modified": channel.get("modified")}
        if channel.get("emails"):
            report.skip("emails", WHY_NOT["emails"], where)
        self.locations[guid] = location
        return location["id"]


def _channel_where(channel: dict) -> str:
    names = {
        item.get("language"): item.get("value") for item in channel.get("serviceChannelNames") or []
    }
    return f"{channel.get('serviceChannelType')} channel {names.get('fi') or channel.get('id')}"


def _delivery(contacts: list[dict]) -> list[str]:
    kinds = {contact["type"] for contact in contacts}
    delivery = []
    if "walk-in" in kinds:
        delivery.append("location")
    if kinds & {"phone", "sms"}:
        delivery.append("remote")
    if kinds & {"eservice", "web", "chat"}:
        delivery.append("digital")
    return delivery


def _where(service: dict) -> str:
    names = {item.get("language"): item.get("value") for item in service.get("serviceNames") or []}
    return f"service {names.get('fi') or service.get('id')}"


def _sort_name(service: dict) -> tuple[str, str]:
    return (_where(service), service["id"])


# --- what is read, and why the rest is not ------------------------------------------------------


SERVICE_FIELDS = {
    "id",
    "serviceNames",
    "serviceDescriptions",
    "serviceChargeType",
    "areaType",
    "areas",
    "languages",
    "serviceClasses",
    "targetGroups",
    "keywords",
    "serviceChannels",
    "organizations",
    "publishingStatus",
    "modified",
    "generalDescriptionId",
}
CONNECTION_FIELDS = {"serviceChannel", "serviceHours", "contactDetails", "modified"}
ORGANISATION_FIELDS = {
    "id",
    "organizationNames",
    "organizationType",
    "webPages",
    "organizationDescriptions",
    "modified",
    "services",
    "publishingStatus",
}
_CHANNEL_COMMON = {
    "id",
    "serviceChannelType",
    "serviceChannelNames",
    "serviceChannelDescriptions",
    "languages",
    "serviceHours",
    "services",
    "modified",
    "organizationId",
    "publishingStatus",
}
CHANNEL_FIELDS = {
    "Phone": _CHANNEL_COMMON | {"phoneNumbers"},
    "EChannel": _CHANNEL_COMMON | {"webPages", "requiresAuthentication", "requiresSignature"},
    "WebPage": _CHANNEL_COMMON | {"webPages"},
    "PrintableForm": _CHANNEL_COMMON | {"channelUrls", "webPages"},
    "ServiceLocation": _CHANNEL_COMMON | {"addresses", "phoneNumbers", "emails"},
}
WHY_NOT = {
    "sourceId": "an identifier of the organisation's own system",
    "oid": "an identifier of the organisation's own system",
    "subType": "perheovi does not tell service subtypes apart",
    "type": "perheovi does not tell service types apart",
    "fundingType": "families are told the cost, not the funding",
    "lifeEvents": "service paths in the catalogue say which situations a service is for",
    "industrialClasses": "for business services only",
    "ontologyTerms": "search words come from the texts and keywords",
    "legislation": "families are not shown the law a service rests on",
    "requirements": "perheovi has no field for requirements",
    "serviceVouchersInUse": "perheovi has no field for service vouchers",
    "serviceVouchers": "perheovi has no field for service vouchers",
    "serviceCollections": "perheovi has no service collections",
    "responsibleSoteOrganization": "always empty in PTV",
    "displayNameType": "the name of type Name is used",
    "areaType": "a channel serves the areas of its services",
    "areas": "a channel serves the areas of its services",
    "supportPhones": "support numbers of an e-service are not a way into the service",
    "supportEmails": "support addresses of an e-service are not a way into the service",
    "attachments": "perheovi links the channel, not its attachments",
    "accessibilityClassification": "the site states its own accessibility",
    "signatureQuantity": "perheovi records only whether identification is needed",
    "formIdentifier": "the form is linked by its address",
    "deliveryAddresses": "families are shown where to send nothing by post",
    "emails": "an email contact must say whether sensitive data may be sent: add it by hand",
    "extraTypes": "perheovi has no field for connection extra types",
    "serviceChargeType": "the service's own charge type is used",
    "description": "the service's own texts are used",
    "digitalAuthorizations": "perheovi has no field for digital authorisations",
    "parentOrganizationId": "each organisation is its own provider file",
    "organizationRootId": "each organisation is its own provider file",
    "municipality": "an organisation's services say where they are",
    "businessCode": "families are not shown business ids",
    "businessName": "the organisation's name is used",
    "phoneNumbers": "contacts belong to services, not organisations",
    "addresses": "locations belong to services, not organisations",
    "electronicInvoicings": "for invoicing only",
    "subOrganizations": "each organisation is its own provider file",
    "validForNow": "the validity dates say it",
    "webPages": "a phone line's or a location's own web page is not a way in: a service links its web page channels",
}


def _empty(value) -> bool:
    return value in (None, "", [], {}) or value is False


def _report_unread(item: dict, read: set[str], report: Report, where: str) -> None:
    for key, value in item.items():
        if key not in read and not _empty(value):
            report.skip(key, WHY_NOT.get(key, "perheovi has no field for it"), where)
