"""What a member does with a call: follow it (a reminder before the deadline, the deadline in
their calendar) and say they are looking for partners to answer it together. The call's page
lists the members looking for partners and suggests listed members whose sectors fit the call;
people write to them through the directory's contact relay (their profile), never by address."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from calls.models import LIVE_STATUSES, Call, Interest
from portal import registry
from portal.accounts.verification import has_verified_email
from portal.utils import canonical_url, site_host

NOTE_MAX = Interest._meta.get_field("note").max_length
PARTNERS_SHOWN = 12
SUGGESTED = 6
MAX_ID = 2**63 - 1


def _call(pk):
    if pk > MAX_ID:
        raise Http404
    return get_object_or_404(Call.objects.public(), pk=pk)


def interest_context(request, call):
    """What the call's page shows about people: the visitor's own interest, the members looking
    for partners (their public profiles, with their notes), and members whose sectors fit."""
    user = request.user
    mine = None
    if user.is_authenticated:
        mine = Interest.objects.filter(user=user, call=call).first()
    seekers = list(
        Interest.objects.filter(call=call, seeks_partners=True)
        .order_by("-created_at")
        .values_list("user_id", "note")
    )
    notes = dict(seekers)
    profiles = registry.public_members([user_id for user_id, _note in seekers], limit=PARTNERS_SHOWN)
    for profile in profiles:
        profile.partner_note = notes.get(profile.user_id, "")
    sector_ids = [s.pk for s in call.sectors.all()] if call.pk else []
    exclude = [user_id for user_id, _note in seekers]
    if user.is_authenticated:
        exclude.append(user.pk)
    suggested = registry.public_members_in_sectors(sector_ids, exclude, SUGGESTED) if sector_ids else []
    return {
        "interest": mine,
        "partners": profiles,
        "suggested_members": suggested,
        "member_card": registry.member_card_template(),
        "can_act": has_verified_email(user),
        "answerable": call.effective_status() in LIVE_STATUSES,
        "note_max": NOTE_MAX,
        "deadline_ics_url": reverse("calls:deadline_ics", args=[call.pk]) if call.deadline else "",
    }


@require_POST
def interest(request, pk):
    """Follow or unfollow, look for partners (with a note) or stop; one form per action."""
    call = _call(pk)
    back = call.get_absolute_url() + "#interest"
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={call.get_absolute_url()}")
    if not has_verified_email(request.user):
        messages.error(request, _("Please confirm your e-mail address first."))
        return redirect(back)
    action = request.POST.get("action", "")
    if action not in ("follow", "unfollow", "seek", "stop_seeking"):
        messages.error(request, _("That action is unknown."))
        return redirect(back)
    if action in ("follow", "seek") and call.effective_status() not in LIVE_STATUSES:
        messages.error(request, _("This call is closed."))
        return redirect(back)
    note = " ".join((request.POST.get("note") or "").split())
    if len(note) > NOTE_MAX:
        messages.error(request, _("Please keep the note to %(max)s characters.") % {"max": NOTE_MAX})
        return redirect(back)
    found, _created = Interest.objects.get_or_create(user=request.user, call=call)
    if action == "follow":
        found.follows = True
        messages.success(request, _("You follow this call: we will remind you before its deadline."))
    elif action == "unfollow":
        found.follows = False
        messages.success(request, _("You no longer follow this call."))
    elif action == "seek":
        found.seeks_partners, found.note = True, note
        messages.success(request, _("Other members now see that you are looking for partners for this call."))
    else:
        found.seeks_partners, found.note = False, ""
        messages.success(request, _("You are no longer listed as looking for partners."))
    if not found.follows and not found.seeks_partners:
        found.delete()
    else:
        found.save()
    return redirect(back)


@require_GET
def deadline_ics(request, pk):
    """The call's deadline as a calendar entry (in UTC, an hour long and ending at the deadline)
    with a reminder the day before; a moved deadline replaces the entry (same UID, higher
    SEQUENCE)."""
    # Imported here: the library is only needed when a file is made (worker memory).
    from icalendar import Alarm, Calendar, Event

    call = _call(pk)
    if call.deadline is None:
        raise Http404
    title = call.display("title")[0]
    cal = Calendar()
    cal.add("prodid", "-//Coop portal//calls//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", f"call-{call.pk}-deadline@{site_host()}")
    entry.add("dtstamp", timezone.now())
    changed = call.source_updated_at or call.updated_at
    entry.add("last-modified", changed)
    # Minutes since 2020: grows with every change, so calendar apps take the new deadline.
    since = changed - datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    entry.add("sequence", max(0, int(since.total_seconds() // 60)))
    end = call.deadline.astimezone(datetime.UTC)
    entry.add("dtstart", end - datetime.timedelta(hours=1))
    entry.add("dtend", end)
    entry.add("summary", _("Deadline: %(title)s") % {"title": title})
    url = canonical_url(call.get_absolute_url())
    entry.add("url", url)
    entry.add("description", url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Deadline tomorrow: %(title)s") % {"title": title})
    alarm.add("trigger", datetime.timedelta(days=-1))
    entry.add_component(alarm)
    cal.add_component(entry)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-deadline.ics"'
    return response
