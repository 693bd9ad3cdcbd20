from django.urls import path

from portal import segments
from portal.charter import views

app_name = "charter"

urlpatterns = [
    path(segments.joined(segments.ACCOUNT, segments.CHARTER), views.charter_accept_view, name="accept"),
]
