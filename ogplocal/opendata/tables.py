"""The open-data tables, declared once: the CSV and JSON files, the `datapackage.json` that
describes them, the filtered CSV of the member directory and the data documentation page all read
these declarations, so a column cannot be in a file without being described, or the reverse.

Each column has a Frictionless type (`integer`, `string`, `date`, `boolean`), a description, and
for a vocabulary its allowed values (`enum`). Values are written as text: dates in ISO 8601,
booleans as `true`/`false`, an absent value as an empty cell, lists joined by `;`.

Only public rows reach a table (`ogplocal.opendata.selectors`), and only public columns are
declared: no contact e-mail address or phone number, no draft text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionPlan
from commitments.models import Commitment, Milestone, OgpValue
from members.models import Jurisdiction, Member, OgpRegion
from ogplocal.opendata import selectors

_TYPES = {
    models.DateField: "date",
    models.BooleanField: "boolean",
    models.PositiveIntegerField: "integer",
    models.PositiveSmallIntegerField: "integer",
    models.IntegerField: "integer",
    models.BigAutoField: "integer",
    models.AutoField: "integer",
    models.ForeignKey: "integer",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: Any  # a lazy translation
    value: Callable[[Any], Any]
    enum: tuple[str, ...] = ()
    required: bool = False

    def cell(self, obj) -> str:
        """The value of this column for `obj`, as the text written to a CSV cell."""
        return to_text(self.value(obj))

    def json_value(self, obj):
        value = self.value(obj)
        if isinstance(value, date):
            return value.isoformat()
        if value == "" and self.type != "string":
            return None
        return value

    def schema(self) -> dict:
        """The Frictionless field descriptor."""
        descriptor: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": str(self.description),
        }
        constraints: dict[str, Any] = {}
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.required:
            constraints["required"] = True
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


def to_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return str(value)


def model_column(model, name: str, *, as_name: str | None = None, path: str | None = None):
    """A column read from a model field: its type, description and vocabulary from the field.

    `path` reads it through related objects ("jurisdiction.kind"); `as_name` renames it."""
    model_field = model._meta.get_field(name)
    column_type = next(
        (kind for cls, kind in _TYPES.items() if isinstance(model_field, cls)), "string"
    )
    attribute = model_field.attname if model_field.is_relation else name
    steps = [*(path.split(".") if path else []), attribute]

    def value(obj):
        for step in steps:
            obj = getattr(obj, step, None)
            if obj is None:
                return None
        return obj

    enum = tuple(str(choice) for choice, _label in model_field.choices or ())
    description = model_field.verbose_name
    if model_field.help_text:
        description = _("%(name)s: %(help)s") % {
            "name": model_field.verbose_name,
            "help": model_field.help_text,
        }
    return Column(
        name=as_name or (model_field.attname if model_field.is_relation else name),
        type=column_type,
        description=description,
        value=value,
        enum=enum,
        required=name == "id",
    )


@dataclass(frozen=True)
class Table:
    name: str
    title: Any
    description: Any
    rows: Callable[[], Iterable]
    columns: list[Column]
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def cells(self, obj) -> list[str]:
        return [column.cell(obj) for column in self.columns]

    def record(self, obj) -> dict:
        return {column.name: column.json_value(obj) for column in self.columns}

    def resource(self) -> dict:
        """The Frictionless Data Resource describing this table's CSV file."""
        return {
            "name": self.name,
            "path": self.filename,
            "title": str(self.title),
            "description": str(self.description),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": {
                "fields": [column.schema() for column in self.columns],
                "primaryKey": ["id"],
                "missingValues": [""],
                "foreignKeys": [
                    {"fields": [column], "reference": {"resource": resource, "fields": [target]}}
                    for column, resource, target in self.foreign_keys
                ],
            },
        }


def _page(name: str, *args) -> Callable[[Any], str]:
    return lambda obj: reverse(name, args=[arg(obj) for arg in args])


def _members() -> Table:
    return Table(
        name="members",
        title=_("Members"),
        description=_(
            "Every member of OGP Local, with its jurisdiction and its current status (RULES.md "
            "§2), as the daily rules job recorded it."
        ),
        rows=selectors.public_members,
        columns=[
            model_column(Member, "id"),
            model_column(Jurisdiction, "slug", path="jurisdiction"),
            model_column(Jurisdiction, "name", path="jurisdiction"),
            Column(
                "country_code",
                "string",
                _("ISO 3166-1 alpha-2 code of the country"),
                lambda m: m.jurisdiction.country.iso_code,
            ),
            Column(
                "country",
                "string",
                _("name of the country (English)"),
                lambda m: m.jurisdiction.country.name,
            ),
            Column(
                "ogp_region",
                "string",
                _("OGP region of the country"),
                lambda m: m.jurisdiction.country.ogp_region,
                enum=tuple(OgpRegion.values),
            ),
            model_column(Jurisdiction, "region", path="jurisdiction"),
            model_column(Jurisdiction, "kind", as_name="jurisdiction_kind", path="jurisdiction"),
            model_column(Jurisdiction, "population", path="jurisdiction"),
            model_column(Member, "joined_on"),
            Column("cohort", "integer", _("year the member joined"), lambda m: m.joined_on.year),
            model_column(Member, "first_plan_due_on"),
            model_column(Member, "extension_until"),
            model_column(Member, "status"),
            model_column(Member, "status_voluntary"),
            model_column(Member, "status_since"),
            model_column(Member, "website"),
            model_column(Member, "about"),
            Column(
                "page",
                "string",
                _("address of the member's page on this portal"),
                _page("members:detail", lambda m: m.jurisdiction.slug),
            ),
        ],
    )


def _plans() -> Table:
    return Table(
        name="plans",
        title=_("Action plans"),
        description=_(
            "Submitted action plans (LH §3.2), a member's own or a coalition's joint plan "
            "(LH §3.4); drafts are not published."
        ),
        rows=selectors.public_plans,
        columns=[
            model_column(ActionPlan, "id"),
            model_column(ActionPlan, "member"),
            Column(
                "coalition",
                "string",
                _("name of the coalition of a joint plan"),
                lambda p: p.coalition.name if p.coalition_id else "",
            ),
            Column(
                "owner",
                "string",
                _("the member or coalition the plan belongs to"),
                lambda p: p.owner_name,
            ),
            model_column(ActionPlan, "version"),
            model_column(ActionPlan, "submitted_on"),
            model_column(ActionPlan, "starts_on"),
            model_column(ActionPlan, "ends_on"),
            Column(
                "monitoring_body",
                "string",
                _("the independent monitoring body of the plan (LH §3.5)"),
                lambda p: p.monitoring_body.name if p.monitoring_body_id else "",
            ),
            Column(
                "commitment_count",
                "integer",
                _("number of commitments in the plan, removed ones included"),
                lambda p: p.commitment_count,
            ),
            Column(
                "page",
                "string",
                _("address of the plan's page on this portal"),
                _page("plans:detail", lambda p: p.pk),
            ),
        ],
        foreign_keys=[("member_id", "members", "id")],
    )


_COMMITMENT_FIELDS = [
    "id", "plan", "jurisdiction", "number", "title", "starts_on", "ends_on", "completed_on",
    "submitted_on", "removed_on", "lead_agency", "lead_agency_branch", "lead_contact_name",
    "lead_contact_title", "lead_role", "ngo_name", "ngo_contact_name", "ngo_contact_title",
    "ngo_role", "other_stakeholders", "problem", "status_quo", "action", "contribution",
    "long_term_goal", "policy_area", "second_policy_area", "sector", "second_sector",
]  # fmt: skip


def _commitments() -> Table:
    columns = [model_column(Commitment, name) for name in _COMMITMENT_FIELDS]
    columns += [
        Column(
            "ogp_values",
            "string",
            _("OGP values the commitment is relevant to, separated by semicolons"),
            lambda c: [value for value in c.ogp_values if value in OgpValue.values],
        ),
        model_column(Commitment, "resources"),
        model_column(Commitment, "resources_secured"),
        model_column(Commitment, "additional_information"),
        Column(
            "page",
            "string",
            _("address of the commitment's page on this portal"),
            _page("commitments:detail", lambda c: c.pk),
        ),
    ]
    return Table(
        name="commitments",
        title=_("Commitments"),
        description=_(
            "The commitments of submitted action plans, with every field of the Handbook's "
            "Annex 2 template except the contacts' e-mail addresses."
        ),
        rows=selectors.public_commitments,
        columns=columns,
        foreign_keys=[("plan_id", "plans", "id")],
    )


def _milestones() -> Table:
    return Table(
        name="milestones",
        title=_("Milestones"),
        description=_("The milestones of each published commitment (Annex 2, field 17)."),
        rows=selectors.public_milestones,
        columns=[
            model_column(Milestone, name)
            for name in (
                "id",
                "commitment",
                "number",
                "output",
                "starts_on",
                "ends_on",
                "responsible_agency",
                "contact_name",
            )
        ],
        foreign_keys=[("commitment_id", "commitments", "id")],
    )


def _updates() -> Table:
    from tracker.models_updates import TrackerUpdate, TrackerUpdateVersion

    version = [
        model_column(TrackerUpdateVersion, name)
        for name in (
            "id", "update", "number", "filed_on", "completion_level", "previous_level",
            "progress", "narrative", "next_steps", "correction_reason",
        )
    ]  # fmt: skip
    return Table(
        name="updates",
        title=_("Tracker updates"),
        description=_(
            "The quarterly tracker updates on each published commitment (LH §3.5.4), one row per "
            "filed version: a correction is a new version with its reason."
        ),
        rows=selectors.public_update_versions,
        columns=[
            *version[:2],
            model_column(TrackerUpdate, "commitment", path="update"),
            model_column(TrackerUpdate, "quarter_starts_on", path="update"),
            Column(
                "quarter", "string", _("the quarter reported on"), lambda v: v.update.quarter_label
            ),
            model_column(TrackerUpdate, "submitted_on", path="update"),
            *version[2:],
        ],
        foreign_keys=[("commitment_id", "commitments", "id")],
    )


def _assessments() -> Table:
    from monitoring.models import Assessment

    names = (
        "id", "plan", "commitment", "kind", "version", "corrects", "correction_reason",
        "published_on", "co_creation_meeting_count", "implementation_meeting_count",
        "contribution_count", "endorsing_stakeholder_count", "completion_level", "early_results",
        "evidence", "successes", "improvements", "lack_of_progress", "way_forward",
        "participants",
    )  # fmt: skip
    columns = [model_column(Assessment, name) for name in names]
    columns.insert(
        3,
        Column(
            "monitoring_body",
            "string",
            _("the independent monitoring body that wrote it (LH §3.5)"),
            lambda a: a.body.name,
        ),
    )
    columns.append(
        Column(
            "page",
            "string",
            _("address of the assessment's page on this portal"),
            _page("monitoring:assessment", lambda a: a.pk),
        ),
    )
    return Table(
        name="assessments",
        title=_("Assessments"),
        description=_(
            "Published assessments of the monitoring bodies: inception (LH §3.5.1), end of "
            "commitment (LH §3.5.2) and final learning exercise (LH §3.5.3). Drafts and "
            "assessments still open for comments are not published."
        ),
        rows=selectors.public_assessments,
        columns=columns,
        foreign_keys=[("plan_id", "plans", "id"), ("commitment_id", "commitments", "id")],
    )


def _status_changes() -> Table:
    from tracker.status_models import StatusChange

    return Table(
        name="status_changes",
        title=_("Status changes"),
        description=_(
            "Each status the portal announced for a member, from the day it took effect, with the "
            "rules in force (see the status rules below); recorded by the daily rules job."
        ),
        rows=selectors.public_status_changes,
        columns=[
            model_column(StatusChange, "id"),
            model_column(StatusChange, "member"),
            model_column(StatusChange, "effective_on"),
            model_column(StatusChange, "status"),
            model_column(StatusChange, "voluntary"),
            Column(
                "rules",
                "string",
                _("identifiers of the rules in force, separated by semicolons"),
                lambda c: list(c.rules or []),
            ),
            model_column(StatusChange, "kind"),
            model_column(StatusChange, "recorded_on"),
        ],
        foreign_keys=[("member_id", "members", "id")],
    )


def tables() -> list[Table]:
    """Every open-data table, in the order of the files and of the documentation."""
    return [
        _members(),
        _plans(),
        _commitments(),
        _milestones(),
        _updates(),
        _assessments(),
        _status_changes(),
    ]


def table(name: str) -> Table:
    return next(t for t in tables() if t.name == name)
