import django_filters
from django.utils.translation import gettext_lazy as _

from grants.models import Application, Round, Status


class ApplicationFilter(django_filters.FilterSet):
    round = django_filters.ModelChoiceFilter(label=_("Round"), queryset=Round.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)

    class Meta:
        model = Application
        fields = ["round", "status"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["round"].queryset = Round.objects.all()
