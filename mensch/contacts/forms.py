"""Forms only parse; the services decide."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypedDict

from django import forms

from mensch.contacts.importing import MAPPABLE
from mensch.contacts.models import Interaction
from mensch.contacts.services import Person

DATE = forms.DateInput(attrs={"type": "date"})
Choices = Sequence[tuple[int | str, str]]


def _set_choices(form: forms.Form, name: str, choices: Choices) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # declared on the form
    field.choices = choices


class ContactFields(TypedDict):
    """What the contact form hands the services (``contact_create``, ``contact_update``)."""

    name: str
    company: str
    role: str
    email: str
    phone: str
    url: str
    met_on: date | None
    met_event_id: int | None
    introducer_id: int | None
    met_how: str
    tags: str
    facts: str


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
        data: Mapping[str, Any] | None = None,
        *,
        initial: dict[str, Any] | None = None,
        events: Choices = (),
        contacts: Choices = (),
    ) -> None:
        super().__init__(data, initial=initial)
        _set_choices(self, "met_event", [("", "—"), *events])
        _set_choices(self, "introducer", [("", "—"), *contacts])

    def service_fields(self) -> ContactFields:
        data = self.cleaned_data
        return ContactFields(
            name=data["name"],
            company=data["company"],
            role=data["role"],
            email=data["email"],
            phone=data["phone"],
            url=data["url"],
            met_on=data["met_on"],
            met_event_id=data["met_event"],
            introducer_id=data["introducer"],
            met_how=data["met_how"],
            tags=data["tags"],
            facts=data["facts"],
        )


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

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, initial: dict[str, Any] | None = None
    ) -> None:
        # The note form on the same page has a "body" too: keep the ids apart.
        super().__init__(data, initial=initial, auto_id="interaction_%s")


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

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        events: Choices,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        _set_choices(self, "event", events)

    def people_list(self) -> list[Person]:
        people: list[Person] = []
        for line in self.cleaned_data["people"].splitlines():
            parts = [p.strip() for p in line.split(",")]
            if not any(parts):
                continue
            name, company, email = [*parts, "", ""][:3]
            people.append(Person(name=name, company=company, email=email))
        return people


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="vCard (.vcf), CSV or LinkedIn's Connections.csv; up to 5 MB and 5000 people."
    )


class CardUploadForm(forms.Form):
    card = forms.FileField(
        label="Photo of the card",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text="A JPEG, PNG or HEIC photo of one business card.",
    )


class ImportConfirmForm(forms.Form):
    merge = forms.BooleanField(
        required=False, initial=True, label="Merge duplicates into the contacts I already have"
    )


class MappingForm(forms.Form):
    """One select per Mensch field, listing the file's columns."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        columns: list[str],
        initial_mapping: dict[str, str],
    ) -> None:
        super().__init__(data)
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
