"""The one FilterSet of the member directory, for the HTML page and, later, the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.country_choices import CountryChoiceFilter
from members.models import Country, Member, MemberStatus, OgpRegion
from ogplocal.accounts.roles import roles_of


class MemberFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = CountryChoiceFilter(
        label=_("Country"),
        field_name="jurisdiction__country",
        queryset=Country.objects.filter(jurisdictions__member__isnull=False).distinct(),
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
        if not self._member_ids:
            # Only points of contact have members of their own to filter on.
            del self.filters["mine"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(jurisdiction__name__icontains=value)
            | Q(jurisdiction__region__icontains=value)
            | Q(jurisdiction__country__name__icontains=value)
        )

    def only_mine(self, queryset, name, value):
        if value:
            return queryset.filter(pk__in=self._member_ids)
        return queryset
