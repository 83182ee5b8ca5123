from __future__ import annotations

from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

from mensch.core.converters import register_choice
from mensch.events import invitation_views, slot_views, views
from mensch.events import manage_views as manage

register_choice("console_action", "start", "pause", "next")
register_choice("slot_action", "accept", "decline", "cancel")

member_pages = [
    path("events/", views.event_list, name="event_list"),
    path("events/<int:event_id>/", views.event_detail, name="event_detail"),
    path("events/<int:event_id>/rsvp/", views.rsvp, name="event_rsvp"),
    path("events/<int:event_id>/rsvp/cancel/", views.rsvp_cancel, name="event_rsvp_cancel"),
    path("events/<int:event_id>/goal-met/", views.goal_met, name="event_goal_met"),
    path("events/<int:event_id>/topics/", views.topic_post, name="event_topic_post"),
    path(
        "events/<int:event_id>/topics/<int:topic_id>/join/",
        views.topic_join,
        name="event_topic_join",
    ),
    path("events/<int:event_id>/table/", views.event_table, name="event_table"),
    path("events/<int:event_id>/table/live/", views.event_table_live, name="event_table_live"),
    path("events/<int:event_id>/met/", views.event_met, name="event_met"),
    path(
        "events/<int:event_id>/met/<int:profile_id>/", views.event_met_tick, name="event_met_tick"
    ),
    path(
        "events/<int:event_id>/meetings/<int:meeting_id>/follow-up/",
        views.event_follow_up,
        name="event_follow_up",
    ),
    path("events/<int:event_id>/event.ics", views.event_ics, name="event_ics"),
    # The events calendar joined the one calendar feed (mensch.web): old addresses,
    # already in people's calendar apps, move there (301), the token unchanged.
    path(
        "events/calendar/",
        RedirectView.as_view(pattern_name="calendar_settings", permanent=True),
    ),
    path(
        "events/calendar/<str:token>.ics",
        RedirectView.as_view(pattern_name="calendar_feed", permanent=True),
    ),
]

organizer_pages = [
    path("events/new/", manage.event_create, name="event_create"),
    path("events/organized/", manage.my_events, name="events_organized"),
    path("events/<int:event_id>/edit/", manage.event_edit, name="event_edit"),
    path("events/<int:event_id>/manage/", manage.event_manage, name="event_manage"),
    path("events/<int:event_id>/publish/", manage.event_publish, name="event_publish"),
    path("events/<int:event_id>/cancel/", manage.event_cancel, name="event_cancel"),
    path("events/<int:event_id>/cancel/undo/", manage.event_cancel_undo, name="event_cancel_undo"),
    path("events/<int:event_id>/agenda/", manage.agenda_add, name="event_agenda_add"),
    path(
        "events/<int:event_id>/agenda/<int:item_id>/delete/",
        manage.agenda_delete,
        name="event_agenda_delete",
    ),
    path("events/<int:event_id>/topics/seed/", manage.topics_seed, name="event_topics_seed"),
    path("events/<int:event_id>/check-in/<int:rsvp_id>/", manage.check_in, name="event_check_in"),
    path("events/<int:event_id>/rounds/", manage.rounds_generate, name="event_rounds_generate"),
    path(
        "events/<int:event_id>/rounds/status/",
        manage.seating_status,
        name="event_seating_status",
    ),
    path(
        "events/<int:event_id>/rounds/late-arrivals/",
        manage.late_arrivals_seat,
        name="event_late_arrivals",
    ),
    path(
        "events/<int:event_id>/console/<console_action:action>/",
        manage.console,
        name="event_console",
    ),
    path("events/<int:event_id>/import/", manage.attendees_import, name="event_import"),
    # An imported non-member's emailed invitation (signed link; no login needed to open it).
    path(
        "events/<int:event_id>/invitation/<str:token>/",
        invitation_views.invitation_accept,
        name="event_invitation",
    ),
    path("events/<int:event_id>/attendees.csv", manage.attendees_export, name="event_export"),
]

# 1:1 meetings booked in slots at a spot (mensch.events.slots).
slot_pages = [
    path("events/<int:event_id>/slots/", slot_views.slots_manage, name="event_slots_manage"),
    path("events/<int:event_id>/slots/hours/", slot_views.hours_add, name="event_hours_add"),
    path(
        "events/<int:event_id>/slots/hours/<int:hours_id>/remove/",
        slot_views.hours_remove,
        name="event_hours_remove",
    ),
    path("events/<int:event_id>/slots/spots/", slot_views.spot_add, name="event_spot_add"),
    path(
        "events/<int:event_id>/slots/spots/<int:spot_id>/remove/",
        slot_views.spot_remove,
        name="event_spot_remove",
    ),
    path(
        "events/<int:event_id>/slots/book/<int:profile_id>/",
        slot_views.slot_book,
        name="event_slot_book",
    ),
    path(
        "events/<int:event_id>/slots/<int:booking_id>/<slot_action:action>/",
        slot_views.slot_answer,
        name="event_slot_answer",
    ),
]

urlpatterns: list[URLPattern | URLResolver] = [*member_pages, *organizer_pages, *slot_pages]
