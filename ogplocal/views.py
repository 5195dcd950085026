from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ogplocal.http import public_page


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The public home page: who is in OGP Local, are they keeping their promises, how do we know
    (the overview's figures), then OGP Local in plain words from the Handbook."""
    from members.selectors_overview import programme_overview

    return render(request, "home.html", {"summary": programme_overview(as_of=request.as_of)})


@require_GET
@public_page
def overview(request: HttpRequest) -> HttpResponse:
    """The programme overview: members by status, region and cohort, commitments by policy area
    and sector, tracker updates on time, and a map, as server-drawn SVG with data tables."""
    from members.selectors_overview import programme_overview

    return render(
        request,
        "overview.html",
        {
            "overview": programme_overview(as_of=request.as_of),
            "meta_description": _(
                "OGP Local in figures: members by status, region and year of joining, commitments "
                "by policy area and sector, tracker updates on time, and a map of the members."
            ),
        },
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for the load balancer and docker-compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
