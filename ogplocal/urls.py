from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from ogplocal import views
from ogplocal.sitemaps import PUBLIC_SITEMAPS

admin.site.site_header = "OGP Local — Support Unit"
admin.site.site_title = "OGP Local admin"
admin.site.index_title = "Support Unit administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path(
        "sitemap.xml",
        require_GET(sitemap_views.sitemap),
        {"sitemaps": PUBLIC_SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("members/", include("members.urls", namespace="members")),
    # The selection committee's pages: /review/ and /calls/<call>/review/… (members/urls_review.py).
    path("", include("members.urls_review", namespace="review")),
    path("calls/", include("members.urls_calls", namespace="calls")),
    # Decisions on applications (/calls/<call>/decisions/…) and coalitions (/coalitions/…).
    path("", include("members.urls_decisions", namespace="decisions")),
    # Action plans (/members/<slug>/plans/new/, /plans/…) and commitments (issue 19).
    path("", include("actionplans.urls", namespace="plans")),
    path("", include("commitments.urls", namespace="commitments")),
    # Quarterly tracker updates and voluntary inactivity (issue 21).
    path("", include("tracker.urls", namespace="tracker")),
    # Monitoring bodies and assessments (issue 20): /monitoring/…, /assessments/….
    path("", include("monitoring.urls", namespace="monitoring")),
    # Status letters of the daily job (issue 21, H4): /status-letters/<id>/letter.pdf.
    path("", include("tracker.urls_letters", namespace="status_letters")),
    # Open data (issue 22, H6): the public API, downloads, feeds and the data documentation.
    path("api/", include("ogplocal.api.urls", namespace="api")),
    path("data/", include("ogplocal.opendata.urls", namespace="opendata")),
    path("comments/", include("ogplocal.comments.urls", namespace="comments")),
    path("", include("ogplocal.corrections.urls", namespace="corrections")),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
