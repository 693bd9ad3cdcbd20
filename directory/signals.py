"""Keeps the members' search document current: a profile, its member, its sectors or the
charter in force change, the indexes follow (after the transaction commits)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from directory.documents import MEMBERS
from directory.models import MemberProfile
from portal import search
from portal.charter.models import CharterAcceptance
from portal.charter.signals import charter_version_changed
from portal.taxonomy.models import Profession, Sector


def _reindex_later(ids):
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: search.update(MEMBERS, ids))


@receiver(post_save, sender=MemberProfile)
def profile_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_later([instance.pk])


@receiver(m2m_changed, sender=MemberProfile.sectors.through)
@receiver(m2m_changed, sender=MemberProfile.languages.through)
def profile_sectors_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, MemberProfile):
        _reindex_later([instance.pk])


@receiver(post_delete, sender=MemberProfile)
def profile_deleted(sender, instance, **kwargs):
    search.remove(MEMBERS, [instance.pk])


@receiver(post_save, sender=Sector)
@receiver(post_save, sender=Profession)
def names_changed(sender, instance, raw=False, **kwargs):
    # Their names in four languages are in the profiles' text.
    if not raw:
        _reindex_later(instance.profiles.values_list("pk", flat=True))


@receiver(post_save, sender=CharterAcceptance)
def charter_accepted(sender, instance, **kwargs):
    # The directory lists a profile only while its member has accepted the charter in force.
    MemberProfile.objects.filter(user_id=instance.user_id).update(charter_version=instance.version)
    _reindex_later(MemberProfile.objects.filter(user_id=instance.user_id).values_list("pk", flat=True))


@receiver(post_save, sender=get_user_model())
def user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # A deactivated account's profile leaves the directory (and comes back when reactivated).
    # A login only stamps last_login: nothing the directory shows.
    if not raw and set(update_fields or ()) != {"last_login"}:
        _reindex_later(MemberProfile.objects.filter(user_id=instance.pk).values_list("pk", flat=True))


@receiver(charter_version_changed)
def drop_stale_profiles(sender, version=None, **kwargs):
    # Profiles of members who have not accepted the new version leave the search indexes.
    if version:
        search.remove(
            MEMBERS, MemberProfile.objects.exclude(charter_version=version).values_list("pk", flat=True)
        )
