"""A region's own repository: `perheovi new` makes one that checks, builds and publishes, and
perheovi installed from its wheel builds it outside this repository.

The region keeps only its catalogue, content, settings and workflows; perheovi is a package at
one locked version. These tests create a region the way a coordinator does and read what it
builds like a visitor would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
import yaml
from conftest import BUILD_EPOCH, ROOT
from perheovi.catalogue.reference import MUNICIPALITIES
from perheovi.commands import new as new_region
from perheovi.gates.runner import DEFAULT_VNU

PERHEOVI = [sys.executable, "-m", "perheovi"]


def run(command: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, **env)
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    """Keski-Suomi's repository as `perheovi new` makes it, built into output/."""
    folder = tmp_path_factory.mktemp("keski-suomi") / "perhekeskus"
    made = run([*PERHEOVI, "new", str(folder), "--county", "Keski-Suomi", "--no-lock"], ROOT)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"{folder}: ")
    built = run([*PERHEOVI, "build"], folder)
    assert built.returncode == 0, built.stdout + built.stderr
    return folder


def keski_suomi() -> list[str]:
    return sorted(m.code for m in MUNICIPALITIES.values() if m.county_id == "KS")


def test_new_region_lists_every_municipality_of_its_county_with_a_file_each(region):
    written = yaml.safe_load((region / "catalogue" / "region.yaml").read_text("utf-8"))
    assert sorted(written["municipalities"]) == keski_suomi()
    assert len(keski_suomi()) == 22
    codes = [
        yaml.safe_load(path.read_text("utf-8"))["code"]
        for path in (region / "catalogue" / "municipalities").glob("*.yaml")
    ]
    assert sorted(codes) == keski_suomi()
    assert written["name"]["fi"] == "Keski-Suomen perhekeskus"
    assert written["county"]["sv"] == "Mellersta Finlands välfärdsområde"


def test_new_region_passes_the_check(region):
    result = run([*PERHEOVI, "check", "catalogue"], region)
    assert result.returncode == 0, result.stdout
    assert "22 municipalities, 1 providers, 1 services" in result.stdout


def test_new_region_site_says_its_data_is_invented_until_sample_is_removed(region):
    home = lxml.html.fromstring((region / "output" / "fi" / "index.html").read_bytes())
    assert "Esimerkkiaineisto" in home.text_content() or "Sample data" in home.text_content()
    assert home.xpath('//*[contains(@class, "sample-banner")]')


def test_new_region_site_has_a_page_for_every_municipality_in_every_language(region):
    slugs = [p.stem for p in (region / "catalogue" / "municipalities").glob("*.yaml")]
    for lang in ("fi", "sv", "en"):
        for slug in slugs:
            assert (region / "output" / lang / "municipality" / slug / "index.html").is_file()


def test_example_service_shows_its_phone_number_and_hours(region):
    page = region / "output" / "fi" / "service" / "hankasalmi-lastenneuvola" / "index.html"
    document = lxml.html.fromstring(page.read_bytes())
    assert document.xpath('//a[@href="tel:+358400000001"]')
    assert "8.00–9.00" in document.text_content()


def test_the_regions_colour_is_a_stylesheet_of_its_own(region):
    css = (region / "output" / "theme" / "css" / "brand.css").read_text("utf-8")
    assert "--accent: #00507a; --accent-dark: #003a59;" in css
    home = lxml.html.fromstring((region / "output" / "fi" / "index.html").read_bytes())
    assert home.xpath('//link[@rel="stylesheet"]/@href')[-1].endswith("theme/css/brand.css")


def test_a_colour_too_light_to_read_is_refused_with_its_contrast(region):
    settings = region / "pale.py"  # beside pelicanconf.py: Pelican reads PATH from there
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(region)!r})\nfrom pelicanconf import *\n"
        'PERHEOVI_BRAND = {"accent": "#7fb2d4"}\n',
        "utf-8",
    )
    result = run([*PERHEOVI, "build", "--settings", str(settings), "--output", "pale"], region)
    assert result.returncode == 1
    assert (
        "setting PERHEOVI_BRAND['accent'] = '#7fb2d4' cannot be used (its contrast is 2.1:1 on "
        "the site's backgrounds): expected a #rrggbb colour with a contrast of at least 4.5:1 "
        'on white, e.g. "#00507a"'
    ) in result.stderr
    assert not (region / "pale").exists()
    settings.unlink()


def test_new_region_carries_the_editors_files_of_this_version(region):
    result = run([*PERHEOVI, "schema", "--check"], region)
    assert result.returncode == 0, result.stdout
    (region / "schema" / "region.schema.json").write_text("{}\n", "utf-8")
    stale = run([*PERHEOVI, "schema", "--check"], region)
    assert stale.returncode == 1
    assert "schema/region.schema.json is not the one of this perheovi version" in stale.stdout
    run([*PERHEOVI, "schema", "--write"], region)
    assert run([*PERHEOVI, "schema", "--check"], region).returncode == 0


def test_this_repository_carries_the_editors_files_of_this_version():
    result = run([*PERHEOVI, "schema", "--check"], ROOT)
    assert result.returncode == 0, result.stdout


def test_new_region_guides_are_in_three_languages_and_their_yaml_parses(region):
    for guide in ("README.md", "CONTRIBUTING.md"):
        text = (region / guide).read_text("utf-8")
        for heading in ("## Suomeksi", "## På svenska", "## In English"):
            assert heading in text, guide
        assert "@@" not in text, guide
        blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
        for block in blocks:
            yaml.safe_load(block)
    assert len(blocks) >= 9  # the providers' guide shows every common kind of entry


def test_new_region_workflows_match_githubs_schema_and_zizmor_finds_nothing(region):
    workflows = sorted((region / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["publish.yml", "pull-request.yml"]
    bin_dir = Path(sys.executable).parent
    schema = subprocess.run(
        [
            str(bin_dir / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, workflows),
        ],
        capture_output=True,
        text=True,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [str(bin_dir / "zizmor"), "--offline", *map(str, workflows)],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_new_region_workflows_check_build_gate_and_publish_daily(region):
    def steps(name: str, job: str) -> str:
        workflow = yaml.load(
            (region / ".github" / "workflows" / name).read_text("utf-8"), Loader=yaml.BaseLoader
        )
        return " ".join(step.get("run", "") for step in workflow["jobs"][job]["steps"])

    checks = steps("pull-request.yml", "check")
    for command in (
        "pip install --quiet --require-hashes -r requirements.txt",
        "npm ci",
        "perheovi check catalogue --format github",
        "perheovi schema --check",
        "perheovi codeowners --check",
        "perheovi build",
        "perheovi gates output",
    ):
        assert command in checks
    publish = steps("publish.yml", "build")
    assert "perheovi gates output" in publish
    assert publish.index("perheovi gates output") < publish.index("--settings publishconf.py")
    workflow = yaml.load(
        (region / ".github" / "workflows" / "publish.yml").read_text("utf-8"),
        Loader=yaml.BaseLoader,
    )
    assert workflow["on"]["schedule"][0]["cron"]


def test_codeowners_check_fails_until_a_new_owners_field_is_written(region, tmp_path):
    """The region's CODEOWNERS starts in step with its catalogue; after a provider names its
    team, the pull-request workflow's check says what to run until the file is rewritten."""
    copy = tmp_path / "region"
    for part in ("catalogue", ".github"):
        shutil.copytree(region / part, copy / part)
    assert run([*PERHEOVI, "codeowners", "--check"], copy).returncode == 0
    provider = next((copy / "catalogue" / "providers").glob("*.yaml"))
    text = provider.read_text("utf-8")
    provider.write_text(text + 'owners: ["@keski-suomi/yhdistys"]\n', "utf-8")
    stale = run([*PERHEOVI, "codeowners", "--check"], copy)
    assert stale.returncode == 1
    assert stale.stdout == (
        ".github/CODEOWNERS does not match the owners fields: run `perheovi codeowners --write`\n"
    )
    assert run([*PERHEOVI, "codeowners", "--write"], copy).returncode == 0
    assert run([*PERHEOVI, "codeowners", "--check"], copy).returncode == 0
    line = f"/catalogue/providers/{provider.name} @keski-suomi/yhdistys"
    assert line in (copy / ".github" / "CODEOWNERS").read_text("utf-8")


def test_new_refuses_a_folder_that_is_not_empty(region):
    result = run([*PERHEOVI, "new", str(region), "--county", "Keski-Suomi"], ROOT)
    assert result.returncode == 2
    assert "already exists and is not empty" in result.stderr


@pytest.mark.parametrize("county", ["Keski-S", "pohjois-kar", "KS", "Mellersta Finland"])
def test_a_county_is_found_by_any_of_its_names(county):
    assert new_region.find_county(county).id in ("KS", "PK")


@pytest.mark.parametrize("county", ["Pohjois", "Helsinki", ""])
def test_an_unknown_or_ambiguous_county_is_refused(county):
    with pytest.raises(new_region.NewRegionError, match="give one of: Etelä-Karjala, "):
        new_region.find_county(county)


def test_an_unknown_county_is_told_with_the_list_and_nothing_is_written(tmp_path):
    result = run([*PERHEOVI, "new", str(tmp_path / "x"), "--county", "Pohjois"], ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith(
        'perheovi new: "Pohjois" names more than one wellbeing services county; give one of: '
        "Etelä-Karjala, Etelä-Pohjanmaa, Etelä-Savo, Itä-Uusimaa, Kainuu,"
    )
    assert not (tmp_path / "x").exists()


def test_there_are_21_counties_of_the_reform():
    assert len(new_region.counties()) == 21


def test_tested_versions_are_the_lock():
    lock = (ROOT / "requirements" / "test.txt").read_text("utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", lock, re.M))
    assert new_region.tested_versions() == pins


def test_the_regions_npm_lock_is_the_projects_nu_checker():
    ours = json.loads((ROOT / "package-lock.json").read_text("utf-8"))["packages"]
    scaffold = ROOT / "plugins" / "perheovi" / "commands" / "scaffold"
    theirs = json.loads((scaffold / "package-lock.json").read_text("utf-8"))["packages"]
    assert theirs["node_modules/vnu-jar"] == ours["node_modules/vnu-jar"]
    assert set(theirs) == {"", "node_modules/vnu-jar"}
    wanted = json.loads((scaffold / "package.json").read_text("utf-8"))["devDependencies"]
    assert wanted == {"vnu-jar": ours["node_modules/vnu-jar"]["version"]}


def test_without_uv_new_says_how_to_lock_and_leaves_no_unhashed_lock(tmp_path):
    """A coordinator who installed only the wheel has no uv yet: the region is made, the
    message says what to run, and no requirements.txt without hashes is left to install."""
    made = run([sys.executable, "-c", NO_UV_NEW, str(tmp_path / "region")], tmp_path, PATH="/bin")
    assert made.returncode == 1, made.stdout + made.stderr
    assert "uv is not installed: run `pip install uv`, then `perheovi lock`" in made.stderr
    assert (tmp_path / "region" / "requirements.in").is_file()
    assert not (tmp_path / "region" / "requirements.txt").exists()


NO_UV_NEW = """
import sys
sys.modules["uv"] = None  # as if the uv package were not installed
from perheovi.commands.cli import main
sys.exit(main(["new", sys.argv[1], "--county", "Keski-Suomi"]))
"""


# --- perheovi from its wheel, outside this repository ----------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(folder),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    return next(folder.glob("perheovi-*.whl"))


@pytest.mark.browser  # slow: a virtual environment of its own, packages from PyPI
def test_a_region_installs_perheovi_from_its_lock_and_builds_outside_this_repository(
    wheel, tmp_path
):
    """The coordinator's way: `perheovi new` locks perheovi (found beside the wheel, as it
    would be on PyPI) and every package with hashes; a fresh environment installs exactly that
    lock, and its perheovi creates, checks and builds a region in a folder outside this
    repository, with nothing of this repository on its path."""
    made = run(
        [*PERHEOVI, "new", "region", "--county", "Keski-Suomi", "--find-links", str(wheel.parent)],
        tmp_path,
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",  # uv of this environment
    )
    assert made.returncode == 0, made.stderr
    lock = (tmp_path / "region" / "requirements.txt").read_text("utf-8")
    assert re.search(r"^perheovi==0\.1\.0 \\\n\s+--hash=sha256:[0-9a-f]{64}", lock, re.M)
    assert (
        "# This file was autogenerated by uv via the following command:\n#    perheovi lock" in lock
    )
    pins = dict(re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", lock, re.M))
    tested = new_region.tested_versions()
    assert {name: pins[name] for name in pins if name in tested} == {
        name: tested[name] for name in pins if name in tested
    }, "the region gets the versions perheovi was tested with"

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    clean = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root")}
    install = subprocess.run(
        [
            str(venv / "bin" / "pip"),
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "--requirement",
            "requirements.txt",
            "--find-links",
            str(wheel.parent),
        ],
        cwd=tmp_path / "region",
        env=clean,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    perheovi = str(venv / "bin" / "perheovi")
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import perheovi; print(perheovi.__file__)"],
        env=clean,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr

    again = subprocess.run(
        [perheovi, "new", "second", "--county", "Pohjois-Karjala", "--no-lock"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    for folder in ("region", "second"):
        check = subprocess.run(
            [perheovi, "check", "catalogue"],
            cwd=tmp_path / folder,
            env=clean,
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout
        build = subprocess.run(
            [perheovi, "build"],
            cwd=tmp_path / folder,
            env=dict(clean, SOURCE_DATE_EPOCH=BUILD_EPOCH),
            capture_output=True,
            text=True,
        )
        assert build.returncode == 0, build.stdout + build.stderr
        output = tmp_path / folder / "output"
        assert (output / "theme" / "vendor" / "lunr.fi.min.js").is_file()
        assert (output / "fi" / "search" / "index.json").is_file()
        assert (output / "sv" / "meeting-place" / "esimerkkiyhdistys-kohtaamispaikka").is_dir()

    gates = subprocess.run(
        [perheovi, "gates", "output", "--vnu", str(ROOT / DEFAULT_VNU)],
        cwd=tmp_path / "region",
        env=clean,
        capture_output=True,
        text=True,
    )
    assert gates.returncode == 0, gates.stdout + gates.stderr
    assert gates.stdout.splitlines()[-1].startswith("All ") and "gates passed" in gates.stdout
