"""Who may manage which events. The cooperative's event organisers and editors manage every
event and series (the `agenda.manage_all_events` permission); partner organisers manage those
they are named on (`managers`), and those they create. Registrants' names and addresses are
only shown to people who manage the event."""

MANAGE_ALL = "agenda.manage_all_events"


def manages_all(user):
    return user.has_perm(MANAGE_ALL)


def managed(user, queryset):
    """The events or series of `queryset` this user manages."""
    return queryset if manages_all(user) else queryset.filter(managers=user)


def manages(user, obj):
    return manages_all(user) or obj.managers.filter(pk=user.pk).exists()


def can_see_registrations(user, event=None):
    """May see registrants (of `event`, or of the events they manage when it is None)."""
    return user.has_perm("agenda.view_registration") and (event is None or manages(user, event))


def can_change_registrations(user, event=None):
    return user.has_perm("agenda.change_registration") and (event is None or manages(user, event))
