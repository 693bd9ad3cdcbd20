from django.urls import path

from portal.pages import views

app_name = "pages"

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("sitemap/", views.site_map, name="site_map"),
]
