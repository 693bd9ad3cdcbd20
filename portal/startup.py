"""What a portal process imports at startup, and what it leaves out.

Every gunicorn worker imports the whole of Wagtail's admin (its hooks are discovered when the
apps start), so each module that a library pulls in and the portal never runs costs memory in
every worker (issue 13: at most 120 MiB per worker). Three kinds are left out here, each without
changing a feature:

- modules a library imports at the top but uses only inside functions that the portal never
  calls: loaded lazily, on first use (`install_lazy_imports`, from portal/__init__.py, so before
  Django starts);
- optional extras that Django REST framework imports when they are installed and that the
  portal does not use (`import_rest_framework_without_extras`, from PortalConfig.ready);
- the routers that Wagtail's apps add to its API v3 (django-ninja and pydantic schemas for every
  snippet) when they start: the portal serves API v2 only (`wagtail_api_v3_left_out`, used by
  portal/wagtail_apps.py).

tests/portal/test_startup.py checks in a fresh process that these modules stay out.
Only the standard library is imported at the top: this module runs before the settings exist.
"""

import importlib.machinery
import importlib.util
import sys
import types
from contextlib import contextmanager

# Imported at the top of a module that only uses them inside functions the portal never calls.
# A lazy module is loaded when one of its attributes is first read; importing it a second time
# also loads it, so only modules with a single importer at startup belong here.
LAZY_MODULES = frozenset(
    {
        # django.test.utils imports jinja2 to skip the tests that need it; Wagtail imports
        # django.test at startup (wagtail.coreutils, for its RequestFactory).
        "jinja2",
        # allauth's MFA login stage imports the WebAuthn flows, which import fido2 and
        # cryptography; the portal offers TOTP and recovery codes only (MFA_SUPPORTED_TYPES).
        "allauth.mfa.webauthn.internal.auth",
    }
)


class _LazyFinder:
    """Finds the modules of LAZY_MODULES as usual, but defers running them to first use."""

    def find_spec(self, name, path=None, target=None):
        if name not in LAZY_MODULES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


def install_lazy_imports():
    if not any(isinstance(finder, _LazyFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LazyFinder())


def import_rest_framework_without_extras():
    """Import rest_framework.compat without the optional packages the portal does not use.

    compat imports django.contrib.postgres.fields when psycopg is installed (it always is:
    production runs on PostgreSQL), which loads psycopg and its C library on SQLite too;
    pygments, for the browsable API's highlighting (the portal renders JSON only); and requests,
    for DRF's RequestsClient in tests (nothing else in a worker uses requests). These imports are
    inside `try/except ImportError` there: they are made to fail for this one import only.
    Must run before anything imports rest_framework.serializers (PortalConfig.ready is first).
    """
    if "rest_framework.compat" in sys.modules:
        return
    from django.conf import settings

    skipped = ["pygments", "requests"]
    if not any("postgresql" in database["ENGINE"] for database in settings.DATABASES.values()):
        skipped.append("django.contrib.postgres.fields")
    skipped = [name for name in skipped if name not in sys.modules]
    for name in skipped:
        sys.modules[name] = None  # `import name` then raises ImportError
    try:
        import rest_framework.compat  # noqa: F401
    finally:
        for name in skipped:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


class _NoAPIv3:
    """Stands for wagtail.api.v3.api.api while Wagtail's apps start: routers are not added."""

    def add_router(self, prefix, router):
        pass


def _placeholder(name, **attributes):
    module = types.ModuleType(name, "Left out: the portal does not serve Wagtail's API v3.")
    module.__dict__.update(attributes)
    return module


# The modules that the ready() of wagtail.images, wagtail.documents, wagtail.snippets and
# wagtail.contrib.redirects import to register on API v3, and what they take from them.
_API_V3_PLACEHOLDERS = {
    "wagtail.api.v3.api": {"api": _NoAPIv3()},
    "wagtail.images.api.v3.registry": {"register_content_types": lambda: None},
    "wagtail.images.api.v3.router": {"router": None},
    "wagtail.documents.api.v3.registry": {"register_content_types": lambda: None},
    "wagtail.documents.api.v3.router": {"router": None},
    "wagtail.snippets.api.v3": {"register_content_types": lambda: None},
    "wagtail.snippets.api.v3.router": {"router": None},
    "wagtail.contrib.redirects.api.v3": {"router": None},
}


@contextmanager
def wagtail_api_v3_left_out():
    """While a Wagtail app's ready() runs, its API v3 registration finds placeholders instead of
    importing django-ninja and building pydantic schemas for every image, document and snippet
    model (about 11 MiB per worker). The portal mounts no v3 URLs (portal/urls.py: API v2 only);
    to serve v3 one day, list Wagtail's own app configs again in INSTALLED_APPS.
    A Wagtail upgrade that changes these imports either fails at startup (a name missing here)
    or brings django-ninja back, which tests/portal/test_startup.py reports."""
    added = {
        name: _placeholder(name, **attributes)
        for name, attributes in _API_V3_PLACEHOLDERS.items()
        if name not in sys.modules
    }
    sys.modules.update(added)
    try:
        yield
    finally:
        # Gone again, so that a real import later (a test, a shell) gets Wagtail's modules.
        for name, placeholder in added.items():
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
