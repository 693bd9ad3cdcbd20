"""The rule every part of the portal asks: has this user accepted the charter in force?"""

from django.core.cache import cache

from portal.cache import content_memo
from portal.charter.models import CharterAcceptance, ValuesCharterPage
from portal.charter.signals import charter_version_changed

CHARTER_VERSION_CACHE_KEY = "charter:version-in-force"


def current_charter_version():
    """The version members must have accepted, or None. Asked on most requests, several times
    on some: kept in the process for the content stamp's life (publishing a charter changes
    it), and in the shared cache until a charter page is published, unpublished or deleted."""

    def read():
        version = cache.get(CHARTER_VERSION_CACHE_KEY)
        if version is None:
            charter = ValuesCharterPage.in_force()
            version = charter.version if charter else ""
            cache.set(CHARTER_VERSION_CACHE_KEY, version, 3600)
        return version

    return content_memo.get(CHARTER_VERSION_CACHE_KEY, read) or None


def acceptance_of_current(user):
    """The user's acceptance of the version in force, or None."""
    version = current_charter_version()
    if not version or not user.is_authenticated:
        return None
    return user.charter_acceptances.filter(version=version).first()


def has_accepted_current(user):
    """True when the user accepted the version in force (False when there is none)."""
    return acceptance_of_current(user) is not None


def accepted_version(user):
    """The version in force if the user accepted it, else the last one they accepted, else ""."""
    acceptance = acceptance_of_current(user) or user.charter_acceptances.first()
    return acceptance.version if acceptance else ""


def record_acceptance(user, version, language=""):
    acceptance, _created = CharterAcceptance.objects.get_or_create(
        user=user, version=version, defaults={"language": language}
    )
    return acceptance


def charter_pages_changed(sender=None, **kwargs):
    """A charter page was published, unpublished or deleted: forget the cached version and
    tell the other apps when the version in force is (or may be) a different one."""
    previous = cache.get(CHARTER_VERSION_CACHE_KEY)
    cache.delete(CHARTER_VERSION_CACHE_KEY)
    version = current_charter_version()
    # An expired cache cannot tell what changed: say it changed; receivers are idempotent.
    if previous is None or (previous or None) != version:
        charter_version_changed.send(sender=ValuesCharterPage, version=version)
