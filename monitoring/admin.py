"""Monitoring in the Support Unit admin.

Bodies, their reviewers and the pool of trained reviewers are kept here (every change audited by
`AuditedModelAdmin`). Everything filed — assessments and their rows, evidence, invitations,
comments, findings, endorsements, the Support Unit's answers and introductions — is read-only:
it changes only through `monitoring.services`, which check the transition table and never edit
what was filed (STYLE.md rules 4 and 5)."""

from django.contrib import admin

from monitoring.models import (
    Assessment,
    AssessmentComment,
    AssessmentEvidence,
    BodyAssignmentReview,
    BodyEndorsement,
    CommentInvitation,
    CommitmentRating,
    MonitoringBody,
    MonitoringBodyReviewer,
    PracticeAssessment,
    RequirementCheck,
    RequirementFinding,
    ReviewerIntroduction,
    TrainedReviewer,
)
from ogplocal.accounts.rules import is_support_unit
from ogplocal.audit.admin import AuditedModelAdmin


@admin.register(MonitoringBody)
class MonitoringBodyAdmin(AuditedModelAdmin):
    list_display = ("name", "country", "organization", "is_active")
    list_filter = ("is_active", "country__ogp_region", "country")
    search_fields = ("name", "organization__name", "country__name")
    list_select_related = ("country", "organization")
    autocomplete_fields = ("country", "organization")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(MonitoringBodyReviewer)
class MonitoringBodyReviewerAdmin(AuditedModelAdmin):
    list_display = ("user", "body", "role", "starts_on", "ends_on")
    list_filter = ("role", "body", "ends_on")
    search_fields = ("user__email", "user__full_name", "body__name")
    list_select_related = ("user", "body")
    autocomplete_fields = ("body", "user")


@admin.register(TrainedReviewer)
class TrainedReviewerAdmin(AuditedModelAdmin):
    """The roster: staff add and change it here (audited); nobody deletes a reviewer (their
    introductions point at them): set "available" off instead."""

    list_display = ("name", "email", "trained_on", "languages", "ogp_region", "is_available")
    list_filter = ("is_available", "ogp_region", "trained_on")
    search_fields = ("name", "email", "organization", "languages", "training")
    readonly_fields = ("added_at",)

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyAdmin(AuditedModelAdmin):
    def has_view_permission(self, request, obj=None):
        return is_support_unit(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RequirementCheckInline(_ReadOnlyInline):
    model = RequirementCheck
    fields = ("requirement", "met", "evidence")


class PracticeInline(_ReadOnlyInline):
    model = PracticeAssessment
    fields = ("practice", "rating", "comment")


class CommitmentRatingInline(_ReadOnlyInline):
    model = CommitmentRating
    fields = ("commitment", "relevance", "verifiability", "potential_impact")


class EvidenceInline(_ReadOnlyInline):
    model = AssessmentEvidence
    fk_name = "assessment"
    fields = ("title", "original_name", "link", "filed_at", "withdrawn_at", "withdrawn_reason")


@admin.register(Assessment)
class AssessmentAdmin(_ReadOnlyAdmin):
    list_display = ("__str__", "kind", "state", "version", "body", "published_on")
    list_filter = ("kind", "state", "body")
    search_fields = ("plan__member__jurisdiction__name", "plan__coalition__name", "body__name")
    list_select_related = ("plan__member__jurisdiction", "plan__coalition", "body", "commitment")
    date_hierarchy = "created_at"
    inlines = (RequirementCheckInline, PracticeInline, CommitmentRatingInline, EvidenceInline)


@admin.register(AssessmentEvidence)
class AssessmentEvidenceAdmin(_ReadOnlyAdmin):
    list_display = ("title", "assessment", "original_name", "link", "filed_at", "withdrawn_at")
    list_filter = ("assessment__kind", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "original_name", "link")
    list_select_related = ("assessment__plan__member__jurisdiction", "assessment__plan__coalition")


@admin.register(CommentInvitation)
class CommentInvitationAdmin(_ReadOnlyAdmin):
    list_display = ("name", "group", "email", "assessment", "invited_on")
    list_filter = ("group", "invited_on")
    search_fields = ("name", "email")
    list_select_related = ("assessment__plan__member__jurisdiction", "assessment__plan__coalition")
    exclude = ("token",)  # the link is the invitee's key


@admin.register(AssessmentComment)
class AssessmentCommentAdmin(_ReadOnlyAdmin):
    list_display = ("author_name", "group", "assessment", "submitted_on")
    list_filter = ("group", "submitted_on")
    search_fields = ("author_name", "body")
    list_select_related = ("assessment__plan__member__jurisdiction", "assessment__plan__coalition")


@admin.register(RequirementFinding)
class RequirementFindingAdmin(_ReadOnlyAdmin):
    list_display = ("member", "met", "recorded_on", "assessment", "recorded_by")
    list_filter = ("met", "recorded_on")
    search_fields = ("member__jurisdiction__name", "reasons")
    list_select_related = ("member__jurisdiction", "assessment", "recorded_by")


@admin.register(BodyEndorsement)
class BodyEndorsementAdmin(_ReadOnlyAdmin):
    list_display = ("stakeholder", "body", "plan", "endorsed_on")
    list_filter = ("endorsed_on",)
    search_fields = ("stakeholder__organization_name", "body__name")
    list_select_related = ("stakeholder", "body", "plan__member__jurisdiction", "plan__coalition")


@admin.register(BodyAssignmentReview)
class BodyAssignmentReviewAdmin(_ReadOnlyAdmin):
    list_display = ("plan", "body", "decision", "decided_on", "decided_by")
    list_filter = ("decision", "decided_on")
    search_fields = ("body__name", "reasons")
    list_select_related = ("plan__member__jurisdiction", "plan__coalition", "body", "decided_by")


@admin.register(ReviewerIntroduction)
class ReviewerIntroductionAdmin(_ReadOnlyAdmin):
    list_display = ("member", "introduced_on", "introduced_by")
    list_filter = ("introduced_on",)
    search_fields = ("member__jurisdiction__name", "reviewers__name", "note")
    list_select_related = ("member__jurisdiction", "introduced_by")
