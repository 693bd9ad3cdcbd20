"""The admin in the editor's language where wagtail-localize (1.14) writes English whatever it is.

Most of what editors read in English or broken comes from wagtail-localize's and Wagtail's
catalogues: portal/pages/admin_locale/ (settings.LOCALE_PATHS) fills those gaps, and
scripts/check_admin_catalogues.py finds new ones. This module fixes what wagtail-localize
writes without gettext:
- the dates of the translation editor's strings ("Translated manually on 26 November 2026"):
  written with strftime("%B"), that is in English; here with the language's DATE_FORMAT;
- the translations report's "Source locale" and "Target locale" filters (django-filter names
  them after model fields that have no verbose_name) and its count, "21 translations" (the
  model's verbose_name_plural, in English too): TranslationsReportView below, served at
  wagtail-localize's address (portal/pages/wagtail_hooks.py).
The heading and the "More actions" label that its translation editor's React code writes are
translated by portal/pages/static/pages/js/translation-editor-language.js.

The strings below are wagtail-localize's vocabulary, not the portal's own: they are
translated in admin_locale/ with the other overrides, and given to gettext through names, so
that makemessages does not put untranslated copies of them in the project's locale/.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from wagtail.admin.paginator import WagtailPaginator
from wagtail_localize.views import report

SOURCE_LOCALE = "Source locale"
TARGET_LOCALE = "Target locale"
TRANSLATIONS_COUNT = ("%(count)s translation", "%(count)s translations")
# (msgid, plural or None) of each: scripts/check_admin_catalogues.py checks their translations.
STRINGS = [(SOURCE_LOCALE, None), (TARGET_LOCALE, None), TRANSLATIONS_COUNT]


def localised_comment(get_comment):
    """StringTranslation.get_comment with the date written as the rest of the portal writes it
    ("1er mars 2026", "1 maart 2026", "1. März 2026"), in the portal's time zone;
    wagtail-localize's wording and its translations are kept."""

    def get_comment_in_language(self):
        comment = get_comment(self)
        if comment and self.updated_at:
            from wagtail_localize.compat import DATE_FORMAT

            from portal.templatetags.portal_tags import long_date

            comment = comment.replace(self.updated_at.strftime(DATE_FORMAT), long_date(self.updated_at))
        return comment

    get_comment_in_language.localised = True
    return get_comment_in_language


def install():
    """Called once the apps are ready (portal.pages.apps)."""
    from wagtail_localize.models import StringTranslation

    if not getattr(StringTranslation.get_comment, "localised", False):
        StringTranslation.get_comment = localised_comment(StringTranslation.get_comment)


class TranslationsPaginator(WagtailPaginator):
    @cached_property
    def items_count_label(self):
        return ngettext(*TRANSLATIONS_COUNT, self.count) % {"count": self.count}


class TranslationsReportFilterSet(report.TranslationsReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source_locale"].label = gettext(SOURCE_LOCALE)
        self.filters["target_locale"].label = gettext(TARGET_LOCALE)


class TranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's translations report, every label in the editor's language."""

    filterset_class = TranslationsReportFilterSet
    paginator_class = TranslationsPaginator
