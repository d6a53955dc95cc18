"""Forms for the public query parameters that are not one model's filters: the range check
every filter form shares, the timeline's filters (it mixes models), the recent changes'
filters and the mineral-list comparison. Pages, feeds and downloads share them.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.history import changes


class YesNoAny(forms.NullBooleanSelect):
    """Any, Yes or No; hands the field the value as sent, so a word it does not know is
    an error rather than no filter."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("Any")), ("true", _("Yes")), ("false", _("No"))]

    def format_value(self, value):
        return {True: "true", False: "false", "1": "true", "0": "false"}.get(
            value, super().format_value(value)
        )

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class StrictNullBooleanField(forms.NullBooleanField):
    """true or false (or 1 or 0, in any case); empty or the page's "Any" (`unknown`) is no
    filter. Anything else is refused: a typo must not select every row."""

    widget = YesNoAny

    def to_python(self, value):
        if value in (None, "", "unknown") or isinstance(value, bool):
            return value if isinstance(value, bool) else None
        word = str(value).lower()
        if word in ("true", "1"):
            return True
        if word in ("false", "0"):
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")


class KBFilterForm(forms.Form):
    """Rejects a range whose `…_after` is later than its `…_before`.

    On the public pages it also renders dates as date pickers and says "Any" for an
    unset choice; neither changes what the API accepts.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            if name == "ordering":
                form_field.empty_label = _("Default")
            elif isinstance(form_field, forms.DateField):
                form_field.widget.input_type = "date"
            elif getattr(form_field, "empty_label", None) is not None:
                form_field.empty_label = _("Any")

    def clean(self):
        data = super().clean()
        for name, start in list(data.items()):
            if not name.endswith("_after") or start in (None, ""):
                continue
            end_name = name[: -len("_after")] + "_before"
            end = data.get(end_name)
            if end not in (None, "") and start > end:
                self.add_error(
                    end_name,
                    _("“%(end)s” must not be earlier than “%(start)s”.")
                    % {"end": end_name, "start": name},
                )
        return data


class TimelineFilterForm(KBFilterForm):
    """The /timeline/ page's filters: it mixes models, so it has a form, not a FilterSet."""

    participant = forms.ModelChoiceField(
        queryset=m.Participant.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Participant"),
    )
    mineral = forms.ModelChoiceField(
        queryset=m.Mineral.objects.all(), to_field_name="slug", required=False, label=_("Mineral")
    )
    date_after = forms.DateField(required=False, label=_("From"))
    date_before = forms.DateField(required=False, label=_("To"))


class ChangesFilterForm(KBFilterForm):
    """The recent-changes page and feed: what kind of record, and when (both inclusive)."""

    type = forms.ChoiceField(required=False, label=_("Type"))
    date_after = forms.DateField(required=False, label=_("From"))
    date_before = forms.DateField(required=False, label=_("To"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Any"))] + [
            (model._meta.model_name, model._meta.verbose_name.capitalize())
            for model in changes.tracked_models()
        ]

    def sources(self) -> list:
        """What the filters select, once valid."""
        name = self.cleaned_data.get("type")
        shown = [model for model in changes.tracked_models() if model._meta.model_name == name]
        return changes.all_sources(shown or None)


class MineralListCompareForm(forms.Form):
    """Two or more mineral lists, by slug, to compare side by side."""

    lists = forms.ModelMultipleChoiceField(
        queryset=m.MineralList.objects.select_related("issuer"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        label=_("Lists to compare"),
    )

    def clean_lists(self):
        lists = self.cleaned_data["lists"]
        if len(lists) < 2:
            raise forms.ValidationError(_("Choose at least two lists."))
        return lists


class CorrectionForm(forms.ModelForm):
    """A reader's report of an error. `website` is a trap for robots: people leave it empty."""

    website = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = m.CorrectionRequest
        fields = ("page", "message", "source", "contact")
        widgets = {
            "page": forms.HiddenInput,
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "source": _("Where the right fact is stated (a link or a reference), if you know"),
            "contact": _("Your e-mail, if you would like an answer (never published)"),
        }

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""
