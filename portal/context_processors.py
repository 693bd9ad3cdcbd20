from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.charter.acceptance import current_charter_version


def portal(request):
    return {
        # Read only when a template shows them, and together (member_facts).
        "charter_needs_acceptance": SimpleLazyObject(lambda: member_facts(request)["charter"]),
        "can_use_admin": SimpleLazyObject(lambda: member_facts(request)["admin"]),
        "LANGUAGE_NAMES_LOCAL": settings.LANGUAGE_NAMES_LOCAL,
    }


def member_facts(request):
    """What the header tells a logged-in member: whether the charter in force still waits for
    their acceptance, and whether they may use the admin (Wagtail's access_admin permission,
    as user.has_perm answers it). One statement, once per request: they were three queries
    (the acceptance, the user's permissions, their groups')."""
    facts = getattr(request, "_portal_member_facts", None)
    if facts is None:
        facts = _read_member_facts(request)
        request._portal_member_facts = facts
    return facts


def _read_member_facts(request):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Exists, OuterRef, Q

    from portal.charter.models import CharterAcceptance

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"charter": False, "admin": False}
    version = None if request.path.startswith("/admin/") else current_charter_version()
    asked = {}
    if version:
        asked["accepted"] = Exists(CharterAcceptance.objects.filter(user=OuterRef("pk"), version=version))
    if user.is_active and not user.is_superuser:
        # ModelBackend's rule (allauth's backend is one): the user's own or their groups'.
        asked["admin"] = Exists(
            Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").filter(
                Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk"))
            )
        )
    row = (get_user_model().objects.filter(pk=user.pk).values(**asked).first() or {}) if asked else {}
    return {
        "charter": bool(version) and not row.get("accepted", False),
        "admin": user.is_active and (user.is_superuser or row.get("admin", False)),
    }
