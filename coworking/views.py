import datetime
import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited
from modeltranslation.utils import resolution_order
from wagtail.images.models import SourceImageIOError
from wagtail.images.shortcuts import get_rendition_or_not_found

from coworking import booking as bookings
from coworking import hours
from coworking.documents import CARD_PHOTO, SPACES, photo_rendition
from coworking.forms import BookingForm, VisitForm
from coworking.models import Booking, MemberBase, Resource, Space, VisitRequest
from portal import registry, search
from portal.accounts.verification import has_verified_email
from portal.cache import cached_for_visitors
from portal.mail import render_mail
from portal.search.views import search_context
from portal.utils import canonical_url, map_settings

MAP_LIMIT = 500  # markers on the list's map


def _map_points(query):
    """Every result of the search as a marker (the map shows the same results as the list)."""
    try:
        ids = search.ids(query)[:MAP_LIMIT]
    except search.SearchUnavailable:
        return []
    # Hundreds of markers: plain values rather than spaces, the name in the visitor's language
    # with modeltranslation's fallbacks, and one reverse() for all of them.
    names = [f"name_{code}" for code in resolution_order(get_language() or settings.LANGUAGE_CODE)]
    fields = [
        "pk",
        "slug",
        "kind",
        "latitude",
        "longitude",
        "municipality__latitude",
        "municipality__longitude",
    ]
    rows = Space.objects.filter(pk__in=ids).values_list(*fields, *names)
    head, tail = reverse("coworking:space", kwargs={"pk": 999999999, "slug": "x"}).split("999999999-x", 1)
    kinds = {value: str(label) for value, label in Space.Kind.choices}
    points = []
    for pk, slug, kind, lat, lon, town_lat, town_lon, *translations in rows:
        # As Space.point: the space's own coordinates, else its municipality's centre.
        if lat is None or lon is None:
            lat, lon = town_lat, town_lon
        name = next((n for n in translations if n), "")
        points.append(
            {
                "name": name,
                "url": f"{head}{pk}-{slug}{tail}",
                "lat": lat,
                "lon": lon,
                "kind": kinds.get(kind, kind),
            }
        )
    return points


def _thumbnail(space):
    """The card's picture: the first photo, from the renditions the search document loaded."""
    photo = space.photo_list[0] if space.photo_list else None
    if photo is None:
        return ""
    try:
        rendition = photo_rendition(photo.image, CARD_PHOTO)
    except SourceImageIOError:  # a missing file: Wagtail's placeholder, as {% image %} shows
        rendition = get_rendition_or_not_found(photo.image, CARD_PHOTO)
    return rendition.img_tag({"alt": "", "class": "space-thumb", "loading": "lazy"})


@require_GET
@cached_for_visitors(slot_seconds=60)  # "open now" follows the clock within a minute
def space_index(request):
    context = search_context(request, SPACES)
    now = timezone.now()
    context["statuses"] = {}
    if context["result"]:
        context["statuses"] = {s.pk: s.schedule().status(now) for s in context["result"].hits}
        for space in context["result"].hits:
            space.thumbnail = _thumbnail(space)
    context["map_points"] = _map_points(context["query"])
    context["map"] = map_settings()
    status = 503 if context["unavailable"] else 200
    return render(request, "coworking/index.html", context, status=status)


def _public_space(pk):
    space = get_object_or_404(
        Space.objects.select_related("municipality__province", "municipality__region").prefetch_related(
            "amenities", "photos__image", "resources__amenities"
        ),
        pk=pk,
    )
    if not space.published:
        raise Http404
    return space


def _schema(space, request):
    """schema.org LocalBusiness (a Place) with its opening hours for the coming week."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    week = space.schedule().week(timezone.localdate())
    specification = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{days[day.weekday()]}",
            "opens": begin.strftime("%H:%M"),
            "closes": finish.strftime("%H:%M") if finish.time() != datetime.time.min else "23:59",
            "validFrom": day.isoformat(),
            "validThrough": day.isoformat(),
        }
        for day, intervals in week
        for begin, finish in intervals
    ]
    lat, lon = space.point
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": space.name,
        "url": canonical_url(space.get_absolute_url()),
        "description": space.description[:500],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": space.street_address,
            "postalCode": space.postal_code,
            "addressLocality": space.municipality.name,
            "addressCountry": "BE",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon},
        "openingHours": space.opening_hours,
        "openingHoursSpecification": specification,
        "amenityFeature": [
            {"@type": "LocationFeatureSpecification", "name": a.name, "value": True}
            for a in space.amenities.all()
        ],
        "isAccessibleForFree": False,
    }
    if space.phone:
        data["telephone"] = space.phone
    # </script> cannot end the block early: "<" is escaped.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _with_sections(context):
    """The listed members who work from this space (through the core: coworking does not know
    the directory) and the other apps' sections (the events held here)."""
    space = context["space"]
    user_ids = list(MemberBase.objects.filter(space=space).values_list("user_id", flat=True))
    context["members"] = registry.public_members(user_ids, limit=24)
    context["member_card"] = registry.member_card_template()
    context["sections"] = registry.venue_sections()
    return context


def _week_rows(schedule, first_day):
    return [
        {
            "day": day,
            "intervals": [hours.interval_label(b, f) for b, f in intervals],
            "today": day == timezone.localdate(),
        }
        for day, intervals in schedule.week(first_day)
    ]


@require_http_methods(["GET"])
@cached_for_visitors(slot_seconds=60)  # "open now" and today's hours follow the clock
def space_detail(request, pk, slug=""):
    space = _public_space(pk)
    canonical = space.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    today = timezone.localdate()
    schedule = space.schedule()
    adviser = space.adviser_schedule()
    context = {
        "space": space,
        "status": schedule.status(),
        "week": _week_rows(schedule, today),
        "adviser_week": _week_rows(adviser, today) if adviser else None,
        "resources": list(space.resources.all()),
        "photos": list(space.photos.all()),
        "visit_form": VisitForm(),
        "schema": _schema(space, request),
        "map": map_settings(),
        "map_points": [{"name": space.name, "lat": space.point[0], "lon": space.point[1], "url": ""}],
    }
    return render(request, "coworking/space.html", _with_sections(context))


@require_http_methods(["POST"])
def visit_request(request, pk):
    space = _public_space(pk)
    form = VisitForm(request.POST)
    if form.is_spam():
        messages.success(request, _("Thank you: your request has been sent to the space."))
        return redirect(space.get_absolute_url())
    limited = is_ratelimited(
        request, group="coworking-visit", key="ip", rate="5/h", method="POST", increment=False
    )
    if form.is_valid() and not limited:
        is_ratelimited(request, group="coworking-visit", key="ip", rate="5/h", method="POST", increment=True)
        data = form.cleaned_data
        visit = VisitRequest.objects.create(
            space=space,
            name=data["name"],
            email=data["email"],
            day=data["day"],
            message=data["message"],
            language=get_language() or settings.LANGUAGE_CODE,
        )
        context = {"visit": visit, "space": space, "space_url": canonical_url(space.get_absolute_url())}
        # To the space's team in their language, with the visitor as the address to answer.
        subject, body = render_mail("coworking/emails/visit", context, space.contact_language)
        EmailMessage(subject, body, to=[space.email], reply_to=[visit.email]).send()
        subject, body = render_mail("coworking/emails/visit_ack", context, visit.language)
        EmailMessage(subject, body, to=[visit.email]).send()
        messages.success(request, _("Thank you: your request has been sent to the space."))
        return redirect(space.get_absolute_url())
    if limited:
        form.add_error(
            None,
            _(
                "You have sent several requests in a short time. Please wait an hour and try again; what you wrote is still below."  # noqa: E501
            ),
        )
    today = timezone.localdate()
    schedule = space.schedule()
    adviser = space.adviser_schedule()
    context = {
        "space": space,
        "status": schedule.status(),
        "week": _week_rows(schedule, today),
        "adviser_week": _week_rows(adviser, today) if adviser else None,
        "resources": list(space.resources.all()),
        "photos": list(space.photos.all()),
        "visit_form": form,
        "schema": _schema(space, request),
        "map": map_settings(),
        "map_points": [{"name": space.name, "lat": space.point[0], "lon": space.point[1], "url": ""}],
    }
    return render(request, "coworking/space.html", _with_sections(context), status=429 if limited else 400)


def _slot_grid(resource, first_day, now):
    """The week's slots: for rooms each open hour, for desks each open day, free or taken."""
    schedule = resource.space.schedule()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=hours.TZ)
    end = start + datetime.timedelta(days=7)
    taken = list(
        Booking.objects.confirmed()
        .filter(resource=resource)
        .overlapping(start, end)
        .values_list("start", "end")
    )
    taken += list(resource.closures.filter(start__lt=end, end__gt=start).values_list("start", "end"))
    days = []
    for day, intervals in schedule.week(first_day):
        slots = []
        if resource.unit == Resource.Unit.DAY:
            if intervals:
                span = (intervals[0][0], intervals[-1][1])
                slots.append(_slot(span, taken, now, label=hours.interval_label(*span), day=True))
        else:
            for begin, finish in intervals:
                moment = begin
                while moment < finish:
                    following = min(moment + datetime.timedelta(hours=1), finish)
                    slots.append(_slot((moment, following), taken, now))
                    moment = following
        days.append({"day": day, "slots": slots})
    return days


def _slot(span, taken, now, label="", day=False):
    begin, finish = span
    busy = any(b < finish and e > begin for b, e in taken)
    if (finish if day else begin) <= now:
        state = "past"
    elif begin > now + datetime.timedelta(days=bookings.BOOKING_HORIZON_DAYS):
        state = "later"
    else:
        state = "taken" if busy else "free"
    return {
        "start": begin,
        "end": finish,
        "label": label or hours.interval_label(begin, finish),
        "state": state,
        "time": hours.aware(begin).strftime("%H:%M"),
        "until": hours.aware(finish).strftime("%H:%M")
        if hours.aware(finish).time() != datetime.time.min
        else "24:00",
    }


@login_required
@require_http_methods(["GET", "POST"])
def book_resource(request, pk, resource):
    space = _public_space(pk)
    resource = get_object_or_404(Resource, pk=resource, space=space, bookable=True)
    if not has_verified_email(request.user):
        messages.warning(
            request,
            _(
                "Please confirm your e-mail address first: use the link we sent you, or ask for a new one below."  # noqa: E501
            ),
        )
        return redirect("account_email")
    now = timezone.now()
    today = timezone.localdate()
    try:
        first_day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        first_day = today
    first_day = min(max(first_day, today), today + datetime.timedelta(days=bookings.BOOKING_HORIZON_DAYS))
    initial = {}
    if request.GET.get("day"):
        initial["day"] = request.GET["day"][:10]
        if request.GET.get("start"):
            initial["start"] = request.GET["start"][:5]
            try:
                h, m = (int(p) for p in initial["start"].split(":"))
                initial["end"] = f"{min(h + 1, 24):02d}:{m:02d}"
            except ValueError:
                pass
    form = BookingForm(request.POST or None, resource=resource, initial=initial, first_day=first_day)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            span = form.span()
            try:
                if span is None:
                    raise bookings.BookingRefused(
                        _("The space is closed at that time: please choose another day."), "closed"
                    )
                made = bookings.book(resource, request.user, *span, language=get_language())
            except bookings.BookingRefused as refused:
                form.add_error(None, refused.message)
                status = 409 if refused.code == "taken" else 400
            else:
                messages.success(
                    request,
                    _("Booked: %(resource)s, %(when)s. We have sent you a confirmation by e-mail.")
                    % {"resource": resource.name, "when": bookings.when(made)},
                )
                return redirect("coworking:bookings")
    week = _slot_grid(resource, first_day, now)
    horizon = datetime.timedelta(days=bookings.BOOKING_HORIZON_DAYS)
    next_week = first_day + datetime.timedelta(days=7)
    return render(
        request,
        "coworking/book.html",
        {
            "space": space,
            "resource": resource,
            "form": form,
            "week": week,
            "first_day": first_day,
            "previous_week": first_day - datetime.timedelta(days=7) if first_day > today else None,
            "next_week": next_week if next_week <= today + horizon else None,
        },
        status=status,
    )


@login_required
@require_GET
def my_bookings(request):
    now = timezone.now()
    mine = Booking.objects.filter(member=request.user).select_related("resource__space").order_by("start")
    upcoming = [b for b in mine if b.status == Booking.Status.CONFIRMED and b.end > now]
    for b in upcoming:
        b.token = bookings.cancel_token(b)
    past = [b for b in mine if b not in upcoming][-20:]
    return render(request, "coworking/bookings.html", {"upcoming": upcoming, "past": past})


@require_http_methods(["GET", "POST"])
def cancel_booking(request, token):
    booking = bookings.booking_from_token(token)
    if booking is None:
        return render(request, "coworking/cancel.html", {"invalid": True}, status=404)
    if request.user.is_authenticated and request.user.pk != booking.member_id:
        # The link is its member's: someone else logged in cannot use it.
        return render(request, "coworking/cancel.html", {"not_yours": True}, status=403)
    if (
        request.method == "POST"
        and booking.status == Booking.Status.CONFIRMED
        and booking.end > timezone.now()
    ):
        bookings.cancel(booking)
        messages.success(
            request, _("Your booking has been cancelled. We have sent you a confirmation by e-mail.")
        )
        if request.user.is_authenticated:
            return redirect("coworking:bookings")
        return redirect(reverse("coworking:cancel", kwargs={"token": token}))
    return render(
        request,
        "coworking/cancel.html",
        {"booking": booking, "when": bookings.when(booking), "over": booking.end <= timezone.now()},
    )


def site_search(text, limit):
    """The spaces that match the site search's words (portal.registry): the query, run with the
    other domains', then the spaces found with their municipality, in one statement."""

    def found(ids, total):
        spaces = {s.pk: s for s in Space.objects.filter(pk__in=ids).select_related("municipality")}
        items = [
            (
                space.name,
                space.get_absolute_url(),
                " · ".join(
                    filter(
                        None,
                        [space.get_kind_display(), space.municipality.name if space.municipality_id else ""],
                    )
                ),
            )
            for space in (spaces[pk] for pk in ids if pk in spaces)
        ]
        more = f"{reverse('coworking:index')}?{urlencode({'q': text})}"
        return registry.Found(_("Coworking spaces"), total, items, more)

    return registry.SiteQuery(search.SearchQuery(document=SPACES, q=text, page_size=limit), found)
