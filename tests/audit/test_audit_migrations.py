"""The events recorded before `AuditEvent.member` existed are filed under their member."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(audit_migration: str):
    """Every app at its latest migration but the audit app at `audit_migration`; the models as
    they stand then."""
    executor = MigrationExecutor(connection)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "audit"]
    targets.append(("audit", audit_migration))
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_existing_events_are_filed_under_their_member():
    apps = _migrate("0002_member")
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Country = apps.get_model("members", "Country")
    Jurisdiction = apps.get_model("members", "Jurisdiction")
    Member = apps.get_model("members", "Member")
    User = apps.get_model("accounts", "User")
    PointOfContact = apps.get_model("members", "PointOfContact")

    country = Country.objects.create(name="Kenya", iso_code="KE", ogp_region="africa_middle_east")
    jurisdiction = Jurisdiction.objects.create(
        name="Makueni", slug="makueni", country=country, kind="county"
    )
    member_fields = (
        {"slug": "makueni"}
        if any(field.name == "slug" for field in Member._meta.concrete_fields)
        else {}
    )
    member = Member.objects.create(
        jurisdiction=jurisdiction,
        joined_on="2024-02-01",
        first_plan_due_on="2024-08-01",
        **member_fields,
    )
    user = User.objects.create(email="poc@example.org")
    record = PointOfContact.objects.create(member=member, user=user, starts_on="2024-02-01")

    def event(model, obj):
        content_type, _created = ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        return AuditEvent.objects.create(
            verb="x.changed", content_type=content_type, object_id=str(obj.pk), object_repr="x"
        ).pk

    about_member = event(Member, member)
    about_jurisdiction = event(Jurisdiction, jurisdiction)
    about_record = event(PointOfContact, record)
    about_country = event(Country, country)
    about_deleted_member = AuditEvent.objects.create(
        verb="member.deleted",
        content_type=ContentType.objects.get(app_label="members", model="member"),
        object_id="999999",
        object_repr="Gone",
    ).pk

    apps = _migrate("0003_fill_member")
    filed = dict(apps.get_model("audit", "AuditEvent").objects.values_list("pk", "member_id"))

    assert filed == {
        about_member: member.pk,
        about_jurisdiction: member.pk,
        about_record: member.pk,
        about_country: None,
        about_deleted_member: None,
    }
