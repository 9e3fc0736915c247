"""Browser libraries copied into the site from node_modules (npm, locked), with their licences.

The site makes no third-party requests: what the browser runs is served from output/.
"""

from __future__ import annotations

from pathlib import Path


class MissingNodeModules(Exception):
    pass


def vendored_files(node_modules: Path, languages) -> list[tuple[Path, str]]:
    """(source in node_modules, name under theme/vendor/) for every file the search needs."""
    files = [
        (node_modules / "lunr" / "lunr.min.js", "lunr.min.js"),
        (node_modules / "lunr" / "LICENSE", "LICENSE-lunr.txt"),
        (node_modules / "lunr-languages" / "LICENSE", "LICENSE-lunr-languages.txt"),
    ]
    if any(lang != "en" for lang in languages):
        files.append(
            (
                node_modules / "lunr-languages" / "min" / "lunr.stemmer.support.min.js",
                "lunr.stemmer.support.min.js",
            )
        )
    files += [
        (node_modules / "lunr-languages" / "min" / f"lunr.{lang}.min.js", f"lunr.{lang}.min.js")
        for lang in languages
        if lang != "en"
    ]
    missing = [str(source) for source, _ in files if not source.is_file()]
    if missing:
        raise MissingNodeModules(
            "the browser libraries are missing (" + ", ".join(missing) + "); run `npm ci`"
        )
    return files
