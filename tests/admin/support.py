"""Helpers for driving the admin as a browser would."""

from django import forms
from django.db import models
from django.urls import reverse


def admin_url(model: type[models.Model], view: str, *args) -> str:
    return reverse(f"admin:agreements_{model._meta.model_name}_{view}", args=args)


MULTIPLE_CHOICE_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


def posted_values(response) -> dict:
    """The change form and its inlines as a browser would post them, unchanged."""
    forms = [response.context["adminform"].form]
    # The page for reverting to an old version has no inlines.
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None and isinstance(field, MULTIPLE_CHOICE_FIELDS):
                value = []
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = "" if value is None else str(value)
    return data
