from django.urls import path
from django.utils.translation import pgettext_lazy

from coworking import views
from portal.segments import ACCOUNT, joined

app_name = "coworking"

# Path segments in the visitor's language (/fr/espaces/, /nl/werkruimtes/, /de/arbeitsraeume/);
# the English ones are sent on by the core's MovedSegmentsMiddleware.
SEGMENT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "spaces/")
BOOK = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "book/")
VISIT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "visit/")
BOOKINGS = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "bookings/")
CANCEL = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "cancel/")

urlpatterns = [
    path(SEGMENT, views.space_index, name="index"),
    path(joined(SEGMENT, "<int:pk>/"), views.space_detail, name="space_short"),
    path(joined(SEGMENT, "<int:pk>-<slug:slug>/"), views.space_detail, name="space"),
    path(joined(SEGMENT, "<int:pk>/", VISIT), views.visit_request, name="visit"),
    path(joined(SEGMENT, "<int:pk>/", BOOK, "<int:resource>/"), views.book_resource, name="book"),
    path(joined(ACCOUNT, BOOKINGS), views.my_bookings, name="bookings"),
    path(joined(BOOKINGS, CANCEL, "<str:token>/"), views.cancel_booking, name="cancel"),
]
