"""PTV Open API V11 JSON, read from saved files or fetched: the one place that knows V11.

PTV is moving to V12 (an API key, other opening hours); a V12 reader replaces this module and
leaves the mapping to catalogue entries alone. Fetching only saves the API's pages as files and
reads them like any others, so what the tests read is what a fetch reads.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# Where the V11 read interface lives (no login; DVV asks integrations to register with its
# support address). A region can name another in PERHEOVI_PTV_API.
DEFAULT_API = "https://api.palvelutietovaranto.suomi.fi/api/v11/"
MAX_FILE_BYTES = 200 * 1024 * 1024


class PtvReadError(Exception):
    """A file that is not PTV JSON, told as `path: what is wrong`."""


@dataclass
class PtvData:
    """What the input holds, by PTV id: organisations, services, channels, general
    descriptions; `files` counts the files read."""

    organisations: dict[str, dict] = field(default_factory=dict)
    services: dict[str, dict] = field(default_factory=dict)
    channels: dict[str, dict] = field(default_factory=dict)
    general_descriptions: dict[str, dict] = field(default_factory=dict)
    files: int = 0


def _kind(item: dict) -> str | None:
    if "serviceChannelType" in item:
        return "channels"
    if "serviceNames" in item:
        return "services"
    if "organizationType" in item or "organizationNames" in item:
        return "organisations"
    if "generalDescriptionType" in item or ("names" in item and "statutoryDescriptionId" in item):
        return "general_descriptions"
    return None


def _items(document) -> list:
    """A list page's items ({"pageNumber", "pageCount", "itemList"}), a list, or one object."""
    if isinstance(document, dict) and "itemList" in document:
        return document["itemList"] or []
    return document if isinstance(document, list) else [document]


def read_files(paths: list[Path]) -> PtvData:
    """Every object of the files, sorted by kind; a later file's copy of an id wins."""
    data = PtvData()
    for path in paths:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise PtvReadError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
            document = json.loads(path.read_text("utf-8-sig"))  # PTV files often start with a BOM
        except OSError as error:
            raise PtvReadError(f"{path}: cannot be read ({error.strerror})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise PtvReadError(f"{path}: not JSON ({error})") from None
        for number, item in enumerate(_items(document), 1):
            kind = _kind(item) if isinstance(item, dict) else None
            if kind is None or not isinstance(item.get("id"), str):
                raise PtvReadError(
                    f"{path}: item {number} is not a PTV organisation, service, channel or "
                    "general description (expected Open API V11 JSON)"
                )
            getattr(data, kind)[item["id"].lower()] = item
        data.files += 1
    return data


# --- fetching: a thin layer over read_files (documented in docs/coordinators.md, not tested:
# the tests cannot reach the API) ------------------------------------------------------------


def _get(url: str):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8-sig"))


def _pages(api: str, path: str, query: dict[str, str]):
    """Every page of a list call, following pageNumber and pageCount."""
    number = 1
    while True:
        url = (
            urllib.parse.urljoin(api, path)
            + "?"
            + urllib.parse.urlencode({**query, "page": number})
        )
        page = _get(url)
        yield page
        if number >= int(page.get("pageCount") or 1):
            return
        number += 1


def fetch(
    api: str, folder: Path, *, organization: str | None = None, municipality: str | None = None
) -> list[Path]:
    """Save an organisation's (or a municipality's) organisations, services and channels from
    the API into `folder` as the files `read_files` reads, and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(name: str, document) -> None:
        path = folder / name
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
        saved.append(path)

    if organization:
        save("organization.json", _get(urllib.parse.urljoin(api, f"Organization/{organization}")))
        calls = {
            "services": ("Service/list/organization", {"organizationId": organization}),
            "channels": ("ServiceChannel/list/organization", {"organizationId": organization}),
        }
    else:
        code = str(municipality).zfill(3)
        calls = {
            "services": (f"Service/list/area/Municipality/code/{code}", {}),
            "channels": (f"ServiceChannel/list/area/Municipality/code/{code}", {}),
        }
    organisations: set[str] = set()
    for name, (path, query) in calls.items():
        for number, page in enumerate(_pages(api, path, query), 1):
            save(f"{name}-{number}.json", page)
            for item in _items(page):
                for link in item.get("organizations") or []:
                    organisations.add((link.get("organization") or {}).get("id", ""))
    if municipality:
        for number, guid in enumerate(sorted(filter(None, organisations)), 1):
            save(
                f"organization-{number}.json",
                _get(urllib.parse.urljoin(api, f"Organization/{guid}")),
            )
    return saved
