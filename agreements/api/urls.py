"""The JSON API under /api/."""

app_name = "api"

urlpatterns = []
