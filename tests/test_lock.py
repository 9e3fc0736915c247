"""`make` installs exactly the lock, and the lock satisfies pyproject.toml.

A fresh machine installs requirements/test.txt with pip's --require-hashes, so it gets the very
files the lock names. These tests read the environment the suite runs in: every locked package
at its locked version, nothing else (but perheovi itself and, after `make bench`, the bench
lock's extras), and every range in pyproject.toml met by the pin the lock chose.
"""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", re.M)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    return {canonicalize_name(package): version for package, version in PIN.findall(text)}


def installed() -> dict[str, str]:
    found = {}
    for dist in metadata.distributions(path=[p for p in sys.path if p.startswith(sys.prefix)]):
        found[canonicalize_name(dist.metadata["Name"])] = dist.version
    return found


def test_every_locked_package_is_installed_at_its_locked_version():
    have = installed()
    wrong = {
        name: (version, have.get(name))
        for name, version in pins("test.txt").items()
        if have.get(name) != version
    }
    assert wrong == {}, "locked version, installed version"


def test_nothing_is_installed_that_the_lock_does_not_name():
    allowed = set(pins("bench.txt")) | {"perheovi"}
    assert sorted(set(installed()) - allowed) == []


def test_the_three_locks_agree_on_every_version():
    everything = pins("bench.txt")
    for name in ("test.txt", "runtime.txt"):
        assert {p: v for p, v in pins(name).items() if everything[p] != v} == {}, name


def test_every_locked_package_has_hashes():
    for name in ("runtime.txt", "test.txt", "bench.txt", "pyyaml-6.0.2.txt"):
        text = (ROOT / "requirements" / name).read_text()
        blocks = re.split(r"^(?=[A-Za-z0-9])", text, flags=re.M)[1:]
        assert blocks and all("--hash=sha256:" in block for block in blocks), name


def test_the_lock_meets_every_range_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in ("gates", "test", "bench"):
        requirements += project["optional-dependencies"][extra]
    locked = pins("bench.txt")
    unmet = []
    for line in requirements:
        requirement = Requirement(line)
        if requirement.name == project["name"]:
            continue  # the test extra includes the gates extra: perheovi[gates]
        version = locked.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            unmet.append((line, version))
    assert unmet == []
