"""What `perheovi gates` found, told to a coordinator: by gate, in plain words, page by page."""

from __future__ import annotations

from dataclasses import dataclass, field

# Every gate, in the order the report lists them: its key and what it means when it fails.
GATES = {
    "links": "Links that lead nowhere (a missing page, file or #anchor)",
    "sitemap": "Addresses in sitemap.xml that are not pages of the site",
    "languages": "Pages missing in a site language, or in the wrong language",
    "fallback": 'Finnish text on Swedish or English pages not marked lang="fi" (screen readers '
    "would read it with the wrong voice)",
    "csp": "Pages without a strict Content Security Policy",
    "inline_code": "Inline scripts, styles or event handlers (the policy blocks them)",
    "csp_violations": "Things the browser blocked because of the Content Security Policy",
    "third_party": "Requests to other sites (the site must not tell anyone who visits)",
    "nu": "HTML errors found by the Nu Html Checker",
    "axe": "Accessibility problems found by axe-core (WCAG 2.0, 2.1 and 2.2, A and AA)",
    "reflow": "Pages that scroll sideways or cut off text on a phone (320 px) or a desktop",
    "text_spacing": "Text cut off or sideways scrolling with WCAG text spacing (320 px)",
    "text_200": "Text cut off or sideways scrolling with 200 % text size (1280 px)",
    "skip_link": "The first Tab does not reach a working skip link to the main content",
    "forced_colours": "Keyboard focus invisible in forced colours (Windows contrast themes)",
    "keyboard": "Keyboard walk: focus invisible, or Tab order not the reading order",
    "no_javascript": "Contact details that differ or are missing without JavaScript",
}
WARNINGS = {
    "gaps": "Service path steps with nothing for a family in a municipality (the page points "
    "to region-wide and digital services instead)",
}
SHOWN = 5  # problems shown per gate; the count says how many there are


@dataclass
class Findings:
    """Problems by gate and page (URL path), warnings by kind, and what was checked."""

    problems: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    pages: int = 0
    languages: tuple[str, ...] = ()
    walked: dict[str, int] = field(default_factory=dict)

    def add(self, gate: str, path: str, problems: list[str]) -> None:
        if problems:
            self.problems.setdefault(gate, {}).setdefault(path, []).extend(problems)

    def merge(self, found: dict[str, dict[str, list[str]]]) -> None:
        for gate, pages in found.items():
            for path, problems in pages.items():
                self.add(gate, path, problems)

    def failing(self, gate: str) -> dict[str, list[str]]:
        return {
            path: problems for path, problems in self.problems.get(gate, {}).items() if problems
        }

    @property
    def passed(self) -> bool:
        return not any(self.failing(gate) for gate in GATES)

    @property
    def summary(self) -> str:
        return (
            f"{self.pages} pages in {', '.join(self.languages)} checked at 320 and 1280 px "
            f"({2 * self.pages} page views), {len(self.walked)} pages walked with the keyboard"
        )


def render(findings: Findings, shown: int = SHOWN) -> str:
    lines = [f"perheovi gates: {findings.summary}."]
    failed = [gate for gate in GATES if findings.failing(gate)]
    for gate in failed:
        pages = findings.failing(gate)
        items = [f"{path}: {problem}" for path, found in sorted(pages.items()) for problem in found]
        title = f"FAILED {GATES[gate]}: {len(items)} problem(s) on {len(pages)} page(s)"
        lines += _section(title, items, shown)
    for kind, items in findings.warnings.items():
        if items:
            lines += _section(f"warning: {WARNINGS[kind]}: {len(items)}", items, shown)
    lines.append("")
    if failed:
        lines.append(
            f"{len(failed)} of {len(GATES)} gates failed; fix the pages named above (their "
            "catalogue entries, templates or styles) and run perheovi gates again."
        )
    else:
        lines.append(f"All {len(GATES)} gates passed.")
    return "\n".join(lines)


def _section(title: str, items: list[str], shown: int) -> list[str]:
    """A title, the first `shown` items indented under it, and how many more there are."""
    more = [f"  … and {len(items) - shown} more"] if len(items) > shown else []
    return ["", title, *(f"  {item}" for item in items[:shown]), *more]
