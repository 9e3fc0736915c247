"""Shared fixtures: the project root, the minimal valid catalogue, and a way to break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "data" / "minimal"
SAMPLE = ROOT / "catalogue"


class CatalogueCopy:
    """A copy of the minimal catalogue in a temporary folder, to edit one mistake into."""

    def __init__(self, path: Path):
        self.path = path

    def replace(self, name: str, old: str, new: str, count: int = 1) -> "CatalogueCopy":
        file = self.path / name
        text = file.read_text("utf-8")
        assert old in text, f"{old!r} not in {name}"
        file.write_text(text.replace(old, new, count), "utf-8")
        return self

    def write(self, name: str, content: str | bytes) -> "CatalogueCopy":
        file = self.path / name
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, "utf-8")
        return self


@pytest.fixture
def minimal(tmp_path, monkeypatch) -> CatalogueCopy:
    target = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, target)
    monkeypatch.chdir(tmp_path)  # problems are reported relative to the working folder
    return CatalogueCopy(target)
