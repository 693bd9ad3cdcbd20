"""What the admin tests of every app share: accounts in a group, and reading admin pages."""

import re
from html import unescape

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile


def make_user(email, first_name="", last_name="", group=None, admin_language=""):
    """A verified account, in `group` when given, with the admin in `admin_language`."""
    user = get_user_model().objects.create_user(
        email=email, password="a-good-password-42", first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if admin_language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = admin_language
        profile.save()
    return user


def errors_of(html):
    """The text of the error messages in an admin form."""
    found = re.findall(r'class="[^"]*error-message[^"]*"[^>]*>(.*?)</', html, re.S)
    return [unescape(re.sub(r"<[^>]+>|\s+", " ", text)).strip() for text in found]


def text_of(html):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def said(message, language="fr", **params):
    """A message as the admin writes it in that language (French: the admin's language when
    the user has chosen none)."""
    with translation.override(language):
        text = gettext(message) if isinstance(message, str) else str(message)
        return text % params if params else text
