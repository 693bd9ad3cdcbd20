from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping[key], or None (templates cannot index a dict with a variable)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def base_space_of(user_id):
    """The published space a member works from, or None."""
    from coworking.models import MemberBase

    found = (
        MemberBase.objects.filter(user_id=user_id, space__published=True)
        .select_related("space__municipality")
        .first()
    )
    return found.space if found else None
