from django.conf import settings

from portal.charter.acceptance import current_charter_version, has_accepted_current


def portal(request):
    user = getattr(request, "user", None)
    needs_acceptance = False
    if user is not None and user.is_authenticated and not request.path.startswith("/admin/"):
        needs_acceptance = bool(current_charter_version()) and not has_accepted_current(user)
    return {
        "charter_needs_acceptance": needs_acceptance,
        "LANGUAGE_NAMES_LOCAL": settings.LANGUAGE_NAMES_LOCAL,
    }
