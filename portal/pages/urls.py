from django.urls import path

from portal import segments
from portal.pages import views

app_name = "pages"

urlpatterns = [
    path(segments.SEARCH, views.search_view, name="search"),
    path(segments.SITE_MAP, views.site_map, name="site_map"),
]
