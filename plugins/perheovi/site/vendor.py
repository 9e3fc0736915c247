"""The browser libraries perheovi ships, vendored into the package from npm.

The site makes no third-party requests: what the browser runs is served from output/. lunr and
lunr-languages go into the theme's static folder (the build copies them into output/, the
search index reads them: search/index.py); axe-core goes into the gates' data folder, from
where `perheovi gates` injects it into the pages it checks (it never reaches output/). The
files are copied from node_modules (npm, locked by package-lock.json) with their licences when
perheovi is installed for development (`make`, which runs `python -m perheovi.site.vendor
node_modules`), and travel inside the wheel from there, so an installed perheovi needs no npm.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..i18n import LANGUAGES

PACKAGE = Path(__file__).resolve().parent.parent
VENDOR_DIR = PACKAGE / "theme" / "static" / "vendor"
GATES_DIR = PACKAGE / "gates" / "data"
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
# name under gates/data/ -> where npm puts it (axe-core is MPL-2.0: the licence goes with it)
GATES_FILES = {
    "axe.min.js": "axe-core/axe.min.js",
    "LICENSE-axe-core.txt": "axe-core/LICENSE",
}


class MissingVendoredFiles(Exception):
    pass


def vendored(name: str, folder: Path = VENDOR_DIR) -> Path:
    """A vendored file, or MissingVendoredFiles saying how to get it."""
    path = folder / name
    if not path.is_file():
        raise MissingVendoredFiles(
            f"the browser library {name} is missing from {folder}; in a development "
            "checkout run `make install` (npm ci, then python -m perheovi.site.vendor)"
        )
    return path


def check_vendored() -> None:
    for name in FILES:
        vendored(name)


def copy_from(node_modules: Path) -> None:
    for folder, files in ((VENDOR_DIR, FILES), (GATES_DIR, GATES_FILES)):
        folder.mkdir(parents=True, exist_ok=True)
        for name, source in files.items():
            shutil.copyfile(node_modules / source, folder / name)


if __name__ == "__main__":
    copy_from(Path(sys.argv[1] if len(sys.argv) > 1 else "node_modules"))
