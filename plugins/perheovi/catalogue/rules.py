"""Rules within one entry that span its fields, each problem reported at the value that is wrong.

pydantic's validators of a record can only point at the record itself; these run in the
linker's pass, where the position of every value is known (`report(loc, code, **params)`,
`loc` relative to the file).
"""

from __future__ import annotations

from collections.abc import Callable

from .values import short_number_problem, text_numbers

Report = Callable[..., None]


def check_entries(record, report: Report) -> None:
    """Every rule, for every service and meeting place of a provider or municipality file."""
    for index, service in enumerate(record.services):
        _service(service, ("services", index), report)
    for index, place in enumerate(record.meeting_places):
        _channel_languages(place, ("meeting_places", index), report)
        _short_numbers(place, ("meeting_places", index), report)


def _service(service, loc: tuple, report: Report) -> None:
    if service.cost == "call-charge" and not any(c.type == "phone" for c in service.contacts):
        report((*loc, "cost"), "call_charge_without_phone")
    _channel_languages(service, loc, report)
    _short_numbers(service, loc, report)
    if all(contact.languages for contact in service.contacts):
        offered = {code for contact in service.contacts for code in contact.languages}
        for number, code in enumerate(service.languages):
            if code not in offered:
                report((*loc, "languages", number), "language_without_channel", value=code)


def _short_numbers(entry, loc: tuple, report: Report) -> None:
    """A short number on a channel it can take: 116 111 cannot be sent a text message."""
    for index, contact in enumerate(entry.contacts):
        code = contact.number and short_number_problem(contact.number, contact.type)
        if code:
            more = {"numbers": text_numbers()} if code == "short_number_no_texts" else {}
            report((*loc, "contacts", index, "number"), code, value=contact.number.written, **more)


def _channel_languages(entry, loc: tuple, report: Report) -> None:
    """A channel's languages are some of its entry's: the entry's list is the one families
    read and filter by, so a language only one channel offers is still written there."""
    for index, contact in enumerate(entry.contacts):
        for number, code in enumerate(contact.languages):
            if code not in entry.languages:
                report(
                    (*loc, "contacts", index, "languages", number),
                    "channel_language_not_offered",
                    value=code,
                    languages=", ".join(entry.languages),
                )
