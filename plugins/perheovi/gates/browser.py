"""The gates that need a browser: every page in Chromium, loaded once, checked at two widths.

Each page is loaded once in a context a visitor would have (the CSP enforced, JavaScript on,
every request recorded) and checked at 320 px (axe-core, reflow, WCAG text spacing) and at
1280 px (axe-core, reflow, 200 % text, the skip link, focus in forced colours), resized from
one width to the other; one page of each kind per language is walked with the keyboard. The
test styles go in as constructable stylesheets (document.adoptedStyleSheets), which the CSP's
style-src does not govern, so nothing has to bypass the policy the visitor gets. The contact
details of the live page, after its scripts ran, are compared with the static HTML's.

Every round trip to the browser costs CPU in three processes, so each width's checks run in
one evaluation, and the pages alternate which width comes first (one resize per page).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from .html import contacts, differences
from .output import BuiltSite

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NARROW: ViewportSize = {"width": 320, "height": 640}
WIDE: ViewportSize = {"width": 1280, "height": 900}

# WCAG 1.4.12 text spacing, as the W3C's bookmarklet applies it, and 1.4.4 resize text.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""
TEXT_200 = "html { font-size: 200% !important; }"

CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""

# For each stylesheet (or "" for none): the page's width and every box that cuts off its text.
_OVERFLOW = """sheets => sheets.map(css => {
  let sheet = null;
  if (css) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
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
  if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== sheet);
  return {wide, width: root.scrollWidth, viewport: root.clientWidth, clipped};
})"""

_AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations']})"""

# At one width: axe-core, the overflow checks, and what the CSP blocked so far. Focus and
# scroll are reset first (a check at the other width may have moved them).
_AT_WIDTH = (
    "async ([tags, sheets]) => { document.activeElement && document.activeElement.blur();"
    " window.scrollTo(0, 0); const found = await (" + _AXE_RUN + ")(tags);"
    " return [found.violations, (" + _OVERFLOW + ")(sheets), (window.__csp || []).splice(0)]; }"
)

# The live page's contact details, after its scripts ran (the same selectors as the XPaths
# of html.CONTACTS_XPATH).
_CONTACTS = """() => [
  [...document.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute('href')),
  [...document.querySelectorAll('.address')].map(e => e.textContent),
  [...document.querySelectorAll('table.hours')].map(e => e.textContent),
  document.querySelectorAll('.channel').length]"""

_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const rect = el.getBoundingClientRect();
  const seen = el.hasAttribute('data-walked');
  el.setAttribute('data-walked', '');
  return {seen, tag: el.tagName.toLowerCase(),
          text: (el.textContent || el.value || '').trim().slice(0, 40),
          className: typeof el.className === 'string' ? el.className : '',
          visible: outline || shadow, onScreen: rect.width > 0 && rect.height > 0,
          href: el.getAttribute('href')};
}"""

# Records the focus at each focusin, so that a walk reads many Tab stops in one round trip.
_RECORD_FOCUS = (
    "() => { window.__stops = []; if (window.__recording) return; window.__recording = true;"
    " document.addEventListener('focusin', () => window.__stops.push((" + _FOCUS_STYLE + ")()),"
    " true); }"
)
WALK_BATCH = 25  # Tab presses between two readings of the recorded stops

# What Tab should reach, in document order: not what is hidden, nor what is inside a closed
# <details> (checkVisibility: its content is skipped, though it has boxes), but its summary.
_DOCUMENT_ORDER = """() => Array.from(document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]')).filter(el =>
  el.tabIndex >= 0 && !el.closest('[hidden]') && el.checkVisibility({visibilityProperty: true}))
  .map(el => (el.textContent || el.value || '').trim().slice(0, 40))"""


def inject_axe(page, source: str) -> dict:
    """Put axe-core into the loaded page; returns the page's contact details, read in the
    same round trip before axe runs."""
    return contacts(*page.evaluate(source + "\n;(" + _CONTACTS + ")()"))


def at_width(page, label: str, styles: list[tuple[str, str]]) -> tuple[list, list, list]:
    """At the current width: axe-core's problems; for each (gate label, stylesheet or "") the
    overflow problems; what the CSP blocked. One round trip."""
    violations, states, blocked = page.evaluate(
        _AT_WIDTH, [AXE_TAGS, ["", *(css for _label, css in styles)]]
    )
    axe_problems = [
        f"at {label}: {v['help']} (axe {v['id']}, {len(v['nodes'])} place(s), "
        f"e.g. {v['nodes'][0]['target']})"
        for v in violations
    ]
    labels = [f"at {label}", *(name for name, _css in styles)]
    overflow_problems = [
        _overflow_problems(name, s) for name, s in zip(labels, states, strict=True)
    ]
    return axe_problems, overflow_problems, [f"the browser blocked {v}" for v in blocked]


def _overflow_problems(label: str, state: dict) -> list[str]:
    problems = []
    if state["wide"]:
        problems.append(
            f"{label}: the page scrolls sideways ({state['width']} px wide in a "
            f"{state['viewport']} px window)"
        )
    return problems + [f"{label}: text is cut off in {name}" for name in state["clipped"][:5]]


def skip_link(page) -> list[str]:
    """The first Tab reaches a skip link; following it moves focus to the main content."""
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS_STYLE)
    for _ in range(2):  # sensitive pages put the quick-exit bar first (the button, 112)
        if not (first and first["className"].startswith("quick-exit__")):
            break
        page.keyboard.press("Tab")
        first = page.evaluate(_FOCUS_STYLE)
    if not first or first["href"] != "#main" or "skip-link" not in first["className"]:
        reached = f"{first['tag']} {first['text']!r}" if first else "nothing"
        return [f"the first Tab reaches {reached}, not a skip link to #main"]
    problems = (
        [] if first["visible"] and first["onScreen"] else ["the skip link's focus is not visible"]
    )
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    if focused != "main":
        problems.append(f"following the skip link focuses #{focused}, not #main")
    return problems


def tab_walk(page, limit: int = 400) -> tuple[list[str], int]:
    """Tab through the whole page from the top: every stop shows where the focus is, and the
    stops come in document order (the order a sighted reader sees). Returns the stops too."""
    page.goto(page.url.split("#")[0], wait_until="load")  # from the top, as a visitor starts
    page.evaluate(_RECORD_FOCUS)
    stops: list[dict] = []
    while len(stops) < limit:
        for _ in range(WALK_BATCH):
            page.keyboard.press("Tab")
        recorded = page.evaluate("window.__stops.splice(0)")
        new = list(itertools.takewhile(lambda state: not state["seen"], recorded))
        stops += new
        if len(new) < len(recorded) or not recorded:
            break  # back at a stop already walked (Tab went round), or nothing to focus
    stops = stops[:limit]
    problems = [
        f"no visible focus on {state['tag']} {state['text']!r}"
        for state in stops
        if not state["visible"]
    ]
    order = page.evaluate(_DOCUMENT_ORDER)
    walked = [s["text"] for s in stops]
    if walked != order[: len(walked)] or len(walked) != len(order):
        problems.append(
            f"the Tab order differs from the reading order ({len(walked)} stops, "
            f"{len(order)} focusable elements)"
        )
    return problems, len(stops)


def forced_colours_focus(page, stops: int = 3) -> list[str]:
    """In forced colours (Windows' contrast themes) the focus is still visible."""
    page.emulate_media(forced_colors="active")
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur();"
        " (" + _RECORD_FOCUS + ")(); }"
    )
    for _ in range(stops):
        page.keyboard.press("Tab")
    recorded = page.evaluate("window.__stops.splice(0)")
    page.emulate_media(forced_colors="none")
    return [
        f"no visible focus on {state['tag']} {state['text']!r}"
        for state in recorded
        if not state["visible"]
    ]


def csp_violations(page) -> list[str]:
    return [f"the browser blocked {v}" for v in page.evaluate("(window.__csp || []).splice(0)")]


def third_party(requests: list[str], own: list[str]) -> list[str]:
    """Requests for anything not served by the site itself."""
    return [
        f"requested {url}"
        for url in dict.fromkeys(requests)
        if url.split(":", 1)[0] in ("http", "https", "ws", "wss")
        and not any(url.startswith(prefix) for prefix in own)
    ]


def sweep(
    site: BuiltSite,
    paths: list[str],
    served: str,
    chromium: str,
    axe_source: str,
    walk: set[str],
    static_contacts: dict[str, dict],
) -> tuple[dict[str, dict[str, list[str]]], dict[str, int]]:
    """Every browser gate over `paths`, in a Chromium of its own (one per thread).

    `served` is where the output is served locally; the site's own address (site.base), when
    it is another, is answered from the output too. Returns the problems by gate and page,
    and the number of keyboard stops on each walked page."""
    from playwright.sync_api import sync_playwright

    found: dict[str, dict[str, list[str]]] = {}
    stops: dict[str, int] = {}

    def note(gate: str, path: str, problems: list[str]) -> None:
        if problems:
            found.setdefault(gate, {}).setdefault(path, []).extend(problems)

    own = [served]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=NARROW)
        context.add_init_script(CSP_LISTENER)
        if not site.base.startswith(served):
            own.append(site.base)
            context.route(site.base + "**", lambda route: _from_output(site, route))
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.set_viewport_size(NARROW)
        for path in paths:
            requests.clear()
            page.goto(served + path.lstrip("/"), wait_until="load")
            live = inject_axe(page, axe_source)
            note("no_javascript", path, differences(static_contacts[path], live))
            first = (
                page.viewport_size or NARROW
            )  # the width the last page ended at: one resize a page
            for width in (first, WIDE if first == NARROW else NARROW):
                if width != first:
                    page.set_viewport_size(width)
                if width == NARROW:
                    axe_found, (plain, spaced), blocked = at_width(
                        page, "320 px", [("with text spacing at 320 px", TEXT_SPACING)]
                    )
                    note("text_spacing", path, spaced)
                else:  # the keyboard first: the first Tab on the page must meet the skip link
                    note("skip_link", path, skip_link(page))
                    note("forced_colours", path, forced_colours_focus(page))
                    axe_found, (plain, large), blocked = at_width(
                        page, "1280 px", [("with 200 % text at 1280 px", TEXT_200)]
                    )
                    note("text_200", path, large)
                note("axe", path, axe_found)
                note("reflow", path, plain)
                note("csp_violations", path, blocked)
            if path in walk:
                if page.viewport_size != WIDE:
                    page.set_viewport_size(WIDE)
                problems, stops[path] = tab_walk(page)
                note("keyboard", path, problems)
                note("csp_violations", path, csp_violations(page))
            note("third_party", path, third_party(requests, own))
        browser.close()
    return found, stops


def _from_output(site: BuiltSite, route) -> None:
    """Answer a request for the site's public address from the output folder."""
    path = site.local_path(route.request.url) or "/"
    if site.exists(path):
        route.fulfill(path=str(site.file(path)))
    else:
        route.fulfill(status=404, body="")
