import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage, is_ratelimited

from directory.contact import relay_contact
from directory.documents import MEMBERS
from directory.export import export_profile
from directory.forms import ContactForm, ProfileForm, ReportForm
from directory.models import MemberProfile
from directory.reports import file_report
from portal import registry, search
from portal.accounts.verification import has_verified_email
from portal.cache import cached_for_visitors
from portal.charter.acceptance import accepted_version, has_accepted_current
from portal.search.views import search_context
from portal.utils import canonical_url


def _visible_profile(request, pk):
    """A public profile, or the owner's own profile whatever its state."""
    profile = get_object_or_404(
        MemberProfile.objects.select_related(
            "profession", "municipality__province", "municipality__region", "user"
        ).prefetch_related("sectors", "languages"),
        pk=pk,
    )
    is_owner = request.user.is_authenticated and profile.user_id == request.user.pk
    if not is_owner and not profile.is_public():
        raise Http404
    return profile, is_owner


@require_GET
@cached_for_visitors
def directory_index(request):
    context = search_context(request, MEMBERS)
    status = 503 if context["unavailable"] else 200
    if request.GET.get("partial") == "1":
        return render(request, "directory/_results.html", context, status=status)
    return render(request, "directory/index.html", context, status=status)


@require_GET
def suggestions(request):
    """Search-as-you-type for the directory's search box: names, professions, places."""
    labels = search.suggest(MEMBERS, (request.GET.get("q") or "")[:80])
    return JsonResponse({"results": [{"label": label} for label in labels]})


def _contact_usage(request, increment=False):
    return get_usage(
        request,
        group="directory-contact",
        key="user_or_ip",
        rate=settings.DIRECTORY_CONTACT_RATE_LIMIT,
        method="POST",
        increment=increment,
    )


def _contact_limited(request):
    """Whether this sender has used up their messages, without counting this attempt."""
    usage = _contact_usage(request)
    return usage is not None and usage["count"] >= usage["limit"]


@require_http_methods(["GET", "POST"])
@cached_for_visitors  # a visitor's GET; a message sent (POST) is never kept
def profile_detail(request, pk, slug=""):
    profile, is_owner = _visible_profile(request, pk)
    canonical = profile.get_absolute_url()
    if request.method == "GET" and request.path != canonical:
        return redirect(canonical, permanent=True)
    # Only an account with a confirmed address writes to a member: the member answers that
    # address, so nobody can have mail relayed to an address that is not theirs.
    can_write = has_verified_email(request.user)
    if request.method == "POST" and not can_write:
        if request.user.is_authenticated:  # logged in, address not confirmed yet
            return redirect("account_email")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': canonical + '#contact'})}")
    initial = {"name": request.user.get_full_name()} if can_write else {}
    form = ContactForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_spam():
            messages.success(request, _("Your message has been sent."))
            return redirect(canonical)
        if not form.is_valid():
            status = 400
        elif _contact_limited(request):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. Please wait an hour and try again; what you wrote is still below."  # noqa: E501
                ),
            )
            status = 429
        else:
            data = form.cleaned_data
            relay_contact(
                profile,
                data["name"],
                request.user.email,
                data["subject"],
                data["message"],
                canonical_url(canonical),
            )
            # Only messages that left count toward the limit, not attempts with a mistake.
            _contact_usage(request, increment=True)
            messages.success(request, _("Your message has been sent. The member will answer you by e-mail."))
            return redirect(canonical)
    return render(
        request,
        "directory/profile.html",
        {
            "profile": profile,
            "is_owner": is_owner,
            "contact_form": form,
            "can_write": can_write,
            "report_form": ReportForm(prefix=ReportForm.prefix_name),
        },
        status=status,
    )


@require_http_methods(["POST"])
def report_profile(request, pk):
    profile, _is_owner = _visible_profile(request, pk)
    form = ReportForm(request.POST, prefix=ReportForm.prefix_name)
    limited = is_ratelimited(
        request, group="directory-report", key="ip", rate="10/h", method="POST", increment=True
    )
    if form.is_valid() and not limited:
        file_report(profile, **form.cleaned_data)
        messages.success(request, _("Thank you. A moderator will look at this profile."))
    else:
        messages.error(request, _("Your report could not be sent: please choose what is wrong."))
    return redirect(profile.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    if not has_verified_email(request.user):
        # Nothing is published under an address nobody confirmed.
        messages.warning(
            request,
            _(
                "Please confirm your e-mail address first: use the link we sent you, or ask for a new one below."  # noqa: E501
            ),
        )
        return redirect("account_email")
    profile = MemberProfile.objects.filter(user=request.user).first()
    initial = {}
    if profile is None:
        initial = {"display_name": request.user.get_full_name(), "languages": []}
    stored_photo = profile.photo.name if profile else ""
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=profile, initial=initial, user=request.user
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.save(commit=False)
            # A new photo is only stored on saving: the preview shows the one there is.
            preview.photo.name = stored_photo
            preview.preview_sectors = form.cleaned_data["sectors"]
            preview.preview_languages = form.cleaned_data["languages"]
            if not preview.user_id:
                preview.user = request.user
        else:
            saved = form.save(commit=False)
            saved.user = request.user
            saved.updated_at = timezone.now()
            saved.charter_version = accepted_version(request.user)
            saved.save()
            form.save_m2m()
            for extension in form.extensions:
                extension.save(request.user, form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("directory:profile_edit")
    status = 400 if form.errors else 200
    return render(
        request,
        "directory/profile_edit.html",
        {
            "form": form,
            "profile": profile,
            "preview": preview,
            "charter_ok": has_accepted_current(request.user),
            "is_public": profile.is_public() if profile else False,
        },
        status=status,
    )


@login_required
@require_GET
def profile_export(request):
    data = export_profile(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-coop-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile_delete(request):
    profile = get_object_or_404(MemberProfile, user=request.user)
    if request.method == "POST":
        profile.delete()
        messages.success(request, _("Your directory profile has been deleted."))
        return redirect(reverse("accounts:account"))
    return render(request, "directory/profile_delete.html", {"profile": profile})


def site_search(text, limit):
    """The listed members who match the site search's words (portal.registry): the query, run
    with the other domains', then the profiles found with their profession and municipality, in
    one statement."""

    def found(ids, total):
        profiles = MemberProfile.objects.filter(pk__in=ids).select_related("profession", "municipality")
        by_id = {profile.pk: profile for profile in profiles}
        items = [
            (
                profile.display_name,
                profile.get_absolute_url(),
                " · ".join(
                    filter(
                        None,
                        [
                            profile.profession_title,
                            profile.municipality.name if profile.municipality_id else "",
                        ],
                    )
                ),
            )
            for profile in (by_id[pk] for pk in ids if pk in by_id)
        ]
        more = f"{reverse('directory:index')}?{urlencode({'q': text})}"
        return registry.Found(_("Member directory"), total, items, more)

    return registry.SiteQuery(search.SearchQuery(document=MEMBERS, q=text, page_size=limit), found)
