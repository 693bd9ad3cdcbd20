from allauth.account.models import EmailAddress


def has_verified_email(user):
    """The account's own address was confirmed (allauth's link): the one rule for publishing a
    profile or writing to a member."""
    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
