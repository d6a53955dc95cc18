"""Who may write: a token (issued by staff in the admin) or a staff session with CSRF."""

from rest_framework.authentication import SessionAuthentication


class StaffSessionAuthentication(SessionAuthentication):
    """A browser session counts only for staff; others sign API requests with a token.

    DRF's SessionAuthentication enforces the CSRF check for every unsafe method.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None or not result[0].is_staff:
            return None
        return result
