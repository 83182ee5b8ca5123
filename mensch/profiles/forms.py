"""Forms only parse what was posted; the rules live in the services and models."""

from __future__ import annotations

from django import forms

from mensch.core.text import validate_plain_text
from mensch.profiles.models import ITEM_KIND_CHOICES, ITEM_TEXT_MAX, Profile


class ProfileForm(forms.ModelForm):
    # The same validators as the account's fields, so every error shows at once.
    first_name = forms.CharField(max_length=80, validators=[validate_plain_text])
    last_name = forms.CharField(max_length=80, required=False, validators=[validate_plain_text])

    class Meta:
        model = Profile
        fields = (
            "headline",
            "what_i_do",
            "industry",
            "location",
            "languages",
            "goals",
            "contact_email",
            "phone",
            "website",
            "is_hidden",
        )
        labels = {
            "what_i_do": "What I do",
            "contact_email": "Contact email",
            "is_hidden": "Hide my profile from the directory and recommendations",
        }
        widgets = {
            "what_i_do": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }


class ItemForm(forms.Form):
    kind = forms.ChoiceField(choices=ITEM_KIND_CHOICES, initial="client")
    text = forms.CharField(max_length=ITEM_TEXT_MAX, required=False)
