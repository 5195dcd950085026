"""Build the open-data files: one CSV per table, one JSON file with every table, the Frictionless
`datapackage.json` describing them, and a dated ZIP of all of them.

Built by the periodic task (`ogplocal.opendata.tasks`) and `manage.py build_open_data`, never per
request: a download hands out the last build. The files live in the default storage:

    opendata/latest/members.csv, …, ogp-local.json, datapackage.json, manifest.json
    opendata/archive/ogp-local-open-data-YYYY-MM-DD.zip   (one per day built, kept)

Everything is written in English (column descriptions, country names), whatever the language of
whoever runs it, so that two builds of the same data are the same files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.utils import timezone, translation

from ogplocal.opendata.tables import Table, tables

LATEST = "opendata/latest"
ARCHIVE = "opendata/archive"
JSON_NAME = "ogp-local.json"
PACKAGE_NAME = "datapackage.json"
MANIFEST_NAME = "manifest.json"
ZIP_PATTERN = re.compile(r"^ogp-local-open-data-(\d{4}-\d{2}-\d{2})\.zip$")
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def zip_name(as_of: date) -> str:
    return f"ogp-local-open-data-{as_of.isoformat()}.zip"


@dataclass(frozen=True)
class BuiltFile:
    name: str
    size: int
    rows: int | None = None


def table_csv(table: Table, rows) -> str:
    """The CSV text of `rows` in `table`'s columns (header first; UTF-8, comma, CRLF, RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.header())
    for obj in rows:
        writer.writerow(table.cells(obj))
    return buffer.getvalue()


def datapackage(as_of: date, built_at) -> dict:
    """The Frictionless Data Package descriptor of the CSV files."""
    return {
        "profile": "tabular-data-package",
        "name": "ogp-local",
        "title": "OGP Local: members, action plans, commitments and milestones",
        "description": (
            "The public record of the Open Government Partnership's local programme, as published "
            "on the OGP Local portal. Drafts, unpublished assessments and personal contact data "
            "are not included."
        ),
        "version": as_of.isoformat(),
        "created": built_at.isoformat(timespec="seconds"),
        "homepage": settings.SITE_URL,
        "licenses": [LICENSE],
        "sources": [
            {"title": "OGP Local portal", "path": settings.SITE_URL},
        ],
        "resources": [table.resource() for table in tables()],
    }


def build_open_data(*, as_of: date, storage: Storage | None = None) -> list[BuiltFile]:
    """Write every file for `as_of` and the manifest the download page reads. Idempotent: a second
    build on the same day replaces that day's files."""
    storage = storage or default_storage
    built_at = timezone.now()
    contents: dict[str, bytes] = {}
    rows_of: dict[str, int] = {}
    everything: dict[str, list[dict]] = {}
    with translation.override("en"):
        for table in tables():
            rows = list(table.rows())
            rows_of[table.filename] = len(rows)
            contents[table.filename] = table_csv(table, rows).encode()
            everything[table.name] = [table.record(obj) for obj in rows]
        package = datapackage(as_of, built_at)
    contents[JSON_NAME] = json.dumps(
        {"version": as_of.isoformat(), "license": LICENSE, "tables": everything},
        ensure_ascii=False,
        indent=1,
    ).encode()
    contents[PACKAGE_NAME] = json.dumps(package, ensure_ascii=False, indent=2).encode()

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in contents.items():
            bundle.writestr(name, data)
    files = [BuiltFile(name, len(data), rows_of.get(name)) for name, data in contents.items()]
    for name, data in contents.items():
        _replace(storage, f"{LATEST}/{name}", data)
    _replace(storage, f"{ARCHIVE}/{zip_name(as_of)}", archive.getvalue())
    files.append(BuiltFile(zip_name(as_of), len(archive.getvalue())))
    manifest = {
        "as_of": as_of.isoformat(),
        "built_at": built_at.isoformat(timespec="seconds"),
        "files": [file.__dict__ for file in files],
    }
    _replace(storage, f"{LATEST}/{MANIFEST_NAME}", json.dumps(manifest).encode())
    return files


def _replace(storage: Storage, name: str, data: bytes) -> None:
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    assert saved == name, f"storage saved {name} as {saved}"


def read_manifest(storage: Storage | None = None) -> dict | None:
    """The last build's manifest, or None when nothing was built yet."""
    storage = storage or default_storage
    name = f"{LATEST}/{MANIFEST_NAME}"
    if not storage.exists(name):
        return None
    with storage.open(name) as handle:
        return json.loads(handle.read())


def archived_zips(storage: Storage | None = None) -> list[str]:
    """The dated ZIPs kept, newest first."""
    storage = storage or default_storage
    if not storage.exists(ARCHIVE):
        return []
    _dirs, names = storage.listdir(ARCHIVE)
    return sorted((name for name in names if ZIP_PATTERN.match(name)), reverse=True)


def storage_name(file_name: str) -> str | None:
    """Where a public file of that name is stored, or None if no such file may be handed out."""
    if ZIP_PATTERN.match(file_name):
        return f"{ARCHIVE}/{file_name}"
    if file_name in {table.filename for table in tables()} | {JSON_NAME, PACKAGE_NAME}:
        return f"{LATEST}/{file_name}"
    return None


def zip_name_of(manifest: dict) -> str:
    return zip_name(date.fromisoformat(manifest["as_of"]))
