"""The browser libraries the site ships (lunr, lunr-languages), vendored into the theme.

The site makes no third-party requests: what the browser runs is served from output/. The
files are copied from node_modules (npm, locked by package-lock.json) into the theme's static
folder with their licences when perheovi is installed for development (`make`, which runs
`python -m perheovi.site.vendor node_modules`), and travel inside the wheel from there, so an
installed perheovi needs no npm. The search index reads the same files (search/index.py).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..i18n import LANGUAGES

VENDOR_DIR = Path(__file__).resolve().parent.parent / "theme" / "static" / "vendor"
# lunr-languages' stemmers for every language but English (lunr's own pipeline). All of them
# ship with the theme: a few kilobytes, and a page loads only its own language's.
LUNR_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != "en")

# name under theme/static/vendor/ -> where npm puts it
FILES = {
    "lunr.min.js": "lunr/lunr.min.js",
    "LICENSE-lunr.txt": "lunr/LICENSE",
    "LICENSE-lunr-languages.txt": "lunr-languages/LICENSE",
    "lunr.stemmer.support.min.js": "lunr-languages/min/lunr.stemmer.support.min.js",
    **{f"lunr.{lang}.min.js": f"lunr-languages/min/lunr.{lang}.min.js" for lang in LUNR_LANGUAGES},
}


class MissingVendoredFiles(Exception):
    pass


def vendored(name: str) -> Path:
    """A vendored file, or MissingVendoredFiles saying how to get it."""
    path = VENDOR_DIR / name
    if not path.is_file():
        raise MissingVendoredFiles(
            f"the browser library {name} is missing from {VENDOR_DIR}; in a development "
            "checkout run `make install` (npm ci, then python -m perheovi.site.vendor)"
        )
    return path


def check_vendored() -> None:
    for name in FILES:
        vendored(name)


def copy_from(node_modules: Path) -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    for name, source in FILES.items():
        shutil.copyfile(node_modules / source, VENDOR_DIR / name)


if __name__ == "__main__":
    copy_from(Path(sys.argv[1] if len(sys.argv) > 1 else "node_modules"))
