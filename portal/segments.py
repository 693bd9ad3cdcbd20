"""Path segments in the visitor's language (/fr/compte/, /nl/ledengids/, /de/suche/): the
core's, declared once here; domain apps declare theirs beside their URL patterns the same way.

makemessages only reads literal strings, so every segment is its own pgettext_lazy call with
the same context. Addresses with the English segments (the old ones, or shared by someone
reading in another language) are sent on by portal.middleware.MovedSegmentsMiddleware."""

from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

ACCOUNT = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "account/")
SEARCH = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "search/")
SITE_MAP = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "sitemap/")
CHARTER = pgettext_lazy("URL path segment: lower case, no accents, ends with /", "charter/")


def joined(*parts):
    """Segments (lazy or not) as one lazy path: the language is chosen when a URL is matched."""
    return format_lazy("{}" * len(parts), *parts)
