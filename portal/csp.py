"""Content-Security-Policy: one strict policy for the site, a separate one for Wagtail's admin.

The site's pages load their scripts, styles, fonts and images from the site itself (no inline
script or style, no other host; map tiles are the one exception, added by the app that shows a
map through settings.CSP_EXTRA_IMG_SOURCES). Wagtail's admin writes inline styles and scripts that
the site's policy would block, so /admin/ gets its own policy, still limited to this host.
"""

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIX = "/admin/"


def site_directives():
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *settings.CSP_EXTRA_IMG_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }


def admin_directives():
    return {
        **site_directives(),
        # Wagtail's admin: inline scripts and styles of its own templates (the page explorer
        # has inline <script> blocks), image previews (blob:), and the page preview that it
        # shows in an iframe of the same site.
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *settings.CSP_EXTRA_IMG_SOURCES],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
    }


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.config is None and not report_only:
            directives = (
                admin_directives() if request.path_info.startswith(ADMIN_PREFIX) else site_directives()
            )
            parts = PolicyParts(default_config(directives), parts.update, parts.replace, parts.nonce)
        return parts
