"""`perheovi import ptv`: PTV's entries merged into the catalogue's provider files.

A provider file is the provider's own: they add services, contacts, keywords and translations
by pull request. The import therefore changes only what it brought: entries marked with a `ptv`
id get PTV's current values in the fields PTV has (not those named in `ptv: keep:`), entries and
fields written by hand stay as they are, and languages PTV lacks stay as translated by hand.
ruamel.yaml edits the files in place, so comments and untouched lines stay byte for byte and a
field changed in PTV is one changed line in the pull request.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..catalogue.yamlsource import read_yaml_file
from .ptv_mapping import ImportedProvider, Mapping, Region, Report
from .ptv_source import PtvData

HEADER = (
    "# yaml-language-server: $schema=../../schema/provider.schema.json\n"
    "# Imported from the Suomi.fi service catalogue (PTV) by `perheovi import ptv`. Entries with a\n"
    "# `ptv` id are updated by the next import: change them in PTV, or name a field in their\n"
    "# `ptv: keep:` to keep it as written here. Entries without one are yours (docs/coordinators.md).\n"
)
TEXT_FIELDS = {"name", "summary", "description", "note", "cost_note", "accessibility", "reason"}


def _yaml() -> YAML:
    handler = YAML()  # round trip: comments, order and quoting of the file as it is
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096  # one line per value: a changed text is one changed line
    handler.preserve_quotes = True
    return handler


@dataclass
class ImportResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # imported entries PTV no longer has
    report: Report = field(default_factory=Report)


def _region(catalogue: Path) -> tuple[Region, dict[str, Path]]:
    """The region's municipalities by code, the ids already taken, and the provider files
    already imported, by PTV id."""
    municipalities, taken, imported = {}, set(), {}
    for path in sorted(catalogue.glob("**/*.yaml")):
        doc, problems = read_yaml_file(path, str(path))  # the checker's reader and its limits
        data = doc.data
        if problems or not isinstance(data, dict):
            continue  # `perheovi check` tells what is wrong with it
        if path.parent.name == "municipalities" and data.get("code"):
            municipalities[str(data["code"]).zfill(3)] = path.stem
        if path.parent.name == "providers" and isinstance(data.get("ptv"), dict):
            imported[str(data["ptv"].get("id", "")).lower()] = path
        for kind in ("services", "locations", "meeting_places"):
            for entry in data.get(kind) or []:
                if (
                    isinstance(entry, dict)
                    and entry.get("id")
                    and not isinstance(entry.get("ptv"), dict)
                ):
                    taken.add(str(entry["id"]))
    return Region(municipalities, taken), imported


def import_ptv(data: PtvData, catalogue: Path) -> ImportResult:
    """Merge the input's organisations into `catalogue/providers/`, one file each."""
    result = ImportResult()
    region, imported = _region(catalogue)
    existing = {guid: path.stem for guid, path in imported.items()}
    mapping = Mapping(data, region, result.report)
    documents = {}
    for provider in mapping.providers(existing):
        path = imported.get(provider.ptv_id) or catalogue / "providers" / f"{provider.slug}.yaml"
        documents[path] = provider
    handler = _yaml()
    for path, provider in sorted(documents.items()):
        before = path.read_text("utf-8") if path.exists() else None
        document = handler.load(before) if before else CommentedMap()
        gone = _merge_file(document, provider, complete=provider.ptv_id in data.organisations)
        result.gone += [f"{path}: {entry}" for entry in gone]
        out = io.StringIO()
        handler.dump(document, out)
        text = out.getvalue() if before else HEADER + out.getvalue()
        if text == before:
            result.unchanged.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            result.written.append(path)
    return result


# --- merging ---------------------------------------------------------------------------------


def _plain(value):
    """A ruamel node as plain data, to compare with what the mapping made."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _node(value):
    """Plain data as block-style ruamel nodes (a new field is written one value per line)."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _node(item)
        return node
    if isinstance(value, list):
        node = CommentedSeq(_node(item) for item in value)
        if all(isinstance(item, str) for item in value) and len(value) <= 8:
            node.fa.set_flow_style()  # short lists of words on one line: [fi, sv]
        return node
    return value


def _set(target: CommentedMap, key: str, value, order: list[str]) -> None:
    """Put `value` at `key`, where the model's field order puts it among the fields present."""
    if key in target:
        target[key] = value
        return
    position = 0
    for index, existing in enumerate(target):
        if existing in order and order.index(existing) < order.index(key):
            position = index + 1
    target.insert(position, key, value)


def _update(
    target: CommentedMap,
    new: dict,
    keep: set[str],
    inner: bool = False,
    text: bool = False,
    gone: frozenset[str] = frozenset(),
    order: list[str] | None = None,
) -> None:
    """Bring `target` to `new` key by key, leaving unchanged values as written. Inside an
    imported field (`inner`) what PTV no longer has goes, but for a text's other languages; an
    entry's own fields stay, as they may be written by hand (a description PTV lacks), but for
    those only PTV gives (`gone`: a channel's hours). A new field goes where `order` (the
    model's field order; by default `new`'s) puts it."""
    order = order or list(new)
    for key, value in new.items():
        if key in keep:
            continue
        current = target.get(key)
        if _plain(current) == value:
            continue
        if isinstance(current, CommentedMap) and isinstance(value, dict):
            _update(current, value, set(), inner=True, text=key in TEXT_FIELDS)
        else:
            _set(target, key, _node(value), order)
    for key in [key for key in target if key not in new and key not in keep]:
        if (inner and not text) or key in gone:
            del target[key]


# A contact's fields that come only from PTV: gone from PTV, gone here.
CONTACT_FROM_PTV = frozenset({"name", "note", "hours", "languages", "strong_identification"})


def _keep(entry) -> set[str]:
    mark = entry.get("ptv") if isinstance(entry, dict) else None
    return {str(name) for name in (mark.get("keep") or [])} if isinstance(mark, dict) else set()


def _kept(target, new: dict) -> tuple[dict, set[str]]:
    """`new` with the `keep` list of the entry as written carried into its fresh `ptv` mark,
    and that list: the fields the import leaves alone."""
    keep = _keep(target)
    if keep:
        new = {**new, "ptv": {**new["ptv"], "keep": list(keep)}}
    return new, keep


def _merge_entries(target: CommentedSeq, new: list[dict], key, merge_one) -> list[str]:
    """Imported entries updated in place, new ones appended, hand-written ones untouched;
    returns the imported entries PTV no longer has (listed for the coordinator, kept)."""
    by_ptv = {key(entry): index for index, entry in enumerate(target) if key(entry)}
    seen = set()
    for entry in new:
        guid = key(entry)
        seen.add(guid)
        if guid in by_ptv:
            merge_one(target[by_ptv[guid]], entry)
        else:
            target.append(_node(entry))
    return [
        str(entry.get("id") or key(entry))
        for entry in target
        if key(entry) and key(entry) not in seen
    ]


def _mark(entry) -> str | None:
    mark = entry.get("ptv") if isinstance(entry, dict) else None
    if isinstance(mark, dict):
        return str(mark.get("id", "")).lower() or None
    return str(mark).lower() if mark else None


def _merge_service(target: CommentedMap, new: dict) -> None:
    new, keep = _kept(target, new)
    keep |= {"id"}  # a slug once given stays: it is in every link to the page
    fields = {key: value for key, value in new.items() if key != "contacts"}
    _update(target, fields, keep, gone=frozenset({"locations"}))
    if "contacts" not in keep:
        current = target.setdefault("contacts", CommentedSeq())
        _merge_entries(
            current,
            new["contacts"],
            _mark,
            lambda old, fresh: _update(old, fresh, set(), gone=CONTACT_FROM_PTV),
        )


def _merge_location(target: CommentedMap, new: dict) -> None:
    new, keep = _kept(target, new)
    _update(target, new, keep | {"id"}, gone=frozenset({"coordinates", "hours"}))


def _merge_file(document: CommentedMap, provider: ImportedProvider, complete: bool) -> list[str]:
    """Merge one provider; `complete` when the input has the organisation itself, so entries
    missing from it are gone from PTV, not merely outside this input."""
    fields, keep = _kept(document, provider.fields)
    order = ["kind", "name", "website", "description", "reviewed", "owners", "ptv"]
    _update(document, fields, keep, order=order)
    gone = []
    renamed = _renames(document, provider)
    for kind, entries, merge in (
        ("locations", provider.locations, _merge_location),
        ("services", provider.services, _merge_service),
    ):
        if not entries and kind not in document:
            continue
        for entry in entries:
            _follow_renames(entry, renamed)
        target = document.get(kind)
        if target is None:
            target = CommentedSeq()
            _set(document, kind, target, [*order, "locations", "services", "meeting_places"])
        missing = _merge_entries(target, entries, _mark, merge)
        gone += [f"{kind}: {entry}" for entry in missing] if complete else []
    return gone


def _renames(document: CommentedMap, provider: ImportedProvider) -> dict[str, str]:
    """New slugs of locations imported before → the slugs they already have in the file."""
    existing = {_mark(entry): entry.get("id") for entry in document.get("locations") or []}
    renamed = {}
    for location in provider.locations:
        old = existing.get(location["ptv"]["id"])
        if old and old != location["id"]:
            renamed[location["id"]] = old
            location["id"] = old
    return renamed


def _follow_renames(entry: dict, renamed: dict[str, str]) -> None:
    if "locations" in entry:
        entry["locations"] = [renamed.get(slug, slug) for slug in entry["locations"]]
    for contact in entry.get("contacts") or []:
        if contact.get("location") in renamed:
            contact["location"] = renamed[contact["location"]]
