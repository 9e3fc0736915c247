"""Catalogue folder -> validated model, or every problem in it with its file, line and column.

Three passes, each collecting all its problems before the next: read each file's YAML with
positions (`yamlsource`), validate each file against its record type (`model`), then link the
records across files (`catalogue`). Nothing here raises on bad input except `CatalogueError`.
"""

from __future__ import annotations

import os
import re
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .model import FILE_MODELS
from .network import Catalogue, SourceFile, Unread, link
from .problems import MESSAGES, CatalogueError, Problem, suggestion
from .values import SLUG_PATTERN, slugify
from .yamlsource import YamlDocument, read_yaml_file

_SLUG = re.compile(SLUG_PATTERN)
FOLDERS = {"municipalities": "municipality", "providers": "provider", "paths": "path"}
TOP_LEVEL_FILES = {"region.yaml": "region", "search-synonyms.yaml": "synonyms"}


def load_catalogue(directory: Path | str) -> Catalogue:
    """The whole catalogue, or `CatalogueError` listing every problem, sorted by file and line."""
    catalogue, problems = check_catalogue(directory)
    if problems or catalogue is None:
        raise CatalogueError(problems)
    return catalogue


def check_catalogue(directory: Path | str) -> tuple[Catalogue | None, list[Problem]]:
    directory = Path(directory)
    if not directory.is_dir():
        return None, [Problem(str(directory), 1, 1, "not_a_directory", {})]
    problems: list[Problem] = []
    files: list[SourceFile] = []
    unread = Unread()
    for path, kind in _catalogue_files(directory, problems):
        doc, file_problems = read_yaml_file(path, _display(path))
        source = None
        if not file_problems:
            source, file_problems = validate_document(doc, kind, path.stem)
        if source:
            files.append(source)
        else:
            problems += file_problems
            unread.add(kind, path.stem, doc.data, doc.path)
    if not any(f.kind == "region" for f in files):
        if "region" not in unread.kinds:
            problems.append(
                Problem(_display(directory / "region.yaml"), 1, 1, "missing_region", {})
            )
        return None, sorted(problems)
    catalogue, link_problems = link(files, unread)
    problems += link_problems
    return (None if problems else catalogue), sorted(problems)


def _display(path: Path) -> str:
    """Paths as the contributor knows them: relative to the working folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _catalogue_files(directory: Path, problems: list[Problem]):
    known = [*TOP_LEVEL_FILES, *(f"{folder}/<slug>.yaml" for folder in FOLDERS)]
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            if path.name in TOP_LEVEL_FILES:
                yield path, TOP_LEVEL_FILES[path.name]
            elif path.suffix == ".yml" and path.with_suffix(".yaml").name in TOP_LEVEL_FILES:
                problems.append(
                    Problem(
                        _display(path),
                        1,
                        1,
                        "wrong_extension",
                        {"example": path.with_suffix(".yaml").name},
                    )
                )
            else:
                problems.append(
                    Problem(_display(path), 1, 1, "unknown_file", {"known": ", ".join(known)})
                )
    for folder, kind in FOLDERS.items():
        for path in sorted((directory / folder).glob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            if path.suffix == ".yml":
                problems.append(
                    Problem(
                        _display(path),
                        1,
                        1,
                        "wrong_extension",
                        {"example": path.with_suffix(".yaml").name},
                    )
                )
            elif path.suffix == ".yaml":
                if not _SLUG.match(path.stem):
                    problems.append(
                        Problem(
                            _display(path),
                            1,
                            1,
                            "bad_file_name",
                            {"value": path.stem, "example": slugify(path.stem)},
                        )
                    )
                    continue
                yield path, kind


def read_source(path: Path, display: str, kind: str) -> tuple[SourceFile | None, list[Problem]]:
    """One file through the first two passes: YAML with positions, then its record type."""
    doc, problems = read_yaml_file(path, display)
    if problems:
        return None, problems
    return validate_document(doc, kind, path.stem)


def validate_document(doc: YamlDocument, kind: str, slug: str):
    if not isinstance(doc.data, dict):
        found = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [Problem(doc.path, 1, 1, "top_not_mapping", {"found": found})]
    model = FILE_MODELS[kind]
    try:
        record = model.model_validate(doc.data)
    except ValidationError as error:
        return None, [
            _problem_from(doc, model, detail) for detail in error.errors(include_url=False)
        ]
    return SourceFile(doc, kind, slug, record), []


# --- pydantic errors -> positioned plain-language problems -----------------------------------

_SIMPLE = {
    "string_type": "expected_text",
    "list_type": "expected_list",
    "too_short": "empty_list",
    "bool_parsing": "expected_bool",
    "bool_type": "expected_bool",
    "float_parsing": "expected_number",
    "int_parsing": "expected_number",
}
_MAPPING = {"model_type", "dict_type", "model_attributes_type"}


def _problem_from(doc: YamlDocument, model: type[BaseModel], detail: ErrorDetails) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    params = dict(detail.get("ctx") or {})
    value = detail.get("input")
    shown = value if isinstance(value, str) else ""
    if kind == "missing":
        line, column = doc.position(loc[:-1])
        return Problem(doc.path, line, column, "missing", {"field": loc[-1]})
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        line, column = doc.position(loc, key=True)
        return Problem(
            doc.path,
            line,
            column,
            "unknown_key",
            {"key": loc[-1], "hint": suggestion(str(loc[-1]), known), "known": ", ".join(known)},
        )
    if "[key]" in loc:
        loc = loc[: loc.index("[key]")]
        line, column = doc.position(loc, key=True)
    else:
        line, column = doc.position(loc)
    if kind in _MAPPING:
        found = (
            "a list"
            if isinstance(value, list)
            else "an empty value"
            if value is None
            else f'"{value}"'
        )
        return Problem(doc.path, line, column, "expected_mapping", {"found": found})
    if kind in _SIMPLE:
        return Problem(doc.path, line, column, _SIMPLE[kind], {"value": shown})
    if kind in MESSAGES:
        return Problem(doc.path, line, column, kind, params)
    return Problem(doc.path, line, column, "invalid_value", {"value": shown or str(loc[-1])})


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names (as written in YAML) of the record found at `loc` below `model`."""
    current: object = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for name, f in current.model_fields.items() if (f.alias or name) == part), None
            )
            if field is None:
                return []
            current = field.annotation
        else:
            args = typing.get_args(current)
            current = args[-1] if args else current
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation):
    """Strip Annotated[...] and Optional[...] down to the record or container type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation
