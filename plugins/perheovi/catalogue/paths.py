"""Service paths resolved for a municipality, and the coverage figure coordinators monitor.

"The client is always at the right door": for a family living in a municipality, each step of
a path lists the services they can actually use there. Where a step finds nothing, that is a
gap: the page says so and points to the region-wide and digital alternatives, the build lists
it, and the coverage table shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Step
from .taxonomy import AGE_GROUPS, BASIC_CATEGORIES, CATEGORIES

LOCAL, REGION, NONE = "local", "region", "none"


@dataclass
class ResolvedStep:
    step: Step
    services: list = field(default_factory=list)
    meanwhile: list = field(default_factory=list)
    alternatives: list = field(default_factory=list)  # when nothing else is found
    places: list = field(default_factory=list)  # meeting places, for "meeting-place"

    @property
    def gap(self) -> bool:
        return not self.services and not self.places

    @property
    def listed(self) -> list:
        """Every service and meeting place the step's page lists."""
        return [*self.services, *self.places, *self.alternatives, *self.meanwhile]


def step_ages(path, step) -> set[str]:
    """The ages a step is for: its own `ages`, else its path's (none: every age)."""
    return set(path.ages if step.ages is None else step.ages)


AGES = frozenset(AGE_GROUPS)


def fits(service, ages: set[str]) -> bool:
    """Whether a service fits the ages a step is for: it is for one of them, or for no age in
    particular (parents, the whole family). Online antenatal classes do not fit a teenager's
    substance-use path, baby family work does not; the parents' helpline fits every path."""
    own = AGES.intersection(service.target_groups)
    return not ages or not own or bool(own & ages)


def takes(categories, service_ids, service, ages) -> bool:
    """Whether a step (or its meanwhile support) lists `service`: named by id, or of one of its
    categories and fitting its ages."""
    return service.id in service_ids or (service.category in categories and fits(service, ages))


def step_services(catalogue, categories, service_ids, municipality: str, ages=frozenset()) -> list:
    """The services a family in `municipality` can use that a step lists."""
    wanted = set(service_ids)
    return [
        s
        for s in catalogue.sorted_services
        if takes(categories, wanted, s, ages) and catalogue.serves(s, municipality)
    ]


def resolve(catalogue, path, municipality: str) -> list[ResolvedStep]:
    digital = [
        s for s in catalogue.services_in_category("digital") if catalogue.serves(s, municipality)
    ]
    resolved = []
    for step in path.steps:
        ages = step_ages(path, step)
        item = ResolvedStep(
            step, step_services(catalogue, step.categories, step.services, municipality, ages)
        )
        if "meeting-place" in step.categories:
            item.places = catalogue.meeting_places_for(municipality)
        if step.meanwhile:
            item.meanwhile = step_services(
                catalogue, step.meanwhile.categories, step.meanwhile.services, municipality, ages
            )
        if item.gap:
            item.alternatives = [s for s in digital if fits(s, ages)]
        resolved.append(item)
    return resolved


def lists(path, step, service) -> bool:
    """Whether `step` of `path` (or its meanwhile support) lists `service`, wherever it is used."""
    ages = step_ages(path, step)
    return any(
        takes(part.categories, part.services, service, ages)
        for part in (step, step.meanwhile)
        if part
    )


def paths_of(catalogue, service) -> list:
    """The paths whose steps (or meanwhile support) list `service`."""
    return [
        path
        for path in catalogue.paths.values()
        if any(lists(path, step, service) for step in path.steps)
    ]


def quick_exit_services(catalogue) -> set[str]:
    """Ids of the services a family may need to hide: of a sensitive category (substance use,
    mental health, violence), or listed by a quick-exit path and by no everyday one (a
    child-health clinic that the exhaustion path also lists stays an everyday page)."""
    hidden = set()
    for service in catalogue.services.values():
        paths = paths_of(catalogue, service)
        if CATEGORIES[service.category].sensitive or (
            paths and all(path.quick_exit for path in paths)
        ):
            hidden.add(service.id)
    return hidden


def level(catalogue, services, municipality: str) -> str:
    """local: a service given in or for the municipality itself, or a region-wide one with a
    place to visit there (the county's family-counselling clinic in the town); region: only
    region-wide or digital ones; none: nothing at all."""
    serving = [s for s in services if catalogue.serves(s, municipality)]
    if any(not s.region_wide or municipality in catalogue.located_in(s) for s in serving):
        return LOCAL
    return REGION if serving else NONE


@dataclass
class CoverageColumn:
    key: str  # "category:neuvola" or "path:nepsy/arvio"
    label: object  # dict of fi/sv/en labels, or a LocalText
    group: str  # "basic" or the path slug


def coverage_columns(catalogue) -> list[CoverageColumn]:
    from .taxonomy import CATEGORIES

    columns = [
        CoverageColumn(f"category:{c}", CATEGORIES[c].label, "basic") for c in BASIC_CATEGORIES
    ]
    for path in catalogue.paths.values():
        columns += [
            CoverageColumn(f"path:{path.slug}/{step.id}", step.title, path.slug)
            for step in path.steps
        ]
    return columns


def coverage(catalogue) -> dict[str, dict[str, str]]:
    """municipality slug -> column key -> local | region | none."""
    table = {}
    for slug in catalogue.municipalities:
        row = {}
        for category in BASIC_CATEGORIES:
            row[f"category:{category}"] = level(
                catalogue, catalogue.services_in_category(category), slug
            )
        for path in catalogue.paths.values():
            for step in path.steps:
                services = step_services(
                    catalogue, step.categories, step.services, slug, step_ages(path, step)
                )
                row[f"path:{path.slug}/{step.id}"] = level(catalogue, services, slug)
        table[slug] = row
    return table


def gaps(catalogue) -> list[tuple[str, str, str]]:
    """(path, step, municipality) where a step resolves to nothing."""
    return [
        (path.slug, step.step.id, slug)
        for path in catalogue.paths.values()
        for slug in catalogue.municipalities
        for step in resolve(catalogue, path, slug)
        if step.gap
    ]
