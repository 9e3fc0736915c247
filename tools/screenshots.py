"""Take the README's screenshots of the built sample site with headless Chromium.

Usage: python tools/screenshots.py [OUTPUT_DIR]   (builds nothing: run `make html` first)
Writes docs/screenshots/<page>-<width>.png for the home, a municipality and a service page.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "fi/",
    "municipality": "fi/municipality/lieksa/",
    "service": "fi/service/joensuu-lastenneuvola/",
}
WIDTHS = (375, 1280)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(site: Path = ROOT / "output", target: Path = ROOT / "docs" / "screenshots") -> None:
    target.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.screenshot(
                    path=str(target / f"{name}-{width}.png"), full_page=name == "service"
                )
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:]))
