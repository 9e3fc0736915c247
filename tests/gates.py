"""The accessibility, privacy and safety gates, one function each.

Each gate looks at one page (a Playwright page already loaded, or parsed HTML) and returns a
list of problems as strings: empty means the page passes. tests/test_gates.py runs every gate
over every built page; tests/test_gates_fail_on_broken_pages.py proves each one fails on a
deliberately broken page.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8")
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# WCAG 1.4.12 text spacing, as the W3C's bookmarklet applies it.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""
TEXT_200 = "html { font-size: 200% !important; }"


# --- in the browser --------------------------------------------------------------------------


def axe(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules."""
    page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"axe {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


_OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = root.scrollWidth > root.clientWidth + 1;
  const clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el.closest('.skip-link:not(:focus), [hidden], .visually-hidden')) continue;
    const clips = ['hidden', 'clip'].includes(style.overflowX) ||
                  ['hidden', 'clip'].includes(style.overflowY);
    if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
      clipped.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
    }
  }
  return {wide, width: root.scrollWidth, viewport: root.clientWidth, clipped};
}"""


def overflow(page, label: str) -> list[str]:
    """No horizontal scrolling, and no box that cuts off its own text."""
    state = page.evaluate(_OVERFLOW)
    problems = []
    if state["wide"]:
        problems.append(
            f"{label}: scrolls sideways ({state['width']} px in a {state['viewport']} px viewport)"
        )
    problems += [f"{label}: text clipped in {name}" for name in state["clipped"][:5]]
    return problems


def with_style(page, css: str, label: str) -> list[str]:
    handle = page.add_style_tag(content=css)  # the test context bypasses the CSP for this
    problems = overflow(page, label)
    handle.evaluate("node => node.remove()")
    return problems


_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const rect = el.getBoundingClientRect();
  const seen = el.hasAttribute('data-walked');
  el.setAttribute('data-walked', '');
  return {seen, tag: el.tagName.toLowerCase(), text: (el.textContent || el.value || '').trim().slice(0, 40),
          className: el.className, visible: outline || shadow,
          onScreen: rect.width > 0 && rect.height > 0, href: el.getAttribute('href')};
}"""


def skip_link(page) -> list[str]:
    """The first Tab reaches a skip link; following it moves focus to the main content."""
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS_STYLE)
    if first and "quick-exit__button" in (first["className"] or ""):
        page.keyboard.press("Tab")  # sensitive pages put the quick exit first, then the skip link
        first = page.evaluate(_FOCUS_STYLE)
    if not first or first["href"] != "#main" or "skip-link" not in (first["className"] or ""):
        return [
            f"the first Tab reaches {first and first['tag']} {first and first['text']!r}, "
            "not a skip link to #main"
        ]
    problems = [] if first["visible"] and first["onScreen"] else ["skip link focus not visible"]
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    if focused != "main":
        problems.append(f"following the skip link focuses #{focused}, not #main")
    return problems


def tab_walk(page, limit: int = 400) -> tuple[list[str], list[dict]]:
    """Tab through the whole page: every stop has a visible focus indicator, and the stops
    come in document order (the order a sighted reader sees)."""
    page.goto(page.url.split("#")[0], wait_until="load")  # from the top, as a visitor starts
    stops, problems = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STYLE)
        if state is None or state["seen"]:
            break
        stops.append(state)
        if not state["visible"]:
            problems.append(f"no visible focus on {state['tag']} {state['text']!r}")
    order = page.evaluate("""() => Array.from(document.querySelectorAll(
        'a[href], button, input, select, textarea, [tabindex]')).filter(el =>
        el.tabIndex >= 0 && !el.closest('[hidden]') && getComputedStyle(el).visibility !==
        'hidden' && el.getClientRects().length).map(el => (el.textContent || el.value ||
        '').trim().slice(0, 40))""")
    walked = [s["text"] for s in stops]
    if walked != order[: len(walked)] or len(walked) != len(order):
        problems.append(
            f"tab order differs from document order ({len(walked)} stops, {len(order)} focusable)"
        )
    return problems, stops


def forced_colours_focus(page, stops: int = 3) -> list[str]:
    page.emulate_media(forced_colors="active")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    problems = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STYLE)
        if state and not state["visible"]:
            problems.append(f"forced colours: no visible focus on {state['tag']} {state['text']!r}")
    page.emulate_media(forced_colors="none")
    return problems


CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


def csp_violations(page) -> list[str]:
    return [f"CSP violation: {v}" for v in page.evaluate("window.__csp || []")]


def third_party(requests: list[str], own_origin: str) -> list[str]:
    own = urlsplit(own_origin).netloc
    return [
        f"request to another host: {url}"
        for url in requests
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
    ]


# --- in the HTML -----------------------------------------------------------------------------

REQUIRED_CSP = ("default-src 'self'",)
_HANDLER = re.compile(r"^on[a-z]+$")


def content_security(document) -> list[str]:
    """A CSP meta with default-src 'self', nothing unsafe; no inline script, style or handler."""
    problems = []
    metas = document.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    if not metas:
        problems.append("no Content-Security-Policy")
    for policy in metas:
        if not all(part in policy for part in REQUIRED_CSP):
            problems.append(f"CSP without default-src 'self': {policy}")
        if "unsafe-inline" in policy or "unsafe-eval" in policy:
            problems.append(f"CSP allows unsafe code: {policy}")
    for script in document.iter("script"):
        if not script.get("src") and (script.text or "").strip():
            problems.append("inline script")
    if document.xpath("//style"):
        problems.append("inline <style> element")
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("style") is not None:
            problems.append(f"inline style attribute on <{element.tag}>")
        for attribute in element.attrib:
            if _HANDLER.match(attribute):
                problems.append(f"inline event handler {attribute} on <{element.tag}>")
        for attribute in ("href", "src", "action"):
            if (element.get(attribute) or "").strip().lower().startswith(("javascript:", "data:")):
                problems.append(f"{attribute}={element.get(attribute)[:30]!r}")
    return problems


def language_of_parts(document, page_lang: str, finnish_only: list[str]) -> list[str]:
    """Finnish text shown as a fallback on a Swedish or English page is marked lang="fi"."""
    if page_lang == "fi":
        return []
    problems = []
    for node in document.xpath("//body//text()"):
        text = " ".join(node.split())
        for finnish in finnish_only:
            if finnish and finnish in text:
                parent = node.getparent()
                owner = next((e for e in [parent, *parent.iterancestors()] if e.get("lang")), None)
                if owner is None or owner.get("lang") != "fi":
                    problems.append(f'Finnish text without lang="fi": {finnish[:50]!r}')
    return problems


def contact_details(document) -> dict:
    """What a family needs from a page, as plain HTML shows it without any script."""
    return {
        "phones": sorted(a.get("href") for a in document.xpath('//a[starts-with(@href, "tel:")]')),
        "addresses": sorted(
            " ".join(p.text_content().split())
            for p in document.xpath('//*[contains(@class, "address")]')
        ),
        "hours": sorted(
            " ".join(t.text_content().split())
            for t in document.xpath('//table[contains(@class, "hours")]')
        ),
        "channels": len(document.xpath('//*[contains(concat(" ", @class, " "), " channel ")]')),
    }


def nu_html_checker(files: list[Path]) -> dict[str, list[str]]:
    """Errors from the Nu Html Checker (vnu.jar), by file."""
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    found: dict[str, list[str]] = {}
    for message in messages:
        path = urlsplit(message.get("url", "")).path
        found.setdefault(path, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    return found
