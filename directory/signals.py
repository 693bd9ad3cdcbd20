from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from directory import indexing
from directory.models import MemberProfile
from directory.search import index_backends
from directory.search.facets import clear_facet_options
from portal.charter.models import CharterAcceptance
from portal.charter.signals import charter_version_changed
from portal.places.models import Province, Region
from portal.taxonomy.models import Language, Profession, Sector


def _reindex_later(ids):
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: indexing.reindex(ids))


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
    indexing.remove([instance.pk])


@receiver(post_save, sender=Sector)
def sector_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_later(instance.profiles.values_list("pk", flat=True))


@receiver(post_save, sender=Profession)
def profession_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_later(instance.profiles.values_list("pk", flat=True))


for _model in (Sector, Profession, Language, Region, Province):
    post_save.connect(clear_facet_options, sender=_model, dispatch_uid=f"facet-options-{_model.__name__}")


@receiver(post_save, sender=CharterAcceptance)
def charter_accepted(sender, instance, **kwargs):
    # The directory lists a profile only while its member has accepted the charter in force.
    MemberProfile.objects.filter(user_id=instance.user_id).update(charter_version=instance.version)
    _reindex_later(MemberProfile.objects.filter(user_id=instance.user_id).values_list("pk", flat=True))


@receiver(post_save, sender=get_user_model())
def user_saved(sender, instance, raw=False, **kwargs):
    # A deactivated account's profile leaves the directory (and comes back when reactivated).
    if not raw:
        _reindex_later(MemberProfile.objects.filter(user_id=instance.pk).values_list("pk", flat=True))


@receiver(charter_version_changed)
def drop_stale_profiles(sender, version=None, **kwargs):
    # Profiles of members who have not accepted the new version leave the search indexes.
    if version:
        for backend in index_backends():
            backend.remove_stale_charter(version)
