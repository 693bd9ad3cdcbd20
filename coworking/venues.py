"""The spaces as venues of events (through portal.registry: the events app does not import
coworking)."""

from coworking.models import Space
from portal.registry import Venue


class SpaceVenues:
    def choices(self):
        return [
            (s.pk, f"{s.name} ({s.municipality.name})")
            for s in Space.objects.public().select_related("municipality")
        ]

    def get(self, ids):
        spaces = Space.objects.public().filter(pk__in=ids).select_related("municipality")
        return {
            s.pk: Venue(
                id=s.pk,
                name=s.name,
                street_address=s.street_address,
                postal_code=s.postal_code,
                municipality_id=s.municipality_id,
                point=s.point,
                url=s.get_absolute_url(),
            )
            for s in spaces
        }
