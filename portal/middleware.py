from django.middleware.locale import LocaleMiddleware

# Paths outside the language prefix: their 404s stay 404s (JSON for the API).
UNPREFIXED = (
    "/api/",
    "/admin/",
    "/documents/",
    "/sitemap.xml",
    "/robots.txt",
    "/static/",
    "/media/",
    "/health/",
)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the redirect of unprefixed 404s to /<lang>/…"""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
