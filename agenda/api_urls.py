"""The events API, outside the language prefix (labels follow ?lang= or Accept-Language).

Not wrapped in portal.cache.cached_for_visitors: the places left and the waitlist change with
every registration, and "upcoming" with the clock.
"""

from django.urls import path

from agenda.api import EventDetailAPI, EventListAPI

urlpatterns = [
    path("api/v1/events/", EventListAPI.as_view(), name="api-events"),
    path("api/v1/events/<int:pk>/", EventDetailAPI.as_view(), name="api-event"),
]
