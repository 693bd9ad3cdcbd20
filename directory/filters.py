import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from directory.models import MemberProfile
from portal.places.models import Province, Region
from portal.taxonomy.models import Sector


class ProfileModerationFilterSet(WagtailFilterSet):
    """Filters of the moderators' profile list in the Wagtail admin."""

    status = django_filters.ChoiceFilter(choices=MemberProfile.Status.choices, label=_("Status"))
    reported = django_filters.BooleanFilter(method="filter_reported", label=_("Has open reports"))
    sectors = django_filters.ModelChoiceFilter(queryset=Sector.objects.all(), label=_("Sector"))
    region = django_filters.ModelChoiceFilter(
        field_name="municipality__region", queryset=Region.objects.all(), label=_("Region")
    )
    province = django_filters.ModelChoiceFilter(
        field_name="municipality__province", queryset=Province.objects.all(), label=_("Province")
    )

    class Meta:
        model = MemberProfile
        fields = ["status", "listed", "paused", "in_good_standing"]

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        open_reports = queryset.filter(reports__resolved=False).values("pk")
        return queryset.filter(pk__in=open_reports) if value else queryset.exclude(pk__in=open_reports)
