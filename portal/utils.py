import csv
import unicodedata

from django.conf import settings
from django.utils.translation import gettext

MAX_QUERY_LENGTH = 200
# Free text people write (a message to a member or to the committee, a report's details): long
# enough for any real message, short enough that nobody stores a book through a form.
MESSAGE_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000


def clean_query(value):
    """A search string safe for every backend: no control characters, bounded length."""
    if not isinstance(value, str):
        return ""
    cleaned = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch == " ")
    # Cut first, then balance: cutting last could leave an odd quote behind.
    cleaned = " ".join(cleaned.split())[:MAX_QUERY_LENGTH].strip()
    if cleaned.count('"') % 2:
        # An unbalanced quote breaks phrase parsing in some engines (SQLite FTS5).
        cleaned = " ".join(cleaned.replace('"', " ").split())
    return cleaned


def language_codes():
    """The site's languages, in order: the one list every part reads (settings.LANGUAGES)."""
    return [code for code, _name in settings.LANGUAGES]


def translations(obj, field):
    """{language code: obj.<field>_<code>} for each site language it is written in."""
    found = ((code, getattr(obj, f"{field}_{code}", "")) for code in language_codes())
    return {code: value for code, value in found if value}


def all_translations(objects, field):
    """{language code: [each object's <field>_<code>]}: the names of several related objects."""
    out = {}
    for obj in objects:
        for code, value in translations(obj, field).items():
            out.setdefault(code, []).append(value)
    return out


def supported_language(code):
    """One of the site's languages for a preference as stored or sent ("nl-BE", "", "xx"): its
    own when the site has it, else the default language. E-mails are written in it."""
    code = (code or "").split("-")[0].lower()
    return code if code in language_codes() else settings.LANGUAGE_CODE


def site_host():
    """The canonical host name (SITE_URL's): what calendar UIDs end with."""
    return settings.WAGTAILADMIN_BASE_URL.split("//", 1)[-1].split("/", 1)[0] or "portal"


def read_csv(path):
    """The rows of a UTF-8 CSV file with a header, as dicts (reference data files)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def canonical_url(path=""):
    """The public address of a path on the portal's one canonical host (SITE_URL), whatever
    host name the request came in on: sitemaps, canonical links, the API and e-mails agree."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def moved_permanently(request, path):
    """The answer for an address that moved (an English path segment now translated): the
    query string kept, 301 for reading, 308 for a form sent there so nothing typed is lost."""
    from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

    query = request.META.get("QUERY_STRING", "")
    target = f"{path}?{query}" if query else path
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(target)
    response = HttpResponseRedirect(target)
    response.status_code = 308
    return response


def map_settings():
    """What a Leaflet map (portal/includes/map.html) needs: the tile address and the tiles'
    credit, in the visitor's language when the catalogues have it (the default one does)."""
    return {"tiles": settings.MAP_TILE_URL, "attribution": gettext(settings.MAP_TILE_ATTRIBUTION)}
