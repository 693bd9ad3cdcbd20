"""What Wagtail's ModelViewSet has no switch for: a listing without "Add"."""


class NoAddMixin:
    """For records the site creates itself (queued e-mails, member profiles, reports): no
    "Add" button, and /new/ shows the listing instead of a form that could not be saved."""

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    @property
    def add_view(self):
        return self.index_view
