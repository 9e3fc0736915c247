"""A large catalogue's search index is split by area: a town's search fetches two shards.

Built from a small synthetic national catalogue (benchmarks/national.py) with a small shard
size, so that the split happens here as it does for the whole country."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import threading
import urllib.parse

import pytest
from conftest import ROOT, QuietHandler, build_site
from perheovi.search.index import shards

spec = importlib.util.spec_from_file_location("national", ROOT / "benchmarks" / "national.py")
national = importlib.util.module_from_spec(spec)
spec.loader.exec_module(national)

SHARD_DOCS = 60


def doc(number, area, kind="service"):
    return {"id": str(number), "kind": kind, "area": area}


def test_each_town_is_in_one_shard_with_every_service_that_serves_it():
    towns = ["a", "b", "c", "d"]
    docs = [
        doc(0, ["region"]),
        doc(1, [], "provider"),
        doc(2, ["a", "b"]),
        doc(3, ["a"]),
        doc(4, ["b"]),
        doc(5, ["c"]),
        doc(6, ["c", "d"]),
        doc(7, ["d"]),
    ]
    parts = shards(docs, towns, limit=3)
    assert [d["id"] for d in parts[0].docs] == ["0", "1"]
    assert parts[0].municipalities == []
    assert sorted(t for part in parts[1:] for t in part.municipalities) == towns
    for part in parts[1:]:
        ids = {d["id"] for d in part.docs}
        assert len(ids) == len(part.docs) <= 3
        for town in part.municipalities:
            assert {d["id"] for d in docs if town in d["area"]} <= ids


def test_a_catalogue_within_the_limit_stays_one_shard():
    docs = [doc(0, ["region"]), doc(1, ["a"])]
    parts = shards(docs, ["a", "b"], limit=3)
    assert len(parts) == 1 and parts[0].municipalities == ["a", "b"]


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("sharded")
    national.generate(work / "catalogue", seed=7, scale=0.25, limit=4)
    result = build_site(
        work / "output",
        PERHEOVI_CATALOGUE=str(work / "catalogue"),
        PERHEOVI_SEARCH_SHARD_DOCS=str(SHARD_DOCS),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(QuietHandler, directory=str(work / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield work / "output", f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def search(browser, base, query, municipality=""):
    """Run one search in a fresh visitor's browser: the results' links, the status, and the
    search files fetched."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(urllib.parse.urlsplit(r.url).path))
    params = {"q": query, **({"kunta": municipality} if municipality else {})}
    page.goto(f"{base}/fi/search/?{urllib.parse.urlencode(params)}")
    page.wait_for_selector("#search-results[data-state=done]", state="attached")
    links = [a.get_attribute("href") for a in page.locator("#search-results h2 a").all()]
    status = page.locator("#search-status").text_content()
    context.close()
    return (
        links,
        status,
        sorted(p.rsplit("/", 1)[1] for p in fetched if "/search/" in p and p.endswith(".json")),
    )


def test_a_search_in_a_town_fetches_the_region_wide_shard_and_the_towns_own(browser, sharded_site):
    output, base = sharded_site
    manifest = json.loads((output / "fi" / "search" / "index.json").read_text("utf-8"))
    assert len(manifest["shards"]) >= 3
    town = manifest["shards"][-1][0]
    number = len(manifest["shards"]) - 1
    links, status, fetched = search(browser, base, "neuvola", town)
    shard_files = [name for name in fetched if name.count("-") != 2]
    assert shard_files == ["index.json", "shard-0.json", f"shard-{number}.json"]
    services = [href.split("/")[-2] for href in links if "/service/" in href]
    assert any(town in service for service in services), services
    others = {slug for part in manifest["shards"][1:] for slug in part} - {town}
    assert not [s for s in services if any(f"-{slug}-" in s for slug in others)]
    assert "valitse kuntasi" not in status


def test_a_search_without_a_town_searches_the_region_wide_shard_and_says_so(browser, sharded_site):
    _, base = sharded_site
    links, status, fetched = search(browser, base, "chat")
    assert [name for name in fetched if name.count("-") < 2] == ["index.json", "shard-0.json"]
    assert links
    assert "valitse kuntasi" in status


def test_a_results_open_spans_are_those_of_the_channel_its_page_shows(site, catalogue):
    """A listed contact and its search result say the same about "open now": the channel's
    own hours, and a walk-in's location hours only when it has none of its own."""
    import json

    spans = {}
    for chunk in sorted(site.root.glob("fi/search/shard-*-*.json")):
        for doc in json.loads(chunk.read_text("utf-8")):
            spans[doc["key"]] = doc["open"]
    checked = 0
    for service in catalogue.sorted_services:
        first = service.contacts[0]
        if first.type != "walk-in" or not first.hours:
            continue
        entry = next(
            li
            for li in site.page(f"/fi/category/{service.category}/").cssselect(".entry")
            if f"/service/{service.id}/" in li.cssselect("a")[0].get("href")
        )
        [live] = entry.cssselect(".channel .open-now")
        assert spans[f"service/{service.id}/"] == live.get("data-open"), service.id
        checked += 1
    assert checked
