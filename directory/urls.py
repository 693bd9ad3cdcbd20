from django.urls import path, re_path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from directory import views

app_name = "directory"

# The directory's path segment in the visitor's language (/fr/annuaire/, /nl/ledengids/,
# /de/mitgliederverzeichnis/, /en/directory/); the English one redirects in every language.
SEGMENT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "directory/")


def _under(rest=""):
    return format_lazy("{}{}", SEGMENT, rest)


urlpatterns = [
    path(_under(), views.directory_index, name="index"),
    path(_under("suggest/"), views.suggestions, name="suggest"),
    path(_under("<int:pk>/"), views.profile_detail, name="profile_short"),
    path(_under("<int:pk>-<slug:slug>/"), views.profile_detail, name="profile"),
    path(_under("<int:pk>/report/"), views.report_profile, name="report"),
    path("account/profile/", views.profile_edit, name="profile_edit"),
    path("account/profile/export/", views.profile_export, name="profile_export"),
    path("account/profile/delete/", views.profile_delete, name="profile_delete"),
    # Addresses from before the segments were translated.
    re_path(r"^directory/(?P<rest>.*)$", views.untranslated_path_redirect),
]
