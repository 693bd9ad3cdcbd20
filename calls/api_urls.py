"""The calls API, outside the language prefix (labels follow ?lang= or Accept-Language)."""

from django.urls import path

from calls.api import CallDetailAPI, CallListAPI

urlpatterns = [
    path("api/v1/calls/", CallListAPI.as_view(), name="api-calls"),
    path("api/v1/calls/<int:pk>/", CallDetailAPI.as_view(), name="api-call"),
]
