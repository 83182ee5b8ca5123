"""An accepted introduction is no longer a verified interaction (issue 11).

Endorsements that rested on one, or on the ledger's credit for a brokered introduction
(a "favour" entry made when the introduction was accepted, which nobody confirmed as a
favour): moved onto the latest meeting the two have both confirmed, where there is one
(labelled as ``trust.interactions`` labels it); otherwise removed, so no page shows them
as verified. The author can endorse again
once they meet or a favour is confirmed. Not reversible in content: going back only
restores the old choices.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def _month(day: Any) -> str:
    return day.strftime("%B %Y")


def rest_on_meetings_or_remove(apps: Any, schema_editor: Any) -> None:
    Endorsement = apps.get_model("trust", "Endorsement")
    Meeting = apps.get_model("meetings", "Meeting")
    LedgerEntry = apps.get_model("ledger", "LedgerEntry")
    introduction_credits = LedgerEntry.objects.filter(source="introduction").values("pk")
    resting_on_introductions = Endorsement.objects.filter(
        models.Q(basis="introduction") | models.Q(basis="favour", basis_id__in=introduction_credits)
    )
    for endorsement in resting_on_introductions.order_by("pk"):
        low, high = sorted((endorsement.author_id, endorsement.member_id))
        meeting = (
            Meeting.objects.filter(member_low_id=low, member_high_id=high)
            .select_related("event")
            .order_by("-met_on", "-pk")
            .first()
        )
        if meeting is None:
            endorsement.delete()
            continue
        where = f"met at {meeting.event.title}" if meeting.event else "met in person"
        endorsement.basis = "meeting"
        endorsement.basis_id = meeting.pk
        endorsement.basis_label = f"{where}, {_month(meeting.met_on)}"[:200]
        endorsement.save(update_fields=["basis", "basis_id", "basis_label"])


class Migration(migrations.Migration):
    dependencies = [
        ("trust", "0001_initial"),
        ("meetings", "0001_initial"),
        ("ledger", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(rest_on_meetings_or_remove, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="endorsement",
            name="basis",
            field=models.CharField(
                choices=[
                    ("meeting", "a meeting both confirmed"),
                    ("favour", "a favour the receiver confirmed"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="endorsement",
            name="basis_id",
            field=models.PositiveBigIntegerField(help_text="The meeting or favour."),
        ),
    ]
