"""The open-data pages: downloads (files built by the periodic task, handed out as they are), the
filtered CSV of the member directory, and the documentation of the data."""

from dataclasses import dataclass
from datetime import date

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from commitments.models import Commitment
from members.filters import MemberFilterSet
from members.models import Member
from members.selectors import member_by_slug, members_for
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.opendata import build, vocabularies
from ogplocal.opendata.selectors import (
    COMMITMENT_TABLES,
    MEMBER_TABLES,
    commitment_rows,
    member_rows,
    public_commitments,
)
from ogplocal.opendata.tables import table, tables


@dataclass(frozen=True)
class OpenDataFile:
    name: str
    storage_name: str


def open_data_file(*, file_name: str, user) -> OpenDataFile:
    """A built file anyone may download, by its public name; 404 for any other name."""
    stored = build.storage_name(file_name)
    if stored is None or not default_storage.exists(stored):
        raise Http404
    return OpenDataFile(file_name, stored)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    manifest = build.read_manifest()
    if manifest is None:
        # Nothing built yet (a fresh installation): build once now, then the periodic task.
        build.build_open_data(as_of=timezone.localdate())
        manifest = build.read_manifest()
    return render(
        request,
        "opendata/index.html",
        {
            "manifest": manifest,
            "files": manifest["files"],
            "zip_name": build.zip_name_of(manifest),
            "built_on": date.fromisoformat(manifest["as_of"]),
            "archive": build.archived_zips()[1:13],
            "license": build.LICENSE,
            "meta_description": _(
                "Download everything public on the OGP Local portal as CSV, JSON or one dated ZIP "
                "with a Frictionless data package, read it through the API, or follow it in Atom "
                "feeds."
            ),
        },
    )


@require_GET
def documentation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/documentation.html",
        {
            "tables": tables(),
            "vocabularies": vocabularies.vocabularies(),
            "rules": vocabularies.status_rules(),
            "deadlines": vocabularies.deadlines(),
            "license": build.LICENSE,
            "meta_description": _(
                "The columns of the OGP Local open data, the Annex 2 vocabularies, and the status "
                "rules with their Handbook sections."
            ),
        },
    )


_CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".zip": "application/zip",
}


@require_GET
@cache_control(public=True, max_age=3600)
@object_permission_required(open_data_file, "opendata.view_public_data")
def download(request: HttpRequest, file: OpenDataFile) -> FileResponse:
    extension = file.name[file.name.rfind(".") :]
    response = FileResponse(
        default_storage.open(file.storage_name),
        as_attachment=extension == ".zip",
        filename=file.name,
        content_type=_CONTENT_TYPES[extension],
    )
    return response


@require_GET
def members_csv(request: HttpRequest) -> HttpResponse:
    """The member directory as CSV, filtered by the directory's own FilterSet and query string:
    exactly the rows the page lists, in the columns of the open-data members table."""
    filterset = MemberFilterSet(
        request.GET or None, queryset=members_for(request.user), request=request
    )
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse(
            "\n".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return _csv_download(table("members"), filterset.qs, "ogp-local-members.csv")


def _csv_download(declared, rows, filename: str) -> HttpResponse:
    """`rows` in the columns of the published table `declared`, as a CSV attachment."""
    response = HttpResponse(build.table_csv(declared, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class MemberTable:
    member: Member
    table_name: str


def member_table(*, slug: str, table_name: str, user) -> MemberTable:
    """A table of one member anyone may download: 404 for a member `user` may not see or a name
    that is not one of the member's tables."""
    if table_name not in MEMBER_TABLES:
        raise Http404
    return MemberTable(member_by_slug(slug=slug, user=user), table_name)


@require_GET
@object_permission_required(member_table, "opendata.view_public_data")
def member_table_csv(request: HttpRequest, wanted: MemberTable) -> HttpResponse:
    """One member's rows of an open-data table as CSV (its own and its coalitions' joint plans
    with their commitments, milestones, updates and assessments; its status changes), in the
    columns of the published file. Built per request: a member's share is small."""
    member, name = wanted.member, wanted.table_name
    declared = table(name)
    rows = member_rows(name, declared.rows(), member)
    return _csv_download(declared, rows, f"ogp-local-{member.jurisdiction.slug}-{name}.csv")


@dataclass(frozen=True)
class CommitmentTable:
    commitment: Commitment
    table_name: str


def commitment_table(*, commitment_id: int, table_name: str, user) -> CommitmentTable:
    """A table of one commitment of a submitted plan: 404 for a draft's commitment (nothing of it
    is public data) or a name that is not one of a commitment's tables."""
    if table_name not in COMMITMENT_TABLES:
        raise Http404
    return CommitmentTable(get_object_or_404(public_commitments(), pk=commitment_id), table_name)


@require_GET
@object_permission_required(commitment_table, "opendata.view_public_data")
def commitment_table_csv(request: HttpRequest, wanted: CommitmentTable) -> HttpResponse:
    """One commitment's rows of an open-data table as CSV (itself, its milestones, every version
    of its tracker updates, its end-of-commitment assessments), in the columns of the published
    file: what its page and its tracker history list."""
    commitment, name = wanted.commitment, wanted.table_name
    declared = table(name)
    rows = commitment_rows(name, declared.rows(), commitment)
    return _csv_download(declared, rows, f"ogp-local-commitment-{commitment.pk}-{name}.csv")
