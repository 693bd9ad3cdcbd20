from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "portal.pages"
    label = "pages"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import registry
        from portal.pages.sitemap import PagesSitemap

        registry.register_sitemap("pages", PagesSitemap)

        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal.cache import content_stamp

        # Lists, sitemaps and API answers kept for visitors are built again after any change
        # of what the public sees.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(content_stamp.bump_on_commit, dispatch_uid=f"content-stamp-{signal}")
        post_delete.connect(
            content_stamp.bump_on_commit, sender=Page, dispatch_uid="content-stamp-page-delete"
        )
        from wagtail.models import Locale, PageViewRestriction, Site

        # Sites, locales and view restrictions are kept in each process with the content stamp
        # (portal.pages.models: remember_site, active_locale, private_q): a change bumps it.
        for model in (Site, Locale, PageViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(
                    content_stamp.bump_on_commit,
                    sender=model,
                    dispatch_uid=f"content-stamp-{model.__name__}-{signal}",
                )
        from portal.pages.models import OrganisationSettings

        # The organisation's settings are in every page's header and footer.
        post_save.connect(
            content_stamp.bump_on_commit, sender=OrganisationSettings, dispatch_uid="content-stamp-settings"
        )
        post_migrate.connect(follow_site_url, sender=self, dispatch_uid="pages-follow-site-url")

        from portal.pages import admin_language, translation_workflow

        # Dates of wagtail-localize's translation editor in the editor's language.
        admin_language.install()
        # Drafts of live translated pages stay out of the live page until approved.
        translation_workflow.install()


def follow_site_url(**kwargs):
    """The default site's address is SITE_URL: page links (canonical, sitemap, API) use the
    same host as every other absolute link."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from wagtail.models import Site

    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    for site in Site.objects.filter(is_default_site=True):
        site.hostname, site.port = address.hostname or "localhost", port
        site.save()  # (not update(): save() also clears Wagtail's cache of site root paths)
