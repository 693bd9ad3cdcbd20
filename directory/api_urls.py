"""The members API, outside the language prefix (labels follow ?lang= or Accept-Language)."""

from django.urls import path

from directory.api import MemberDetailAPI, MemberListAPI
from portal.cache import cached_for_visitors

urlpatterns = [
    # Kept for visitors until a profile or a page changes (portal.cache).
    path("api/v1/members/", cached_for_visitors(MemberListAPI.as_view()), name="api-members"),
    path("api/v1/members/<int:pk>/", cached_for_visitors(MemberDetailAPI.as_view()), name="api-member"),
]
