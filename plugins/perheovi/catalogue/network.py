"""The linked catalogue: every file's records joined into one network, references checked.

This is the third pass of the loader. Ids are global, references may cross files, and each
problem is reported at the value that is wrong, in the file where it is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any

from .model import (
    EVERYWHERE,
    LocalText,
    Location,
    MeetingPlace,
    MunicipalityFile,
    PathFile,
    ProviderFile,
    RegionFile,
    Service,
    SynonymsFile,
)
from .problems import Problem, suggestion
from .programme import holds_on, pattern_days
from .reference import MUNICIPALITIES, OfficialMunicipality
from .rules import check_entries
from .taxonomy import CATEGORIES
from .values import DAYS, slugify
from .yamlsource import YamlDocument

_FINNISH_ORDER = str.maketrans({"å": "zz1", "ä": "zz2", "ö": "zz3", "w": "v", "ü": "y"})


def finnish_sort_key(text: str) -> str:
    """Å, Ä, Ö after Z, W with V: the order a Finnish reader expects in an index."""
    return text.lower().translate(_FINNISH_ORDER)


@dataclass
class SourceFile:
    """One validated file: its parsed YAML (for positions), its kind, slug and record."""

    doc: YamlDocument
    kind: str
    slug: str
    record: Any  # the model of its kind: RegionFile, MunicipalityFile, ProviderFile, …

    @property
    def path(self) -> str:
        return self.doc.path


@dataclass
class Unread:
    """What we know of files that failed to validate, so that linking the others does not
    report references to them as missing: every problem is reported, and only real ones."""

    kinds: set[str] = field(default_factory=set)
    municipalities: set[str] = field(default_factory=set)
    providers: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    # Files that could hold locations and services but could not be read at all (a YAML
    # syntax error): what they hold is unknown, so a reference may be to one of their ids.
    unreadable: list[str] = field(default_factory=list)

    def add(self, kind: str, slug: str, data: object, path: str = "") -> None:
        self.kinds.add(kind)
        if kind == "municipality":
            self.municipalities.add(slug)
        if kind == "provider":
            self.providers.add(slug)
        if not isinstance(data, dict) and kind in ("municipality", "provider"):
            self.unreadable.append(path)
        if isinstance(data, dict):
            for table in ("locations", "services", "meeting_places"):
                entries = data.get(table)
                for entry in entries if isinstance(entries, list) else []:
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        self.ids.add(entry["id"])


@dataclass
class Organisation:
    """Who runs a service: a provider, or a municipality running its own services."""

    slug: str
    kind: str
    name: LocalText
    website: str | None
    path: str
    description: LocalText | None = None
    reviewed: object = None
    owners: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    meeting_places: list[MeetingPlace] = field(default_factory=list)


@dataclass
class Municipality(Organisation):
    code: str = ""


@dataclass
class ServicePath:
    """A path file with its slug: `paths/nepsy.yaml` is the path "nepsy"."""

    slug: str
    record: PathFile
    path: str

    def __getattr__(self, name):
        return getattr(self.record, name)


@dataclass
class Catalogue:
    region: RegionFile
    municipalities: dict[str, Municipality]
    providers: dict[str, Organisation]
    locations: dict[str, Location]
    services: dict[str, Service]
    meeting_places: dict[str, MeetingPlace]
    synonyms: SynonymsFile = field(default_factory=SynonymsFile)
    paths: dict[str, ServicePath] = field(default_factory=dict)

    @property
    def sample(self) -> bool:
        return self.region.sample

    def counts(self) -> dict[str, int]:
        return {
            "municipalities": len(self.municipalities),
            "providers": len(self.providers),
            "services": len(self.services),
            "locations": len(self.locations),
            "meeting_places": len(self.meeting_places),
        }

    def area_of(self, entry: Service | MeetingPlace) -> list[str]:
        """Municipality slugs the entry serves, or ["region"] or ["national"]."""
        if entry.area:
            return entry.area
        assert isinstance(entry, MeetingPlace), "a service without a location has an area"
        return [self.locations[entry.location].address.municipality]

    def serves(self, entry: Service | MeetingPlace, municipality: str) -> bool:
        """Whether a family living in `municipality` can use the entry."""
        area = self.area_of(entry)
        return area[0] in EVERYWHERE or municipality in area

    def municipality_name(self, slug: str) -> LocalText:
        """The name of a member municipality, or of any Finnish one (a place outside the
        region), from the official list."""
        if slug in self.municipalities:
            return self.municipalities[slug].name
        official = _official_by_slug()[slug]
        return LocalText(fi=official.name_fi, sv=official.name_sv, en=official.name_fi)

    def organised_by(self, organisation) -> list[Service]:
        """The services `organisation` is responsible for and another provider runs."""
        return [s for s in self.sorted_services if s.organiser == organisation.slug]

    def run_with(self, organisation) -> list[Service | MeetingPlace]:
        """The services and meeting places `organisation` runs as a partner of another."""
        entries: list[Service | MeetingPlace] = [
            *self.sorted_services,
            *self.sorted_meeting_places,
        ]
        return [e for e in entries if organisation.slug in e.partners]

    def located_in(self, service: Service) -> frozenset[str]:
        """The municipalities where a family can visit the service: its `locations` and the
        locations of its walk-in channels."""
        return self._located.get(service.id, frozenset())

    @cached_property
    def _located(self) -> dict[str, frozenset[str]]:
        found = {}
        for service in self.services.values():
            ids = [*service.locations, *(c.location for c in service.contacts if c.location)]
            found[service.id] = frozenset(self.locations[i].address.municipality for i in ids)
        return found

    def services_for(self, municipality: str) -> list[Service]:
        """Every service a family living in `municipality` can use, local and region-wide."""
        return [s for s in self.sorted_services if self.serves(s, municipality)]

    def meeting_places_in(self, municipality: str) -> list[MeetingPlace]:
        return [
            m
            for m in self.sorted_meeting_places
            if self.locations[m.location].address.municipality == municipality
        ]

    def meeting_places_outside(self) -> list[MeetingPlace]:
        """Meeting places in a municipality outside the region that serve some of its towns."""
        return [
            m
            for m in self.sorted_meeting_places
            if self.locations[m.location].address.municipality not in self.municipalities
        ]

    def meeting_places_for(self, municipality: str) -> list[MeetingPlace]:
        return [m for m in self.sorted_meeting_places if self.serves(m, municipality)]

    def services_in_category(self, category: str) -> list[Service]:
        """A category's services, in the order of `sorted_services`."""
        return self._services_by_category.get(category, [])

    @cached_property
    def _services_by_category(self) -> dict[str, list[Service]]:
        groups: dict[str, list[Service]] = {}
        for service in self.sorted_services:
            groups.setdefault(service.category, []).append(service)
        return groups

    def services_of(self, provider) -> list[Service]:
        """A provider's services, in the order of `sorted_services`."""
        return self._services_by_provider.get(provider.slug, [])

    @cached_property
    def _services_by_provider(self) -> dict[str, list[Service]]:
        groups: dict[str, list[Service]] = {}
        for service in self.sorted_services:
            groups.setdefault(service.provider.slug, []).append(service)
        return groups

    @cached_property
    def sorted_services(self) -> list[Service]:
        """Services in taxonomy order, then alphabetically by Finnish name."""
        order = {category: index for index, category in enumerate(CATEGORIES)}
        return sorted(
            self.services.values(),
            key=lambda s: (order[s.category], finnish_sort_key(s.name.fi), s.id),
        )

    @cached_property
    def sorted_meeting_places(self) -> list[MeetingPlace]:
        return sorted(
            self.meeting_places.values(), key=lambda m: (finnish_sort_key(m.name.fi), m.id)
        )

    @cached_property
    def organisations(self) -> dict[str, Organisation]:
        """Providers and the municipalities that run services themselves."""
        return {
            **self.providers,
            **{
                slug: m
                for slug, m in self.municipalities.items()
                if m.services or m.meeting_places or m.locations
            },
        }


def _municipality(source: SourceFile) -> Municipality:
    record: MunicipalityFile = source.record
    official = MUNICIPALITIES[record.code]
    # English uses the Finnish name of a Finnish place: it is no untranslated text. A name
    # written in Finnish only gets the official Swedish and English ones, so that no page says
    # "Rääkkylä (in Finnish)".
    name = LocalText(fi=official.name_fi, sv=official.name_sv, en=official.name_fi)
    if record.name:
        name = LocalText(**{**name.model_dump(), **record.name.model_dump(exclude_none=True)})
    return Municipality(
        slug=source.slug,
        kind="municipality",
        name=name,
        website=record.website,
        path=source.path,
        reviewed=record.reviewed,
        owners=record.owners,
        locations=record.locations,
        services=record.services,
        meeting_places=record.meeting_places,
        code=record.code,
    )


def _provider(source: SourceFile) -> Organisation:
    record: ProviderFile = source.record
    return Organisation(
        slug=source.slug,
        kind=record.kind,
        name=record.name,
        website=record.website,
        path=source.path,
        description=record.description,
        reviewed=record.reviewed,
        owners=record.owners,
        locations=record.locations,
        services=record.services,
        meeting_places=record.meeting_places,
    )


class _Linker:
    def __init__(self, files: list[SourceFile], unread: Unread):
        self.files = files
        self.unread = unread
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple[str, int]] = {}

    def problem(self, source: SourceFile, loc: tuple, code: str, /, **params) -> None:
        line, column = source.doc.position(loc)
        self.problems.append(Problem(source.path, line, column, code, params))

    def unknown(self, source: SourceFile, loc: tuple, kind: str, value: str, known: set[str]):
        """A reference to an id that is not in the catalogue, with what we know of why: a
        municipality without its file, or a file that could not be read and may hold the id."""
        if kind == "municipality" and self._municipality_without_file(source, loc, value):
            return
        params = {"kind": kind, "value": value, "hint": suggestion(value, sorted(known))}
        unreadable = self.unread.unreadable if kind != "municipality" else []
        if len(unreadable) == 1:
            self.problem(source, loc, "unknown_reference_unread", file=unreadable[0], **params)
        elif unreadable:
            self.problem(source, loc, "unknown_reference_unread_files", files=unreadable, **params)
        else:
            self.problem(source, loc, "unknown_reference", **params)

    def _municipality_without_file(self, source: SourceFile, loc: tuple, slug: str) -> bool:
        """Whether `slug` names a real municipality (data/municipalities.csv) and was reported
        as one whose file is missing, rather than with a did-you-mean of another municipality."""
        official = _official_by_slug().get(slug)
        if official is None:
            return False
        written = {m.code: other for other, m in self.municipalities.items()}
        file = (Path(self.region_file.path).parent / "municipalities" / f"{slug}.yaml").as_posix()
        if official.code in written:  # its file has another name: that name is the id
            self.problem(
                source,
                loc,
                "unknown_reference",
                kind="municipality",
                value=slug,
                hint=written[official.code],
            )
        elif official.code in self._members():
            self.problem(source, loc, "municipality_without_file", value=slug, file=file)
        else:
            self.problem(
                source,
                loc,
                "municipality_outside_region",
                value=slug,
                name=official.name_fi,
                code=official.code,
                file=file,
            )
        return True

    def _outside_region(self, slug: str) -> bool:
        """Whether `slug` is a real Finnish municipality (data/municipalities.csv) that is not
        one of the region's: a place a provider or a location may be in."""
        official = _official_by_slug().get(slug)
        return (
            official is not None
            and official.code not in self._members()
            and all(m.code != official.code for m in self.municipalities.values())
        )

    def _members(self) -> list[str]:
        """The codes of the region's municipalities (region.yaml)."""
        region = self.region_file.record
        return region.municipalities if isinstance(region, RegionFile) else []

    def run(self) -> Catalogue | None:
        region_file = next(f for f in self.files if f.kind == "region")
        municipalities = self._municipalities(region_file)
        self.region_file, self.municipalities = region_file, municipalities
        providers: dict[str, Organisation] = {}
        owners: list[tuple[SourceFile, Organisation]] = []
        for source in self.files:
            if source.kind == "municipality":
                owners.append((source, municipalities[source.slug]))
            elif source.kind == "provider":
                providers[source.slug] = _provider(source)
                owners.append((source, providers[source.slug]))
        self._provider_slugs = set(providers) | self.unread.providers
        locations, services, meeting_places = self._entries(owners)
        known_municipalities = set(municipalities) | self.unread.municipalities
        known_locations = set(locations) | self.unread.ids
        for source, _ in owners:
            self._references(source, known_municipalities, known_locations)
            self._programme_dates(source)
            self._places_outside(source, locations)
            check_entries(source.record, partial(self.problem, source))
        if self.problems:
            return None
        organisations = {**municipalities, **providers}
        for entry in [*services.values(), *meeting_places.values()]:
            entry._partners = [organisations[slug] for slug in entry.partners]
            if getattr(entry, "organiser", None):
                entry._organiser = organisations[entry.organiser]
        ordered = dict(
            sorted(municipalities.items(), key=lambda item: finnish_sort_key(item[1].name.fi))
        )
        synonyms = next((f.record for f in self.files if f.kind == "synonyms"), SynonymsFile())
        paths = self._paths(set(services) | self.unread.ids)
        if self.problems:
            return None
        catalogue = Catalogue(
            region_file.record,
            ordered,
            providers,
            locations,
            services,
            meeting_places,
            synonyms,
            paths,
        )
        _resolve_places(catalogue)
        return catalogue

    def _paths(self, known_services: set[str]) -> dict[str, ServicePath]:
        """Paths ordered as the home page lists them; their named services must exist and
        exactly one step must be the first contact."""
        found = []
        for source in (f for f in self.files if f.kind == "path"):
            record: PathFile = source.record
            first = [index for index, step in enumerate(record.steps) if step.first_contact]
            if not first:
                self.problem(source, ("steps",), "path_no_first_contact")
            for index in first[1:]:
                self.problem(
                    source,
                    ("steps", index, "first_contact"),
                    "path_many_first_contacts",
                    other=record.steps[first[0]].id,
                )
            seen = set()
            for index, step in enumerate(record.steps):
                if step.id in seen:
                    self.problem(source, ("steps", index, "id"), "step_id_twice", value=step.id)
                seen.add(step.id)
                for where, ids in (
                    (("services",), step.services),
                    (("meanwhile", "services"), step.meanwhile.services if step.meanwhile else []),
                ):
                    for number, service_id in enumerate(ids):
                        if service_id not in known_services:
                            where_id = ("steps", index, *where, number)
                            self.unknown(source, where_id, "service", service_id, known_services)
            for step_id in record.plain.steps if record.plain else ():
                if step_id not in seen:
                    known = ", ".join(step.id for step in record.steps)
                    self.problem(
                        source,
                        ("plain", "steps", step_id),
                        "plain_unknown_step",
                        value=step_id,
                        known=known,
                    )
            found.append(ServicePath(source.slug, record, source.path))
        return {p.slug: p for p in sorted(found, key=lambda p: (p.record.order, p.slug))}

    def _municipalities(self, region_file: SourceFile) -> dict[str, Municipality]:
        region: RegionFile = region_file.record
        result: dict[str, Municipality] = {}
        by_code: dict[str, SourceFile] = {}
        for source in (f for f in self.files if f.kind == "municipality"):
            code = source.record.code
            if code in by_code:
                self.problem(
                    source,
                    ("code",),
                    "municipality_code_twice",
                    value=code,
                    other=by_code[code].path,
                )
                continue
            by_code[code] = source
            if code not in region.municipalities:
                self.problem(
                    source,
                    ("code",),
                    "municipality_not_in_region",
                    value=code,
                    name=MUNICIPALITIES[code].name_fi,
                )
            result[source.slug] = _municipality(source)
        for index, code in enumerate(region.municipalities):
            if code not in by_code and not self.unread.municipalities:
                official = MUNICIPALITIES[code]
                self.problem(
                    region_file,
                    ("municipalities", index),
                    "municipality_file_missing",
                    value=code,
                    name=official.name_fi,
                    slug=slugify(official.name_fi),
                )
        return result

    def _entries(self, owners):
        tables = {"locations": {}, "services": {}, "meeting_places": {}}
        for source, owner in owners:
            for kind, table in tables.items():
                for index, entry in enumerate(getattr(owner, kind)):
                    loc = (kind, index, "id")
                    if entry.id in self.ids:
                        path, line = self.ids[entry.id]
                        self.problem(
                            source, loc, "duplicate_id", value=entry.id, other=f"{path}:{line}"
                        )
                        continue
                    line = source.doc.position(loc)[0]
                    self.ids[entry.id] = (source.path, line)
                    entry._provider = owner
                    entry._source = (source.path, source.doc.position((kind, index))[0])
                    table[entry.id] = entry
        return tables["locations"], tables["services"], tables["meeting_places"]

    def _references(self, source: SourceFile, municipalities: set[str], locations: set[str]):
        record = source.record

        organisations = set(self.municipalities) | self._provider_slugs

        def check(loc, value, known, kind):
            if value not in known:
                self.unknown(source, loc, kind, value, known)

        def check_area(loc, area):
            for index, slug in enumerate(area or []):
                if slug not in EVERYWHERE:
                    check((*loc, index), slug, municipalities, "municipality")

        def check_partners(loc, partners):
            for index, slug in enumerate(partners):
                where = (*loc, "partners", index)
                if slug == source.slug:
                    self.problem(source, where, "partner_is_provider", value=slug)
                elif slug in partners[:index]:
                    self.problem(source, where, "partner_twice", value=slug)
                else:
                    check(where, slug, organisations, "provider")

        def check_contacts(loc, contacts):
            for index, contact in enumerate(contacts):
                if contact.location:
                    check((*loc, index, "location"), contact.location, locations, "location")

        for index, location in enumerate(record.locations):
            if not self._outside_region(location.address.municipality):
                check(
                    ("locations", index, "address", "municipality"),
                    location.address.municipality,
                    municipalities,
                    "municipality",
                )
        for index, service in enumerate(record.services):
            loc = ("services", index)
            check_area((*loc, "area"), service.area)
            if service.organiser == source.slug:
                self.problem(
                    source, (*loc, "organiser"), "organiser_is_provider", value=service.organiser
                )
            elif service.organiser:
                check((*loc, "organiser"), service.organiser, organisations, "provider")
            check_partners(loc, service.partners)
            check_contacts((*loc, "contacts"), service.contacts)
            for number, location_id in enumerate(service.locations):
                check((*loc, "locations", number), location_id, locations, "location")
        for index, place in enumerate(record.meeting_places):
            loc = ("meeting_places", index)
            check((*loc, "location"), place.location, locations, "location")
            check_area((*loc, "area"), place.area)
            check_contacts((*loc, "contacts"), place.contacts)
            check_partners(loc, place.partners)

    def _places_outside(self, source: SourceFile, locations: dict[str, Location]) -> None:
        """A meeting place outside the region serves none of its municipalities by itself:
        it needs an `area`, or no family would find it."""
        for index, place in enumerate(source.record.meeting_places):
            location = locations.get(place.location)
            if location and not place.area and self._outside_region(location.address.municipality):
                self.problem(
                    source,
                    ("meeting_places", index, "location"),
                    "place_outside_needs_area",
                    town=_official_by_slug()[location.address.municipality].name_fi,
                )

    def _programme_dates(self, source: SourceFile) -> None:
        """A cancelled activity falls on one of its days (its weekday, in its weeks) within a
        term; closures within a term."""
        for index, place in enumerate(source.record.meeting_places):
            loc = ("meeting_places", index)
            terms = ", ".join(f"{t.start}–{t.until}" for t in place.terms)

            def in_terms(day, terms=place.terms):
                return any(term.start <= day <= term.until for term in terms)

            for number, activity in enumerate(place.programme):
                for position, day in enumerate(activity.cancelled):
                    where = (*loc, "programme", number, "cancelled", position)
                    if day.weekday() != activity.day_index:
                        self.problem(
                            source,
                            where,
                            "not_on_weekday",
                            value=day.isoformat(),
                            actual=DAYS[day.weekday()],
                            day=DAYS[activity.day_index],
                        )
                    elif not in_terms(day):
                        self.problem(
                            source, where, "outside_terms", value=day.isoformat(), terms=terms
                        )
                    elif not holds_on(activity, day):
                        month = day.replace(day=1)
                        end = (month + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
                        self.problem(
                            source,
                            where,
                            "not_in_pattern",
                            value=day.isoformat(),
                            month=f"{day:%Y-%m}",
                            dates=", ".join(
                                d.isoformat() for d in pattern_days(activity, month, end)
                            ),
                        )
            for number, closure in enumerate(place.exceptions):
                if not (in_terms(closure.date) or in_terms(closure.last)):
                    self.problem(
                        source,
                        (*loc, "exceptions", number, "date"),
                        "outside_terms",
                        value=closure.date.isoformat(),
                        terms=terms,
                    )


def _resolve_places(catalogue: Catalogue) -> None:
    """Give every reference to a place its object, once, so that the pages and the search
    index read a walk-in's address and hours from the channel itself: a location's town, a
    walk-in channel's and a meeting place's location, a service's locations. A reference to an
    entry of a file that did not validate stays None (that catalogue is only checked)."""
    for location in catalogue.locations.values():
        address = location.address
        address._town = catalogue.municipality_name(address.municipality)
        address._in_region = address.municipality in catalogue.municipalities
    entries: list[Service | MeetingPlace] = [
        *catalogue.services.values(),
        *catalogue.meeting_places.values(),
    ]
    for entry in entries:
        for contact in entry.contacts:
            if contact.location:
                contact._venue = catalogue.locations.get(contact.location)
        if isinstance(entry, MeetingPlace):
            entry._venue = catalogue.locations.get(entry.location)
        else:
            entry._venues = [
                catalogue.locations[i] for i in entry.locations if i in catalogue.locations
            ]


@cache
def _official_by_slug() -> dict[str, OfficialMunicipality]:
    """Every Finnish municipality by the id its file would have: "muurame" -> Muurame."""
    return {slugify(m.name_fi): m for m in MUNICIPALITIES.values()}


def link(files: list[SourceFile], unread: Unread | None = None):
    """The linked catalogue (None when there were problems) and the problems found."""
    linker = _Linker(files, unread or Unread())
    catalogue = linker.run()
    return catalogue, linker.problems
