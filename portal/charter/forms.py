from django import forms
from django.utils.translation import gettext_lazy as _


class CharterAcceptanceField(forms.BooleanField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("I have read the values charter and I accept it."))
        kwargs.setdefault("error_messages", {"required": _("Please accept the values charter to continue.")})
        super().__init__(required=True, **kwargs)


class CharterAcceptanceForm(forms.Form):
    accept_charter = CharterAcceptanceField()
