"""A built site read from its folder, page by page, like a browser would find it.

Pages are named by their URL path ("/fi/service/x/", "/404.html"), as the report shows them.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html

OUTSIDE = "outside the site: "
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def read_page(html: bytes) -> lxml.html.HtmlElement:
    """A built page as a visitor's browser has it: a <template>'s content is inert (My list's
    copy of an entry, saved-list.js), not part of the page, so it is left out."""
    page = lxml.html.fromstring(html)
    for template in list(page.iter("template")):
        template.drop_tree()
    return page


class BuiltSite:
    """The output folder, at the address the site was built for (`base`, ending in "/")."""

    def __init__(self, root: Path, base: str, languages: list[str]):
        self.root = root
        self.base = base.rstrip("/") + "/"
        self.languages = languages
        self._parsed: dict[str, lxml.html.HtmlElement] = {}

    @cached_property
    def html_paths(self) -> list[str]:
        """Every HTML page as a URL path, in a stable order."""
        paths = []
        for file in sorted(self.root.rglob("*.html")):
            relative = file.relative_to(self.root).as_posix()
            if relative.endswith("index.html"):
                relative = relative[: -len("index.html")]
            paths.append("/" + relative)
        return paths

    def file(self, url_path: str) -> Path:
        path = self.root / unquote(url_path).lstrip("/")
        return path / "index.html" if url_path.endswith("/") or path.is_dir() else path

    def exists(self, url_path: str) -> bool:
        file = self.file(url_path)
        return file.is_file() and file.resolve().is_relative_to(self.root.resolve())

    def page(self, url_path: str) -> lxml.html.HtmlElement:
        if url_path not in self._parsed:
            self._parsed[url_path] = read_page(self.file(url_path).read_bytes())
        return self._parsed[url_path]

    def url(self, url_path: str) -> str:
        """The page's address on the public site."""
        return self.base + url_path.lstrip("/")

    def local_path(self, url: str) -> str | None:
        """The URL path in the output of an address on the site; None for another site's.

        An address on the site's host but outside its folder (a sub-path site linking "/x")
        is returned as OUTSIDE + its path: no file of the output answers it."""
        parts, base = urlsplit(url), urlsplit(self.base)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
        if not parts.path.startswith(base.path) and parts.path + "/" != base.path:
            return OUTSIDE + parts.path
        return "/" + parts.path[len(base.path) :]

    def language_of(self, url_path: str) -> str | None:
        first = url_path.split("/")[1] if url_path.count("/") > 1 else ""
        return first if first in self.languages else None

    def kind_of(self, url_path: str) -> str:
        """The page's template as its URL shows it ("service"), or the page itself."""
        match = re.match(r"^/[a-z]{2}/([a-z-]+)/", url_path)
        return match.group(1) if match and self.language_of(url_path) else url_path

    def links(self, url_path: str):
        """(as written, URL path in the site or None, fragment) of every href and src."""
        address = self.url(url_path)
        for element in self.page(url_path).iter():
            if not isinstance(element.tag, str):
                continue
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                resolved = urljoin(address, value.strip())
                yield value, self.local_path(resolved), urlsplit(resolved).fragment

    def sitemap_urls(self) -> list[str] | None:
        """Every address sitemap.xml lists (with its hreflang alternates); None without one."""
        sitemap = self.root / "sitemap.xml"
        if not sitemap.is_file():
            return None
        tree = lxml.etree.parse(str(sitemap))
        urls = tree.xpath("//s:loc/text()", namespaces=SITEMAP_NS)
        urls += tree.xpath("//*[local-name()='link']/@href")
        return [url.strip() for url in urls]
