"""What a page shows families, decided here once, so that templates only lay it out.

The first view: the numbers to call when it is urgent. Every urgent box names them as links
(the region's urgent lines: 112 and the like; and the crisis services a family in the
municipality can reach around the clock, such as the social and crisis emergency service),
so that no page says "contact the crisis service" without its number.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue.model import ACCESS_FEATURES, Service
from ..catalogue.network import Catalogue
from ..catalogue.taxonomy import CATEGORIES


@dataclass(frozen=True)
class UrgentLine:
    name: object  # LocalText
    number: str  # as the catalogue has it (E.164 or a short number)
    hours: object | None  # Hours
    note: object | None = None  # LocalText


def urgent_lines(catalogue: Catalogue, municipality: str | None = None) -> list[UrgentLine]:
    """The region's urgent lines, then every crisis service answering around the clock that a
    family in `municipality` can use (None: one that serves the whole region). National
    helplines come from the region's list, where coordinators choose them."""
    lines = [
        UrgentLine(u.name, str(u.phone), u.hours, u.note) for u in catalogue.region.urgent_help
    ]
    seen = {line.number for line in lines}
    for service in catalogue.services_in_category("crisis-help"):
        if service.national:
            continue
        if not (catalogue.serves(service, municipality) if municipality else service.region_wide):
            continue
        for contact in service.contacts:
            number = str(contact.number)
            if contact.type != "phone" or not (contact.hours and contact.hours.always):
                continue
            if number not in seen:
                seen.add(number)
                lines.append(UrgentLine(service.name, number, contact.hours))
    return lines


# The first numbers a family of a municipality keeps on the fridge, in this order (the
# municipality page's "first contacts" and its printed list). Families look for the clinic
# first; then the doors that take any worry about a child or the family.
FIRST_CONTACT_CATEGORIES = ("neuvola", "family-counselling", "family-work", "social-guidance")


@dataclass(frozen=True)
class Section:
    category: str
    services: list  # Service, in catalogue order


@dataclass(frozen=True)
class MunicipalityView:
    """A municipality's page, made for a phone: its first contacts and urgent numbers, the
    concern paths, then its own services by topic (one collapsible section each, in the
    taxonomy's order, which is the order families look for them: the clinic first), and the
    region-wide and national services once, in one section, not under every topic."""

    municipality: object  # Municipality
    first_contacts: list  # Service: the local door of each FIRST_CONTACT_CATEGORIES topic
    urgent_lines: list[UrgentLine]
    paths: list  # ServicePath, in the site's order
    sections: list[Section]
    shared: list  # Service: region-wide and national ones
    meeting_places: list  # MeetingPlace a family living here can use
    has_calendar: bool  # a meeting place in the municipality: its meeting-places.ics exists

    @property
    def facets(self):
        """The filters of the page's lists: every service and meeting place listed."""
        return facets(
            [
                *(s for section in self.sections for s in section.services),
                *self.shared,
                *self.meeting_places,
            ]
        )


def municipality_view(catalogue: Catalogue, municipality) -> MunicipalityView:
    services = catalogue.services_for(municipality.slug)
    own = [s for s in services if not s.region_wide]  # region_wide: nationwide ones too
    shared = [s for s in services if s.region_wide]
    first_contacts = []
    for category in FIRST_CONTACT_CATEGORIES:
        local = [s for s in own if s.category == category]
        first_contacts += (local or [s for s in shared if s.category == category])[:1]
    sections = [
        Section(category, [s for s in own if s.category == category])
        for category in CATEGORIES
        if any(s.category == category for s in own)
    ]
    return MunicipalityView(
        municipality,
        first_contacts,
        urgent_lines(catalogue, municipality.slug),
        list(catalogue.paths.values()),
        sections,
        shared,
        catalogue.meeting_places_for(municipality.slug),
        bool(catalogue.meeting_places_in(municipality.slug)),
    )


@dataclass(frozen=True)
class FirstDoor:
    service: object  # Service
    channel: object  # Contact: a number to call or a place to walk into, where it has one


def first_door(steps: list) -> FirstDoor | None:
    """A path's single first contact in a municipality, shown before anything else on its page:
    of the first-contact step's services, the first of its first category (the order the path
    names them in: the clinic before the school nurse), one given in or for the municipality
    itself before a region-wide one; its first phone or walk-in channel (else its first)."""
    step = next((s for s in steps if s.step.first_contact), None)
    if step is None or not step.services:
        return None
    order = {category: index for index, category in enumerate(step.step.categories)}

    service = min(step.services, key=lambda s: (order.get(s.category, len(order)), s.region_wide))
    doors = [c for c in service.contacts if c.type in ("phone", "walk-in")]
    return FirstDoor(service, (doors or service.contacts)[0])


def languages_by_channel(service) -> list[tuple[str, list]]:
    """Each language of the service with the channels that offer it, or with [] when every
    channel does: a language only some channels offer (a Swedish line on Mondays) is shown
    with those channels, not as if the whole service were given in it."""
    found = []
    for code in service.languages:
        offering = [c for c in service.contacts if not c.languages or code in c.languages]
        found.append((code, [] if len(offering) == len(service.contacts) else offering))
    return found


@dataclass(frozen=True)
class MeetingPlacesView:
    """The meeting-places page: the region's places by the municipality they are in (in the
    region's order, municipalities without one left out), then those outside the region."""

    by_municipality: list  # (Municipality, [MeetingPlace])
    outside: list  # MeetingPlace


def meeting_places_view(catalogue: Catalogue) -> MeetingPlacesView:
    by_municipality = [
        (m, catalogue.meeting_places_in(m.slug)) for m in catalogue.municipalities.values()
    ]
    return MeetingPlacesView(
        [(m, places) for m, places in by_municipality if places],
        catalogue.meeting_places_outside(),
    )


# The child's age as families filter by it (issue 17's bands), from the catalogue's age groups.
AGE_BANDS = {
    "expecting": ("expecting",),
    "0-6": ("babies", "under-school-age"),
    "7-12": ("school-age",),
    "13-17": ("teenagers",),
    "18-29": ("young-adults",),
}
# How a service is given, as families filter by it: remote and self-service online together.
DELIVERY_CHOICES = {
    "location": ("location",),
    "home": ("home",),
    "remote": ("remote", "digital"),
    "daycare-school": ("daycare-school",),
}


@dataclass(frozen=True)
class EntryFacts:
    """What a listed service or meeting place says of itself in one line, and what the list
    filters (filters.js) read from it: the age bands it is for (none: every age), its
    languages, whether it is free and how it is given."""

    ages: tuple[str, ...]  # AGE_BANDS keys
    languages: tuple[str, ...]
    cost: str | None  # a service's cost; None for a meeting place (open to all, no fee)
    delivery: tuple[str, ...]  # DELIVERY_CHOICES keys
    always: bool  # the contact it is listed with answers around the clock ("open now" always)
    places: tuple  # the Locations to visit it at (its locations and walk-in channels' venues)

    @property
    def access(self) -> tuple[str, ...]:
        """What some place of it offers (model.ACCESS_FEATURES), in that list's order."""
        offered = {feature for place in self.places for feature in place.access}
        return tuple(f for f in ACCESS_FEATURES if f in offered)

    @property
    def coordinates(self) -> str:
        """Its places' coordinates for the distance sort: "lat,lon;lat,lon" (those it has)."""
        return ";".join(
            f"{p.coordinates.lat},{p.coordinates.lon}" for p in self.places if p.coordinates
        )

    @property
    def free(self) -> bool:
        return self.cost in (None, "free", "call-charge")

    def data(self) -> dict[str, str]:
        """The facts as filters.js reads them: a listed entry's data-* attributes, and a search
        result's `facts` in the index's store."""
        return {
            "ages": " ".join(self.ages),
            "languages": " ".join(self.languages),
            "free": "yes" if self.free else "no",
            "delivery": " ".join(self.delivery),
            "visit": "yes" if self.places else "no",
            "access": " ".join(self.access),
            **({"places": self.coordinates} if self.coordinates else {}),
            **({"always": "yes"} if self.always else {}),
        }


@dataclass(frozen=True)
class OpenDataView:
    counts: dict[str, int]
    organisations: int
    page_size: int
    from_ptv: bool  # the page says where part of the data comes from


def open_data_view(catalogue: Catalogue) -> OpenDataView:
    """What the open-data page says of the data: how much, in what pages, from where."""
    from ..interchange.hsds import PAGE_SIZE

    return OpenDataView(
        catalogue.counts(),
        len(catalogue.organisations),
        PAGE_SIZE,
        any(service.ptv for service in catalogue.services.values()),
    )


def entry_facts(entry) -> EntryFacts:
    """A service's or meeting place's facts, made once per entry (kept on it)."""
    if entry._facts is None:
        entry._facts = _facts(entry)
    return entry._facts


def _facts(entry) -> EntryFacts:
    groups = set(entry.target_groups)
    if isinstance(entry, Service):  # listed with its first contact
        given = set(entry.delivery)
        hours = entry.contacts[0].opening_hours
        found = [*entry.venues, *(c.venue for c in entry.contacts if c.venue is not None)]
    else:  # a meeting place: visited at its location
        given, hours = {"location"}, None
        found = [entry.venue] if entry.venue is not None else []
    return EntryFacts(
        tuple(band for band, ids in AGE_BANDS.items() if groups.intersection(ids)),
        tuple(entry.languages),
        getattr(entry, "cost", None),
        tuple(choice for choice, ids in DELIVERY_CHOICES.items() if given.intersection(ids)),
        bool(hours and hours.always),
        tuple({id(place): place for place in found}.values()),  # each place once, in order
    )


@dataclass(frozen=True)
class Facets:
    """The choices a list's filters offer: only those some entry of the list has."""

    ages: tuple[str, ...]
    languages: tuple[str, ...]  # Finnish, Swedish, English first, then the rest by code
    delivery: tuple[str, ...]
    any_fee: bool  # "free of charge only" narrows something
    access: bool  # some entry's place says how to get in: "I use a wheelchair" narrows
    distance: bool  # some entry has a place with coordinates: "sort by distance" sorts


def facets(entries) -> Facets:
    found = [entry_facts(entry) for entry in entries]
    languages = {code for facts in found for code in facts.languages}
    first = [code for code in ("fi", "sv", "en") if code in languages]
    return Facets(
        tuple(band for band in AGE_BANDS if any(band in f.ages for f in found)),
        (*first, *sorted(languages - set(first))),
        tuple(choice for choice in DELIVERY_CHOICES if any(choice in f.delivery for f in found)),
        any(not f.free for f in found),
        any(f.access for f in found),
        any(f.coordinates for f in found),
    )
