"""sitemap.xml with hreflang alternates: every page in every language, linked to the others."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr


def sitemap_xml(site_url: str, page_urls: list[str], languages: tuple[str, ...]) -> str:
    """`page_urls` are language-free keys ("service/x/"); every one exists in every language."""
    base = site_url.rstrip("/") + "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for key in page_urls:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(base + lang + "/" + key)}/>'
            for lang in languages)
        for lang in languages:
            lines.append(f"<url><loc>{escape(base + lang + '/' + key)}</loc>{alternates}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
