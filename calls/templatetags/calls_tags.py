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
