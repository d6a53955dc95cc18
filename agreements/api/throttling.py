"""Rate limits for anonymous and signed-in clients.

DRF's throttles copy the rates into a class attribute when first imported; these read
them from the settings on every request, so the environment (and tests) decide.
A refused request gets 429 with Retry-After.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        # DRF's user throttle also counts anonymous requests by IP; AnonThrottle does that.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
