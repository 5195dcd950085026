"""The data migration of issue 17: each jurisdiction's `term_ends_on` becomes its first term
record, and search names are filled for the rows that exist."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("members", "0001_initial")]
AFTER = [("members", "0002_membership_shape")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_term_ends_on_becomes_the_first_term_record_and_search_names_are_filled(old_apps):
    Country = old_apps.get_model("members", "Country")
    Jurisdiction = old_apps.get_model("members", "Jurisdiction")
    Member = old_apps.get_model("members", "Member")
    country = Country.objects.create(name="Colombia", iso_code="CO", ogp_region="latin_america")
    bogota = Jurisdiction.objects.create(
        name="Bogotá",
        slug="bogota",
        country=country,
        region="Capital District",
        kind="district",
        term_ends_on=date(2027, 12, 31),
    )
    Jurisdiction.objects.create(name="Nariño", slug="narino", country=country, kind="region")
    Member.objects.create(
        jurisdiction=bogota,
        slug="bogota",
        joined_on=date(2022, 4, 4),
        first_plan_due_on=date(2022, 10, 4),
    )

    new_apps = _migrate(AFTER)

    Term = new_apps.get_model("members", "JurisdictionTerm")
    NewJurisdiction = new_apps.get_model("members", "Jurisdiction")
    [term] = Term.objects.all()
    assert (term.jurisdiction.slug, term.ends_on, term.recorded_on) == (
        "bogota",
        date(2027, 12, 31),
        date(2022, 4, 4),  # known since the member joined
    )
    assert term.reason
    assert set(NewJurisdiction.objects.values_list("search_name", flat=True)) == {
        "bogota capital district",
        "narino",
    }
