"""Six family tasks in Chromium at 375 px: how many taps and screens to the right door.

    .venv/bin/python benchmarks/family_tasks.py [--label before|after]

Each task starts on the home page of the family's language, as a parent on a phone would, and
taps the links a family follows (its route). On every page, before the next tap, it looks for
the right door: a `tel:` link or a street address of a service that fits the task, found from
the catalogue (the category, the municipality, open at the task's time). When the route is
walked and no door is on the page, the family opens the first right service listed (one tap
more). Screens are the scrolling needed to bring each tapped link, and at last the door, fully
into view, in viewport heights (812 px); taps are the links tapped. "Status" says whether the
door shows today's status beside it (open now, opens at, the hours of the day).

The figures go into docs/benchmarks.md (section family-tasks-LABEL); tests/test_family_tasks.py
runs the same tasks on the test network's site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from perheovi.catalogue.hours import status_at  # noqa: E402
from perheovi.catalogue.programme import occurrences  # noqa: E402

HELSINKI = ZoneInfo("Europe/Helsinki")
WIDTH, HEIGHT = 375, 812
BUILD_INSTANT = dt.datetime(2026, 11, 18, 13, 6, 40, tzinfo=HELSINKI)  # SOURCE_DATE_EPOCH


@dataclass(frozen=True)
class Door:
    """What counts as the right door: phone numbers (E.164), street addresses, entry pages."""

    numbers: frozenset[str]
    streets: frozenset[str]
    pages: frozenset[str]  # "service/x/", "meeting-place/y/"


@dataclass(frozen=True)
class Task:
    name: str
    lang: str
    route: tuple[str, ...]  # the pages a family taps through, under /LANG/
    doors: Callable[[object], Door]  # from the catalogue
    clock: dt.datetime = BUILD_INSTANT
    javascript: bool = True


@dataclass(frozen=True)
class Result:
    task: str
    taps: int
    screens: float
    door: str | None  # the number or address reached, None when no right door was found
    status: bool
    key: str | None = None  # the door as the catalogue has it: E.164 number or street


def _services(catalogue, categories: set[str], municipality: str, instant=None) -> Door:
    numbers, streets, pages = set(), set(), set()
    for service in catalogue.services_for(municipality):
        if service.category not in categories:
            continue
        phones = [c for c in service.contacts if c.type == "phone"]
        if instant is not None:  # only a line that answers at the task's time
            phones = [c for c in phones if c.hours and status_at(c.hours, instant).open]
            if not phones:
                continue
        pages.add(f"service/{service.id}/")
        numbers.update(str(c.number) for c in phones)
        if instant is None:
            for slug in service.locations:
                streets.add(catalogue.locations[slug].address.street)
    return Door(frozenset(numbers), frozenset(streets), frozenset(pages))


def _meeting_places_today(catalogue, municipality: str, day: dt.date) -> Door:
    places = [p for p in catalogue.meeting_places_in(municipality) if occurrences(p, day, day)]
    return Door(
        frozenset(str(c.number) for p in places for c in p.contacts if c.type == "phone"),
        frozenset(catalogue.locations[p.location].address.street for p in places),
        frozenset(f"meeting-place/{p.id}/" for p in places),
    )


SATURDAY_EVENING = dt.datetime(2026, 11, 21, 20, 0, tzinfo=HELSINKI)
TEEN_DRUGS = {"youth-substance-use", "youth-mental-health", "crisis-help"}

TASKS = (
    Task(
        "A Lieksa parent's nepsy worry",
        "fi",
        ("path/nepsy/", "path/nepsy/lieksa/"),
        lambda c: _services(c, {"nepsy"}, "lieksa"),
    ),
    Task(
        "Separation, in Finnish (Joensuu)",
        "fi",
        ("path/ero/", "path/ero/joensuu/"),
        lambda c: _services(c, {"divorce-help", "family-counselling", "family-law"}, "joensuu"),
    ),
    Task(
        "Expecting a baby, in Swedish (Joensuu)",
        "sv",
        ("path/odotus/", "path/odotus/joensuu/"),
        lambda c: _services(c, {"neuvola"}, "joensuu"),
    ),
    Task(
        "A family café today in Kitee",
        "fi",
        ("meeting-places/",),
        lambda c: _meeting_places_today(c, "kitee", BUILD_INSTANT.date()),
    ),
    Task(
        "A teenager's drug use, Saturday 20:00 (Joensuu)",
        "fi",
        ("path/paihteet/", "path/paihteet/joensuu/"),
        lambda c: _services(c, TEEN_DRUGS, "joensuu", SATURDAY_EVENING),
        clock=SATURDAY_EVENING,
    ),
    Task(
        "The same without JavaScript",
        "fi",
        ("path/paihteet/", "path/paihteet/joensuu/"),
        lambda c: _services(c, TEEN_DRUGS, "joensuu", SATURDAY_EVENING),
        clock=SATURDAY_EVENING,
        javascript=False,
    ),
)

# Runs in the page: the topmost right door (its text, bottom edge, and whether a status shows
# beside it), and where each link points. Positions are from the top of the page.
FIND_DOOR = """([numbers, streets]) => {
  const visible = (e) => e.getClientRects().length > 0;
  const found = [];
  for (const a of document.querySelectorAll('a[href^="tel:"]')) {
    const number = a.getAttribute('href').slice(4);
    if (numbers.includes(number) && visible(a)) { a.dataset.door = number; found.push(a); }
  }
  for (const p of document.querySelectorAll('.address, address')) {
    const street = streets.find((s) => p.textContent.includes(s));
    if (visible(p) && street) { p.dataset.door = street; found.push(p); }
  }
  if (!found.length) return null;
  const bottom = (e) => e.getBoundingClientRect().bottom + window.scrollY;
  found.sort((a, b) => bottom(a) - bottom(b));
  const door = found[0];
  const holder = door.closest('.channel, .entry, .location, li, article') || door.parentElement;
  const status = [...holder.querySelectorAll('.open-now, .status, [data-status]')]
    .some((e) => visible(e) && e.textContent.trim());
  const text = door.tagName === 'A' ? door.textContent.trim() : door.dataset.door;
  return {text, key: door.dataset.door, bottom: bottom(door), status};
}"""

LINK_BOTTOM = """(a) => a.getBoundingClientRect().bottom + window.scrollY"""


def _screens(bottom: float) -> float:
    return max(0.0, bottom - HEIGHT) / HEIGHT


def _link_to(page, base: str, targets) -> object | None:
    """The first visible link on the page, in reading order, to one of base + targets."""
    wanted = [base + target for target in targets]
    index = page.evaluate(
        """(wanted) => [...document.querySelectorAll('a[href]')].findIndex((a) =>
             a.getClientRects().length > 0 && wanted.includes(a.href.split('#')[0]))""",
        wanted,
    )
    return None if index < 0 else page.locator("a[href]").nth(index)


def run_task(browser, site_url: str, task: Task, catalogue) -> Result:
    door = task.doors(catalogue)
    base = f"{site_url}/{task.lang}/"
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        java_script_enabled=task.javascript,
        timezone_id="Europe/Helsinki",
        locale={"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[task.lang],
    )
    try:
        page = context.new_page()
        if task.javascript:
            page.clock.set_fixed_time(task.clock)
        page.goto(base)
        taps, screens = 0, 0.0
        route = list(task.route)
        opened_entry = False
        while True:
            found = page.evaluate(FIND_DOOR, [sorted(door.numbers), sorted(door.streets)])
            if found:
                return Result(
                    task.name,
                    taps,
                    screens + _screens(found["bottom"]),
                    found["text"],
                    found["status"],
                    found["key"],
                )
            link = None
            while route and link is None:
                link = _link_to(page, base, [route.pop(0)])
            if link is None and not opened_entry:  # open the first right service listed
                opened_entry = True
                link = _link_to(page, base, door.pages)
            if link is None:
                return Result(task.name, taps, screens, None, False)
            screens += _screens(link.evaluate(LINK_BOTTOM))
            with page.expect_navigation():
                link.click()
            taps += 1
    finally:
        context.close()


def run_tasks(browser, site_url: str, catalogue, tasks=TASKS) -> list[Result]:
    return [run_task(browser, site_url, task, catalogue) for task in tasks]


def table(results: list[Result]) -> str:
    lines = [
        "| task | taps | screens scrolled | the door reached | today's status beside it |",
        "|---|---:|---:|---|---|",
    ]
    for r in results:
        door = f"`{r.door}`" if r.door else "**not found**"
        lines.append(
            f"| {r.task} | {r.taps} | {r.screens:.1f} | {door} | {'yes' if r.status else 'no'} |"
        )
    return "\n".join(lines)


NOTES = """Measured by `benchmarks/family_tasks.py` on the sample site (built with
SOURCE_DATE_EPOCH=1795000000, Wednesday 18.11.2026) in Chromium at 375 × 812 px, the clock
frozen at the build instant (the teenager's tasks: Saturday 21.11.2026 20.00). Taps: links
tapped from the language's home page; screens: the scrolling, in viewport heights, to bring
each tapped link and then the door fully into view. The right door comes from the catalogue:
a phone number or street address of a service of the task's categories serving the
municipality (the teenager's: substance-use, youth mental-health and crisis services whose line
answers at that hour; the region's general urgent lines in every page's header, 112 and the
like, do not count: the task is the door for this concern); the café: a meeting place in Kitee
with a session that day. "Not found": the route ended on a page with no such door and no right
service listed to open. In-page links (the towns at the top of the meeting-places page) are
not tapped: the screens are the scrolling without them. The "before" figures are the site before issue 16 (the phone layout,
status and precise paths); "after" the same tasks once it is done."""


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="before", help="section name: before or after")
    args = parser.parse_args(argv)

    import run  # benchmarks/run.py: build, serve, write the report
    from perheovi.catalogue.loader import load_catalogue
    from playwright.sync_api import sync_playwright

    output = Path(tempfile.mkdtemp(prefix="perheovi-family-")) / "output"
    run.build(ROOT / "catalogue", output)
    server = run.Server(output)
    catalogue = load_catalogue(ROOT / "catalogue")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=run.CHROMIUM_ARGS
            )
            results = run_tasks(browser, server.url, catalogue)
            browser.close()
    finally:
        server.close()
    text = table(results)
    print(text)
    run.write_report(
        {
            f"family-tasks-{args.label}": f"## Family tasks on a phone ({args.label})\n\n"
            + text
            + "\n\n"
            + NOTES
        }
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "benchmarks"))
    main(sys.argv[1:])
