"""The member directory's searchable document: the one place that says what a member search
finds, filters, counts and sorts. Form, API parameters, indexes and filter panel follow."""

from django.utils.translation import gettext_lazy as _

from directory.models import Experience, MemberProfile
from portal.places import choices as places
from portal.places.models import Municipality
from portal.search import Facet, Ordering, SearchDocument, TextField
from portal.search.reference import attach_many, instances
from portal.taxonomy import choices as taxonomy
from portal.taxonomy.models import Language, Profession, Sector
from portal.utils import language_codes

BATCH = 2000


# Indexing reads the reference data from maps each worker caches (portal.*.choices), not from
# joins: `objects()` gives profiles with their sector and language ids attached.
def _place(profile):
    return places.places_by_id()[profile.municipality_id]


def _profession(profile):
    return taxonomy.professions_by_id().get(profile.profession_id)


def _sectors(profile):
    known = taxonomy.sectors_by_id()
    return [known[pk] for pk in profile.sector_ids if pk in known]


def _sector_names(profile):
    """{language code: the names of the profile's sectors in it}."""
    sectors = _sectors(profile)
    return {code: [names[n] for _slug, names in sectors] for n, code in enumerate(language_codes())}


def _languages(profile):
    known = taxonomy.languages_by_id()
    return [known[pk][0] for pk in profile.language_ids if pk in known]


def _postcodes(profile):
    # The member's own postcode when they gave one, else every postcode of their municipality.
    return [profile.postal_code] if profile.postal_code else _place(profile).postcodes


def _area(profile):
    place = _place(profile)
    return place.area_names + place.postcodes


class MemberDocument(SearchDocument):
    name = "members"
    model = MemberProfile
    has_geo = True
    text_fields = [
        TextField("name", lambda p: p.display_name, boost=3, suggest=True),
        TextField("title", lambda p: p.title),
        TextField("skills", lambda p: p.skills),
        TextField(
            "profession",
            lambda p: taxonomy.profession_titles_by_id().get(p.profession_id, {}),
            boost=2,
            stemmed=True,
            suggest=True,
        ),
        TextField("sectors", _sector_names, stemmed=True),
        TextField("bio", lambda p: dict(p.bios()), stemmed=True),
        TextField("place", lambda p: _place(p).names, boost=2, places=True, suggest=True),
        TextField("area", _area),
    ]
    facets = [
        Facet(
            "sector",
            _("Sector"),
            lambda p: [slug for slug, _names in _sectors(p)],
            taxonomy.sectors,
            ids=taxonomy.sector_ids,
            many=True,
        ),
        Facet(
            "profession",
            _("Profession"),
            lambda p: _profession(p)[0] if p.profession_id else None,
            taxonomy.professions,
            ids=taxonomy.profession_ids,
        ),
        Facet(
            "region",
            _("Region"),
            lambda p: _place(p).region,
            places.regions,
            ids=places.region_ids,
            choose="one",
            any_label=_("Anywhere"),
            help_text="; REFNIS: 02000 Flanders, 03000 Wallonia, 04000 Brussels",
        ),
        Facet(
            "province",
            _("Province"),
            lambda p: _place(p).province,
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
            lambda p: _place(p).refnis,
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
            _languages,
            taxonomy.languages,
            ids=taxonomy.language_ids,
            many=True,
        ),
        Facet(
            "experience",
            _("Experience"),
            lambda p: p.experience,
            lambda: [(v, str(label)) for v, label in Experience.choices],
            ids=lambda: {value: number for number, value in enumerate(Experience.values, 1)},
        ),
        Facet(
            "mentor",
            _("Mentoring"),
            lambda p: p.mentor,
            lambda: [("true", str(_("Open to mentoring")))],
            boolean=True,
            ids=lambda: {"false": 0, "true": 1},
        ),
    ]
    orderings = [
        Ordering("name", _("Name"), lambda p: p.display_name),
        Ordering("updated", _("Recently updated"), lambda p: p.updated_at, kind="date", descending=True),
    ]

    def _with_links(self, profiles):
        """Attach the sector and language ids: two small queries per batch instead of
        prefetching model instances."""
        by_pk = {p.pk: p for p in profiles}
        for p in profiles:
            p.sector_ids, p.language_ids = [], []
        for field, attribute in (("sectors", "sector_ids"), ("languages", "language_ids")):
            through = getattr(MemberProfile, field).through
            target = f"{through._meta.get_field(field[:-1]).attname}"
            for pk, value in through.objects.filter(memberprofile_id__in=list(by_pk)).values_list(
                "memberprofile_id", target
            ):
                getattr(by_pk[pk], attribute).append(value)
        return profiles

    def objects(self, ids=None):
        qs = MemberProfile.objects.public().order_by("pk")
        if ids is not None:
            return self._with_links(list(qs.filter(pk__in=list(ids))))
        return self._batches(qs)

    def _batches(self, qs):
        last = 0
        while True:
            batch = list(qs.filter(pk__gt=last)[:BATCH])
            if not batch:
                return
            yield from self._with_links(batch)
            last = batch[-1].pk

    def count(self):
        return MemberProfile.objects.public().count()

    def load(self, ids):
        # Professions, places, sectors and languages are reference data each process keeps:
        # attached from there, a page of 20 profiles builds 20 model instances, not 200.
        by_id = {p.pk: p for p in MemberProfile.objects.filter(pk__in=ids)}
        profiles = [by_id[pk] for pk in ids if pk in by_id]
        professions = instances(Profession)
        municipalities = instances(Municipality, ("province", "region"))
        for profile in profiles:
            if profile.profession_id:
                profile.profession = professions.get(profile.profession_id)
            profile.municipality = municipalities[profile.municipality_id]
        for field, model in (("sectors", Sector), ("languages", Language)):
            through = getattr(MemberProfile, field).through
            target = through._meta.get_field(field[:-1]).attname
            links = through.objects.filter(memberprofile_id__in=list(by_id))
            links = links.values_list("memberprofile_id", target)
            attach_many(profiles, field, links, instances(model))
        return profiles

    def point(self, profile):
        return _place(profile).point


MEMBERS = MemberDocument()
