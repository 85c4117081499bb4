"""Settings for the test suite: the real database from DATABASE_URL, mail captured, tasks inline."""

import os

os.environ.setdefault("HEARD_VAR_DIR", "/tmp/heard-test-var")
os.environ.setdefault(
    "HEARD_FIELD_KEYS",
    "Jd2iSMGfpWuRWgK5kCT1dP8RBbQ0JjM7Z0_A5y2fbyc=,9I0Q5hmx1hB3lL2Q9C0qkZ2bT2F8b9k7GmYV4YqZq4k=",
)
os.environ.setdefault("HEARD_SECRET_KEY", "test-secret-key-not-for-production")

from heard.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
HEARD_WEBHOOKS_ALLOW_PRIVATE = True  # tests post to a local server on 127.0.0.1
