"""`perheovi check [CATALOGUE_DIR]`: every problem in the catalogue, or a one-line summary.

Exit codes: 0 valid, 1 problems found, 2 usage error (argparse's convention).
"""

from __future__ import annotations

import argparse
import os
import sys

from ..catalogue.loader import check_catalogue
from ..catalogue.problems import N_
from ..gates.runner import DEFAULT_VNU
from ..i18n import LANGUAGES

DEFAULT_SETTINGS = "pelicanconf.py"

SUMMARY_PROBLEMS = N_("{count} problem(s) found; the catalogue was not accepted.")
SUMMARY_OK = N_(
    "{path}: OK: {municipalities} municipalities, {providers} providers, "
    "{services} services, {locations} locations, {meeting_places} meeting places"
)
SUMMARY_WARNINGS = N_("{count} thing(s) to check; the catalogue is still valid.")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="perheovi", description="Tools for a perheovi family-centre catalogue."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every catalogue file and report all problems")
    check.add_argument(
        "catalogue",
        nargs="?",
        default="catalogue",
        help="the catalogue folder (default: catalogue)",
    )
    check.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the messages (default: from LANGUAGE/LC_ALL/LANG)",
    )
    check.add_argument(
        "--format",
        choices=["human", "github"],
        default="human",
        help="github: GitHub Actions annotations on the changed lines",
    )
    report = commands.add_parser(
        "report",
        help="reports for coordinators: freshness (default) or coverage",
        description="perheovi report [freshness|coverage] [CATALOGUE_DIR]",
    )
    report.add_argument("words", nargs="*", metavar="[freshness|coverage] [CATALOGUE_DIR]")
    report.add_argument("--format", choices=["text", "csv", "github"], default="text")
    report.add_argument(
        "--months",
        type=int,
        default=12,
        help="freshness: entries not reviewed for this many months (12)",
    )
    report.add_argument("--lang", choices=LANGUAGES, help="language of the messages")
    report.add_argument(
        "--settings",
        help="the site's Pelican settings: their PERHEOVI_LANGUAGES decide which missing "
        f"translations count, their PERHEOVI_CATALOGUE the default folder (default: "
        f"{DEFAULT_SETTINGS} when the working folder has one, else every language)",
    )
    report.add_argument(
        "--strict", action="store_true", help="exit 1 when the report finds anything"
    )
    owners = commands.add_parser(
        "codeowners",
        help="print (or --write) .github/CODEOWNERS from the owners fields of the catalogue",
    )
    owners.add_argument("catalogue", nargs="?", default="catalogue")
    owners_mode = owners.add_mutually_exclusive_group()
    owners_mode.add_argument("--write", action="store_true", help="write .github/CODEOWNERS")
    owners_mode.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when .github/CODEOWNERS does not match the owners fields",
    )
    schema = commands.add_parser(
        "schema",
        help="print, --write or --check the editors' files: the JSON Schemas of the catalogue "
        "files (schema/) and the format reference (docs/catalogue.md)",
    )
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write them into this folder")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 when those in this folder differ"
    )
    new = commands.add_parser(
        "new",
        help="create a region's repository: catalogue, settings, content, workflows, a lock",
    )
    new.add_argument("folder", help="a new (or empty) folder")
    new.add_argument(
        "--county",
        required=True,
        help='the wellbeing services county, e.g. "Keski-Suomi" (its municipalities are listed)',
    )
    new.add_argument(
        "--find-links",
        action="append",
        default=[],
        metavar="DIR",
        help="also look for perheovi's wheel here when locking (before it is on PyPI)",
    )
    new.add_argument("--no-lock", action="store_true", help="do not write requirements.txt")
    lock = commands.add_parser(
        "lock",
        help="write requirements.txt from requirements.in: exact versions with hashes (uv)",
    )
    lock.add_argument("--find-links", action="append", default=[], metavar="DIR")
    build = commands.add_parser("build", help="build the site into output/, atomically")
    build.add_argument(
        "--settings",
        default=DEFAULT_SETTINGS,
        help="Pelican settings (publishconf.py for the public site)",
    )
    build.add_argument("--output", default="output", help="the output folder")
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1, the last good site kept) when the build logs any warning",
    )
    gates = commands.add_parser(
        "gates",
        help="check a built site: links, languages, accessibility, HTML, privacy, safety",
        description="Run the quality gates on the site built into OUTPUT. Exit 0 when every "
        "gate passes, 1 with a report of what failed, 2 when something needed is missing.",
    )
    gates.add_argument("output", metavar="OUTPUT", help="the folder the site was built into")
    gates.add_argument(
        "--settings",
        default="pelicanconf.py",
        help="the Pelican settings the site was built with (languages, catalogue, SITEURL)",
    )
    gates.add_argument("--chromium", help="Chromium's executable (default: chromium on PATH)")
    gates.add_argument("--vnu", help=f"the Nu Html Checker's vnu.jar (default: {DEFAULT_VNU})")
    gates.add_argument(
        "--quick",
        action="store_true",
        help="only one page of each kind in each language (a quick look while fixing)",
    )
    importer = commands.add_parser(
        "import",
        help="import PTV (Suomi.fi service catalogue) JSON into the catalogue's provider files",
        description="perheovi import ptv FILE… | perheovi import ptv --fetch --organization GUID",
    )
    importer.add_argument("source", choices=["ptv"], help="where the data comes from")
    importer.add_argument("files", nargs="*", metavar="FILE", help="PTV Open API V11 JSON files")
    importer.add_argument("--catalogue", default="catalogue", help="the catalogue folder")
    importer.add_argument(
        "--fetch", action="store_true", help="fetch from the PTV API instead of reading files"
    )
    whose = importer.add_mutually_exclusive_group()
    whose.add_argument("--organization", metavar="GUID", help="with --fetch: one organisation")
    whose.add_argument("--municipality", metavar="CODE", help="with --fetch: a municipality's")
    importer.add_argument(
        "--save", default="ptv-data", metavar="DIR", help="with --fetch: where the JSON is saved"
    )
    importer.add_argument(
        "--settings",
        default=None,
        help="Pelican settings naming the API (PERHEOVI_PTV_API; default: pelicanconf.py if any)",
    )
    serve = commands.add_parser("serve", help="build, serve on localhost and rebuild on changes")
    serve.add_argument("--settings", default=DEFAULT_SETTINGS)
    serve.add_argument("--port", type=int, default=8000)
    return parser


def _report_settings(path: str | None):
    """The site's settings, read like `perheovi build` reads them: from `path`, else from
    pelicanconf.py when the working folder has one; None without a settings file."""
    from ..site.settings import SettingsError, read_settings_file

    if path is None and not os.path.isfile(DEFAULT_SETTINGS):
        return None
    path = path or DEFAULT_SETTINGS
    if not os.path.isfile(path):
        raise SettingsError([f"there is no settings file {path}"])
    return read_settings_file(path, os.environ)


def report(args: argparse.Namespace) -> int:
    from ..site.settings import SettingsError

    words = list(args.words)
    topic = words.pop(0) if words and words[0] in ("freshness", "coverage") else "freshness"
    try:
        settings = _report_settings(args.settings)
    except SettingsError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return 1
    languages = tuple(settings.LANGUAGES) if settings else LANGUAGES
    folder = words[0] if words else settings.CATALOGUE if settings else "catalogue"
    catalogue, problems = check_catalogue(folder)
    translate = _translate(args.lang)
    if problems:
        for problem in problems:
            print(problem.render(translate))
        return 1
    return (
        coverage_report(catalogue, args)
        if topic == "coverage"
        else freshness_report(catalogue, args, translate, languages)
    )


def freshness_report(catalogue, args, translate, languages) -> int:
    from ..builddate import build_date
    from ..catalogue.freshness import findings

    found = findings(catalogue, build_date(), args.months, languages)
    for item in found:
        print(
            github_annotation("warning", item, translate)
            if args.format == "github"
            else f"{item.path}:{item.line}:{item.column}: {item.message(translate)}"
        )
    print(translate(SUMMARY_WARNINGS).format(count=len(found)))
    return 1 if found and args.strict else 0


def coverage_report(catalogue, args) -> int:
    import csv

    from ..catalogue.paths import coverage, coverage_columns

    columns = coverage_columns(catalogue)
    table = coverage(catalogue)
    header = ["municipality", *(c.key.split(":", 1)[1] for c in columns)]
    rows = [
        [m.name.fi, *(table[slug][c.key] for c in columns)]
        for slug, m in catalogue.municipalities.items()
    ]
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return 0
    width = max(len(h) for h in header)
    widths = [max(len(str(value)) for value in row) for row in rows]  # whole names
    print(
        " " * width
        + "  "
        + "  ".join(f"{row[0]:>{w}}" for row, w in zip(rows, widths, strict=True))
    )
    for index, key in enumerate(header[1:], 1):
        cells = "  ".join(f"{row[index]:>{w}}" for row, w in zip(rows, widths, strict=True))
        print(f"{key:<{width}}  {cells}")
    missing = sum(row.count("none") for row in rows)
    print(f"{missing} gap(s): a municipality with nothing for a basic service or a path step")
    return 1 if missing and args.strict else 0


def codeowners(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .codeowners import codeowners as generate

    catalogue, problems = check_catalogue(args.catalogue)
    if problems:
        for problem in problems:
            print(problem.render())
        return 1
    text = generate(catalogue, Path(args.catalogue).name)
    target = Path(".github") / "CODEOWNERS"
    if args.check:
        if _read(target) == text:
            return 0
        print(f"{target} does not match the owners fields: run `perheovi codeowners --write`")
        return 1
    if args.write:
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, "utf-8")
    else:
        print(text, end="")
    return 0


def schema(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .new import editor_files

    files = editor_files()
    if args.check:
        stale = [name for name, text in files.items() if _read(Path(name)) != text]
        for name in stale:
            print(f"{name} is not the one of this perheovi version: run `perheovi schema --write`")
        return 1 if stale else 0
    for name, text in files.items():
        if args.write:
            Path(name).parent.mkdir(exist_ok=True)
            Path(name).write_text(text, "utf-8")
        else:
            print(f"--- {name}\n{text}", end="")
    return 0


def _read(path) -> str | None:
    return path.read_text("utf-8") if path.is_file() else None


def new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..builddate import build_date
    from .lock import LockError, lock
    from .new import NewRegionError, create_region, find_county

    target = Path(args.folder)
    try:
        county = find_county(args.county)
        files = create_region(target, county, build_date())
    except NewRegionError as error:
        print(f"perheovi new: {error}", file=sys.stderr)
        return 2
    print(
        f"{target}: {len(files)} files for {county.name_fi} ({len(county.members)} municipalities)"
    )
    if args.no_lock:
        return 0
    try:
        lock(target, [str(Path(link).resolve()) for link in args.find_links])
    except LockError as error:
        print(f"requirements.txt was not written: {error}", file=sys.stderr)
        return 1
    print(f"{target / 'requirements.txt'}: perheovi and every package locked with hashes")
    return 0


def lock_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .lock import LockError, lock

    try:
        lock(Path.cwd(), [str(Path(link).resolve()) for link in args.find_links])
    except LockError as error:
        print(f"perheovi lock: {error}", file=sys.stderr)
        return 1
    print("requirements.txt: every package locked with hashes")
    return 0


def build(args: argparse.Namespace) -> int:
    from ..site.publish import build as build_site

    return 0 if build_site(args.settings, args.output, strict=args.strict) else 1


def gates(args: argparse.Namespace) -> int:
    from ..gates.report import render
    from ..gates.runner import UsageError, run

    try:
        findings = run(args.output, args.settings, args.chromium, args.vnu, quick=args.quick)
    except UsageError as error:
        print(f"perheovi gates: {error}", file=sys.stderr)
        return 2
    print(render(findings))
    return 0 if findings.passed else 1


def serve(args: argparse.Namespace) -> int:
    from ..site.publish import serve as serve_site

    serve_site(args.settings, port=args.port)
    return 0


def import_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..interchange.ptv_import import import_ptv
    from ..interchange.ptv_source import DEFAULT_API, PtvReadError, fetch, read_files
    from ..site.settings import SettingsError

    if args.fetch == bool(args.files) or (
        args.fetch and not (args.organization or args.municipality)
    ):
        print(
            "perheovi import: give PTV JSON files, or --fetch with --organization or --municipality",
            file=sys.stderr,
        )
        return 2
    try:
        files = [Path(name) for name in args.files]
        if args.fetch:
            settings = _report_settings(args.settings)
            files = fetch(
                settings.PTV_API if settings else DEFAULT_API,
                Path(args.save),
                organization=args.organization,
                municipality=args.municipality,
            )
        data = read_files(files)
    except (PtvReadError, SettingsError, OSError) as error:
        print(f"perheovi import: {error}", file=sys.stderr)
        return 1
    result = import_ptv(data, Path(args.catalogue))
    print(
        f"read {data.files} file(s): {len(data.organisations)} organisation(s), "
        f"{len(data.services)} service(s), {len(data.channels)} channel(s), "
        f"{len(data.general_descriptions)} general description(s)"
    )
    for path in result.written:
        print(f"wrote {path}")
    for path in result.unchanged:
        print(f"unchanged {path}")
    for line in result.report.lines():
        print(line)
    for entry in result.gone:
        print(f"no longer in PTV (kept, remove it by hand if it has ended): {entry}")
    catalogue, problems = check_catalogue(args.catalogue)
    translate = _translate(None)
    for problem in problems:
        print(problem.render(translate))
    if problems or catalogue is None:
        print(translate(SUMMARY_PROBLEMS).format(count=len(problems)))
        return 1
    print(translate(SUMMARY_OK).format(path=args.catalogue, **catalogue.counts()))
    return 0


def _translate(lang: str | None):
    from ..catalogue.problems import messages
    from ..i18n import language_from_environment

    return messages(lang or language_from_environment(os.environ))


def github_annotation(level: str, problem, translate) -> str:
    """`::error file=…,line=…,col=…::message`, escaped as GitHub's workflow commands require."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    return (
        f"::{level} file={prop(problem.path)},line={problem.line},col={problem.column}::"
        f"{data(problem.message(translate))}"
    )


def check(args: argparse.Namespace) -> int:
    catalogue, problems = check_catalogue(args.catalogue)
    translate = _translate(args.lang)
    if problems or catalogue is None:
        for problem in problems:
            print(
                github_annotation("error", problem, translate)
                if args.format == "github"
                else problem.render(translate)
            )
        print(translate(SUMMARY_PROBLEMS).format(count=len(problems)))
        return 1
    print(translate(SUMMARY_OK).format(path=args.catalogue, **catalogue.counts()))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands = {
        "check": check,
        "report": report,
        "codeowners": codeowners,
        "schema": schema,
        "new": new,
        "lock": lock_command,
        "build": build,
        "gates": gates,
        "serve": serve,
        "import": import_command,
    }
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
