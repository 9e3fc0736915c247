"""The theme's own scripts, minified in the output: their source keeps its comments (why each
step is there), the family's phone downloads none of them. The vendored libraries come
minified already; rjsmin is deterministic, so the output stays byte-identical."""

from __future__ import annotations

from pathlib import Path

import rjsmin


def minify_scripts(pelican) -> None:
    """Pelican's `finalized` signal: every theme/js/*.js of the output, in place."""
    for script in sorted((Path(pelican.output_path) / "theme" / "js").glob("*.js")):
        source = script.read_text("utf-8")
        script.write_text(rjsmin.jsmin(source, keep_bang_comments=True) + "\n", "utf-8")
