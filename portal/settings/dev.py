from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine on a developer's machine; production refuses to start without one.
SECRET_KEY = env("SECRET_KEY") or "dev-only-not-secret-0f6c1e7f"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# Serve static files from the apps without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
