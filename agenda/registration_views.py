"""Registering (the form of an event's page) and managing a registration (the page its
e-mails link to, for its owner only)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage

from agenda import ics
from agenda import registration as registrations
from agenda.forms import GuestRegistrationForm, RegistrationForm
from agenda.models import Event, Registration
from agenda.registration import RegistrationRefused
from portal.accounts.verification import has_verified_email

RATE = "10/h"  # guests' registrations per address (IP) and hour: each one sends an e-mail
RATE_GROUP = "agenda-register"


def _limited(request, increment=False):
    """Whether the address has used its registrations of the hour (`increment`: count one).
    The rate is the number allowed: the eleventh of the hour is refused."""
    usage = get_usage(request, group=RATE_GROUP, key="ip", rate=RATE, method="POST", increment=increment)
    return usage is not None and usage["count"] >= usage["limit"]


def _check_your_mail(request):
    messages.success(
        request,
        _(
            "Please check your e-mail: we have sent you a link to confirm your address. Your registration counts once you have confirmed it."  # noqa: E501
        ),
    )


def _placed(request, registration):
    """The message for a member's registration, or a guest's confirmation."""
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request,
            _("You are registered for “%(title)s”. We have sent you a confirmation by e-mail.")
            % {"title": registration.event.title},
        )
    elif registration.status == Registration.Status.WAITLISTED:
        messages.info(
            request,
            _(
                "The event is full: you are on the waitlist, at position %(position)s. We will write to you as soon as a place frees up."  # noqa: E501
            )
            % {"position": registrations.waitlist_position(registration)},
        )


def _form_page(request, event, form, status):
    """The form again, with what was typed and what to correct (the event's page is not
    rendered here: the form is all that is needed)."""
    venue = ics.venues_of([event]).get(event.space_id) if event.venue == "space" else None
    context = {
        "event": event,
        "form": form,
        "place": ics.place(event, venue),
        "guest": "email" in form.fields,
    }
    return render(request, "agenda/register_done.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, pk):
    event = get_object_or_404(Event.objects.public().select_related("municipality"), pk=pk)
    back = event.get_absolute_url()
    if request.method != "POST":
        # Nothing registers on a GET (a reload, a link): the event's page has the form.
        return redirect(back)
    user = request.user
    if user.is_authenticated:
        if not has_verified_email(user):
            messages.warning(
                request,
                _(
                    "Please confirm your e-mail address first: use the link we sent you, or ask for a new one below."  # noqa: E501
                ),
            )
            return redirect("account_email")
        return _register_member(request, event, back)
    return _register_guest(request, event, back)


def _register_member(request, event, back):
    user = request.user
    form = RegistrationForm(request.POST, event=event)
    if not form.is_valid():
        return _form_page(request, event, form, status=400)
    try:
        registration = registrations.register(
            event,
            name=user.get_full_name() or user.email,
            email=user.email,
            user=user,
            companions=form.cleaned_data["companions"],
            language=get_language(),
        )
    except RegistrationRefused as refused:
        if refused.code != "already":
            messages.error(request, refused.message)
            return redirect(back)
        registration = registrations.live_registration(event, user.email)
        if registration is None or registration.status != Registration.Status.PENDING:
            messages.info(request, _("You are already registered for this event."))
            return redirect(back)
        # Registered earlier as a guest with this address, not confirmed yet: the account's
        # confirmed address does it.
        Registration.objects.filter(pk=registration.pk, user=None).update(user=user)
        try:
            registration = registrations.confirm_address(registration)
        except RegistrationRefused as closed:
            messages.error(request, closed.message)
            return redirect(back)
    _placed(request, registration)
    return redirect(back)


def _register_guest(request, event, back):
    form = GuestRegistrationForm(request.POST, event=event)
    if form.is_spam():
        _check_your_mail(request)
        return redirect(back)
    limited = _limited(request)
    if form.is_valid() and not limited:
        _limited(request, increment=True)
        data = form.cleaned_data
        try:
            registrations.register(
                event,
                name=data["name"],
                email=data["email"],
                companions=data["companions"],
                language=get_language(),
            )
        except RegistrationRefused as refused:
            if refused.code == "already":
                # Not said on the page (it would tell anyone who is coming): the address's
                # owner receives their link again.
                existing = registrations.live_registration(event, data["email"])
                if existing is not None:
                    registrations.notify(existing, "already", calendar=False)
                _check_your_mail(request)
                return redirect(back)
            if refused.code == "closed":
                messages.error(request, refused.message)
                return redirect(back)
            form.add_error(
                "companions" if refused.code in ("companions", "too_many") else None, refused.message
            )
            return _form_page(request, event, form, status=400)
        _check_your_mail(request)
        return redirect(f"{back}?sent=1#register")
    if limited:
        form.add_error(
            None,
            _(
                "You have sent several registrations in a short time. Please wait an hour and try again; what you wrote is still below."  # noqa: E501
            ),
        )
    return _form_page(request, event, form, status=429 if limited else 400)


def _owner(user, registration):
    """Anyone with the link, unless logged in as someone else (like coworking's cancel link)."""
    if not user.is_authenticated:
        return True
    if registration.user_id is not None:
        return registration.user_id == user.pk
    return registration.email.lower() == (user.email or "").lower()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    registration = registrations.from_token(token)
    if registration is None:
        return render(request, "agenda/registration.html", {"invalid": True}, status=404)
    if not _owner(request.user, registration):
        return render(request, "agenda/registration.html", {"not_yours": True}, status=403)
    event = registration.event
    now = timezone.now()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "confirm" and registration.status == Registration.Status.PENDING:
            try:
                registration = registrations.confirm_address(registration, now=now)
            except RegistrationRefused as refused:
                messages.error(request, refused.message)
            else:
                _placed(request, registration)
        elif (
            action == "cancel"
            and registration.status in registrations.LIVE
            and event.start > now
            and event.status != Event.Status.CANCELLED
        ):
            was = registration.status
            if registrations.cancel(registration, now=now):
                if was == Registration.Status.WAITLISTED:
                    messages.success(request, _("You have left the waitlist."))
                else:
                    messages.success(
                        request,
                        _("Your registration is cancelled. We have sent you a confirmation by e-mail."),
                    )
        # Back to the page (a reload does not send the form again).
        return redirect(request.path)
    venue = ics.venues_of([event]).get(event.space_id) if event.venue == "space" else None
    attending = registration.status == Registration.Status.CONFIRMED
    context = {
        "registration": registration,
        "event": event,
        "place": ics.place(event, venue, online_link=attending and event.status != Event.Status.CANCELLED),
        "position": registrations.waitlist_position(registration),
        "started": event.start <= now,
        "event_cancelled": event.status == Event.Status.CANCELLED,
        "can_cancel": registration.status in registrations.LIVE
        and event.start > now
        and event.status != Event.Status.CANCELLED,
    }
    return render(request, "agenda/registration.html", context)
