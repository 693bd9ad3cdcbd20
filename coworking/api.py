"""GET /api/v1/spaces/ and /api/v1/spaces/<id>/ (written next)."""
