"""People with accounts, in the admin: signed in by e-mail, no username."""

from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from ogplocal.accounts.models import User
from ogplocal.accounts.views import admin_login
from ogplocal.audit.admin import AuditedModelAdmin


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "full_name")
        field_classes = {}


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        field_classes = {}


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "full_name", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_active", "is_superuser")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permissions"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": _(
                    "Staff are the OGP Support Unit: they use this admin and must sign in with "
                    "a second factor. Being a point of contact or a reviewer is recorded on the "
                    "member or the monitoring body, not here."
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    # Only a superuser makes a superuser, or hands out single permissions (which could add up to
    # the same); other staff see both read-only.
    superuser_only_fields = ("is_superuser", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += self.superuser_only_fields
        return fields

    def has_change_permission(self, request, obj=None):
        # Changing a superuser's e-mail or password would take the account over.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


# allauth's own admin shows an authenticator's `data`: the TOTP secret (encrypted at rest, see
# MFAAdapter) and the recovery-code seed. Staff need the list and the delete button (the reset of
# a lost device), never the secret.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    exclude = ("data",)
    readonly_fields = ("user", "type", "created_at", "last_used_at")
    raw_id_fields = ()

    def has_add_permission(self, request):
        # A person sets up their own authenticator (allauth's pages); nobody does it for them.
        return False


# The admin's own password form would skip the staff second factor: sign in through allauth.
admin.site.login = admin_login

# Roles are relations (points of contact, reviewers) and `is_staff`, not permission groups.
admin.site.unregister(Group)
