"""A member's alerts: the list, the form (from scratch, from the calls list's filters or from
their directory profile), deleting, the RSS feed of an alert, and the one-click unsubscribe.

A member only ever reaches their own alerts (another's answers 404). The feed and the
unsubscribe link work without logging in: they carry a signature of the alert (calls.alerts)."""

from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from calls import alerts
from calls.alert_forms import AlertForm, initial_from_params, initial_from_profile
from calls.documents import CALLS
from calls.models import LIVE_STATUSES, Kind, Level, SavedSearch
from portal import search
from portal.accounts.verification import has_verified_email
from portal.search.documents import SearchUnavailable

FEED_ITEMS = 50


def _verified_or_redirect(request):
    if has_verified_email(request.user):
        return None
    messages.warning(
        request,
        _("Please confirm your e-mail address first: use the link we sent you, or ask for a new one below."),
    )
    return redirect("account_email")


@login_required
def alert_list(request):
    found = list(
        SavedSearch.objects.filter(user=request.user)
        .annotate(sent=Count("matches", filter=Q(matches__sent_at__isnull=False)))
        .prefetch_related("sectors", "regions")
        .order_by("name", "pk")
    )
    kinds, levels = dict(Kind.choices), dict(Level.choices)
    for alert in found:
        alert.feed_url = alerts.feed_path(alert)
        alert.kind_labels = [kinds[code] for code in alert.kind_list() if code in kinds]
        alert.level_labels = [levels[code] for code in alert.level_list() if code in levels]
    return render(
        request,
        "calls/alerts.html",
        {"alerts": found, "verified": has_verified_email(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def alert_edit(request, pk=None):
    alert = get_object_or_404(SavedSearch, pk=pk, user=request.user) if pk is not None else None
    refused = _verified_or_redirect(request)
    if refused:
        return refused
    status = 200
    from_profile = None
    if request.method == "POST":
        new = SavedSearch(user=request.user, language=translation.get_language() or "")
        form = AlertForm(request.POST, instance=alert or new, user=request.user)
        if form.is_valid():
            saved = form.save()
            done = _("Alert “%(name)s” saved.") if alert else _("Alert “%(name)s” created.")
            messages.success(request, done % {"name": saved.name})
            return redirect("calls:alerts")
        status = 400
    else:
        initial = {}
        if alert is None:
            if request.GET.get("profile"):
                initial = initial_from_profile(request.user)
                from_profile = bool(initial)
            else:
                initial = initial_from_params(request.GET)
        form = AlertForm(instance=alert, initial=initial, user=request.user)
    return render(
        request,
        "calls/alert_form.html",
        {"form": form, "alert": alert, "from_profile": from_profile},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def alert_delete(request, pk):
    alert = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    if request.method == "POST":
        name = alert.name
        alert.delete()
        messages.success(request, _("Alert “%(name)s” deleted.") % {"name": name})
        return redirect("calls:alerts")
    return render(request, "calls/alert_form.html", {"alert": alert, "deleting": True})


@csrf_exempt  # mail apps' one-click POST (RFC 8058) has no CSRF token; the signed URL is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    alert = alerts.alert_for_token(token)
    if alert is None:
        return render(request, "calls/unsubscribed.html", {"invalid": True}, status=404)
    if request.method == "POST":
        SavedSearch.objects.filter(pk=alert.pk).update(active=False)
        alert.active = False
        return render(request, "calls/unsubscribed.html", {"alert": alert, "done": True})
    return render(request, "calls/unsubscribed.html", {"alert": alert, "token": token})


class AlertFeed(Feed):
    """The live calls an alert's search finds, newest first. Its owner reads it logged in; a
    feed reader with the signed address (`?key=`) without."""

    def get_object(self, request, pk):
        key = request.GET.get("key", "")
        alert = alerts.alert_for_token(key, "feed") if key else None
        if alert is None and request.user.is_authenticated:
            alert = SavedSearch.objects.filter(pk=pk, user=request.user).first()
        if alert is None or alert.pk != pk:
            raise Http404
        return alert

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, max-age=900"
        return response

    def title(self, alert):
        return gettext("Calls for your alert “%(name)s”") % {"name": alert.name}

    def link(self, alert):
        return reverse("calls:index") + "?" + alerts.list_params(alert)

    def description(self, alert):
        return gettext("The open and forthcoming calls this alert finds, newest first.")

    def items(self, alert):
        criteria = alerts.criteria_of(SavedSearch.objects.filter(pk=alert.pk))[0]
        filters = {name: sorted(criteria.values(name)) for name in alerts.CRITERIA if criteria.values(name)}
        query = CALLS.query(
            q=criteria.words,
            status=[str(s) for s in LIVE_STATUSES],
            ordering="published",
            page_size=FEED_ITEMS,
            **filters,
        )
        try:
            return search.search(query).hits
        except SearchUnavailable:
            return []

    def item_title(self, call):
        return call.display("title")[0] or call.source_ref

    def item_description(self, call):
        parts = [call.buyer_name]
        if call.deadline:
            deadline = timezone.localtime(call.deadline).strftime("%Y-%m-%d %H:%M")
            parts.append(gettext("Deadline: %(deadline)s (Brussels time)") % {"deadline": deadline})
        return escape(" – ".join(p for p in parts if p))  # readers take it as HTML

    def item_link(self, call):
        return call.get_absolute_url()

    def item_pubdate(self, call):
        return call.created_at


alert_feed = AlertFeed()
