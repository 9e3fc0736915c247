"""Every UI string of the templates is in the catalogs and translated into Finnish and Swedish."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

TRANSLATIONS = ROOT / "plugins" / "perheovi" / "theme" / "translations"


def catalog(lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_template_strings_are_all_in_the_message_template(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(fresh),
            "--no-location",
            "--omit-header",
            "--sort-output",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with fresh.open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert extracted == committed, "run `make translations` and translate the new strings"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_message_is_translated(lang):
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    translated = {m.id for m in catalog(lang) if m.id and m.string and not m.fuzzy}
    assert wanted - translated == set()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_placeholders_survive_translation(lang):
    import re

    for message in catalog(lang):
        if message.id and message.string:
            assert sorted(re.findall(r"%\(\w+\)s", message.id)) == sorted(
                re.findall(r"%\(\w+\)s", message.string)
            ), message.id
