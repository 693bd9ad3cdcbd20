import json

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import NoReverseMatch, Resolver404, translate_url
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal import dates, registry
from portal.cache import content_memo
from portal.pages.models import OrganisationSettings, active_locale, keep, live_homes, public
from portal.utils import canonical_url as absolute

register = template.Library()


def _language_name(code):
    return settings.LANGUAGE_NAMES_LOCAL.get(code, code)


def _live_translations(page):
    if hasattr(page, "live_translations"):
        return page.live_translations()
    return list(public(page.get_translations(inclusive=True).live().select_related("locale")))


def _subpath(request, page):
    """What follows the page's own URL in the request (a RoutablePageMixin route), or ""."""
    url = page.get_url(request) or ""
    return request.path[len(url) :] if url and request.path.startswith(url) else ""


def page_alternates(request, page):
    """{language: path} of the translations of the page a visitor can reach: live, public,
    in a language whose home page is live. The same sub-route follows (e.g. the referral form).
    Worked out once per request and page (the switcher, hreflang links and sitemap ask)."""
    known = request.__dict__.setdefault("_portal_alternates", {})
    if page.pk not in known:
        known[page.pk] = _page_alternates(request, page)
    return known[page.pk]


def _page_alternates(request, page):
    homes = live_homes(request)
    suffix = _subpath(request, page)
    alternates = {}
    for translation in _live_translations(page):
        code = translation.locale.language_code
        if code in homes:
            alternates[code] = (translation.get_url(request) or "") + _translate_subpath(page, suffix, code)
    return alternates


def _translate_subpath(page, suffix, code):
    """A route's path in another language ("saisine/" → "eingabe/"): routes' segments are
    translated like the URL patterns'."""
    if not suffix or not hasattr(page, "get_resolver"):
        return suffix
    try:
        match = page.get_resolver().resolve("/" + suffix)
    except Resolver404:
        return suffix
    if not match.url_name:
        return suffix
    with override(code):
        try:
            return page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return suffix


def object_paths(context):
    """{language: path} of the object a detail view shows (`alternates_of` in its context),
    whose address is in the visitor's language, slug included ("/nl/agenda/31-netwerkontbijt-
    in-luik/"): translating the path alone would keep the slug and answer with a redirect.
    None for other views."""
    obj = context.get("alternates_of")
    if obj is None:
        return None
    known = context["request"].__dict__.setdefault("_portal_object_paths", {})
    if id(obj) not in known:
        paths = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                paths[code] = obj.get_absolute_url()
        known[id(obj)] = paths
    return known[id(obj)]


def _translate_path(full_path, code):
    """The same non-page URL in another language, its ?next= included."""
    path, _sep, query = full_path.partition("?")
    translated = translate_url(path, code)
    if query:
        params = QueryDict(query, mutable=True)
        if params.get("next", "").startswith("/"):
            params["next"] = translate_url(params["next"], code)
        translated += "?" + params.urlencode(safe="/")
    return translated


@register.inclusion_tag("portal/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language: the same page in that language, else that language's home."""
    request = context["request"]
    current = get_language()
    page = context.get("page")
    homes = live_homes(request)
    links = []
    for code, _name in settings.LANGUAGES:
        if isinstance(page, Page):
            alternates = page_alternates(request, page)
            exists = code in alternates
            url = alternates.get(code) or (homes[code].get_url(request) if code in homes else None)
        elif (paths := object_paths(context)) is not None:
            query = request.META.get("QUERY_STRING", "")
            exists, url = True, paths[code] + (f"?{query}" if query else "")
        else:
            exists, url = True, _translate_path(request.get_full_path(), code)
        if url:
            links.append({"code": code, "name": _language_name(code), "url": url, "exists": exists})
    for link in links:
        link["current"] = link["code"] == current
    return {"links": links, "current": current}


@register.inclusion_tag("portal/includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """Alternate links for the translations that exist, plus x-default (the French page)."""
    request = context["request"]
    page = context.get("page")
    order = [c for c, _n in settings.LANGUAGES]
    if isinstance(page, Page):
        paths = page_alternates(request, page)
    else:
        paths = object_paths(context) or {code: translate_url(request.path, code) for code in order}
    alternates = [{"code": code, "url": absolute(path)} for code, path in paths.items()]
    alternates.sort(key=lambda a: order.index(a["code"]))
    default = next((a for a in alternates if a["code"] == settings.LANGUAGE_CODE), None)
    return {"alternates": alternates if len(alternates) > 1 else [], "default": default}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    page = context.get("page")
    if isinstance(page, Page) and not _subpath(request, page):
        return page.get_full_url(request)
    return absolute(request.path)


@register.simple_tag(takes_context=True)
def organisation_jsonld(context):
    """schema.org Organization data for the cooperative, from the organisation settings."""
    request = context["request"]
    org = OrganisationSettings.load(request_or_site=request)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": org.name,
        "url": absolute(f"/{get_language()}/"),
    }
    if org.legal_name:
        data["legalName"] = org.legal_name
    if org.contact_email:
        data["email"] = org.contact_email
    if org.telephone:
        data["telephone"] = org.telephone
    if org.company_number:
        data["vatID"] = org.company_number
    if org.street_address or org.locality:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": org.street_address,
            "postalCode": org.postal_code,
            "addressLocality": org.locality,
            "addressCountry": "BE",
        }
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag(takes_context=True)
def home_url(context):
    homes = live_homes(context["request"])
    home = homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)
    return home.get_url(context["request"]) if home else "/"


@register.inclusion_tag("portal/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    homes = live_homes(request)
    home = homes.get(get_language())

    def menu_pages():
        items = public(home.get_children().live().in_menu()) if home else []
        return [(p.title, p.get_url(request), p.path) for p in items]

    # The same for every visitor of a language: kept until something is published.
    items = content_memo.get(("main-menu", request.get_host(), get_language()), menu_pages)
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    entries = [
        {
            "title": title,
            "url": url,
            "active": current_path.startswith(path),
            "current": current_path == path,
        }
        for title, url, path in items
    ]
    # Then the domains' own sections (the directory, …), registered by their apps.
    for label, url in registry.nav_urls():
        entries.append(
            {
                "title": label,
                "url": url,
                "active": request.path.startswith(url),
                "current": request.path == url,
            }
        )
    return {"items": entries, "request": request}


@register.simple_tag
def footer_links():
    return registry.nav_urls()


@register.filter
def long_date(value):
    """A date as people write it in the active language (portal.dates.long_date)."""
    return dates.long_date(value)


@register.filter
def weekday_date(value, year=False):
    """ "lundi 1er décembre", "Montag, 1. Dezember"; `|weekday_date:True` adds the year."""
    return dates.weekday_date(value, year=bool(year))


@register.filter
def long_datetime(value):
    """A date and time with the language's link word: "1er septembre 2026 à 14:30",
    "1. September 2026 um 14:30 Uhr"."""
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return _("%(date)s at %(time)s") % {
        "date": long_date(value),
        "time": dateformat.time_format(value, get_format("TIME_FORMAT")),
    }


@register.simple_tag(takes_context=True)
def localized_page(context, page):
    """`page.localized` (its live translation in the visitor's language, else the page), with
    the active locale and the translations kept in the process until content changes, instead
    of a query for each link."""
    if page is None:
        return None
    active = active_locale()
    if page.locale_id == active.pk:
        return page
    translation = keep(
        "page-translations", (page.translation_key, active.pk), lambda: page.get_translation_or_none(active)
    )
    return translation if translation is not None and translation.live else page


@register.filter
def get_item(mapping, key):
    """mapping[key], or None (templates cannot index a dict with a variable)."""
    return mapping.get(key) if mapping else None


@register.filter
def euros(amount):
    """ "12,50 €" or "€ 12,50" as the active language writes an amount; "–" for none."""
    from django.utils.formats import number_format

    if amount is None or amount == "":
        return "–"
    return _("€ %(amount)s") % {"amount": number_format(amount, decimal_pos=2, force_grouping=True)}
