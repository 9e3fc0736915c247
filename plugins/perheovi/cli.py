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
    return parser


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
    return {"check": check}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
