"""The Nu Html Checker (vnu.jar, the W3C's validator, in Java) over every page of the output.

It runs as one Java process over all the files, started before the browser sweep so that the
two share the machine's cores.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from .output import BuiltSite


def start(java: str, vnu: Path, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen(
        [java, "-Xss8m", "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, files)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def errors(process: subprocess.Popen, site: BuiltSite) -> dict[str, list[str]]:
    """The checker's errors by page (URL path): "line 12: message"."""
    out, err = process.communicate()
    try:
        messages = json.loads(err or out or '{"messages": []}')["messages"]
    except ValueError:
        return {"/": [f"the Nu Html Checker did not run: {(err or out).strip()[:300]}"]}
    found: dict[str, list[str]] = {}
    root = site.root.resolve()
    for message in messages:
        file = Path(unquote(urlsplit(message.get("url", "")).path))
        try:
            relative = file.resolve().relative_to(root).as_posix()
        except ValueError:
            relative = file.name
        path = "/" + (
            relative[: -len("index.html")] if relative.endswith("index.html") else relative
        )
        line = message.get("lastLine")
        where = f"line {line}: " if line else ""
        found.setdefault(path, []).append(where + message.get("message", "(no message)"))
    return found
