from django.urls import path
from django.utils.translation import pgettext_lazy

from directory import views
from portal.segments import ACCOUNT, joined

app_name = "directory"

# The directory's path segments in the visitor's language (/fr/annuaire/, /nl/ledengids/,
# /de/mitgliederverzeichnis/, /en/directory/); English ones are sent on by the core's
# MovedSegmentsMiddleware.
SEGMENT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "directory/")
REPORT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "report/")
PROFILE = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "profile/")
DELETE = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "delete/")

urlpatterns = [
    path(SEGMENT, views.directory_index, name="index"),
    path(joined(SEGMENT, "suggest/"), views.suggestions, name="suggest"),
    path(joined(SEGMENT, "<int:pk>/"), views.profile_detail, name="profile_short"),
    path(joined(SEGMENT, "<int:pk>-<slug:slug>/"), views.profile_detail, name="profile"),
    path(joined(SEGMENT, "<int:pk>/", REPORT), views.report_profile, name="report"),
    path(joined(ACCOUNT, PROFILE), views.profile_edit, name="profile_edit"),
    path(joined(ACCOUNT, PROFILE, "export/"), views.profile_export, name="profile_export"),
    path(joined(ACCOUNT, PROFILE, DELETE), views.profile_delete, name="profile_delete"),
]
