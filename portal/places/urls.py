from django.urls import path

from portal.places import views

app_name = "places"

urlpatterns = [
    path("places/suggest/", views.suggest, name="suggest"),
]
