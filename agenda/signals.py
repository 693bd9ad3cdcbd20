"""Keeps the events' search document current (after the transaction commits)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from agenda.documents import EVENTS
from agenda.models import Event, EventFormat, Registration
from portal import registry, search
from portal.search.reference import watch

watch(EventFormat)


def _reindex_later(ids):
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: search.update(EVENTS, ids))


@receiver(post_save, sender=Event)
def event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_later([instance.pk])


@receiver(m2m_changed, sender=Event.sectors.through)
@receiver(m2m_changed, sender=Event.languages.through)
def event_links_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Event):
        _reindex_later([instance.pk])


@receiver(post_delete, sender=Event)
def event_deleted(sender, instance, **kwargs):
    search.remove(EVENTS, [instance.pk])


@receiver(post_save, sender=EventFormat)
def format_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_later(Event.objects.filter(format=instance).values_list("pk", flat=True))


@receiver(registry.venue_changed)
def venue_changed(sender, venue_id=None, **kwargs):
    # The venue's name, address and place are in the events' documents (and their pages).
    _reindex_later(Event.objects.filter(space_id=venue_id).values_list("pk", flat=True))


@receiver(post_save, sender=Registration)
@receiver(post_delete, sender=Registration)
def seats_changed(sender, instance, raw=False, origin=None, **kwargs):
    # The places left are indexed (the "places left" filter); the visitors' kept lists are
    # renewed. Not waiting for the engine's refresh: the person registering waits for nothing.
    if raw:
        return
    from portal.cache import content_stamp

    content_stamp.bump_on_commit()
    if isinstance(origin, Event) or getattr(origin, "model", None) is Event:
        return  # deleted with its event, which leaves the index itself
    event_id = instance.event_id
    transaction.on_commit(lambda: search.update(EVENTS, [event_id], wait=False))
