"""No dead code in the plugin: vulture finds nothing that nothing calls.

vulture reads Python; the templates read the catalogue's records, the Jinja filters and the
globals by name. The names they use are collected from the templates' syntax trees, so that a
field or helper counts as used exactly when a template uses it. What is called by name from
elsewhere (Pelican, pydantic, lunr, the tests) is in tests/vulture_whitelist.py.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from conftest import ROOT
from jinja2 import Environment, nodes

WHITELIST = ROOT / "tests" / "vulture_whitelist.py"
PLUGIN = ROOT / "plugins" / "perheovi"


def template_names() -> set[str]:
    """Every attribute, key, filter, test and variable name the theme's templates use."""
    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"])
    names: set[str] = set()
    for template in sorted((ROOT / "plugins" / "perheovi" / "theme" / "templates").rglob("*.*")):
        tree = env.parse(template.read_text("utf-8"))
        for node in tree.find_all((nodes.Getattr, nodes.Name, nodes.Filter, nodes.Test)):
            names.add(node.attr if isinstance(node, nodes.Getattr) else node.name)
        for node in tree.find_all(nodes.Const):  # item['key'], map('filter'), attribute='x'
            if isinstance(node.value, str) and node.value.isidentifier():
                names.add(node.value)
    return names


def vulture(*paths) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "vulture",
            *map(str, paths),
            "--min-confidence",
            "60",
            "--ignore-decorators",
            "@model_validator,@field_validator",
            # Pelican settings, every one read by Pelican by its name (perheovi's defaults, and
            # the settings file `perheovi new` gives a region).
            "--exclude",
            "*/perheovi/defaults.py,*/perheovi/commands/scaffold/*",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_vulture_finds_no_unused_code_in_the_plugin(tmp_path):
    used = tmp_path / "template_names.py"
    used.write_text("".join(f"_.{name}\n" for name in sorted(template_names())), "utf-8")
    result = vulture(PLUGIN, WHITELIST, used)
    assert result.stderr == ""
    assert result.stdout == "", "unused code (delete it, or whitelist what calls it by name):\n"
    assert result.returncode == 0


def test_every_whitelisted_name_still_exists_in_the_plugin():
    source = "\n".join(path.read_text("utf-8") for path in sorted(PLUGIN.rglob("*.py")))
    defined = {
        node.name if hasattr(node, "name") else getattr(node, "arg", None) or node.id
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.arg)
        or (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store))
    }
    defined |= {  # attributes set on another library's objects (ruamel.yaml's settings)
        node.attr
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
    }
    defined |= set(re.findall(r"^\s+(\w+)\s*:", source, re.M))  # dataclass and model fields
    listed = set(re.findall(r"^_?\.?(\w+)$", WHITELIST.read_text("utf-8"), re.M))
    assert len(listed) > 10
    assert sorted(listed - defined) == []


def test_the_check_itself_finds_an_unused_function(tmp_path):
    module = tmp_path / "leftover.py"
    module.write_text("def forgotten_helper():\n    return 1\n", "utf-8")
    result = vulture(module, WHITELIST)
    assert "unused function 'forgotten_helper'" in result.stdout
    assert result.returncode == 3
