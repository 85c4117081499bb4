"""URLs of disclosure reports (under /w/<slug>/insights/reports/)."""

from django.urls import path

from heard.insights.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("new/", views.ReportCreateView.as_view(), name="report_new"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/report.pdf", views.ReportDownloadView.as_view(fmt="pdf"), name="report_pdf"),
    path("<int:pk>/report.xlsx", views.ReportDownloadView.as_view(fmt="xlsx"), name="report_xlsx"),
    path("<int:pk>/report.html", views.ReportDownloadView.as_view(fmt="html"), name="report_html"),
]
