"""The gates that read the built HTML itself, as a browser without JavaScript gets it.

Each gate takes the site and one page's URL path and returns that page's problems as plain
sentences: an empty list means the page passes.
"""

from __future__ import annotations

import re

from babel import Locale

from .output import OUTSIDE, BuiltSite

# --- links and languages ---------------------------------------------------------------------


def _has_id(site: BuiltSite, path: str, fragment: str) -> bool:
    return bool(site.page(path).xpath("//*[@id=$id]", id=fragment))


def links(site: BuiltSite, path: str) -> list[str]:
    """Every href and src on the site leads to a file of the output (and to its #id)."""
    problems = []
    for written, target, fragment in site.links(path):
        if target is None:
            continue
        if target.startswith(OUTSIDE):
            problems.append(f"links to {written}, which is outside the site's address")
        elif not site.exists(target):
            problems.append(f"links to {written}, but there is no such file")
        elif (
            fragment and site.file(target).suffix == ".html" and not _has_id(site, target, fragment)
        ):
            problems.append(f"links to {written}, but that page has no id {fragment!r}")
    return problems


def sitemap(site: BuiltSite) -> list[str]:
    """Every address of sitemap.xml is a page of the output."""
    urls = site.sitemap_urls()
    if urls is None:
        return ["there is no sitemap.xml"]
    problems = []
    for url in dict.fromkeys(urls):
        target = site.local_path(url)
        if target is None or target.startswith(OUTSIDE):
            problems.append(
                f"lists {url}, which is not on {site.base} (check that --settings names "
                "the settings the site was built with)"
            )
        elif not site.exists(target):
            problems.append(f"lists {url}, but there is no such page")
    return problems


def languages(site: BuiltSite, path: str) -> list[str]:
    """A page of one language exists in every other, and its <html lang> says its language."""
    lang = site.language_of(path)
    if lang is None:
        return []
    problems = []
    declared = site.page(path).get("lang")
    if declared != lang:
        problems.append(f'the page says it is in lang="{declared}", but it is under /{lang}/')
    rest = path[len(lang) + 1 :]
    for other in site.languages:
        if other != lang and not site.exists(f"/{other}{rest}"):
            problems.append(
                f"there is no {Locale.parse(other).get_display_name('en')} version /{other}{rest}"
            )
    return problems


def finnish_only_texts(catalogue, lang: str) -> list[str]:
    """Names and summaries the catalogue has in Finnish only: shown in Finnish on `lang` pages."""
    texts = set()
    for entry in [*catalogue.services.values(), *catalogue.meeting_places.values()]:
        for value in (entry.name, entry.summary):
            if value is not None and not value.has(lang):
                texts.add(value.fi)
    return sorted(texts, key=len, reverse=True)


def finnish_marked(site: BuiltSite, path: str, finnish: re.Pattern | None) -> list[str]:
    """Finnish text shown as a fallback on a Swedish or English page is marked lang="fi"."""
    if finnish is None or site.language_of(path) in (None, "fi"):
        return []
    problems = []
    for node in site.page(path).xpath("//body//text()"):
        for match in finnish.finditer(" ".join(node.split())):
            parent = node.getparent()
            owner = next((e for e in [parent, *parent.iterancestors()] if e.get("lang")), None)
            if owner is None or owner.get("lang") != "fi":
                problems.append(f'Finnish text without lang="fi": {match.group()[:50]!r}')
    return problems


def finnish_pattern(texts: list[str]) -> re.Pattern | None:
    """One pattern for all the texts (longest first), as a page's text shows them."""
    texts = [" ".join(text.split()) for text in texts if text.strip()]
    return re.compile("|".join(map(re.escape, texts))) if texts else None


# --- code ------------------------------------------------------------------------------------

REQUIRED_CSP = ("default-src 'self'",)
UNSAFE_CSP = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'")
_HANDLER = re.compile(r"^on[a-z]+$")


def content_security_policy(site: BuiltSite, path: str) -> list[str]:
    """A CSP meta with default-src 'self' and nothing unsafe."""
    metas = site.page(path).xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    if not metas:
        return ["the page has no Content-Security-Policy"]
    problems = []
    for policy in metas:
        if not all(part in policy for part in REQUIRED_CSP):
            problems.append(f"the policy lacks default-src 'self': {policy}")
        problems += [f"the policy allows {word}: {policy}" for word in UNSAFE_CSP if word in policy]
    return problems


def inline_code(site: BuiltSite, path: str) -> list[str]:
    """No inline script, style or event handler, no javascript: or data: address. A JSON-LD
    block (a service's schema.org description) is data: no browser runs it."""
    document = site.page(path)
    problems = []
    for script in document.iter("script"):
        data = script.get("type") == "application/ld+json"
        if not script.get("src") and not data and (script.text or "").strip():
            problems.append("an inline <script>")
    if document.xpath("//style"):
        problems.append("an inline <style> element")
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("style") is not None:
            problems.append(f"a style attribute on <{element.tag}>")
        for attribute in element.attrib:
            if _HANDLER.match(attribute):
                problems.append(f"an event handler {attribute} on <{element.tag}>")
        for attribute in ("href", "src", "action"):
            value = (element.get(attribute) or "").strip()
            if value.lower().startswith(("javascript:", "data:")):
                problems.append(f"{attribute}={value[:30]!r} on <{element.tag}>")
    return problems


# --- contact details -------------------------------------------------------------------------


CONTACTS_XPATH = {
    "phone links": '//a[starts-with(@href, "tel:")]',
    "addresses": '//*[contains(concat(" ", normalize-space(@class), " "), " address ")]',
    "hours tables": '//table[contains(concat(" ", normalize-space(@class), " "), " hours ")]',
    "channels": '//*[contains(concat(" ", normalize-space(@class), " "), " channel ")]',
}


def contacts(phone_links: list[str], addresses: list[str], hours: list[str], channels: int):
    """What a family needs from a page: phone links, addresses, hours tables, channels."""

    def texts(items: list[str]) -> list[str]:
        return sorted(" ".join(text.split()) for text in items)

    return {
        "phone links": sorted(phone_links),
        "addresses": texts(addresses),
        "hours tables": texts(hours),
        "channels": channels,
    }


def contact_details(document) -> dict:
    """The contact details of a page as its static HTML has them (JavaScript off)."""
    found = {key: document.xpath(xpath) for key, xpath in CONTACTS_XPATH.items()}
    return contacts(
        [a.get("href") for a in found["phone links"]],
        [e.text_content() for e in found["addresses"]],
        [e.text_content() for e in found["hours tables"]],
        len(found["channels"]),
    )


def catalogued_contacts(site: BuiltSite, path: str, catalogue, static: dict) -> list[str]:
    """A service page shows, without JavaScript, each of its channels and phone numbers."""
    parts = path.strip("/").split("/")
    if site.kind_of(path) != "service" or len(parts) != 3:
        return []
    service = catalogue.services.get(parts[2])
    if service is None:
        return []
    problems = []
    phones = {f"tel:{c.number}" for c in service.contacts if c.type == "phone"}
    for missing in sorted(phones - set(static["phone links"])):
        problems.append(f"without JavaScript there is no link to {missing}")
    if static["channels"] != len(service.contacts):
        problems.append(
            f"without JavaScript the page shows {static['channels']} contact channel(s), "
            f"the catalogue has {len(service.contacts)}"
        )
    return problems


def differences(static: dict, live: dict) -> list[str]:
    """How the page with its scripts run differs from the page without them."""
    problems = []
    for key, value in static.items():
        if value == live[key]:
            continue
        if isinstance(value, int):
            problems.append(f"{key}: {value} without JavaScript, {live[key]} with it")
            continue
        only_live = [item for item in live[key] if item not in value]
        only_static = [item for item in value if item not in live[key]]
        if only_live:
            problems.append(f"{key} only with JavaScript: {', '.join(only_live)[:120]}")
        if only_static:
            problems.append(f"{key} only without JavaScript: {', '.join(only_static)[:120]}")
        if not only_live and not only_static:
            problems.append(f"{key}: {len(value)} without JavaScript, {len(live[key])} with it")
    return problems
