"""Page-number pagination whose size a client may choose, within a bound."""

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ValidationError({name: ["A positive whole number is required."]})
    return int(raw)


class KBPagination(PageNumberPagination):
    """`page` and `page_size` are validated: a bad value is a 400, not a silent default.

    A page past the last one is a 404, as in DRF.
    """

    page_size_query_param = "page_size"
    last_page_strings = ()

    @property
    def max_page_size(self) -> int:
        return int(settings.REST_FRAMEWORK.get("KB_MAX_PAGE_SIZE", 500))

    def get_page_size(self, request):
        size = _positive_int(request, self.page_size_query_param)
        if size is None:
            return self.page_size
        if size > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"A page holds at most {self.max_page_size} records."
                    ]
                }
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Records per page, 1 to {self.max_page_size} (default {self.page_size})."
                )
        return parameters
