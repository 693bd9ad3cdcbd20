from django.urls import path

from portal.accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/", views.account_view, name="account"),
]
