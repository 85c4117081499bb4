"""URLs of disclosure (under /w/<slug>/insights/)."""

app_name = "disclosure"

urlpatterns: list = []
