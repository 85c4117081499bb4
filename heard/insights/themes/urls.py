"""URLs of themes (under /w/<slug>/insights/)."""

app_name = "themes"

urlpatterns: list = []
