"""The signup form: one address, a honeypot, and the page the form was on."""

from django import forms

from subscriptions.addresses import normalize_address
from subscriptions.source_pages import parse_source


class SignupForm(forms.Form):
    # Validated by normalize_address, which gives the visitor clearer messages than the
    # field's own; strip=False so a typo is shown back exactly as typed.
    email = forms.CharField(required=False, strip=False)
    # The honeypot: hidden from people, filled in by bots that fill in everything.
    website = forms.CharField(required=False)
    source = forms.CharField(required=False)

    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_email(self):
        return normalize_address(self.cleaned_data["email"])

    def clean_source(self):
        return parse_source(self.cleaned_data["source"])

    @property
    def typed_email(self) -> str:
        return self.data.get("email", "")

    @property
    def error_message(self) -> str:
        return " ".join(self.errors.get("email", [])) or "Check the address and try again."
