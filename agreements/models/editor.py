"""Editors: how a staff member's changes are credited on the public history pages."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorProfile(models.Model):
    """A staff member's public credit. Nobody is named publicly unless they choose it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_profile"
    )
    public_name = models.CharField(
        _("public name"),
        max_length=100,
        blank=True,
        help_text=_("How the public history pages name you, e.g. “J. Rivera, Minerals KB”."),
    )
    show_name = models.BooleanField(
        _("name me on public history pages"),
        default=False,
        help_text=_("Off: your changes are credited to “an editor”."),
    )

    class Meta:
        verbose_name = _("editor profile")
        verbose_name_plural = _("editor profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(show_name=False) | ~models.Q(public_name=""),
                name="editor_profile_shown_name_not_blank",
                violation_error_message=_("Give the public name to show."),
            )
        ]

    def __str__(self) -> str:
        return self.public_name or str(self.user)
