from __future__ import annotations

from django.http import HttpRequest

from mensch.notifications.selectors import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    """The unread count in the navigation, computed only when a page uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: unread_count(user)}
