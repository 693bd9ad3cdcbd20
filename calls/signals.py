"""Keeps the calls' search document current (after the transaction commits)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from calls.documents import CALLS
from calls.models import Call
from portal import search


def reindex_later(ids):
    from calls.importing import pending_reindex

    ids = list(ids)
    batch = pending_reindex()
    if batch is not None:
        # An import run: indexed once at its end (calls.importing.reindex_once).
        batch.update(ids)
        return
    if ids:
        transaction.on_commit(lambda: search.update(CALLS, ids))


@receiver(post_save, sender=Call)
def call_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_later([instance.pk])


@receiver(m2m_changed, sender=Call.sectors.through)
@receiver(m2m_changed, sender=Call.regions.through)
@receiver(m2m_changed, sender=Call.provinces.through)
def call_links_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Call):
        reindex_later([instance.pk])


@receiver(post_delete, sender=Call)
def call_deleted(sender, instance, **kwargs):
    search.remove(CALLS, [instance.pk])
