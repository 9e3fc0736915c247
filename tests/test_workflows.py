"""The GitHub workflows: valid against GitHub's schema, clean under zizmor's audit, and doing
what the contributor flow promises (annotations, preview, publish on merge and daily)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name) or name


def test_workflows_match_githubs_schema():
    result = subprocess.run(
        [
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOWS),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(WORKFLOWS) == 2


def test_zizmor_finds_nothing():
    result = subprocess.run(
        [tool("zizmor"), "--offline", *map(str, WORKFLOWS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def load(name: str) -> dict:
    return yaml.load(
        (ROOT / ".github" / "workflows" / name).read_text("utf-8"), Loader=yaml.BaseLoader
    )


def test_pull_request_workflow_annotates_builds_tests_and_uploads_a_preview():
    workflow = load("pull-request.yml")
    steps = workflow["jobs"]["check"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "perheovi check catalogue --format github" in commands
    assert "make test" in commands and "make html" in commands
    assert commands.index("make html") < commands.index("perheovi gates output")
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    assert workflow["permissions"] == {"contents": "read"}


def test_publish_workflow_deploys_on_merge_and_rebuilds_daily():
    workflow = load("publish.yml")
    triggers = workflow["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"]
    build = " ".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "make publish" in build  # publishconf.py with the Pages URL
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            uses = step.get("uses", "")
            assert not uses or len(uses.split("@")[1].split()[0]) == 40, uses
