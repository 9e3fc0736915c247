"""`perheovi check [CATALOGUE_DIR]`: every problem in the catalogue, or a one-line summary.

Exit codes: 0 valid, 1 problems found, 2 usage error (argparse's convention).
"""

from __future__ import annotations

import argparse
import sys

from .loader import check_catalogue


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="perheovi", description="Tools for a perheovi family-centre catalogue.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every catalogue file and report all problems")
    check.add_argument("catalogue", nargs="?", default="catalogue",
                       help="the catalogue folder (default: catalogue)")
    report = commands.add_parser("report", help="reports for coordinators")
    report.add_argument("topic", choices=["coverage"], help="coverage: municipalities x "
                        "basic services and path steps (local, region, none)")
    report.add_argument("catalogue", nargs="?", default="catalogue")
    report.add_argument("--format", choices=["text", "csv"], default="text")
    build = commands.add_parser("build", help="build the site into output/, atomically")
    build.add_argument("--settings", default="pelicanconf.py",
                       help="Pelican settings (publishconf.py for the public site)")
    build.add_argument("--output", default="output", help="the output folder")
    serve = commands.add_parser("serve", help="build, serve on localhost and rebuild on changes")
    serve.add_argument("--settings", default="pelicanconf.py")
    serve.add_argument("--port", type=int, default=8000)
    return parser


def report(args: argparse.Namespace) -> int:
    import csv

    from .paths import coverage, coverage_columns

    catalogue, problems = check_catalogue(args.catalogue)
    if problems:
        for problem in problems:
            print(problem.render())
        return 1
    columns = coverage_columns(catalogue)
    table = coverage(catalogue)
    header = ["municipality", *(c.key.split(":", 1)[1] for c in columns)]
    rows = [[m.name.fi, *(table[slug][c.key] for c in columns)]
            for slug, m in catalogue.municipalities.items()]
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return 0
    width = max(len(h) for h in header)
    names = [row[0] for row in rows]
    print(" " * width + "  " + "  ".join(f"{name[:10]:>10}" for name in names))
    for index, key in enumerate(header[1:], 1):
        print(f"{key:<{width}}  " + "  ".join(f"{row[index]:>10}" for row in rows))
    missing = sum(row.count("none") for row in rows)
    print(f"{missing} gap(s): a municipality with nothing for a basic service or a path step")
    return 0


def build(args: argparse.Namespace) -> int:
    from .publish import build as build_site

    return 0 if build_site(args.settings, args.output) else 1


def serve(args: argparse.Namespace) -> int:
    from .publish import serve as serve_site

    serve_site(args.settings, port=args.port)
    return 0


def check(args: argparse.Namespace) -> int:
    catalogue, problems = check_catalogue(args.catalogue)
    if problems:
        for problem in problems:
            print(problem.render())
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} found; the catalogue was not accepted.", file=sys.stderr)
        return 1
    counts = catalogue.counts()
    print(f"{args.catalogue}: OK: {counts['municipalities']} municipalities, "
          f"{counts['providers']} providers, {counts['services']} services, "
          f"{counts['locations']} locations, {counts['meeting_places']} meeting places")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return {"check": check, "report": report, "build": build, "serve": serve}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
