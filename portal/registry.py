"""Extension points: how apps plug into the shell without the shell knowing them.

Each app calls the `register_*` functions from its `AppConfig.ready()`; the shell's URLs,
sitemap, /health/, account page and `seed_demo` read what was registered. Plain lists and
dicts: registration happens once per process, before the first request.
"""

from django.dispatch import Signal

_urls = []  # URL patterns under the language prefix (/fr/…)
_api_urls = []  # URL patterns without it (JSON APIs)
_sitemaps = {}  # name -> django.contrib.sitemaps.Sitemap subclass
_health_checks = {}  # name -> callable() -> (status string, healthy flag)
_account_sections = []  # template names included in the account page
_demo_seeders = []  # callables(stdout=…, members=…) run by seed_demo, after the core's demo
_nav_links = []  # (order, label, URL name): the domains' entries in the menu and the footer
_home_sections = []  # template names included in the home page, in order
_venue_sections = []  # template names included in a venue's (a space's) page, given `space`
_public_members = {}  # "find": callable(user_ids, limit) -> public profiles; "card": template
_profile_extensions = []  # extra fields of the member's profile form (see register_profile_extension)
_personal_data = {}  # section name -> callable(user) -> JSON-able data, in the member's export
_venues = {}  # "provider": an object giving the places events are held at (coworking's spaces)
_site_searches = []  # (order, callable(text, limit) -> SiteQuery, Found or None): the site search's domains
_member_interests = {}  # "provider": callable(user) -> {"sectors": [ids], "region": REFNIS}


def _add(items, item):
    if item not in items:
        items.append(item)


def register_urls(*patterns):
    """URL patterns served under the language prefix, before Wagtail's page catch-all."""
    for pattern in patterns:
        _add(_urls, pattern)


def register_api_urls(*patterns):
    """URL patterns served without the language prefix, e.g. a JSON API under /api/."""
    for pattern in patterns:
        _add(_api_urls, pattern)


def register_sitemap(name, sitemap):
    """A section of /sitemap.xml."""
    _sitemaps[name] = sitemap


def register_health_check(name, check):
    """A line of /health/: `check()` returns (status, healthy); unhealthy answers 503."""
    _health_checks[name] = check


def register_account_section(template_name):
    """A template included in the account page (it gets the page's context: `user`…)."""
    _add(_account_sections, template_name)


def register_demo_seeder(seeder):
    """A callable(stdout=None, members=None) that adds the app's demo data."""
    _add(_demo_seeders, seeder)


def register_nav_link(label, url_name, order=100):
    """An entry of the main menu and the footer, after the pages: `label` (a lazy translation)
    links to the URL named `url_name` in the visitor's language."""
    _add(_nav_links, (order, label, url_name))


def register_home_section(template_name):
    """A template included in the home page, below its introduction (it gets the page's context):
    a domain's way in (the directory's search box, the next events, …)."""
    _add(_home_sections, template_name)


def register_venue_section(template_name):
    """A template included in a space's page (it gets `space`): the events held there, …"""
    _add(_venue_sections, template_name)


def register_public_members(find, card_template, in_sectors=None):
    """How other apps list members without knowing the directory: `find(user_ids, limit)` gives
    the public profiles of those accounts (listed, moderated, charter accepted), shown with
    `card_template` (it gets `profile`); `in_sectors(sector_ids, exclude_user_ids, limit)` the
    public profiles working in any of those sectors (members to team up with)."""
    _public_members.update(find=find, card=card_template, in_sectors=in_sectors)


def register_profile_extension(extension):
    """Extra fields of the member's profile form, owned by another app (the space a member
    works from). `extension` has `fields(user)` -> {name: form field}, `initial(user)` -> {name:
    value}, `save(user, cleaned_data)`, and `template` shown on the public profile (it gets
    `profile`)."""
    _add(_profile_extensions, extension)


def register_personal_data(name, collect):
    """A section of the member's data export ("Download all my data"): `collect(user)` gives
    what the app holds about them (bookings, registrations…), as JSON-able data."""
    _personal_data[name] = collect


def personal_data(user):
    """{section: data} of every app, for the member's export."""
    return {name: collect(user) for name, collect in sorted(_personal_data.items())}


class Found:
    """What a domain found for the site search: its heading, how many, the first few as
    (title, URL, one line), and the address of its own list searched for the same words."""

    def __init__(self, label, total, items, more_url):
        self.label, self.total, self.items, self.more_url = label, total, items, more_url

    @staticmethod
    def line(*parts):
        """ "Photographer · Liège": the parts that are there."""
        return " · ".join(str(part) for part in parts if part)


class SiteQuery:
    """What a domain's site search may give instead of a Found: the `query` of its search
    document (a portal.search.SearchQuery) and `found(ids, total)`, which makes the Found from
    the ids of the first hits in order and how many match. The site search runs every domain's
    query at once (portal.search.first_ids: one statement on the database) rather than one
    search with facets each."""

    def __init__(self, query, found):
        self.query, self.found = query, found


def register_site_search(find, order=100):
    """A domain in the site search, beside the pages: `find(text, limit)` gives a SiteQuery, or a
    Found (None or a Found with no items when nothing matches), from the domain's own search
    document."""
    _add(_site_searches, (order, find))


def site_searches():
    """The domains' `find` callables of the site search, in their order."""
    return [find for _order, find in sorted(_site_searches, key=lambda entry: entry[0])]


def register_member_interests(provider):
    """What a member works in, without the other apps knowing the directory: `provider(user)`
    gives {"sectors": [sector ids], "region": region REFNIS or ""} from their own profile
    (alerts about calls start from it)."""
    _member_interests["provider"] = provider


def member_interests(user):
    """{"sectors": [sector ids], "region": REFNIS or ""}: empty without a provider or a profile."""
    provider = _member_interests.get("provider")
    found = provider(user) if provider and getattr(user, "is_authenticated", False) else None
    found = found or {}
    return {"sectors": list(found.get("sectors") or []), "region": found.get("region") or ""}


def register_venues(provider):
    """Where events can take place, without the events app knowing who provides it:
    `provider.choices()` -> [(id, label)], `provider.get(ids)` -> {id: Venue}."""
    _venues["provider"] = provider


# Sent (after the transaction commits) with `venue_id` when a venue's name, address or place
# changed, or it was removed: what shows it (the events held there) follows.
venue_changed = Signal()


class Venue:
    """A place an event is held at, as the events app needs it."""

    __slots__ = ("id", "name", "street_address", "postal_code", "municipality_id", "point", "url")

    def __init__(self, id, name, street_address, postal_code, municipality_id, point, url):
        self.id, self.name, self.street_address, self.postal_code = id, name, street_address, postal_code
        self.municipality_id, self.point, self.url = municipality_id, point, url


def venue_choices():
    provider = _venues.get("provider")
    return list(provider.choices()) if provider else []


def venues(ids):
    """{id: Venue} of these venue ids (missing or unpublished ones left out)."""
    provider = _venues.get("provider")
    ids = [i for i in ids if i]
    return provider.get(ids) if provider and ids else {}


def venue_sections():
    return list(_venue_sections)


def public_members(user_ids, limit=None):
    find = _public_members.get("find")
    return list(find(list(user_ids), limit)) if find and user_ids else []


def public_members_in_sectors(sector_ids, exclude_user_ids=(), limit=6):
    find = _public_members.get("in_sectors")
    return list(find(list(sector_ids), list(exclude_user_ids), limit)) if find and sector_ids else []


def member_card_template():
    return _public_members.get("card", "")


def profile_extensions():
    return list(_profile_extensions)


def urls():
    return list(_urls)


def api_urls():
    return list(_api_urls)


def sitemaps():
    return dict(_sitemaps)


def health_checks():
    return dict(_health_checks)


def account_sections():
    return list(_account_sections)


def demo_seeders():
    return list(_demo_seeders)


def home_sections():
    return list(_home_sections)


def nav_links():
    return [(label, url_name) for _order, label, url_name in sorted(_nav_links, key=lambda link: link[0])]


def nav_urls():
    """(label, URL in the active language) of each registered section: menu, footer, site map."""
    from django.urls import reverse

    return [(label, reverse(url_name)) for label, url_name in nav_links()]
