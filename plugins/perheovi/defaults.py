"""Pelican settings every perheovi site starts from: `from perheovi.defaults import *`.

A site's own settings file (pelicanconf.py) imports these and then names its region, its
catalogue and its accessibility statement. They point Pelican at perheovi's plugin and theme,
installed with the package, and switch off Pelican's blog machinery: a perheovi site is the
catalogue's pages and a few free-text pages (content/pages/<slug>.<lang>.md).
"""

from pathlib import Path as _Path

THEME = str(_Path(__file__).resolve().parent / "theme")
PLUGINS = ["perheovi"]  # always set: left unset, Pelican loads every installed plugin

SITEURL = ""  # links are relative, so the site works at any path; publishconf sets the URL
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Europe/Helsinki"
DEFAULT_LANG = "fi"

# Free-text pages are read by Pelican and written by the perheovi generator in the site's
# layout; nothing else of Pelican's is written.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS: list[str] = []
PAGE_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
PAGE_URL = "{lang}/{slug}/"
PAGE_LANG_URL = "{lang}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES: list[str] = []
PAGINATED_TEMPLATES: dict[str, int] = {}
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = FEED_ATOM = FEED_RSS = None

STATIC_PATHS: list[str] = []
THEME_STATIC_DIR = "theme"
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n", "jinja2.ext.do"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
