import json

from django import template
from django.utils.safestring import mark_safe

from portal.utils import canonical_url

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


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
