from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import F
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member, editor or committee member. People log in with their e-mail address."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        help_text=_("Language of the e-mails the portal sends you."),
    )

    # Part of every session's signature: raising it (a change of rights, see signals.py) ends
    # the account's sessions everywhere, as a change of password does.
    security_stamp = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def _get_session_auth_hash(self, secret=None):
        rights = f"{self.password}|{self.security_stamp}|{self.is_staff:d}{self.is_superuser:d}"
        return salted_hmac(
            "portal.accounts.User.session", rights, secret=secret, algorithm="sha256"
        ).hexdigest()

    def end_sessions(self):
        """Sign the account out everywhere (its sessions no longer match)."""
        User.objects.filter(pk=self.pk).update(security_stamp=F("security_stamp") + 1)
        self.refresh_from_db(fields=["security_stamp"])
