"""The whole catalogue as Open Referral HSDS 3.0 open data: a static API and a tabular package.

Whoever reuses the catalogue (a national service finder, a municipality's own site, a
researcher) reads it in the international format for service directories instead of our
YAML. `hsds_files` is pure: the catalogue in, a dict of file path -> text out, the same bytes
for the same catalogue and build date (fixed key order, lists in catalogue or id order, ids
that are UUIDs derived from our own ids with uuid5, so they stay put from build to build).

Static hosting answers no query strings, so the API's requests map to files below
`open-data/hsds/` like this:

    GET /                                   index.json (version, profile, openapi_url, licence)
    GET /services                           services/index.json (page 1, also page-1.json)
    GET /services?page=N                    services/page-N.json (PAGE_SIZE items a page)
    GET /services/{id}                      services/{id}.json
    … the same for organizations, service_at_locations, taxonomies and taxonomy_terms.

The paths and responses follow the HSDS 3.0 OpenAPI file (openapi.json of
openreferral/specification, branch 3.0). No filter parameters (search, taxonomy_term_id, …):
a static site cannot answer them. The same records are also a tabular data package,
`datapackage.json` with CSV files under `csv/`, their columns exactly the HSDS datapackage's.

How our catalogue maps (what is left out is said at the end):

- Text is Finnish, the catalogue's required language: HSDS 3.0 has no multilingual strings.
  The site's pages in the other languages are one language folder away from each `url`.
- A service is an HSDS service of its provider (the organization). Its `url` is its page on
  the site. A meeting place is a service too, of the category "meeting-place", its programme
  its schedules: families and reusers look for the baby club among the services.
- Contacts: phone and text-message lines are `phones` (the number in E.164, a short number as
  published; the description starts with the number as the page shows it), the first email
  address is the service's `email`, and every way to get in touch is written out in
  `application_process`. A walk-in contact's location becomes a service_at_location.
- Hours are `schedules`, one per day group and interval (freq WEEKLY, byday MO,TU…, opens_at
  and closes_at as local HH:MM:SS), as the HSDS field guidance says: a period (summer hours)
  or an exception ends the regular schedule's validity (`valid_to`) and has schedules of its
  own; a closure is a schedule with `valid_from`, `valid_to` and the description "Suljettu"
  and no times. The public holidays the channel closes on are such closures for the next
  HOLIDAY_HORIZON days, and the weekly schedules' notes say the rule; the holidays do not cut
  the weekly schedules (a dozen pieces a year each): a closure valid on a day overrides the
  weekly schedules valid on it. Round the clock is 00:00–23:59. Times carry no
  UTC offset: they are wall-clock times in Finland (Europe/Helsinki), whose offset changes
  for summer, and closes_at before opens_at means the next day.
- A phone line's hours are the service's schedules (attending_type names the line), a
  walk-in's own hours its service_at_location's, a location's hours the location's.
- Areas are service_areas: each municipality by name, "region" as every municipality of the
  region, "national" as Suomi.
- Our categories (with the national PTV service class as term_uri) and target groups (with
  the PTV target group) are two taxonomies; a service's are its `attributes`.

Left out: the partners and the organiser of a service (HSDS has one organization per
service), search keywords, delivery ways as data (they are in application_process), and the
region's urgent numbers and notices.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import uuid
from dataclasses import dataclass
from functools import cache

from .. import i18n
from ..catalogue.hours import (
    holiday_name,
    holiday_slugs,
    holidays_closed,
)
from ..catalogue.model import Contact, Hours, Location, MeetingPlace, Service
from ..catalogue.network import Catalogue, Organisation
from ..catalogue.programme import pattern_days
from ..catalogue.reference import MUNICIPALITIES, OfficialMunicipality
from ..catalogue.taxonomy import CATEGORIES, GROUPS, TARGET_GROUPS
from ..catalogue.values import Interval, slugify
from ..site.filters import phone_display
from ..site.summaries import interval_text

ROOT = "open-data/hsds"
PAGE_SIZE = 50
HSDS_VERSION = "3.0"
# The canonical API description (HSDS API reference, "The current canonical HSDS API
# specification"); our static API is that API without its query parameters.
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
# We use no HSDS profile: a profile is a set of changes to this folder, and ours is empty.
PROFILE_URL = "https://github.com/openreferral/specification/tree/3.0/schema"
# A fixed namespace of this project's HSDS ids: uuid5(NAMESPACE, "service:<id>") and so on.
NAMESPACE = uuid.UUID("f01ba5e2-ab40-54bd-979b-e2b642d795a1")
# How far ahead the public holidays a channel closes on are written out as closures.
HOLIDAY_HORIZON = 365
PTV_SERVICE_CLASS = "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/"
PTV_TARGET_GROUP = "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/"
LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}

# The tables we fill, in the order of the HSDS 3.0 datapackage.json, each with its file and
# its fields in the datapackage's order: name[:type or string format], * required, ! unique.
TABLES: dict[str, tuple[str, str]] = {
    "organization": (
        "organizations.csv",
        "id:uuid*! name* alternate_name description* email:email website:uri tax_status tax_id "
        "year_incorporated:number legal_status logo uri:uri parent_organization_id:uuid",
    ),
    "service": (
        "services.csv",
        "id:uuid*! organization_id:uuid* program_id:uuid name* alternate_name description "
        "url:uri email:email status* interpretation_services application_process "
        "fees_description wait_time fees accreditations eligibility_description "
        "minimum_age:number maximum_age:number assured_date:date assurer_email:email licenses "
        "alert last_modified:datetime",
    ),
    "attribute": (
        "attributes.csv",
        "id:uuid*! link_id:uuid* taxonomy_term_id:uuid* link_type link_entity* value",
    ),
    "service_at_location": (
        "service_at_location.csv",
        "id:uuid*! service_id:uuid* location_id:uuid* description",
    ),
    "location": (
        "locations.csv",
        "id:uuid*! location_type* url:uri organization_id:uuid name alternate_name description "
        "transportation latitude:number longitude:number external_identifier "
        "external_identifier_type",
    ),
    "phone": (
        "phones.csv",
        "id:uuid*! location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid "
        "service_at_location_id:uuid number* extension:number type description",
    ),
    "address": (
        "addresses.csv",
        "id:uuid*! location_id:uuid attention address_1* address_2 city* region "
        "state_province* postal_code* country* address_type*",
    ),
    "schedule": (
        "schedules.csv",
        "id:uuid*! service_id:uuid location_id:uuid service_at_location_id:uuid "
        "valid_from:date valid_to:date dtstart:date timezone:number until:date count:number "
        "wkst freq interval:number byday byweekno bymonthday byyearday description "
        "opens_at:time closes_at:time schedule_link:uri attending_type notes",
    ),
    "service_area": (
        "service_areas.csv",
        "id:uuid*! service_id:uuid name description extent extent_type uri",
    ),
    "language": (
        "languages.csv",
        "id:uuid*! service_id:uuid location_id:uuid phone_id:uuid name code note",
    ),
    "accessibility": (
        "accessibility.csv",
        "id:uuid*! location_id:uuid description details url:uri",
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        "id:uuid*! code! name* description* parent_id:uuid taxonomy language "
        "taxonomy_id:uuid term_uri:uri",
    ),
    "cost_option": (
        "cost_options.csv",
        "id:uuid*! service_id:uuid* valid_from:date valid_to:date option currency "
        "amount:number amount_description",
    ),
    "taxonomy": ("taxonomies.csv", "id:uuid*! name* description* uri:uri version"),
}
# The datapackage's foreign keys among the tables we fill (those to contact and program, which
# we do not fill, are left out).
FOREIGN_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "service": (("organization_id", "organization"),),
    "attribute": (("taxonomy_term_id", "taxonomy_term"),),
    "service_at_location": (("service_id", "service"), ("location_id", "location")),
    "location": (("organization_id", "organization"),),
    "phone": (
        ("location_id", "location"),
        ("organization_id", "organization"),
        ("service_id", "service"),
        ("service_at_location_id", "service_at_location"),
    ),
    "address": (("location_id", "location"),),
    "schedule": (
        ("location_id", "location"),
        ("service_id", "service"),
        ("service_at_location_id", "service_at_location"),
    ),
    "service_area": (("service_id", "service"),),
    "language": (("location_id", "location"), ("phone_id", "phone"), ("service_id", "service")),
    "accessibility": (("location_id", "location"),),
    "taxonomy_term": (("taxonomy_id", "taxonomy"),),
    "cost_option": (("service_id", "service"),),
}
# The list endpoints: path -> the table its items come from.
ENDPOINTS = {
    "services": "service",
    "organizations": "organization",
    "service_at_locations": "service_at_location",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
}

_TYPES = ("number", "date", "datetime", "time")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type: string, number, date, time, datetime
    format: str | None  # of a string: uuid, uri, email
    required: bool
    unique: bool


def _fields(spec: str) -> tuple[Field, ...]:
    fields = []
    for word in spec.split():
        name, _, kind = word.rstrip("*!").partition(":")
        typed = kind in _TYPES
        fields.append(
            Field(
                name,
                kind if typed else "string",
                None if typed else kind or None,
                "*" in word,
                "!" in word,
            )
        )
    return tuple(fields)


FIELDS: dict[str, tuple[Field, ...]] = {table: _fields(spec) for table, (_, spec) in TABLES.items()}

# --- Finnish words of the export (as the site's Finnish catalog says them) --------------------

_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_KINDS = {
    "county": "Hyvinvointialue",
    "municipality": "Kunta",
    "ngo": "Järjestö",
    "parish": "Seurakunta",
    "kela": "Kela",
    "company": "Yritys",
    "state": "Valtion virasto",
}
_COSTS = {
    "free": "Maksuton",
    "fee": "Maksullinen",
    "partly": "Osittain maksullinen",
    "call-charge": "Maksuton; puhelusta maksat tavallisen puhelumaksun (pvm/mpm)",
}
_ACCESS = {
    "step-free": "Esteetön sisäänkäynti",
    "lift": "Hissi",
    "accessible-toilet": "Esteetön WC",
    "induction-loop": "Induktiosilmukka",
    "parking": "Invapysäköinti",
    "pram": "Tilaa lastenvaunuille",
}
_DELIVERY = {
    "location": "toimipisteessä",
    "home": "kotikäynteinä",
    "daycare-school": "päiväkodissa tai koulussa",
    "remote": "puhelimitse tai videoyhteydellä",
    "digital": "verkossa omatoimisesti",
}
_CHANNELS = {
    "phone": "Puhelin",
    "sms": "Tekstiviesti",
    "chat": "Chat",
    "eservice": "Sähköinen asiointi",
    "web": "Verkkosivu",
    "walk-in": "Käynti",
    "email": "Sähköposti",
}
CLOSED = "Suljettu"
_ALWAYS = "Auki ympäri vuorokauden joka päivä"
_BY_APPOINTMENT = "Vain ajanvarauksella."
_UNCONFIRMED = "Aikoja ei ole vielä vahvistettu."
_HOLIDAYS_CLOSED = "Suljettu arkipyhinä, juhannusaattona ja jouluaattona."
_HOLIDAYS_OPEN = "Avoinna myös arkipyhinä."


def hsds_id(key: str) -> str:
    """The HSDS id of one of our records: "service:joensuu-neuvola" -> a UUID, the same in
    every build, so that a reuser's links to it survive our rebuilds."""
    return str(uuid.uuid5(NAMESPACE, key))


def hsds_files(
    catalogue: Catalogue,
    build_date: dt.date,
    site_url: str,
    languages: tuple[str, ...],
    licence: str,
    licence_url: str | None = None,
) -> dict[str, str]:
    """Every file of the export: relative path (below the output folder) -> its text.

    `site_url` is the site's absolute address (the `url` of each service is a page there),
    `languages` the site's (the pages linked are Finnish when the site has Finnish),
    `licence` the data's licence, an SPDX id such as "CC-BY-4.0", and `licence_url` the
    address of its text (known for the Creative Commons ones in LICENCE_URLS)."""
    lang = "fi" if "fi" in languages else languages[0]
    export = _Export(catalogue, build_date, site_url.rstrip("/"), lang)
    export.collect()
    return export.files(licence, licence_url or LICENCE_URLS.get(licence))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _clock(minutes: int) -> str:
    """HH:MM:SS of a wall-clock time; an end at midnight is 23:59 (the field guidance's 24h),
    past midnight the next day's time."""
    if minutes == 24 * 60:
        return "23:59:00"
    hours, mins = divmod(minutes % (24 * 60), 60)
    return f"{hours:02d}:{mins:02d}:00"


def _days_text(days: list[int]) -> str:
    """ "ma–pe", "ma, ke", "ti, to–la": runs of days in Finnish abbreviations."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [i18n.day_name(day, "fi", "abbreviated") for day in range(7)]
    return ", ".join(
        names[run[0]] if len(run) == 1 else f"{names[run[0]]}–{names[run[-1]]}" for run in runs
    )


def _free(
    start: dt.date | None, end: dt.date | None, blocks: list[tuple[dt.date, dt.date]]
) -> list[tuple[dt.date | None, dt.date | None]]:
    """The ranges of start…end (None: without limit) that no block covers, in order."""
    day = dt.timedelta(days=1)
    free: list[tuple[dt.date | None, dt.date | None]] = []
    cursor = start
    for first, last in sorted(blocks):
        if end is not None and first > end:
            break
        if cursor is not None and last < cursor:
            continue
        if cursor is None or first > cursor:
            free.append((cursor, first - day))
        cursor = last + day
    if cursor is None or end is None or cursor <= end:
        free.append((cursor, end))
    return free


@cache
def _official_by_slug() -> dict[str, OfficialMunicipality]:
    return {slugify(m.name_fi): m for m in MUNICIPALITIES.values()}


def _province(official: OfficialMunicipality) -> str:
    """The wellbeing services county of a municipality ("Pohjois-Karjala"); Helsinki, which
    belongs to none, is in Uusimaa, and the municipalities of Åland in Ahvenanmaa."""
    if official.county_short_fi:
        return official.county_short_fi
    return "Uusimaa" if official.code == "091" else "Ahvenanmaa"


class _Export:
    def __init__(self, catalogue: Catalogue, today: dt.date, base: str, lang: str):
        self.catalogue = catalogue
        self.today = today
        self.base = base
        self.lang = lang
        self.rows: dict[str, dict[str, dict]] = {table: {} for table in TABLES}
        self._index: dict[tuple[str, str], dict[str, list[dict]]] = {}

    # --- records -------------------------------------------------------------------------

    def add(self, table: str, key: str, **values) -> str:
        """Add a row (empty values left out, fields in the datapackage's order); its id."""
        row_id = hsds_id(key)
        values["id"] = row_id
        unknown = set(values) - {f.name for f in FIELDS[table]}
        assert not unknown, f"{table} has no fields {unknown}"
        row = {
            f.name: values[f.name]
            for f in FIELDS[table]
            if values.get(f.name) is not None and values[f.name] != ""
        }
        if row_id in self.rows[table]:
            raise ValueError(f"two {table} records are {key}")
        self.rows[table][row_id] = row
        return row_id

    def page(self, key: str) -> str:
        return f"{self.base}/{self.lang}/{key}"

    def collect(self) -> None:
        catalogue = self.catalogue
        self.terms = self._taxonomies()
        for org in sorted(catalogue.organisations.values(), key=lambda o: o.slug):
            self._organization(org)
        for location in catalogue.locations.values():
            self._location(location)
        for service in catalogue.sorted_services:
            self._service(service)
        for place in catalogue.sorted_meeting_places:
            self._meeting_place(place)

    def _taxonomies(self) -> dict[str, str]:
        """Our categories and target groups, each a taxonomy; their terms' ids by our key."""
        terms = {}
        categories = self.add(
            "taxonomy",
            "taxonomy:perheovi-categories",
            name="Perheovi-palveluluokat",
            description=(
                "Perhekeskusverkoston palveluluokat (THL:n perhekeskuksen palvelulistan "
                "mukaan). Luokan term_uri on lähin valtakunnallinen PTV-palveluluokka."
            ),
            uri=self.page("categories/"),
        )
        groups = {}
        for group, label in GROUPS.items():
            groups[group] = self.add(
                "taxonomy_term",
                f"taxonomy_term:group:{group}",
                code=group,
                name=label["fi"],
                description=label["fi"],
                taxonomy="Perheovi-palveluluokat",
                language="fi",
                taxonomy_id=categories,
            )
        for category in CATEGORIES.values():
            terms[category.id] = self.add(
                "taxonomy_term",
                f"taxonomy_term:{category.id}",
                code=category.id,
                name=category.label["fi"],
                description=category.description.get("fi") or category.label["fi"],
                parent_id=groups[category.group],
                taxonomy="Perheovi-palveluluokat",
                language="fi",
                taxonomy_id=categories,
                term_uri=PTV_SERVICE_CLASS + category.ptv if category.ptv else None,
            )
        audiences = self.add(
            "taxonomy",
            "taxonomy:perheovi-target-groups",
            name="Perheovi-kohderyhmät",
            description=(
                "Kenelle palvelu on. Kohderyhmän term_uri on vastaava valtakunnallinen "
                "PTV-kohderyhmä."
            ),
        )
        for audience in TARGET_GROUPS.values():
            terms[f"target_group:{audience.id}"] = self.add(
                "taxonomy_term",
                f"taxonomy_term:target_group:{audience.id}",
                code=audience.id,
                name=audience.label["fi"],
                description=audience.label["fi"],
                taxonomy="Perheovi-kohderyhmät",
                language="fi",
                taxonomy_id=audiences,
                term_uri=PTV_TARGET_GROUP + audience.ptv if audience.ptv else None,
            )
        return terms

    def _organization(self, org: Organisation) -> None:
        municipality = self.catalogue.municipalities.get(org.slug) is org
        self.add(
            "organization",
            f"organization:{org.slug}",
            name=org.name.fi,
            description=org.description.fi if org.description else _KINDS[org.kind],
            website=org.website,
            legal_status=_KINDS[org.kind],
            uri=self.page(f"{'municipality' if municipality else 'provider'}/{org.slug}/"),
        )

    def _official(self, slug: str) -> OfficialMunicipality:
        member = self.catalogue.municipalities.get(slug)
        return MUNICIPALITIES[member.code] if member else _official_by_slug()[slug]

    def _location(self, location: Location) -> None:
        coordinates = location.coordinates
        location_id = self.add(
            "location",
            f"location:{location.id}",
            location_type="physical",
            organization_id=hsds_id(f"organization:{location.provider.slug}"),
            name=location.name.fi,
            latitude=coordinates.lat if coordinates else None,
            longitude=coordinates.lon if coordinates else None,
        )
        address = location.address
        self.add(
            "address",
            f"address:{location.id}",
            location_id=location_id,
            address_1=address.street,
            city=self.catalogue.municipality_name(address.municipality).fi,
            state_province=_province(self._official(address.municipality)),
            postal_code=address.postal_code,
            country="FI",
            address_type="physical",
        )
        features = ", ".join(_ACCESS[a] for a in location.access)
        text = location.accessibility.fi if location.accessibility else None
        if features or text:
            self.add(
                "accessibility",
                f"accessibility:{location.id}",
                location_id=location_id,
                description=features or text,
                details=text if features else None,
            )
        if location.hours:
            self._hours(location.hours, {"location_id": location_id}, f"location:{location.id}")

    def _service(self, service: Service) -> None:
        key = f"service:{service.id}"
        description = service.summary.fi
        if service.description:
            description += "\n\n" + service.description.fi
        fees = _COSTS[service.cost]
        if service.cost_note:
            fees += ". " + service.cost_note.fi
        how = [f"Palvelu järjestetään {', '.join(_DELIVERY[d] for d in service.delivery)}."]
        if service.referral:
            how.insert(0, "Palveluun tarvitaan lähete.")
        email = next((c.email for c in service.contacts if c.type == "email"), None)
        service_id = self.add(
            "service",
            key,
            organization_id=hsds_id(f"organization:{service.provider.slug}"),
            name=service.name.fi,
            description=description,
            url=self.page(f"service/{service.id}/"),
            email=email,
            status="active",
            application_process="\n".join(how + self._channels(service.contacts)),
            fees_description=fees,
            eligibility_description=self._for_whom(service.target_groups),
            assured_date=service.reviewed.isoformat(),
        )
        self.add(
            "cost_option",
            f"cost_option:{key}",
            service_id=service_id,
            option=_COSTS[service.cost],
            currency="EUR" if service.cost == "free" else None,
            amount=0 if service.cost == "free" else None,
            amount_description=service.cost_note.fi if service.cost_note else None,
        )
        self._offer(service, key, service_id, service.category, service.venues)

    def _meeting_place(self, place: MeetingPlace) -> None:
        key = f"meeting_place:{place.id}"
        description = place.summary.fi
        if place.description:
            description += "\n\n" + place.description.fi
        venue = place.venue
        service_id = self.add(
            "service",
            key,
            organization_id=hsds_id(f"organization:{place.provider.slug}"),
            name=place.name.fi,
            description=description,
            url=self.page(f"meeting-place/{place.id}/"),
            status="active",
            application_process="\n".join(
                [
                    f"Avoin kohtaamispaikka: {venue.name.fi}, {self._address_text(venue)}.",
                    *self._channels(place.contacts),
                ]
            ),
            eligibility_description=self._for_whom(place.target_groups),
            assured_date=place.reviewed.isoformat(),
        )
        self._offer(place, key, service_id, "meeting-place", [venue])
        self._programme(place, service_id, key)

    def _for_whom(self, groups: list[str]) -> str:
        return "Kenelle: " + ", ".join(TARGET_GROUPS[g].label["fi"] for g in groups) + "."

    def _address_text(self, location: Location) -> str:
        address = location.address
        town = self.catalogue.municipality_name(address.municipality).fi
        return f"{address.street}, {address.postal_code} {address.post_office or town}"

    def _channels(self, contacts: list[Contact]) -> list[str]:
        """Every way to get in touch, a line each, as a family would read them on the page."""
        lines = []
        for contact in contacts:
            what = _CHANNELS[contact.type]
            if contact.name:
                what += f" ({contact.name.fi})"
            if contact.number:
                how = phone_display(contact.number)
                if contact.keyword:
                    how += f", aloita viesti sanalla {contact.keyword}"
            elif contact.email:
                how = contact.email
            elif contact.venue is not None:
                how = f"{contact.venue.name.fi}, {self._address_text(contact.venue)}"
            else:
                how = contact.url or ""
            line = f"{what}: {how}"
            if contact.note:
                line += f". {contact.note.fi}"
            lines.append(line)
        return lines

    def _offer(
        self,
        entry: Service | MeetingPlace,
        key: str,
        service_id: str,
        category: str,
        venues: list,
    ) -> None:
        """What services and meeting places share: attributes, languages, areas, places,
        phones and the hours of their contacts."""
        catalogue = self.catalogue
        for term in [category, *(f"target_group:{g}" for g in entry.target_groups)]:
            self.add(
                "attribute",
                f"attribute:{key}:{term}",
                link_id=service_id,
                taxonomy_term_id=self.terms[term],
                link_entity="service",
                value=term.removeprefix("target_group:"),
            )
        for code in entry.languages:
            self.add(
                "language",
                f"language:{key}:{code}",
                service_id=service_id,
                name=i18n.language_name(code, "fi"),
                code=code,
            )
        area = catalogue.area_of(entry)
        names: list[tuple[str, str, str | None]]
        if area == ["national"]:
            names = [("suomi", "Suomi", "Koko maa")]
        else:
            slugs = catalogue.municipalities if area == ["region"] else area
            names = [(s, catalogue.municipality_name(s).fi, None) for s in slugs]
        for slug, name, description in names:
            self.add(
                "service_area",
                f"service_area:{key}:{slug}",
                service_id=service_id,
                name=name,
                description=description,
            )
        places = {v.id: v for v in venues}
        places.update({c.venue.id: c.venue for c in entry.contacts if c.venue is not None})
        at = {
            place.id: self.add(
                "service_at_location",
                f"service_at_location:{entry.id}:{place.id}",
                service_id=service_id,
                location_id=hsds_id(f"location:{place.id}"),
                description=f"{entry.name.fi}: {place.name.fi}",
            )
            for place in places.values()
        }
        seen: dict[str, int] = {}
        for contact in entry.contacts:
            written = contact.number or contact.url or contact.location or contact.email
            channel = f"{contact.type}:{written}"
            seen[channel] = seen.get(channel, 0) + 1
            if seen[channel] > 1:
                channel += f":{seen[channel]}"
            if contact.number:
                self._phone(contact, f"{key}:{channel}", service_id)
            if contact.hours:
                owner = (
                    {"service_at_location_id": at[contact.venue.id]}
                    if contact.venue is not None
                    else {"service_id": service_id}
                )
                attending = self._channels([contact])[0]
                self._hours(contact.hours, owner, f"{key}:{channel}", attending)

    def _phone(self, contact: Contact, key: str, service_id: str) -> None:
        number = contact.number
        assert number is not None
        parts = [phone_display(number)]
        if contact.name:
            parts.append(contact.name.fi)
        if contact.callback:
            parts.append("voit jättää soittopyynnön")
        if contact.keyword:
            parts.append(f"aloita viesti sanalla {contact.keyword}")
        if contact.note:
            parts.append(contact.note.fi)
        phone_id = self.add(
            "phone",
            f"phone:{key}",
            service_id=service_id,
            number=str(number) if str(number).startswith("+") else phone_display(number),
            type="voice" if contact.type == "phone" else "text",
            description="; ".join(parts),
        )
        for code in contact.languages:
            self.add(
                "language",
                f"language:phone:{key}:{code}",
                phone_id=phone_id,
                name=i18n.language_name(code, "fi"),
                code=code,
            )

    # --- hours -----------------------------------------------------------------------------

    def _hours(self, hours: Hours, owner: dict, key: str, attending: str | None = None) -> None:
        """One channel's or place's hours as schedules (see the module's docstring)."""
        common = dict(owner, attending_type=attending)
        notes = [] if hours.confirmed else [_UNCONFIRMED]
        if hours.always:
            self.add(
                "schedule",
                f"schedule:{key}:always",
                **common,
                freq="WEEKLY",
                byday=",".join(_ICAL_DAYS),
                opens_at=_clock(0),
                closes_at=_clock(24 * 60),
                description=_ALWAYS,
                notes=" ".join(notes) or None,
            )
            return
        notes.append(self._holiday_rule(hours))
        if hours.by_appointment:
            notes.append(_BY_APPOINTMENT)
        exceptions = [e for e in hours.exceptions if e.last >= self.today]
        closures = [(e.date, e.last) for e in exceptions]
        holidays = holidays_closed(hours, self.today, self.today + dt.timedelta(HOLIDAY_HORIZON))
        periods = [p for p in hours.periods if p.until >= self.today]
        busy = closures + [(p.start, p.until) for p in periods]
        for start, end in _free(None, None, busy):
            self._weekly(hours.weekly, start, end, f"{key}:weekly", common, notes)
        for period in periods:
            period_notes = [period.name.fi, *notes] if period.name else notes
            for start, end in _free(period.start, period.until, closures):
                self._weekly(period.weekly, start, end, f"{key}:period", common, period_notes)
        for exception in exceptions:
            first, last = exception.date.isoformat(), exception.last.isoformat()
            reason = exception.reason.fi if exception.reason else None
            if exception.closed:
                self.add(
                    "schedule",
                    f"schedule:{key}:exception:{first}",
                    **common,
                    valid_from=first,
                    valid_to=last,
                    description=f"{CLOSED}: {reason}" if reason else CLOSED,
                )
                continue
            days = self._days_between(list(range(7)), exception.date, exception.last)
            for interval in sorted(exception.hours or ()):
                self._rule(
                    f"schedule:{key}:exception:{first}:{interval.start}-{interval.end}",
                    common,
                    days,
                    interval,
                    first,
                    last,
                    f"Poikkeavat ajat: {_days_text(days)} {interval_text(interval, 'fi')}",
                    reason,
                )
        for day in holidays:
            self.add(
                "schedule",
                f"schedule:{key}:holiday:{day}",
                **common,
                valid_from=day.isoformat(),
                valid_to=day.isoformat(),
                description=f"{CLOSED}: {holiday_name(day, 'fi')}",
            )
        if hours.by_appointment and not (hours.weekly or periods):
            self.add(
                "schedule",
                f"schedule:{key}:by-appointment",
                **common,
                description=_BY_APPOINTMENT,
                notes=" ".join(notes[:-1]) or None,
            )

    def _holiday_rule(self, hours: Hours) -> str:
        names = []
        for slug in hours.closed_on:
            days = holiday_slugs(self.today.year)
            day = min(d for d, s in days.items() if s == slug)
            names.append(holiday_name(day, "fi") or slug)
        if hours.holidays == "closed":
            return _HOLIDAYS_CLOSED + (f" Suljettu myös: {', '.join(names)}." if names else "")
        return _HOLIDAYS_OPEN + (f" Suljettu: {', '.join(names)}." if names else "")

    def _days_between(self, days: list[int], first: dt.date, last: dt.date) -> list[int]:
        """Those of `days` (weekday numbers) that fall within first…last."""
        if (last - first).days >= 6:
            return days
        present = {(first + dt.timedelta(days=n)).weekday() for n in range((last - first).days + 1)}
        return [day for day in days if day in present]

    def _weekly(self, weekly: dict, start, end, key: str, common: dict, notes: list) -> None:
        if end is not None and end < self.today:
            return
        for spec, intervals in weekly.items():
            days = sorted(set(spec))
            if start is not None and end is not None:
                days = self._days_between(days, start, end)
            if not days:
                continue
            for interval in sorted(intervals):
                self._rule(
                    f"schedule:{key}:{start}:{''.join(map(str, days))}:"
                    f"{interval.start}-{interval.end}",
                    common,
                    days,
                    interval,
                    start.isoformat() if start else None,
                    end.isoformat() if end else None,
                    f"{_days_text(days)} {interval_text(interval, 'fi')}",
                    " ".join(notes) or None,
                )

    def _rule(self, key, common, days, interval: Interval, first, last, description, notes):
        self.add(
            "schedule",
            key,
            **common,
            valid_from=first,
            valid_to=last,
            freq="WEEKLY",
            byday=",".join(_ICAL_DAYS[d] for d in days),
            opens_at=_clock(interval.start),
            closes_at=_clock(interval.end),
            description=description,
            notes=notes,
        )

    def _programme(self, place: MeetingPlace, service_id: str, key: str) -> None:
        """A meeting place's programme: each activity in each term, its weeks as byweekno or
        its weekdays of the month as a MONTHLY byday (1TU, -1FR); the place's closures and an
        activity's cancelled dates end the rule's validity and have schedules of their own."""
        owner = {"service_id": service_id}
        closures = [(c.date, c.last) for c in place.exceptions if c.last >= self.today]
        for closure in place.exceptions:
            if closure.last < self.today:
                continue
            reason = closure.reason.fi if closure.reason else None
            self.add(
                "schedule",
                f"schedule:{key}:closure:{closure.date}",
                **owner,
                valid_from=closure.date.isoformat(),
                valid_to=closure.last.isoformat(),
                description=f"{CLOSED}: {reason}" if reason else CLOSED,
            )
        for term in place.terms:
            if term.until < self.today:
                continue
            for activity in place.programme:
                name = activity.name.fi
                what = f"{key}:{activity.day}:{activity.time.start}:{slugify(name)}"
                day = activity.day_index
                rule: dict = {"freq": "WEEKLY", "byday": _ICAL_DAYS[day]}
                if activity.weeks:
                    rule["byweekno"] = ",".join(
                        str(week) for week in range(2 if activity.weeks == "even" else 1, 54, 2)
                    )
                if activity.monthly:
                    rule = {
                        "freq": "MONTHLY",
                        "byday": ",".join(
                            ("-1" if which == "last" else which) + _ICAL_DAYS[day]
                            for which in activity.monthly
                        ),
                    }
                notes = [activity.audience.fi] if activity.audience else []
                if activity.language != "fi":
                    notes.append(f"Kieli: {i18n.language_name(activity.language, 'fi')}.")
                cancelled = [(d, d) for d in activity.cancelled]
                for start, end in _free(term.start, term.until, closures + cancelled):
                    assert start is not None and end is not None
                    if end < self.today or not any(pattern_days(activity, start, end)):
                        continue
                    self.add(
                        "schedule",
                        f"schedule:{what}:{start}",
                        **owner,
                        valid_from=start.isoformat(),
                        valid_to=end.isoformat(),
                        **rule,
                        opens_at=_clock(activity.time.start),
                        closes_at=_clock(activity.time.end),
                        description=f"{name}: {_days_text([day])} "
                        f"{interval_text(activity.time, 'fi')}",
                        notes=" ".join(notes) or None,
                    )
                for cancel in activity.cancelled:
                    inside = term.start <= cancel <= term.until and cancel >= self.today
                    if inside and not any(a <= cancel <= b for a, b in closures):
                        self.add(
                            "schedule",
                            f"schedule:{what}:cancelled:{cancel}",
                            **owner,
                            valid_from=cancel.isoformat(),
                            valid_to=cancel.isoformat(),
                            description=f"Peruttu: {name}",
                        )

    # --- documents -------------------------------------------------------------------------

    def children(self, table: str, field: str, value: str) -> list[dict]:
        """The rows of `table` whose `field` is `value`, in the order they were added."""
        index = self._index.get((table, field))
        if index is None:
            index = {}
            for row in self.rows[table].values():
                if field in row:
                    index.setdefault(row[field], []).append(row)
            self._index[(table, field)] = index
        return index.get(value, [])

    def location_doc(self, location_id: str) -> dict:
        return _nested(
            self.rows["location"][location_id],
            addresses=self.children("address", "location_id", location_id),
            accessibility=self.children("accessibility", "location_id", location_id),
            schedules=self.children("schedule", "location_id", location_id),
        )

    def at_location_doc(self, at_id: str, with_service: bool = False) -> dict:
        row = self.rows["service_at_location"][at_id]
        return _nested(
            row,
            schedules=self.children("schedule", "service_at_location_id", at_id),
            location=self.location_doc(row["location_id"]),
            service=self.rows["service"][row["service_id"]] if with_service else None,
        )

    def service_doc(self, service_id: str) -> dict:
        row = self.rows["service"][service_id]
        return _nested(
            row,
            phones=[
                _nested(phone, languages=self.children("language", "phone_id", phone["id"]))
                for phone in self.children("phone", "service_id", service_id)
            ],
            schedules=self.children("schedule", "service_id", service_id),
            service_areas=self.children("service_area", "service_id", service_id),
            service_at_locations=[
                self.at_location_doc(at["id"])
                for at in self.children("service_at_location", "service_id", service_id)
            ],
            languages=self.children("language", "service_id", service_id),
            organization=self.rows["organization"][row["organization_id"]],
            cost_options=self.children("cost_option", "service_id", service_id),
            attributes=[
                _nested(a, taxonomy_term=self.rows["taxonomy_term"][a["taxonomy_term_id"]])
                for a in self.children("attribute", "link_id", service_id)
            ],
        )

    def organization_doc(self, organization_id: str) -> dict:
        return _nested(
            self.rows["organization"][organization_id],
            locations=[
                self.location_doc(location["id"])
                for location in self.children("location", "organization_id", organization_id)
            ],
            services=self.children("service", "organization_id", organization_id),
        )

    def term_doc(self, term_id: str) -> dict:
        row = self.rows["taxonomy_term"][term_id]
        return _nested(row, taxonomy_detail=self.rows["taxonomy"][row["taxonomy_id"]])

    def files(self, licence: str, licence_url: str | None) -> dict[str, str]:
        documents = {
            "services": self.service_doc,
            "organizations": self.organization_doc,
            "service_at_locations": lambda at_id: self.at_location_doc(at_id, with_service=True),
            "taxonomies": lambda taxonomy_id: self.rows["taxonomy"][taxonomy_id],
            "taxonomy_terms": self.term_doc,
        }
        listed = {
            "service_at_locations": lambda row: _nested(
                row,
                location=self.rows["location"][row["location_id"]],
                service=self.rows["service"][row["service_id"]],
            ),
            "taxonomy_terms": lambda row: self.term_doc(row["id"]),
        }
        files = {f"{ROOT}/index.json": _json(self.metadata(licence, licence_url))}
        for endpoint, table in ENDPOINTS.items():
            ids = sorted(self.rows[table])
            item = listed.get(endpoint, lambda row: row)
            pages = max(1, math.ceil(len(ids) / PAGE_SIZE))
            for number in range(1, pages + 1):
                chunk = ids[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
                page = _json(
                    {
                        "total_items": len(ids),
                        "total_pages": math.ceil(len(ids) / PAGE_SIZE),
                        "page_number": number,
                        "size": len(chunk),
                        "first_page": number == 1,
                        "last_page": number == pages,
                        "empty": not ids,
                        "contents": [item(self.rows[table][i]) for i in chunk],
                    }
                )
                files[f"{ROOT}/{endpoint}/page-{number}.json"] = page
                if number == 1:
                    files[f"{ROOT}/{endpoint}/index.json"] = page
            for row_id in ids:
                files[f"{ROOT}/{endpoint}/{row_id}.json"] = _json(documents[endpoint](row_id))
        files[f"{ROOT}/datapackage.json"] = _json(self.datapackage(licence, licence_url))
        for table, (name, _) in TABLES.items():
            files[f"{ROOT}/csv/{name}"] = self.csv(table)
        return files

    def metadata(self, licence: str, licence_url: str | None) -> dict:
        region = self.catalogue.region
        sample = (
            "SAMPLE DATA: the services, people, phone numbers and addresses are invented. "
            if region.sample
            else ""
        )
        document = {
            "version": HSDS_VERSION,
            "profile": PROFILE_URL,
            "openapi_url": OPENAPI_URL,
            "title": region.name.fi,
            "description": sample
            + "The family-centre network's services in Open Referral HSDS 3.0, as static files: "
            "GET /services is services/index.json, ?page=N is services/page-N.json and "
            "/services/{id} is services/{id}.json, and so on for organizations, "
            "service_at_locations, taxonomies and taxonomy_terms; no query parameters. "
            "The same records as CSV: datapackage.json. Text is in Finnish (HSDS 3.0 has no "
            "translations; each service's url is its page, also in the site's other "
            "languages). Times are wall-clock times in Finland (Europe/Helsinki) without a UTC "
            "offset; closes_at before opens_at is the next day. A schedule without times "
            "whose description starts with 'Suljettu' is a closure: it overrides the weekly "
            "schedules valid on its days.",
            "language": "fi",
            "license": licence,
            "license_url": licence_url,
            "last_modified": self.today.isoformat(),
            "datapackage_url": f"{self.base}/{ROOT}/datapackage.json",
            "publisher": {
                "name": (region.coordinator.organisation or region.name).fi,
                "email": region.coordinator.email,
            },
        }
        return {key: value for key, value in document.items() if value is not None}

    def datapackage(self, licence: str, licence_url: str | None) -> dict:
        """The tables as a Frictionless tabular data package, each resource the HSDS one."""
        region = self.catalogue.region
        licence_entry = {"name": licence, "path": licence_url}
        resources = []
        for table, (name, _) in TABLES.items():
            schema: dict = {
                "fields": [
                    {
                        "name": f.name,
                        "type": f.type,
                        **({"format": f.format} if f.format else {}),
                        "constraints": {"required": f.required, "unique": f.unique},
                    }
                    for f in FIELDS[table]
                ],
                "primaryKey": "id",
            }
            if table in FOREIGN_KEYS:
                schema["foreignKeys"] = [
                    {"fields": field, "reference": {"resource": resource, "fields": "id"}}
                    for field, resource in FOREIGN_KEYS[table]
                ]
            resources.append(
                {
                    "name": table,
                    "path": f"csv/{name}",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": schema,
                }
            )
        return {
            "profile": "tabular-data-package",
            "name": "perheovi-hsds",
            "title": region.name.fi,
            "description": "Open Referral HSDS 3.0 tables of the family-centre network's "
            "services, in Finnish. Times are wall-clock times in Finland (Europe/Helsinki)."
            + (" SAMPLE DATA: invented services." if region.sample else ""),
            "version": self.today.isoformat(),
            "homepage": f"{self.base}/",
            "licenses": [{k: v for k, v in licence_entry.items() if v}],
            "sources": [
                {
                    "title": "Human Services Data Specification 3.0: an Open Referral resource",
                    "path": "https://openreferral.org/",
                }
            ],
            "resources": resources,
        }

    def csv(self, table: str) -> str:
        fields = [f.name for f in FIELDS[table]]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(fields)
        for row_id in sorted(self.rows[table]):
            row = self.rows[table][row_id]
            writer.writerow([row.get(name, "") for name in fields])
        return out.getvalue()


def _nested(row: dict, **children) -> dict:
    """A row with its related records, the empty ones left out."""
    return {**row, **{key: value for key, value in children.items() if value}}
