"""What the public API shows of each row: public fields only, never a contact's e-mail address or
phone number (Annex 2 names the contact people, not how to reach them privately)."""

from django.urls import reverse
from rest_framework import serializers

from actionplans.models import ActionPlan
from commitments.models import Commitment, Milestone
from members.models import Member


class MemberSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="jurisdiction.slug", read_only=True)
    name = serializers.CharField(source="jurisdiction.name", read_only=True)
    country = serializers.CharField(source="jurisdiction.country.iso_code", read_only=True)
    region = serializers.CharField(source="jurisdiction.country.ogp_region", read_only=True)
    jurisdiction_kind = serializers.CharField(source="jurisdiction.kind", read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = [
            "id",
            "slug",
            "name",
            "country",
            "region",
            "jurisdiction_kind",
            "joined_on",
            "first_plan_due_on",
            "extension_until",
            "status",
            "status_voluntary",
            "status_since",
            "website",
            "about",
            "page",
        ]

    def get_page(self, member: Member) -> str:
        url = reverse("members:detail", args=[member.jurisdiction.slug])
        return self.context["request"].build_absolute_uri(url)


class ActionPlanSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner_name", read_only=True)
    coalition = serializers.CharField(source="coalition.name", read_only=True, default=None)
    monitoring_body = serializers.CharField(
        source="monitoring_body.name", read_only=True, default=None
    )
    commitment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "member",
            "coalition",
            "owner",
            "version",
            "submitted_on",
            "starts_on",
            "ends_on",
            "monitoring_body",
            "commitment_count",
        ]


class CommitmentSerializer(serializers.ModelSerializer):
    ogp_values = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "plan",
            "jurisdiction",
            "number",
            "title",
            "starts_on",
            "ends_on",
            "completed_on",
            "submitted_on",
            "removed_on",
            "lead_agency",
            "lead_agency_branch",
            "lead_contact_name",
            "lead_contact_title",
            "lead_role",
            "ngo_name",
            "ngo_contact_name",
            "ngo_contact_title",
            "ngo_role",
            "other_stakeholders",
            "problem",
            "status_quo",
            "action",
            "contribution",
            "long_term_goal",
            "policy_area",
            "second_policy_area",
            "sector",
            "second_sector",
            "ogp_values",
            "resources",
            "resources_secured",
            "additional_information",
        ]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id",
            "commitment",
            "number",
            "output",
            "starts_on",
            "ends_on",
            "responsible_agency",
            "contact_name",
        ]


class TrackerUpdateSerializer(serializers.Serializer):
    """One filed version of a tracker update (a correction is a later version with its reason)."""

    id = serializers.IntegerField()
    update = serializers.IntegerField(source="update_id")
    commitment = serializers.IntegerField(source="update.commitment_id")
    quarter_starts_on = serializers.DateField(source="update.quarter_starts_on")
    quarter = serializers.CharField(source="update.quarter_label")
    submitted_on = serializers.DateField(source="update.submitted_on")
    number = serializers.IntegerField()
    filed_on = serializers.DateField()
    completion_level = serializers.CharField()
    previous_level = serializers.CharField()
    progress = serializers.BooleanField()
    narrative = serializers.CharField()
    next_steps = serializers.CharField()
    correction_reason = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.IntegerField(source="plan_id")
    commitment = serializers.IntegerField(source="commitment_id", allow_null=True)
    monitoring_body = serializers.CharField(source="body.name")
    kind = serializers.CharField()
    version = serializers.IntegerField()
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)
    correction_reason = serializers.CharField()
    published_on = serializers.DateField()
    completion_level = serializers.CharField()
    early_results = serializers.CharField()
    evidence = serializers.CharField()
    successes = serializers.CharField()
    improvements = serializers.CharField()
    lack_of_progress = serializers.CharField()
    way_forward = serializers.CharField()
    participants = serializers.CharField()


class StatusChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id")
    effective_on = serializers.DateField()
    status = serializers.CharField()
    voluntary = serializers.BooleanField()
    rules = serializers.ListField(child=serializers.CharField())
    kind = serializers.CharField()
    recorded_on = serializers.DateField()
