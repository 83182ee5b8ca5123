"""``mensch manage recompute_trust``: recompute every member's trust now, with a progress bar."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from mensch.accounts.models import User
from mensch.core.tasks import schedule_periodic_jobs
from mensch.trust.scores import trust_recompute


class Command(BaseCommand):
    help = "Recompute trust scores over the verified-interaction graph."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="also book the daily recomputation for the task worker",
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        total = User.objects.filter(is_active=True).count()
        with tqdm(
            total=total,
            desc="Trust",
            unit="member",
            disable=options["no_progress"],
            # The command's own error stream (call_command(stderr=...) in tests), unwrapped:
            # the wrapper would end every progress update with a new line.
            file=options.get("stderr") or sys.stderr,
        ) as bar:
            stored = trust_recompute(progress=bar.update)
        self.stdout.write(f"Computed trust for {stored} members.")
        if options["schedule"]:
            booked = "trust" in schedule_periodic_jobs()
            self.stdout.write("Booked the next run." if booked else "A run is already booked.")
