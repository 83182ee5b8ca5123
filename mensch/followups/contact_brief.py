"""The open promises in a contact's one-page brief (see mensch.contacts.brief)."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.contacts.brief import Promise
from mensch.contacts.models import Contact
from mensch.followups.models import FollowUp
from mensch.followups.selectors import open_promises as open_promise_tasks


def open_promises(owner: User, contact: Contact) -> list[Promise]:
    return [
        Promise(title=task.title, due_on=task.due_on, by_me=task.owed_by == FollowUp.OwedBy.ME)
        for task in open_promise_tasks(owner, contact.pk)
    ]
