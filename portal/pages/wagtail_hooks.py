from django.http import Http404
from django.utils.translation import get_language
from wagtail import hooks


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """When a language's home page is unpublished, Wagtail routes that language to the
    default one's tree; a French page is not served under /nl/."""
    if page.locale.language_code != get_language():
        raise Http404
