"""The members API, outside the language prefix (labels follow ?lang= or Accept-Language)."""

from django.urls import path

from directory.api import MemberDetailAPI, MemberListAPI

urlpatterns = [
    path("api/v1/members/", MemberListAPI.as_view(), name="api-members"),
    path("api/v1/members/<int:pk>/", MemberDetailAPI.as_view(), name="api-member"),
]
