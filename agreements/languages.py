"""Which language a request is answered in.

Public pages carry it in their address: English at the plain address, Spanish under /es/
(the URL conf's `i18n_patterns`), so a link always shows the same page. The API and the
admin have no language in their addresses: they answer in the request's language
(`?lang=`, else `Accept-Language`, else the language cookie).
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Addresses outside the language-prefixed pages.
UNPREFIXED = ("/api/", "/admin/")
# The API's query parameter naming the language, beside Accept-Language.
PARAMETER = "lang"
CODES = tuple(code for code, _name in settings.LANGUAGES)


def language_of(request) -> str:
    """The language `request` is answered in, before any view has run."""
    if request.path_info.startswith(UNPREFIXED):
        chosen = request.GET.get(PARAMETER)
        if chosen in CODES:
            return chosen
        return translation.get_language_from_request(request)
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the API and the admin negotiated by the request."""

    def process_request(self, request):
        if not request.path_info.startswith(UNPREFIXED):
            return super().process_request(request)
        translation.activate(language_of(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None


def parameter_errors(params) -> dict[str, list[str]]:
    """The API's check of `?lang=`: one of the site's languages."""
    chosen = params.get(PARAMETER)
    if chosen is None or chosen in CODES:
        return {}
    return {PARAMETER: [f"Use one of: {', '.join(CODES)}."]}
