"""Country choices listed by their name in the active language, not by the stored English name.

`Country.__str__` translates the name (django-countries), so the database's `ORDER BY name` would
list "Alemania" under G in Spanish; these sort the choices in Python by the translated name.
"""

import unicodedata

import django_filters
from django.forms.models import ModelChoiceField, ModelChoiceIterator


def translated_name_key(obj: object) -> str:
    """Sort key ignoring case and accents, so "Égypte" sorts among the E's."""
    decomposed = unicodedata.normalize("NFKD", str(obj))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class TranslatedNameChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted(self.queryset, key=translated_name_key):
            yield self.choice(obj)


class CountryChoiceField(ModelChoiceField):
    iterator = TranslatedNameChoiceIterator


class CountryChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CountryChoiceField
