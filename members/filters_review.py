"""The one FilterSet of a call's review queue (STYLE.md rule 11): country, OGP region, kind of
jurisdiction, population band and state, and the order of the list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from members.country_choices import CountryChoiceFilter
from members.models import Application, Country, JurisdictionKind, OgpRegion
from members.selectors_review import POPULATION_BANDS, UNDER_REVIEW_STATES, population_band_filter


class ReviewQueueFilterSet(django_filters.FilterSet):
    country = CountryChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.none(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
    )
    region = django_filters.ChoiceFilter(
        label=_("OGP region"),
        field_name="country__ogp_region",
        choices=OgpRegion.choices,
        empty_label=_("All regions"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=JurisdictionKind.choices, empty_label=_("All kinds")
    )
    population = django_filters.ChoiceFilter(
        label=_("Population"),
        choices=[(key, label) for key, label, *_rest in POPULATION_BANDS],
        empty_label=_("Any population"),
        method="in_band",
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[(state.value, state.label) for state in UNDER_REVIEW_STATES],
        empty_label=_("All states"),
    )
    order = django_filters.OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Jurisdiction"),
        fields=(
            ("jurisdiction_name", "jurisdiction"),
            ("country__name", "country"),
            ("population", "population"),
            ("submitted_on", "submitted"),
        ),
        field_labels={
            "jurisdiction_name": _("Jurisdiction"),
            "country__name": _("Country"),
            "population": _("Population"),
            "submitted_on": _("Submitted on"),
        },
    )

    class Meta:
        model = Application
        fields = ["country", "region", "kind", "population", "state"]

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the countries of this call's applications under review.
        countries = Country.objects.filter(
            applications__call=call, applications__state__in=UNDER_REVIEW_STATES
        ).distinct()
        self.filters["country"].queryset = countries

    def in_band(self, queryset, name, value):
        return queryset.filter(population_band_filter(value)) if value else queryset
