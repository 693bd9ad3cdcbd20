from django.conf import settings

from portal.models.charter import acceptance_of_current, current_charter_version


def portal(request):
    user = getattr(request, "user", None)
    needs_acceptance = False
    if user is not None and user.is_authenticated and not request.path.startswith("/admin/"):
        needs_acceptance = bool(current_charter_version()) and acceptance_of_current(user) is None
    return {
        "charter_needs_acceptance": needs_acceptance,
        "LANGUAGE_NAMES_LOCAL": settings.LANGUAGE_NAMES_LOCAL,
    }
