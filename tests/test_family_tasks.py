"""The family-tasks benchmark (benchmarks/family_tasks.py) measures what it says: taps and
screens to the right door, on pages whose layout the test knows and on the test network."""

from __future__ import annotations

import functools
import http.server
import sys
import threading

import pytest
from conftest import ROOT, QuietHandler

sys.path.insert(0, str(ROOT / "benchmarks"))
import family_tasks
from family_tasks import HEIGHT, Door, Task

SPACER = '<div style="height:{}px"></div>'


@pytest.fixture
def pages(tmp_path):
    """A two-page site: the home page links to a service page lower down; the service page
    has the right number at a known height, a wrong one above it."""
    (tmp_path / "fi" / "service" / "x").mkdir(parents=True)
    (tmp_path / "fi" / "index.html").write_text(
        '<!doctype html><html lang="fi"><body style="margin:0">'
        + SPACER.format(HEIGHT * 2)
        + '<a href="service/x/" style="display:block;height:20px">X</a></body></html>',
        "utf-8",
    )
    (tmp_path / "fi" / "service" / "x" / "index.html").write_text(
        '<!doctype html><html lang="fi"><body style="margin:0">'
        '<a href="tel:+358400000000" style="display:block;height:20px">wrong</a>'
        + SPACER.format(HEIGHT)
        + '<p class="channel" style="margin:0"><a href="tel:+358401234567" style="display:block;height:20px">'
        "040 123 4567</a><span class='open-now'>auki 16.00 asti</span></p></body></html>",
        "utf-8",
    )
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def door(*numbers: str) -> Door:
    return Door(frozenset(numbers), frozenset(), frozenset({"service/x/"}))


def test_taps_and_screens_are_counted_to_the_right_door(browser, pages):
    task = Task("known layout", "fi", ("service/x/",), lambda _: door("+358401234567"))
    result = family_tasks.run_task(browser, pages, task, None)
    assert result.taps == 1
    # the link's bottom is at 2 × 812 + 20 px, the number's at 20 + 812 + 20 px: the family
    # scrolls 832 px on the home page and 40 px on the service page
    assert result.screens == pytest.approx((HEIGHT + 20) / HEIGHT + 40 / HEIGHT)
    assert result.door == "040 123 4567"
    assert result.status is True


def test_a_door_missing_from_the_route_is_reported_not_found(browser, pages):
    task = Task("no such number", "fi", ("service/x/",), lambda _: door("+358409999999"))
    result = family_tasks.run_task(browser, pages, task, None)
    assert result.door is None
    assert result.taps == 1
    assert "**not found**" in family_tasks.table([result])


def test_the_tasks_run_on_a_built_site_and_reach_only_right_doors(browser, site_url, catalogue):
    """At small scale: the first task (a path, then a municipality) and the last (JavaScript
    off, a frozen Saturday evening); the benchmark runs all six on the sample."""
    tasks = (family_tasks.TASKS[0], family_tasks.TASKS[-1])
    results = family_tasks.run_tasks(browser, site_url, catalogue, tasks)
    assert [r.task for r in results] == [t.name for t in tasks]
    nepsy = results[0]
    assert nepsy.door is not None and nepsy.taps == len(tasks[0].route)
    for task, result in zip(tasks, results, strict=True):
        if result.door is not None:
            right = task.doors(catalogue)
            assert result.key in right.numbers | right.streets, (task.name, result.door)
            assert result.screens >= 0
    assert len(family_tasks.table(results).splitlines()) == 2 + len(results)
