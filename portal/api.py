from rest_framework.exceptions import ValidationError
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.utils import clean_query

MAX_OFFSET = 100_000


class SafeQueryMixin:
    """Bad search, operator or offset values get a 400 answer instead of a database error."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        params = self.request.GET
        if params.get("search_operator", "and") not in ("and", "or"):
            raise ValidationError({"search_operator": "must be 'and' or 'or'"})
        offset = params.get("offset", "0")
        if not offset.isdigit() or int(offset) > MAX_OFFSET:
            raise ValidationError({"offset": f"must be a whole number up to {MAX_OFFSET}"})
        if "search" in params:
            cleaned = params.copy()
            cleaned["search"] = clean_query(params.get("search"))
            self.request._request.GET = cleaned


class PortalPagesAPIViewSet(SafeQueryMixin, PagesAPIViewSet):
    pass


class PortalImagesAPIViewSet(SafeQueryMixin, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(SafeQueryMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
