from django.http import JsonResponse

from portal.places import lookup


def suggest(request):
    """Municipalities whose name (in any language) or postcode starts with what was typed:
    the place pickers' suggestions. Names come in the visitor's language."""
    text = request.GET.get("q", "")[:80]
    return JsonResponse(
        {"results": [{"value": value, "label": label} for value, label in lookup.suggest(text)]}
    )
