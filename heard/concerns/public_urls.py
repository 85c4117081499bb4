"""The public concern channel, under /concerns/<public_slug>/ (no account needed)."""

from django.urls import path

from heard.concerns.views import public

app_name = "concerns_public"

urlpatterns = [
    path("new/", public.raise_concern, name="new"),
    path("submitted/", public.submitted, name="submitted"),
    path("status/", public.status, name="status"),
    path("status/feedback/", public.feedback, name="feedback"),
]
