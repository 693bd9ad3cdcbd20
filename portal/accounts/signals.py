"""A change of an account's groups or own permissions ends its open sessions: whoever holds one
logs in again (rights are read from the database at each request; what changes is that a
session opened before the change, perhaps on a shared or stolen device, no longer counts).
is_staff and is_superuser are in the session's signature already (User._get_session_auth_hash).
Changes to what a group may do (its permissions, Wagtail's page permissions) are not covered:
they concern everyone in the group and are the administrators' own decisions."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

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
