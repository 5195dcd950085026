"""Reviewers hold their role for a period, as points of contact do.

Existing reviewers start on the day their account was created (the earliest day they could have
been named), and stay open-ended.
"""

from django.db import migrations, models


def start_on_account_creation(apps, schema_editor):
    MonitoringBodyReviewer = apps.get_model("monitoring", "MonitoringBodyReviewer")
    for reviewer in MonitoringBodyReviewer.objects.select_related("user").filter(
        starts_on__isnull=True
    ):
        reviewer.starts_on = reviewer.user.date_joined.date()
        reviewer.save(update_fields=["starts_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="monitoringbodyreviewer",
            name="reviewer_unique_per_body",
        ),
        migrations.RemoveConstraint(
            model_name="monitoringbodyreviewer",
            name="reviewer_one_lead_per_body",
        ),
        migrations.AddField(
            model_name="monitoringbodyreviewer",
            name="ends_on",
            field=models.DateField(
                blank=True, help_text="The last day in the role.", null=True, verbose_name="ends on"
            ),
        ),
        migrations.AddField(
            model_name="monitoringbodyreviewer",
            name="starts_on",
            field=models.DateField(null=True, verbose_name="starts on"),
        ),
        migrations.RunPython(start_on_account_creation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="monitoringbodyreviewer",
            name="starts_on",
            field=models.DateField(verbose_name="starts on"),
        ),
        migrations.AddConstraint(
            model_name="monitoringbodyreviewer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("ends_on__isnull", True)),
                fields=("body", "user"),
                name="reviewer_unique_open_per_body",
            ),
        ),
        migrations.AddConstraint(
            model_name="monitoringbodyreviewer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("ends_on__isnull", True), ("role", "lead")),
                fields=("body",),
                name="reviewer_one_open_lead_per_body",
            ),
        ),
        migrations.AddConstraint(
            model_name="monitoringbodyreviewer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="reviewer_ends_after_start",
            ),
        ),
    ]
