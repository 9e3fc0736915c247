"""Take the README's screenshots of the built sample site with headless Chromium.

Usage: python tools/screenshots.py [OUTPUT_DIR]   (builds nothing: run `make html` first)
Writes docs/screenshots/<page>-<width>.png for the home, a municipality, a service path and a
service page (the phone's first screen, 375 x 812 px; the whole page at 1280 px), and
service-print.png: the service page as it prints (A4's width, print styles). The clock is
frozen at the build instant, so that "open now" reads the same on every run.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "fi/",
    "municipality": "fi/municipality/lieksa/",
    "path": "fi/path/paihteet/joensuu/",
    "service": "fi/service/joensuu-lastenneuvola/",
}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
A4_TEXT_WIDTH = 718  # px at 96 dpi: 210 mm less the print margins
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_instant() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)


def main(site: Path = ROOT / "output", target: Path = ROOT / "docs" / "screenshots") -> None:
    target.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for viewport in (PHONE, DESKTOP):
            page = browser.new_page(viewport=viewport)
            page.clock.set_fixed_time(build_instant())
            for name, path in PAGES.items():
                page.goto(base + path)
                page.screenshot(
                    path=str(target / f"{name}-{viewport['width']}.png"),
                    full_page=viewport is DESKTOP and name == "service",
                )
            page.close()
        page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
        page.goto(base + PAGES["service"])
        page.emulate_media(media="print")
        page.screenshot(path=str(target / "service-print.png"), full_page=True)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:]))
