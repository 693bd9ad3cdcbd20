"""The spaces API, outside the language prefix (labels follow ?lang= or Accept-Language)."""

urlpatterns = []
