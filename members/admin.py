from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from members.models import Contact, Country, Jurisdiction, Member, Organization, PointOfContact
from ogplocal.audit.admin import AuditedModelAdmin


@admin.register(Country)
class CountryAdmin(AuditedModelAdmin):
    list_display = ("name", "iso_code", "ogp_region")
    list_filter = ("ogp_region",)
    search_fields = ("name", "iso_code")


@admin.register(Jurisdiction)
class JurisdictionAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "region", "country", "population", "term_ends_on")
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
class MemberAdmin(AuditedModelAdmin):
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
    search_fields = ("jurisdiction__name", "slug", "jurisdiction__country__name")
    list_select_related = ("jurisdiction__country",)
    autocomplete_fields = ("jurisdiction",)
    date_hierarchy = "joined_on"
    readonly_fields = ("status", "status_voluntary", "status_since", "status_evaluated_on")
    fieldsets = (
        (None, {"fields": ("jurisdiction", "slug", "website", "about")}),
        (
            _("First action plan"),
            {"fields": ("joined_on", "first_plan_due_on", "extension_until", "extension_reason")},
        ),
        (
            _("Status (from the rules job)"),
            {"fields": ("status", "status_voluntary", "status_since", "status_evaluated_on")},
        ),
    )

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
