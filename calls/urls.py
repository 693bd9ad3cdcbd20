from django.urls import path
from django.utils.translation import pgettext_lazy

from calls import alert_views, feeds, interest_views, views
from portal.segments import joined

app_name = "calls"

# Path segments in the visitor's language; the English ones are sent on by the core's
# MovedSegmentsMiddleware.
SEGMENT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "calls/")
ALERTS = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "alerts/")

urlpatterns = [
    # The list and a call's page (calls.views), the RSS feed of a list (calls.feeds).
    path(SEGMENT, views.call_index, name="index"),
    path(joined(SEGMENT, "<int:pk>/"), views.call_detail, name="detail_short"),
    path(joined(SEGMENT, "<int:pk>-<slug:slug>/"), views.call_detail, name="detail"),
    path(joined(SEGMENT, "feed.rss"), feeds.CallsFeed(), name="feed"),
    # A member's interest: follow, look for partners (calls.interest_views).
    path(joined(SEGMENT, "<int:pk>/", "interest/"), interest_views.interest, name="interest"),
    path(joined(SEGMENT, "<int:pk>/", "deadline.ics"), interest_views.deadline_ics, name="deadline_ics"),
    # Alerts (calls.alert_views).
    path(joined(SEGMENT, ALERTS), alert_views.alert_list, name="alerts"),
    path(joined(SEGMENT, ALERTS, "new/"), alert_views.alert_edit, name="alert_new"),
    path(joined(SEGMENT, ALERTS, "<int:pk>/"), alert_views.alert_edit, name="alert_edit"),
    path(joined(SEGMENT, ALERTS, "<int:pk>/delete/"), alert_views.alert_delete, name="alert_delete"),
    path(joined(SEGMENT, ALERTS, "<int:pk>/feed.rss"), alert_views.alert_feed, name="alert_feed"),
    path(joined(SEGMENT, ALERTS, "unsubscribe/<str:token>/"), alert_views.unsubscribe, name="unsubscribe"),
]
