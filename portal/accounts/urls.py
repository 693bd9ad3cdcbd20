from django.urls import path

from portal import segments
from portal.accounts import views

app_name = "accounts"

urlpatterns = [
    path(segments.ACCOUNT, views.account_view, name="account"),
]
