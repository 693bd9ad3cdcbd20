from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A message on its way out. Its content is kept until it is delivered (then erased: relayed
    messages are personal data) so that nothing is lost while the mail server is down."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        RETRYING = "retrying", _("Not sent yet, will try again")
        FAILED = "failed", _("Not sent, gave up")
        SENT = "sent", _("Sent")

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    # The message's parts (portal.mail.queue.to_record): JSON, readable, no pickles.
    message = models.JSONField(_("message"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.subject or f"#{self.pk}"
