"""The sitemap of the public pages (issue 22): home, directory, overview, every member's page and
every submitted action plan's page. Drafts are never listed (they are not public)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from actionplans.models import ActionPlan, PlanState
from members.models import Member


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "members:list", "overview"]

    def location(self, item):
        return reverse(item)


class MemberSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        # One page per jurisdiction, whatever its number of memberships (a rejoined one).
        return list(
            Member.objects.order_by("jurisdiction__slug")
            .values_list("jurisdiction__slug", flat=True)
            .distinct()
        )

    def location(self, slug):
        return reverse("members:detail", args=[slug])


class PlanSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ActionPlan.objects.filter(state=PlanState.SUBMITTED).order_by("pk")

    def location(self, plan):
        return reverse("plans:detail", args=[plan.pk])

    def lastmod(self, plan):
        return plan.updated_at


PUBLIC_SITEMAPS = {"pages": StaticPagesSitemap, "members": MemberSitemap, "plans": PlanSitemap}
