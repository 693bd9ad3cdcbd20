from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class CharterPageForm(WagtailAdminPageForm):
    """The charter's edit form: a changed text needs a new version number, so that members are
    asked to accept it, unless the editor says the change leaves the meaning as it was."""

    editorial_correction = forms.BooleanField(
        label=_("Editorial correction only"),
        required=False,
        help_text=_(
            "Tick this to correct a typo or a turn of phrase without changing the meaning: the "
            "version stays the same and members are not asked to accept the charter again."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        # Read by the page's clean(), which the model validation runs after this.
        self.instance.editorial_correction = bool(cleaned.get("editorial_correction"))
        return cleaned
