"""What a page shows families, decided here once, so that templates only lay it out.

The first view: the numbers to call when it is urgent. Every urgent box names them as links
(the region's urgent lines: 112 and the like; and the crisis services a family in the
municipality can reach around the clock, such as the social and crisis emergency service),
so that no page says "contact the crisis service" without its number.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue.network import Catalogue


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
