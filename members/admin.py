"""The Support Unit's admin. The engine's inputs (a member's dates and extension, a jurisdiction's
term) are read-only here: staff change them through small forms that call the services
(object-tool links on the change page), so that each change has a reason and an audit event."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from members import services
from members.forms import ExtensionForm, MemberDatesForm, TermDecisionForm, TermForm
from members.models import (
    Application,
    ApplicationMessage,
    ApplicationVersion,
    Call,
    Coalition,
    CoalitionMembership,
    CommitteeMember,
    Contact,
    Country,
    Decision,
    ExtensionGrant,
    Jurisdiction,
    JurisdictionTerm,
    Member,
    Organization,
    PointOfContact,
    Recusal,
    Review,
    Score,
    Signatory,
    TermCorrectionRequest,
    TermCorrectionState,
)
from members.rules import RECUSED
from ogplocal.accounts.roles import held
from ogplocal.accounts.rules import is_support_unit
from ogplocal.audit.admin import AuditedModelAdmin


class ServiceFormsMixin:
    """Per-object pages of the admin that run a service from a small form.

    `service_forms` maps a URL name part to (method name); each method takes (request, obj) and
    returns (title, form class, initial, run), where run(obj, cleaned_data) calls the service.
    """

    service_forms: dict[str, str] = {}

    def _url_name(self, name: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{name.replace('-', '_')}"

    def get_urls(self):
        extra = [
            path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(self._service_view(name, method)),
                name=self._url_name(name),
            )
            for name, method in self.service_forms.items()
        ]
        return extra + super().get_urls()

    def _service_view(self, name, method):
        def view(request, object_id):
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
            if not request.user.has_perm(services.STAFF_PERMISSION):
                raise PermissionDenied
            title, form_class, initial, run = getattr(self, method)(request, obj)
            form = form_class(request.POST or None, initial=initial)
            if request.method == "POST" and form.is_valid():
                try:
                    run(obj, form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Saved, with the reason, in the history."))
                    return redirect(self._change_url(obj))
            context = {
                **self.admin_site.each_context(request),
                "title": title,
                "subtitle": str(obj),
                "opts": self.opts,
                "original": obj,
                "form": form,
                "change_url": self._change_url(obj),
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(request, "admin/members/service_form.html", context)

        return view

    def _change_url(self, obj) -> str:
        return reverse(f"admin:{self._url_name('change')}", args=[obj.pk])


@admin.register(Country)
class CountryAdmin(AuditedModelAdmin):
    list_display = ("name", "iso_code", "ogp_region", "is_ogp_member_in_good_standing")
    list_filter = ("ogp_region", "is_ogp_member_in_good_standing")
    search_fields = ("name", "iso_code")


class JurisdictionTermInline(admin.TabularInline):
    model = JurisdictionTerm
    fields = ("ends_on", "recorded_on", "reason", "recorded_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Term of office (the latest record is in force)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Jurisdiction)
class JurisdictionAdmin(ServiceFormsMixin, AuditedModelAdmin):
    list_display = ("name", "kind", "region", "country", "population")
    inlines = (JurisdictionTermInline,)
    service_forms = {"record-term": "record_term_form"}

    def record_term_form(self, request, jurisdiction):
        def run(obj, data):
            services.record_term(
                actor=request.user,
                jurisdiction=obj,
                ends_on=data["ends_on"],
                recorded_on=data["recorded_on"],
                reason=data["reason"],
            )

        initial = {"recorded_on": timezone.localdate()}
        return _("Record the end of the term"), TermForm, initial, run

    list_filter = ("kind", "country__ogp_region", "has_elections", "country")
    search_fields = ("name", "region", "country__name")
    list_select_related = ("country",)
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "has_legal_personality", "country", "jurisdiction")
    list_filter = ("kind", "has_legal_personality", "country__ogp_region", "country")
    search_fields = ("name", "jurisdiction__name", "country__name")
    list_select_related = ("country", "jurisdiction")
    autocomplete_fields = ("country", "jurisdiction")


@admin.register(Contact)
class ContactAdmin(AuditedModelAdmin):
    list_display = ("full_name", "title", "organization", "email", "phone", "user")
    list_filter = ("organization__kind", "organization__country")
    search_fields = ("full_name", "email", "title", "organization__name")
    list_select_related = ("organization", "user")
    autocomplete_fields = ("organization", "user")


@admin.register(Member)
class MemberAdmin(ServiceFormsMixin, AuditedModelAdmin):
    list_display = (
        "__str__",
        "country",
        "status",
        "joined_on",
        "first_plan_due_on",
        "extension_until",
    )
    list_filter = (
        "status",
        "jurisdiction__country__ogp_region",
        "jurisdiction__kind",
        "jurisdiction__country",
    )
    search_fields = ("jurisdiction__name", "jurisdiction__slug", "jurisdiction__country__name")
    list_select_related = ("jurisdiction__country",)
    autocomplete_fields = ("jurisdiction",)
    date_hierarchy = "joined_on"
    # The engine's inputs: set when the membership is added, then changed only through the
    # services behind the "Correct the dates" and "Grant an extension" links.
    engine_inputs = (
        "jurisdiction",
        "joined_on",
        "first_plan_due_on",
        "extension_until",
        "extension_granted_on",
        "extension_reason",
    )
    status_fields = ("status", "status_voluntary", "status_since", "status_evaluated_on")
    fieldsets = (
        (None, {"fields": ("jurisdiction", "website", "about")}),
        (
            _("First action plan"),
            {
                "fields": (
                    "joined_on",
                    "first_plan_due_on",
                    "extension_until",
                    "extension_granted_on",
                    "extension_reason",
                    "extension_history",
                )
            },
        ),
        (_("Status (from the rules job)"), {"fields": status_fields}),
    )
    service_forms = {"dates": "dates_form", "extension": "extension_form"}

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return (
                *self.status_fields,
                "extension_until",
                "extension_granted_on",
                "extension_reason",
                "extension_history",
            )
        return (*self.status_fields, *self.engine_inputs, "extension_history")

    @admin.display(description=_("every extension granted (the latest is in force)"))
    def extension_history(self, member: Member) -> str:
        """H2 (issue 21): the kept history of extensions, read-only (members.ExtensionGrant)."""
        if member.pk is None:
            return "-"
        grants = ExtensionGrant.objects.filter(member=member).select_related("granted_by")
        if not grants:
            return "-"
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} → {} · {} · {}</li>",
                (
                    (
                        grant.granted_on.isoformat() if grant.granted_on else "-",
                        grant.until.isoformat(),
                        grant.granted_by or "-",
                        grant.reason,
                    )
                    for grant in grants.order_by("pk")
                ),
            ),
        )

    def dates_form(self, request, member):
        def run(obj, data):
            services.correct_member_dates(
                actor=request.user,
                member=obj,
                joined_on=data["joined_on"],
                first_plan_due_on=data["first_plan_due_on"],
                reason=data["reason"],
            )

        initial = {"joined_on": member.joined_on, "first_plan_due_on": member.first_plan_due_on}
        return (
            _("Correct the joining date and the first plan's due date"),
            MemberDatesForm,
            initial,
            run,
        )

    def extension_form(self, request, member):
        def run(obj, data):
            services.grant_extension(
                actor=request.user,
                member=obj,
                until=data["until"],
                reason=data["reason"],
                granted_on=data["granted_on"],
            )

        initial = {
            "until": member.extension_until,
            "granted_on": timezone.localdate(),
            "reason": member.extension_reason,
        }
        return _("Extend the first action plan's deadline"), ExtensionForm, initial, run

    @admin.display(description=_("country"), ordering="jurisdiction__country__name")
    def country(self, member: Member) -> str:
        return str(member.jurisdiction.country)


@admin.register(PointOfContact)
class PointOfContactAdmin(AuditedModelAdmin):
    list_display = ("user", "member", "contact", "is_primary", "starts_on", "ends_on")
    list_filter = ("is_primary", ("ends_on", admin.EmptyFieldListFilter))
    search_fields = ("user__email", "user__full_name", "member__jurisdiction__name")
    list_select_related = ("user", "member__jurisdiction", "contact")
    autocomplete_fields = ("member", "user", "contact")
    date_hierarchy = "starts_on"


@admin.register(JurisdictionTerm)
class JurisdictionTermAdmin(AuditedModelAdmin):
    """Every term record, read-only: staff record a new one from the jurisdiction's page."""

    list_display = ("jurisdiction", "ends_on", "recorded_on", "recorded_by", "reason")
    list_filter = (("recorded_on", admin.DateFieldListFilter),)
    search_fields = ("jurisdiction__name", "reason")
    list_select_related = ("jurisdiction", "recorded_by")
    fields = ("jurisdiction", "ends_on", "recorded_on", "reason", "recorded_by")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TermCorrectionRequest)
class TermCorrectionRequestAdmin(ServiceFormsMixin, AuditedModelAdmin):
    """Points of contact's requests; staff apply or decline them through "Decide"."""

    list_display = ("jurisdiction", "proposed_ends_on", "state", "requested_on", "requested_by")
    list_filter = ("state",)
    search_fields = ("jurisdiction__name", "note")
    list_select_related = ("jurisdiction", "requested_by")
    fields = (
        "jurisdiction",
        "current_term",
        "proposed_ends_on",
        "note",
        "requested_by",
        "requested_on",
        "state",
        "decided_by",
        "decided_on",
        "decision_reason",
        "applied_term",
    )
    readonly_fields = fields
    service_forms = {"decide": "decide_form"}

    @admin.display(description=_("term in force"))
    def current_term(self, request_obj) -> str:
        term = request_obj.jurisdiction.terms.in_force(as_of=timezone.localdate()).first()
        return term.ends_on.isoformat() if term else "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def decide_form(self, request, correction):
        def run(obj, data):
            services.decide_term_correction(
                actor=request.user,
                request=obj,
                apply=data["decision"] == "apply",
                reason=data["reason"],
                decided_on=data["decided_on"],
            )

        initial = {"decided_on": timezone.localdate()}
        if correction.state != TermCorrectionState.PENDING:
            initial["decision"] = "apply" if correction.applied_term_id else "decline"
        return _("Apply or decline the correction"), TermDecisionForm, initial, run


# --- selection (LH §1.2): read-only here; calls, applications, reviews and decisions change
# through their services (the staff pages under /calls/), which check the transition tables and
# write the audit events.


class ReadOnlyAdmin(AuditedModelAdmin):
    # The lookup from this model to its application (None: not about one). A recusal binds staff
    # too: the admin neither lists nor opens what they are recused from.
    application_path: str | None = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.application_path is None:
            return queryset
        recused = held(request.user, RECUSED)
        return (
            queryset.exclude(**{f"{self.application_path}__in": recused}) if recused else queryset
        )

    def has_view_permission(self, request, obj=None):
        return is_support_unit(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ("title", "state", "stages", "opens_on", "closes_on", "decided_on")
    list_filter = ("state", "stages")
    search_fields = ("title",)


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnlyAdmin):
    list_display = ("user", "call", "country", "is_government", "invited_on")
    list_filter = ("call", "is_government")
    list_select_related = ("user", "call", "country")


class SignatoryInline(admin.TabularInline):
    model = Signatory
    fields = (
        "name",
        "title",
        "organization_name",
        "kind",
        "has_legal_personality",
        "registration_number",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    application_path = "pk"
    list_display = ("__str__", "call", "country", "state", "submitted_on", "decided_on")
    list_filter = ("call", "state", "kind")
    search_fields = ("jurisdiction_name", "applicant__email")
    list_select_related = ("call", "country", "applicant")
    inlines = [SignatoryInline]


@admin.register(ApplicationVersion)
class ApplicationVersionAdmin(ReadOnlyAdmin):
    application_path = "application"
    list_display = ("application", "number", "submitted_on", "submitted_by")
    list_select_related = ("application__call", "submitted_by")


@admin.register(ApplicationMessage)
class ApplicationMessageAdmin(ReadOnlyAdmin):
    application_path = "application"
    list_display = ("application", "author", "sent_at")
    list_select_related = ("application__call", "author")


@admin.register(Recusal)
class RecusalAdmin(ReadOnlyAdmin):
    application_path = "application"
    list_display = ("committee_member", "application", "declared_on")
    list_select_related = ("committee_member__user", "committee_member__call", "application__call")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    application_path = "application"
    list_display = ("application", "reviewer", "submitted_at")
    list_select_related = ("application__call", "reviewer")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    application_path = "review__application"
    list_display = ("review", "point", "score")
    list_select_related = ("review__application__call", "review__reviewer")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    application_path = "application"
    list_display = ("application", "outcome", "decided_on", "decided_by")
    list_filter = ("outcome",)
    list_select_related = ("application__call", "decided_by")


class CoalitionMembershipInline(admin.TabularInline):
    model = CoalitionMembership
    fields = ("member",)
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Coalition)
class CoalitionAdmin(ReadOnlyAdmin):
    list_display = ("name", "country", "coordinator", "formed_on")
    list_select_related = ("country", "coordinator")
    inlines = [CoalitionMembershipInline]
