"""URLs of dashboards (under /w/<slug>/insights/)."""

app_name = "dashboards"

urlpatterns: list = []
