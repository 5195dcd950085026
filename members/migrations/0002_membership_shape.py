"""The membership shape of issue 17.

- A jurisdiction may have several memberships (a revoked one may join again): `Member.jurisdiction`
  becomes a foreign key, at most one membership per jurisdiction not revoked; the page's slug is
  the jurisdiction's, so `Member.slug` goes.
- The term's end becomes a dated record (`JurisdictionTerm`) changed only by the Support Unit;
  every `Jurisdiction.term_ends_on` becomes the first record of its jurisdiction, recorded on the
  day its first membership began (the date was known when the member joined), else today.
- `Jurisdiction.search_name` (name and region without accents) for the directory's search.
- `Member.extension_granted_on` (RULES.md §6); existing extensions keep it empty ("known from the
  start"). Field limits and constraints.
"""

import datetime
import unicodedata

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import rules.contrib.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

CARRIED_OVER = "Carried over from the jurisdiction's profile when terms became dated records."


def _fold(text):
    # members.models.fold_for_search as it stood when this migration was written.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def forwards(apps, schema_editor):
    Jurisdiction = apps.get_model("members", "Jurisdiction")
    JurisdictionTerm = apps.get_model("members", "JurisdictionTerm")
    Member = apps.get_model("members", "Member")
    first_joined = {}
    for jurisdiction_id, joined_on in Member.objects.values_list("jurisdiction_id", "joined_on"):
        if jurisdiction_id not in first_joined or joined_on < first_joined[jurisdiction_id]:
            first_joined[jurisdiction_id] = joined_on
    today = timezone.localdate()
    terms = []
    jurisdictions = list(Jurisdiction.objects.all())
    for jurisdiction in jurisdictions:
        jurisdiction.search_name = _fold(f"{jurisdiction.name} {jurisdiction.region}".strip())
        if jurisdiction.term_ends_on is not None:
            terms.append(
                JurisdictionTerm(
                    jurisdiction=jurisdiction,
                    ends_on=jurisdiction.term_ends_on,
                    recorded_on=first_joined.get(jurisdiction.pk, today),
                    reason=CARRIED_OVER,
                )
            )
    Jurisdiction.objects.bulk_update(jurisdictions, ["search_name"], batch_size=500)
    JurisdictionTerm.objects.bulk_create(terms, batch_size=500)


def backwards(apps, schema_editor):
    Jurisdiction = apps.get_model("members", "Jurisdiction")
    JurisdictionTerm = apps.get_model("members", "JurisdictionTerm")
    for jurisdiction in Jurisdiction.objects.all():
        latest = (
            JurisdictionTerm.objects.filter(jurisdiction=jurisdiction)
            .order_by("-recorded_on", "-pk")
            .first()
        )
        jurisdiction.term_ends_on = latest.ends_on if latest else None
        jurisdiction.save(update_fields=["term_ends_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="JurisdictionTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "ends_on",
                    models.DateField(
                        help_text="The last day of the administration's term (LH §1.1, §3.2).",
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1990, 1, 1),
                                "Enter a date on or after %(limit_value)s.",
                            )
                        ],
                        verbose_name="term ends on",
                    ),
                ),
                (
                    "recorded_on",
                    models.DateField(
                        help_text="From this day on, this record is the term in force.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1990, 1, 1),
                                "Enter a date on or after %(limit_value)s.",
                            )
                        ],
                        verbose_name="recorded on",
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        help_text="Where the date comes from, e.g. the electoral calendar.",
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="reason",
                    ),
                ),
            ],
            options={
                "verbose_name": "term of office",
                "verbose_name_plural": "terms of office",
                "ordering": ["jurisdiction__name", "-recorded_on", "-pk"],
            },
            bases=(rules.contrib.models.RulesModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="TermCorrectionRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "proposed_ends_on",
                    models.DateField(
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1990, 1, 1),
                                "Enter a date on or after %(limit_value)s.",
                            )
                        ],
                        verbose_name="proposed end of the term",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        help_text="Why the recorded date is wrong, and where the right one can be checked.",
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="note",
                    ),
                ),
                ("requested_on", models.DateField(verbose_name="requested on")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("applied", "Applied"),
                            ("declined", "Declined"),
                        ],
                        default="pending",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                (
                    "decision_reason",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="reason for the decision",
                    ),
                ),
            ],
            options={
                "verbose_name": "term correction request",
                "verbose_name_plural": "term correction requests",
                "ordering": ["-requested_on", "-pk"],
            },
            bases=(rules.contrib.models.RulesModelMixin, models.Model),
        ),
        migrations.AlterModelOptions(
            name="member",
            options={
                "ordering": ["jurisdiction__name", "-joined_on"],
                "verbose_name": "member",
                "verbose_name_plural": "members",
            },
        ),
        migrations.AddField(
            model_name="jurisdiction",
            name="search_name",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=401,
                verbose_name="search name",
            ),
        ),
        migrations.AddField(
            model_name="member",
            name="extension_granted_on",
            field=models.DateField(
                blank=True,
                help_text="The day the Support Unit granted the extension: the daily job knows it from then on (RULES.md §6). Empty for extensions recorded before this date was kept.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(
                        datetime.date(1990, 1, 1), "Enter a date on or after %(limit_value)s."
                    )
                ],
                verbose_name="extension granted on",
            ),
        ),
        migrations.AlterField(
            model_name="jurisdiction",
            name="population",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MaxValueValidator(
                        300000000,
                        "No jurisdiction has more than 300 million inhabitants; check the number.",
                    )
                ],
                verbose_name="population",
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="about",
            field=models.TextField(
                blank=True,
                help_text="A short public description of the member.",
                max_length=5000,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="about",
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="extension_reason",
            field=models.TextField(
                blank=True,
                max_length=2000,
                validators=[django.core.validators.MaxLengthValidator(2000)],
                verbose_name="reason for the extension",
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="extension_until",
            field=models.DateField(
                blank=True,
                help_text="An extension of the first-plan deadline the Support Unit granted a member that has begun co-creation (RULES.md §2).",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(
                        datetime.date(1990, 1, 1), "Enter a date on or after %(limit_value)s."
                    )
                ],
                verbose_name="extension until",
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="first_plan_due_on",
            field=models.DateField(
                help_text="The first action plan is due by this date (LH §4.1(1)).",
                validators=[
                    django.core.validators.MinValueValidator(
                        datetime.date(1990, 1, 1), "Enter a date on or after %(limit_value)s."
                    )
                ],
                verbose_name="first action plan due on",
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="joined_on",
            field=models.DateField(
                validators=[
                    django.core.validators.MinValueValidator(
                        datetime.date(1990, 1, 1), "Enter a date on or after %(limit_value)s."
                    )
                ],
                verbose_name="joined on",
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="jurisdiction",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="members.jurisdiction",
                verbose_name="jurisdiction",
            ),
        ),
        migrations.AddConstraint(
            model_name="jurisdiction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("population__isnull", True), ("population__lte", 300000000), _connector="OR"
                ),
                name="jurisdiction_population_plausible",
            ),
        ),
        migrations.AddConstraint(
            model_name="member",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "revoked"), _negated=True),
                fields=("jurisdiction",),
                name="member_one_unrevoked_per_jurisdiction",
            ),
        ),
        migrations.AddConstraint(
            model_name="member",
            constraint=models.CheckConstraint(
                condition=models.Q(("joined_on__gte", datetime.date(1990, 1, 1))),
                name="member_joined_on_plausible",
            ),
        ),
        migrations.AddConstraint(
            model_name="member",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("extension_granted_on__isnull", True),
                    models.Q(
                        ("extension_until__isnull", False),
                        ("extension_granted_on__gte", models.F("joined_on")),
                    ),
                    _connector="OR",
                ),
                name="member_extension_granted_after_joining",
            ),
        ),
        migrations.AddConstraint(
            model_name="member",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("about"), 5000
                ),
                name="member_about_length",
            ),
        ),
        migrations.AddField(
            model_name="jurisdictionterm",
            name="jurisdiction",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="terms",
                to="members.jurisdiction",
                verbose_name="jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="jurisdictionterm",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for records carried over from before terms had a history.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="recorded by",
            ),
        ),
        migrations.AddField(
            model_name="termcorrectionrequest",
            name="applied_term",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="correction_request",
                to="members.jurisdictionterm",
                verbose_name="term recorded",
            ),
        ),
        migrations.AddField(
            model_name="termcorrectionrequest",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AddField(
            model_name="termcorrectionrequest",
            name="jurisdiction",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="term_correction_requests",
                to="members.jurisdiction",
                verbose_name="jurisdiction",
            ),
        ),
        migrations.AddField(
            model_name="termcorrectionrequest",
            name="requested_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
        migrations.AddConstraint(
            model_name="jurisdictionterm",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__gte", datetime.date(1990, 1, 1)),
                    ("recorded_on__gte", datetime.date(1990, 1, 1)),
                ),
                name="jurisdiction_term_dates_plausible",
            ),
        ),
        migrations.AddConstraint(
            model_name="jurisdictionterm",
            constraint=models.CheckConstraint(
                condition=models.Q(("reason", ""), _negated=True),
                name="jurisdiction_term_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="termcorrectionrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "pending")),
                fields=("jurisdiction",),
                name="term_correction_one_pending_per_jurisdiction",
            ),
        ),
        migrations.AddConstraint(
            model_name="termcorrectionrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("state__in", ["pending", "applied", "declined"])),
                name="term_correction_state_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="termcorrectionrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("state", "pending"),
                    models.Q(
                        ("decided_on__isnull", False),
                        models.Q(("decision_reason", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="term_correction_decided_with_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="termcorrectionrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "applied"), _negated=True),
                    ("applied_term__isnull", False),
                    _connector="OR",
                ),
                name="term_correction_applied_has_term",
            ),
        ),
        migrations.AddConstraint(
            model_name="termcorrectionrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("proposed_ends_on__gte", datetime.date(1990, 1, 1))),
                name="term_correction_date_plausible",
            ),
        ),
        migrations.AlterField(
            model_name="member",
            name="website",
            field=models.URLField(
                blank=True,
                validators=[
                    django.core.validators.URLValidator(
                        message="Enter a full web address starting with https:// or http://.",
                        schemes=["http", "https"],
                    )
                ],
                verbose_name="website",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(
            model_name="jurisdiction",
            name="term_ends_on",
        ),
        migrations.RemoveField(
            model_name="member",
            name="slug",
        ),
    ]
