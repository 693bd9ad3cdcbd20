import json

from django import template
from django.utils.safestring import mark_safe

from portal import registry
from portal.utils import canonical_url

register = template.Library()


@register.simple_tag(takes_context=True)
def person_jsonld(context, profile):
    """schema.org Person data for a public profile; no e-mail address, no street address."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile.display_name,
        "url": canonical_url(profile.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": profile.municipality.name,
            "addressRegion": profile.municipality.province.name if profile.municipality.province_id else "",
            "addressCountry": "BE",
        },
        "knowsLanguage": [lang.code for lang in profile.languages.all()],
    }
    if profile.profession_id:
        data["jobTitle"] = profile.title or profile.profession_title
    if profile.show_website and profile.website:
        data["sameAs"] = [u for u in (profile.website, profile.portfolio) if u]
    if profile.skills:
        data["knowsAbout"] = profile.skill_list()
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag
def sector_shortcuts(count=8):
    """The first sectors of the taxonomy, as links into the directory (the home page's shortcuts)."""
    from portal.taxonomy.choices import sectors

    return sectors()[:count]


@register.simple_tag
def members_of_the_day_key():
    """What the home page's members depend on: the language, the day (the fair order turns
    daily) and the content stamp (a profile saved, hidden or removed)."""
    from django.utils import timezone
    from django.utils.translation import get_language

    from portal.cache import content_stamp

    return f"{get_language()}:{timezone.localdate().isoformat()}:{content_stamp.value()}"


@register.simple_tag
def members_of_the_day(count=6):
    """Members for the home page, in the directory's fair order of the day (nobody always on
    top): the first page of an empty search. Nothing when search is down."""
    from directory.documents import MEMBERS
    from portal.search.backends import search
    from portal.search.documents import SearchUnavailable

    try:
        return search(MEMBERS.query(page_size=count)).hits
    except SearchUnavailable:
        return []


@register.filter
def field_named(form, name):
    """The bound field `name` of a form (fields other apps add have names known at run time)."""
    return form[name]


@register.simple_tag
def profile_extension_templates():
    """What other apps show on a public profile (the space the member works from)."""
    return [extension.template for extension in registry.profile_extensions() if extension.template]
