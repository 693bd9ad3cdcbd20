from django import template

register = template.Library()


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
