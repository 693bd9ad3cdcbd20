"""allauth's login form as the portal shows it. Apart from portal.accounts.forms: allauth's forms
module imports that one (ACCOUNT_SIGNUP_FORM_CLASS), so it cannot import allauth's forms."""

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Remember me" follows its checkbox (site.css): no colon, which only a label above or
        # before a field takes ("Se souvenir de moi :").
        if "remember" in self.fields:
            self.fields["remember"].label_suffix = ""
