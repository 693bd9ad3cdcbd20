"""Calls on other pages: the home page's calls closing next."""

import time

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from portal.cache import content_stamp

register = template.Library()

HOME_LIMIT = 4
# The home page's calls, per worker: {(content stamp, language, limit, time slot): calls}.
NEXT_CALLS_SECONDS = 300
_next_calls = {}


@register.simple_tag
def closing_calls(limit=HOME_LIMIT):
    """The published calls still open whose deadline comes next, soonest first (rolling calls
    without a deadline are not "closing").

    The home page shows them to everyone: each worker keeps them until the content stamp changes
    or for a few minutes (a call that closes leaves the list), so the page asks the database
    nothing for them most of the time."""
    key = (content_stamp.value(), get_language(), int(limit), int(time.time() // NEXT_CALLS_SECONDS))
    calls = _next_calls.get(key)
    if calls is None:
        calls = _closing(int(limit))
        if len(_next_calls) > 32:
            _next_calls.clear()
        _next_calls[key] = calls
    return calls


def _closing(limit):
    from calls.models import Call
    from calls.views import prepare

    now = timezone.now()
    calls = Call.objects.public().live().filter(deadline__gte=now).order_by("deadline", "pk")[:limit]
    return prepare(calls, now=now)


ACCOUNT_LIMIT = 10


@register.simple_tag
def my_calls(user, limit=ACCOUNT_LIMIT):
    """The calls still open that the member follows or looks for partners on, soonest deadline
    first (the account page), each with `interest` (follows, seeks_partners)."""
    from django.db.models import F, Q

    from calls.models import Call, Interest
    from calls.views import prepare

    if not user.is_authenticated:
        return []
    chosen = Interest.objects.filter(Q(follows=True) | Q(seeks_partners=True), user=user)
    interests = {i.call_id: i for i in chosen}
    calls = (
        Call.objects.public()
        .live()
        .filter(pk__in=list(interests))
        .order_by(F("deadline").asc(nulls_last=True), "pk")[: int(limit)]
    )
    calls = prepare(calls)
    for call in calls:
        call.interest = interests[call.pk]
    return calls
