"""URLs of briefs (under /w/<slug>/insights/)."""

app_name = "briefs"

urlpatterns: list = []
