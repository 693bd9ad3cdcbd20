"""Extension points: how apps plug into the shell without the shell knowing them.

Each app calls the `register_*` functions from its `AppConfig.ready()`; the shell's URLs,
sitemap, /health/, account page and `seed_demo` read what was registered. Plain lists and
dicts: registration happens once per process, before the first request.
"""

_urls = []  # URL patterns under the language prefix (/fr/…)
_api_urls = []  # URL patterns without it (JSON APIs)
_sitemaps = {}  # name -> django.contrib.sitemaps.Sitemap subclass
_health_checks = {}  # name -> callable() -> (status string, healthy flag)
_account_sections = []  # template names included in the account page
_demo_seeders = []  # callables(stdout=…, members=…) run by seed_demo, after the core's demo


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
