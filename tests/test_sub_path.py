"""The public build works when hosted under a sub-path (https://example.org/perhekeskus/)."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from conftest import build_site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StrictHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: files and directory indexes only, 404 for anything else."""

    def list_directory(self, path):
        self.send_error(404)

    def log_message(self, *args):
        pass


def test_site_under_a_sub_path_has_no_broken_link(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/perhekeskus/"
    result = build_site(
        tmp_path / "www" / "perhekeskus", "publishconf.py", PERHEOVI_SITEURL=base.rstrip("/")
    )
    assert result.returncode == 0, result.stderr
    handler = functools.partial(StrictHandler, directory=str(tmp_path / "www"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        seen, broken, queue = set(), [], deque([(base, "start"), (base + "404.html", "start")])
        while queue:
            url, source = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            if not url.startswith(base):
                broken.append(f"{source} -> {url} (outside the sub-path)")
                continue
            try:
                with urllib.request.urlopen(url) as response:
                    body, kind = response.read(), response.headers.get_content_type()
            except urllib.error.HTTPError as error:
                broken.append(f"{source} -> {url} ({error.code})")
                continue
            if kind != "text/html":
                continue
            for element in lxml.html.fromstring(body).iter():
                for attribute in ("href", "src"):
                    value = element.get(attribute)
                    if value and not value.startswith(("tel:", "mailto:")):
                        target = urldefrag(urljoin(url, value))[0]
                        if urlsplit(target).netloc == f"127.0.0.1:{port}":
                            queue.append((target, url))
        assert not broken, "\n".join(broken[:20])
        site = tmp_path / "www" / "perhekeskus"
        pages = {
            base + str(page.relative_to(site)).removesuffix("index.html")
            for page in site.rglob("*.html")
        }
        assert pages - seen == set(), "every page built is reached by following links"
    finally:
        server.shutdown()
