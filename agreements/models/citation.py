"""Citations: which document states which fact."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TrackedModel, citable_models
from .document import find_passage


class Citation(TrackedModel):
    """Links a record (optionally one of its fields) to a document that states it.

    `stated_value` is what this document says for that field; when citations of the
    same field state different values, the pages show that sources differ.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field_name = models.CharField(
        _("field"), max_length=60, blank=True, help_text=_("Blank: the record as a whole.")
    )
    document = models.ForeignKey(
        "agreements.Document", on_delete=models.PROTECT, related_name="citations_made"
    )
    locator = models.CharField(
        _("locator"),
        max_length=300,
        blank=True,
        help_text=_("Where in the document: a paragraph, a section, a page."),
    )
    stated_value = models.CharField(
        _("value stated"),
        max_length=300,
        blank=True,
        help_text=_("The value this document gives for the field, in its own terms."),
    )
    quote = models.CharField(
        _("quote"),
        max_length=500,
        blank=True,
        help_text=_(
            "A short quote of the passage, as the document's stored text has it (checked "
            "against it); its page marks the passage."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["content_type", "object_id", "field_name", "document"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_subject_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field_name", "document"],
                name="citation_unique_per_document",
                violation_error_message=_("This document is already cited for this fact."),
            ),
        ]

    def __str__(self) -> str:
        field = f".{self.field_name}" if self.field_name else ""
        return f"{self.content_type.model}#{self.object_id}{field} ← {self.document}"

    def clean(self) -> None:
        if self.quote and self.document_id:
            text = self.document.text
            if text and find_passage(text, self.quote) is None:
                raise ValidationError(
                    {"quote": _("This passage is not in the document's stored text.")}
                )
        # A constraint cannot check that the subject exists or has the named field.
        if not self.content_type_id:
            return
        model = self.content_type.model_class()
        if model not in citable_models():
            raise ValidationError({"content_type": _("Records of this type cannot be cited.")})
        if not model._default_manager.filter(pk=self.object_id).exists():
            raise ValidationError({"object_id": _("No such record to cite.")})
        if self.field_name:
            try:
                model._meta.get_field(self.field_name)
            except FieldDoesNotExist:
                raise ValidationError(
                    {
                        "field_name": _("“%(field)s” is not a field of %(model)s.")
                        % {"field": self.field_name, "model": model._meta.verbose_name}
                    }
                ) from None
