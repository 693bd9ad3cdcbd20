"""The spaces' searchable document: what a space search finds, filters, counts and sorts.
The list page, the API, both backends' indexes and the filter panel follow from it."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from coworking import hours
from coworking.models import Amenity, Space, SpacePhoto
from portal.places import choices as places
from portal.search import Facet, Ordering, SearchDocument, TextField
from portal.search.reference import reference_cache
from portal.utils import all_translations, translations

# The renditions of the spaces' photos that the list's cards and the API show.
CARD_PHOTO = "fill-240x160"
API_PHOTO = "max-1200x900"
PHOTO_FILTERS = (CARD_PHOTO, API_PHOTO)
_FILTERS = {spec: Filter(spec=spec) for spec in PHOTO_FILTERS}  # their operations parsed once


def photo_rendition(image, spec):
    """The rendition among those loaded with the page (`load`): no query, and no cache write
    of a pickled rendition as get_rendition() makes for each picture; made when missing."""
    wanted = _FILTERS.get(spec) or Filter(spec=spec)
    found = image.find_existing_renditions(wanted)
    return next(iter(found.values()), None) or image.get_rendition(wanted)


ACCESSIBILITY = {
    "step-free": _("Step-free entrance"),
    "toilet": _("Accessible toilet"),
    "hearing-loop": _("Hearing loop"),
    "lift": _("Lift"),
}


def _place(space):
    return places.places_by_id()[space.municipality_id]


def amenities():
    """(slug, name in the active language), in the editors' order."""
    from django.utils.translation import get_language

    return reference_cache.get(
        ("coworking-amenities", get_language()), lambda: [(a.slug, a.name) for a in Amenity.objects.all()]
    )


def amenity_objects():
    """{id: Amenity}, kept with the reference data (the names follow the active language)."""
    return reference_cache.get("coworking-amenity-objects", lambda: {a.pk: a for a in Amenity.objects.all()})


def attach_amenities(objects):
    """Each space's or room's amenities as `amenity_list`, in the editors' order, in one query."""
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    column = f"{model._meta.model_name}_id"
    by_pk = {obj.pk: obj for obj in objects}
    known = amenity_objects()
    found = {pk: [] for pk in by_pk}
    links = model.amenities.through.objects.filter(**{f"{column}__in": list(by_pk)})
    for pk, amenity_id in links.values_list(column, "amenity_id"):
        if amenity_id in known:
            found[pk].append(known[amenity_id])
    for pk, amenities in found.items():
        by_pk[pk].amenity_list = sorted(amenities, key=lambda a: (a.order, a.slug))
    return objects


_open_now = {"generation": 0, "key": None, "ids": frozenset()}


def hours_changed(**kwargs):
    """A space was saved or deleted: the next "open now" is computed afresh in this process
    (other workers follow within the minute)."""
    _open_now["generation"] += 1


def open_now_ids(at=None):
    """The published spaces open at this moment (the "open now" filter), computed once a minute
    per process: a list page asks twice (its results and its map)."""
    at = at or timezone.now()
    key = (at.replace(second=0, microsecond=0), _open_now["generation"])
    if _open_now["key"] != key:
        # Each distinct expression evaluated once: many spaces keep the same hours.
        by_expression = {}
        for pk, expression in Space.objects.public().values_list("pk", "opening_hours"):
            by_expression.setdefault(expression, []).append(pk)
        _open_now["ids"] = frozenset(
            pk
            for expression, pks in by_expression.items()
            if hours.Schedule(expression).is_open(at)
            for pk in pks
        )
        _open_now["key"] = key
    return set(_open_now["ids"])


class SpaceDocument(SearchDocument):
    name = "spaces"
    model = Space
    has_geo = True
    page_size = 20
    text_fields = [
        TextField("name", lambda s: translations(s, "name"), boost=3, suggest=True),
        TextField(
            "amenities",
            lambda s: all_translations(s.amenity_list, "name"),
            boost=2,
            stemmed=True,
        ),
        TextField("rooms", lambda s: all_translations(s.resource_list, "name"), stemmed=True),
        TextField("description", lambda s: translations(s, "description"), stemmed=True),
        TextField("place", lambda s: _place(s).names, boost=2, places=True, suggest=True),
        TextField("area", lambda s: _place(s).area_names + [s.postal_code, s.street_address]),
    ]
    facets = [
        Facet(
            "open_now",
            _("Open now"),
            lambda s: None,
            lambda: [("true", str(_("Open now")))],
            boolean=True,
            live=open_now_ids,
        ),
        Facet(
            "kind", _("Kind"), lambda s: s.kind, lambda: [(v, str(label)) for v, label in Space.Kind.choices]
        ),
        Facet(
            "amenity",
            _("Amenities"),
            # The space's own and those of its bookable rooms (a projector in a meeting room).
            lambda s: sorted({a.slug for a in s.amenity_list} | s.room_amenities),
            amenities,
            many=True,
            match="all",
        ),
        Facet(
            "accessibility",
            _("Accessibility"),
            lambda s: s.accessibility(),
            lambda: [(code, str(label)) for code, label in ACCESSIBILITY.items()],
            many=True,
            match="all",
        ),
        Facet(
            "region",
            _("Region"),
            lambda s: _place(s).region,
            places.regions,
            ids=places.region_ids,
            choose="one",
            any_label=_("Anywhere"),
            help_text="; REFNIS: 02000 Flanders, 03000 Wallonia, 04000 Brussels",
        ),
        Facet(
            "province",
            _("Province"),
            lambda s: _place(s).province,
            places.provinces,
            ids=places.province_ids,
            choose="one",
            parent="region",
            parent_of=places.province_regions,
            any_label=_("Anywhere"),
            help_text="; REFNIS",
        ),
        Facet(
            "municipality",
            _("Municipality"),
            lambda s: _place(s).refnis,
            places.municipalities,
            choose="one",
            parent="province",
            parent_of=places.municipality_provinces,
            panel=False,
            help_text="; REFNIS",
        ),
    ]
    orderings = [Ordering("name", _("Name"), lambda s: s.name)]

    def _with_links(self, spaces):
        spaces = list(spaces)
        by_pk = {s.pk: s for s in spaces}
        for s in spaces:
            s.amenity_list, s.resource_list = [], []
        through = Space.amenities.through
        known = {a.pk: a for a in Amenity.objects.all()}
        for space_id, amenity_id in through.objects.filter(space_id__in=list(by_pk)).values_list(
            "space_id", "amenity_id"
        ):
            by_pk[space_id].amenity_list.append(known[amenity_id])
        from coworking.models import Resource

        for resource in Resource.objects.filter(space_id__in=list(by_pk)):
            by_pk[resource.space_id].resource_list.append(resource)
        for s in spaces:
            s.room_amenities = set()
        rooms = Resource.amenities.through.objects.filter(
            resource__space_id__in=list(by_pk), resource__bookable=True
        ).values_list("resource__space_id", "amenity_id")
        for space_id, amenity_id in rooms:
            by_pk[space_id].room_amenities.add(known[amenity_id].slug)
        return spaces

    def objects(self, ids=None):
        qs = Space.objects.public().order_by("pk")
        if ids is not None:
            qs = qs.filter(pk__in=list(ids))
        return self._with_links(qs)

    def count(self):
        return Space.objects.public().count()

    def load(self, ids):
        """The spaces of a result page with their amenities (`amenity_list`) and photos
        (`photo_list`, with the renditions the cards and the API show), in four queries
        whatever the number of spaces: no related manager per space."""
        spaces = Space.objects.filter(pk__in=ids).select_related(
            "municipality__province", "municipality__region"
        )
        by_id = {s.pk: s for s in spaces}
        attach_amenities(by_id.values())
        for s in by_id.values():
            s.photo_list = []
        photos = list(
            SpacePhoto.objects.filter(space_id__in=list(by_id))
            .select_related("image")
            .order_by("sort_order", "pk")
        )
        # The renditions of those images, as Wagtail reads them from `prefetched_renditions`
        # (a prefetch_related would build a queryset per image).
        renditions = {photo.image_id: [] for photo in photos}
        model = get_image_model().get_rendition_model()
        for rendition in model.objects.filter(image_id__in=list(renditions), filter_spec__in=PHOTO_FILTERS):
            renditions[rendition.image_id].append(rendition)
        for photo in photos:
            for rendition in renditions[photo.image_id]:
                rendition.image = photo.image
            photo.image.prefetched_renditions = renditions[photo.image_id]
            by_id[photo.space_id].photo_list.append(photo)
        return [by_id[pk] for pk in ids if pk in by_id]

    def point(self, space):
        return space.point


SPACES = SpaceDocument()
