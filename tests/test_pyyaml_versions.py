"""The YAML reader's own limits fire first with the oldest PyYAML we support and the locked one.

Newer PyYAML wheels carry a libyaml with a nesting limit of its own that it reaches while
scanning ahead; the reader must still point at the first node that is too deep, in its own
words. PyYAML 6.0.2 (pinned with hashes in requirements/pyyaml-6.0.2.txt) is installed into a
temporary folder and the same files are read with each version in a fresh interpreter.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

DEEP_FILES = {
    "flow sequences": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "flow mappings": "a: " + "{b: " * 2_000 + "c" + "}" * 2_000 + "\n",
    "flow after a long first line": "# "
    + "x" * 3_000
    + "\nname: "
    + "[" * 1_500
    + "]" * 1_500
    + "\n",
    "block mappings": "".join(" " * depth + f"k{depth}:\n" for depth in range(60))
    + " " * 60
    + "v\n",
    "deep alias": "x: &x " + "[" * 30 + "]" * 30 + "\ny:\n  - - - - - - - - - - - *x\n",
}
EXPECTED = {
    "flow sequences": "1:43",
    "flow mappings": "1:160",
    "flow after a long first line": "2:46",
    "block mappings": "41:41",
    "deep alias": "1:4",
}

READ = """
import json, sys
sys.path.insert(0, {plugins!r})
import yaml
from perheovi.catalogue.yamlsource import parse_yaml_bytes
found = {{}}
for name, text in json.load(sys.stdin).items():
    _, problems = parse_yaml_bytes(text.encode(), "deep.yaml")
    found[name] = [(p.line, p.column, p.code) for p in problems]
print(json.dumps({{"version": yaml.__version__, "found": found}}))
"""


def read_with(pythonpath: list[str]) -> dict:
    code = READ.format(plugins=str(ROOT / "plugins"))
    result = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path[:0] = {pythonpath!r}\n" + code],
        input=json.dumps(DEEP_FILES),
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONNOUSERSITE": "1"},
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def pyyaml_602(tmp_path_factory) -> str:
    target = tmp_path_factory.mktemp("pyyaml-6.0.2")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "--only-binary",
            ":all:",
            "--no-deps",
            "--target",
            str(target),
            "-r",
            str(ROOT / "requirements" / "pyyaml-6.0.2.txt"),
        ],
        check=True,
    )
    return str(target)


def test_depth_guard_points_at_the_first_node_too_deep_with_the_locked_pyyaml():
    result = read_with([])
    assert result["version"] == yaml.__version__
    assert _positions(result["found"]) == EXPECTED


def test_depth_guard_points_at_the_same_node_with_pyyaml_6_0_2(pyyaml_602):
    result = read_with([pyyaml_602])
    assert result["version"] == "6.0.2"
    assert _positions(result["found"]) == EXPECTED


def _positions(found: dict) -> dict:
    for name, problems in found.items():
        assert [code for _, _, code in problems] == ["too_deep"], name
    return {name: f"{problems[0][0]}:{problems[0][1]}" for name, problems in found.items()}
