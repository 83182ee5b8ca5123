"""Forms only parse; the services decide."""

from __future__ import annotations

from django import forms

from mensch.contacts.importing import MAPPABLE
from mensch.contacts.models import Interaction
from mensch.followups.models import FollowUp

DATE = forms.DateInput(attrs={"type": "date"})


class ContactForm(forms.Form):
    name = forms.CharField(max_length=160)
    company = forms.CharField(max_length=160, required=False)
    role = forms.CharField(max_length=160, required=False, label="Role")
    email = forms.CharField(max_length=254, required=False, label="Email")
    phone = forms.CharField(max_length=40, required=False)
    url = forms.CharField(max_length=300, required=False, label="Web address")
    met_on = forms.DateField(required=False, widget=DATE, label="Met on")
    met_event = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Met at event"
    )
    introducer = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Introduced by"
    )
    met_how = forms.CharField(max_length=300, required=False, label="How we met")
    tags = forms.CharField(max_length=400, required=False, help_text="Comma-separated.")
    facts = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='One per line: "two kids", "cycles to work".',
    )

    def __init__(
        self,
        *args: object,
        events: list[tuple[int, str]] = (),  # type: ignore[assignment]
        contacts: list[tuple[int, str]] = (),  # type: ignore[assignment]
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["met_event"].choices = [("", "—"), *events]  # type: ignore[attr-defined]
        self.fields["introducer"].choices = [("", "—"), *contacts]  # type: ignore[attr-defined]

    def service_fields(self) -> dict[str, object]:
        data = dict(self.cleaned_data)
        data["met_event_id"] = data.pop("met_event")
        data["introducer_id"] = data.pop("introducer")
        return data


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Markdown: **bold**, *italic*, lists, links.",
        required=False,
    )


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[c for c in Interaction.Kind.choices if c[0] != Interaction.Kind.NOTE]
    )
    happened_on = forms.DateField(widget=DATE, label="When")
    initiated_by = forms.ChoiceField(choices=Interaction.Initiator.choices, label="Who reached out")
    body = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="What happened"
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        # The note form on the same page has a "body" too: keep the ids apart.
        kwargs.setdefault("auto_id", "interaction_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class PromiseForm(forms.Form):
    owed_by = forms.ChoiceField(choices=FollowUp.OwedBy.choices, label="Who promised")
    title = forms.CharField(max_length=200, label="What", required=False)
    due_on = forms.DateField(widget=DATE, label="By", required=False)


class CadenceForm(forms.Form):
    ideal_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label="Ideally every (days)"
    )
    max_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label="At most every (days)"
    )


class TagCadenceForm(CadenceForm):
    tag = forms.CharField(max_length=40)


class GoalForm(forms.Form):
    meeting_goal = forms.CharField(max_length=300, required=False, label="Goal of this meeting")


class MetAtEventForm(forms.Form):
    event = forms.TypedChoiceField(coerce=int, label="Event")
    people = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One person per line: name, company, email (company and email optional).",
    )
    tags = forms.CharField(max_length=400, required=False, help_text="Comma-separated.")

    def __init__(self, *args: object, events: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["event"].choices = events  # type: ignore[attr-defined]

    def people_list(self) -> list[dict[str, str]]:
        people = []
        for line in self.cleaned_data["people"].splitlines():
            parts = [p.strip() for p in line.split(",")]
            if not any(parts):
                continue
            name, company, email = [*parts, "", ""][:3]
            people.append({"name": name, "company": company, "email": email})
        return people


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="vCard (.vcf), CSV or LinkedIn's Connections.csv; up to 5 MB and 5000 people."
    )


class ImportConfirmForm(forms.Form):
    merge = forms.BooleanField(
        required=False, initial=True, label="Merge duplicates into the contacts I already have"
    )


class MappingForm(forms.Form):
    """One select per Mensch field, listing the file's columns."""

    def __init__(
        self, *args: object, columns: list[str], initial_mapping: dict[str, str], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", "— not in the file —"), *((c, c) for c in columns)]
        for name in MAPPABLE:
            self.fields[name] = forms.ChoiceField(
                choices=choices,
                required=False,
                initial=initial_mapping.get(name, ""),
                label=name.replace("_", " ").capitalize(),
            )

    def mapping(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if v}
