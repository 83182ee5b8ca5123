from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter, reverse_lazy
from django.views.generic import RedirectView

from mensch.accounts import views as account_views
from mensch.accounts.forms import LoginForm
from mensch.api import api
from mensch.connections import views as connection_views
from mensch.introductions import views as introduction_views
from mensch.matching import views as matching_views
from mensch.meetings import views as meeting_views
from mensch.notifications import views as notification_views
from mensch.profiles import views as profile_views
from mensch.web import views as web_views


class SideConverter:
    """``ask`` or ``offer`` in profile URLs."""

    regex = "ask|offer"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class DecisionConverter(SideConverter):
    """``accept`` or ``decline`` an introduction."""

    regex = "accept|decline"


class AnswerConverter(SideConverter):
    regex = "yes|no"


register_converter(SideConverter, "side")
register_converter(AnswerConverter, "answer")
register_converter(DecisionConverter, "decision")

auth_pages = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", account_views.signup, name="signup"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("settings/tokens/", account_views.tokens, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke/", account_views.token_revoke, name="token_revoke"),
]

profile_pages = [
    path("profile/", profile_views.profile_edit, name="profile_edit"),
    path("profile/<side:side>s/", profile_views.item_add, name="item_add"),
    path(
        "profile/<side:side>s/<int:item_id>/delete/",
        profile_views.item_delete,
        name="item_delete",
    ),
    path("members/", profile_views.directory, name="directory"),
    path("members/<int:profile_id>/", profile_views.member_detail, name="member_detail"),
]

relationship_pages = [
    path("people-to-meet/", matching_views.people_to_meet_page, name="people_to_meet"),
    path("introductions/", introduction_views.introductions, name="introductions"),
    path(
        "introductions/request/<int:profile_id>/",
        introduction_views.introduction_request,
        name="introduction_request",
    ),
    path(
        "introductions/<int:introduction_id>/<decision:decision>/",
        introduction_views.introduction_decide,
        name="introduction_decide",
    ),
    path(
        "introductions/<int:introduction_id>/withdraw/",
        introduction_views.introduction_withdraw,
        name="introduction_withdraw",
    ),
    path(
        "introductions/broker/", introduction_views.introduction_broker, name="introduction_broker"
    ),
    path("connections/", connection_views.connections, name="connections"),
    path("connections/<int:profile_id>/", connection_views.thread, name="thread"),
    path("members/<int:profile_id>/block/", connection_views.block, name="block"),
    path("members/<int:profile_id>/unblock/", connection_views.unblock, name="unblock"),
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("meetings/tick/<int:profile_id>/", meeting_views.meeting_tick, name="meeting_tick"),
    path(
        "meetings/<int:meeting_id>/follow-up/<answer:answer>/",
        meeting_views.meeting_follow_up,
        name="meeting_follow_up",
    ),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/read/", notification_views.notifications_read, name="notifications_read"),
    path("settings/email/", notification_views.email_settings, name="email_settings"),
    path("email/unsubscribe/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
]

urlpatterns = [
    path("", web_views.home, name="home"),
    path("dashboard/", web_views.dashboard, name="dashboard"),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(pattern_name="api:openapi-view"), name="api_docs"),
    *auth_pages,
    *profile_pages,
    *relationship_pages,
    # One include per capability app; each app owns its URL names.
    path("", include("mensch.events.urls")),
    path("", include("mensch.contacts.urls")),
    path("", include("mensch.followups.urls")),
    path("", include("mensch.ledger.urls")),
    path("", include("mensch.goals.urls")),
    path("", include("mensch.trust.urls")),
    path("", include("mensch.chat.urls")),
]
