"""The Django admin for staff (``/admin/``): members and their API tokens.

One rule runs through Mensch's admin.py files: staff see who, what kind, when and in what
state, never what one member wrote to another or for themselves (message bodies,
introduction reasons and notes, private contact details, ledger descriptions). Records that
the app's services create and keep consistent are view-only here (``ViewOnlyAdmin``);
staff change members and profiles. The private relationship memory (contacts, follow-ups,
goals) and sealed referral pledges are not registered at all.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.db.models import Model
from django.http import HttpRequest

from mensch.accounts.models import ApiToken, User


class ViewOnlyAdmin(admin.ModelAdmin):
    """Listed and shown, never added or changed here: the services keep these consistent.

    Deleting stays with Django's permissions, so that deleting a member still removes
    what is theirs.
    """

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class MemberCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")


@admin.register(User)
class MemberAdmin(UserAdmin):
    """Staff deactivate accounts and grant the organizer and staff roles."""

    add_form = MemberCreationForm
    list_display = (
        "email",
        "first_name",
        "last_name",
        "is_organizer",
        "is_staff",
        "is_active",
        "date_joined",
    )
    list_filter = ("is_organizer", "is_staff", "is_superuser", "is_active")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        (
            "Roles",
            {
                "fields": (
                    "is_active",
                    "is_organizer",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(ViewOnlyAdmin):
    """Only the hint is shown; deleting a token revokes it for good."""

    list_display = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    search_fields = ("name", "user__email")
    exclude = ("key_hash",)
