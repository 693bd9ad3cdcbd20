from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.directory_index, name="index"),
    path("directory/places/", views.place_suggestions, name="places"),
    path("directory/suggest/", views.suggestions, name="suggest"),
    path("directory/<int:pk>/", views.profile_detail, name="profile_short"),
    path("directory/<int:pk>-<slug:slug>/", views.profile_detail, name="profile"),
    path("directory/<int:pk>/report/", views.report_profile, name="report"),
    path("account/profile/", views.profile_edit, name="profile_edit"),
    path("account/profile/export/", views.profile_export, name="profile_export"),
    path("account/profile/delete/", views.profile_delete, name="profile_delete"),
]
