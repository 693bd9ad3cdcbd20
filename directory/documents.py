"""The member directory's searchable document: the one place that says what a member search
finds, filters, counts and sorts. Form, API parameters, indexes and filter panel follow."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from directory.models import Experience, MemberProfile
from portal.places import choices as places
from portal.search import Facet, Ordering, SearchDocument, TextField
from portal.taxonomy import choices as taxonomy

LANGS = [code for code, _name in settings.LANGUAGES]


def _names(obj):
    return [getattr(obj, f"name_{code}") for code in LANGS] if obj else []


def _postcodes(profile):
    # The member's own postcode when they gave one, else every postcode of their municipality.
    if profile.postal_code:
        return [profile.postal_code]
    return [p.code for p in profile.municipality.postal_codes.all()]


def _area(profile):
    place = profile.municipality
    return _names(place.province) + _names(place.region) + [p.code for p in place.postal_codes.all()]


class MemberDocument(SearchDocument):
    name = "members"
    model = MemberProfile
    has_geo = True
    text_fields = [
        TextField("name", lambda p: p.display_name, boost=3, suggest=True),
        TextField("title", lambda p: p.title),
        TextField("skills", lambda p: p.skills),
        TextField("profession", lambda p: _names(p.profession), boost=2, stemmed=True, suggest=True),
        TextField("sectors", lambda p: [n for s in p.sectors.all() for n in _names(s)], stemmed=True),
        TextField("bio", lambda p: [text for _code, text in p.bios()], stemmed=True),
        TextField("place", lambda p: _names(p.municipality), boost=2, places=True, suggest=True),
        TextField("area", _area),
    ]
    facets = [
        Facet(
            "sector", _("Sector"), lambda p: [s.slug for s in p.sectors.all()], taxonomy.sectors, many=True
        ),
        Facet(
            "profession",
            _("Profession"),
            lambda p: p.profession.slug if p.profession else None,
            taxonomy.professions,
        ),
        Facet(
            "region",
            _("Region"),
            lambda p: p.municipality.region.refnis,
            places.regions,
            choose="one",
            any_label=_("Anywhere"),
            help_text="; REFNIS: 02000 Flanders, 03000 Wallonia, 04000 Brussels",
        ),
        Facet(
            "province",
            _("Province"),
            lambda p: p.municipality.province.refnis if p.municipality.province_id else None,
            places.provinces,
            choose="one",
            parent="region",
            parent_of=places.province_regions,
            any_label=_("Anywhere"),
            help_text="; REFNIS",
        ),
        Facet(
            "municipality",
            _("Municipality"),
            lambda p: p.municipality.refnis,
            places.municipalities,
            choose="one",
            parent="province",
            parent_of=places.municipality_provinces,
            panel=False,
            help_text="; REFNIS",
        ),
        Facet(
            "postcode",
            _("Postcode"),
            _postcodes,
            places.postcodes,
            many=True,
            choose="one",
            panel=False,
            help_text="; four digits",
        ),
        Facet(
            "language",
            _("Languages spoken"),
            lambda p: [x.code for x in p.languages.all()],
            taxonomy.languages,
            many=True,
        ),
        Facet(
            "experience",
            _("Experience"),
            lambda p: p.experience,
            lambda: [(v, str(label)) for v, label in Experience.choices],
        ),
        Facet(
            "mentor",
            _("Mentoring"),
            lambda p: p.mentor,
            lambda: [("true", str(_("Open to mentoring")))],
            boolean=True,
        ),
    ]
    orderings = [
        Ordering("name", _("Name"), lambda p: p.display_name),
        Ordering("updated", _("Recently updated"), lambda p: p.updated_at, kind="date", descending=True),
    ]

    def _queryset(self):
        return (
            MemberProfile.objects.public()
            .select_related("profession", "municipality__province", "municipality__region")
            .prefetch_related("sectors", "languages", "municipality__postal_codes")
        )

    def objects(self, ids=None):
        qs = self._queryset().order_by("pk")
        if ids is not None:
            return list(qs.filter(pk__in=list(ids)))
        return qs.iterator(chunk_size=2000)

    def count(self):
        return MemberProfile.objects.public().count()

    def load(self, ids):
        profiles = (
            MemberProfile.objects.filter(pk__in=ids)
            .select_related("profession", "municipality__province", "municipality__region")
            .prefetch_related("sectors", "languages")
        )
        by_id = {p.pk: p for p in profiles}
        return [by_id[pk] for pk in ids if pk in by_id]

    def point(self, profile):
        place = profile.municipality
        return (place.latitude, place.longitude)


MEMBERS = MemberDocument()
