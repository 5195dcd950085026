"""File the events recorded before `AuditEvent.member` existed under their member's history.

The rules of `ogplocal.audit.registry` as they stood when this was written, on the historical
models: an event about a member belongs to it; about a jurisdiction, to the jurisdiction's member
(the one not revoked, else the latest to join); about anything with a `member` foreign key, to
that member. Events about objects since deleted keep no member.
"""

from django.db import migrations

BATCH = 1000


def _member_ids_by_object(apps, content_type, object_ids):
    Member = apps.get_model("members", "Member")
    try:
        model = apps.get_model(content_type.app_label, content_type.model)
    except LookupError:  # a model that no longer exists
        return {}
    pks = {object_id for object_id in object_ids if object_id.isdigit()}
    if model is Member:
        return {
            str(pk): pk for pk in Member.objects.filter(pk__in=pks).values_list("pk", flat=True)
        }
    if (content_type.app_label, content_type.model) == ("members", "jurisdiction"):
        found = {}
        # Latest to join first, revoked ones last: the first one seen per jurisdiction wins.
        members = Member.objects.filter(jurisdiction_id__in=pks).order_by("-joined_on", "-pk")
        for jurisdiction_id, member_id, status in members.values_list(
            "jurisdiction_id", "pk", "status"
        ):
            if str(jurisdiction_id) not in found or (
                found[str(jurisdiction_id)][1] == "revoked" and status != "revoked"
            ):
                found[str(jurisdiction_id)] = (member_id, status)
        return {key: member_id for key, (member_id, _status) in found.items()}
    field_names = {field.name for field in model._meta.get_fields()}
    if "member" in field_names:
        field = model._meta.get_field("member")
        if getattr(field, "many_to_one", False) and field.related_model is Member:
            rows = model._default_manager.filter(pk__in=pks).values_list("pk", "member_id")
            return {str(pk): member_id for pk, member_id in rows if member_id is not None}
    return {}


def fill_member(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type_ids = (
        AuditEvent.objects.filter(member__isnull=True)
        .values_list("content_type_id", flat=True)
        .distinct()
    )
    for content_type in ContentType.objects.filter(pk__in=list(content_type_ids)):
        events = AuditEvent.objects.filter(content_type=content_type, member__isnull=True)
        object_ids = set(events.values_list("object_id", flat=True))
        member_ids = _member_ids_by_object(apps, content_type, object_ids)
        if not member_ids:
            continue
        changed = []
        for event in events.only("pk", "object_id").iterator(chunk_size=BATCH):
            if event.object_id in member_ids:
                event.member_id = member_ids[event.object_id]
                changed.append(event)
        AuditEvent.objects.bulk_update(changed, ["member"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_member"),
        ("members", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(fill_member, migrations.RunPython.noop, elidable=True),
    ]
