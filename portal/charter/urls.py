from django.urls import path

from portal.charter import views

app_name = "charter"

urlpatterns = [
    path("account/charter/", views.charter_accept_view, name="accept"),
]
