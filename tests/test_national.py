"""The synthetic national catalogue generator: deterministic, and its output passes check."""

from __future__ import annotations

import filecmp
import importlib.util

from conftest import ROOT
from perheovi.catalogue.loader import check_catalogue

spec = importlib.util.spec_from_file_location("national", ROOT / "benchmarks" / "national.py")
national = importlib.util.module_from_spec(spec)
spec.loader.exec_module(national)


def test_a_small_national_catalogue_passes_check(tmp_path):
    national.generate(tmp_path / "a", seed=7, scale=0.5, limit=30)
    catalogue, problems = check_catalogue(tmp_path / "a")
    assert [p.render() for p in problems] == []
    counts = catalogue.counts()
    assert counts["municipalities"] == 30
    assert counts["services"] > 500 and counts["meeting_places"] > 100
    kinds = {p.kind for p in catalogue.providers.values()}
    assert {"county", "ngo", "parish"} <= kinds


def test_the_same_seed_gives_the_same_files(tmp_path):
    national.generate(tmp_path / "a", seed=7, scale=0.5, limit=10)
    national.generate(tmp_path / "b", seed=7, scale=0.5, limit=10)
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert not comparison.diff_files and not comparison.left_only
    assert not any(sub.diff_files for sub in comparison.subdirs.values())
