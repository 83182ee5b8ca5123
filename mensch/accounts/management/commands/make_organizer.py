"""``mensch manage make_organizer EMAIL [--revoke]``: give a member the organizer role
(``is_organizer``: publish events, see event outcomes), or take it away."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mensch.accounts.models import User


class Command(BaseCommand):
    help = "Let a member organize events, or with --revoke stop them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the member's email address (any capitalisation)")
        parser.add_argument(
            "--revoke", action="store_true", help="remove the organizer role instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        try:
            member = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            raise CommandError(f"No member has the email address {email!r}.") from None
        organizer = not options["revoke"]
        if member.is_organizer == organizer:
            state = "already an organizer" if organizer else "not an organizer"
            self.stdout.write(f"{member.email} is {state}; nothing changed.")
            return
        member.is_organizer = organizer
        member.save(update_fields=["is_organizer"])
        if organizer:
            done = f"{member.email} is now an organizer: they can create and publish events."
        else:
            done = f"{member.email} is no longer an organizer."
        self.stdout.write(self.style.SUCCESS(done))
        if organizer and not member.is_active:
            self.stdout.write(
                self.style.WARNING("Their account is deactivated: they cannot log in.")
            )
