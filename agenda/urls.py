from django.urls import path
from django.utils.translation import pgettext_lazy

from agenda import feeds, registration_views, views
from portal.segments import joined

app_name = "agenda"

# Path segments in the visitor's language (/fr/agenda/, /nl/agenda/, /de/veranstaltungen/);
# the English ones are sent on by the core's MovedSegmentsMiddleware.
SEGMENT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "events/")
ARCHIVE = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "archive/")
MONTH = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "month/")
REGISTRATION = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "registration/")

urlpatterns = [
    path(SEGMENT, views.event_index, name="index"),
    path(joined(SEGMENT, ARCHIVE), views.event_archive, name="archive"),
    path(joined(SEGMENT, MONTH, "<int:year>-<int:month>/"), views.event_month, name="month"),
    path(joined(SEGMENT, MONTH), views.event_month, name="month_now"),
    path(joined(SEGMENT, "<int:pk>/"), views.event_detail, name="event_short"),
    path(joined(SEGMENT, "<int:pk>-<slug:slug>/"), views.event_detail, name="event"),
    path(joined(SEGMENT, "<int:pk>/", "event.ics"), feeds.event_ics, name="event_ics"),
    path(joined(SEGMENT, "calendar.ics"), feeds.calendar_feed, name="feed_ics"),
    path(joined(SEGMENT, "feed.atom"), feeds.AtomFeed(), name="feed_atom"),
    path(joined(SEGMENT, "<int:pk>/", REGISTRATION), registration_views.register, name="register"),
    path(joined(REGISTRATION, "<str:token>/"), registration_views.manage, name="registration"),
]
