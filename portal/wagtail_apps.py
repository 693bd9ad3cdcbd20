"""Wagtail's apps as INSTALLED_APPS lists them, starting without their API v3 routers.

Same apps, labels, models and migrations; only the registration on API v3, which the portal
does not serve, is left out (portal.startup.wagtail_api_v3_left_out explains why).
"""

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

from portal.startup import wagtail_api_v3_left_out


class RedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self):
        with wagtail_api_v3_left_out():
            super().ready()


class DocumentsConfig(WagtailDocsAppConfig):
    def ready(self):
        with wagtail_api_v3_left_out():
            super().ready()


class ImagesConfig(WagtailImagesAppConfig):
    def ready(self):
        with wagtail_api_v3_left_out():
            super().ready()


class SnippetsConfig(WagtailSnippetsAppConfig):
    def ready(self):
        with wagtail_api_v3_left_out():
            super().ready()
