"""`perheovi lock`: a region's requirements.txt, every package at an exact version with hashes.

The region names the perheovi version it wants in requirements.in; the lock makes every
install of the site (the workflows, a coordinator's computer) get the very same files. uv
resolves, as it does perheovi's own lock. Where requirements.txt does not exist yet, the
versions perheovi was tested with are offered first: uv keeps the versions already in its
output file whenever they still fit.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .new import tested_versions

COMMAND = "perheovi lock"


class LockError(Exception):
    pass


def _uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    try:
        from uv import find_uv_bin  # the uv package on PyPI carries the binary
    except ImportError:
        raise LockError("uv is not installed: run `pip install uv`, then `perheovi lock`") from None
    return find_uv_bin()


def lock(folder: Path, find_links: Sequence[str] = ()) -> None:
    """Write folder/requirements.txt from folder/requirements.in, or raise LockError."""
    source, output = folder / "requirements.in", folder / "requirements.txt"
    if not source.is_file():
        raise LockError(f"{source} is missing: it names the perheovi version to install")
    uv = _uv()  # before seeding: without uv, no half-written requirements.txt is left behind
    seeded = not output.exists()
    if seeded:
        output.write_text(
            "".join(f"{name}=={version}\n" for name, version in sorted(tested_versions().items())),
            "utf-8",
        )
    command = [
        uv,
        "pip",
        "compile",
        "requirements.in",
        "--output-file",
        "requirements.txt",
        "--generate-hashes",
        "--python-version",
        "3.11",
        "--custom-compile-command",
        COMMAND,
        "--quiet",
        *(part for link in find_links for part in ("--find-links", link)),
    ]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        if seeded:
            output.unlink()
        raise LockError(f"uv could not lock requirements.in:\n{result.stderr.strip()}")
