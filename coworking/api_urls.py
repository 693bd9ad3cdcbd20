"""The spaces API, outside the language prefix (labels follow ?lang= or Accept-Language).

Not wrapped in portal.cache.cached_for_visitors: "open now", the next change and the status
sentence change by the minute.
"""

from django.urls import path

from coworking.api import SpaceDetailAPI, SpaceListAPI

urlpatterns = [
    path("api/v1/spaces/", SpaceListAPI.as_view(), name="api-spaces"),
    path("api/v1/spaces/<int:pk>/", SpaceDetailAPI.as_view(), name="api-space"),
]
