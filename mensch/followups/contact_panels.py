"""The follow-ups panel on a contact's page: what is open with them, and "Note a promise"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.core.cards import DashboardCard
from mensch.followups.forms import PromiseForm
from mensch.followups.selectors import followups_of


def panel(owner: User, contact: Contact) -> DashboardCard | None:
    today = timezone.localdate()
    return DashboardCard(
        "Follow-ups and promises",
        "followups/contact_panel.html",
        {
            "contact": contact,
            "followups": followups_of(owner).filter(contact=contact),
            "promise_form": PromiseForm(initial={"due_on": today + timedelta(days=7)}),
        },
    )
