def only_v1(endpoints):
    """The OpenAPI schema documents our REST API (/api/v1/), not Wagtail's own endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
