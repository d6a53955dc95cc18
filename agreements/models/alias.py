"""Aliases: other names for a participant or a mineral."""

from .base import TrackedModel


class Alias(TrackedModel):
    """Another name for a record, in a language, listed by name.

    A subclass declares the record it names, then `name` and `language`, in that order:
    a model's fields keep the order they are declared in, which the backup file, the
    data dictionary and the history pages show, and fields declared here would come
    before the subclass's own.
    """

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
