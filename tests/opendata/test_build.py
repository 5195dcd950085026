"""The open-data build (issue 22): CSV per table, JSON, a dated ZIP with a valid Frictionless
datapackage.json; public rows only; built by the task and the command, not per request."""

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from frictionless import Package, validate

from ogplocal.opendata import build
from ogplocal.opendata.tables import tables
from ogplocal.opendata.tasks import build_open_data_task
from tests.factories import ActionPlanFactory, CommitmentFactory, MemberFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 29)


@pytest.fixture
def world():
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Bogotá")
    commitment = CommitmentFactory(plan=plan, ogp_values=["transparency", "participation"])
    MilestoneFactory(commitment=commitment)
    draft = ActionPlanFactory(long_term_vision="DRAFT-VISION-never-public")
    CommitmentFactory(plan=draft, title="DRAFT-COMMITMENT-never-public")
    MemberFactory(status="probation")
    return {"plan": plan, "commitment": commitment, "draft": draft}


def _read(name: str) -> bytes:
    with default_storage.open(f"{build.LATEST}/{name}") as handle:
        return handle.read()


def _csv_rows(name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_read(name).decode())))


def test_each_table_is_a_csv_file_with_only_public_rows(world):
    build.build_open_data(as_of=AS_OF)
    assert [row["id"] for row in _csv_rows("plans.csv")] == [str(world["plan"].pk)]
    assert [row["id"] for row in _csv_rows("commitments.csv")] == [str(world["commitment"].pk)]
    assert len(_csv_rows("members.csv")) == 3
    assert len(_csv_rows("milestones.csv")) == 1


def test_a_list_is_written_with_semicolons_and_a_date_in_iso(world):
    build.build_open_data(as_of=AS_OF)
    (row,) = _csv_rows("commitments.csv")
    assert row["ogp_values"] == "transparency;participation"
    assert row["starts_on"] == "2025-01-01"


def test_no_draft_text_or_contact_email_is_in_any_file(world):
    world["commitment"].lead_contact_email = "lead.private@example.org"
    world["commitment"].save()
    build.build_open_data(as_of=AS_OF)
    zip_path = f"{build.ARCHIVE}/{build.zip_name(AS_OF)}"
    with default_storage.open(zip_path) as handle, zipfile.ZipFile(handle) as bundle:
        everything = b"".join(bundle.read(name) for name in bundle.namelist())
    assert b"DRAFT-" not in everything
    assert b"lead.private@example.org" not in everything
    assert "Bogotá".encode() in everything


def test_the_zip_holds_every_csv_the_json_and_the_datapackage(world):
    build.build_open_data(as_of=AS_OF)
    with default_storage.open(f"{build.ARCHIVE}/ogp-local-open-data-2026-11-29.zip") as handle:
        names = set(zipfile.ZipFile(handle).namelist())
    assert names == {t.filename for t in tables()} | {"ogp-local.json", "datapackage.json"}


def test_the_json_file_holds_every_table(world):
    build.build_open_data(as_of=AS_OF)
    data = json.loads(_read("ogp-local.json"))
    assert set(data["tables"]) == {t.name for t in tables()}
    assert data["tables"]["plans"][0]["id"] == world["plan"].pk


def test_the_data_package_validates_with_frictionless(world, tmp_path):
    build.build_open_data(as_of=AS_OF)
    folder = tmp_path / "unzipped"
    with default_storage.open(f"{build.ARCHIVE}/{build.zip_name(AS_OF)}") as handle:
        zipfile.ZipFile(handle).extractall(folder)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(folder / "datapackage.json"))
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    assert package.sources
    described = {r.name: [f.name for f in r.schema.fields] for r in package.resources}
    for name in described:
        with open(folder / f"{name}.csv", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert described[name] == header  # every column described, in order


def test_the_data_package_catches_a_broken_file(world, tmp_path):
    """The validation can fail: a commitment pointing at a plan not in the package."""
    build.build_open_data(as_of=AS_OF)
    folder = tmp_path / "unzipped"
    with default_storage.open(f"{build.ARCHIVE}/{build.zip_name(AS_OF)}") as handle:
        zipfile.ZipFile(handle).extractall(folder)
    path = folder / "commitments.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows[0]["plan_id"] = "999999"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert not validate(str(folder / "datapackage.json")).valid


def test_every_field_has_a_type_and_a_description():
    for table in tables():
        for field in table.resource()["schema"]["fields"]:
            assert field["type"] in {"integer", "string", "date", "boolean"}
            assert field["description"], (table.name, field["name"])


def test_a_second_build_on_the_same_day_replaces_the_files(world):
    build.build_open_data(as_of=AS_OF)
    CommitmentFactory(plan=world["plan"])
    build.build_open_data(as_of=AS_OF)
    assert len(_csv_rows("commitments.csv")) == 2
    assert build.archived_zips() == [build.zip_name(AS_OF)]


def test_the_command_builds_the_files_for_a_date(world):
    out = io.StringIO()
    call_command("build_open_data", "--as-of", "2026-01-31", stdout=out)
    assert "ogp-local-open-data-2026-01-31.zip" in out.getvalue()
    assert build.read_manifest()["as_of"] == "2026-01-31"


def test_the_periodic_task_builds_the_files(world):
    assert build_open_data_task.delay().get() == len(tables()) + 3
    assert build.read_manifest() is not None


def test_the_task_is_scheduled_daily(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["build-open-data"]
    assert schedule["task"] == "ogplocal.opendata.build"
    assert schedule["schedule"] == 24 * 60 * 60
