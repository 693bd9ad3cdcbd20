"""A change of rights (groups, permissions) ends the account's open sessions: whoever holds one
logs in again and gets a fresh session with the new rights (is_staff and is_superuser are in
the session's signature already, see User._get_session_auth_hash)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def rights_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if isinstance(instance, User):
        instance.end_sessions()
    elif pk_set:  # from the group's side: group.user_set.add(…)
        for user in User.objects.filter(pk__in=pk_set):
            user.end_sessions()
    elif action == "pre_clear":  # group.user_set.clear(): everyone in it
        for user in instance.user_set.all():
            user.end_sessions()
