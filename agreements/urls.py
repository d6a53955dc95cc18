"""Public pages."""

app_name = "agreements"

urlpatterns = []
