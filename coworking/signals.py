"""Keeps the spaces' search document current, and cancels the bookings a maintenance block
covers (after the transaction commits)."""

from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from coworking.documents import SPACES, hours_changed
from coworking.models import Amenity, Closure, Resource, Space
from portal import registry, search
from portal.search.reference import watch

watch(Amenity)


def _reindex_later(ids):
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: search.update(SPACES, ids))


def _venue_changed_later(pk):
    transaction.on_commit(lambda: registry.venue_changed.send(sender=Space, venue_id=pk))


@receiver(post_save, sender=Space)
def space_saved(sender, instance, raw=False, **kwargs):
    hours_changed()
    if not raw:
        _reindex_later([instance.pk])
        _venue_changed_later(instance.pk)


@receiver(m2m_changed, sender=Space.amenities.through)
def space_amenities_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Space):
        _reindex_later([instance.pk])


@receiver(post_delete, sender=Space)
def space_deleted(sender, instance, **kwargs):
    hours_changed()
    search.remove(SPACES, [instance.pk])
    _venue_changed_later(instance.pk)


@receiver(post_save, sender=Resource)
@receiver(post_delete, sender=Resource)
def resource_changed(sender, instance, raw=False, **kwargs):
    # Room names are in the space's text.
    if not raw:
        _reindex_later([instance.space_id])


@receiver(post_save, sender=Amenity)
def amenity_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_later(instance.spaces.values_list("pk", flat=True))


@receiver(post_save, sender=Closure)
def closure_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from coworking.booking import block

        # The booking lock of the resource, held until the block is committed: no booking can
        # slip in between the block's save and its cancellations.
        Resource.objects.filter(pk=instance.resource_id).update(lock_version=F("lock_version") + 1)
        transaction.on_commit(lambda: block(instance))
