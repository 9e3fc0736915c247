"""Rules within one entry that span its fields, each problem reported at the value that is wrong.

pydantic's validators of a record can only point at the record itself; these run in the
linker's pass, where the position of every value is known (`report(loc, code, **params)`,
`loc` relative to the file).
"""

from __future__ import annotations

from collections.abc import Callable

Report = Callable[..., None]


def check_entries(record, report: Report) -> None:
    """Every rule, for every service and meeting place of a provider or municipality file."""
    for index, service in enumerate(record.services):
        _service(service, ("services", index), report)


def _service(service, loc: tuple, report: Report) -> None:
    if service.cost == "call-charge" and not any(c.type == "phone" for c in service.contacts):
        report((*loc, "cost"), "call_charge_without_phone")
