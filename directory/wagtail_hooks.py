from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from directory.filters import ProfileModerationFilterSet
from directory.models import MemberProfile, ProfileReport
from directory.reports import notify_hidden
from portal.admin_viewsets import NoAddMixin


class ProfileEditView(EditView):
    def save_instance(self):
        was_hidden = MemberProfile.objects.filter(
            pk=self.object.pk, status=MemberProfile.Status.HIDDEN
        ).exists()
        instance = super().save_instance()
        if instance.status == MemberProfile.Status.HIDDEN and not was_hidden:
            # The member learns why, in their language.
            notify_hidden(instance, instance.moderation_reason)
        return instance


class MemberProfileViewSet(NoAddMixin, ModelViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = _("Member profiles")
    url_namespace = "directory_profiles"
    url_prefix = "directory/profiles"
    edit_view_class = ProfileEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["display_name", "profession", "municipality", "status", "open_reports", "updated_at"]
    filterset_class = ProfileModerationFilterSet
    search_fields = ["display_name", "title", "skills"]
    form_fields = ["status", "moderation_reason", "in_good_standing"]
    inspect_view_fields = [
        "display_name",
        "profession",
        "title",
        "municipality",
        "postal_code",
        "experience",
        "mentor",
        "bio_fr",
        "bio_nl",
        "bio_de",
        "bio_en",
        "skills",
        "website",
        "portfolio",
        "listed",
        "paused",
        "status",
        "moderation_reason",
        "created_at",
        "updated_at",
    ]

    def get_index_view_kwargs(self, **kwargs):
        # Wagtail's ModelViewSet reads no get_queryset() (snippets do): the listing's queryset
        # is given to its view, with the open reports counted in the same query.
        queryset = MemberProfile.objects.select_related("profession", "municipality").annotate(
            open_reports_count=Count("reports", filter=Q(reports__resolved=False))
        )
        return super().get_index_view_kwargs(**{"queryset": queryset, **kwargs})


class ProfileReportViewSet(NoAddMixin, ModelViewSet):
    model = ProfileReport
    icon = "warning"
    menu_label = _("Profile reports")
    url_namespace = "directory_reports"
    url_prefix = "directory/reports"
    copy_view_enabled = False
    list_display = ["profile", "reason", "created_at", "resolved"]
    list_filter = ["resolved", "reason"]
    form_fields = ["resolved"]


class DirectoryGroup(ViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "group"
    menu_order = 250
    items = (MemberProfileViewSet, ProfileReportViewSet)


@hooks.register("register_admin_viewset")
def register_directory_viewsets():
    return DirectoryGroup()
