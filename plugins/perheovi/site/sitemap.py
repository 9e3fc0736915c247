"""Files for machines: sitemap.xml with hreflang alternates, the OpenSearch descriptions."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

# Where the sitemap and the OpenSearch descriptions point while SITEURL is unset (a local build):
# the address of `perheovi serve`.
LOCAL_SITE_URL = "http://localhost:8000"


def sitemap_xml(site_url: str, page_urls: list[str], languages: tuple[str, ...]) -> str:
    """`page_urls` are language-free keys ("service/x/"); every one exists in every language of
    the site, and names the others as its alternates (none when the site has one language)."""
    base = site_url.rstrip("/") + "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for key in page_urls:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(base + lang + "/" + key)}/>'
            for lang in languages
            if len(languages) > 1
        )
        for lang in languages:
            lines.append(f"<url><loc>{escape(base + lang + '/' + key)}</loc>{alternates}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def opensearch_xml(site_url: str, lang: str, name: str) -> str:
    """Lets a browser search the site from its address bar (OpenSearch 1.1)."""
    base = site_url.rstrip("/") + "/"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
        f"<ShortName>{escape(name[:16])}</ShortName>\n"
        f"<Description>{escape(name)}</Description>\n"
        f"<Language>{lang}</Language>\n"
        "<InputEncoding>UTF-8</InputEncoding>\n"
        f'<Url type="text/html" method="get" template={quoteattr(base + lang + "/search/?q={searchTerms}")}/>\n'
        "</OpenSearchDescription>\n"
    )
