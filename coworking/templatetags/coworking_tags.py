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


@register.filter
def euros(amount):
    """ "12,50 €" or "€ 12,50" as the active language writes an amount; "–" for none."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    if amount is None or amount == "":
        return "–"
    return gettext("€ %(amount)s") % {"amount": number_format(amount, decimal_pos=2)}
