"""Forms only parse what was posted; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignupForm(forms.Form):
    first_name = forms.CharField(max_length=80, label="First name")
    last_name = forms.CharField(max_length=80, required=False, label="Last name")
    email = forms.EmailField(label="Email address")
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        label="Password",
        help_text="At least 10 characters, not a common password.",
    )


class ResendForm(forms.Form):
    email = forms.EmailField(label="Email address")


class ConfirmPasswordForm(forms.Form):
    """Finishing a sign-up in another browser than the one that started it."""

    first_name = forms.CharField(max_length=80, label="First name")
    last_name = forms.CharField(max_length=80, required=False, label="Last name")
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        label="Choose a password",
        help_text="At least 10 characters, not a common password.",
    )


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, label="Token name", help_text="e.g. laptop script")
