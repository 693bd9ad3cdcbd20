"""A change of an account's groups or own permissions ends its open sessions: whoever holds one
logs in again (rights are read from the database at each request; what changes is that a
session opened before the change, perhaps on a shared or stolen device, no longer counts).
is_staff and is_superuser are in the session's signature already (User._get_session_auth_hash).
Changes to what a group may do (its permissions, Wagtail's page permissions) are not covered:
they concern everyone in the group and are the administrators' own decisions.

At login, an editor's Wagtail profile is given the language they use the portal in."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import get_language
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def rights_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear") or (action != "pre_clear" and not pk_set):
        return
    if isinstance(instance, User):
        instance.end_sessions()
    elif pk_set:  # from the group's side: group.user_set.add(…)
        for user in User.objects.filter(pk__in=pk_set):
            user.end_sessions()
    elif action == "pre_clear":  # group.user_set.clear(): everyone in it
        for user in instance.user_set.all():
            user.end_sessions()


@receiver(user_logged_in)
def admin_speaks_their_language(sender, request, user, **kwargs):
    """An editor who never chose the admin's language gets it in theirs: the one they asked the
    portal to write to them in, else the one of the site they logged in from. Wagtail would
    otherwise follow the browser's Accept-Language at /admin/, which has no language in its
    address: an editor of the German site with an English browser got an English admin.
    Stored in the Wagtail profile made at their first login, where they can change it
    (Account > Preferences)."""
    if not user.has_perm("wagtailadmin.access_admin"):
        return
    # Only a profile made now: an empty language in an older one may be Wagtail's own choice,
    # "Use server language", made in their preferences.
    profile, created = UserProfile.objects.get_or_create(user=user)
    if not created or profile.preferred_language:
        return
    offered = dict(get_available_admin_languages())
    language = next((code for code in (user.preferred_language, get_language()) if code in offered), "")
    if language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
