"""The one FilterSet of the member directory, for the HTML page and, later, the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.country_choices import CountryChoiceFilter
from members.models import Country, Member, MemberStatus, OgpRegion, fold_for_search
from ogplocal.accounts.roles import roles_of


class MemberFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = CountryChoiceFilter(
        label=_("Country"),
        field_name="jurisdiction__country",
        queryset=Country.objects.filter(jurisdictions__memberships__isnull=False).distinct(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
    )
    region = django_filters.ChoiceFilter(
        label=_("OGP region"),
        field_name="jurisdiction__country__ogp_region",
        choices=OgpRegion.choices,
        empty_label=_("All regions"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MemberStatus.choices, empty_label=_("All statuses")
    )
    mine = django_filters.BooleanFilter(
        label=_("Only members I am a point of contact for"),
        method="only_mine",
        widget=forms.CheckboxInput(),
    )

    class Meta:
        model = Member
        fields = ["q", "country", "region", "status", "mine"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._member_ids = roles_of(getattr(self.request, "user", None)).point_of_contact
        # "Only mine" asked by someone with no member of their own: an empty list that says why
        # (the template reads this), not the whole directory as if the filter had worked.
        self.mine_without_members = not self._member_ids and self._asks_for_mine()
        if not self._member_ids and not self.mine_without_members:
            # Only points of contact have members of their own to filter on.
            del self.filters["mine"]

    def _asks_for_mine(self) -> bool:
        value = (self.data or {}).get("mine", "")
        return str(value).strip().lower() in {"true", "on", "1", "yes"}

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # `search_name` holds the name and region without accents or case ("Bogotá" → "bogota"),
        # so "Bogota", "BOGOTÁ" and "sao paulo" find them on SQLite and PostgreSQL alike.
        return queryset.filter(
            Q(jurisdiction__search_name__contains=fold_for_search(value))
            | Q(jurisdiction__country__name__icontains=value)
        )

    def only_mine(self, queryset, name, value):
        if value and self.mine_without_members:
            return queryset.none()
        if value:
            return queryset.filter(pk__in=self._member_ids)
        return queryset
